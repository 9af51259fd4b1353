package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// wordsPolicy is a Policy double: it answers every sample with text,
// streamed word by word (one delta per word, with its trailing space),
// and records the requests it gets.
type wordsPolicy struct {
	text string
	// fail, when set, fails the reply after failAfter deltas of sample 0.
	fail      error
	failAfter int
	// hang makes the reply wait, after its first delta, for the request's
	// context to end; that context's error is then sent on ended.
	hang  bool
	ended chan error

	mu   sync.Mutex
	reqs []agents.Request
}

var errPolicyFailed = errors.New("the model fell over")

func (p *wordsPolicy) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	p.mu.Lock()
	p.reqs = append(p.reqs, req)
	p.mu.Unlock()
	words := strings.SplitAfter(p.text, " ")
	out := make([]agents.Reply, max(req.N, 1))
	sent := 0
	for i := range out {
		for _, w := range words {
			if p.fail != nil && sent == p.failAfter {
				return nil, p.fail
			}
			if onDelta != nil {
				onDelta(agents.Delta{Sample: i, Text: w})
			}
			sent++
			if p.hang {
				<-ctx.Done()
				p.ended <- ctx.Err()
				return nil, ctx.Err()
			}
		}
		out[i] = agents.Reply{Text: p.text, Tokens: len(words), FinishReason: "stop"}
	}
	return out, nil
}

// last returns the last request the policy got.
func (p *wordsPolicy) last(t *testing.T) agents.Request {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.reqs) == 0 {
		t.Fatal("the policy got no request")
	}
	return p.reqs[len(p.reqs)-1]
}

// calls is how many requests the policy got.
func (p *wordsPolicy) calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.reqs)
}

const answer = "The answer is 42."

// addAdapterModel stores an agent on model owned by a new wallet and an
// adapter version of it, and returns the agent.
func (ts *testServer) addAdapterModel(t *testing.T, model, version string) agents.Agent {
	t.Helper()
	_, owner := newKey(t)
	ag, err := ts.Arena.CreateAgent(agents.Agent{Owner: owner, Name: "agent-" + version, Model: model})
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.Arena.AddAdapter(arena.AdapterVersion{Agent: ag.ID, Version: version}); err != nil {
		t.Fatal(err)
	}
	return ag
}

// testAPIKey is the operator API key of startV1's servers.
const testAPIKey = "test-operator-key-0123456789"

// startV1 is startServer for tests of /v1: the server takes testAPIKey,
// and limits left zero are so high that only tests of the limits meet
// them.
func startV1(t *testing.T, opts Options, policy agents.Policy) *testServer {
	t.Helper()
	opts.APIKeys = append(opts.APIKeys, testAPIKey)
	l := &opts.Limits
	if l.V1Rate == 0 && l.V1Burst == 0 {
		l.V1Rate, l.V1Burst = 1000, 1000
	}
	if l.V1Concurrency == 0 && l.V1InFlight == 0 {
		l.V1Concurrency, l.V1InFlight = 100, 100
	}
	return startServer(t, opts, policy)
}

// v1Client is our own OpenAI client on the server's /v1, with the
// operator's key and without retries.
func (ts *testServer) v1Client(t *testing.T, model string, stream bool) *agents.OpenAI {
	t.Helper()
	c, err := agents.NewOpenAI(agents.OpenAIOptions{BaseURL: ts.URL + "/v1", Model: model, APIKey: testAPIKey, Retries: -1, Stream: &stream})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// do sends a request to the server with the operator's key and returns
// the response with its body read.
func (ts *testServer) do(t *testing.T, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	return ts.doAs(t, "Bearer "+testAPIKey, method, path, body)
}

// doAs is do with the Authorization header auth ("" for none).
func (ts *testServer) doAs(t *testing.T, auth, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// decodeAPIError decodes an OpenAI-style error body.
func decodeAPIError(t *testing.T, body []byte) agents.APIError {
	t.Helper()
	var e agents.APIError
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" {
		t.Fatalf("not an OpenAI error body (%v): %s", err, body)
	}
	return e
}

// sseData returns the data of each server-sent event of a body.
func sseData(t *testing.T, body []byte) []string {
	t.Helper()
	var out []string
	for line := range strings.SplitSeq(string(body), "\n") {
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			out = append(out, data)
		} else if line != "" {
			t.Fatalf("unexpected line %q in the event stream:\n%s", line, body)
		}
	}
	return out
}

// tokensTotal reads arena_tokens_total from /metrics.
func (ts *testServer) tokensTotal(t *testing.T) float64 {
	t.Helper()
	_, body := ts.do(t, "GET", "/metrics", "")
	m := regexp.MustCompile(`(?m)^arena_tokens_total (\S+)$`).FindSubmatch(body)
	if m == nil {
		t.Fatal("/metrics has no arena_tokens_total")
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenAIModels(t *testing.T) {
	ts := startV1(t, Options{}, &wordsPolicy{text: answer})
	ag := ts.addAdapterModel(t, "test", "v1-test")
	ts.addAdapterModel(t, "some-remote-model", "v1-elsewhere") // not on the base model: not served

	resp, body := ts.do(t, "GET", "/v1/models", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/models: %s: %s", resp.Status, body)
	}
	var list modelList
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	if list.Object != "list" || len(list.Data) != 2 {
		t.Fatalf("want a list of the base model and v1-test, got %s", body)
	}
	base, adapter := list.Data[0], list.Data[1]
	if base.ID != "test" || base.Object != "model" || base.OwnedBy != "arena" || base.Created == 0 {
		t.Errorf("base model card: %+v", base)
	}
	if adapter.ID != "v1-test" || adapter.Object != "model" || adapter.OwnedBy != ag.Owner ||
		adapter.Parent != "test" || adapter.Agent != ag.ID || adapter.Created == 0 {
		t.Errorf("adapter model card: %+v (agent %s, owner %s)", adapter, ag.ID, ag.Owner)
	}

	resp, body = ts.do(t, "GET", "/v1/models/v1-test", "")
	var card modelCard
	if err := json.Unmarshal(body, &card); resp.StatusCode != http.StatusOK || err != nil || card != adapter {
		t.Errorf("GET /v1/models/v1-test: %s: %s", resp.Status, body)
	}
	resp, body = ts.do(t, "GET", "/v1/models/v1-elsewhere", "")
	if e := decodeAPIError(t, body); resp.StatusCode != http.StatusNotFound || e.Error.Code != "model_not_found" ||
		!strings.Contains(e.Error.Message, `"v1-elsewhere"`) {
		t.Errorf("GET /v1/models/v1-elsewhere: %s: %s", resp.Status, body)
	}
}

func TestOpenAIChatCompletion(t *testing.T) {
	p := &wordsPolicy{text: answer}
	ts := startV1(t, Options{}, p)
	ts.addAdapterModel(t, "test", "v1-test")
	ctx := context.Background()
	before := ts.tokensTotal(t)

	temp, topP, seed := 0.5, 0.9, int64(42)
	resp, err := ts.v1Client(t, "v1-test", false).Complete(ctx, agents.ChatRequest{
		Messages:    []agents.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Six times seven?"}},
		Temperature: &temp, TopP: &topP, MaxTokens: 20, N: 2, Seed: &seed, Stop: []string{"\n"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Object != "chat.completion" || resp.Model != "v1-test" || !strings.HasPrefix(resp.ID, "chatcmpl-") || resp.Created == 0 {
		t.Errorf("response header fields: %+v", resp)
	}
	if len(resp.Choices) != 2 {
		t.Fatalf("want 2 choices, got %+v", resp.Choices)
	}
	for i, c := range resp.Choices {
		if c.Index != i || c.Message.Role != "assistant" || c.Message.Content != answer || c.FinishReason != "stop" {
			t.Errorf("choice %d: %+v", i, c)
		}
	}
	if u := resp.Usage; u == nil || u.CompletionTokens != 8 || u.TotalTokens != 8 || u.PromptTokens != 0 {
		t.Errorf("usage: %+v (want 8 completion tokens: 2 choices of 4 words)", u)
	}
	got := p.last(t)
	want := agents.Request{
		Messages: []agents.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Six times seven?"}},
		Sampling: agents.Sampling{Temperature: 0.5, TopP: 0.9, MaxTokens: 20},
		N:        2, Seed: 42, Stop: []string{"\n"}, Adapter: "v1-test",
	}
	if !requestsEqual(got, want) {
		t.Errorf("the policy got\n%+v\nwant\n%+v", got, want)
	}
	if d := ts.tokensTotal(t) - before; d != 8 {
		t.Errorf("arena_tokens_total rose by %v, want 8", d)
	}

	// The base model, with the defaults of a request that sets nothing,
	// and the other forms OpenAI clients send.
	body := `{"model":"test","messages":[
		{"role":"developer","content":"Be brief."},
		{"role":"user","content":[{"type":"text","text":"Six "},{"type":"text","text":"times seven?"}]}],
		"stop":"\n","top_k":-1,"user":"someone","logprobs":false,"tools":[],"frequency_penalty":0}`
	r, data := ts.do(t, "POST", "/v1/chat/completions", body)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", r.Status, data)
	}
	got = p.last(t)
	want = agents.Request{
		Messages: []agents.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Six times seven?"}},
		Sampling: agents.Sampling{Temperature: 1, MaxTokens: defaultChatMaxTokens},
		N:        1, Seed: got.Seed, Stop: []string{"\n"},
	}
	if !requestsEqual(got, want) {
		t.Errorf("the policy got\n%+v\nwant\n%+v", got, want)
	}
	ts.do(t, "POST", "/v1/chat/completions", body)
	if again := p.last(t); again.Seed == got.Seed {
		t.Errorf("two requests without a seed both got seed %d; want a random seed each", got.Seed)
	}

	// A negative seed is taken as its bits; max_completion_tokens wins
	// over max_tokens.
	ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","messages":[{"role":"user","content":"hi"}],
		"seed":-1,"max_tokens":5,"max_completion_tokens":7,"temperature":0}`)
	if got := p.last(t); got.Seed != 1<<64-1 || got.Sampling.MaxTokens != 7 || got.Sampling.Temperature != 0 {
		t.Errorf("the policy got %+v", got)
	}
}

// requestsEqual compares policy requests.
func requestsEqual(a, b agents.Request) bool {
	return slices.Equal(a.Messages, b.Messages) && a.Sampling == b.Sampling && a.N == b.N && a.Seed == b.Seed &&
		slices.Equal(a.Stop, b.Stop) && a.Adapter == b.Adapter
}

func TestOpenAIChatStream(t *testing.T) {
	p := &wordsPolicy{text: answer}
	ts := startV1(t, Options{}, p)
	ts.addAdapterModel(t, "test", "v1-test")
	before := ts.tokensTotal(t)

	// Our own client, as agents use it.
	var deltas []string
	replies, err := ts.v1Client(t, "v1-test", true).Reply(context.Background(),
		agents.Request{Messages: []agents.Message{{Role: "user", Content: "Six times seven?"}}, Seed: 3},
		func(d agents.Delta) { deltas = append(deltas, d.Text) })
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) != 1 || replies[0].Text != answer || replies[0].FinishReason != "stop" {
		t.Errorf("replies: %+v", replies)
	}
	if want := strings.SplitAfter(answer, " "); !slices.Equal(deltas, want) {
		t.Errorf("deltas %q, want %q", deltas, want)
	}
	if got := p.last(t); got.Adapter != "v1-test" || got.Seed != 3 {
		t.Errorf("the policy got %+v", got)
	}

	// The wire, event by event, with two choices and the usage.
	resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","messages":[{"role":"user","content":"hi"}],
		"n":2,"stream":true,"stream_options":{"include_usage":true}}`)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("%s %q: %s", resp.Status, resp.Header.Get("Content-Type"), body)
	}
	events := sseData(t, body)
	if len(events) < 2 || events[len(events)-1] != "[DONE]" {
		t.Fatalf("the stream does not end with [DONE]:\n%s", body)
	}
	text := make([]string, 2)
	finished := make([]string, 2)
	var id string
	var usage *agents.Usage
	for i, data := range events[:len(events)-1] {
		var chunk agents.ChatChunk
		if err := json.Unmarshal([]byte(data), &chunk); err != nil {
			t.Fatalf("event %d: %v: %s", i, err, data)
		}
		if chunk.Object != "chat.completion.chunk" || chunk.Model != "test" || (id != "" && chunk.ID != id) {
			t.Errorf("event %d: %s", i, data)
		}
		id = chunk.ID
		if chunk.Usage != nil {
			if len(chunk.Choices) != 0 || !strings.Contains(data, `"choices":[]`) {
				t.Errorf("the usage chunk has choices: %s", data)
			}
			usage = chunk.Usage
			continue
		}
		if len(chunk.Choices) != 1 {
			t.Fatalf("event %d: want one choice: %s", i, data)
		}
		c := chunk.Choices[0]
		if first := text[c.Index] == "" && finished[c.Index] == ""; first != (c.Delta.Role == "assistant") {
			t.Errorf("event %d: the role should come with a choice's first chunk only: %s", i, data)
		}
		if finished[c.Index] != "" {
			t.Errorf("event %d: choice %d goes on after its finish_reason", i, c.Index)
		}
		text[c.Index] += c.Delta.Content
		if c.FinishReason != nil {
			finished[c.Index] = *c.FinishReason
		}
	}
	for i := range text {
		if text[i] != answer || finished[i] != "stop" {
			t.Errorf("choice %d: text %q, finish_reason %q", i, text[i], finished[i])
		}
	}
	if usage == nil || usage.CompletionTokens != 8 || usage.TotalTokens != 8 {
		t.Errorf("usage %+v, want 8 completion tokens", usage)
	}
	if !strings.HasPrefix(events[0], `{"id"`) || strings.Contains(events[0], `"usage"`) {
		t.Errorf("only the usage chunk should carry usage: %s", events[0])
	}
	if d := ts.tokensTotal(t) - before; d != 4+8 {
		t.Errorf("arena_tokens_total rose by %v, want 12", d)
	}
}

func TestOpenAIUnknownModel(t *testing.T) {
	p := &wordsPolicy{text: answer}
	ts := startV1(t, Options{}, p)
	for _, stream := range []bool{false, true} {
		_, err := ts.v1Client(t, "no-such-model", stream).Reply(context.Background(),
			agents.Request{Messages: []agents.Message{{Role: "user", Content: "hi"}}}, nil)
		var e *agents.Error
		if !errors.As(err, &e) || e.Status != http.StatusNotFound || !strings.Contains(e.Msg, `"no-such-model"`) {
			t.Errorf("stream %v: want a 404 naming the model, got %v", stream, err)
		}
	}
	resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}`)
	if e := decodeAPIError(t, body); resp.StatusCode != http.StatusNotFound || e.Error.Type != "invalid_request_error" || e.Error.Code != "model_not_found" {
		t.Errorf("%s: %s", resp.Status, body)
	}
	if p.calls() != 0 {
		t.Errorf("the policy was asked %d times for an unknown model", p.calls())
	}
}

func TestOpenAIBadRequests(t *testing.T) {
	p := &wordsPolicy{text: answer}
	ts := startV1(t, Options{}, p)
	const hi = `"messages":[{"role":"user","content":"hi"}]`
	for _, tc := range []struct{ body, want string }{
		{``, "the body is empty"},
		{`not json`, "invalid JSON"},
		{`[]`, "must be a JSON object"},
		{`{"model":"test"`, "ends early"},
		{`{"model":"test",` + hi + `} {}`, "more after its JSON object"},
		{`{"messages":[{"role":"user","content":"hi"}]}`, "model is missing"},
		{`{"model":"test"}`, "messages is empty"},
		{`{"model":"test","messages":[]}`, "messages is empty"},
		{`{"model":"test","messages":[{"role":"tool","content":"hi"}]}`, `messages[0].role is "tool"`},
		{`{"model":"test","messages":[{"content":"hi"}]}`, `messages[0].role is ""`},
		{`{"model":"test","messages":[{"role":"user","content":7}]}`, "messages[0].content must be a string or a list of text parts"},
		{`{"model":"test","messages":[{"role":"user","content":[{"type":"image_url"}]}]}`, `part 0 has type "image_url"`},
		{`{"model":"test",` + hi + `,"n":0}`, "n is 0; want 1 to 8"},
		{`{"model":"test",` + hi + `,"n":9}`, "n is 9; want 1 to 8"},
		{`{"model":"test",` + hi + `,"n":"2"}`, `field "n" must be an integer, not JSON string`},
		{`{"model":"test",` + hi + `,"n":1.5}`, `field "n" must be an integer`},
		{`{"model":"test",` + hi + `,"max_tokens":0}`, "max_tokens is 0; want 1 to 512"},
		{`{"model":"test",` + hi + `,"max_tokens":513}`, "max_tokens is 513"},
		{`{"model":"test",` + hi + `,"max_completion_tokens":-1}`, "max_completion_tokens is -1"},
		{`{"model":"test",` + hi + `,"temperature":2.5}`, "temperature is 2.5; want 0 to 2"},
		{`{"model":"test",` + hi + `,"temperature":-0.1}`, "temperature is -0.1"},
		{`{"model":"test",` + hi + `,"temperature":"hot"}`, `field "temperature" must be a number`},
		{`{"model":"test",` + hi + `,"top_p":1.5}`, "top_p is 1.5; want 0 to 1"},
		{`{"model":"test",` + hi + `,"top_k":-2}`, "top_k is -2"},
		{`{"model":"test",` + hi + `,"seed":"x"}`, `field "seed" must be an integer`},
		{`{"model":"test",` + hi + `,"stop":["a","b","c","d","e"]}`, "stop has 5 sequences; at most 4"},
		{`{"model":"test",` + hi + `,"stop":""}`, "stop is an empty string"},
		{`{"model":"test",` + hi + `,"stop":7}`, "stop must be a string or a list of strings"},
		{`{"model":"test",` + hi + `,"response_format":{"type":"json_object"}}`, `response_format "json_object" is not supported`},
		{`{"model":"test",` + hi + `,"stream_options":{"include_usage":true}}`, "stream_options is only allowed with stream: true"},
	} {
		resp, body := ts.do(t, "POST", "/v1/chat/completions", tc.body)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %s, want 400: %s", tc.body, resp.Status, body)
			continue
		}
		if e := decodeAPIError(t, body); !strings.Contains(e.Error.Message, tc.want) || e.Error.Type != "invalid_request_error" {
			t.Errorf("%s: message %q, want it to contain %q", tc.body, e.Error.Message, tc.want)
		}
	}

	huge := `{"model":"test","messages":[{"role":"user","content":"` + strings.Repeat("x", maxChatBody) + `"}]}`
	resp, body := ts.do(t, "POST", "/v1/chat/completions", huge)
	if e := decodeAPIError(t, body); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(e.Error.Message, "larger than 1048576 bytes") {
		t.Errorf("a body over 1 MiB: %s: %s", resp.Status, body)
	}

	resp, body = ts.do(t, "GET", "/v1/chat/completions", "")
	if e := decodeAPIError(t, body); resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET /v1/chat/completions: %s (Allow %q): %s", resp.Status, resp.Header.Get("Allow"), e.Error.Message)
	}
	resp, body = ts.do(t, "POST", "/v1/completions", "{}")
	if e := decodeAPIError(t, body); resp.StatusCode != http.StatusNotFound || !strings.Contains(e.Error.Message, "POST /v1/completions") {
		t.Errorf("POST /v1/completions: %s: %s", resp.Status, e.Error.Message)
	}
	if p.calls() != 0 {
		t.Errorf("the policy was asked %d times by bad requests", p.calls())
	}
}

func TestOpenAIDisabledWithoutPolicy(t *testing.T) {
	a, err := arena.Open(arena.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv, err := New(Options{Arena: a})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/v1/models", "/v1/chat/completions"} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if e := decodeAPIError(t, rec.Body.Bytes()); rec.Code != http.StatusNotFound || !strings.Contains(e.Error.Message, "does not serve") {
			t.Errorf("%s: %d: %s", path, rec.Code, rec.Body)
		}
	}
}

func TestOpenAIPolicyErrors(t *testing.T) {
	const hi = `"messages":[{"role":"user","content":"hi"}]`

	// Before any text: an ordinary error response, streaming or not.
	ts := startV1(t, Options{}, &wordsPolicy{text: answer, fail: errPolicyFailed})
	for _, stream := range []string{"false", "true"} {
		resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test",`+hi+`,"stream":`+stream+`}`)
		if e := decodeAPIError(t, body); resp.StatusCode != http.StatusInternalServerError || e.Error.Type != "server_error" ||
			!strings.Contains(e.Error.Message, errPolicyFailed.Error()) {
			t.Errorf("stream %s: %s: %s", stream, resp.Status, body)
		}
	}

	// After some text: an error event, and no [DONE].
	ts = startV1(t, Options{}, &wordsPolicy{text: answer, fail: errPolicyFailed, failAfter: 2})
	resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test",`+hi+`,"stream":true}`)
	events := sseData(t, body)
	if resp.StatusCode != http.StatusOK || len(events) != 3 {
		t.Fatalf("%s: want two chunks and an error event:\n%s", resp.Status, body)
	}
	if e := decodeAPIError(t, []byte(events[2])); !strings.Contains(e.Error.Message, errPolicyFailed.Error()) {
		t.Errorf("error event %s", events[2])
	}
	_, err := ts.v1Client(t, "test", true).Reply(context.Background(),
		agents.Request{Messages: []agents.Message{{Role: "user", Content: "hi"}}}, nil)
	if err == nil || !strings.Contains(err.Error(), errPolicyFailed.Error()) {
		t.Errorf("our client got %v, want the server's error", err)
	}
}

func TestOpenAIStreamClientDisconnect(t *testing.T) {
	p := &wordsPolicy{text: answer, hang: true, ended: make(chan error, 1)}
	ts := startV1(t, Options{}, p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", ts.URL+"/v1/chat/completions",
		strings.NewReader(`{"model":"test","messages":[{"role":"user","content":"hi"}],"stream":true}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// The first word arrives while the policy is still generating.
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || !strings.Contains(line, `"content":"The "`) {
		t.Fatalf("first event %q, %v", line, err)
	}
	cancel() // the client goes away mid-stream
	select {
	case err := <-p.ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the generation ended with %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second): // a guard against hanging, not a speed check
		t.Fatal("the generation went on after the client went away")
	}
}

// TestOpenAIEmbeddedAdapter serves the real embedded model and a real
// adapter saved in PEFT layout, and checks that asking for the adapter's
// model name gives the adapter's output.
func TestOpenAIEmbeddedAdapter(t *testing.T) {
	m, err := embedded.Load() // a private copy: the policy attaches adapters to it
	if err != nil {
		t.Fatal(err)
	}
	ad, err := lora.NewAdapter(m, lora.AdapterConfig{Rank: 4, BaseModel: embedded.Name}, 1)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh adapter's B is zero, which would leave the model unchanged.
	rng := rand.New(rand.NewPCG(7, 7))
	for _, p := range ad.Params() {
		if strings.HasSuffix(p.Name, ".lora_B.weight") {
			for i := range p.W {
				p.W[i] = float32(rng.NormFloat64() * 0.5)
			}
		}
	}
	root := t.TempDir()
	if err := ad.Save(filepath.Join(root, "v1-real")); err != nil {
		t.Fatal(err)
	}
	policy := agents.NewEmbedded(m, &agents.AdapterDir{Root: root, Model: m})
	ts := startV1(t, Options{Policy: policy, Model: embedded.Name}, nil)
	ts.addAdapterModel(t, embedded.Name, "v1-real")

	temp, seed := 0.0, int64(1)
	ask := agents.ChatRequest{Messages: []agents.Message{{Role: "user", Content: "What is 12 + 30?"}}, Temperature: &temp, MaxTokens: 16, Seed: &seed}
	complete := func(model string) string {
		t.Helper()
		resp, err := ts.v1Client(t, model, false).Complete(context.Background(), ask)
		if err != nil {
			t.Fatal(err)
		}
		if u := resp.Usage; u == nil || u.CompletionTokens < 1 || u.CompletionTokens > 16 {
			t.Errorf("%s: usage %+v", model, u)
		}
		return resp.Choices[0].Message.Content
	}
	base, adapted := complete(embedded.Name), complete("v1-real")
	if base == adapted {
		t.Errorf("the base model and the adapter both answered %q", base)
	}
	t.Logf("base: %q; adapter: %q", base, adapted)

	// Greedy decoding streams the same text.
	var streamed strings.Builder
	_, err = ts.v1Client(t, "v1-real", true).Reply(context.Background(),
		agents.Request{Messages: ask.Messages, Sampling: agents.Sampling{MaxTokens: 16}, Seed: 1},
		func(d agents.Delta) { streamed.WriteString(d.Text) })
	if err != nil {
		t.Fatal(err)
	}
	if streamed.String() != adapted {
		t.Errorf("streamed %q, but the completion was %q", streamed.String(), adapted)
	}
}

// TestOpenAINodeClient streams a chat completion from an adapter model
// with the official openai npm client. It needs Node.js 18 or later and
// npm, and the npm registry the first time (the installed client is then
// cached in the temporary directory, keyed by the lock file).
func TestOpenAINodeClient(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: installs the openai npm package")
	}
	node, npm := nodeTools(t)
	modules := installOpenAIClient(t, npm)

	// A player's sign-in token is its API key, under the default limits.
	p := &wordsPolicy{text: answer}
	ts := startServer(t, Options{}, p)
	ts.addAdapterModel(t, "test", "v1-node")
	key, _ := newKey(t)
	tok, err := client.New(ts.URL).SignIn(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}

	// The script runs from a directory of its own whose node_modules is
	// the cached install.
	dir := t.TempDir()
	script, err := os.ReadFile(filepath.Join("testdata", "openai-client", "stream.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stream.mjs"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "stream.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OPENAI_BASE_URL="+ts.URL+"/v1", "OPENAI_API_KEY="+tok.Token, "MODEL=v1-node")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node stream.mjs: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	var out struct {
		Models       []string      `json:"models"`
		Text         string        `json:"text"`
		Chunks       int           `json:"chunks"`
		Role         string        `json:"role"`
		FinishReason string        `json:"finish_reason"`
		Usage        *agents.Usage `json:"usage"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node's output is not JSON: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	t.Logf("openai npm client: %s", bytes.TrimSpace(stdout.Bytes()))
	if out.Text != answer || out.Chunks <= 1 || out.Role != "assistant" || out.FinishReason != "stop" {
		t.Errorf("the client got text %q in %d chunks (role %q, finish_reason %q); want %q in several",
			out.Text, out.Chunks, out.Role, out.FinishReason, answer)
	}
	if out.Usage == nil || out.Usage.CompletionTokens != 4 {
		t.Errorf("usage %+v, want 4 completion tokens", out.Usage)
	}
	if !slices.Equal(out.Models, []string{"test", "v1-node"}) {
		t.Errorf("models.list() gave %q", out.Models)
	}
	if got := p.last(t); got.Adapter != "v1-node" || got.Seed != 7 || got.Sampling.MaxTokens != 32 {
		t.Errorf("the policy got %+v", got)
	}
}

// nodeTools finds node (18 or later, which the openai package needs) and
// npm, or skips the test saying what is missing. With ARENA_REQUIRE_NODE
// set (as CI sets it) a missing tool fails the test instead, so that CI
// cannot pass without running it.
func nodeTools(t *testing.T) (node, npm string) {
	t.Helper()
	missing := t.Skipf
	if os.Getenv("ARENA_REQUIRE_NODE") != "" {
		missing = t.Fatalf
	}
	const need = "the official openai npm client cannot be tested: install Node.js 18 or later, with npm"
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed; %s", need)
	}
	npm, err = exec.LookPath("npm")
	if err != nil {
		missing("npm is not installed; %s", need)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("node --version: %v", err)
	}
	version := strings.TrimSpace(string(out))
	major, _, _ := strings.Cut(strings.TrimPrefix(version, "v"), ".")
	if n, err := strconv.Atoi(major); err != nil || n < 18 {
		missing("node %s is too old; %s", version, need)
	}
	return node, npm
}

// installOpenAIClient runs npm ci on testdata/openai-client once per
// version of its package files and returns the node_modules directory.
// The install is kept in the temporary directory under a name made from
// the files' hash, so later runs reuse it and a changed lock file gets a
// fresh one. It is built aside and renamed into place, so a run that
// stops half-way (or one running at the same time) never leaves a broken
// install behind.
func installOpenAIClient(t *testing.T, npm string) string {
	t.Helper()
	src := filepath.Join("testdata", "openai-client")
	h := sha256.New()
	files := map[string][]byte{}
	for _, name := range []string{"package.json", "package-lock.json"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
		h.Write(data)
	}
	cache := filepath.Join(os.TempDir(), "arena-openai-client-"+hex.EncodeToString(h.Sum(nil))[:16])
	modules := filepath.Join(cache, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "openai", "package.json")); err == nil {
		return modules
	}

	build, err := os.MkdirTemp(os.TempDir(), "arena-openai-client-build-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(build) // left only when the rename below failed
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(build, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = build
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in a copy of %s (it needs the npm registry): %v\n%s", src, err, out)
	}
	if err := os.Rename(build, cache); err != nil {
		// Another run got there first; its install is as good as ours.
		if _, statErr := os.Stat(filepath.Join(modules, "openai", "package.json")); statErr != nil {
			t.Fatalf("keeping the openai client install: %v", err)
		}
	}
	return modules
}

// TestOpenAIAuth checks that /v1 answers only callers with a sign-in
// token or an operator key: anyone else gets 401 in OpenAI's form, counted,
// and the model is never asked.
func TestOpenAIAuth(t *testing.T) {
	p := &wordsPolicy{text: answer}
	ts := startV1(t, Options{}, p)
	key, _ := newKey(t)
	tok, err := client.New(ts.URL).SignIn(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	const chat = `{"model":"test","messages":[{"role":"user","content":"hi"}]}`
	before := ts.refusals(t, refusal.V1Unauthorized)
	for _, tc := range []struct{ name, auth, method, path, want string }{
		{"anonymous chat", "", "POST", "/v1/chat/completions", "needs \"Authorization: Bearer <key>\""},
		{"anonymous models", "", "GET", "/v1/models", "needs"},
		{"anonymous unknown endpoint", "", "POST", "/v1/completions", "needs"},
		{"basic auth", "Basic dXNlcjpwYXNz", "POST", "/v1/chat/completions", "must be \"Bearer <key>\""},
		{"wrong key", "Bearer test-operator-key-0123456788", "POST", "/v1/chat/completions", "not an API key of this server"},
		{"forged token", "Bearer " + tok.Token[:len(tok.Token)-2] + "AA", "POST", "/v1/chat/completions", "not an API key"},
	} {
		resp, body := ts.doAs(t, tc.auth, tc.method, tc.path, chat)
		e := decodeAPIError(t, body)
		if resp.StatusCode != http.StatusUnauthorized || e.Error.Code != "invalid_api_key" || !strings.Contains(e.Error.Message, tc.want) ||
			resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %s (WWW-Authenticate %q): %s; want 401 invalid_api_key containing %q",
				tc.name, resp.Status, resp.Header.Get("WWW-Authenticate"), body, tc.want)
		}
	}
	if d := ts.refusals(t, refusal.V1Unauthorized) - before; d != 6 {
		t.Errorf("v1_unauthorized rose by %v, want 6", d)
	}
	if p.calls() != 0 {
		t.Fatalf("the model was asked %d times by callers without a key", p.calls())
	}
	for name, auth := range map[string]string{"sign-in token": "Bearer " + tok.Token, "operator key": "Bearer " + testAPIKey} {
		if resp, body := ts.doAs(t, auth, "POST", "/v1/chat/completions", chat); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s: %s", name, resp.Status, body)
		}
	}
}

// blockingPolicy answers once release is closed, or fails with its
// request's context.
type blockingPolicy struct {
	started chan struct{} // gets a value when a reply starts
	release chan struct{}
}

func (p *blockingPolicy) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	p.started <- struct{}{}
	select {
	case <-p.release:
		return []agents.Reply{{Text: "ok", Tokens: 1, FinishReason: "stop"}}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// TestOpenAILimits checks the per-caller rate, the per-caller number of
// chat completions in flight and the server-wide number: each past its
// bound gets 429 in OpenAI's form with a Retry-After, counted, and other
// callers are not held back by one caller's limit.
func TestOpenAILimits(t *testing.T) {
	p := &blockingPolicy{started: make(chan struct{}, 16), release: make(chan struct{})}
	ts := startV1(t, Options{Limits: Limits{V1Rate: 0.01, V1Burst: 3, V1Concurrency: 1, V1InFlight: 2}}, p)
	const chat = `{"model":"test","messages":[{"role":"user","content":"hi"}]}`
	signIn := func() string {
		key, _ := newKey(t)
		tok, err := client.New(ts.URL).SignIn(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		return "Bearer " + tok.Token
	}
	a, b, c := signIn(), signIn(), signIn()
	want429 := func(name string, resp *http.Response, body []byte, reason refusal.Reason, before float64, wantMsg string) {
		t.Helper()
		e := decodeAPIError(t, body)
		ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		if resp.StatusCode != http.StatusTooManyRequests || e.Error.Code != "rate_limit_exceeded" || ra < 1 || !strings.Contains(e.Error.Message, wantMsg) {
			t.Errorf("%s: %s (Retry-After %q): %s; want 429 rate_limit_exceeded containing %q", name, resp.Status, resp.Header.Get("Retry-After"), body, wantMsg)
		}
		if d := ts.refusals(t, reason) - before; d != 1 {
			t.Errorf("%s: %s rose by %v, want 1", name, reason, d)
		}
	}

	// In flight: a's first holds the model; a's second is one too many
	// for a, b's fits, c's is one too many for the server.
	done := make(chan int, 2)
	for _, auth := range []string{a, b} {
		go func() {
			resp, _ := ts.doAs(t, auth, "POST", "/v1/chat/completions", chat)
			done <- resp.StatusCode
		}()
		<-p.started
	}
	before := ts.refusals(t, refusal.V1Concurrency)
	resp, body := ts.doAs(t, a, "POST", "/v1/chat/completions", chat)
	want429("a's second", resp, body, refusal.V1Concurrency, before, "you have 1 chat completions in flight")
	before = ts.refusals(t, refusal.V1Busy)
	resp, body = ts.doAs(t, c, "POST", "/v1/chat/completions", chat)
	want429("c's first", resp, body, refusal.V1Busy, before, "the server has 2 chat completions in flight")
	close(p.release)
	for range 2 {
		if st := <-done; st != http.StatusOK {
			t.Errorf("a request in flight ended %d", st)
		}
	}

	// Rate: a has made 2 requests of its burst of 3 (a request refused
	// for being one too many in flight counts too).
	if resp, body := ts.doAs(t, a, "GET", "/v1/models", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("a's third: %s: %s", resp.Status, body)
	}
	before = ts.refusals(t, refusal.V1RateLimited)
	resp, body = ts.doAs(t, a, "GET", "/v1/models", "")
	want429("a's fourth", resp, body, refusal.V1RateLimited, before, "rate limit reached")
	if resp, body := ts.doAs(t, c, "GET", "/v1/models", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("c held back by a's rate: %s: %s", resp.Status, body)
	}
}
