package ops

import "unsafe"

// kernels is one implementation of the inner loops that Gemm and Attention
// are built on: the pure-Go one here, and AVX-512 and AVX2+FMA ones on
// amd64. The kernel methods dispatch on kind with a plain switch
// (kernel_amd64.go, kernel_other.go) rather than through function values,
// so that the compiler can see that pointers to stack buffers do not
// escape.
//
// micro(k, a, astep, b, ldb, c, ldc, rows, add) computes an mr×nr tile
// acc = A·B over k steps and stores its first rows rows (1 <= rows <= mr)
// as C = acc (add false) or C = C + acc (add true), C row-major with
// leading dimension ldc. A is k-major, element (i, p) at a[p*astep+i]: a
// packed panel (astep = mr, element (i, p) at p*mr+i, zero-padded) or a
// transposed matrix read in place. B element (p, j) is at b[p*ldb+j]: a
// packed panel (ldb = nr) or a matrix read in place. Only the first
// roundUp(rows, sub) rows of A are read. microR is micro with A row-major,
// element (i, p) at a[i*lda+p]. Both compute each element as one chain of
// multiply-adds in ascending k starting from zero, so its value does not
// depend on where its tile sits or how the work was split.
//
// dot1(k, a, b, ldb, out) writes out[j] = Σ_p a[p]·b[j*ldb+p] for j < 8;
// dot2 does the same for two rows of A (out[i*8+j]); dotM(k, a, lda, b,
// ldb, out) writes out[i*4+j] = Σ_p a[i*lda+p]·b[j*ldb+p] for i < dotRows,
// j < 4. They sum in SIMD lanes and then a fixed tree; for a given kernel
// set all three reduce an element the same way, so any may compute it.
//
// The vector methods (expSum, vmax, vscale, swiglu, swigluBwd, softmaxBwd,
// transpose) are documented in kernel_amd64.go.
type kernels struct {
	name   string
	kind   kernelKind
	mr, nr int
	// The micro-kernels can also compute just the first sub, 2·sub, ...
	// rows of a tile, reading only those rows of A.
	sub int
	// dotRows is the number of rows of A that dotM handles at once.
	dotRows int
}

type kernelKind int

const (
	kindGo kernelKind = iota
	kindAVX2
	kindAVX512
)

// goKernels is the portable implementation: plain Go, 4×4 tiles.
var goKernels = &kernels{name: "go", kind: kindGo, mr: 4, nr: 4, sub: 4, dotRows: 4}

// active is the kernel set in use, chosen once at start-up (see
// kernel_amd64.go); tests swap it to exercise every implementation.
var active = bestKernels()

func microGo(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	var acc [16]float32
	if k > 0 {
		as := unsafe.Slice(a, (k-1)*astep+4)
		bs := unsafe.Slice(b, (k-1)*ldb+4)
		var c00, c01, c02, c03, c10, c11, c12, c13 float32
		var c20, c21, c22, c23, c30, c31, c32, c33 float32
		for p := range k {
			av := as[p*astep : p*astep+4 : p*astep+4]
			bv := bs[p*ldb : p*ldb+4 : p*ldb+4]
			a0, a1, a2, a3 := av[0], av[1], av[2], av[3]
			b0, b1, b2, b3 := bv[0], bv[1], bv[2], bv[3]
			c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
			c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
			c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
			c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
		}
		acc = [16]float32{c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33}
	}
	storeTile(c, ldc, rows, &acc, add)
}

func microRGo(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	var acc [16]float32
	if k > 0 {
		as := unsafe.Slice(a, 3*lda+k)
		a0s, a1s, a2s, a3s := as[:k], as[lda:lda+k], as[2*lda:2*lda+k], as[3*lda:3*lda+k]
		bs := unsafe.Slice(b, (k-1)*ldb+4)
		var c00, c01, c02, c03, c10, c11, c12, c13 float32
		var c20, c21, c22, c23, c30, c31, c32, c33 float32
		for p, a0 := range a0s {
			a1, a2, a3 := a1s[p], a2s[p], a3s[p]
			bv := bs[p*ldb : p*ldb+4 : p*ldb+4]
			b0, b1, b2, b3 := bv[0], bv[1], bv[2], bv[3]
			c00, c01, c02, c03 = c00+a0*b0, c01+a0*b1, c02+a0*b2, c03+a0*b3
			c10, c11, c12, c13 = c10+a1*b0, c11+a1*b1, c12+a1*b2, c13+a1*b3
			c20, c21, c22, c23 = c20+a2*b0, c21+a2*b1, c22+a2*b2, c23+a2*b3
			c30, c31, c32, c33 = c30+a3*b0, c31+a3*b1, c32+a3*b2, c33+a3*b3
		}
		acc = [16]float32{c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33}
	}
	storeTile(c, ldc, rows, &acc, add)
}

// storeTile stores (or adds) the first rows rows of a 4×4 tile.
func storeTile(c *float32, ldc, rows int, acc *[16]float32, add bool) {
	cs := unsafe.Slice(c, (rows-1)*ldc+4)
	for i := range rows {
		row := cs[i*ldc : i*ldc+4 : i*ldc+4]
		v := acc[i*4 : i*4+4 : i*4+4]
		if add {
			row[0] += v[0]
			row[1] += v[1]
			row[2] += v[2]
			row[3] += v[3]
		} else {
			row[0], row[1], row[2], row[3] = v[0], v[1], v[2], v[3]
		}
	}
}

// dotGo is Σ a·b in four interleaved partial sums, then (s0+s1)+(s2+s3),
// then the tail in order.
func dotGo(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	p := 0
	for ; p+4 <= len(a); p += 4 {
		av, bv := a[p:p+4:p+4], b[p:p+4:p+4]
		s0 += av[0] * bv[0]
		s1 += av[1] * bv[1]
		s2 += av[2] * bv[2]
		s3 += av[3] * bv[3]
	}
	s := (s0 + s1) + (s2 + s3)
	for ; p < len(a); p++ {
		s += a[p] * b[p]
	}
	return s
}

func dot1Go(k int, a, b *float32, ldb int, out *float32) {
	as := unsafe.Slice(a, k)
	bs := unsafe.Slice(b, 7*ldb+k)
	os := unsafe.Slice(out, 8)
	for j := range 8 {
		os[j] = dotGo(as, bs[j*ldb:j*ldb+k])
	}
}

func dotMGo(k int, a *float32, lda int, b *float32, ldb int, out *float32) {
	as := unsafe.Slice(a, 3*lda+k)
	bs := unsafe.Slice(b, 3*ldb+k)
	os := unsafe.Slice(out, 16)
	for i := range 4 {
		for j := range 4 {
			os[i*4+j] = dotGo(as[i*lda:i*lda+k], bs[j*ldb:j*ldb+k])
		}
	}
}
