package agents

import (
	"context"
	"fmt"
	"testing"

	"github.com/rlfc/arena/lora/embedded"
)

// BenchmarkVerifyCost compares generating a request's replies with
// verifying them (every position, fraction 1.0) on the embedded model,
// for a short reply (sum-duel's 8 tokens) and a long one (64): the cost
// of verification is Verify's time over Generate's.
func BenchmarkVerifyCost(b *testing.B) {
	m, err := embedded.Model()
	if err != nil {
		b.Fatal(err)
	}
	e := NewEmbedded(m, nil)
	for _, tokens := range []int{8, 64} {
		req := Request{Messages: arithmeticChat("What is 37 + 48?"), Sampling: Sampling{Temperature: 1, MaxTokens: tokens}, N: 2, Seed: 3}
		rs, err := e.Reply(context.Background(), req, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("tokens=%d/generate", tokens), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Reply(context.Background(), req, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("tokens=%d/verify", tokens), func(b *testing.B) {
			for b.Loop() {
				cs, err := e.Verify(context.Background(), req, rs, VerifyOptions{})
				if err != nil || cs[0].Status != Verified || cs[1].Status != Verified {
					b.Fatal(cs, err)
				}
			}
		})
	}
}
