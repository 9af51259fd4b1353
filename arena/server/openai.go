package server

// The OpenAI-compatible API under /v1: GET /v1/models, GET
// /v1/models/{model} and POST /v1/chat/completions, over Options.Policy
// (the embedded backend). The base model is served under Options.Model
// and every stored adapter version of an agent on that base model under
// its version name, as vLLM serves LoRA adapters, so that any OpenAI
// client can talk to an agent's trained weights.
//
// Every request needs "Authorization: Bearer <key>" (an OpenAI client's
// API key), where the key is a player's sign-in token or one of the
// operator's API keys (Options.APIKeys); without one it gets 401. Each
// caller (address or key) has a rate and a number of chat completions in
// flight, and all callers together a number in flight (Options.Limits);
// past them a request gets 429 with a Retry-After. Every refusal is
// counted in arena_refusals_total. The model is shared with matches,
// which go first (see Options.Policy).
//
// What a chat completion request may hold, and what each field becomes:
//
//   - model: the base model's name (Request.Adapter "") or an adapter
//     version (Request.Adapter = the version); anything else is 404.
//   - messages: at least one, with roles system, user or assistant
//     ("developer", OpenAI's newer name for system, is taken as system);
//     content is a string or a list of text parts.
//   - max_completion_tokens or max_tokens: 1 to 512, default 128.
//   - temperature: 0 to 2, default 1 as in OpenAI's API (0 is greedy).
//   - top_p: 0 to 1 (0 or 1 keeps every token). top_k (vLLM's
//     extension): -1 or 0 keeps every token.
//   - n: 1 to 8 choices. stop: a string or up to 4 strings.
//   - seed: any integer, taken as the bits of Request.Seed; without one
//     each request gets a random seed, so that repeated requests vary as
//     they do with OpenAI.
//   - stream, stream_options.include_usage: server-sent events.
//   - response_format: only {"type":"text"}; the embedded model cannot
//     promise JSON, so asking for it is an error rather than a silent
//     no-op.
//   - logprobs: true gives each choice logprobs.content: every sampled
//     token (the special token that ended the reply included, as its
//     text) with its log-probability under the sampler's distribution
//     and its bytes, from the policy's Reply.TokenIDs and LogProbs. A
//     stream gives them all in each choice's last chunk, with its
//     finish_reason. A choice whose policy reported no token ids or
//     log-probs, or a server without the model's tokenizer, has logprobs
//     null. top_logprobs may be 0 only: the policy reports the sampled
//     token's log-probability, not its rivals'.
//
// Other fields (OpenAI clients send many: user, tools, ...) are ignored.
//
// usage.prompt_tokens counts the chat as the model reads it (its chat
// template) with the served model's tokenizer; it is 0 when the server
// has none.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/tokenizer"
)

// Limits and defaults of /v1/chat/completions.
const (
	// maxChatBody bounds a request body: a chat for the embedded model's
	// context window is a few kilobytes.
	maxChatBody = 1 << 20
	// defaultChatMaxTokens is the reply length of a request that sets
	// none. OpenAI's default is "until the context ends"; a bound keeps
	// an unthinking client from holding the shared model for long.
	defaultChatMaxTokens = 128
	// maxChatMaxTokens is the longest reply a request may ask for: the
	// embedded model's whole context window, so no reply it can give is
	// refused, while one generation (at most maxChatChoices of these)
	// stays a short wait for the match reply queued behind it.
	maxChatMaxTokens = 512
	// maxChatChoices bounds n: each choice is a sample generated on the
	// model that matches share.
	maxChatChoices = 8
	// maxStopSequences is OpenAI's own limit.
	maxStopSequences = 4
	// streamWriteTimeout is how long a streaming client may take to accept
	// one batch of events before it is dropped, so that a client that
	// stops reading cannot hold a handler forever.
	streamWriteTimeout = 30 * time.Second
)

// startedAt is given as the base model's "created" time: it was loaded
// when this process started.
var startedAt = time.Now().Unix()

// modelCard is one model of GET /v1/models, in OpenAI's form with vLLM's
// "parent" (the base model an adapter adapts) and the arena's "agent"
// (whose adapter it is); clients ignore fields they do not know.
type modelCard struct {
	ID      string `json:"id"`
	Object  string `json:"object"` // "model"
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
	Parent  string `json:"parent,omitempty"`
	Agent   string `json:"agent,omitempty"`
}

// modelList is the body of GET /v1/models.
type modelList struct {
	Object string      `json:"object"` // "list"
	Data   []modelCard `json:"data"`
}

// routeOpenAI serves /v1, or answers every /v1 request with 404 when the
// server has no Policy.
func (s *Server) routeOpenAI(mux *http.ServeMux) {
	if s.opts.Policy == nil {
		mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
			writeAPIError(w, http.StatusNotFound, "invalid_request_error", "not_found",
				"this server does not serve the OpenAI-compatible API: it runs no embedded model")
		})
		return
	}
	mux.HandleFunc("GET /v1/models", s.v1(s.listModels))
	// {id...}: a base model's name may hold slashes, as Hugging Face
	// names do ("org/model").
	mux.HandleFunc("GET /v1/models/{id...}", s.v1(s.getModel))
	mux.HandleFunc("POST /v1/chat/completions", s.v1(s.chatCompletions))
	// The rest of /v1 answers in OpenAI's error form, which OpenAI
	// clients can show, rather than the mux's plain text.
	mux.HandleFunc("/v1/", s.v1(s.unknownEndpoint))
}

// errNoAPIKey is v1Caller's answer to a request without credentials.
var errNoAPIKey = errors.New(`/v1 needs "Authorization: Bearer <key>" (an OpenAI client's API key), where the key is a sign-in token (POST /api/auth/challenge, then /api/auth/signin) or an API key of this server's operator`)

// v1Caller says who a /v1 request comes from: "key N" for the operator's
// Nth API key, or the signed-in address. Every error it returns means
// 401; its message says what was wrong.
func (s *Server) v1Caller(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", errNoAPIKey
	}
	scheme, cred, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", errors.New(`the Authorization header must be "Bearer <key>"`)
	}
	if n := s.gate.apiKey(strings.TrimSpace(cred)); n > 0 {
		return fmt.Sprintf("key %d", n), nil
	}
	addr, err := s.caller(r)
	if err != nil {
		return "", fmt.Errorf("the bearer key is not an API key of this server, nor a good sign-in token: %w", err)
	}
	return addr.Hex(), nil
}

// v1 wraps a /v1 handler with the API's gate: 401 for a request without
// a good key, 429 with a Retry-After for a caller past its rate, both in
// OpenAI's error form and counted. h gets the caller's name (see
// v1Caller).
func (s *Server) v1(h func(w http.ResponseWriter, r *http.Request, caller string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, err := s.v1Caller(r)
		if err != nil {
			refusal.Count(refusal.V1Unauthorized)
			w.Header().Set("WWW-Authenticate", `Bearer realm="arena"`)
			writeAPIError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", err.Error())
			return
		}
		if ok, wait := s.gate.v1.allow(caller, time.Now()); !ok {
			refusal.Count(refusal.V1RateLimited)
			tooMany(w, wait, fmt.Sprintf("rate limit reached: at most %d requests at once, then %g a second; wait %s",
				s.gate.V1Burst, s.gate.V1Rate, wait.Round(time.Millisecond)))
			return
		}
		h(w, r, caller)
	}
}

// tooMany answers 429 in OpenAI's form for rate limits, with a
// Retry-After of wait.
func tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	retryAfter(w, wait)
	writeAPIError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded", msg)
}

// takeFlight counts a chat completion of caller's in flight, or answers
// 429 and returns false when caller, or everyone, has as many in flight
// as allowed. A true return needs s.gate.v1Flight.release(caller).
func (s *Server) takeFlight(w http.ResponseWriter, caller string) bool {
	switch s.gate.v1Flight.acquire(caller) {
	case inFlightCaller:
		refusal.Count(refusal.V1Concurrency)
		tooMany(w, time.Second, fmt.Sprintf("you have %d chat completions in flight, the most one caller may; wait for one to end", s.gate.V1Concurrency))
		return false
	case inFlightAll:
		refusal.Count(refusal.V1Busy)
		tooMany(w, time.Second, fmt.Sprintf("the server has %d chat completions in flight, the most it takes at once; try again shortly", s.gate.V1InFlight))
		return false
	}
	return true
}

// writeAPIError answers with an OpenAI-style error body.
func writeAPIError(w http.ResponseWriter, status int, typ, code, msg string) {
	writeJSON(w, status, apiError(typ, code, msg))
}

// apiError makes an OpenAI-style error body.
func apiError(typ, code, msg string) agents.APIError {
	var e agents.APIError
	e.Error.Message, e.Error.Type = msg, typ
	if code != "" {
		e.Error.Code = code
	}
	return e
}

// badRequest answers 400 with msg.
func badRequest(w http.ResponseWriter, msg string) {
	writeAPIError(w, http.StatusBadRequest, "invalid_request_error", "invalid_request", msg)
}

// serverError answers 500 with err's message.
func serverError(w http.ResponseWriter, err error) {
	writeAPIError(w, http.StatusInternalServerError, "server_error", "internal_error", err.Error())
}

// unknownEndpoint answers requests under /v1 that no route takes: 405 for
// a known path with the wrong method, else 404.
func (s *Server) unknownEndpoint(w http.ResponseWriter, r *http.Request, _ string) {
	allow := ""
	switch {
	case r.URL.Path == "/v1/chat/completions":
		allow = http.MethodPost
	case r.URL.Path == "/v1/models" || strings.HasPrefix(r.URL.Path, "/v1/models/"):
		allow = "GET, HEAD"
	}
	if allow != "" {
		w.Header().Set("Allow", allow)
		writeAPIError(w, http.StatusMethodNotAllowed, "invalid_request_error", "method_not_allowed",
			fmt.Sprintf("%s %s is not served; use %s", r.Method, r.URL.Path, allow))
		return
	}
	writeAPIError(w, http.StatusNotFound, "invalid_request_error", "not_found",
		fmt.Sprintf("no endpoint %s %s; this server serves GET /v1/models, GET /v1/models/{model} and POST /v1/chat/completions",
			r.Method, r.URL.Path))
}

// models lists the served models: the base model, then every adapter
// version of the agents on it, in agent then version order.
//
// It reads the store on every call rather than caching, so an adapter is
// served the moment the trainer records it; the scan is small next to
// the generation it precedes.
func (s *Server) models() ([]modelCard, error) {
	cards := []modelCard{{ID: s.opts.Model, Object: "model", Created: startedAt, OwnedBy: "arena"}}
	ags, err := s.arena.Agents()
	if err != nil {
		return nil, err
	}
	for _, ag := range ags {
		// Only adapters of the base model can be attached to it; an
		// agent on another model (behind an endpoint) has none to serve
		// here.
		if ag.Model != s.opts.Model {
			continue
		}
		versions, err := s.arena.Adapters(ag.ID)
		if err != nil {
			return nil, err
		}
		for _, v := range versions {
			cards = append(cards, modelCard{
				ID: v.Version, Object: "model", Created: v.Created.Unix(), OwnedBy: ag.Owner,
				Parent: s.opts.Model, Agent: ag.ID,
			})
		}
	}
	return cards, nil
}

// findModel returns the card of a served model, or false when there is
// none of that name. The base model's name wins over an adapter version
// of the same name.
func (s *Server) findModel(id string) (modelCard, bool, error) {
	cards, err := s.models()
	if err != nil {
		return modelCard{}, false, err
	}
	for _, c := range cards {
		if c.ID == id {
			return c, true, nil
		}
	}
	return modelCard{}, false, nil
}

// modelNotFound answers 404 naming the model, as OpenAI does.
func modelNotFound(w http.ResponseWriter, id string) {
	writeAPIError(w, http.StatusNotFound, "invalid_request_error", "model_not_found",
		fmt.Sprintf("the model %q does not exist here; GET /v1/models lists the models this server serves", id))
}

func (s *Server) listModels(w http.ResponseWriter, r *http.Request, _ string) {
	cards, err := s.models()
	if err != nil {
		serverError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, modelList{Object: "list", Data: cards})
}

func (s *Server) getModel(w http.ResponseWriter, r *http.Request, caller string) {
	id := r.PathValue("id")
	if id == "" { // "/v1/models/": the list, as a trailing slash suggests
		s.listModels(w, r, caller)
		return
	}
	card, ok, err := s.findModel(id)
	switch {
	case err != nil:
		serverError(w, err)
	case !ok:
		modelNotFound(w, id)
	default:
		writeJSON(w, http.StatusOK, card)
	}
}

// chatBody is a chat completion request as clients send it. It embeds
// agents.ChatRequest for the fields that decode as declared there (model,
// temperature, top_p, seed, stream, response_format) and shadows the ones
// OpenAI's API lets take more forms than ChatRequest's types allow (stop
// as one string, content as a list of parts), or whose absence must be
// told from zero (n, max_tokens); encoding/json takes the shallower field.
type chatBody struct {
	agents.ChatRequest
	Messages            []chatMessage   `json:"messages"`
	MaxTokens           *int            `json:"max_tokens"`
	MaxCompletionTokens *int            `json:"max_completion_tokens"`
	N                   *int            `json:"n"`
	Stop                json.RawMessage `json:"stop"`
	TopK                *int            `json:"top_k"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

// chatMessage is a message whose content is a string, a list of content
// parts, or null.
type chatMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

// chatCall is a checked chat completion request.
type chatCall struct {
	model        string
	req          agents.Request
	stream       bool
	includeUsage bool
	logprobs     bool
}

// decodeChat reads and checks a chat completion request. On failure it
// returns the status and message to answer with.
func decodeChat(w http.ResponseWriter, r *http.Request) (chatCall, int, string) {
	var body chatBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxChatBody))
	if err := dec.Decode(&body); err != nil {
		return chatCall{}, decodeStatus(err), "the request body is not a chat completion request: " + describeJSONError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return chatCall{}, http.StatusBadRequest, "the request body has more after its JSON object"
	}
	c, msg := body.check()
	if msg != "" {
		return chatCall{}, http.StatusBadRequest, msg
	}
	return c, 0, ""
}

// decodeStatus is the status for a body that failed to decode: 413 when
// it was too large.
func decodeStatus(err error) int {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// describeJSONError says what was wrong with a body in words that name
// the field or the place.
func describeJSONError(err error) string {
	var (
		syntax   *json.SyntaxError
		typeErr  *json.UnmarshalTypeError
		tooLarge *http.MaxBytesError
	)
	switch {
	case errors.As(err, &tooLarge):
		return fmt.Sprintf("it is larger than %d bytes", tooLarge.Limit)
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return "it must be a JSON object"
	case errors.As(err, &typeErr):
		// Fields of the embedded ChatRequest have its name in their path,
		// which means nothing to a client.
		field := strings.TrimPrefix(typeErr.Field, "ChatRequest.")
		return fmt.Sprintf("field %q must be %s, not JSON %s", field, jsonKind(typeErr.Type.Kind()), typeErr.Value)
	case errors.Is(err, io.EOF):
		return "the body is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends early"
	}
	return err.Error()
}

// jsonKind names what a Go kind holds in JSON's terms.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// check validates the request and maps it to a Policy request; a non-empty
// message says what is wrong.
func (b *chatBody) check() (chatCall, string) {
	c := chatCall{model: b.Model, stream: b.Stream}
	if b.Model == "" {
		return c, "model is missing; GET /v1/models lists the models this server serves"
	}
	if len(b.Messages) == 0 {
		return c, "messages is empty; give at least one message"
	}
	for i, m := range b.Messages {
		role := m.Role
		switch role {
		case "system", "user", "assistant":
		case "developer":
			role = "system"
		default:
			return c, fmt.Sprintf("messages[%d].role is %q; want system, user or assistant", i, m.Role)
		}
		text, msg := messageText(m.Content)
		if msg != "" {
			return c, fmt.Sprintf("messages[%d].content %s", i, msg)
		}
		c.req.Messages = append(c.req.Messages, agents.Message{Role: role, Content: text})
	}

	c.req.N = 1
	if b.N != nil {
		if *b.N < 1 || *b.N > maxChatChoices {
			return c, fmt.Sprintf("n is %d; want 1 to %d", *b.N, maxChatChoices)
		}
		c.req.N = *b.N
	}

	// max_completion_tokens is OpenAI's newer name for max_tokens; it wins
	// when a client sends both.
	maxTokens, field := b.MaxTokens, "max_tokens"
	if b.MaxCompletionTokens != nil {
		maxTokens, field = b.MaxCompletionTokens, "max_completion_tokens"
	}
	c.req.Sampling.MaxTokens = defaultChatMaxTokens
	if maxTokens != nil {
		if *maxTokens < 1 || *maxTokens > maxChatMaxTokens {
			return c, fmt.Sprintf("%s is %d; want 1 to %d", field, *maxTokens, maxChatMaxTokens)
		}
		c.req.Sampling.MaxTokens = *maxTokens
	}

	c.req.Sampling.Temperature = 1 // OpenAI's default
	if t := b.Temperature; t != nil {
		if *t < 0 || *t > agents.MaxTemperature {
			return c, fmt.Sprintf("temperature is %v; want 0 to %d", *t, agents.MaxTemperature)
		}
		c.req.Sampling.Temperature = *t
	}
	if p := b.TopP; p != nil {
		if *p < 0 || *p > 1 {
			return c, fmt.Sprintf("top_p is %v; want 0 to 1", *p)
		}
		c.req.Sampling.TopP = *p
	}
	if k := b.TopK; k != nil {
		if *k < -1 {
			return c, fmt.Sprintf("top_k is %d; want -1 or 0 (all tokens) or a positive count", *k)
		}
		c.req.Sampling.TopK = max(*k, 0)
	}

	if b.Seed != nil {
		c.req.Seed = uint64(*b.Seed)
	} else {
		c.req.Seed = mathrand.Uint64()
	}

	stop, msg := stopSequences(b.Stop)
	if msg != "" {
		return c, msg
	}
	c.req.Stop = stop

	if f := b.ResponseFormat; f != nil && f.Type != "text" {
		return c, fmt.Sprintf("response_format %q is not supported: the model's output is plain text", f.Type)
	}
	if b.StreamOptions != nil {
		if !b.Stream {
			return c, "stream_options is only allowed with stream: true"
		}
		c.includeUsage = b.StreamOptions.IncludeUsage
	}
	c.logprobs = b.Logprobs != nil && *b.Logprobs
	if k := b.TopLogprobs; k != nil && *k != 0 {
		return c, fmt.Sprintf("top_logprobs is %d; only 0 is supported: this server reports each sampled token's log-probability (logprobs: true), not its likeliest rivals'", *k)
	}
	return c, ""
}

// messageText reads a message's content: a string, null, or a list of
// {"type":"text","text":...} parts, joined. A non-empty second result
// says what is wrong.
func messageText(raw json.RawMessage) (string, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", ""
	}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return text, ""
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", "must be a string or a list of text parts"
	}
	var b strings.Builder
	for i, p := range parts {
		if p.Type != "text" {
			return "", fmt.Sprintf("part %d has type %q; only text is supported", i, p.Type)
		}
		b.WriteString(p.Text)
	}
	return b.String(), ""
}

// stopSequences reads stop: absent, null, one string or a list of
// strings. A non-empty second result says what is wrong.
func stopSequences(raw json.RawMessage) ([]string, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, ""
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if one == "" {
			return nil, "stop is an empty string"
		}
		return []string{one}, ""
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, "stop must be a string or a list of strings"
	}
	if len(list) > maxStopSequences {
		return nil, fmt.Sprintf("stop has %d sequences; at most %d are allowed", len(list), maxStopSequences)
	}
	for i, s := range list {
		if s == "" {
			return nil, fmt.Sprintf("stop[%d] is an empty string", i)
		}
	}
	return list, ""
}

// completionID makes a completion's id in OpenAI's form.
func completionID() string {
	var b [12]byte
	rand.Read(b[:])
	return "chatcmpl-" + hex.EncodeToString(b[:])
}

// chatCompletions serves POST /v1/chat/completions.
func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request, caller string) {
	c, status, msg := decodeChat(w, r)
	if msg != "" {
		code := "invalid_request"
		if status == http.StatusRequestEntityTooLarge {
			code = "request_too_large"
		}
		writeAPIError(w, status, "invalid_request_error", code, msg)
		return
	}
	card, ok, err := s.findModel(c.model)
	switch {
	case err != nil:
		serverError(w, err)
		return
	case !ok:
		modelNotFound(w, c.model)
		return
	}
	if card.Agent != "" {
		c.req.Adapter = card.ID
	}
	if !s.takeFlight(w, caller) {
		return
	}
	defer s.gate.v1Flight.release(caller)
	if c.stream {
		s.streamChat(w, r, c)
		return
	}
	s.completeChat(w, r, c)
}

// completeChat answers with the whole completion at once.
func (s *Server) completeChat(w http.ResponseWriter, r *http.Request, c chatCall) {
	replies, err := s.opts.Policy.Reply(r.Context(), c.req, nil)
	if err != nil {
		if r.Context().Err() != nil {
			return // the client has gone; nobody reads an answer
		}
		serverError(w, err)
		return
	}
	resp := agents.ChatResponse{
		ID: completionID(), Object: "chat.completion", Created: time.Now().Unix(), Model: c.model,
		Usage: s.countUsage(c, replies),
	}
	for i, rep := range replies {
		choice := agents.ChatChoice{
			Index:        i,
			Message:      agents.Message{Role: "assistant", Content: rep.Text},
			FinishReason: finishReason(rep),
		}
		if c.logprobs {
			choice.Logprobs = s.logprobsOf(rep)
		}
		resp.Choices = append(resp.Choices, choice)
	}
	writeJSON(w, http.StatusOK, resp)
}

// countUsage adds replies' tokens to the tokens metric and returns them
// as usage, with the prompt's tokens where the server has the tokenizer
// (see the file's comment).
func (s *Server) countUsage(c chatCall, replies []agents.Reply) *agents.Usage {
	var generated int
	for _, rep := range replies {
		generated += rep.Tokens
	}
	s.metrics.tokens.Add(float64(generated))
	var prompt int
	if tok := s.v1Tokenizer(); tok != nil {
		if ids, err := tok.Chat(c.req.Messages, true); err == nil {
			prompt = len(ids)
		}
	}
	return &agents.Usage{PromptTokens: prompt, CompletionTokens: generated, TotalTokens: prompt + generated}
}

// v1Tokenizer is the served model's tokenizer, for log-probs' token texts
// and usage's prompt tokens: the policy's own where it tells it (a
// Tokenizer method), else the embedded model's when that is the model
// served. Nil when neither.
func (s *Server) v1Tokenizer() *tokenizer.Tokenizer {
	if p, ok := s.opts.Policy.(interface{ Tokenizer() *tokenizer.Tokenizer }); ok {
		return p.Tokenizer()
	}
	if s.opts.Model != embedded.Name {
		return nil
	}
	// Loaded once per process and shared with the policy that serves it.
	m, err := embedded.Model()
	if err != nil {
		return nil
	}
	return m.Tokenizer
}

// logprobsOf is a reply's logprobs.content: each of its tokens with its
// text, log-probability and bytes. It is nil when the policy reported no
// token ids, a log-prob for other than each of them, or the server has no
// tokenizer to spell them.
func (s *Server) logprobsOf(rep agents.Reply) *agents.ChoiceLogprobs {
	tok := s.v1Tokenizer()
	if tok == nil || len(rep.TokenIDs) == 0 || len(rep.TokenIDs) != len(rep.LogProbs) {
		return nil
	}
	content := make([]agents.TokenLogprob, len(rep.TokenIDs))
	for i, id := range rep.TokenIDs {
		b := tok.TokenBytes(id)
		ints := make([]int, len(b))
		for j, c := range b {
			ints[j] = int(c)
		}
		content[i] = agents.TokenLogprob{Token: tokenText(b), Logprob: rep.LogProbs[i], Bytes: ints,
			TopLogprobs: []agents.TopLogprob{}} // OpenAI sends [], not null
	}
	return &agents.ChoiceLogprobs{Content: content}
}

// tokenText is a token's text: its bytes, or where they are not whole
// UTF-8 (part of a character) "bytes:" and each byte as \xNN, as vLLM
// spells them; Bytes holds them exactly either way.
func tokenText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.WriteString("bytes:")
	for _, c := range b {
		fmt.Fprintf(&sb, "\\x%02x", c)
	}
	return sb.String()
}

// finishReason is a reply's finish reason, "stop" when the policy gave
// none.
func finishReason(rep agents.Reply) string {
	if rep.FinishReason == "" {
		return "stop"
	}
	return rep.FinishReason
}

// deltaQueue carries deltas from the policy to the handler. The policy
// only appends, never waits for the network: a slow client must not hold
// the model that matches share. What waits is bounded by the reply's
// length (n × max_tokens).
type deltaQueue struct {
	mu      sync.Mutex
	pending []agents.Delta
	ready   chan struct{} // holds a signal while pending may be non-empty
}

func newDeltaQueue() *deltaQueue { return &deltaQueue{ready: make(chan struct{}, 1)} }

// push is the policy's onDelta.
func (q *deltaQueue) push(d agents.Delta) {
	q.mu.Lock()
	q.pending = append(q.pending, d)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default: // a signal is already waiting
	}
}

// take removes and returns the waiting deltas.
func (q *deltaQueue) take() []agents.Delta {
	q.mu.Lock()
	defer q.mu.Unlock()
	p := q.pending
	q.pending = nil
	return p
}

// chatStream writes a completion as server-sent events.
type chatStream struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	base    agents.ChatChunk // id, object, created and model of every chunk
	started []bool           // whether choice i has had its first chunk (with the role)
	open    bool             // whether the response has begun
	err     error            // the first write error; later writes are skipped
}

// event writes one "data:" event.
func (st *chatStream) event(v any) {
	if st.err != nil {
		return
	}
	if !st.open {
		h := st.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Accel-Buffering", "no") // proxies such as nginx must not hold events back
		st.w.WriteHeader(http.StatusOK)
		st.open = true
	}
	data, err := json.Marshal(v)
	if err != nil {
		st.err = err
		return
	}
	// The deadline drops a client that stops reading; it is renewed for
	// every event, so a long stream that is read is never cut.
	st.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := fmt.Fprintf(st.w, "data: %s\n\n", data); err != nil {
		st.err = err
	}
}

// choice writes one chunk of choice i: its text, or its end (with its
// tokens' log-probs, when asked for).
func (st *chatStream) choice(i int, text string, finish *string, logprobs *agents.ChoiceLogprobs) {
	chunk := st.base
	d := agents.ChunkDelta{Content: text}
	if !st.started[i] {
		d.Role = "assistant" // a choice's first chunk names the role
		st.started[i] = true
	}
	chunk.Choices = []agents.ChunkChoice{{Index: i, Delta: d, FinishReason: finish, Logprobs: logprobs}}
	st.event(chunk)
}

// flush sends what was written. Before the first event it does nothing:
// flushing would commit a 200 that an error found later could not undo.
func (st *chatStream) flush() {
	if st.open && st.err == nil {
		if err := st.rc.Flush(); err != nil {
			st.err = err
		}
	}
}

// streamChat answers with server-sent events: a chunk per piece of text
// as the policy writes it, a final chunk per choice with its
// finish_reason, the usage when asked for, and "data: [DONE]". The
// generation stops when the client goes away. An error before any text
// is an ordinary error response; after, it is an error event that ends
// the stream without [DONE].
func (s *Server) streamChat(w http.ResponseWriter, r *http.Request, c chatCall) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	st := &chatStream{
		w: w, rc: http.NewResponseController(w),
		base:    agents.ChatChunk{ID: completionID(), Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: c.model},
		started: make([]bool, c.req.N),
	}
	// The connection may serve further requests, which must not inherit
	// our deadline.
	defer st.rc.SetWriteDeadline(time.Time{})

	type result struct {
		replies []agents.Reply
		err     error
	}
	q := newDeltaQueue()
	done := make(chan result, 1)
	go func() {
		replies, err := s.opts.Policy.Reply(ctx, c.req, q.push)
		done <- result{replies, err}
	}()

	write := func(deltas []agents.Delta) {
		for _, d := range deltas {
			if d.Sample >= 0 && d.Sample < len(st.started) && d.Text != "" {
				st.choice(d.Sample, d.Text, nil, nil)
			}
		}
		st.flush()
		if st.err != nil {
			cancel() // the client is gone or stuck: stop generating for it
		}
	}
	// Wait for the policy to return even after the client has gone, so
	// that its generation has ended (and released the model) when the
	// handler returns.
	var res result
	for waiting := true; waiting; {
		select {
		case <-q.ready:
			write(q.take())
		case res = <-done:
			waiting = false
		}
	}
	// Deltas pushed before Reply returned are in the queue now.
	write(q.take())

	switch {
	case res.err != nil && ctx.Err() != nil:
		return // the client has gone (or we dropped it): nobody reads more
	case res.err != nil && !st.open:
		serverError(w, res.err)
		return
	case res.err != nil:
		st.event(apiError("server_error", "internal_error", res.err.Error()))
		st.flush()
		return
	}

	usage := s.countUsage(c, res.replies)
	for i := range st.started {
		finish := "stop"
		var logprobs *agents.ChoiceLogprobs
		if i < len(res.replies) {
			finish = finishReason(res.replies[i])
			if c.logprobs {
				// The deltas carry text alone: a token's log-prob is
				// known with the reply.
				logprobs = s.logprobsOf(res.replies[i])
			}
		}
		st.choice(i, "", &finish, logprobs)
	}
	if c.includeUsage {
		chunk := st.base
		chunk.Choices = []agents.ChunkChoice{} // OpenAI sends [], not null
		chunk.Usage = usage
		st.event(chunk)
	}
	if st.err == nil {
		io.WriteString(w, "data: [DONE]\n\n")
	}
	st.flush()
}
