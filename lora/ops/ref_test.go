package ops

import (
	"math"
	"testing"
)

// Float64 reference implementations, written from the definitions, and a
// finite-difference gradient checker.

func f64(s []float32) []float64 {
	out := make([]float64, len(s))
	for i, v := range s {
		out[i] = float64(v)
	}
	return out
}

func f32(s []float64) []float32 {
	out := make([]float32, len(s))
	for i, v := range s {
		out[i] = float32(v)
	}
	return out
}

func dot64(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func refRMSNorm(x, w []float64, n, d int, eps float64) []float64 {
	out := make([]float64, n*d)
	for i := range n {
		row := x[i*d : (i+1)*d]
		r := 1 / math.Sqrt(dot64(row, row)/float64(d)+eps)
		for j := range d {
			out[i*d+j] = row[j] * r * w[j]
		}
	}
	return out
}

func refRoPE(x []float64, pos []int, nH, hd int, theta float64, inverse bool) []float64 {
	out := append([]float64(nil), x...)
	half := hd / 2
	for r, p := range pos {
		for h := range nH {
			base := r*nH*hd + h*hd
			for i := range half {
				a := float64(p) * math.Pow(theta, -2*float64(i)/float64(hd))
				c, s := math.Cos(a), math.Sin(a)
				if inverse {
					s = -s
				}
				x1, x2 := x[base+i], x[base+i+half]
				out[base+i] = x1*c - x2*s
				out[base+i+half] = x2*c + x1*s
			}
		}
	}
	return out
}

func refSwiGLU(g, u []float64) []float64 {
	out := make([]float64, len(g))
	for i := range g {
		out[i] = g[i] / (1 + math.Exp(-g[i])) * u[i]
	}
	return out
}

// refAttention is causal GQA attention for T queries at positions
// past..past+T-1 over keys 0..past+T-1.
func refAttention(q, k, v []float64, T, past, nH, nKV, hd int) []float64 {
	qd, kvd, G := nH*hd, nKV*hd, nH/nKV
	out := make([]float64, T*qd)
	scale := 1 / math.Sqrt(float64(hd))
	for h := range nH {
		g := h / G
		for t := range T {
			n := past + t + 1
			s := make([]float64, n)
			m := math.Inf(-1)
			for j := range n {
				s[j] = dot64(q[t*qd+h*hd:t*qd+(h+1)*hd], k[j*kvd+g*hd:j*kvd+(g+1)*hd]) * scale
				m = math.Max(m, s[j])
			}
			z := 0.0
			for j := range s {
				s[j] = math.Exp(s[j] - m)
				z += s[j]
			}
			for j := range s {
				for d := range hd {
					out[t*qd+h*hd+d] += s[j] / z * v[j*kvd+g*hd+d]
				}
			}
		}
	}
	return out
}

// refCrossEntropy is the summed loss over rows with target >= 0.
func refCrossEntropy(logits []float64, targets []int, V int) float64 {
	loss := 0.0
	for i, t := range targets {
		if t < 0 {
			continue
		}
		row := logits[i*V : (i+1)*V]
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, v)
		}
		z := 0.0
		for _, v := range row {
			z += math.Exp(v - m)
		}
		loss += m + math.Log(z) - row[t]
	}
	return loss
}

// checkGrad compares an analytic gradient with central differences of f
// at x (in float64): |got − fd| <= tol·(1 + |fd|) elementwise.
func checkGrad(t *testing.T, name string, got []float32, x []float64, f func([]float64) float64, tol float64) {
	t.Helper()
	if len(got) != len(x) {
		t.Fatalf("%s: gradient has %d values, want %d", name, len(got), len(x))
	}
	const h = 1e-6
	xp := append([]float64(nil), x...)
	worst := 0.0
	for i := range x {
		xp[i] = x[i] + h
		fp := f(xp)
		xp[i] = x[i] - h
		fm := f(xp)
		xp[i] = x[i]
		fd := (fp - fm) / (2 * h)
		err := math.Abs(float64(got[i])-fd) / (1 + math.Abs(fd))
		worst = math.Max(worst, err)
		if !(err <= tol) {
			t.Fatalf("%s[%d]: analytic %g, finite difference %g", name, i, got[i], fd)
		}
	}
	t.Logf("%s: worst relative error %.2g over %d values", name, worst, len(x))
}

// checkClose compares float32 results with a float64 reference.
func checkClose(t *testing.T, name string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i, w := range want {
		if d := math.Abs(float64(got[i]) - w); !(d <= tol*(1+math.Abs(w))) {
			t.Fatalf("%s[%d] = %g, want %g", name, i, got[i], w)
		}
	}
}
