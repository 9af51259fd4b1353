package arena

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/internal/syncbuf"
	"github.com/rlfc/arena/lora/embedded"
)

// flood is a backend that ignores max_tokens: it streams n bytes of text
// per sample in pieces of size piece, and returns it all.
type flood struct{ n, piece int }

func (f flood) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	text := strings.Repeat("Bread <fresh> & warm. ", f.n/22+1)[:f.n]
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		for j := 0; onDelta != nil && j < len(text); j += f.piece {
			onDelta(agents.Delta{Sample: i, Text: text[j:min(j+f.piece, len(text))]})
		}
		out[i] = agents.Reply{Text: text, FinishReason: "stop"}
	}
	return out, ctx.Err()
}

// TestEngineCutsFloodedReplies plays a match against a backend that sends
// 1 MiB replies: events, judges, pairs and the round only ever hold the
// reply cut at the Space's max_tokens, and all of it stays under
// MaxMatchBytes.
func TestEngineCutsFloodedReplies(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	spec := *mustSpace(t, "slogan")
	spec.Rounds = 2
	e := testEngine(map[string]agents.Policy{"flood": flood{1 << 20, 4096}, "drip": flood{1 << 20, 7}, "honest": instant(func(agents.Request, int) (string, error) {
		return "Fresh bread daily.", nil
	})})
	e.Tokenizer = m.Tokenizer
	var events []api.Event
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: &spec, Players: players("flood", "drip", "honest"), Seed: 1}, func(ev api.Event) { events = append(events, ev) })
	if err != nil {
		t.Fatal(err)
	}
	maxTokens, capBytes := spec.MaxTokens(), agents.ReplyByteCap(spec.MaxTokens())
	within := func(what, text string) {
		t.Helper()
		if len(text) > capBytes || len(m.Tokenizer.Encode(text)) > maxTokens {
			t.Errorf("%s: %d bytes, %d tokens, past the cut (%d tokens, %d bytes)", what, len(text), len(m.Tokenizer.Encode(text)), maxTokens, capBytes)
		}
	}
	for _, r := range res.Rounds {
		for i, rs := range r.Replies {
			for _, rep := range rs {
				within("round reply", rep.Text)
				if i < 2 && rep.FinishReason != "length" {
					t.Errorf("a cut reply says finish %q", rep.FinishReason)
				}
			}
		}
	}
	streamed := map[[3]any]string{}
	for _, ev := range events {
		switch ev.Type {
		case api.ReplyDelta:
			streamed[[3]any{ev.Round, ev.Player, ev.Sample}] += ev.Text
		case api.ReplyDone:
			within("reply_done", ev.Text)
			if s := streamed[[3]any{ev.Round, ev.Player, ev.Sample}]; !strings.HasPrefix(ev.Text, s) {
				t.Errorf("streamed %q, then reply_done %q", s, ev.Text)
			}
		}
	}
	for _, s := range streamed {
		within("deltas", s)
	}
	for _, p := range res.Pairs {
		within("pair chosen", p.Chosen)
		within("pair rejected", p.Rejected)
	}
	var size int
	for _, v := range []any{res.Rounds, events, res.Pairs} {
		b, _ := json.Marshal(v)
		size += len(b)
	}
	if bound := MaxMatchBytes(&spec, 3); int64(size) > bound {
		t.Errorf("the match's rounds, events and pairs take %d bytes, over the stated bound %d", size, bound)
	} else {
		t.Logf("the match's rounds, events and pairs take %d bytes; the bound is %d", size, bound)
	}
}

// TestEngineRecordsErrorKinds: a backend's error text (an upstream error
// page, a runner's message) stays out of the match record and its events;
// the record says what kind of failure it was, and the log has the rest.
func TestEngineRecordsErrorKinds(t *testing.T) {
	const secret = "token=9c1f-internal"
	failing := instant(func(agents.Request, int) (string, error) {
		return "", &agents.Error{Op: "chat completion", URL: "http://10.0.0.5/v1", Status: 403, Msg: "forbidden " + secret}
	})
	runner := instant(func(agents.Request, int) (string, error) { return "", errors.New("runner says " + secret) })
	e := testEngine(map[string]agents.Policy{"ok": solver(0, false), "failing": failing, "runner": runner})
	var logs syncbuf.Buffer
	e.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ps := players("ok", "failing", "runner")
	ps[2].Remote = true
	var events []api.Event
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: mustSpace(t, "sum-duel"), Players: ps, Seed: 1}, func(ev api.Event) { events = append(events, ev) })
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Rounds[0]; r.Errors[1] != "status 403" || r.Errors[2] != "runner error" {
		t.Errorf("errors %q, want kinds", r.Errors)
	}
	record, _ := json.Marshal([]any{res.Match, res.Rounds, events})
	if strings.Contains(string(record), secret) {
		t.Error("the match record or its events hold a backend's error text")
	}
	if !strings.Contains(logs.String(), secret) {
		t.Errorf("the log lacks the full error:\n%s", logs.String())
	}
}
