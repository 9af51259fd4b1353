package ops

import (
	"fmt"
	"runtime"
	"sync"
)

// Blocking parameters. kc is fixed: every element of C is reduced as a
// sequence of kc-long blocks (C = acc₀, C += acc₁, ...), so the summation
// order depends on K alone, never on how the work was split.
const (
	kc = 256 // depth of one packed block
	mc = 120 // rows of C per block (a multiple of every mr)
	nc = 384 // columns of C per block (a multiple of every nr): kc·nc floats of packed B stay in L2

	// dotMaxM is the largest M for which x·Wᵀ (transB) runs as dot products
	// on the unpacked operands instead of packing (transposing) W. The two
	// paths round differently, so the choice depends on M alone.
	dotMaxM = 32
)

// Gemm computes C = op(A)·op(B) + beta·C for an M×N result with inner dimension K.
// Matrices are row-major with leading dimensions lda, ldb, ldc. op(A) is A ([M,K], lda>=K) or,
// when transA, Aᵀ with A stored [K,M] (lda>=M); likewise op(B) is B ([K,N]) or, when transB, Bᵀ with B stored [N,K].
// beta 0 means C is overwritten (old contents, even NaN, ignored); beta 1 accumulates.
//
// Any other beta scales C first. The work is spread over goroutines (see
// Parallel) by blocks of C, and each element is summed in an order fixed by
// K, so the result does not depend on GOMAXPROCS.
func Gemm(transA, transB bool, M, N, K int, A []float32, lda int, B []float32, ldb int, beta float32, C []float32, ldc int) {
	checkGemm(transA, transB, M, N, K, A, lda, B, ldb, C, ldc)
	if M == 0 || N == 0 {
		return
	}
	add := beta != 0
	if beta != 0 && beta != 1 {
		for i := range M {
			row := C[i*ldc : i*ldc+N]
			for j := range row {
				row[j] *= beta
			}
		}
	}
	if K == 0 {
		if !add {
			for i := range M {
				clear(C[i*ldc : i*ldc+N])
			}
		}
		return
	}
	// The kernels may read whole tiles of A past row M, when the slice
	// holds them; keep them inside the caller's matrices.
	if transA {
		A = A[:span(K, M, lda)]
	} else {
		A = A[:span(M, K, lda)]
	}
	kn := active
	if !transA && transB && M <= dotMaxM {
		kn.gemmDot(M, N, K, A, lda, B, ldb, C, ldc, add)
		return
	}
	kn.gemmPacked(transA, transB, M, N, K, A, lda, B, ldb, C, ldc, add)
}

// span is the number of elements a rows×cols matrix with leading dimension
// ld occupies.
func span(rows, cols, ld int) int {
	if rows == 0 || cols == 0 {
		return 0
	}
	return (rows-1)*ld + cols
}

func checkMatrix(name string, m []float32, rows, cols, ld int) {
	if ld < cols || len(m) < span(rows, cols, ld) {
		panic(fmt.Sprintf("ops: Gemm: %s is %d×%d with leading dimension %d but has length %d", name, rows, cols, ld, len(m)))
	}
}

func checkGemm(transA, transB bool, M, N, K int, A []float32, lda int, B []float32, ldb int, C []float32, ldc int) {
	if M < 0 || N < 0 || K < 0 {
		panic(fmt.Sprintf("ops: Gemm: negative size %d×%d×%d", M, N, K))
	}
	if transA {
		checkMatrix("A", A, K, M, lda)
	} else {
		checkMatrix("A", A, M, K, lda)
	}
	if transB {
		checkMatrix("B", B, N, K, ldb)
	} else {
		checkMatrix("B", B, K, N, ldb)
	}
	checkMatrix("C", C, M, N, ldc)
}

// Scratch buffers, reused across calls.
var bufPool sync.Pool

func getBuf(n int) *[]float32 {
	p, _ := bufPool.Get().(*[]float32)
	if p == nil {
		p = new([]float32)
	}
	if cap(*p) < n {
		*p = make([]float32, n)
	}
	*p = (*p)[:n]
	return p
}

func putBuf(p *[]float32) { bufPool.Put(p) }

func roundUp(n, m int) int { return (n + m - 1) / m * m }

// packA packs rows [i0,i0+rows) × columns [k0,k0+kk) of op(A) into
// zero-padded mr-row panels of kk·mr floats each.
func packA(dst []float32, mr int, transA bool, A []float32, lda, i0, rows, k0, kk int) {
	for p := 0; p < rows; p += mr {
		panel := dst[p*kk : (p+mr)*kk]
		n := min(mr, rows-p)
		if !transA {
			for r := range n {
				off := (i0+p+r)*lda + k0
				src := A[off : off+kk]
				for k, v := range src {
					panel[k*mr+r] = v
				}
			}
		} else {
			for k := range kk {
				off := (k0+k)*lda + i0 + p
				src := A[off : off+n]
				d := panel[k*mr : k*mr+n]
				for r, v := range src {
					d[r] = v
				}
			}
		}
		if n < mr {
			for k := range kk {
				clear(panel[k*mr+n : (k+1)*mr])
			}
		}
	}
}

// packB packs rows [k0,k0+kk) × columns [j0,j0+cols) of op(B) into
// zero-padded nr-column panels of kk·nr floats each.
func (kn *kernels) packB(dst []float32, transB bool, B []float32, ldb, k0, kk, j0, cols int) {
	nr := kn.nr
	w := kn.transposeWidth()
	for q := 0; q < cols; q += nr {
		panel := dst[q*kk : (q+nr)*kk]
		n := min(nr, cols-q)
		if !transB {
			for k := range kk {
				off := (k0+k)*ldb + j0 + q
				copy(panel[k*nr:k*nr+n], B[off:off+n])
			}
		} else {
			c := 0
			// Whole w×w blocks in registers, the rest element by element.
			if w > 0 && kk >= w {
				for ; c+w <= n; c += w {
					off := (j0+q+c)*ldb + k0
					_ = B[off+(w-1)*ldb+kk-1]
					k := 0
					for ; k+w <= kk; k += w {
						kn.transpose(&panel[k*nr+c], nr, &B[off+k], ldb)
					}
					for cc := range w {
						src := B[off+cc*ldb : off+cc*ldb+kk]
						for kt := k; kt < kk; kt++ {
							panel[kt*nr+c+cc] = src[kt]
						}
					}
				}
			}
			for ; c < n; c++ {
				off := (j0+q+c)*ldb + k0
				src := B[off : off+kk]
				for k, v := range src {
					panel[k*nr+c] = v
				}
			}
		}
		if n < nr {
			for k := range kk {
				clear(panel[k*nr+n : (k+1)*nr])
			}
		}
	}
}

// bmat is op(B) as the micro-kernels read it: either packed whole by
// packBAll (kc-deep blocks one after another, block b holding npad/nr
// panels and starting at b·kc·npad) or, when ld > 0, a row-major matrix
// read in place with row stride ld (all its column panels must be full).
type bmat struct {
	data    []float32
	K, npad int
	ld      int
}

// at returns B from row k0 (inside the block starting at b0) and column jc
// (a multiple of nr) onwards, with its row stride.
func (b *bmat) at(nr, b0, k0, jc int) ([]float32, int) {
	if b.ld > 0 {
		return b.data[k0*b.ld+jc:], b.ld
	}
	kcb := min(kc, b.K-b0)
	return b.data[b0*b.npad+jc*kcb+(k0-b0)*nr:], nr
}

// bview returns op(B) = B (K×N, not transposed) for the micro-kernels: in
// place when N is whole panels, else packed into buf (K·roundUp(N, nr)
// floats).
func (kn *kernels) bview(buf []float32, K, N int, B []float32, ldb int) bmat {
	if N%kn.nr == 0 {
		return bmat{data: B, ld: ldb}
	}
	return kn.packBAll(buf, false, K, N, B, ldb, false)
}

// packBAll packs all of op(B) (K×N) into buf, in parallel when par.
func (kn *kernels) packBAll(buf []float32, transB bool, K, N int, B []float32, ldb int, par bool) bmat {
	nr := kn.nr
	npad := roundUp(N, nr)
	pb := bmat{data: buf[:K*npad], K: K, npad: npad}
	nblk := (K + kc - 1) / kc
	npan := npad / nr
	item := func(lo, hi int) {
		for it := lo; it < hi; it++ {
			b0, q := (it/npan)*kc, (it%npan)*nr
			kcb := min(kc, K-b0)
			kn.packB(pb.data[b0*npad+q*kcb:], transB, B, ldb, b0, kcb, q, min(nr, N-q))
		}
	}
	if par {
		// One item copies kc·nr floats, a few microseconds.
		Parallel(nblk*npan, 4, item)
	} else {
		item(0, nblk*npan)
	}
	return pb
}

// gemmRange computes C[i0:i1, j0:j1] = op(A)[i0:i1, kLo:kHi]·B[kLo:kHi, j0:j1]
// (plus C when add). j0 must be a multiple of nr. A row panel is read in
// place when the rows the kernel reads (its height rounded up to sub) lie
// inside A — rows past i1 are computed but never stored — and is packed
// into a zero-padded buffer otherwise. Terms outside [kLo,kHi) are taken
// as zero, which gives the same bits as summing them when they are zero.
func (kn *kernels) gemmRange(transA bool, A []float32, lda int, b *bmat, C []float32, ldc int, i0, i1, j0, j1, kLo, kHi int, add bool) {
	mr, nr := kn.mr, kn.nr
	var abuf *[]float32
	var tmp [maxTile]float32
	first := true
	for b0 := kLo / kc * kc; b0 < kHi; b0 += kc {
		ks, ke := max(kLo, b0), min(kHi, b0+kc)
		kk := ke - ks
		if kk <= 0 {
			continue
		}
		acc := add || !first
		first = false
		for i := i0; i < i1; i += mr {
			mrows := min(mr, i1-i)
			rr := roundUp(mrows, kn.sub)
			rowMajor, ap, astep := false, (*float32)(nil), mr
			switch {
			case transA && (ks+kk-1)*lda+i+rr <= len(A):
				// Rows ks.. of A hold the panel's values side by side.
				ap, astep = &A[ks*lda+i], lda
			case !transA && (i+rr-1)*lda+ks+kk <= len(A):
				rowMajor, ap, astep = true, &A[i*lda+ks], lda
			default:
				if abuf == nil {
					abuf = getBuf(mr * kc)
				}
				packA(*abuf, mr, transA, A, lda, i, mrows, ks, kk)
				ap = &(*abuf)[0]
			}
			for jc := j0; jc < j1; jc += nr {
				bp, ldb := b.at(nr, b0, ks, jc)
				_ = bp[(kk-1)*ldb+nr-1]
				ncols := min(nr, j1-jc)
				dst, ldd, accd := &C[i*ldc+jc], ldc, acc
				if ncols < nr {
					dst, ldd, accd = &tmp[0], nr, false
				}
				if rowMajor {
					kn.microR(kk, ap, astep, &bp[0], ldb, dst, ldd, mrows, accd)
				} else {
					kn.micro(kk, ap, astep, &bp[0], ldb, dst, ldd, mrows, accd)
				}
				if ncols == nr {
					continue
				}
				c := i*ldc + jc
				for r := range mrows {
					crow := C[c+r*ldc : c+r*ldc+ncols]
					t := tmp[r*nr : r*nr+ncols]
					if acc {
						for j, v := range t {
							crow[j] += v
						}
					} else {
						copy(crow, t)
					}
				}
			}
		}
	}
	if abuf != nil {
		putBuf(abuf)
	}
	if first && !add {
		for i := i0; i < i1; i++ {
			clear(C[i*ldc+j0 : i*ldc+j1])
		}
	}
}

// maxTile bounds mr·nr over all kernels.
const maxTile = 12 * 32

// gemmPacked is the general path: pack op(B) once, then compute blocks of
// C in parallel, reading op(A) in place (see gemmRange).
func (kn *kernels) gemmPacked(transA, transB bool, M, N, K int, A []float32, lda int, B []float32, ldb int, C []float32, ldc int, add bool) {
	mr, nr := kn.mr, kn.nr
	procs := runtime.GOMAXPROCS(0)
	flops := 2 * M * N * K
	par := procs > 1 && flops >= minParallelCost

	npad := roundUp(N, nr)
	bbuf := getBuf(K * npad)
	defer putBuf(bbuf)
	pb := kn.packBAll(*bbuf, transB, K, N, B, ldb, par && K*npad >= 1<<15)

	if !par {
		for j := 0; j < N; j += nc {
			for i := 0; i < M; i += mc {
				kn.gemmRange(transA, A, lda, &pb, C, ldc, i, min(i+mc, M), j, min(j+nc, N), 0, K, add)
			}
		}
		return
	}

	// Cut C into tasks: whole rows of micro-tiles first, then columns when
	// that gives too few tasks to balance over the helpers.
	mTiles, nTiles := (M+mr-1)/mr, npad/nr
	maxTasks := max(1, flops/minChunkCost)
	target := min(4*procs, maxTasks)
	mPer := min(max(1, (mTiles+target-1)/target), mc/mr)
	tm := (mTiles + mPer - 1) / mPer
	nPer := min(nTiles, nc/nr)
	if tm*((nTiles+nPer-1)/nPer) < target {
		tn := min(nTiles, (target+tm-1)/tm)
		nPer = (nTiles + tn - 1) / tn
	}
	tn := (nTiles + nPer - 1) / nPer
	rowsPer, colsPer := mPer*mr, nPer*nr
	run(tm*tn, 1, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			i0, j0 := (t/tn)*rowsPer, (t%tn)*colsPer
			kn.gemmRange(transA, A, lda, &pb, C, ldc, i0, min(i0+rowsPer, M), j0, min(j0+colsPer, N), 0, K, add)
		}
	})
}

// gemmDot computes C (+)= A·Bᵀ for small M as dot products of rows of A
// and rows of B, parallel over columns of C. Rows go dotRows at a time
// through dotM (4 columns per call), then two at a time through dot2 and
// one at a time through dot1 (8 columns per call); all three reduce an
// element the same way.
func (kn *kernels) gemmDot(M, N, K int, A []float32, lda int, B []float32, ldb int, C []float32, ldc int, add bool) {
	R := kn.dotRows
	full := M / R * R
	// With fewer than 8 columns, B is padded to 8 rows.
	bsrc, bld := B, ldb
	if N < 8 {
		bpad := getBuf(8 * K)
		defer putBuf(bpad)
		clear(*bpad)
		for j := range N {
			copy((*bpad)[j*K:(j+1)*K], B[j*ldb:j*ldb+K])
		}
		bsrc, bld = *bpad, K
	}
	nb := max(N, 8)

	task := func(jlo, jhi int) {
		var out [16]float32
		// Groups of columns that run past nb are shifted left; only the
		// columns in [jlo, jhi) are stored.
		for j := jlo; j < jhi; j += 4 {
			js := min(j, nb-4)
			w := min(j+4, jhi) - j
			for i := 0; i < full; i += R {
				kn.dotM(K, &A[i*lda], lda, &bsrc[js*bld], bld, &out[0])
				mergeDot(C[i*ldc+j:], ldc, out[j-js:], 4, R, w, add)
			}
		}
		for i := full; i < M; {
			for j := jlo; j < jhi; j += 8 {
				js := min(j, nb-8)
				w := min(j+8, jhi) - j
				if M-i >= 2 {
					kn.dot2(K, &A[i*lda], lda, &bsrc[js*bld], bld, &out[0])
					mergeDot(C[i*ldc+j:], ldc, out[j-js:], 8, 2, w, add)
				} else {
					kn.dot1(K, &A[i*lda], &bsrc[js*bld], bld, &out[0])
					mergeDot(C[i*ldc+j:], ldc, out[j-js:], 8, 1, w, add)
				}
			}
			if M-i >= 2 {
				i += 2
			} else {
				i++
			}
		}
	}
	parallelFor((N+7)/8, 2*M*K*8, func(lo, hi int) { task(lo*8, min(hi*8, N)) })
}

// mergeDot stores (or adds) a rows×cols block of out (leading dimension
// ldo) into C.
func mergeDot(C []float32, ldc int, out []float32, ldo, rows, cols int, add bool) {
	for r := range rows {
		c := C[r*ldc : r*ldc+cols]
		o := out[r*ldo : r*ldo+cols]
		if add {
			for j, v := range o {
				c[j] += v
			}
		} else {
			copy(c, o)
		}
	}
}
