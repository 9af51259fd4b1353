package attack

import (
	"context"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/internal/syncbuf"
)

// An honest player runs its agent with `arena runner` on the pure-Go
// kernels, while the server verifies on this machine's fastest: every
// reply of its matches is verified by re-drawing it from its seed, so
// another machine's rounding costs an honest player nothing.
// ARENA_RUNNER_MATCHES sets the matches played (default 13: 208 replies).
func TestHonestRunnerOnOtherKernelsVerifies(t *testing.T) {
	matches := 13
	if n, err := strconv.Atoi(os.Getenv("ARENA_RUNNER_MATCHES")); err == nil && n > 0 {
		matches = n
	}
	s := start(t)
	c, key := s.stranger(t)
	ag, err := c.CreateAgent(t.Context(), api.AgentConfig{Name: "runner", Model: "arena-base", Remote: true,
		Sampling: agents.Sampling{Temperature: 0.8, TopP: 0.95}})
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(key))), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	var log syncbuf.Buffer
	runner := exec.CommandContext(ctx, arenaBin, "runner", "--server", s.URL, "--agent", ag.ID, "--key-file", keyFile, "--kernels", "go")
	runner.Stdout, runner.Stderr = &log, &log
	if err := runner.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		runner.Wait()
		if t.Failed() {
			t.Logf("runner's log:\n%s", log.String())
		}
	})

	verified, replies := 0, 0
	for n := 1; n <= matches; n++ {
		// The runner may still be connecting: an entry waits for it.
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			_, err := c.Enter(t.Context(), "sum-duel", ag.ID, 0)
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal(err)
			}
		}
		m := waitMatchN(t, c, ag.ID, n, 2*time.Minute)
		detail, err := c.Match(t.Context(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		seat := slices.Index(detail.Players, ag.ID)
		for _, r := range detail.Rounds {
			if r.Errors[seat] != "" {
				t.Errorf("match %s round %d: the runner's reply failed: %s", m.ID, r.Index, r.Errors[seat])
			}
			for _, rep := range r.Replies[seat] {
				replies++
				if c := rep.Check; c != nil && c.Status == agents.Verified && c.Method == "seeded" && c.Positions == len(rep.TokenIDs) {
					verified++
				} else {
					t.Errorf("match %s round %d: reply %q has check %+v, want verified by its seed at every token", m.ID, r.Index, rep.Text, c)
				}
			}
		}
	}
	t.Logf("the runner on pure-Go kernels had %d of %d replies verified", verified, replies)
	if replies == 0 {
		t.Fatal("no replies")
	}
}
