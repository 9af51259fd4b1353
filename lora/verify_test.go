package lora_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/tokenizer"
)

// verifySettings are the sampling settings the verification tests cover:
// greedy, plain temperature, and each truncation alone and together.
var verifySettings = []lora.Sampling{
	{},
	{Temperature: 0.7},
	{Temperature: 1},
	{Temperature: 1, TopP: 0.9},
	{Temperature: 0.8, TopK: 20},
	{Temperature: 1.2, TopK: 40, TopP: 0.95},
}

// honestReply is one sample to verify: its prompt, tokens (the ending
// special token included) and seed.
type honestReply struct {
	setting lora.Sampling
	prompt  []int
	tokens  []int
	seed    uint64
}

// honestReplies generates n replies with the embedded model on the
// current kernel set, cycling through verifySettings and a few prompts.
func honestReplies(t testing.TB, n int) []honestReply {
	t.Helper()
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	var out []honestReply
	for i := 0; len(out) < n; i++ {
		s := verifySettings[i%len(verifySettings)]
		prompt, err := m.Tokenizer.Chat([]tokenizer.Message{
			{Role: "system", Content: "Answer with the number only."},
			{Role: "user", Content: fmt.Sprintf("What is %d + %d?", 10+i%80, 3+(i*7)%60)},
		}, true)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := m.Generate(context.Background(), [][]int{prompt, prompt}, lora.GenerateOptions{Sampling: s, MaxTokens: 24, Seed: uint64(1000 + i)})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			tokens := c.Tokens
			if c.End >= 0 {
				tokens = append(tokens[:len(tokens):len(tokens)], c.End)
			}
			out = append(out, honestReply{s, prompt, tokens, c.Seed})
		}
	}
	return out[:n]
}

// useKernels switches the ops' kernel set for the rest of the test.
func useKernels(t testing.TB, name string) {
	t.Helper()
	saved := ops.Kernels()
	if err := ops.UseKernels(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ops.UseKernels(saved) })
}

// TestVerifyAcrossKernels: replies sampled on every kernel set verify on
// every other (TestLogitDrift measures the margin).
func TestVerifyAcrossKernels(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	n := 40
	if testing.Short() {
		n = 12
	}
	for _, gen := range ops.KernelSets() {
		useKernels(t, gen)
		replies := honestReplies(t, n)
		for _, ver := range ops.KernelSets() {
			useKernels(t, ver)
			failed := 0
			for _, r := range replies {
				ev, err := m.VerifyReply(r.prompt, r.tokens, r.setting, r.seed, lora.DefaultLogitTolerance, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !ev.OK {
					failed++
					t.Errorf("sampled on %s, verified on %s: %+v failed at %+v", gen, ver, r.setting, ev)
				}
			}
			t.Logf("sampled on %-6s verified on %-6s: %d of %d replies verified", gen, ver, n-failed, n)
		}
	}
}

// TestVerifyCatchesEditedTokens changes one token of honest replies: the
// check fails at that position, unless the new token is one the draw
// could also pick.
func TestVerifyCatchesEditedTokens(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	caught, edits := 0, 0
	for i, r := range honestReplies(t, 60) {
		pos := i % len(r.tokens)
		edited := append([]int(nil), r.tokens...)
		edited[pos] = (edited[pos] + 1 + i) % m.Config.VocabSize
		ev, err := m.VerifyReply(r.prompt, edited, r.setting, r.seed, lora.DefaultLogitTolerance, nil)
		if err != nil {
			t.Fatal(err)
		}
		edits++
		if !ev.OK {
			caught++
			if ev.Position != pos || ev.Token != edited[pos] || (ev.Draw >= ev.Lo && ev.Draw <= ev.Hi) {
				t.Errorf("reply %d: evidence %+v does not point at the edit (position %d, token %d)", i, ev, pos, edited[pos])
			}
		}
	}
	if caught != edits {
		t.Errorf("caught %d of %d edited replies", caught, edits)
	}
}

// TestVerifyCatchesOtherSeeds re-checks honest sampled replies against
// another seed: a reply made with draws the server did not give fails.
func TestVerifyCatchesOtherSeeds(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	caught, n := 0, 0
	for _, r := range honestReplies(t, 120) {
		if r.setting.Temperature == 0 {
			continue // greedy draws nothing
		}
		n++
		ev, err := m.VerifyReply(r.prompt, r.tokens, r.setting, r.seed+1, lora.DefaultLogitTolerance, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !ev.OK {
			caught++
		}
	}
	t.Logf("replies checked against another seed: %d of %d caught", caught, n)
	if caught < n*3/4 {
		t.Errorf("caught %d of %d replies drawn with another seed", caught, n)
	}
}

// TestPickMatchesCheck: for random logits and draws, the token Pick
// returns passes Check at zero tolerance, its draw inside the interval,
// and no other token does.
func TestPickMatchesCheck(t *testing.T) {
	logits := make([]float32, 50)
	var tc lora.TokenCheck
	for i := range 2000 {
		for j := range logits {
			logits[j] = float32(math.Sin(float64(i*31+j*17)) * 4)
		}
		if i%7 == 0 {
			logits[3] = logits[9] // a tie
		}
		s := verifySettings[1+i%(len(verifySettings)-1)]
		u := lora.Draw(uint64(i), i)
		tok := s.Pick(logits, u)
		if ok, lo, hi := tc.Check(s, logits, tok, u, 0); !ok {
			t.Fatalf("case %d %+v: picked %d with draw %v outside its interval [%v, %v]", i, s, tok, u, lo, hi)
		}
		for other := range logits {
			if other == tok {
				continue
			}
			if ok, lo, hi := tc.Check(s, logits, other, u, 0); ok && (u > lo+1e-9 && u < hi-1e-9) {
				t.Fatalf("case %d %+v: draw %v picked %d but also lies inside %d's interval [%v, %v]", i, s, u, tok, other, lo, hi)
			}
		}
	}
}

// TestDrawIsUniform checks the draws' mean and spread.
func TestDrawIsUniform(t *testing.T) {
	const n = 100000
	sum, sq := 0.0, 0.0
	for i := range n {
		u := lora.Draw(7, i)
		if u < 0 || u >= 1 {
			t.Fatalf("draw %d = %v, outside [0, 1)", i, u)
		}
		sum += u
		sq += u * u
	}
	mean, variance := sum/n, sq/n-(sum/n)*(sum/n)
	if math.Abs(mean-0.5) > 0.005 || math.Abs(variance-1.0/12) > 0.002 {
		t.Errorf("draws have mean %v and variance %v, want 0.5 and 1/12", mean, variance)
	}
}
