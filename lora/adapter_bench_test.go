package lora

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/rlfc/arena/lora/ops"
)

// BenchmarkAdapterTrainStep is one forward and backward pass of the
// embedded model's shape (DefaultConfig, vocab 768) with a rank-8 adapter
// on q, k, v and o, over 4 sequences of 128 tokens, with the base in
// float32 or NF4 (double quantisation), on 1 and 2 goroutines.
func BenchmarkAdapterTrainStep(b *testing.B) {
	const B, T = 4, 128
	for _, base := range []string{"f32", "nf4"} {
		for _, procs := range []int{1, 2} {
			b.Run(fmt.Sprintf("base=%s/procs=%d", base, procs), func(b *testing.B) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				cfg := DefaultConfig()
				m, err := New(cfg, 1)
				if err != nil {
					b.Fatal(err)
				}
				if base == "nf4" {
					if err := m.QuantizeBase(true); err != nil {
						b.Fatal(err)
					}
				}
				a, err := NewAdapter(m, AdapterConfig{Rank: 8, Dropout: 0.05, Targets: []string{"q_proj", "k_proj", "v_proj", "o_proj"}}, 1)
				if err != nil {
					b.Fatal(err)
				}
				randomizeB(a, 0.01, 1)
				a.SetTrainable(true)
				if err := m.SetAdapter(a); err != nil {
					b.Fatal(err)
				}
				m.SetTraining(true)
				inputs := randomTokens(B*T, cfg.VocabSize, 1)
				targets := randomTokens(B*T, cfg.VocabSize, 2)
				var p *Pass
				step := uint64(0)
				for b.Loop() {
					a.SetStep(step)
					step++
					a.ZeroGrad()
					p, err = m.Forward(p, inputs, B, T)
					if err != nil {
						b.Fatal(err)
					}
					ops.CrossEntropy(p.Logits, p.Logits, targets, cfg.VocabSize, 1/float32(B*T))
					p.Backward(p.Logits)
				}
				b.ReportMetric(float64(step)*B*T/b.Elapsed().Seconds(), "tokens/s")
			})
		}
	}
}

// BenchmarkNF4Gemm is y = x·Wᵀ for x [16, 256] and W [704, 256] (an
// up_proj of the embedded model at 16 rows), with W in float32 or NF4, and
// the input gradient dy·W of the same shapes.
func BenchmarkNF4Gemm(b *testing.B) {
	const n, out, in = 16, 704, 256
	w := normalMatrix(out*in, 0.02, 1)
	q := QuantizeNF4(w, out, in, true)
	x := normalMatrix(n*in, 1, 2)
	dy := normalMatrix(n*out, 1, 3)
	y := make([]float32, n*out)
	dx := make([]float32, n*in)
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("f32/procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for b.Loop() {
				ops.Gemm(false, true, n, out, in, x, in, w, in, 0, y, out)
			}
		})
		b.Run(fmt.Sprintf("nf4/procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for b.Loop() {
				q.MulT(y, x, n, 0)
			}
		})
		b.Run(fmt.Sprintf("f32-dx/procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for b.Loop() {
				ops.Gemm(false, false, n, in, out, dy, out, w, in, 0, dx, in)
			}
		})
		b.Run(fmt.Sprintf("nf4-dx/procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for b.Loop() {
				q.Mul(dx, dy, n, 0)
			}
		})
	}
}
