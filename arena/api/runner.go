package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rlfc/arena/agents"
)

// The remote-runner protocol. A player's runner opens a websocket to
// GET /api/runner?agent=ID as the agent's owner and says hello; the server
// then sends it generate requests, each with an id of its own, and may
// cancel them; the runner answers each with deltas as text is written and
// then one done (or one error). Several requests may be open at once, so
// every message after the hello names its request's id. Every message is
// one JSON object with a type.

// Types of the messages the server sends a runner (RunnerCommand).
const (
	RunnerGenerate = "generate" // ID, Request
	RunnerCancel   = "cancel"   // ID
)

// Types of the messages a runner sends the server (RunnerMessage).
const (
	RunnerHello = "hello" // Agent, Model: the first message, once
	RunnerDelta = "delta" // ID, Sample, Text (new text)
	RunnerDone  = "done"  // ID, Replies: one per sample asked for
	RunnerError = "error" // ID, Message: the request failed
)

// RunnerCommand is a message from the server to a runner: generate
// replies to a chat, or stop generating them.
type RunnerCommand struct {
	Type string `json:"type"`
	// ID names the request; ids count from 1 on each connection.
	ID uint64 `json:"id"`
	// Request is what to generate (generate only).
	Request *RunnerRequest `json:"request,omitempty"`
}

// RunnerRequest is agents.Request on the wire.
type RunnerRequest struct {
	Messages []agents.Message `json:"messages"`
	Sampling agents.Sampling  `json:"sampling"`
	// N is the number of samples wanted; zero means one.
	N       int      `json:"n,omitempty"`
	Seed    uint64   `json:"seed,omitempty"`
	Stop    []string `json:"stop,omitempty"`
	Adapter string   `json:"adapter,omitempty"`
}

// NewRunnerRequest puts a policy's request on the wire.
func NewRunnerRequest(r agents.Request) *RunnerRequest {
	return &RunnerRequest{Messages: r.Messages, Sampling: r.Sampling, N: r.N, Seed: r.Seed, Stop: r.Stop, Adapter: r.Adapter}
}

// Agents returns the request as a policy takes it.
func (r *RunnerRequest) Agents() agents.Request {
	return agents.Request{Messages: r.Messages, Sampling: r.Sampling, N: r.N, Seed: r.Seed, Stop: r.Stop, Adapter: r.Adapter}
}

// Samples is the number of replies the request wants.
func (r *RunnerRequest) Samples() int { return max(r.N, 1) }

// RunnerMessage is a message from a runner to the server.
type RunnerMessage struct {
	Type string `json:"type"`
	// ID names the request answered (all but hello).
	ID uint64 `json:"id,omitempty"`
	// Agent and Model introduce the runner (hello): the agent it plays,
	// as in the URL, and the base model it serves. The server refuses a
	// runner whose Model is not the agent's declared Model, so that an
	// agent's replies come from the model it is rated and verified as.
	Agent string `json:"agent,omitempty"`
	Model string `json:"model,omitempty"`
	// Sample and Text are a piece of one sample's text (delta).
	Sample int    `json:"sample,omitempty"`
	Text   string `json:"text,omitempty"`
	// Replies are the finished samples (done), in sample order.
	Replies []RunnerReply `json:"replies,omitempty"`
	// Message says why the request failed (error).
	Message string `json:"message,omitempty"`
}

// RunnerReply is one finished sample: agents.Reply on the wire, without
// the latency, which the server measures itself, and without the check,
// which is the server's to make.
//
// TokenIDs, Seed, LogProbs, Model and Adapter are what the server needs to
// verify that the declared model wrote the reply (see agents.Reply). They
// are optional: a runner on an engine that does not sample with the
// arena's seed leaves out what it does not have, and its replies are
// checked as far as what it sent allows. They are the runner's claims,
// kept as sent, for verification to confirm or refute.
type RunnerReply struct {
	Text         string    `json:"text"`
	Tokens       int       `json:"tokens"`
	FinishReason string    `json:"finish_reason"`
	TokenIDs     []int     `json:"token_ids,omitempty"`
	Seed         uint64    `json:"seed,omitempty"`
	LogProbs     []float64 `json:"logprobs,omitempty"`
	Model        string    `json:"model,omitempty"`
	Adapter      string    `json:"adapter,omitempty"`
}

// NewRunnerReplies puts a policy's replies on the wire.
func NewRunnerReplies(rs []agents.Reply) []RunnerReply {
	out := make([]RunnerReply, len(rs))
	for i, r := range rs {
		out[i] = RunnerReply{Text: r.Text, Tokens: r.Tokens, FinishReason: r.FinishReason,
			TokenIDs: r.TokenIDs, Seed: r.Seed, LogProbs: r.LogProbs, Model: r.Model, Adapter: r.Adapter}
	}
	return out
}

// Agents returns the reply as a policy gives it, without a latency (the
// server measures it) or a check (the server makes it).
func (r RunnerReply) Agents() agents.Reply {
	return agents.Reply{Text: r.Text, Tokens: r.Tokens, FinishReason: r.FinishReason,
		TokenIDs: r.TokenIDs, Seed: r.Seed, LogProbs: r.LogProbs, Model: r.Model, Adapter: r.Adapter}
}

// Limits of the protocol, beyond which a message is refused.
const (
	// MaxRunnerError is the most bytes of an error's message.
	MaxRunnerError = 4096
	// MaxRunnerName bounds a hello's agent and model, and a reply's
	// model.
	MaxRunnerName = 200
	// MaxRunnerTokens bounds a reply's token ids and log-probs: the
	// longest reply any Space allows, plus the special token that ended
	// it.
	MaxRunnerTokens = agents.MaxReplyTokens + 1
	// MaxTokenID bounds a token id (exclusive): 2^24 is far beyond any
	// vocabulary, and every id below it is exact in a float32, so no
	// backend mistakes one for another.
	MaxTokenID = 1 << 24
)

// The fields each message type may carry. A field that belongs to another
// type is an error rather than ignored, so that a confused peer is found
// at once.
var (
	commandFields = map[string][]string{
		RunnerGenerate: {"type", "id", "request"},
		RunnerCancel:   {"type", "id"},
	}
	messageFields = map[string][]string{
		RunnerHello: {"type", "agent", "model"},
		RunnerDelta: {"type", "id", "sample", "text"},
		RunnerDone:  {"type", "id", "replies"},
		RunnerError: {"type", "id", "message"},
	}
)

// DecodeRunnerCommand decodes and checks a message from the server: one
// JSON object with a known type, only that type's fields, an id from 1,
// and for generate a request with at least one message and a sample
// count from 0 to agents.MaxSamples. Whether the request is one a policy
// can answer is left to the policy, which says so in its own words.
func DecodeRunnerCommand(data []byte) (RunnerCommand, error) {
	var c RunnerCommand
	typ, err := decodeStrict(data, commandFields, &c)
	if err != nil {
		return RunnerCommand{}, decodeError("runner command", typ, err)
	}
	fail := func(format string, args ...any) (RunnerCommand, error) {
		return RunnerCommand{}, decodeError("runner command", typ, fmt.Errorf(format, args...))
	}
	if c.ID == 0 {
		return fail("id is missing or 0 (ids count from 1)")
	}
	if typ == RunnerGenerate {
		switch r := c.Request; {
		case r == nil:
			return fail("request is missing")
		case len(r.Messages) == 0:
			return fail("request has no messages")
		case r.N < 0 || r.N > agents.MaxSamples:
			return fail("request n is %d (want 0 to %d)", r.N, agents.MaxSamples)
		}
	}
	return c, nil
}

// DecodeRunnerMessage decodes and checks a message from a runner: one
// JSON object with a known type, only that type's fields, an id from 1
// (all but hello), a hello that names its agent, a delta's sample from 0,
// a done with one to agents.MaxSamples replies, each within the bounds
// above (see checkRunnerReply), and an error with a message.
func DecodeRunnerMessage(data []byte) (RunnerMessage, error) {
	var m RunnerMessage
	typ, err := decodeStrict(data, messageFields, &m)
	if err != nil {
		return RunnerMessage{}, decodeError("runner message", typ, err)
	}
	fail := func(format string, args ...any) (RunnerMessage, error) {
		return RunnerMessage{}, decodeError("runner message", typ, fmt.Errorf(format, args...))
	}
	if typ != RunnerHello && m.ID == 0 {
		return fail("id is missing or 0 (ids count from 1)")
	}
	switch typ {
	case RunnerHello:
		switch {
		case strings.TrimSpace(m.Agent) == "":
			return fail("agent is missing")
		case len(m.Agent) > MaxRunnerName:
			return fail("agent is %d bytes long (at most %d)", len(m.Agent), MaxRunnerName)
		case len(m.Model) > MaxRunnerName:
			return fail("model is %d bytes long (at most %d)", len(m.Model), MaxRunnerName)
		}
	case RunnerDelta:
		if m.Sample < 0 || m.Sample >= agents.MaxSamples {
			return fail("sample is %d (want 0 to %d)", m.Sample, agents.MaxSamples-1)
		}
	case RunnerDone:
		if len(m.Replies) == 0 || len(m.Replies) > agents.MaxSamples {
			return fail("has %d replies (want 1 to %d)", len(m.Replies), agents.MaxSamples)
		}
		for i, r := range m.Replies {
			if err := r.Check(); err != nil {
				return fail("reply %d %v", i, err)
			}
		}
	case RunnerError:
		switch {
		case strings.TrimSpace(m.Message) == "":
			return fail("message is missing")
		case len(m.Message) > MaxRunnerError:
			return fail("message is %d bytes long (at most %d)", len(m.Message), MaxRunnerError)
		}
	}
	return m, nil
}

// Check checks what a reply says about itself against the protocol's
// bounds, as DecodeRunnerMessage does: a runner checks its replies before
// sending them, since a server drops a runner that breaks the protocol.
// The error completes "reply N ...".
func (r RunnerReply) Check() error {
	switch {
	case r.Tokens < 0:
		return fmt.Errorf("has %d tokens", r.Tokens)
	case len(r.TokenIDs) > MaxRunnerTokens:
		return fmt.Errorf("token_ids has %d ids (at most %d)", len(r.TokenIDs), MaxRunnerTokens)
	case len(r.LogProbs) > MaxRunnerTokens:
		return fmt.Errorf("logprobs has %d values (at most %d)", len(r.LogProbs), MaxRunnerTokens)
	case len(r.TokenIDs) > 0 && len(r.LogProbs) > 0 && len(r.TokenIDs) != len(r.LogProbs):
		return fmt.Errorf("logprobs has %d values for %d token_ids (want one per token)", len(r.LogProbs), len(r.TokenIDs))
	case len(r.Model) > MaxRunnerName:
		return fmt.Errorf("model is %d bytes long (at most %d)", len(r.Model), MaxRunnerName)
	case len(r.Adapter) > agents.MaxVersionBytes:
		return fmt.Errorf("adapter is %d bytes long (at most %d)", len(r.Adapter), agents.MaxVersionBytes)
	}
	for j, id := range r.TokenIDs {
		if id < 0 || id >= MaxTokenID {
			return fmt.Errorf("token_ids[%d] is %d (want 0 to %d)", j, id, MaxTokenID-1)
		}
	}
	for j, lp := range r.LogProbs {
		// JSON has no NaN or infinity, but a Go caller's value may.
		if math.IsNaN(lp) || math.IsInf(lp, 0) || lp > 0 {
			return fmt.Errorf("logprobs[%d] is %v (want a finite log-probability, at most 0)", j, lp)
		}
	}
	return nil
}

// decodeStrict decodes one JSON object into v after checking that its
// type is one of fields' keys and that it has only that type's fields
// (exactly as spelled: encoding/json alone would accept "ID" for "id").
// Nested objects may not carry unknown fields either.
func decodeStrict(data []byte, fields map[string][]string, v any) (string, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return "", fmt.Errorf("not a JSON object: %w", err)
	}
	if raw == nil {
		return "", errors.New("not a JSON object: null")
	}
	var typ string
	if t, ok := raw["type"]; !ok {
		return "", errors.New("no type")
	} else if err := json.Unmarshal(t, &typ); err != nil {
		return "", fmt.Errorf("type is not a string: %s", clipField(string(t)))
	}
	allowed, ok := fields[typ]
	if !ok {
		known := make([]string, 0, len(fields))
		for k := range fields {
			known = append(known, k)
		}
		slices.Sort(known)
		return "", fmt.Errorf("unknown type %q (want one of %s)", clipField(typ), strings.Join(known, ", "))
	}
	for k := range raw {
		if !slices.Contains(allowed, k) {
			return typ, fmt.Errorf("unexpected field %q (a %s has %s)", clipField(k), typ, strings.Join(allowed, ", "))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return typ, err
	}
	return typ, nil
}

// decodeError names what failed to decode, and its type once known.
func decodeError(what, typ string, err error) error {
	if typ == "" {
		return fmt.Errorf("%s: %w", what, err)
	}
	return fmt.Errorf("%s %q: %w", what, typ, err)
}

// clipField shortens s for an error message, so that a huge bad value
// does not make a huge error.
func clipField(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
