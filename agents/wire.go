package agents

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
)

// The OpenAI chat-completions wire format, as both our client (the OpenAI
// backend) and our server speak it. Only the fields the arena uses are
// declared; others are ignored on decode.

// ChatRequest is the body of POST /v1/chat/completions.
type ChatRequest struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	Temperature *float64  `json:"temperature,omitempty"`
	TopP        *float64  `json:"top_p,omitempty"`
	MaxTokens   int       `json:"max_tokens,omitempty"`
	N           int       `json:"n,omitempty"`
	Seed        *int64    `json:"seed,omitempty"`
	Stop        []string  `json:"stop,omitempty"`
	Stream      bool      `json:"stream,omitempty"`
	// ResponseFormat asks for JSON output ({"type":"json_object"}) where
	// the server supports it.
	ResponseFormat *ResponseFormat `json:"response_format,omitempty"`
	// Logprobs asks for each generated token's log-probability
	// (choices[].logprobs), which the arena's checks of a reply use;
	// TopLogprobs asks for that many of the likeliest alternatives too.
	Logprobs    *bool `json:"logprobs,omitempty"`
	TopLogprobs *int  `json:"top_logprobs,omitempty"`
}

// ResponseFormat constrains a completion's output.
type ResponseFormat struct {
	Type string `json:"type"`
}

// ChatResponse is a non-streaming completion.
type ChatResponse struct {
	ID      string       `json:"id"`
	Object  string       `json:"object"` // "chat.completion"
	Created int64        `json:"created"`
	Model   string       `json:"model"`
	Choices []ChatChoice `json:"choices"`
	Usage   *Usage       `json:"usage,omitempty"`
}

// ChatChoice is one completion of a ChatResponse.
type ChatChoice struct {
	Index        int     `json:"index"`
	Message      Message `json:"message"`
	FinishReason string  `json:"finish_reason"`
	// Logprobs are the tokens of the completion with their
	// log-probabilities, when the request asked for them.
	Logprobs *ChoiceLogprobs `json:"logprobs,omitempty"`
}

// ChoiceLogprobs are a choice's tokens, in order, each with its
// log-probability. In a stream each chunk carries those of its own
// tokens.
type ChoiceLogprobs struct {
	Content []TokenLogprob `json:"content"`
}

// TokenLogprob is one generated token: its text, its log-probability
// under the model's distribution, the bytes of its text (a token may hold
// part of a character, which Token cannot show), and the likeliest
// alternatives where asked for.
type TokenLogprob struct {
	Token       string       `json:"token"`
	Logprob     float64      `json:"logprob"`
	Bytes       []int        `json:"bytes"`
	TopLogprobs []TopLogprob `json:"top_logprobs"`
}

// TopLogprob is one alternative of a TokenLogprob.
type TopLogprob struct {
	Token   string  `json:"token"`
	Logprob float64 `json:"logprob"`
	Bytes   []int   `json:"bytes"`
}

// UnmarshalJSON decodes a token's log-probability as a server sent it,
// where a number beyond float64's range (as -1e999 spells minus infinity)
// or null becomes negative infinity or NaN rather than failing the whole
// response: the reply stands, and only its log-probs are dropped (see
// OpenAI.Reply).
func (t *TokenLogprob) UnmarshalJSON(data []byte) error {
	var raw struct {
		Token   string          `json:"token"`
		Logprob json.Number     `json:"logprob"`
		Bytes   json.RawMessage `json:"bytes"`
		// TopLogprobs are not kept: the arena never asks for them, and a
		// server that sends them anyway should not make it hold them.
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	lp, err := strconv.ParseFloat(string(raw.Logprob), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		lp = math.NaN() // null or missing
	}
	*t = TokenLogprob{Token: raw.Token, Logprob: lp}
	// Bytes that are not a list of small integers are left out: the
	// token's text says the same where it can.
	if json.Unmarshal(raw.Bytes, &t.Bytes) != nil {
		t.Bytes = nil
	}
	return nil
}

// Usage counts a completion's tokens.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// ChatChunk is one server-sent event of a streaming completion; the stream
// ends with the line "data: [DONE]".
type ChatChunk struct {
	ID      string        `json:"id"`
	Object  string        `json:"object"` // "chat.completion.chunk"
	Created int64         `json:"created"`
	Model   string        `json:"model"`
	Choices []ChunkChoice `json:"choices"`
	Usage   *Usage        `json:"usage,omitempty"`
}

// ChunkChoice is one choice's piece of a ChatChunk.
type ChunkChoice struct {
	Index        int        `json:"index"`
	Delta        ChunkDelta `json:"delta"`
	FinishReason *string    `json:"finish_reason"`
	// Logprobs are the chunk's tokens with their log-probabilities, when
	// the request asked for them.
	Logprobs *ChoiceLogprobs `json:"logprobs,omitempty"`
}

// ChunkDelta is the new text of a choice.
type ChunkDelta struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content,omitempty"`
}

// APIError is the error body OpenAI-compatible servers return.
type APIError struct {
	Error struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		Code    any    `json:"code,omitempty"`
	} `json:"error"`
}
