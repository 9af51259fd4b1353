package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestExpf(t *testing.T) {
	worst := 0.0
	check := func(x float32) {
		got := float64(expf(x))
		want := math.Exp(float64(x))
		if want < 1e-37 || want > 3e38 {
			return
		}
		rel := math.Abs(got-want) / want
		worst = math.Max(worst, rel)
		if rel > 3e-7 {
			t.Fatalf("expf(%g) = %g, want %g (rel %.3g)", x, got, want, rel)
		}
	}
	for x := float32(-87); x < 88.7; x += 0.0137 {
		check(x)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		check(float32(rng.Float64()*20 - 10))
	}
	if expf(-100) != 0 || !math.IsInf(float64(expf(100)), 1) || expf(0) != 1 {
		t.Fatalf("expf edge values: %g %g %g", expf(-100), expf(100), expf(0))
	}
	if v := expf(float32(math.NaN())); v == v {
		t.Fatalf("expf(NaN) = %g", v)
	}
	t.Logf("worst relative error %.3g", worst)
}

func TestRMSNorm(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		for _, c := range [][2]int{{3, 13}, {5, 150}} {
			testRMSNorm(t, c[0], c[1])
		}
	})
}

func testRMSNorm(t *testing.T, n, d int) {
	rng := rand.New(rand.NewPCG(5, uint64(d)))
	const eps = 1e-5
	x, w := randSlice(rng, n*d), randSlice(rng, d)
	want := refRMSNorm(f64(x), f64(w), n, d, eps)
	out := make([]float32, n*d)
	RMSNorm(out, x, w, n, d, eps)
	checkClose(t, "out", out, want, 1e-6)
	// In place.
	xc := append([]float32(nil), x...)
	RMSNorm(xc, xc, w, n, d, eps)
	for i := range out {
		if xc[i] != out[i] {
			t.Fatalf("in-place RMSNorm differs at %d", i)
		}
	}

	// Gradients of L = Σ dy ⊙ y.
	dy := randSlice(rng, n*d)
	dx := make([]float32, n*d)
	dw := randSlice(rng, d)
	dw0 := append([]float32(nil), dw...)
	RMSNormBackward(dx, dw, dy, x, w, n, d, eps)
	for i := range dw {
		dw[i] -= dw0[i] // dw accumulates
	}
	checkGrad(t, "dx", dx, f64(x), func(xx []float64) float64 {
		return dot64(refRMSNorm(xx, f64(w), n, d, eps), f64(dy))
	}, 1e-4)
	checkGrad(t, "dw", dw, f64(w), func(ww []float64) float64 {
		return dot64(refRMSNorm(f64(x), ww, n, d, eps), f64(dy))
	}, 1e-4)
	// nil dw is allowed.
	dx2 := make([]float32, n*d)
	RMSNormBackward(dx2, nil, dy, x, w, n, d, eps)
	for i := range dx {
		if dx2[i] != dx[i] {
			t.Fatalf("dx with nil dw differs at %d", i)
		}
	}
}

func TestRoPE(t *testing.T) {
	const hd, maxPos, theta = 16, 50, 10000.0
	r := NewRoPE(hd, maxPos, theta)
	rng := rand.New(rand.NewPCG(7, 8))
	pos := []int{0, 1, 7, 49, 3}
	const nH = 3
	x := randSlice(rng, len(pos)*nH*hd)
	got := append([]float32(nil), x...)
	r.Apply(got, pos, nH)
	checkClose(t, "Apply", got, refRoPE(f64(x), pos, nH, hd, theta, false), 2e-6)

	// Hugging Face convention, spelled out for one element pair: position
	// 7, head 1, i = 2 pairs with i+8 and turns by 7·θ^(-4/16).
	a := 7 * math.Pow(theta, -4.0/16)
	base := 2*nH*hd + hd
	x1, x2 := float64(x[base+2]), float64(x[base+10])
	if d := math.Abs(float64(got[base+2]) - (x1*math.Cos(a) - x2*math.Sin(a))); d > 1e-6 {
		t.Fatalf("rotate_half first half off by %g", d)
	}
	if d := math.Abs(float64(got[base+10]) - (x2*math.Cos(a) + x1*math.Sin(a))); d > 1e-6 {
		t.Fatalf("rotate_half second half off by %g", d)
	}
	// Position 0 is the identity.
	for i := range nH * hd {
		if got[i] != x[i] {
			t.Fatalf("position 0 changed element %d", i)
		}
	}

	// Backward is the transpose: <Apply(x), y> = <x, Backward(y)>, and it
	// undoes Apply.
	y := randSlice(rng, len(x))
	by := append([]float32(nil), y...)
	r.Backward(by, pos, nH)
	lhs, rhs := dot64(f64(got), f64(y)), dot64(f64(x), f64(by))
	if math.Abs(lhs-rhs) > 1e-4*(1+math.Abs(lhs)) {
		t.Fatalf("Backward is not the transpose: %g vs %g", lhs, rhs)
	}
	checkClose(t, "Backward", by, refRoPE(f64(y), pos, nH, hd, theta, true), 2e-6)
	back := append([]float32(nil), got...)
	r.Backward(back, pos, nH)
	checkClose(t, "Backward(Apply(x))", back, f64(x), 1e-5)
	// As a gradient: L = <y, Apply(x)>, dL/dx = Backward(y).
	checkGrad(t, "dx", by, f64(x), func(xx []float64) float64 {
		return dot64(refRoPE(xx, pos, nH, hd, theta, false), f64(y))
	}, 1e-5)
}

func TestSwiGLU(t *testing.T) {
	withKernels(t, testSwiGLU)
}

func testSwiGLU(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const n = 37 // a whole vector and a tail for every kernel
	g, u := randSlice(rng, n), randSlice(rng, n)
	g[0], g[1], g[2] = 30, -30, -100
	out := make([]float32, n)
	SwiGLU(out, g, u)
	checkClose(t, "out", out, refSwiGLU(f64(g), f64(u)), 1e-6)
	gc := append([]float32(nil), g...)
	SwiGLU(gc, gc, u)
	for i := range out {
		if gc[i] != out[i] {
			t.Fatalf("in-place SwiGLU differs at %d", i)
		}
	}
	dout := randSlice(rng, n)
	dg, du := make([]float32, n), make([]float32, n)
	SwiGLUBackward(dg, du, dout, g, u)
	checkGrad(t, "dgate", dg, f64(g), func(gg []float64) float64 {
		return dot64(refSwiGLU(gg, f64(u)), f64(dout))
	}, 1e-5)
	checkGrad(t, "dup", du, f64(u), func(uu []float64) float64 {
		return dot64(refSwiGLU(f64(g), uu), f64(dout))
	}, 1e-5)
}

// TestVectorKernels checks the exp-based vector kernels of every kernel
// set against float64 references, over lengths that exercise whole vectors
// and every tail size.
func TestVectorKernels(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		kn := active
		rng := rand.New(rand.NewPCG(31, 32))
		for _, n := range []int{1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 40, 100, 1000} {
			x := randSlice(rng, n)
			for i := range x {
				x[i] *= 8
			}
			x[n/2] = 20
			if n > 3 {
				x[1] = -85
			}
			const scale, sub = 0.75, 3.5
			dst := make([]float32, n)
			sum := kn.expSum(dst, x, scale, sub)
			want := 0.0
			for i, v := range x {
				e := math.Exp(float64(v*scale - sub))
				want += e
				if d := math.Abs(float64(dst[i]) - e); d > 4e-7*e+1e-37 {
					t.Fatalf("n=%d: exp(%g) = %g, want %g", n, v*scale-sub, dst[i], e)
				}
			}
			if math.Abs(sum-want) > 1e-6*want {
				t.Fatalf("n=%d: sum %g, want %g", n, sum, want)
			}
			// In place gives the same bits.
			y := append([]float32(nil), x...)
			if s2 := kn.expSum(y, y, scale, sub); s2 != sum {
				t.Fatalf("n=%d: in-place sum %g, want %g", n, s2, sum)
			}
			for i := range y {
				if y[i] != dst[i] {
					t.Fatalf("n=%d: in-place exp differs at %d", n, i)
				}
			}
			m := x[0]
			for _, v := range x {
				m = max(m, v)
			}
			if got := kn.vmax(x); got != m {
				t.Fatalf("n=%d: vmax %g, want %g", n, got, m)
			}
			kn.vscale(y, 0.5)
			for i := range y {
				if y[i] != dst[i]*0.5 {
					t.Fatalf("n=%d: vscale differs at %d", n, i)
				}
			}
			p, dp := randSlice(rng, n), randSlice(rng, n)
			dot := dot64(f64(p), f64(dp))
			ds := append([]float32(nil), dp...)
			kn.softmaxBwd(ds, p, 0.3)
			for i := range ds {
				want := float64(p[i]) * (float64(dp[i]) - dot) * 0.3
				if math.Abs(float64(ds[i])-want) > 1e-5*(1+math.Abs(want)) {
					t.Fatalf("n=%d: softmaxBwd at %d is %g, want %g", n, i, ds[i], want)
				}
			}
			g, u, dout := randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)
			out, dg, du := make([]float32, n), make([]float32, n), make([]float32, n)
			kn.swiglu(out, g, u)
			kn.swigluBwd(dg, du, dout, g, u)
			for i := range g {
				gi, ui, di := float64(g[i]), float64(u[i]), float64(dout[i])
				s := 1 / (1 + math.Exp(-gi))
				for _, c := range [][3]float64{
					{float64(out[i]), gi * s * ui, 0},
					{float64(dg[i]), di * ui * s * (1 + gi*(1-s)), 1},
					{float64(du[i]), di * gi * s, 2},
				} {
					if math.Abs(c[0]-c[1]) > 1e-6*(1+math.Abs(c[1])) {
						t.Fatalf("n=%d: swiglu output %v at %d is %g, want %g", n, c[2], i, c[0], c[1])
					}
				}
			}
		}
	})
}

// TestRoPEKernels checks the vector RoPE rows against the Go code, bit for
// bit, for head sizes the vector code takes.
func TestRoPEKernels(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(33, 34))
		for _, hd := range []int{16, 32, 64, 96} {
			r := NewRoPE(hd, 40, 10000)
			pos := []int{0, 3, 39, 17}
			const nH = 3
			x := randSlice(rng, len(pos)*nH*hd)
			for _, inverse := range []bool{false, true} {
				got := append([]float32(nil), x...)
				r.rotate(got, pos, nH, inverse)
				want := append([]float32(nil), x...)
				half := hd / 2
				for i, p := range pos {
					ropeGo(want[i*nH*hd:(i+1)*nH*hd], r.cos[p*half:(p+1)*half], r.sin[p*half:(p+1)*half], nH, inverse)
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("hd=%d inverse=%v: element %d is %g, Go code gives %g", hd, inverse, i, got[i], want[i])
					}
				}
				checkClose(t, "rope", got, refRoPE(f64(x), pos, nH, hd, 10000, inverse), 1e-5)
			}
		}
	})
}

func TestAxpy(t *testing.T) {
	x := []float32{1, 2, 3, 4, 5, 6, 7}
	y := []float32{1, 1, 1, 1, 1, 1, 1}
	Axpy(2, x, y)
	for i := range y {
		if y[i] != 1+2*x[i] {
			t.Fatalf("Axpy: y[%d] = %g", i, y[i])
		}
	}
}

func TestCrossEntropy(t *testing.T) {
	withKernels(t, testCrossEntropy)
}

func testCrossEntropy(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const V = 19
	targets := []int{3, -1, 0, 18, -5, 7}
	rows := len(targets)
	logits := randSlice(rng, rows*V)
	for i := range logits {
		logits[i] *= 3
	}
	want := refCrossEntropy(f64(logits), targets, V)
	const scale = 0.25
	dl := make([]float32, rows*V)
	loss, n := CrossEntropy(dl, logits, targets, V, scale)
	if n != 4 {
		t.Fatalf("counted %d rows, want 4", n)
	}
	if math.Abs(loss-want) > 1e-5*(1+want) {
		t.Fatalf("loss %g, want %g", loss, want)
	}
	if l2, n2 := CrossEntropy(nil, logits, targets, V, scale); l2 != loss || n2 != n {
		t.Fatalf("loss without gradient %g (%d), want %g (%d)", l2, n2, loss, n)
	}
	checkGrad(t, "dlogits", dl, f64(logits), func(x []float64) float64 {
		return scale * refCrossEntropy(x, targets, V)
	}, 1e-5)
	for _, r := range []int{1, 4} {
		for j := range V {
			if dl[r*V+j] != 0 {
				t.Fatalf("ignored row %d has gradient", r)
			}
		}
	}
	// In place.
	inp := append([]float32(nil), logits...)
	l3, _ := CrossEntropy(inp, inp, targets, V, scale)
	if l3 != loss {
		t.Fatalf("in-place loss %g, want %g", l3, loss)
	}
	for i := range dl {
		if inp[i] != dl[i] {
			t.Fatalf("in-place gradient differs at %d", i)
		}
	}
}

// TestGemmGradients checks the identities the model's backward pass uses
// for y = x·Wᵀ: dx = dy·W (no transposes) and dW += dyᵀ·x (transA).
func TestGemmGradients(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		const n, in, out = 5, 7, 6
		x, w, dy := randSlice(rng, n*in), randSlice(rng, out*in), randSlice(rng, n*out)
		loss := func(xx, ww []float64) float64 {
			s := 0.0
			for i := range n {
				for o := range out {
					s += float64(dy[i*out+o]) * dot64(xx[i*in:(i+1)*in], ww[o*in:(o+1)*in])
				}
			}
			return s
		}
		dx := make([]float32, n*in)
		Gemm(false, false, n, in, out, dy, out, w, in, 0, dx, in)
		dw := make([]float32, out*in)
		Gemm(true, false, out, in, n, dy, out, x, in, 1, dw, in)
		checkGrad(t, "dx", dx, f64(x), func(xx []float64) float64 { return loss(xx, f64(w)) }, 1e-5)
		checkGrad(t, "dW", dw, f64(w), func(ww []float64) float64 { return loss(f64(x), ww) }, 1e-5)
	})
}

type attnShape struct{ T, nH, nKV, hd int }

func TestAttention(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(15, 16))
		for _, s := range []attnShape{{1, 1, 1, 2}, {5, 4, 2, 8}, {7, 2, 2, 6}, {30, 4, 1, 16}, {53, 8, 4, 32}} {
			t.Run(fmt.Sprintf("T%d_h%d_kv%d_d%d", s.T, s.nH, s.nKV, s.hd), func(t *testing.T) {
				T, nH, nKV, hd := s.T, s.nH, s.nKV, s.hd
				q, k, v := randSlice(rng, T*nH*hd), randSlice(rng, T*nKV*hd), randSlice(rng, T*nKV*hd)
				out := make([]float32, T*nH*hd)
				probs := make([]float32, nH*T*T)
				for i := range probs {
					probs[i] = float32(math.NaN())
				}
				Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
				checkClose(t, "out", out, refAttention(f64(q), f64(k), f64(v), T, 0, nH, nKV, hd), 1e-5)
				for h := range nH {
					for i := range T {
						sum := 0.0
						for j := range T {
							p := probs[h*T*T+i*T+j]
							if j > i && p != 0 {
								t.Fatalf("probs[%d,%d,%d] = %g above the diagonal", h, i, j, p)
							}
							sum += float64(p)
						}
						if math.Abs(sum-1) > 1e-5 {
							t.Fatalf("probs row %d,%d sums to %g", h, i, sum)
						}
					}
				}
				// Without probs: the same bits.
				out2 := make([]float32, len(out))
				Attention(out2, nil, q, k, v, T, 0, nH, nKV, hd)
				for i := range out {
					if out2[i] != out[i] {
						t.Fatalf("output without probs differs at %d", i)
					}
				}
			})
		}
	})
}

func TestAttentionGradients(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(17, 18))
		for _, s := range []attnShape{{6, 4, 2, 8}, {13, 2, 1, 4}} {
			T, nH, nKV, hd := s.T, s.nH, s.nKV, s.hd
			q, k, v := randSlice(rng, T*nH*hd), randSlice(rng, T*nKV*hd), randSlice(rng, T*nKV*hd)
			dout := randSlice(rng, T*nH*hd)
			out, probs := make([]float32, T*nH*hd), make([]float32, nH*T*T)
			Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
			dq, dk, dv := randSlice(rng, len(q)), randSlice(rng, len(k)), randSlice(rng, len(v)) // overwritten
			AttentionBackward(dq, dk, dv, dout, probs, q, k, v, T, nH, nKV, hd)
			q64, k64, v64, do64 := f64(q), f64(k), f64(v), f64(dout)
			checkGrad(t, "dq", dq, q64, func(x []float64) float64 { return dot64(refAttention(x, k64, v64, T, 0, nH, nKV, hd), do64) }, 1e-4)
			checkGrad(t, "dk", dk, k64, func(x []float64) float64 { return dot64(refAttention(q64, x, v64, T, 0, nH, nKV, hd), do64) }, 1e-4)
			checkGrad(t, "dv", dv, v64, func(x []float64) float64 { return dot64(refAttention(q64, k64, x, T, 0, nH, nKV, hd), do64) }, 1e-4)
		}
	})
}

// TestAttentionCache checks that rows computed against a KV cache (past >
// 0, cache longer than needed) are bit for bit the rows of the full
// computation.
func TestAttentionCache(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(19, 20))
		for _, s := range []attnShape{{70, 8, 4, 32}, {300, 4, 2, 8}} {
			T, nH, nKV, hd := s.T, s.nH, s.nKV, s.hd
			qd, kvd := nH*hd, nKV*hd
			q := randSlice(rng, T*qd)
			cache := 2 * T // longer than used; the tail is garbage
			k, v := randSlice(rng, cache*kvd), randSlice(rng, cache*kvd)
			for i := T * kvd; i < len(k); i++ {
				k[i], v[i] = float32(math.NaN()), float32(math.Inf(1))
			}
			full := make([]float32, T*qd)
			Attention(full, nil, q, k, v, T, 0, nH, nKV, hd)
			for _, c := range [][2]int{{0, 1}, {1, 1}, {5, 3}, {T - 1, 1}, {T / 2, T - T/2}, {37, 16}} {
				past, n := c[0], c[1]
				if past+n > T {
					continue
				}
				out := make([]float32, n*qd)
				Attention(out, nil, q[past*qd:(past+n)*qd], k, v, n, past, nH, nKV, hd)
				for i := range out {
					if out[i] != full[past*qd+i] {
						t.Fatalf("T=%d past=%d rows=%d: element %d is %g, full computation has %g", T, past, n, i, out[i], full[past*qd+i])
					}
				}
			}
		}
	})
}
