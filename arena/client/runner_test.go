package client

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// fakeRunnerServer is a stand-in for the arena's /api/runner endpoint
// that hands each runner connection to the test, which plays the
// server's side of the protocol by hand.
type fakeRunnerServer struct {
	*httptest.Server
	conns    chan *websocket.Conn
	attempts atomic.Int32
	model    atomic.Value // the model query of the latest attempt
	// refuse, when not zero, is the status every attempt gets.
	refuse int
}

func newFakeRunnerServer(t *testing.T, refuse int) *fakeRunnerServer {
	f := &fakeRunnerServer{conns: make(chan *websocket.Conn, 4), refuse: refuse}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.attempts.Add(1)
		f.model.Store(r.URL.Query().Get("model"))
		if r.URL.Path != "/api/runner" || r.URL.Query().Get("agent") != "agent-1" || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "unexpected request "+r.URL.String(), http.StatusTeapot)
			return
		}
		if f.refuse != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.refuse)
			json.NewEncoder(w).Encode(api.Error{Error: api.ErrorBody{Code: "forbidden", Message: "not your agent"}})
			return
		}
		ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		f.conns <- ws
	}))
	t.Cleanup(f.Close)
	return f
}

// accept waits for the runner's next connection and its hello.
func (f *fakeRunnerServer) accept(t *testing.T) (*websocket.Conn, api.RunnerMessage) {
	t.Helper()
	var ws *websocket.Conn
	select {
	case ws = <-f.conns:
	case <-time.After(10 * time.Second):
		t.Fatal("the runner did not connect")
	}
	t.Cleanup(func() { ws.Close() })
	return ws, readRunner(t, ws)
}

func readRunner(t *testing.T, ws *websocket.Conn) api.RunnerMessage {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, data, err := ws.ReadMessage()
	if err != nil {
		t.Fatalf("reading the runner: %v", err)
	}
	m, err := api.DecodeRunnerMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sendCommand(t *testing.T, ws *websocket.Conn, c api.RunnerCommand) {
	t.Helper()
	if err := ws.WriteJSON(c); err != nil {
		t.Fatal(err)
	}
}

// serve runs ServeRunner against f until the test ends. wait returns
// ServeRunner's error once it has returned.
func serve(t *testing.T, f *fakeRunnerServer, p agents.Policy) (wait func() error, stop context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	c := New(f.URL)
	c.Token = "tok"
	done := make(chan struct{})
	var err error
	go func() {
		err = c.ServeRunner(ctx, "agent-1", p, nil)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return func() error { <-done; return err }, cancel
}

// splitter answers each sample with "sample N of <prompt>" in two deltas,
// except that a prompt of "hang" waits for its context and reports how it
// ended on stopped.
type splitter struct{ stopped chan error }

func (p splitter) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	prompt := req.Messages[len(req.Messages)-1].Content
	if prompt == "hang" {
		<-ctx.Done()
		p.stopped <- ctx.Err()
		return nil, ctx.Err()
	}
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		text := "sample " + string(rune('0'+i)) + " of " + prompt
		onDelta(agents.Delta{Sample: i, Text: text[:7]})
		onDelta(agents.Delta{Sample: i, Text: text[7:]})
		out[i] = agents.Reply{Text: text, Tokens: 3, FinishReason: "stop"}
	}
	return out, nil
}

func chat(text string) *api.RunnerRequest {
	return &api.RunnerRequest{Messages: []agents.Message{{Role: "user", Content: text}}}
}

func TestServeRunnerServesAndCancels(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	p := splitter{stopped: make(chan error, 1)}
	serve(t, f, WithModel(p, "tiny"))
	ws, hello := f.accept(t)
	if hello.Type != api.RunnerHello || hello.Agent != "agent-1" || hello.Model != "tiny" {
		t.Fatalf("hello = %+v", hello)
	}

	// One request hangs and is cancelled while another is served.
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 1, Request: chat("hang")})
	req := chat("2+2")
	req.N = 2
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 2, Request: req})
	text := map[int]string{}
	for {
		m := readRunner(t, ws)
		if m.ID != 2 {
			t.Fatalf("message for request %d: %+v", m.ID, m)
		}
		if m.Type == api.RunnerDelta {
			text[m.Sample] += m.Text
			continue
		}
		if m.Type != api.RunnerDone || len(m.Replies) != 2 {
			t.Fatalf("want done with 2 replies, got %+v", m)
		}
		for i, r := range m.Replies {
			if r.Text != text[i] || r.Text != "sample "+string(rune('0'+i))+" of 2+2" || r.Tokens != 3 || r.FinishReason != "stop" {
				t.Errorf("reply %d = %+v, streamed %q", i, r, text[i])
			}
		}
		break
	}
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerCancel, ID: 1})
	if err := <-p.stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled request ended with %v", err)
	}
	// A cancel for a request that is over is harmless.
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerCancel, ID: 1})

}

// failing fails every request.
type failing struct{}

func (failing) Reply(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error) {
	return nil, errors.New("out of GPU memory")
}

func TestServeRunnerReportsFailures(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	serve(t, f, failing{})
	ws, _ := f.accept(t)
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 7, Request: chat("x")})
	if m := readRunner(t, ws); m.Type != api.RunnerError || m.ID != 7 || m.Message != "out of GPU memory" {
		t.Errorf("got %+v, want the policy's error", m)
	}
}

// short returns one reply whatever N asks.
type short struct{}

func (short) Reply(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error) {
	return []agents.Reply{{Text: "1"}}, nil
}

func TestServeRunnerChecksReplyCount(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	serve(t, f, short{})
	ws, _ := f.accept(t)
	req := chat("x")
	req.N = 3
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 1, Request: req})
	if m := readRunner(t, ws); m.Type != api.RunnerError || !strings.Contains(m.Message, "returned 1 replies, want 3") {
		t.Errorf("got %+v, want an error about the reply count", m)
	}
}

func TestServeRunnerReconnectsAndCancelsOnDrop(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	p := splitter{stopped: make(chan error, 1)}
	wait, cancel := serve(t, f, p)
	ws, _ := f.accept(t)
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 1, Request: chat("hang")})
	ws.Close() // the network drops: no close frame
	if err := <-p.stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("the dropped connection's request ended with %v", err)
	}

	// The runner comes back and says hello again.
	ws2, hello := f.accept(t)
	if hello.Type != api.RunnerHello {
		t.Fatalf("hello = %+v", hello)
	}
	sendCommand(t, ws2, api.RunnerCommand{Type: api.RunnerGenerate, ID: 1, Request: chat("again")})
	for readRunner(t, ws2).Type != api.RunnerDone { // skip the deltas
	}

	// Stopping sends a close frame and returns ctx's error.
	cancel()
	ws2.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _, err := ws2.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
		t.Errorf("the stopping runner's connection ended with %v, want a normal close", err)
	}
	if err := wait(); !errors.Is(err, context.Canceled) {
		t.Errorf("ServeRunner returned %v", err)
	}
}

func TestServeRunnerGivesUpWhenRefused(t *testing.T) {
	f := newFakeRunnerServer(t, http.StatusForbidden)
	c := New(f.URL)
	c.Token = "tok"
	err := c.ServeRunner(context.Background(), "agent-1", failing{}, nil)
	if !IsStatus(err, http.StatusForbidden) || !strings.Contains(err.Error(), "not your agent") {
		t.Errorf("ServeRunner returned %v, want the server's 403", err)
	}
	if n := f.attempts.Load(); n != 1 {
		t.Errorf("%d attempts, want 1: a refusal is final", n)
	}
}

func TestServeRunnerStopsWhenReplaced(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	wait, _ := serve(t, f, failing{})
	ws, _ := f.accept(t)
	ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(runnerCloseReplaced, "replaced"))
	// Reading lets gorilla answer the close frame.
	ws.ReadMessage()
	if err := wait(); !errors.Is(err, ErrRunnerReplaced) {
		t.Errorf("ServeRunner returned %v, want ErrRunnerReplaced", err)
	}
}

func TestServeRunnerBadURL(t *testing.T) {
	c := New("ftp://example.com")
	if err := c.ServeRunner(context.Background(), "a", failing{}, nil); err == nil || !strings.Contains(err.Error(), "want http:// or https://") {
		t.Errorf("got %v", err)
	}
}

// verifiable answers with what verification needs, and claim's log-prob
// for its first token.
type verifiable struct{ claim float64 }

func (p verifiable) Reply(_ context.Context, req agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	model := "tiny"
	if strings.HasPrefix(req.Messages[0].Content, "Q:") {
		model = "" // left to WithModel
	}
	return []agents.Reply{{Text: "4", Tokens: 1, FinishReason: "stop", TokenIDs: []int{19, 151645}, Seed: req.Seed,
		LogProbs: []float64{p.claim, -0.01}, Model: model, Adapter: req.Adapter}}, nil
}

// The runner says its model in the URL and the hello, and its replies
// carry their token ids, seed, log-probs, model and adapter.
func TestServeRunnerSendsWhatVerificationNeeds(t *testing.T) {
	f := newFakeRunnerServer(t, 0)
	serve(t, f, WithModel(verifiable{claim: -0.5}, "tiny"))
	ws, hello := f.accept(t)
	if hello.Model != "tiny" || f.model.Load() != "tiny" {
		t.Errorf("hello's model %q, URL's %q; want tiny in both", hello.Model, f.model.Load())
	}
	req := chat("2+2")
	req.Seed, req.Adapter = 1<<64-1, "v7"
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 1, Request: req})
	m := readRunner(t, ws)
	want := api.RunnerReply{Text: "4", Tokens: 1, FinishReason: "stop", TokenIDs: []int{19, 151645}, Seed: 1<<64 - 1,
		LogProbs: []float64{-0.5, -0.01}, Model: "tiny", Adapter: "v7"}
	if m.Type != api.RunnerDone || len(m.Replies) != 1 || !reflect.DeepEqual(m.Replies[0], want) {
		t.Errorf("got %+v, want a done with %+v", m, want)
	}

	// A reply that names no model is the runner's model's.
	sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 2, Request: chat("Q: 1+1=")})
	if m := readRunner(t, ws); m.Type != api.RunnerDone || m.Replies[0].Model != "tiny" {
		t.Errorf("got %+v, want a done whose reply names model tiny", m)
	}
}

// A reply the protocol cannot carry (here a log-prob above 0, or one JSON
// cannot spell) is the request's error, not a message that would get the
// runner dropped, or one that could not be sent at all.
func TestServeRunnerRefusesOutOfBoundsReplies(t *testing.T) {
	for _, claim := range []float64{0.5, math.NaN(), math.Inf(-1)} {
		f := newFakeRunnerServer(t, 0)
		serve(t, f, verifiable{claim: claim})
		ws, _ := f.accept(t)
		sendCommand(t, ws, api.RunnerCommand{Type: api.RunnerGenerate, ID: 3, Request: chat("x")})
		m := readRunner(t, ws)
		if m.Type != api.RunnerError || m.ID != 3 || !strings.Contains(m.Message, "reply 0 logprobs[0] is") {
			t.Errorf("log-prob %v: got %+v, want an error naming it", claim, m)
		}
	}
}
