package agents

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/ops"
)

// cheat turns an honest reply to req (sample i) into what a cheating
// runner sends instead; it may ask the model itself (other adapters,
// other seeds) through e.
type cheat struct {
	name string
	make func(t *testing.T, e *Embedded, req Request, i int, honest Reply, answer string) Reply
}

// reply asks e for req's replies and returns sample i.
func reply(t *testing.T, e *Embedded, req Request, i int) Reply {
	t.Helper()
	rs, err := e.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs[i]
}

var cheats = []cheat{
	{"honest", func(t *testing.T, e *Embedded, req Request, i int, honest Reply, _ string) Reply { return honest }},
	{"base model as the adapter", func(t *testing.T, e *Embedded, req Request, i int, _ Reply, _ string) Reply {
		base := req
		base.Adapter = ""
		r := reply(t, e, base, i)
		r.Adapter = req.Adapter
		return r
	}},
	{"another agent's adapter", func(t *testing.T, e *Embedded, req Request, i int, _ Reply, _ string) Reply {
		other := req
		other.Adapter = "v2"
		r := reply(t, e, other, i)
		r.Adapter = req.Adapter
		return r
	}},
	{"perfect solver", func(t *testing.T, e *Embedded, req Request, i int, honest Reply, answer string) Reply {
		tok := e.model.Tokenizer
		end, _ := tok.TokenID("<|im_end|>")
		return Reply{Text: answer, TokenIDs: append(tok.Encode(answer), end), Seed: honest.Seed, Adapter: req.Adapter, FinishReason: "stop"}
	}},
	{"replay of an earlier match", func(t *testing.T, e *Embedded, req Request, i int, _ Reply, _ string) Reply {
		earlier := req
		earlier.Seed = req.Seed ^ 0x5eed
		return reply(t, e, earlier, i)
	}},
	{"replay, seed relabelled", func(t *testing.T, e *Embedded, req Request, i int, honest Reply, _ string) Reply {
		earlier := req
		earlier.Seed = req.Seed ^ 0x5eed
		r := reply(t, e, earlier, i)
		r.Seed = honest.Seed
		return r
	}},
	{"text edited after sampling", func(t *testing.T, e *Embedded, req Request, i int, honest Reply, answer string) Reply {
		tok := e.model.Tokenizer
		edited := honest.Text + "!"
		if honest.Text != answer {
			edited = answer // the edit a cheater wants: the right answer
		}
		r := honest
		r.Text = edited
		r.TokenIDs = append(tok.Encode(edited), r.TokenIDs[len(r.TokenIDs)-1])
		return r
	}},
}

// TestVerifyDetection plays every cheat against an agent on adapter v1
// and counts, per cheat, the replies Verify fails (seeded) and, with
// token ids stripped, the statistical check fails. Honest replies are
// sampled on the pure-Go kernels and verified on this machine's best, so
// the table also shows that another kernel set does not fail honest
// players. A cheat whose reply is token for token the honest one (the
// base and the adapter agree on a short answer) cannot be told apart and
// does no harm; the table counts them as not caught.
func TestVerifyDetection(t *testing.T) {
	m := privateModel(t)
	root := t.TempDir()
	saveRandomAdapter(t, m, root, "v1", 1)
	saveRandomAdapter(t, m, root, "v2", 2)
	e := NewEmbedded(m, &AdapterDir{Root: root, Model: m})
	n := 200
	if testing.Short() {
		n = 40
	}
	settings := []Sampling{{Temperature: 0.8, TopP: 0.95, MaxTokens: 8}, {Temperature: 0, MaxTokens: 8}}
	type row struct{ seeded, stat, identical, total int }
	rows := make([]row, len(cheats))
	best := ops.Kernels()
	for k := range n / 2 {
		a, b := 10+(k*7)%89, 3+(k*13)%57
		req := Request{Messages: arithmeticChat(fmt.Sprintf("What is %d + %d?", a, b)), Sampling: settings[k%len(settings)],
			N: 2, Seed: uint64(9000 + k), Adapter: "v1", Stop: []string{"\n"}}
		if err := ops.UseKernels("go"); err != nil {
			t.Fatal(err)
		}
		honest, err := e.Reply(context.Background(), req, nil)
		ops.UseKernels(best)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range honest {
			for c, ch := range cheats {
				r := ch.make(t, e, req, i, h, fmt.Sprint(a+b))
				rows[c].total++
				if c > 0 && r.Text == h.Text && slices.Equal(r.TokenIDs, h.TokenIDs) {
					rows[c].identical++
				}
				v := verifyOne(t, e, req, i, r)
				if v.Status == Failed {
					rows[c].seeded++
				} else if v.Status != Verified {
					t.Fatalf("%s: status %q", ch.name, v.Status)
				}
				r.TokenIDs, r.Seed = nil, 0
				if s := verifyOne(t, e, req, i, r); s.Status == Failed {
					rows[c].stat++
				} else if s.Status != Checked {
					t.Fatalf("%s, text only: status %q", ch.name, s.Status)
				}
			}
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-28s %8s %10s %12s %10s\n", "cheat", "replies", "identical", "seeded", "statistical")
	for c, ch := range cheats {
		r := rows[c]
		fmt.Fprintf(&table, "%-28s %8d %10d %11.1f%% %10.1f%%\n", ch.name, r.total, r.identical,
			100*float64(r.seeded)/float64(r.total), 100*float64(r.stat)/float64(r.total))
	}
	t.Log(table.String())
	if rows[0].seeded != 0 {
		t.Errorf("%d of %d honest replies (sampled on pure Go, verified on %s) failed verification", rows[0].seeded, rows[0].total, best)
	}
	for c, ch := range cheats[1:] {
		r := rows[c+1]
		// Every reply that differs from what the declared model draws
		// must be caught by the seeded check.
		if r.seeded < r.total-r.identical {
			t.Errorf("%s: seeded verification caught %d of %d replies, %d of them identical to the honest one", ch.name, r.seeded, r.total, r.identical)
		}
	}
}

// verifyOne verifies r as sample i of req's replies, the other samples
// left out (an empty reply is skipped by nothing, so each slot but i is
// filled with a reply that fails fast: a wrong adapter claim).
func verifyOne(t *testing.T, e *Embedded, req Request, i int, r Reply) Check {
	t.Helper()
	replies := make([]Reply, i+1)
	for j := range i {
		replies[j] = Reply{Text: "x", Adapter: "not-" + req.Adapter}
	}
	replies[i] = r
	checks, err := e.Verify(context.Background(), req, replies, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return checks[i]
}

// TestVerifyRefusesMalformed: a reply whose tokens are not its text, that
// stops early with no end token, or carries a special token inside fails
// before any forward pass.
func TestVerifyRefusesMalformed(t *testing.T) {
	m := sharedModel(t)
	e := NewEmbedded(m, nil)
	req := Request{Messages: arithmeticChat("What is 12 + 30?"), Sampling: Sampling{Temperature: 0.7, MaxTokens: 8}, Seed: 5}
	honest := reply(t, e, req, 0)
	end, _ := m.Tokenizer.TokenID("<|im_end|>")
	for name, edit := range map[string]func(r *Reply){
		"text not its tokens": func(r *Reply) { r.Text += " and more" },
		"special inside":      func(r *Reply) { r.TokenIDs = append([]int{end}, r.TokenIDs...) },
		"cut short": func(r *Reply) {
			r.TokenIDs = r.TokenIDs[:1]
			r.Text = m.Tokenizer.Decode(r.TokenIDs)
		},
		"outside vocabulary": func(r *Reply) { r.TokenIDs[0] = 1 << 20 },
		"too long":           func(r *Reply) { r.TokenIDs = append(make([]int, 20), end) },
		"adapter claim":      func(r *Reply) { r.Adapter = "v9" },
	} {
		r := honest
		r.TokenIDs = append([]int(nil), honest.TokenIDs...)
		edit(&r)
		if v := verifyOne(t, e, req, 0, r); v.Status != Failed || v.Reason == "" {
			t.Errorf("%s: %+v, want failed with a reason", name, v)
		}
	}
	if v := verifyOne(t, e, req, 0, honest); v.Status != Verified {
		t.Errorf("honest reply: %+v", v)
	}
}

// A sampled check covers about Fraction of the positions, chosen by the
// key, and records the key so the choice can be re-run.
func TestVerifySampledPositions(t *testing.T) {
	m := sharedModel(t)
	e := NewEmbedded(m, nil)
	req := Request{Messages: arithmeticChat("Count from one to ten in words."), Sampling: Sampling{Temperature: 1, MaxTokens: 64}, N: 4, Seed: 8}
	rs, err := e.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := e.Verify(context.Background(), req, rs, VerifyOptions{Fraction: 0.5, Key: 77})
	if err != nil {
		t.Fatal(err)
	}
	positions, tokens := 0, 0
	for i, c := range checks {
		if c.Status != Verified || c.Method != "sampled" || c.Key != 77 || c.Tolerance == 0 || c.Sampling == nil {
			t.Errorf("reply %d: %+v", i, c)
		}
		positions += c.Positions
		tokens += len(rs[i].TokenIDs)
	}
	if positions == 0 || positions == tokens {
		t.Errorf("checked %d of %d positions at fraction 0.5", positions, tokens)
	}
}
