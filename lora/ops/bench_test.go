package ops

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// withProcs runs b.Run once per goroutine count, setting GOMAXPROCS inside
// the leaf benchmark (the testing package resets it before each leaf).
func withProcs(b *testing.B, f func(b *testing.B)) {
	for _, p := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", p), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(p))
			f(b)
		})
	}
}

func reportFlops(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func benchGemm(b *testing.B, transA, transB bool, M, N, K int) {
	rng := rand.New(rand.NewPCG(1, 1))
	ar, ac := M, K
	if transA {
		ar, ac = K, M
	}
	br, bc := K, N
	if transB {
		br, bc = N, K
	}
	A, B, C := randSlice(rng, ar*ac), randSlice(rng, br*bc), make([]float32, M*N)
	name := fmt.Sprintf("%s/%dx%dx%d", active.name, M, N, K)
	if transA {
		name += "/tA"
	}
	if transB {
		name += "/tB"
	}
	b.Run(name, func(b *testing.B) {
		withProcs(b, func(b *testing.B) {
			for b.Loop() {
				Gemm(transA, transB, M, N, K, A, ac, B, bc, 0, C, N)
			}
			reportFlops(b, 2*float64(M)*float64(N)*float64(K))
		})
	})
}

// Training shapes (B·T = 2048 rows): forward x·Wᵀ, backward dy·W and the
// weight gradient dyᵀ·x.
func BenchmarkGemmTrain(b *testing.B) {
	benchGemm(b, false, true, 2048, 704, 256)
	benchGemm(b, false, false, 2048, 704, 256)
	benchGemm(b, false, false, 2048, 256, 704)
	benchGemm(b, true, false, 704, 256, 2048)
	benchGemm(b, true, false, 256, 704, 2048)
}

// Generation shapes: a few rows times Wᵀ.
func BenchmarkGemmGen(b *testing.B) {
	benchGemm(b, false, true, 1, 768, 256)
	benchGemm(b, false, true, 1, 704, 256)
	benchGemm(b, false, true, 1, 256, 704)
	benchGemm(b, false, true, 8, 704, 256)
}

// Attention at the model's training shape: T=128, 8 heads of 32, 4 kv
// heads. GFLOP/s counts the causal work (scores and weighted sum over keys
// 0..t).
func BenchmarkAttention(b *testing.B) {
	const T, nH, nKV, hd = 128, 8, 4, 32
	rng := rand.New(rand.NewPCG(2, 2))
	q, k, v := randSlice(rng, T*nH*hd), randSlice(rng, T*nKV*hd), randSlice(rng, T*nKV*hd)
	out, probs := make([]float32, T*nH*hd), make([]float32, nH*T*T)
	dout := randSlice(rng, T*nH*hd)
	dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
	flops := 4.0 * nH * hd * T * (T + 1) / 2
	b.Run(active.name+"/forward/T128", func(b *testing.B) {
		withProcs(b, func(b *testing.B) {
			for b.Loop() {
				Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
			}
			reportFlops(b, flops)
		})
	})
	b.Run(active.name+"/backward/T128", func(b *testing.B) {
		Attention(out, probs, q, k, v, T, 0, nH, nKV, hd)
		withProcs(b, func(b *testing.B) {
			for b.Loop() {
				AttentionBackward(dq, dk, dv, dout, probs, q, k, v, T, nH, nKV, hd)
			}
			reportFlops(b, 2*flops)
		})
	})
	// One generated token against a cache of 127 earlier ones.
	b.Run(active.name+"/decode/past127", func(b *testing.B) {
		withProcs(b, func(b *testing.B) {
			for b.Loop() {
				Attention(out[:nH*hd], nil, q[127*nH*hd:], k, v, 1, 127, nH, nKV, hd)
			}
			reportFlops(b, 4.0*nH*hd*T)
		})
	})
}

// Elementwise and row kernels at training size (2048 rows).
func BenchmarkRowOps(b *testing.B) {
	const n, d, ff, V = 2048, 256, 704, 768
	rng := rand.New(rand.NewPCG(3, 3))
	x, w, y := randSlice(rng, n*d), randSlice(rng, d), make([]float32, n*d)
	dx, dw := make([]float32, n*d), make([]float32, d)
	g, u, o := randSlice(rng, n*ff), randSlice(rng, n*ff), make([]float32, n*ff)
	dg, du := make([]float32, n*ff), make([]float32, n*ff)
	logits, dl := randSlice(rng, n*V), make([]float32, n*V)
	targets := make([]int, n)
	for i := range targets {
		targets[i] = rng.IntN(V)
	}
	rope := NewRoPE(32, 128, 10000)
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i % 128
	}
	for _, bc := range []struct {
		name string
		f    func()
	}{
		{"RMSNorm", func() { RMSNorm(y, x, w, n, d, 1e-5) }},
		{"RMSNormBackward", func() { RMSNormBackward(dx, dw, y, x, w, n, d, 1e-5) }},
		{"RoPE", func() { rope.Apply(y, pos, d/32) }},
		{"SwiGLU", func() { SwiGLU(o, g, u) }},
		{"SwiGLUBackward", func() { SwiGLUBackward(dg, du, o, g, u) }},
		{"CrossEntropy", func() { CrossEntropy(dl, logits, targets, V, 1.0/n) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			withProcs(b, func(b *testing.B) {
				for b.Loop() {
					bc.f()
				}
			})
		})
	}
}

// BenchmarkParallelOverhead is the cost of one parallel call with two
// chunks of about a microsecond each, on two goroutines.
func BenchmarkParallelOverhead(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var sink [2]float64
	for b.Loop() {
		run(2, 1, func(lo, hi int) {
			s := 0.0
			for i := range 1000 {
				s += float64(i)
			}
			sink[lo] += s
		})
	}
}

// BenchmarkGemmKernels compares the kernel sets this machine supports on
// one training and one generation shape, single-threaded.
func BenchmarkGemmKernels(b *testing.B) {
	saved := active
	defer func() { active = saved }()
	rng := rand.New(rand.NewPCG(4, 4))
	for _, kn := range allKernels() {
		for _, s := range [][3]int{{2048, 704, 256}, {1, 768, 256}} {
			M, N, K := s[0], s[1], s[2]
			A, B, C := randSlice(rng, M*K), randSlice(rng, N*K), make([]float32, M*N)
			b.Run(fmt.Sprintf("%s/%dx%dx%d/tB", kn.name, M, N, K), func(b *testing.B) {
				// Leaf benchmarks start at -cpu's GOMAXPROCS; set it here.
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
				active = kn
				for b.Loop() {
					Gemm(false, true, M, N, K, A, K, B, K, 0, C, N)
				}
				reportFlops(b, 2*float64(M)*float64(N)*float64(K))
			})
		}
	}
}
