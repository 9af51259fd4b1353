package agents

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"
	"weak"

	"github.com/rlfc/arena/lora"
)

// Embedded is the Policy of the in-process engine: a lora.Model, with the
// request's adapter attached for the length of each request.
//
// A model holds one adapter at a time and attaching one must not overlap a
// generation, so requests to one model take turns: every Embedded on the
// same *lora.Model shares one turn. Nothing else should generate with or
// attach adapters to that model while Embedded policies use it.
//
// Requests wait for the turn in two lines: the policy NewEmbedded returns
// is in the first, for matches, whose replies have time limits; its
// Background view is in the second, for callers who can wait (the
// OpenAI-compatible API). The turn goes to the first line while anyone
// waits in it, so a match's reply waits for at most the one background
// generation already running, however many are queued.
type Embedded struct {
	model      *lora.Model
	adapters   Adapters
	turn       *turn // the model's; see modelTurn
	background bool  // wait in the second line
}

// modelTurns maps each model to its turn. Models are held by weak
// pointers and their entries removed when they are collected, so that the
// map does not keep models (megabytes each) alive.
var modelTurns sync.Map // weak.Pointer[lora.Model] → *turn

func modelTurn(m *lora.Model) *turn {
	key := weak.Make(m)
	t, loaded := modelTurns.LoadOrStore(key, new(turn))
	if !loaded {
		runtime.AddCleanup(m, func(k weak.Pointer[lora.Model]) { modelTurns.Delete(k) }, key)
	}
	return t.(*turn)
}

// NewEmbedded returns the policy of model m, loading adapter versions from
// adapters. adapters may be nil; then a request that names an adapter is
// an error. Its requests go before those of Background views.
func NewEmbedded(m *lora.Model, adapters Adapters) *Embedded {
	return &Embedded{model: m, adapters: adapters, turn: modelTurn(m)}
}

// Background returns a view of e whose requests wait for the model until
// no request of a foreground view (NewEmbedded's) is waiting. A request
// that has the model keeps it until its reply is done.
func (e *Embedded) Background() *Embedded {
	b := *e
	b.background = true
	return &b
}

// turn is a model's lock with two lines of waiters, first and background.
// Unlike a sync.Mutex, a waiter can give up when its context is done, and
// waiters in a line get the turn in the order they came.
type turn struct {
	mu   sync.Mutex
	busy bool
	// lines holds the waiters' channels, closed to hand one the turn:
	// lines[0] for the first line, lines[1] for the background. Nobody
	// waits while the turn is free.
	lines [2][]chan struct{}
}

// take waits for the turn, in the background line or the first, until ctx
// is done. On a nil error the caller has the turn and must give it back.
func (t *turn) take(ctx context.Context, background bool) error {
	line := 0
	if background {
		line = 1
	}
	t.mu.Lock()
	if !t.busy {
		t.busy = true
		t.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	t.lines[line] = append(t.lines[line], ch)
	t.mu.Unlock()

	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	t.mu.Lock()
	if i := slices.Index(t.lines[line], ch); i >= 0 {
		t.lines[line] = slices.Delete(t.lines[line], i, i+1)
		t.mu.Unlock()
		return ctx.Err()
	}
	t.mu.Unlock()
	// The turn was handed over as ctx ended: pass it on.
	t.give()
	return ctx.Err()
}

// give hands the turn to the first waiter of the first line, else of the
// background line, else frees it.
func (t *turn) give() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for line := range t.lines {
		if q := t.lines[line]; len(q) > 0 {
			close(q[0])
			q[0] = nil // the array may outlive the slice's front
			t.lines[line] = q[1:]
			return
		}
	}
	t.busy = false
}

// Reply generates req.N samples of the assistant's next message as one
// batch: each sample is the same prompt with its own random stream drawn
// from req.Seed, so the same request and seed give the same replies.
// Messages are rendered with the model's chat template (ChatML); special
// tokens written inside messages stay plain text. A reply is at most
// req.Sampling.MaxTokens tokens long (DefaultMaxTokens when zero), less
// where the context window ends first. Reply.Latency is measured from the
// start of generation, not counting the wait for the model's turn, so
// that one agent's latency does not depend on other matches' traffic.
func (e *Embedded) Reply(ctx context.Context, req Request, onDelta func(Delta)) ([]Reply, error) {
	n, err := checkRequest(req)
	if err != nil {
		return nil, fmt.Errorf("agents: embedded: %w", err)
	}
	m := e.model
	if m == nil || m.Tokenizer == nil {
		return nil, fmt.Errorf("agents: embedded: no model with a tokenizer")
	}
	prompt, err := m.Tokenizer.Chat(req.Messages, true)
	if err != nil {
		return nil, fmt.Errorf("agents: embedded: %w", err)
	}
	if window := m.Config.MaxPositionEmbeddings; len(prompt) >= window {
		return nil, fmt.Errorf("agents: embedded: the chat is %d tokens long, which leaves no room for a reply in the model's context window of %d tokens", len(prompt), window)
	}

	release, err := e.hold(ctx, req.Adapter)
	if err != nil {
		return nil, err
	}
	defer release()

	maxTokens := replyTokens(req.Sampling.MaxTokens)
	prompts := make([][]int, n)
	for i := range prompts {
		prompts[i] = prompt // Generate copies prompts; sharing is safe
	}
	latency := make([]time.Duration, n)
	start := time.Now()
	opts := lora.GenerateOptions{
		Sampling: lora.Sampling{
			Temperature: req.Sampling.Temperature,
			TopK:        req.Sampling.TopK,
			TopP:        req.Sampling.TopP,
		},
		MaxTokens: maxTokens,
		Stop:      req.Stop,
		Seed:      req.Seed,
		OnFinish:  func(seq int) { latency[seq] = time.Since(start) },
	}
	if onDelta != nil {
		// Generate calls OnText from its own goroutine only, one call at
		// a time, as Policy promises for onDelta.
		opts.OnText = func(seq int, delta string) {
			onDelta(Delta{Sample: seq, Text: delta})
		}
	}
	out, err := m.Generate(ctx, prompts, opts)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("agents: embedded: %w", err)
	}
	replies := make([]Reply, n)
	for i, c := range out {
		ids := c.Tokens
		if c.End >= 0 {
			ids = append(ids[:len(ids):len(ids)], c.End)
		}
		replies[i] = Reply{Text: c.Text, Tokens: len(c.Tokens), FinishReason: c.FinishReason, Latency: latency[i],
			TokenIDs: ids, Seed: c.Seed, LogProbs: c.LogProbs, Adapter: req.Adapter}
	}
	return replies, nil
}

// hold takes the model's turn and attaches the adapter version named
// (none for ""), until the returned release is called. The adapter is
// loaded before the turn is taken: reading files should not hold up other
// requests' generation.
func (e *Embedded) hold(ctx context.Context, version string) (release func(), err error) {
	m := e.model
	var adapter *lora.Adapter
	if version != "" {
		if e.adapters == nil {
			return nil, fmt.Errorf("agents: embedded: request asks for adapter %q, but this backend has no adapters", version)
		}
		if adapter, err = e.adapters.Adapter(version); err != nil {
			return nil, fmt.Errorf("agents: embedded: %w", err)
		}
	}
	if err := e.turn.take(ctx, e.background); err != nil {
		return nil, err
	}
	prev := m.Adapter()
	if prev == adapter {
		return e.turn.give, nil
	}
	if err := m.SetAdapter(adapter); err != nil {
		e.turn.give()
		return nil, fmt.Errorf("agents: embedded: adapter %q: %w", version, err)
	}
	return func() {
		// prev was attached a moment ago, so it fits the model and
		// re-attaching it cannot fail.
		m.SetAdapter(prev)
		e.turn.give()
	}, nil
}
