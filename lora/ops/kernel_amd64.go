//go:build amd64

package ops

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// Assembly kernels (gemm_amd64.s, vec_amd64.s). The pointers are only read or written
// for the duration of the call.

//go:noescape
func microAVX512(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)

//go:noescape
func microRAVX512(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)

//go:noescape
func dot1AVX512(k int, a, b *float32, ldb int, out *float32)

//go:noescape
func dot4AVX512(k int, a *float32, lda int, b *float32, ldb int, out *float32)

//go:noescape
func dot2AVX512(k int, a *float32, lda int, b *float32, ldb int, out *float32)

//go:noescape
func microAVX2(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)

//go:noescape
func microRAVX2(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)

//go:noescape
func dot1AVX2(k int, a, b *float32, ldb int, out *float32)

//go:noescape
func dot2AVX2(k int, a *float32, lda int, b *float32, ldb int, out *float32)

//go:noescape
func expSumAVX512(dst, src *float32, n int, scale, sub float32) float64

//go:noescape
func maxAVX512(x *float32, n int) float32

//go:noescape
func scaleAVX512(x *float32, n int, a float32)

//go:noescape
func swigluAVX512(out, gate, up *float32, n int)

//go:noescape
func swigluBwdAVX512(dg, du, dout, gate, up *float32, n int)

//go:noescape
func expSumAVX2(dst, src *float32, n int, scale, sub float32) float64

//go:noescape
func maxAVX2(x *float32, n int) float32

//go:noescape
func scaleAVX2(x *float32, n int, a float32)

//go:noescape
func swigluAVX2(out, gate, up *float32, n int)

//go:noescape
func swigluBwdAVX2(dg, du, dout, gate, up *float32, n int)

//go:noescape
func dotAVX512(a, b *float32, n int) float32

//go:noescape
func softmaxBwdAVX512(ds, p *float32, n int, dot, scale float32)

//go:noescape
func dotAVX2(a, b *float32, n int) float32

//go:noescape
func softmaxBwdAVX2(ds, p *float32, n int, dot, scale float32)

//go:noescape
func sumSqAVX512(x *float32, n int) float64

//go:noescape
func dot3AVX512(a, b, c *float32, n int) float64

//go:noescape
func mulScaleAVX512(out, x, w *float32, n int, r float32)

//go:noescape
func rmsBwdAVX512(dx, dy, x, w *float32, n int, r, coef float32)

//go:noescape
func rmsDw64AVX512(acc *float64, dy, x *float32, ld int, r *float32, rows int)

//go:noescape
func ropeAVX512(x, cos, sin *float32, nHeads, half int, inverse bool)

// avx512Kernels uses 12×32 tiles held in 24 zmm registers.
var avx512Kernels = &kernels{name: "avx512", kind: kindAVX512, mr: 12, nr: 32, sub: 4, dotRows: 4}

// avx2Kernels uses 6×16 tiles held in 12 ymm registers.
var avx2Kernels = &kernels{name: "avx2", kind: kindAVX2, mr: 6, nr: 16, sub: 2, dotRows: 2}

func (kn *kernels) micro(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	switch kn.kind {
	case kindAVX512:
		microAVX512(k, a, astep, b, ldb, c, ldc, rows, add)
	case kindAVX2:
		microAVX2(k, a, astep, b, ldb, c, ldc, rows, add)
	default:
		microGo(k, a, astep, b, ldb, c, ldc, rows, add)
	}
}

func (kn *kernels) microR(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	switch kn.kind {
	case kindAVX512:
		microRAVX512(k, a, lda, b, ldb, c, ldc, rows, add)
	case kindAVX2:
		microRAVX2(k, a, lda, b, ldb, c, ldc, rows, add)
	default:
		microRGo(k, a, lda, b, ldb, c, ldc, rows, add)
	}
}

func (kn *kernels) dot1(k int, a, b *float32, ldb int, out *float32) {
	switch kn.kind {
	case kindAVX512:
		dot1AVX512(k, a, b, ldb, out)
	case kindAVX2:
		dot1AVX2(k, a, b, ldb, out)
	default:
		dot1Go(k, a, b, ldb, out)
	}
}

// dot2 writes out[i*8+j] = Σ_p a[i*lda+p]·b[j*ldb+p] for i < 2, j < 8,
// reducing each element like dot1.
func (kn *kernels) dot2(k int, a *float32, lda int, b *float32, ldb int, out *float32) {
	switch kn.kind {
	case kindAVX512:
		dot2AVX512(k, a, lda, b, ldb, out)
	default:
		o := unsafe.Slice(out, 16)
		kn.dot1(k, a, b, ldb, &o[0])
		kn.dot1(k, (*float32)(unsafe.Add(unsafe.Pointer(a), 4*lda)), b, ldb, &o[8])
	}
}

func (kn *kernels) dotM(k int, a *float32, lda int, b *float32, ldb int, out *float32) {
	switch kn.kind {
	case kindAVX512:
		dot4AVX512(k, a, lda, b, ldb, out)
	case kindAVX2:
		dot2AVX2(k, a, lda, b, ldb, out)
	default:
		dotMGo(k, a, lda, b, ldb, out)
	}
}

// The vector kernels. The AVX2 versions take whole 8-float vectors; the
// last n%8 elements go through the Go code.

// expSum sets dst[j] = e^(src[j]·scale − sub) and returns Σ dst[j] in
// float64, in an order fixed by len(src).
func (kn *kernels) expSum(dst, src []float32, scale, sub float32) float64 {
	n := len(src)
	dst = dst[:n]
	if n == 0 {
		return 0
	}
	switch kn.kind {
	case kindAVX512:
		return expSumAVX512(&dst[0], &src[0], n, scale, sub)
	case kindAVX2:
		m, s := n&^7, 0.0
		if m > 0 {
			s = expSumAVX2(&dst[0], &src[0], m, scale, sub)
		}
		return s + expSumGo(dst[m:], src[m:], scale, sub)
	}
	return expSumGo(dst, src, scale, sub)
}

// vmax is the largest element of x (len(x) >= 1).
func (kn *kernels) vmax(x []float32) float32 {
	n := len(x)
	switch kn.kind {
	case kindAVX512:
		return maxAVX512(&x[0], n)
	case kindAVX2:
		m := n &^ 7
		if m == 0 {
			break
		}
		v := maxAVX2(&x[0], m)
		if m < n {
			v = max(v, maxGo(x[m:]))
		}
		return v
	}
	return maxGo(x)
}

// vscale multiplies x by a.
func (kn *kernels) vscale(x []float32, a float32) {
	n := len(x)
	if n == 0 {
		return
	}
	switch kn.kind {
	case kindAVX512:
		scaleAVX512(&x[0], n, a)
		return
	case kindAVX2:
		m := n &^ 7
		if m > 0 {
			scaleAVX2(&x[0], m, a)
		}
		scaleGo(x[m:], a)
		return
	}
	scaleGo(x, a)
}

// swiglu sets out = g·sigmoid(g)·u (equal lengths).
func (kn *kernels) swiglu(out, g, u []float32) {
	n := len(out)
	if n == 0 {
		return
	}
	switch kn.kind {
	case kindAVX512:
		swigluAVX512(&out[0], &g[0], &u[0], n)
		return
	case kindAVX2:
		m := n &^ 7
		if m > 0 {
			swigluAVX2(&out[0], &g[0], &u[0], m)
		}
		swigluGo(out[m:], g[m:], u[m:])
		return
	}
	swigluGo(out, g, u)
}

// swigluBwd is the SwiGLU gradient (equal lengths).
func (kn *kernels) swigluBwd(dg, du, dout, g, u []float32) {
	n := len(dg)
	if n == 0 {
		return
	}
	switch kn.kind {
	case kindAVX512:
		swigluBwdAVX512(&dg[0], &du[0], &dout[0], &g[0], &u[0], n)
		return
	case kindAVX2:
		m := n &^ 7
		if m > 0 {
			swigluBwdAVX2(&dg[0], &du[0], &dout[0], &g[0], &u[0], m)
		}
		swigluBwdGo(dg[m:], du[m:], dout[m:], g[m:], u[m:])
		return
	}
	swigluBwdGo(dg, du, dout, g, u)
}

// softmaxBwd turns a row of dP into dS given the softmax row p:
// ds = p·(ds − Σ p·ds)·scale (equal lengths).
func (kn *kernels) softmaxBwd(ds, p []float32, scale float32) {
	n := len(p)
	ds = ds[:n]
	if n == 0 {
		return
	}
	switch kn.kind {
	case kindAVX512:
		dot := dotAVX512(&p[0], &ds[0], n)
		softmaxBwdAVX512(&ds[0], &p[0], n, dot, scale)
		return
	case kindAVX2:
		m := n &^ 7
		var dot float32
		if m > 0 {
			dot = dotAVX2(&p[0], &ds[0], m)
		}
		dot += dotGo(p[m:], ds[m:])
		if m > 0 {
			softmaxBwdAVX2(&ds[0], &p[0], m, dot, scale)
		}
		softmaxBwdGo(ds[m:], p[m:], dot, scale)
		return
	}
	softmaxBwdGo(ds, p, dotGo(p, ds), scale)
}

// RMSNorm rows: AVX-512 only; other kernel sets use the Go code.

// sumSq is Σ x² in float64.
func (kn *kernels) sumSq(x []float32) float64 {
	if kn.kind == kindAVX512 && len(x) > 0 {
		return sumSqAVX512(&x[0], len(x))
	}
	return sumSqGo(x)
}

// dot3 is Σ a·b·c in float64 (equal lengths).
func (kn *kernels) dot3(a, b, c []float32) float64 {
	if kn.kind == kindAVX512 && len(a) > 0 {
		_, _ = b[len(a)-1], c[len(a)-1]
		return dot3AVX512(&a[0], &b[0], &c[0], len(a))
	}
	return dot3Go(a, b, c)
}

// mulScale sets out = (x·r)·w (equal lengths).
func (kn *kernels) mulScale(out, x, w []float32, r float32) {
	if kn.kind == kindAVX512 && len(out) > 0 {
		_, _ = x[len(out)-1], w[len(out)-1]
		mulScaleAVX512(&out[0], &x[0], &w[0], len(out), r)
		return
	}
	mulScaleGo(out, x, w, r)
}

// rmsBwd sets dx = (r·w)·dy − coef·x (equal lengths).
func (kn *kernels) rmsBwd(dx, dy, x, w []float32, r, coef float32) {
	if kn.kind == kindAVX512 && len(dx) > 0 {
		_, _, _ = dy[len(dx)-1], x[len(dx)-1], w[len(dx)-1]
		rmsBwdAVX512(&dx[0], &dy[0], &x[0], &w[0], len(dx), r, coef)
		return
	}
	rmsBwdGo(dx, dy, x, w, r, coef)
}

// rmsDw adds Σ_i dy[i*ld+j]·x[i*ld+j]·r[i] to acc[j] for j < len(acc),
// i < len(r), in row order.
func (kn *kernels) rmsDw(acc []float64, dy, x []float32, ld int, r []float32) {
	rows := len(r)
	if kn.kind == kindAVX512 && len(acc) == 64 && rows > 0 {
		_, _ = dy[(rows-1)*ld+63], x[(rows-1)*ld+63]
		rmsDw64AVX512(&acc[0], &dy[0], &x[0], ld, &r[0], rows)
		return
	}
	rmsDwGo(acc, dy, x, ld, r)
}

// rope rotates the nHeads heads of one row x by the angles whose cos and
// sin are given (len half each), forward or inverse; see RoPE.
func (kn *kernels) rope(x, cos, sin []float32, nHeads int, inverse bool) {
	half := len(cos)
	if kn.kind == kindAVX512 && half%16 == 0 && half > 0 && nHeads > 0 {
		_, _ = x[2*half*nHeads-1], sin[half-1]
		ropeAVX512(&x[0], &cos[0], &sin[0], nHeads, half, inverse)
		return
	}
	ropeGo(x, cos, sin, nHeads, inverse)
}

func hasAVX512() bool {
	return cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL && cpu.X86.HasAVX512DQ
}

func hasAVX2() bool {
	return cpu.X86.HasAVX2 && cpu.X86.HasFMA
}

func bestKernels() *kernels {
	switch {
	case hasAVX512():
		return avx512Kernels
	case hasAVX2():
		return avx2Kernels
	}
	return goKernels
}

// allKernels lists every kernel set this machine can run, best first.
func allKernels() []*kernels {
	var ks []*kernels
	if hasAVX512() {
		ks = append(ks, avx512Kernels)
	}
	if hasAVX2() {
		ks = append(ks, avx2Kernels)
	}
	return append(ks, goKernels)
}

//go:noescape
func transpose16AVX512(dst *float32, ldd int, src *float32, lds int)

//go:noescape
func transpose8AVX2(dst *float32, ldd int, src *float32, lds int)

// transposeWidth is the block size of kn.transpose, 0 if it has none.
func (kn *kernels) transposeWidth() int {
	switch kn.kind {
	case kindAVX512:
		return 16
	case kindAVX2:
		return 8
	}
	return 0
}

// transpose sets dst[c*ldd+i] = src[i*lds+c] for a w×w block,
// w = kn.transposeWidth().
func (kn *kernels) transpose(dst *float32, ldd int, src *float32, lds int) {
	switch kn.kind {
	case kindAVX512:
		transpose16AVX512(dst, ldd, src, lds)
	case kindAVX2:
		transpose8AVX2(dst, ldd, src, lds)
	}
}
