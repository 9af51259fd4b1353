package server

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/internal/syncbuf"
)

// runnerToken signs key's owner in through the server's API and returns
// the bearer token.
func runnerToken(t testing.TB, ts *testServer, key *ecdsa.PrivateKey) string {
	t.Helper()
	tok, err := client.New(ts.URL).SignIn(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return tok.Token
}

// addRemote stores a Remote agent owned by owner that answers "off N"
// (when its runner uses scripted).
func (ts *testServer) addRemote(t testing.TB, owner, name string, off int) agents.Agent {
	t.Helper()
	ag, err := ts.Arena.CreateAgent(agents.Agent{Owner: owner, Name: name, Model: "test", Remote: true, System: fmt.Sprintf("off %d", off)})
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

// asTest names p's model "test", the model the test agents declare, unless
// p names its own.
func asTest(p agents.Policy) agents.Policy {
	if _, ok := p.(interface{ Model() string }); ok {
		return p
	}
	return client.WithModel(p, "test")
}

// serveRunner runs client.ServeRunner for agent with p (serving model
// "test" unless p names another) until the test ends, and waits until the
// server has the runner. The returned channel yields ServeRunner's error.
func serveRunner(t *testing.T, ts *testServer, token, agent string, p agents.Policy, log *slog.Logger) <-chan error {
	t.Helper()
	p = asTest(p)
	ctx, cancel := context.WithCancel(context.Background())
	c := client.New(ts.URL)
	c.Token = token
	errc := make(chan error, 1)
	go func() { errc <- c.ServeRunner(ctx, agent, p, log) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Errorf("ServeRunner ended with %v, want context.Canceled", err)
		}
	})
	waitRunner(t, ts.Hub, agent, nil)
	return errc
}

// waitRunner waits until the agent has a connected runner other than
// not.
func waitRunner(t *testing.T, h *RunnerHub, agent string, not *runner) *runner {
	t.Helper()
	for range 2000 {
		if r := h.current(agent); r != nil && r != not {
			return r
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no runner connected for agent %s", agent)
	return nil
}

// seatOf returns the index of agent in a match's players.
func seatOf(t *testing.T, res *arena.Result, agent string) int {
	t.Helper()
	for i, id := range res.Match.Players {
		if id == agent {
			return i
		}
	}
	t.Fatalf("agent %s did not play match %s", agent, res.Match.ID)
	return -1
}

func TestRunnerPlaysMatch(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	_, other := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	local := ts.addAgent(t, other, "local", 1)
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, client.WithModel(scripted{}, "test"), nil)

	res := ts.playMatch(t, "sum-duel", remote.ID, local.ID)
	if res.Match.Status != arena.StatusFinished {
		t.Fatalf("match %s: %s", res.Match.Status, res.Match.Error)
	}
	seat := seatOf(t, res, remote.ID)
	for _, r := range res.Rounds {
		if r.Errors[seat] != "" {
			t.Errorf("round %d: remote agent's reply failed: %s", r.Index, r.Errors[seat])
		}
		for _, rep := range r.Replies[seat] {
			if rep.FinishReason != "stop" || rep.Tokens != 2 || rep.Latency <= 0 {
				t.Errorf("round %d: reply %+v lost its fields on the way", r.Index, rep)
			}
		}
	}
	if res.Match.Ranks[seat] != 0 || res.Match.Scores[seat] <= res.Match.Scores[1-seat] {
		t.Errorf("the remote agent answers right and should win: ranks %v, scores %v", res.Match.Ranks, res.Match.Scores)
	}

	// The runner's deltas reached the match's events, in order.
	events, err := ts.Arena.Events(res.Match.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	streamed := map[[2]int]string{} // round, sample → text
	for _, ev := range events {
		if ev.Player != remote.ID {
			continue
		}
		key := [2]int{ev.Round, ev.Sample}
		switch ev.Type {
		case api.ReplyDelta:
			streamed[key] += ev.Text
		case api.ReplyDone:
			if streamed[key] == "" || streamed[key] != ev.Text {
				t.Errorf("round %d sample %d: deltas %q, reply %q", ev.Round, ev.Sample, streamed[key], ev.Text)
			}
		}
	}
	if len(streamed) != len(res.Rounds)*2 {
		t.Errorf("deltas for %d samples, want %d", len(streamed), len(res.Rounds)*2)
	}
}

func TestRunnerNotConnectedForfeits(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	_, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	_, other := newKey(t) // matches pair different owners
	local := ts.addAgent(t, other, "local", 1)

	res := ts.playMatch(t, "sum-duel", remote.ID, local.ID)
	if res.Match.Status != arena.StatusFinished {
		t.Fatalf("match %s: %s", res.Match.Status, res.Match.Error)
	}
	seat := seatOf(t, res, remote.ID)
	for _, r := range res.Rounds {
		// The record says what kind of failure it was; the log says which
		// runner and why.
		if want := "runner error"; r.Errors[seat] != want {
			t.Errorf("round %d: error %q, want %q", r.Index, r.Errors[seat], want)
		}
	}
	if res.Match.Scores[seat] != 0 {
		t.Errorf("the runnerless agent scored %v", res.Match.Scores[seat])
	}
}

// dropping is scripted, except that its call number At (from 1) says
// so on Started and then hangs until its context ends: the test drops
// the connection meanwhile.
type dropping struct {
	scripted
	At      int32
	calls   atomic.Int32
	Started chan struct{}
}

func (p *dropping) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	if p.calls.Add(1) == p.At {
		close(p.Started)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return p.scripted.Reply(ctx, req, onDelta)
}

func TestRunnerDropForfeitsOneReplyAndResumes(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	_, other := newKey(t) // matches pair different owners
	local := ts.addAgent(t, other, "local", 1)
	p := &dropping{At: 3, Started: make(chan struct{})}
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, p, nil)

	go func() {
		<-p.Started
		// Cut the network under the runner, as a lost connection would,
		// without a close frame.
		ts.Hub.current(remote.ID).c.ws.UnderlyingConn().Close()
	}()
	res := ts.playMatch(t, "sum-duel", remote.ID, local.ID)
	if res.Match.Status != arena.StatusFinished {
		t.Fatalf("match %s: %s", res.Match.Status, res.Match.Error)
	}
	seat := seatOf(t, res, remote.ID)
	for _, r := range res.Rounds {
		msg := r.Errors[seat]
		if r.Index == 2 {
			if msg == "" || strings.Contains(msg, "runner for agent") {
				t.Errorf("round 2 (the third request): error %q, want the kind of the runner's drop", msg)
			}
			if r.Scores[seat] != 0 {
				t.Errorf("round 2: the forfeited reply scored %v", r.Scores[seat])
			}
			continue
		}
		if msg != "" {
			t.Errorf("round %d: error %q; the reconnected runner should have answered", r.Index, msg)
		}
	}
	if n := p.calls.Load(); n != int32(len(res.Rounds)) {
		t.Errorf("the runner served %d requests, want one per round (%d)", n, len(res.Rounds))
	}
}

// blocking hangs every request until its context ends, and records how
// many ended.
type blocking struct {
	started chan struct{}
	ended   chan error
}

func (p blocking) Reply(ctx context.Context, _ agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	p.started <- struct{}{}
	<-ctx.Done()
	p.ended <- ctx.Err()
	return nil, ctx.Err()
}

func TestRunnerTimeoutSendsCancel(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	p := blocking{started: make(chan struct{}, 1), ended: make(chan error, 1)}
	var logs syncbuf.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, p, log)
	before := ts.Hub.current(remote.ID)

	policy, err := ts.Hub.Policy(remote)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-p.started
		cancel() // as the match's time limit would
	}()
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "What is 2+2?"}}}
	if _, err := policy.Reply(ctx, req, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Reply returned %v, want ctx's error", err)
	}
	if err := <-p.ended; !errors.Is(err, context.Canceled) {
		t.Errorf("runner's request ended with %v, want a cancellation", err)
	}
	if after := ts.Hub.current(remote.ID); after != before {
		t.Errorf("the runner reconnected; cancel should leave the connection up")
	}
	if !strings.Contains(logs.String(), "request cancelled") {
		t.Errorf("the runner did not log the cancel message:\n%s", logs.String())
	}
}

// echo answers each sample with the last message, in one delta.
type echo struct{}

func (echo) Reply(_ context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	out := make([]agents.Reply, max(req.N, 1))
	text := req.Messages[len(req.Messages)-1].Content
	for i := range out {
		onDelta(agents.Delta{Sample: i, Text: text})
		out[i] = agents.Reply{Text: text, FinishReason: "stop"}
	}
	return out, nil
}

func TestRunnerMultiplexesRequests(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, echo{}, nil)
	policy, _ := ts.Hub.Policy(remote)

	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			text := fmt.Sprintf("request %d", i)
			req := agents.Request{Messages: []agents.Message{{Role: "user", Content: text}}, N: 1 + i%3}
			var deltas []agents.Delta
			replies, err := policy.Reply(context.Background(), req, func(d agents.Delta) { deltas = append(deltas, d) })
			if err != nil {
				t.Errorf("%s: %v", text, err)
				return
			}
			if len(replies) != req.N || len(deltas) != req.N {
				t.Errorf("%s: %d replies and %d deltas, want %d", text, len(replies), len(deltas), req.N)
			}
			for s, r := range replies {
				if r.Text != text || deltas[s].Text != text || deltas[s].Sample != s {
					t.Errorf("%s: sample %d got reply %q, delta %+v", text, s, r.Text, deltas[s])
				}
			}
		})
	}
	wg.Wait()
}

func TestRunnerPendingIsBounded(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ts.Hub.maxPending = 2
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	p := blocking{started: make(chan struct{}, 2), ended: make(chan error, 2)}
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, p, nil)
	policy, _ := ts.Hub.Policy(remote)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "hang"}}}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { policy.Reply(ctx, req, nil) })
		<-p.started
	}
	_, err := policy.Reply(ctx, req, nil)
	if err == nil || !strings.Contains(err.Error(), "runner has 2 requests open already") {
		t.Errorf("a third request: %v, want a refusal", err)
	}
	cancel()
	wg.Wait()
}

func TestRunnerNewConnectionReplacesOld(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	token := runnerToken(t, ts, key)

	first := client.New(ts.URL)
	first.Token = token
	firstErr := make(chan error, 1)
	go func() { firstErr <- first.ServeRunner(context.Background(), remote.ID, asTest(echo{}), nil) }()
	old := waitRunner(t, ts.Hub, remote.ID, nil)

	serveRunner(t, ts, token, remote.ID, scripted{}, nil)
	waitRunner(t, ts.Hub, remote.ID, old)
	if err := <-firstErr; !errors.Is(err, client.ErrRunnerReplaced) {
		t.Errorf("the replaced runner ended with %v, want ErrRunnerReplaced", err)
	}
	policy, _ := ts.Hub.Policy(remote)
	req := agents.Request{Messages: []agents.Message{{Role: "system", Content: "off 0"}, {Role: "user", Content: "What is 2+2?"}}}
	if replies, err := policy.Reply(context.Background(), req, nil); err != nil || replies[0].Text == "What is 2+2?" {
		t.Errorf("reply %+v, %v: want the new runner's (scripted), not the old one's (echo)", replies, err)
	}
}

func TestRunnerRefusals(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	strangerKey, _ := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	local := ts.addAgent(t, addr, "local", 0)
	owner := runnerToken(t, ts, key)

	cases := []struct {
		name, token, agent string
		status             int
		code, msg          string
	}{
		{"no token", "", remote.ID, 401, "unauthorized", "sign in first"},
		{"forged token", runnerForged(owner), remote.ID, 401, "unauthorized", "token"},
		{"not the owner", runnerToken(t, ts, strangerKey), remote.ID, 403, "forbidden", "only the owner of agent \"remote\""},
		{"not remote", owner, local.ID, 400, "bad_request", "agent \"local\" is not remote"},
		{"no agent", owner, "", 400, "bad_request", "name the agent"},
		{"unknown agent", owner, "nobody", 404, "not_found", "no agent \"nobody\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A plain request gets the JSON error...
			req, _ := http.NewRequest("GET", ts.URL+"/api/runner?agent="+tc.agent, nil)
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body api.Error
			json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || body.Error.Code != tc.code || !strings.Contains(body.Error.Message, tc.msg) {
				t.Errorf("%d %+v, want %d %s %q", resp.StatusCode, body.Error, tc.status, tc.code, tc.msg)
			}

			// ...and a runner gives up at once with it.
			c := client.New(ts.URL)
			c.Token = tc.token
			err = c.ServeRunner(context.Background(), tc.agent, asTest(echo{}), nil)
			var refused *client.Error
			if !errors.As(err, &refused) || refused.Status != tc.status || !strings.Contains(refused.Message, tc.msg) {
				t.Errorf("ServeRunner: %v, want a refusal with %d", err, tc.status)
			}
		})
	}
	if r := ts.Hub.current(remote.ID); r != nil {
		t.Errorf("a refused runner got the agent's slot")
	}
}

func TestRunnerShutdownClosesRunners(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	c := client.New(ts.URL)
	c.Token = runnerToken(t, ts, key)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.ServeRunner(ctx, remote.ID, asTest(echo{}), nil) }()
	waitRunner(t, ts.Hub, remote.ID, nil)

	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	if err := ts.Server.Shutdown(sctx); err != nil {
		t.Fatalf("Shutdown did not wait the runner out: %v", err)
	}
	// The runner keeps trying to come back (the server may restart) until
	// it is stopped.
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("ServeRunner: %v", err)
	}
}

// runnerForged is token with its first character changed.
func runnerForged(token string) string {
	if token[0] == 'A' {
		return "B" + token[1:]
	}
	return "A" + token[1:]
}

// A runner that serves another model than its agent declares is refused:
// before the upgrade when it says so in the URL (as ServeRunner does),
// and at its hello otherwise; either way it never takes the agent's slot.
func TestRunnerForAnotherModelIsRefused(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	token := runnerToken(t, ts, key)

	c := client.New(ts.URL)
	c.Token = token
	// A runner that is let in serves until its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.ServeRunner(ctx, remote.ID, client.WithModel(echo{}, "bigger-model"), nil)
	var refused *client.Error
	want := `agent "remote" declares model "test"; this runner serves "bigger-model"`
	if !errors.As(err, &refused) || refused.Status != http.StatusBadRequest || refused.Message != want {
		t.Errorf("ServeRunner: %v, want a 400 refusal saying %q", err, want)
	}

	// A runner of its own making, which names its model only in the
	// hello, is closed with the reason.
	for _, tc := range []struct{ model, why string }{
		{"bigger-model", want},
		{"", `agent "remote" declares model "test"; this runner names no model`},
		{"Test", `this runner serves "Test"`},
	} {
		h := http.Header{"Authorization": {"Bearer " + token}}
		u := "ws" + strings.TrimPrefix(ts.URL, "http") + "/api/runner?agent=" + remote.ID
		ws, _, err := websocket.DefaultDialer.Dial(u, h)
		if err != nil {
			t.Fatal(err)
		}
		if err := ws.WriteJSON(api.RunnerMessage{Type: api.RunnerHello, Agent: remote.ID, Model: tc.model}); err != nil {
			t.Fatal(err)
		}
		ws.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, _, err = ws.ReadMessage()
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.ClosePolicyViolation || !strings.Contains(ce.Text, tc.why) {
			t.Errorf("hello with model %q: %v, want a close (1008) saying %q", tc.model, err, tc.why)
		}
		ws.Close()
	}
	if r := ts.Hub.current(remote.ID); r != nil {
		t.Errorf("a runner for another model got the agent's slot (model %q)", r.model)
	}

	// The right model is taken, and its name in the URL is checked too.
	serveRunner(t, ts, token, remote.ID, echo{}, nil)
}

// A runner checked when it connected is not asked once its agent declares
// another model (an owner switching models keeps no runner of the old).
func TestRunnerNotAskedAfterModelChange(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	serveRunner(t, ts, runnerToken(t, ts, key), remote.ID, echo{}, nil)

	changed := remote
	changed.Model = "bigger-model"
	policy, err := ts.Hub.Policy(changed)
	if err != nil {
		t.Fatal(err)
	}
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "hi"}}}
	_, err = policy.Reply(context.Background(), req, nil)
	if err == nil || !strings.Contains(err.Error(), `declares model "bigger-model"; this runner serves "test"`) {
		t.Errorf("Reply: %v, want a refusal naming both models", err)
	}
}

// claiming answers with the verification fields the test sets: sample i
// gets token ids [i, i+1], seed Seed+i and log-probs, and the model and
// adapter claims Model and Adapter.
type claiming struct {
	Model, Adapter string
}

func (p claiming) Reply(_ context.Context, req agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		out[i] = agents.Reply{Text: fmt.Sprint(i), Tokens: 1, FinishReason: "stop",
			TokenIDs: []int{i, i + 1}, Seed: req.Seed + uint64(i), LogProbs: []float64{-0.5, -float64(i)},
			Model: p.Model, Adapter: p.Adapter}
	}
	return out, nil
}

// What a runner's replies say for verification reaches the server's
// agents.Reply as the runner said it, a model claim other than the
// agent's included (verification compares them).
func TestRunnerRepliesCarryVerification(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	token := runnerToken(t, ts, key)
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "hi"}}, N: 3, Seed: 1 << 63, Adapter: "v2"}

	for _, claim := range []string{"test", "bigger-model"} {
		t.Run(claim, func(t *testing.T) {
			remote := ts.addRemote(t, addr, "remote-"+claim, 0)
			serveRunner(t, ts, token, remote.ID, client.WithModel(claiming{Model: claim, Adapter: "v2"}, "test"), nil)
			policy, _ := ts.Hub.Policy(remote)
			replies, err := policy.Reply(context.Background(), req, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range replies {
				want := agents.Reply{Text: fmt.Sprint(i), Tokens: 1, FinishReason: "stop",
					TokenIDs: []int{i, i + 1}, Seed: 1<<63 + uint64(i), LogProbs: []float64{-0.5, -float64(i)},
					Model: claim, Adapter: "v2", Latency: r.Latency}
				if !reflect.DeepEqual(r, want) || r.Latency <= 0 {
					t.Errorf("reply %d = %+v, want %+v", i, r, want)
				}
			}
		})
	}
}

// A reply out of the bounds on what verification needs never reaches a
// match: ServeRunner fails the request instead of sending it, and a runner
// that sends one anyway is dropped, as for any broken message.
func TestRunnerOutOfBoundsClaims(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, addr := newKey(t)
	remote := ts.addRemote(t, addr, "remote", 0)
	token := runnerToken(t, ts, key)
	policy, _ := ts.Hub.Policy(remote)
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "hi"}}}

	serveRunner(t, ts, token, remote.ID, outOfBounds{}, nil)
	before := ts.Hub.current(remote.ID)
	_, err := policy.Reply(context.Background(), req, nil)
	if err == nil || !strings.Contains(err.Error(), "the runner's policy returned a reply the protocol cannot carry: reply 0 logprobs[0] is 3") {
		t.Errorf("Reply: %v, want the runner's own refusal", err)
	}
	if ts.Hub.current(remote.ID) != before {
		t.Errorf("the runner's connection did not survive its refusal")
	}

	// A runner of its own making, for another agent, sends such a reply
	// anyway.
	other := ts.addRemote(t, addr, "other", 0)
	policy, _ = ts.Hub.Policy(other)
	h := http.Header{"Authorization": {"Bearer " + token}}
	u := "ws" + strings.TrimPrefix(ts.URL, "http") + "/api/runner?agent=" + other.ID
	ws, _, err := websocket.DefaultDialer.Dial(u, h)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := ws.WriteJSON(api.RunnerMessage{Type: api.RunnerHello, Agent: other.ID, Model: "test"}); err != nil {
		t.Fatal(err)
	}
	waitRunner(t, ts.Hub, other.ID, nil)
	go func() {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		cmd, _ := api.DecodeRunnerCommand(data)
		ws.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf(
			`{"type":"done","id":%d,"replies":[{"text":"x","tokens":1,"token_ids":[16777216]}]}`, cmd.ID)))
	}()
	_, err = policy.Reply(context.Background(), req, nil)
	if err == nil || !strings.Contains(err.Error(), "reply 0 token_ids[0] is 16777216") {
		t.Errorf("Reply: %v, want the runner dropped for its token id", err)
	}
}

// outOfBounds claims a positive log-probability.
type outOfBounds struct{}

func (outOfBounds) Reply(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error) {
	return []agents.Reply{{Text: "x", LogProbs: []float64{3}}}, nil
}
