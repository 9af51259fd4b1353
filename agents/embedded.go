package agents

import (
	"context"
	"fmt"
	"runtime"
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
// same *lora.Model shares one lock. Nothing else should generate with or
// attach adapters to that model while Embedded policies use it.
type Embedded struct {
	model    *lora.Model
	adapters Adapters
	turn     chan struct{} // the model's lock; see modelTurn
}

// modelTurns maps each model to its lock, a one-slot channel rather than a
// sync.Mutex so that a request waiting for its turn can give up when its
// context is done. Models are held by weak pointers and their entries
// removed when they are collected, so that the map does not keep models
// (megabytes each) alive.
var modelTurns sync.Map // weak.Pointer[lora.Model] → chan struct{}

func modelTurn(m *lora.Model) chan struct{} {
	key := weak.Make(m)
	ch, loaded := modelTurns.LoadOrStore(key, make(chan struct{}, 1))
	if !loaded {
		runtime.AddCleanup(m, func(k weak.Pointer[lora.Model]) { modelTurns.Delete(k) }, key)
	}
	return ch.(chan struct{})
}

// NewEmbedded returns the policy of model m, loading adapter versions from
// adapters. adapters may be nil; then a request that names an adapter is
// an error.
func NewEmbedded(m *lora.Model, adapters Adapters) *Embedded {
	return &Embedded{model: m, adapters: adapters, turn: modelTurn(m)}
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

	var adapter *lora.Adapter
	if req.Adapter != "" {
		if e.adapters == nil {
			return nil, fmt.Errorf("agents: embedded: request asks for adapter %q, but this backend has no adapters", req.Adapter)
		}
		// Loaded before taking the model's turn: reading files should not
		// hold up other requests' generation.
		if adapter, err = e.adapters.Adapter(req.Adapter); err != nil {
			return nil, fmt.Errorf("agents: embedded: %w", err)
		}
	}

	select {
	case e.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-e.turn }()

	if prev := m.Adapter(); prev != adapter {
		if err := m.SetAdapter(adapter); err != nil {
			return nil, fmt.Errorf("agents: embedded: adapter %q: %w", req.Adapter, err)
		}
		// prev was attached a moment ago, so it fits the model and
		// re-attaching it cannot fail.
		defer m.SetAdapter(prev)
	}

	maxTokens := req.Sampling.MaxTokens
	if maxTokens == 0 {
		maxTokens = DefaultMaxTokens
	}
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
		replies[i] = Reply{Text: c.Text, Tokens: len(c.Tokens), FinishReason: c.FinishReason, Latency: latency[i]}
	}
	return replies, nil
}
