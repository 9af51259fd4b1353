//go:build !amd64

package ops

import "unsafe"

func bestKernels() *kernels { return goKernels }

// allKernels lists every kernel set this machine can run, best first.
func allKernels() []*kernels { return []*kernels{goKernels} }

func (kn *kernels) micro(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	microGo(k, a, astep, b, ldb, c, ldc, rows, add)
}

func (kn *kernels) microR(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool) {
	microRGo(k, a, lda, b, ldb, c, ldc, rows, add)
}

func (kn *kernels) dot1(k int, a, b *float32, ldb int, out *float32) {
	dot1Go(k, a, b, ldb, out)
}

func (kn *kernels) dotM(k int, a *float32, lda int, b *float32, ldb int, out *float32) {
	dotMGo(k, a, lda, b, ldb, out)
}

func (kn *kernels) expSum(dst, src []float32, scale, sub float32) float64 {
	return expSumGo(dst, src, scale, sub)
}

func (kn *kernels) vmax(x []float32) float32 { return maxGo(x) }

func (kn *kernels) vscale(x []float32, a float32) { scaleGo(x, a) }

func (kn *kernels) swiglu(out, g, u []float32) { swigluGo(out, g, u) }

func (kn *kernels) swigluBwd(dg, du, dout, g, u []float32) { swigluBwdGo(dg, du, dout, g, u) }

func (kn *kernels) transposeWidth() int { return 0 }

func (kn *kernels) transpose(dst *float32, ldd int, src *float32, lds int) {}

func (kn *kernels) dot2(k int, a *float32, lda int, b *float32, ldb int, out *float32) {
	o := unsafe.Slice(out, 16)
	dot1Go(k, a, b, ldb, &o[0])
	dot1Go(k, (*float32)(unsafe.Add(unsafe.Pointer(a), 4*lda)), b, ldb, &o[8])
}

func (kn *kernels) softmaxBwd(ds, p []float32, scale float32) {
	softmaxBwdGo(ds, p, dotGo(p, ds), scale)
}

func (kn *kernels) sumSq(x []float32) float64 { return sumSqGo(x) }

func (kn *kernels) dot3(a, b, c []float32) float64 { return dot3Go(a, b, c) }

func (kn *kernels) mulScale(out, x, w []float32, r float32) { mulScaleGo(out, x, w, r) }

func (kn *kernels) rmsBwd(dx, dy, x, w []float32, r, coef float32) { rmsBwdGo(dx, dy, x, w, r, coef) }

func (kn *kernels) rmsDw(acc []float64, dy, x []float32, ld int, r []float32) {
	rmsDwGo(acc, dy, x, ld, r)
}

func (kn *kernels) rope(x, cos, sin []float32, nHeads int, inverse bool) {
	ropeGo(x, cos, sin, nHeads, inverse)
}
