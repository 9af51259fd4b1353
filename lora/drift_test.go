package lora

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/tokenizer"
)

// TestLogitDrift measures what DefaultLogitTolerance must cover: the
// largest difference between the logits a sampler decodes from, one step
// per token on one kernel set, and those the verifier's single prefill
// computes on another, over every pair of kernel sets this machine runs.
func TestLogitDrift(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile("embedded/model/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	m, err := FromBytes(read("config.json"), read("model.safetensors"), read("tokenizer.json"))
	if err != nil {
		t.Fatal(err)
	}
	saved := ops.Kernels()
	defer ops.UseKernels(saved)
	V := m.Config.VocabSize
	worst := 0.0
	for _, gen := range ops.KernelSets() {
		for _, ver := range ops.KernelSets() {
			drift := 0.0
			prompts := 12
			if testing.Short() {
				prompts = 2
			}
			for i := range prompts {
				prompt, err := m.Tokenizer.Chat([]tokenizer.Message{{Role: "user", Content: fmt.Sprintf("What is %d + %d?", 11+i*7, 5+i*3)}}, true)
				if err != nil {
					t.Fatal(err)
				}
				ops.UseKernels(gen)
				cs, err := m.Generate(context.Background(), [][]int{prompt}, GenerateOptions{Sampling: Sampling{Temperature: 1}, MinTokens: 32, MaxTokens: 32, Seed: uint64(i)})
				if err != nil {
					t.Fatal(err)
				}
				reply := cs[0].Tokens
				// The sampler's logits: a prefill of the prompt, then a
				// step per token, as Generate computes them.
				var decoded [][]float32
				sc, cache := new(scratch), m.newCache(len(prompt)+len(reply))
				row := m.step(sc, prompt, []span{{cache: cache, rows: len(prompt)}})
				for _, tok := range reply {
					decoded = append(decoded, append([]float32(nil), row[:V]...))
					row = m.step(sc, []int{tok}, []span{{cache: cache, rows: 1}})
				}
				ops.UseKernels(ver)
				err = m.Forced(prompt, [][]int{reply}, func(_, pos int, logits []float32) error {
					for j, l := range logits {
						drift = max(drift, math.Abs(float64(l)-float64(decoded[pos][j])))
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("decoded on %-6s, prefilled on %-6s: largest logit difference %.3g", gen, ver, drift)
			worst = max(worst, drift)
		}
	}
	if worst*10 > DefaultLogitTolerance {
		t.Errorf("logits drift by up to %g between kernel sets: DefaultLogitTolerance (%g) leaves less than a factor of 10", worst, DefaultLogitTolerance)
	}
}
