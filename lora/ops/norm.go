package ops

import (
	"fmt"
	"math"
)

// rmsScale is 1/sqrt(ss/d+eps) for a row with sum of squares ss.
func rmsScale(ss float64, d int, eps float32) float32 {
	return float32(1 / math.Sqrt(ss/float64(d)+float64(eps)))
}

func checkRows(op string, name string, s []float32, n, d int) {
	if len(s) < n*d {
		panic(fmt.Sprintf("ops: %s: %s has %d values, want %d rows of %d", op, name, len(s), n, d))
	}
}

// RMSNorm normalises n rows of d values: out = x / sqrt(mean(x²)+eps) * w
// (computed as (x·r)·w with r = 1/sqrt(mean(x²)+eps), as in Hugging Face,
// the sum of squares in float64). out may alias x.
func RMSNorm(out, x, w []float32, n, d int, eps float32) {
	checkRows("RMSNorm", "x", x, n, d)
	checkRows("RMSNorm", "out", out, n, d)
	checkRows("RMSNorm", "w", w, 1, d)
	w = w[:d]
	kn := active
	parallelFor(n, 4*d, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			xr := x[i*d : (i+1)*d]
			kn.mulScale(out[i*d:(i+1)*d], xr, w, rmsScale(kn.sumSq(xr), d, eps))
		}
	})
}

// RMSNormBackward computes the gradients of RMSNorm given dy, the gradient
// of its output, and the forward input x. dx (n×d) is overwritten; when dw
// is non-nil the weight gradient is added to it (+=), each element summed
// over the rows in row order in float64. dx must not alias dy or x.
// Row sums (of x² and of dy·w·x) are taken in float64.
//
// With r = 1/sqrt(mean(x²)+eps):
//
//	dx_i = r·w_i·dy_i − x_i · r³/d · Σ_j dy_j·w_j·x_j
//	dw_i += Σ_rows dy_i·x_i·r
func RMSNormBackward(dx, dw, dy, x, w []float32, n, d int, eps float32) {
	checkRows("RMSNormBackward", "x", x, n, d)
	checkRows("RMSNormBackward", "dy", dy, n, d)
	checkRows("RMSNormBackward", "dx", dx, n, d)
	checkRows("RMSNormBackward", "w", w, 1, d)
	if dw != nil {
		checkRows("RMSNormBackward", "dw", dw, 1, d)
	}
	w = w[:d]
	kn := active
	rs := getBuf(n)
	defer putBuf(rs)
	r := (*rs)[:n]
	parallelFor(n, 6*d, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			xr, dyr := x[i*d:(i+1)*d], dy[i*d:(i+1)*d]
			ri := rmsScale(kn.sumSq(xr), d, eps)
			r[i] = ri
			rr := float64(ri)
			coef := float32(rr * rr * rr * kn.dot3(dyr, w, xr) / float64(d))
			kn.rmsBwd(dx[i*d:(i+1)*d], dyr, xr, w, ri, coef)
		}
	})
	if dw == nil || n == 0 {
		return
	}
	// Columns are independent; each sums its rows in order.
	const block = 64
	parallelFor((d+block-1)/block, 3*n*block, func(lo, hi int) {
		var acc [block]float64
		for b := lo; b < hi; b++ {
			c0, c1 := b*block, min((b+1)*block, d)
			a := acc[:c1-c0]
			clear(a)
			kn.rmsDw(a, dy[c0:], x[c0:], d, r)
			dwb := dw[c0:c1]
			for j, v := range a {
				dwb[j] += float32(v)
			}
		}
	})
}

// Portable versions of the RMSNorm row kernels.

func sumSqGo(x []float32) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		a, b, c, d := float64(v[0]), float64(v[1]), float64(v[2]), float64(v[3])
		s0 += a * a
		s1 += b * b
		s2 += c * c
		s3 += d * d
	}
	for ; i < len(x); i++ {
		a := float64(x[i])
		s0 += a * a
	}
	return (s0 + s1) + (s2 + s3)
}

func dot3Go(a, b, c []float32) float64 {
	b, c = b[:len(a)], c[:len(a)]
	s := 0.0
	for j, v := range a {
		s += float64(v) * float64(b[j]) * float64(c[j])
	}
	return s
}

func mulScaleGo(out, x, w []float32, r float32) {
	x, w = x[:len(out)], w[:len(out)]
	for j, v := range x {
		out[j] = v * r * w[j]
	}
}

func rmsBwdGo(dx, dy, x, w []float32, r, coef float32) {
	dy, x, w = dy[:len(dx)], x[:len(dx)], w[:len(dx)]
	for j, wj := range w {
		dx[j] = r*wj*dy[j] - coef*x[j]
	}
}

func rmsDwGo(acc []float64, dy, x []float32, ld int, r []float32) {
	for i, ri := range r {
		xr, dyr := x[i*ld:i*ld+len(acc)], dy[i*ld:i*ld+len(acc)]
		rr := float64(ri)
		for j := range acc {
			acc[j] += float64(dyr[j]) * float64(xr[j]) * rr
		}
	}
}
