package agents_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/openaitest"
)

// client returns a backend for srv with tiny timeouts and backoff, so that
// failure tests stay quick.
func client(t *testing.T, url string, stream bool, edit ...func(*agents.OpenAIOptions)) *agents.OpenAI {
	t.Helper()
	opts := agents.OpenAIOptions{
		BaseURL: url,
		Model:   "test-model",
		APIKey:  "sk-test",
		Timeout: 2 * time.Second,
		Backoff: time.Millisecond,
		Stream:  &stream,
	}
	for _, f := range edit {
		f(&opts)
	}
	o, err := agents.NewOpenAI(opts)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var chat = []agents.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Q: 2+2="}}

func TestOpenAIReplies(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Text: "The answer is 4.", FinishReason: "length"}
			})
			o := client(t, srv.URL, stream)
			var deltas []string
			replies, err := o.Reply(context.Background(), agents.Request{
				Messages: chat,
				Sampling: agents.Sampling{Temperature: 0, TopP: 0.9, MaxTokens: 32},
				Stop:     []string{"\n"},
			}, func(d agents.Delta) {
				if d.Sample != 0 {
					t.Errorf("delta for sample %d", d.Sample)
				}
				deltas = append(deltas, d.Text)
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(replies) != 1 || replies[0].Text != "The answer is 4." || replies[0].FinishReason != "length" {
				t.Fatalf("replies %+v", replies)
			}
			if replies[0].Latency <= 0 {
				t.Errorf("no latency")
			}
			if !stream && replies[0].Tokens != 4 {
				t.Errorf("tokens %d, want the 4 the server counted", replies[0].Tokens)
			}
			want := []string{"The answer is 4."}
			if stream {
				want = []string{"The", " answer", " is", " 4."} // in order, as sent
			}
			if strings.Join(deltas, "|") != strings.Join(want, "|") {
				t.Errorf("deltas %q, want %q", deltas, want)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			r := reqs[0]
			if r.Model != "test-model" || r.Stream != stream || r.MaxTokens != 32 || len(r.Messages) != 2 ||
				r.Temperature == nil || *r.Temperature != 0 || r.TopP == nil || *r.TopP != 0.9 ||
				r.Seed != nil || len(r.Stop) != 1 || r.N > 1 {
				t.Errorf("request %+v", r)
			}
		})
	}
}

func TestOpenAISendsKeyAndUserAgent(t *testing.T) {
	var auth, agent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		agent.Store(r.Header.Get("User-Agent"))
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}`)
	}))
	defer srv.Close()
	o := client(t, srv.URL+"/v1/", false, func(o *agents.OpenAIOptions) { o.UserAgent = "arena-test" })
	if _, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil); err != nil {
		t.Fatal(err)
	}
	if auth.Load() != "Bearer sk-test" || agent.Load() != "arena-test" {
		t.Errorf("Authorization %q, User-Agent %q", auth.Load(), agent.Load())
	}
}

func TestOpenAISamplesAreSeparateRequests(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Text: fmt.Sprintf("seed %d", *req.Seed)}
			})
			o := client(t, srv.URL, stream)
			var mu sync.Mutex
			got := make(map[int]string)
			replies, err := o.Reply(context.Background(), agents.Request{Messages: chat, N: 3, Seed: 10}, func(d agents.Delta) {
				mu.Lock()
				got[d.Sample] += d.Text
				mu.Unlock()
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(replies) != 3 || len(srv.Requests()) != 3 {
				t.Fatalf("%d replies from %d requests, want 3 and 3", len(replies), len(srv.Requests()))
			}
			for i, r := range replies {
				if want := fmt.Sprintf("seed %d", 10+i); r.Text != want || got[i] != want {
					t.Errorf("sample %d: reply %q, streamed %q, want %q", i, r.Text, got[i], want)
				}
			}
			for _, r := range srv.Requests() {
				if r.N > 1 {
					t.Errorf("request asked for n=%d", r.N)
				}
			}
		})
	}
}

func TestOpenAIRetries(t *testing.T) {
	for _, tc := range []struct {
		name   string
		first  openaitest.Reply
		stream bool
	}{
		{"500", openaitest.Reply{Status: 500, Text: "boom"}, false},
		{"503 stream", openaitest.Reply{Status: 503, Text: "busy"}, true},
		{"429 Retry-After 0", openaitest.Reply{Status: 429, Text: "slow down"}, true},
		{"408", openaitest.Reply{Status: 408, Text: "timeout"}, false},
		{"stream cut before any token", openaitest.Reply{Raw: "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				if call == 1 {
					return tc.first
				}
				return openaitest.Reply{Text: "fine"}
			})
			url, backoff := srv.URL, time.Millisecond
			if tc.first.Status == 429 {
				// A backoff that would hang the test if Retry-After: 0
				// were not honoured.
				url, backoff = retryAfterZero(t, srv.URL), time.Hour
			}
			o := client(t, url, tc.stream, func(o *agents.OpenAIOptions) { o.Backoff = backoff })
			replies, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if replies[0].Text != "fine" || len(srv.Requests()) != 2 {
				t.Errorf("reply %q after %d requests, want \"fine\" after 2", replies[0].Text, len(srv.Requests()))
			}
		})
	}
}

// retryAfterZero puts a proxy in front of an openaitest server that adds
// "Retry-After: 0" to 429 answers (openaitest sends no headers of its own).
func retryAfterZero(t *testing.T, target string) string {
	t.Helper()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, strings.TrimSuffix(target, "/v1")+r.URL.Path, r.Body)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			w.Write(buf[:n])
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(proxy.Close)
	return proxy.URL + "/v1"
}

func TestOpenAIGivesUp(t *testing.T) {
	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		return openaitest.Reply{Status: 502, Text: "bad gateway"}
	})
	o := client(t, srv.URL, true, func(o *agents.OpenAIOptions) { o.Retries = 2 })
	_, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
	var e *agents.Error
	if !errors.As(err, &e) || e.Status != 502 || !e.Temporary() {
		t.Fatalf("error %v, want a temporary *agents.Error with status 502", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 1 + 2 retries", n)
	}
	if !strings.Contains(err.Error(), "3 attempts") || !strings.Contains(err.Error(), "bad gateway") {
		t.Errorf("error %q does not say how often it tried or what the server said", err)
	}

	none := client(t, srv.URL, true, func(o *agents.OpenAIOptions) { o.Retries = -1 })
	before := len(srv.Requests())
	none.Reply(context.Background(), agents.Request{Messages: chat}, nil)
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("Retries -1 made %d requests, want 1", n)
	}
}

func TestOpenAIDoesNotRetryClientErrors(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Status: status, Text: "Incorrect API key provided"}
			})
			o := client(t, srv.URL, true)
			_, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
			if err == nil {
				t.Fatal("no error")
			}
			var e *agents.Error
			if !errors.As(err, &e) || e.Status != status || e.Temporary() || e.Msg != "Incorrect API key provided" {
				t.Fatalf("error %#v", err)
			}
			msg := err.Error()
			for _, want := range []string{fmt.Sprint(status), http.StatusText(status), "Incorrect API key provided", srv.URL + "/chat/completions"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if strings.Contains(msg, "sk-test") {
				t.Errorf("error %q leaks the API key", msg)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1 (no retries)", n)
			}
		})
	}
}

func TestOpenAIMalformedAnswers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		raw    string
		stream bool
		want   string
		kind   string // agents.ErrorKind's name for it
	}{
		{"bad JSON", `{"choices": nope}`, false, "malformed response body", "bad response"},
		{"wrong types", `{"choices": "many"}`, false, "malformed response body", "bad response"},
		{"no choices", `{"id":"x","choices":[]}`, false, "no choices", "bad response"},
		{"error with 200", `{"error":{"message":"model overloaded"}}`, false, "model overloaded", "upstream error"},
		{"bad JSON while streaming", `{"choices": nope}`, true, "malformed response body", "bad response"},
		{"bad event", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: {nope\n\n", true, "malformed event", "bad stream"},
		{"error event", "data: {\"error\":{\"message\":\"out of memory\"}}\n\n", true, "out of memory", "upstream error"},
		{"cut after tokens", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n", true, "[DONE]", "bad stream"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Raw: tc.raw}
			})
			o := client(t, srv.URL, tc.stream)
			_, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
			if kind := agents.ErrorKind(err); kind != tc.kind {
				t.Errorf("ErrorKind = %q, want %q", kind, tc.kind)
			}
			// None of these would go better a second time, and a stream
			// that showed text must not be replayed.
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestOpenAIStreamTolerance(t *testing.T) {
	// Comments, CRLF line endings, extra fields, a usage chunk, and a
	// finish_reason with no [DONE] after it.
	raw := ": keep-alive\r\n\r\n" +
		"event: message\r\nid: 1\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\r\n\r\n" +
		"data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\r\n\r\n" +
		"data: {\"choices\":[],\"usage\":{\"completion_tokens\":2}}\r\n\r\n"
	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		return openaitest.Reply{Raw: raw}
	})
	o := client(t, srv.URL, true)
	var streamed string
	replies, err := o.Reply(context.Background(), agents.Request{Messages: chat}, func(d agents.Delta) { streamed += d.Text })
	if err != nil {
		t.Fatal(err)
	}
	if r := replies[0]; r.Text != "Hello" || streamed != "Hello" || r.FinishReason != "stop" || r.Tokens != 2 {
		t.Errorf("reply %+v, streamed %q", r, streamed)
	}
}

func TestOpenAITimeout(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Text: "late", Delay: 10 * time.Second}
			})
			o := client(t, srv.URL, stream, func(o *agents.OpenAIOptions) {
				o.Timeout = 50 * time.Millisecond
				o.Retries = 1
			})
			_, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
			var e *agents.Error
			if !errors.As(err, &e) || !e.Timeout() || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v, want a timeout", err)
			}
			if !strings.Contains(err.Error(), "50ms") {
				t.Errorf("error %q does not say which timeout", err)
			}
			if n := len(srv.Requests()); n != 2 {
				t.Errorf("%d requests, want 2 (a timeout is retried)", n)
			}
		})
	}
}

func TestOpenAIContextCancel(t *testing.T) {
	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		return openaitest.Reply{Text: "late", Delay: 10 * time.Second}
	})
	o := client(t, srv.URL, true, func(o *agents.OpenAIOptions) { o.Timeout = time.Minute })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := o.Reply(ctx, agents.Request{Messages: chat, N: 2}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Reply kept waiting after its context was cancelled")
	}

	// Cancelled while waiting to retry.
	busy := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		return openaitest.Reply{Status: 503, Text: "busy"}
	})
	slow := client(t, busy.URL, false, func(o *agents.OpenAIOptions) { o.Backoff = time.Hour })
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := slow.Complete(ctx, agents.ChatRequest{Messages: chat}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled during backoff: error %v", err)
	}
}

func TestOpenAIFailedSampleCancelsOthers(t *testing.T) {
	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		if *req.Seed == 2 {
			return openaitest.Reply{Status: 400, Text: "bad seed"}
		}
		return openaitest.Reply{Text: "slow", Delay: 10 * time.Second}
	})
	o := client(t, srv.URL, true, func(o *agents.OpenAIOptions) { o.Timeout = time.Minute })
	start := time.Now()
	_, err := o.Reply(context.Background(), agents.Request{Messages: chat, N: 3, Seed: 1}, nil)
	if err == nil || !strings.Contains(err.Error(), "bad seed") {
		t.Fatalf("error %v, want the failed sample's", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("the other samples were not cancelled")
	}
}

func TestOpenAIComplete(t *testing.T) {
	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		if call == 1 {
			return openaitest.Reply{Status: 500, Text: "flaky"}
		}
		return openaitest.Reply{Text: `{"score": 7}`}
	})
	o := client(t, srv.URL, true)
	resp, err := o.Complete(context.Background(), agents.ChatRequest{
		Messages:       chat,
		Stream:         true, // ignored: Complete never streams
		ResponseFormat: &agents.ResponseFormat{Type: "json_object"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Choices) != 1 || resp.Choices[0].Message.Content != `{"score": 7}` {
		t.Errorf("response %+v", resp)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[1].Stream || reqs[1].Model != "test-model" || reqs[1].ResponseFormat == nil {
		t.Errorf("requests %+v", reqs)
	}
}

func TestOpenAINetworkErrorIsRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/v1"
	srv.Close() // nothing listens there now
	o := client(t, url, true, func(o *agents.OpenAIOptions) { o.Retries = 1 })
	_, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
	var e *agents.Error
	if !errors.As(err, &e) || !e.Temporary() || e.Status != 0 || !strings.Contains(err.Error(), "2 attempts") {
		t.Fatalf("error %v, want a temporary network error after 2 attempts", err)
	}
}

func TestNewOpenAIValidates(t *testing.T) {
	for _, tc := range []struct {
		opts agents.OpenAIOptions
		want string
	}{
		{agents.OpenAIOptions{Model: "m"}, "empty"},
		{agents.OpenAIOptions{BaseURL: "ftp://host/v1", Model: "m"}, "http or https"},
		{agents.OpenAIOptions{BaseURL: "localhost:8000/v1", Model: "m"}, "http or https"},
		{agents.OpenAIOptions{BaseURL: "http:///v1", Model: "m"}, "no host"},
		{agents.OpenAIOptions{BaseURL: "http://user:secret@host/v1", Model: "m"}, "credentials"},
		{agents.OpenAIOptions{BaseURL: "http://host/v1?x=1", Model: "m"}, "query"},
		{agents.OpenAIOptions{BaseURL: "http://host/v1"}, "model"},
	} {
		_, err := agents.NewOpenAI(tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one mentioning %q", tc.opts, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error %q leaks the password", err)
		}
	}
}

// countingTransport counts the bytes of response bodies the client reads.
type countingTransport struct {
	base *http.Transport
	read *atomic.Int64
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if err == nil {
		body := resp.Body
		resp.Body = struct {
			io.Reader
			io.Closer
		}{readerFunc(func(p []byte) (int, error) {
			n, err := body.Read(p)
			c.read.Add(int64(n))
			return n, err
		}), body}
	}
	return resp, err
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// TestOpenAIStreamReadIsBounded streams, from a real server, what a
// hostile endpoint can send that streamOnce reads but keeps none of, until
// 8 MiB: data lines that never end their event, chunks for a choice that
// was not asked for, role-only and empty deltas. However the stream is
// made, the client reads a bounded amount (about 180 KiB for max_tokens
// 48) and stops, with an error, or with the text that came before, cut.
func TestOpenAIStreamReadIsBounded(t *testing.T) {
	const offered = 8 << 20
	chunk := func(index int, delta string) string {
		return fmt.Sprintf("data: {\"choices\":[{\"index\":%d,\"delta\":%s}]}\n\n", index, delta)
	}
	other := chunk(1, `{"content":"`+strings.Repeat("x", 1000)+`"}`)
	for _, tc := range []struct {
		name, first, unit string
		text              string // the reply, when the stream is cut rather than refused
	}{
		{"data lines without a blank line", "", "data: " + strings.Repeat("x", 64<<10) + "\n", ""},
		{"chunks for another choice", "", other, ""},
		{"role-only and empty deltas", "", chunk(0, `{"role":"assistant"}`) + chunk(0, `{"content":""}`) + ": ping\n\n", ""},
		{"text, then chunks for another choice", chunk(0, `{"content":"Fresh bread."}`), other, "Fresh bread."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var served atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				n, err := io.WriteString(w, tc.first)
				served.Add(int64(n))
				for served.Load() < offered && err == nil {
					n, err = io.WriteString(w, tc.unit)
					served.Add(int64(n))
				}
			}))
			defer srv.Close()
			var read atomic.Int64
			transport := &http.Transport{}
			defer transport.CloseIdleConnections()
			o := client(t, srv.URL, true, func(o *agents.OpenAIOptions) {
				o.Retries = -1
				o.Client = &http.Client{Transport: countingTransport{transport, &read}}
			})
			replies, err := o.Reply(t.Context(), agents.Request{Messages: chat, Sampling: agents.Sampling{MaxTokens: 48}}, nil)
			t.Logf("read %d bytes of %d served; error %v", read.Load(), served.Load(), err)
			if n := read.Load(); n > 1<<20 {
				t.Errorf("read %d bytes of a stream for 48 tokens, want at most 1 MiB", n)
			}
			if tc.text == "" {
				if !errors.Is(err, agents.ErrTooLarge) || agents.ErrorKind(err) != "too large" {
					t.Errorf("error %v (kind %q), want too large", err, agents.ErrorKind(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r := replies[0]; r.Text != tc.text || r.FinishReason != "length" {
				t.Errorf("reply %+v, want %q cut", r, tc.text)
			}
		})
	}
}
