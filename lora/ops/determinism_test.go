package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// sameAcrossProcs runs f under GOMAXPROCS 1, 2, 4 and 8 and requires the
// same bits every time.
func sameAcrossProcs(t *testing.T, name string, f func() []float32) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []float32
	for _, p := range []int{1, 2, 4, 8} {
		runtime.GOMAXPROCS(p)
		got := f()
		if want == nil {
			want = got
			continue
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("%s: GOMAXPROCS=%d changes element %d: %g vs %g", name, p, i, got[i], want[i])
			}
		}
	}
}

func TestDeterminism(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		type gc struct {
			tA, tB  bool
			M, N, K int
		}
		cases := []gc{
			{false, false, 130, 257, 600}, {true, false, 200, 100, 700}, {false, true, 150, 300, 260},
			{true, true, 77, 90, 300}, {false, true, 40, 700, 300}, {false, true, 1, 768, 256},
			{false, true, 3, 500, 100}, {false, true, 9, 704, 256}, {false, true, 2, 704, 256},
			{false, true, 6, 300, 257}, {false, true, 32, 256, 704},
		}
		if testing.Short() {
			cases = cases[2:]
		}
		for _, c := range cases {
			ar, ac := c.M, c.K
			if c.tA {
				ar, ac = c.K, c.M
			}
			br, bc := c.K, c.N
			if c.tB {
				br, bc = c.N, c.K
			}
			A, B, C0 := randSlice(rng, ar*ac), randSlice(rng, br*bc), randSlice(rng, c.M*c.N)
			for _, beta := range []float32{0, 1} {
				sameAcrossProcs(t, fmt.Sprintf("Gemm%+v/beta=%g", c, beta), func() []float32 {
					C := append([]float32(nil), C0...)
					Gemm(c.tA, c.tB, c.M, c.N, c.K, A, ac, B, bc, beta, C, c.N)
					return C
				})
			}
		}

		// Attention at the model's shape, forward and backward.
		T, nH, nKV, hd := 128, 8, 4, 32
		if testing.Short() {
			T = 64
		}
		q, k, v := randSlice(rng, T*nH*hd), randSlice(rng, T*nKV*hd), randSlice(rng, T*nKV*hd)
		dout := randSlice(rng, T*nH*hd)
		sameAcrossProcs(t, "Attention", func() []float32 {
			out, probs := make([]float32, T*nH*hd), make([]float32, nH*T*T)
			Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
			return append(out, probs...)
		})
		// Generation: a few new rows against a longer cache.
		for _, n := range []int{1, 3, 8} {
			past := T - n
			sameAcrossProcs(t, fmt.Sprintf("Attention/past=%d", past), func() []float32 {
				out := make([]float32, n*nH*hd)
				Attention(out, nil, q[past*nH*hd:], k, v, n, past, nH, nKV, hd)
				return out
			})
		}
		sameAcrossProcs(t, "AttentionBackward", func() []float32 {
			out, probs := make([]float32, T*nH*hd), make([]float32, nH*T*T)
			Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
			dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
			AttentionBackward(dq, dk, dv, dout, probs, q, k, v, T, nH, nKV, hd)
			return append(append(dq, dk...), dv...)
		})
	})

	rng := rand.New(rand.NewPCG(23, 24))
	n, d := 1000, 256
	x, w, dy := randSlice(rng, n*d), randSlice(rng, d), randSlice(rng, n*d)
	dw0 := randSlice(rng, d)
	sameAcrossProcs(t, "RMSNorm", func() []float32 {
		out := make([]float32, n*d)
		RMSNorm(out, x, w, n, d, 1e-5)
		return out
	})
	sameAcrossProcs(t, "RMSNormBackward", func() []float32 {
		dx, dw := make([]float32, n*d), append([]float32(nil), dw0...)
		RMSNormBackward(dx, dw, dy, x, w, n, d, 1e-5)
		return append(dx, dw...)
	})
	sameAcrossProcs(t, "SwiGLU", func() []float32 {
		out, dg, du := make([]float32, n*d), make([]float32, n*d), make([]float32, n*d)
		SwiGLU(out, x, dy)
		SwiGLUBackward(dg, du, x, dy, x)
		return append(append(out, dg...), du...)
	})
	rope := NewRoPE(32, 128, 10000)
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i % 128
	}
	sameAcrossProcs(t, "RoPE", func() []float32 {
		y := append([]float32(nil), x...)
		rope.Apply(y, pos, d/32)
		z := append([]float32(nil), y...)
		rope.Backward(z, pos, d/32)
		return append(y, z...)
	})

	V := 768
	rows := 300
	logits := randSlice(rng, rows*V)
	targets := make([]int, rows)
	for i := range targets {
		targets[i] = rng.IntN(V+20) - 20
	}
	sameAcrossProcs(t, "CrossEntropy", func() []float32 {
		dl := make([]float32, rows*V)
		loss, cnt := CrossEntropy(dl, logits, targets, V, 1/float32(rows))
		bits := math.Float64bits(loss)
		return append(dl, math.Float32frombits(uint32(bits)), math.Float32frombits(uint32(bits>>32)), float32(cnt))
	})
}

// TestGemmTileIndependence checks that an element of C gets the same bits
// wherever it falls in the tiling: in a full tile or an edge tile, read in
// place or packed, computed by the one-row or the multi-row dot kernel.
func TestGemmTileIndependence(t *testing.T) {
	withKernels(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(25, 26))
		for _, tA := range []bool{false, true} {
			for _, tB := range []bool{false, true} {
				for _, M := range []int{1, 2, 5, 30, 100} {
					const N, K = 45, 300
					ar, ac := M, K
					if tA {
						ar, ac = K, M
					}
					br, bc := K, N
					if tB {
						br, bc = N, K
					}
					A, B := randSlice(rng, ar*ac), randSlice(rng, br*bc)
					full := make([]float32, M*N)
					Gemm(tA, tB, M, N, K, A, ac, B, bc, 0, full, N)
					// Drop the first row and the first three columns: every
					// remaining element moves to a different tile position.
					if M > 1 {
						sub := make([]float32, (M-1)*N)
						if tA {
							Gemm(tA, tB, M-1, N, K, A[1:], ac, B, bc, 0, sub, N)
						} else {
							Gemm(tA, tB, M-1, N, K, A[ac:], ac, B, bc, 0, sub, N)
						}
						for i := range sub {
							if sub[i] != full[N+i] {
								t.Fatalf("tA=%v tB=%v M=%d: row shift changes element %d", tA, tB, M, N+i)
							}
						}
					}
					sub := make([]float32, M*(N-3))
					if tB {
						Gemm(tA, tB, M, N-3, K, A, ac, B[3*bc:], bc, 0, sub, N-3)
					} else {
						Gemm(tA, tB, M, N-3, K, A, ac, B[3:], bc, 0, sub, N-3)
					}
					for i := range M {
						for j := range N - 3 {
							if sub[i*(N-3)+j] != full[i*N+j+3] {
								t.Fatalf("tA=%v tB=%v M=%d: column shift changes element (%d,%d)", tA, tB, M, i, j+3)
							}
						}
					}
				}
			}
		}
	})
}
