package lora

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkDPOTrainStep is one DPO training step (forward over chosen and
// rejected, the loss, backward into the adapter, AdamW) of the embedded
// model's shape (DefaultConfig, random weights) with a rank-8 adapter on q
// and v, on batches of 4 arithmetic chat pairs, with the base in float32 or
// NF4 (double quantisation), on 1 and 2 goroutines. tokens/s counts prompt
// and completion tokens of both sequences, padding excluded.
func BenchmarkDPOTrainStep(b *testing.B) {
	tok := testTokenizer(b, 768)
	pairs := arithmeticPairs(64, 1, true)
	for _, base := range []string{"f32", "nf4"} {
		for _, procs := range []int{1, 2} {
			b.Run(fmt.Sprintf("base=%s/procs=%d", base, procs), func(b *testing.B) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				cfg := DefaultConfig()
				cfg.VocabSize = tok.VocabSize()
				m, err := New(cfg, 1)
				if err != nil {
					b.Fatal(err)
				}
				m.Tokenizer = tok
				if base == "nf4" {
					if err := m.QuantizeBase(true); err != nil {
						b.Fatal(err)
					}
				}
				a, err := NewAdapter(m, AdapterConfig{Rank: 8}, 1)
				if err != nil {
					b.Fatal(err)
				}
				o, err := (&DPOOptions{}).withDefaults(m)
				if err != nil {
					b.Fatal(err)
				}
				seqs, err := tokenizePairs(tok, pairs, o.MaxLen, cfg.VocabSize)
				if err != nil {
					b.Fatal(err)
				}
				ref := make([]PairLogProbs, len(pairs))
				if err := m.SetAdapter(a); err != nil {
					b.Fatal(err)
				}
				a.SetTrainable(true)
				m.SetTraining(true)
				run := newDPORun(m, a, o, seqs, ref, defaultAdam(&o))
				tokens, step := 0, 0
				for b.Loop() {
					st, err := run.step(step % run.total)
					if err != nil {
						b.Fatal(err)
					}
					tokens += st.tokens
					step++
				}
				b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
			})
		}
	}
}
