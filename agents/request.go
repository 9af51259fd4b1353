package agents

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// MaxSamples caps Request.N: best-of-k beyond this wastes a shared
// engine's time (embedded) or floods a server with parallel requests
// (OpenAI-compatible).
const MaxSamples = 64

// DefaultMaxTokens is the reply length of a request that sets no
// Sampling.MaxTokens, for backends that need a bound.
const DefaultMaxTokens = 64

// replyTokens is the reply length a request's Sampling.MaxTokens asks
// for: DefaultMaxTokens when it sets none.
func replyTokens(maxTokens int) int {
	if maxTokens <= 0 {
		return DefaultMaxTokens
	}
	return maxTokens
}

// checkRequest returns the number of samples a request wants, or what is
// wrong with it. Both backends refuse the same requests, so that a match
// does not behave differently with a local and a remote agent.
func checkRequest(req Request) (int, error) {
	if len(req.Messages) == 0 {
		return 0, errors.New("request has no messages")
	}
	for i, m := range req.Messages {
		switch m.Role {
		case "system", "user", "assistant":
		default:
			return 0, fmt.Errorf("message %d has role %q (want system, user or assistant)", i, clip(m.Role))
		}
		if !utf8.ValidString(m.Content) {
			return 0, fmt.Errorf("message %d (%s) is not valid UTF-8", i, m.Role)
		}
	}
	if req.N < 0 || req.N > MaxSamples {
		return 0, fmt.Errorf("request asks for %d samples (want 1 to %d; 0 means 1)", req.N, MaxSamples)
	}
	if errs := checkSampling(req.Sampling); len(errs) > 0 {
		// Name the field as in a request: the agent's words would mislead.
		return 0, fmt.Errorf("request %s: %s", errs[0].Field, errs[0].Problem)
	}
	if req.Adapter != "" {
		if err := CheckVersion(req.Adapter); err != nil {
			return 0, fmt.Errorf("request adapter: %w", err)
		}
	}
	return max(req.N, 1), nil
}
