package agents

import (
	"context"
	"time"

	"github.com/rlfc/arena/lora/tokenizer"
)

// Message is one turn of a chat, with OpenAI's roles: "system", "user",
// "assistant".
type Message = tokenizer.Message

// Request asks a policy for replies to one chat.
type Request struct {
	Messages []Message
	Sampling Sampling
	// N is the number of independent samples wanted (best-of-k); zero
	// means one.
	N int
	// Seed makes sampling reproducible where the backend allows it.
	Seed uint64
	// Stop ends a reply at any of these strings (not included).
	Stop []string
	// Adapter selects the adapter version to answer with; empty means the
	// base model. Backends that cannot switch adapters ignore it.
	Adapter string
}

// Reply is one sample of a policy's answer.
type Reply struct {
	Text string `json:"text"`
	// Tokens is the number of tokens generated (zero when the backend does
	// not say).
	Tokens       int           `json:"tokens"`
	FinishReason string        `json:"finish_reason"` // "stop" or "length"
	Latency      time.Duration `json:"latency"`

	// What verification needs (see Check). A backend that samples with the
	// arena's seeded draws (the embedded engine, here or in a runner)
	// fills TokenIDs and Seed; one that reports log-probabilities (an
	// OpenAI-compatible server asked for logprobs) fills LogProbs. All are
	// claims until a Check confirms them.

	// TokenIDs are the sampled tokens in the base model's vocabulary, the
	// token that ended the reply included when it ended on a special one
	// (so that a reply cut short after sampling is caught).
	TokenIDs []int `json:"token_ids,omitempty"`
	// Seed is the sample's own seed (SampleSeed of the request's seed and
	// the sample's index): position t drew lora.Draw(Seed, t).
	Seed uint64 `json:"seed,omitempty"`
	// LogProbs are the backend's log-probabilities of its tokens.
	LogProbs []float64 `json:"logprobs,omitempty"`
	// Model and Adapter are the base model and adapter version the
	// backend says wrote the reply.
	Model   string `json:"model,omitempty"`
	Adapter string `json:"adapter,omitempty"`
	// Check is the arena's verdict on whether the declared model wrote
	// the reply; nil until the arena checks it.
	Check *Check `json:"check,omitempty"`
}

// Delta is a piece of a reply as it is written.
type Delta struct {
	Sample int    // which of the N samples
	Text   string // the new text
}

// Policy answers chats: an agent's model behind some backend.
//
// Reply returns req.N replies (at least one). It calls onDelta, when not
// nil, with each piece of text as it is produced, from one goroutine at a
// time. It stops when ctx is done and returns ctx's error. Policies are
// safe for concurrent use.
type Policy interface {
	Reply(ctx context.Context, req Request, onDelta func(Delta)) ([]Reply, error)
}
