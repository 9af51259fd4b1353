package lora

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkDecode measures the decoding loop alone at the embedded model's
// shape: one token at a time through the KV cache for 136 positions, greedy,
// as llama2.c's run.c does, so the two can be compared on one machine.
func BenchmarkDecode(b *testing.B) {
	cfg := DefaultConfig()
	m, err := New(cfg, 1)
	if err != nil {
		b.Fatal(err)
	}
	const positions = 136
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			sc, greedy := new(scratch), newSampler(Sampling{}, 0)
			cache := m.newCache(positions)
			for b.Loop() {
				cache.len = 0
				tok := 1
				for range positions {
					tok = greedy.next(m.step(sc, []int{tok}, []span{{cache: cache, rows: 1}}))
				}
			}
			b.ReportMetric(float64(b.N*positions)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
