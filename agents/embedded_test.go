package agents

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/embedded"
)

// sharedModel returns the embedded model that every test in the process
// shares; tests here only generate with it.
func sharedModel(t *testing.T) *lora.Model {
	t.Helper()
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// privateModel returns a fresh copy of the embedded model, for tests that
// attach adapters.
func privateModel(t *testing.T) *lora.Model {
	t.Helper()
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func arithmeticChat(question string) []Message {
	return []Message{
		{Role: "system", Content: corpus.ArithmeticSystem},
		{Role: "user", Content: question},
	}
}

func TestEmbeddedAnswersArithmetic(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	replies, err := e.Reply(context.Background(), Request{Messages: arithmeticChat("Q: 17+25="), Sampling: Sampling{MaxTokens: 8}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) != 1 {
		t.Fatalf("got %d replies, want 1", len(replies))
	}
	r := replies[0]
	n, ok := corpus.ParseAnswer(r.Text)
	if !ok {
		t.Fatalf("reply %q does not start with a number", r.Text)
	}
	t.Logf("Q: 17+25= → %q (%d), %d tokens, %s, %v", r.Text, n, r.Tokens, r.FinishReason, r.Latency)
	if r.Tokens <= 0 || r.FinishReason == "" || r.Latency <= 0 {
		t.Errorf("reply %+v lacks tokens, finish reason or latency", r)
	}
}

func TestEmbeddedDeterministicSamples(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	req := Request{
		Messages: arithmeticChat("Q: 38+47="),
		Sampling: Sampling{Temperature: 1.5, TopP: 0.95, MaxTokens: 12},
		N:        3,
		Seed:     42,
	}
	first, err := e.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 3 {
		t.Fatalf("N=3 gave %d replies", len(first))
	}
	second, err := e.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first {
		if first[i].Text != second[i].Text || first[i].Tokens != second[i].Tokens || first[i].FinishReason != second[i].FinishReason {
			t.Errorf("sample %d differs between runs with the same seed: %q vs %q", i, first[i].Text, second[i].Text)
		}
	}
	// The samples draw from their own streams: at this temperature three
	// identical samples would mean the streams are not independent.
	if first[0].Text == first[1].Text && first[1].Text == first[2].Text {
		t.Errorf("all 3 samples are %q", first[0].Text)
	}
}

func TestEmbeddedStreamsDeltas(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	var got [2]strings.Builder
	pieces := 0
	replies, err := e.Reply(context.Background(), Request{
		Messages: []Message{{Role: "user", Content: "Tell me a story."}},
		Sampling: Sampling{Temperature: 0.7, MaxTokens: 24},
		N:        2,
		Seed:     3,
	}, func(d Delta) {
		if d.Sample < 0 || d.Sample >= 2 {
			t.Errorf("delta for sample %d", d.Sample)
			return
		}
		pieces++
		got[d.Sample].WriteString(d.Text)
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range replies {
		if got[i].String() != r.Text {
			t.Errorf("sample %d: deltas joined are %q, the reply is %q", i, got[i].String(), r.Text)
		}
	}
	if pieces < 2 {
		t.Errorf("only %d deltas: the text was not streamed", pieces)
	}
}

func TestEmbeddedStopAndLength(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	replies, err := e.Reply(context.Background(), Request{
		Messages: []Message{{Role: "user", Content: "Tell me a story."}},
		Sampling: Sampling{MaxTokens: 3},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := replies[0]; r.Tokens > 3 || (r.Tokens == 3 && r.FinishReason != "length") {
		t.Errorf("MaxTokens 3 gave %d tokens, finish %q", r.Tokens, r.FinishReason)
	}
}

func TestEmbeddedRefusesBadRequests(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	long := strings.Repeat("Q: 12+34=46 ", 400)
	for _, tc := range []struct {
		name string
		req  Request
		want string
	}{
		{"no messages", Request{}, "no messages"},
		{"bad role", Request{Messages: []Message{{Role: "tool", Content: "x"}}}, `role "tool"`},
		{"too many samples", Request{Messages: arithmeticChat("Q: 1+1="), N: MaxSamples + 1}, "samples"},
		{"bad temperature", Request{Messages: arithmeticChat("Q: 1+1="), Sampling: Sampling{Temperature: -1}}, "sampling.temperature"},
		{"too long", Request{Messages: []Message{{Role: "user", Content: long}}}, "context window"},
		{"adapter without adapters", Request{Messages: arithmeticChat("Q: 1+1="), Adapter: "v7"}, `adapter "v7"`},
		{"unsafe adapter", Request{Messages: arithmeticChat("Q: 1+1="), Adapter: "../x"}, `".."`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Reply(context.Background(), tc.req, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %s", err, tc.want)
			}
		})
	}
}

func TestEmbeddedContext(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	req := Request{Messages: arithmeticChat("Q: 1+2="), Sampling: Sampling{MaxTokens: 200}}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Reply(ctx, req, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: error %v, want context.Canceled", err)
	}

	// Cancelled mid-generation, from the first delta.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	story := Request{Messages: []Message{{Role: "user", Content: "Tell me a story."}}, Sampling: Sampling{Temperature: 1, MaxTokens: 400}, Seed: 1}
	if _, err := e.Reply(ctx, story, func(Delta) { cancel() }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancel during generation: error %v, want context.Canceled", err)
	}

	// Waiting for the model's turn gives up with the context, in either
	// line.
	for _, p := range []*Embedded{e, e.Background()} {
		if err := e.turn.take(context.Background(), false); err != nil {
			t.Fatal(err)
		}
		ctx, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
		_, err := p.Reply(ctx, req, nil)
		cancel2()
		e.turn.give()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("waiting for a busy model (background %v): error %v, want context.DeadlineExceeded", p.background, err)
		}
	}
	if e.turn.busy || len(e.turn.lines[0])+len(e.turn.lines[1]) > 0 {
		t.Errorf("the turn is left busy %v with %d and %d waiting", e.turn.busy, len(e.turn.lines[0]), len(e.turn.lines[1]))
	}
}

// waitQueued waits until the turn has n waiters in line (0 first, 1
// background).
func waitQueued(t *testing.T, tn *turn, line, n int) {
	t.Helper()
	for range 10_000 {
		tn.mu.Lock()
		got := len(tn.lines[line])
		tn.mu.Unlock()
		if got == n {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("line %d never had %d waiters", line, n)
}

// TestTurnFirstLineFirst queues background requests, then a first-line
// one, behind a running request: the first-line one goes next, and the
// background ones follow in the order they came. So a match waits for at
// most the one background generation running when it asked.
func TestTurnFirstLineFirst(t *testing.T) {
	var tn turn
	if err := tn.take(context.Background(), true); err != nil { // a background generation runs
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	enter := func(name string, background bool) {
		wg.Go(func() {
			if err := tn.take(context.Background(), background); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			tn.give()
		})
	}
	for i, name := range []string{"bg1", "bg2", "bg3"} {
		enter(name, true)
		waitQueued(t, &tn, 1, i+1)
	}
	enter("match", false)
	waitQueued(t, &tn, 0, 1)
	tn.give()
	wg.Wait()
	if want := []string{"match", "bg1", "bg2", "bg3"}; !slices.Equal(order, want) {
		t.Fatalf("turns went %v, want %v", order, want)
	}
	if tn.busy {
		t.Fatal("the turn is still busy with nobody holding it")
	}
}

// TestTurnHandedAsContextEnds hands the turn to a waiter whose context
// has just ended: the waiter must pass it on, not drop it.
func TestTurnHandedAsContextEnds(t *testing.T) {
	var tn turn
	if err := tn.take(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() { got <- tn.take(ctx, true) }()
	waitQueued(t, &tn, 1, 1)
	// Hold the lock while the context ends, and hand the turn over as
	// give does, so that the waiter, woken by its context, finds the turn
	// already its own when it gets the lock.
	tn.mu.Lock()
	cancel()
	time.Sleep(10 * time.Millisecond) // let the waiter wake and block on the lock
	close(tn.lines[1][0])
	tn.lines[1] = tn.lines[1][1:]
	tn.mu.Unlock()
	err := <-got
	if err == nil {
		tn.give() // the turn came before the waiter saw its context end
	} else if !errors.Is(err, context.Canceled) {
		t.Fatalf("take: %v", err)
	}
	if tn.busy || len(tn.lines[1]) > 0 {
		t.Fatalf("the turn is left busy %v with %d waiting", tn.busy, len(tn.lines[1]))
	}
}

// TestTurnStress has first-line and background requests, some giving up
// while they wait, take turns at once: one holder at a time, and at the
// end the turn is free with nobody in line. Run it with -race.
func TestTurnStress(t *testing.T) {
	var tn turn
	var holders, served, gaveUp atomic.Int64
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			for j := range 50 {
				ctx, cancel := context.WithCancel(context.Background())
				if (i+j)%3 == 0 {
					// Give up while waiting, or at about the moment the
					// turn comes.
					ctx, cancel = context.WithTimeout(context.Background(), time.Duration(j%7)*20*time.Microsecond)
				}
				err := tn.take(ctx, i%2 == 1)
				if err != nil {
					gaveUp.Add(1)
					cancel()
					continue
				}
				if holders.Add(1) != 1 {
					t.Error("two requests hold the turn at once")
				}
				served.Add(1)
				time.Sleep(10 * time.Microsecond) // others queue meanwhile
				holders.Add(-1)
				tn.give()
				cancel()
			}
		})
	}
	wg.Wait()
	if tn.busy || len(tn.lines[0])+len(tn.lines[1]) > 0 {
		t.Fatalf("after the stress the turn is busy %v with %d and %d waiting", tn.busy, len(tn.lines[0]), len(tn.lines[1]))
	}
	t.Logf("%d turns served, %d given up", served.Load(), gaveUp.Load())
}

// TestEmbeddedBackground checks that a Background view answers as the
// policy does, and that a match's request queued after it goes first.
func TestEmbeddedBackground(t *testing.T) {
	e := NewEmbedded(sharedModel(t), nil)
	bg := e.Background()
	req := Request{Messages: arithmeticChat("Q: 20+22="), Sampling: Sampling{MaxTokens: 8}, Seed: 3}
	want, err := e.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := bg.Reply(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != want[0].Text {
		t.Fatalf("the background view answered %q, the policy %q", got[0].Text, want[0].Text)
	}

	if err := e.turn.take(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	// Each notes when it generates: deltas come only while it holds the
	// turn.
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	ask := func(p *Embedded, name string) {
		wg.Go(func() {
			noted := false
			_, err := p.Reply(context.Background(), req, func(Delta) {
				if !noted {
					mu.Lock()
					order = append(order, name)
					mu.Unlock()
					noted = true
				}
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	ask(bg, "background")
	waitQueued(t, e.turn, 1, 1)
	ask(e, "first")
	waitQueued(t, e.turn, 0, 1)
	e.turn.give()
	wg.Wait()
	if want := []string{"first", "background"}; !slices.Equal(order, want) {
		t.Fatalf("replies generated in the order %v, want %v", order, want)
	}
}

// saveRandomAdapter writes a non-zero adapter for m under root/version and
// returns it. B is random (a fresh adapter's B is zero, which would leave
// the model unchanged).
func saveRandomAdapter(t *testing.T, m *lora.Model, root, version string, seed uint64) *lora.Adapter {
	t.Helper()
	a, err := lora.NewAdapter(m, lora.AdapterConfig{Rank: 4, Targets: []string{"q_proj", "v_proj", "o_proj", "down_proj"}}, seed)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	for _, p := range a.Params() {
		if strings.Contains(p.Name, "lora_B") {
			for i := range p.W {
				p.W[i] = float32(rng.NormFloat64() * 0.2)
			}
		}
	}
	if err := a.Save(filepath.Join(root, version)); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEmbeddedAdapters(t *testing.T) {
	m := privateModel(t)
	root := t.TempDir()
	saved := saveRandomAdapter(t, m, root, "v1", 1)
	saveRandomAdapter(t, m, root, "v2", 2)
	dir := &AdapterDir{Root: root, Model: m}
	e := NewEmbedded(m, dir)

	// The adapter changes the logits.
	loaded, err := dir.Adapter("v1")
	if err != nil {
		t.Fatal(err)
	}
	prompt, _ := m.Tokenizer.Chat(arithmeticChat("Q: 17+25="), true)
	base, err := m.Forward(nil, prompt, 1, len(prompt))
	if err != nil {
		t.Fatal(err)
	}
	baseLogits := append([]float32(nil), base.Logits...)
	if err := m.SetAdapter(loaded); err != nil {
		t.Fatal(err)
	}
	with, err := m.Forward(nil, prompt, 1, len(prompt))
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for i := range baseLogits {
		if baseLogits[i] != with.Logits[i] {
			changed++
		}
	}
	if changed < len(baseLogits)/2 {
		t.Fatalf("the adapter changed %d of %d logits", changed, len(baseLogits))
	}
	for i, p := range loaded.Params() {
		if q := saved.Params()[i]; p.Name != q.Name || p.W[len(p.W)-1] != q.W[len(q.W)-1] {
			t.Fatalf("loaded tensor %s differs from the saved one", p.Name)
		}
	}
	m.SetAdapter(nil)

	story := Request{Messages: []Message{{Role: "user", Content: "Tell me a story."}}, Sampling: Sampling{MaxTokens: 16}}
	reply := func(adapter string) string {
		t.Helper()
		req := story
		req.Adapter = adapter
		r, err := e.Reply(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r[0].Text
	}
	baseText, v1Text := reply(""), reply("v1")
	if baseText == v1Text {
		t.Errorf("adapter v1 did not change the reply %q", baseText)
	}
	if m.Adapter() != nil {
		t.Errorf("after a request with an adapter the model keeps one attached")
	}

	// Whatever was attached before a request is attached after it, and a
	// request without an adapter runs on the base model.
	other, _ := dir.Adapter("v2")
	if err := m.SetAdapter(other); err != nil {
		t.Fatal(err)
	}
	if got := reply(""); got != baseText {
		t.Errorf("with v2 attached, a request for the base model gave %q, want %q", got, baseText)
	}
	if got := reply("v1"); got != v1Text {
		t.Errorf("with v2 attached, a request for v1 gave %q, want %q", got, v1Text)
	}
	if m.Adapter() != other {
		t.Errorf("the adapter attached before the requests was not restored")
	}
	m.SetAdapter(nil)

	// Concurrent requests with different adapters each get their own.
	want := map[string]string{"": baseText, "v1": v1Text, "v2": reply("v2")}
	var wg sync.WaitGroup
	for i := range 6 {
		version := []string{"", "v1", "v2"}[i%3]
		wg.Go(func() {
			req := story
			req.Adapter = version
			r, err := e.Reply(context.Background(), req, nil)
			if err != nil {
				t.Error(err)
				return
			}
			if r[0].Text != want[version] {
				t.Errorf("concurrent request for %q gave %q, want %q", version, r[0].Text, want[version])
			}
		})
	}
	wg.Wait()

	// A missing version is an error naming it.
	req := story
	req.Adapter = "v9"
	if _, err := e.Reply(context.Background(), req, nil); err == nil || !strings.Contains(err.Error(), `"v9"`) {
		t.Errorf("missing version: error %v", err)
	}
}

func TestAdapterDirCache(t *testing.T) {
	m := privateModel(t)
	root := t.TempDir()
	for _, v := range []string{"a", "b", "c"} {
		saveRandomAdapter(t, m, root, v, 5)
	}
	dir := &AdapterDir{Root: root, Model: m, CacheSize: 2}
	load := func(v string) *lora.Adapter {
		t.Helper()
		a, err := dir.Adapter(v)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := load("a")
	if load("a") != a {
		t.Error("a cached version was loaded again")
	}
	load("b")
	load("a") // a is now the most recent, b the least
	load("c") // evicts b
	if load("a") != a {
		t.Error("the most recently used version was evicted")
	}
	if len(dir.recent) != 2 {
		t.Errorf("cache holds %d versions, want 2", len(dir.recent))
	}
}

func TestAdapterDirRefusesUnsafeVersions(t *testing.T) {
	dir := &AdapterDir{Root: t.TempDir(), Model: sharedModel(t)}
	for _, v := range []string{"", "..", ".", "../v1", "v1/../../etc", "a/b", `a\b`, ".hidden", "-rf", "v 1", "v1\x00", "ü", strings.Repeat("v", MaxVersionBytes+1)} {
		_, err := dir.Adapter(v)
		if err == nil {
			t.Errorf("version %q was accepted", v)
			continue
		}
		if !strings.Contains(err.Error(), "adapter version") {
			t.Errorf("version %q: error %q does not say what is wrong", v, err)
		}
	}
	for _, v := range []string{"v1", "2024-06-01.3", "run_7", "A.b-C_d"} {
		if err := CheckVersion(v); err != nil {
			t.Errorf("version %q refused: %v", v, err)
		}
	}
}
