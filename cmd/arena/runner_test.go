package main

import (
	"context"
	"encoding/hex"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/server"
	"github.com/rlfc/arena/internal/syncbuf"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/ops"
)

func TestRunnerKernelsFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kernels", "abacus"}, `kernel set "abacus" is not one this machine runs`},
		{[]string{"--kernels", "go", "--endpoint", "http://127.0.0.1:1/v1", "--model-name", "m"}, "--kernels sets the embedded engine's kernels"},
		{[]string{"--model-name", "m"}, "the embedded model is " + embedded.Name},
	} {
		args := append([]string{"runner", "--agent", "a", "--key-file", "k"}, tc.args...)
		code, _, errOut := runArena(t, args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// An honest runner on another kernel set than the server's plays its
// agent: `arena runner --kernels go` switches the engine to pure Go, says
// so, and its replies reach the server with their token ids, log-probs,
// seeds and model.
func TestRunnerServesOnKernels(t *testing.T) {
	before := ops.Kernels()
	t.Cleanup(func() { ops.UseKernels(before) })

	hub := server.NewRunnerHub()
	a, err := arena.Open(arena.Options{InMemory: true, Backends: agents.Backends{Remote: hub.Policy}})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Options{Arena: a, Runners: hub})
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

	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(key))), 0o600); err != nil {
		t.Fatal(err)
	}
	ag, err := a.CreateAgent(agents.Agent{Owner: crypto.PubkeyToAddress(key.PublicKey).Hex(), Name: "far", Model: embedded.Name, Remote: true,
		Sampling: agents.Sampling{Temperature: 0.7, MaxTokens: 6}})
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var logs syncbuf.Buffer
	exited := make(chan error, 1)
	go func() {
		exited <- runRunner(ctx, []string{"--server", "http://" + ln.Addr().String(), "--agent", ag.ID,
			"--key-file", keyFile, "--kernels", "go"}, &logs, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-exited; err != nil {
			t.Errorf("runner: %v", err)
		}
	})

	policy, err := hub.Policy(ag)
	if err != nil {
		t.Fatal(err)
	}
	req := agents.Request{Messages: []agents.Message{{Role: "user", Content: "Q: 2+3="}}, Sampling: ag.Sampling, N: 2, Seed: 7}
	var replies []agents.Reply
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if replies, err = policy.Reply(context.Background(), req, nil); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the runner never answered: %v\n%s", err, logs.String())
		}
	}
	if ops.Kernels() != "go" || !strings.Contains(logs.String(), "set=go") {
		t.Errorf("kernels %q; the runner should have switched to go and said so:\n%s", ops.Kernels(), logs.String())
	}
	if len(replies) != 2 {
		t.Fatalf("%d replies, want 2", len(replies))
	}
	for i, r := range replies {
		if r.Tokens == 0 || r.Tokens > 6 {
			t.Errorf("reply %d: %d tokens, want 1 to 6", i, r.Tokens)
		}
		// What verification needs came over the wire.
		if n := len(r.TokenIDs); n < r.Tokens || n > r.Tokens+1 || len(r.LogProbs) != n || r.Seed == 0 || r.Model != embedded.Name {
			t.Errorf("reply %d: %d tokens, token ids %v, log-probs %v, seed %d, model %q", i, r.Tokens, r.TokenIDs, r.LogProbs, r.Seed, r.Model)
		}
	}
	if replies[0].Seed == replies[1].Seed {
		t.Errorf("both samples claim seed %d", replies[0].Seed)
	}
}
