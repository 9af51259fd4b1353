package lora_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/tokenizer"
)

// BenchmarkVerifyVsGenerate compares generating two samples of n tokens
// (as a best-of-2 request does) with verifying both at every position,
// on the embedded model with sum-duel's prompt: the verification cost is
// verify's time over generate's.
func BenchmarkVerifyVsGenerate(b *testing.B) {
	m, err := embedded.Model()
	if err != nil {
		b.Fatal(err)
	}
	prompt, err := m.Tokenizer.Chat([]tokenizer.Message{{Role: "system", Content: corpus.ArithmeticSystem}, {Role: "user", Content: "What is 37 + 48?"}}, true)
	if err != nil {
		b.Fatal(err)
	}
	s := lora.Sampling{Temperature: 1}
	for _, n := range []int{4, 16, 64, 256} {
		opts := lora.GenerateOptions{Sampling: s, MinTokens: n, MaxTokens: n, Seed: 1}
		cs, err := m.Generate(context.Background(), [][]int{prompt, prompt}, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("prompt=%d/tokens=%d/generate", len(prompt), n), func(b *testing.B) {
			for b.Loop() {
				m.Generate(context.Background(), [][]int{prompt, prompt}, opts)
			}
		})
		b.Run(fmt.Sprintf("prompt=%d/tokens=%d/verify", len(prompt), n), func(b *testing.B) {
			var tc lora.TokenCheck
			for b.Loop() {
				// MinTokens kept the replies from ending, which the
				// verifier does not know: check every position without
				// stopping at the first the mask changed.
				err := m.Forced(prompt, [][]int{cs[0].Tokens, cs[1].Tokens}, func(i, t int, logits []float32) error {
					tc.Check(s, logits, cs[i].Tokens[t], lora.Draw(cs[i].Seed, t), lora.DefaultLogitTolerance)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
