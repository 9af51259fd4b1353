package server

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora/corpus"
)

// scripted is a test double for agents' backends: it answers arithmetic
// by its system prompt ("off N" adds N times the sample number plus one
// to the right answer), after Delay, streaming each reply in two pieces.
type scripted struct{ delay time.Duration }

func (p scripted) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		text := "?"
		if pr, _, ok := corpus.ParseProblem(req.Messages[len(req.Messages)-1].Content); ok {
			off := 0
			if sys := req.Messages[0].Content; strings.HasPrefix(sys, "off ") {
				off, _ = strconv.Atoi(strings.TrimPrefix(sys, "off "))
			}
			text = strconv.Itoa(pr.Answer() + off*(i+1))
		}
		select {
		case <-time.After(p.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if onDelta != nil {
			onDelta(agents.Delta{Sample: i, Text: text[:len(text)/2]})
			onDelta(agents.Delta{Sample: i, Text: text[len(text)/2:]})
		}
		out[i] = agents.Reply{Text: text, Tokens: 2, FinishReason: "stop"}
	}
	return out, nil
}

// testServer is a real arena server on 127.0.0.1 over an in-memory arena
// whose agents (model "test") answer with scripted, and whose Remote
// agents go to the server's runner hub.
type testServer struct {
	URL    string
	Arena  *arena.Arena
	Server *Server
	Hub    *RunnerHub
}

func startServer(t testing.TB, opts Options, policy agents.Policy) *testServer {
	t.Helper()
	if policy == nil {
		policy = scripted{}
	}
	hub := NewRunnerHub()
	a, err := arena.Open(arena.Options{InMemory: true, Backends: agents.Backends{Embedded: policy, Model: "test", Remote: hub.Policy}})
	if err != nil {
		t.Fatal(err)
	}
	opts.Arena, opts.Runners = a, hub
	if opts.Policy == nil {
		opts.Policy, opts.Model = policy, "test"
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Shutdown(ctx)
		a.Close()
	})
	return &testServer{URL: "http://" + ln.Addr().String(), Arena: a, Server: srv, Hub: hub}
}

// newKey makes a wallet key for a test player.
func newKey(t testing.TB) (*ecdsa.PrivateKey, string) {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k, crypto.PubkeyToAddress(k.PublicKey).Hex()
}

// addAgent stores an agent owned by owner that answers "off N".
func (ts *testServer) addAgent(t testing.TB, owner, name string, off int) agents.Agent {
	t.Helper()
	ag, err := ts.Arena.CreateAgent(agents.Agent{Owner: owner, Name: name, Model: "test", System: "off " + strconv.Itoa(off)})
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

// playMatch queues agents in a Space's free tier and plays their match.
func (ts *testServer) playMatch(t testing.TB, space string, ids ...string) *arena.Result {
	t.Helper()
	res, err := ts.Arena.Play(context.Background(), ts.planMatch(t, space, ids...))
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	return res
}
