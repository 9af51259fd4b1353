package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/internal/syncbuf"
)

// serving is an `arena serve` running in the test's process.
type serving struct {
	t           *testing.T
	out, errOut syncbuf.Buffer
	cancel      context.CancelFunc
	exited      chan int
}

// devServe is the start of a `serve --dev` command line for tests.
var devServe = []string{"--dev", "--dev-rpc", "127.0.0.1:0"}

// startServe runs `arena serve --addr 127.0.0.1:0 --data DATA` with extra
// flags, and waits for it to print what re matches (its submatches are
// returned).
func startServe(t *testing.T, data string, re *regexp.Regexp, extra ...string) (*serving, []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{t: t, cancel: cancel, exited: make(chan int, 1)}
	t.Cleanup(cancel)
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, extra...)
	go func() { s.exited <- run(ctx, args, &s.out, &s.errOut) }()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(s.out.String()); m != nil {
			return s, m
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed nothing that matches %s:\n%s\nstderr:\n%s", re, s.out.String(), s.errOut.String())
		}
	}
}

// stop interrupts the server and checks that it exits cleanly.
func (s *serving) stop() {
	s.t.Helper()
	s.cancel()
	select {
	case code := <-s.exited:
		if code != 0 {
			s.t.Errorf("exit %d: %s", code, s.errOut.String())
		}
	case <-time.After(30 * time.Second):
		s.t.Fatal("serve did not stop")
	}
}

var servingOn = regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+)`)

func TestServeAnswersAndShutsDown(t *testing.T) {
	// /v1 takes the operator's API keys.
	const apiKey = "operator-key-0123456789"
	keys := filepath.Join(t.TempDir(), "api-keys")
	if err := os.WriteFile(keys, []byte("# the operator's\n"+apiKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, m := startServe(t, t.TempDir(), servingOn, append(devServe, "--api-key-file", keys)...)
	base := m[1]
	for path, want := range map[string]string{
		"/healthz":    `"ok":true`,
		"/api/spaces": `"sum-duel"`,
		"/v1/models":  `"arena-base"`,
		"/metrics":    `arena_queue_length{space="nim",tier="0"} 0`,
	} {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+apiKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want %q in:\n%.400s", path, resp.StatusCode, want, body)
		}
	}
	resp, err := http.Get(base + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /v1/models without a key: %s, want 401", resp.Status)
	}
	srv.stop()
}

// TestServeDevStakesAndSettles plays the paid path of `serve --dev` as a
// player would: sign in with a dev wallet, create an agent, stake its entry
// on the dev chain over JSON-RPC, let the house fill the match, and find the
// match settled on chain with the ledger's payout credited.
func TestServeDevStakesAndSettles(t *testing.T) {
	ctx := t.Context()
	srv, m := startServe(t, t.TempDir(), regexp.MustCompile(`(?s)dev chain \d+ at (http://\S+), .*player 1  (0x[0-9a-fA-F]{40})  key ([0-9a-f]{64}).*serving on (http://127\.0\.0\.1:\d+)`),
		append(devServe, "--house-wait", "100ms", "--batch-delay", "0")...)
	rpcURL, player, base := m[1], common.HexToAddress(m[2]), m[4]
	key, err := crypto.HexToECDSA(m[3])
	if err != nil {
		t.Fatal(err)
	}

	c := client.New(base)
	if _, err := c.SignIn(ctx, key); err != nil {
		t.Fatal(err)
	}
	ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: "mine", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Enter(ctx, "sum-duel", ag.ID, 1); !client.IsStatus(err, http.StatusPaymentRequired) || !strings.Contains(err.Error(), "enter(") {
		t.Fatalf("REST entry of a paid tier: %v", err)
	}
	info, err := c.Chain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var space api.ChainSpace
	for _, cs := range info.Spaces {
		if cs.Space == "sum-duel" && cs.Tier == 1 {
			space = cs
		}
	}
	chain, err := contracts.Dial(ctx, rpcURL, common.HexToAddress(info.Contract), big.NewInt(info.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	agentKey, _ := contracts.UUIDKey(ag.ID)
	fee, _ := new(big.Int).SetString(space.Fee, 10)
	if _, _, err := chain.Enter(ctx, key, space.ID, agentKey, fee); err != nil {
		t.Fatal(err)
	}

	// The house fills the match; it is played and settled.
	var st api.Settlement
	for deadline := time.Now().Add(60 * time.Second); st.State != "final"; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no final settlement (last %+v); stderr:\n%s", st, srv.errOut.String())
		}
		ms, err := c.AgentMatches(ctx, ag.ID, 1)
		if err != nil || len(ms) == 0 || ms[0].Status != "finished" {
			continue
		}
		if st, err = c.Settlement(ctx, ms[0].ID); err != nil && !client.IsStatus(err, http.StatusNotFound) {
			t.Fatal(err)
		}
	}
	owed := new(big.Int)
	for _, p := range st.Payees {
		if common.HexToAddress(p.Account) == player {
			owed.SetString(p.Amount, 10)
		}
	}
	credit, err := chain.Credit(ctx, common.Address{}, player)
	if err != nil {
		t.Fatal(err)
	}
	if credit.Cmp(owed) != 0 {
		t.Errorf("credit on chain %s, the ledger owes %s", credit, owed)
	}
	srv.stop()
}

// TestServeRestartWithMatchesInFlight runs the server against a chain of
// its own (over --rpc), stops it while a match is being played and another
// agent waits in a queue, and starts it again: the interrupted match is
// refunded on chain once, the waiting agent is still queued once, and every
// ticket ends settled or refundable.
func TestServeRestartWithMatchesInFlight(t *testing.T) {
	ctx := t.Context()
	var keys []*ecdsa.PrivateKey
	alloc := make(map[common.Address]*big.Int)
	for i := range 3 {
		k := contracts.DevKey(fmt.Sprintf("restart player %d", i))
		keys = append(keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = big.NewInt(1e18)
	}
	chain, err := contracts.NewDev(contracts.DevOptions{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	rpcURL, err := chain.ServeRPC("")
	if err != nil {
		t.Fatal(err)
	}
	opKey := filepath.Join(t.TempDir(), "operator.key")
	if err := os.WriteFile(opKey, []byte(hex.EncodeToString(crypto.FromECDSA(chain.Operator))), 0o600); err != nil {
		t.Fatal(err)
	}
	// Remote agents whose runners never answer play until the server
	// stops. (Runners, not endpoints: the paid tiers take only replies
	// the arena can verify.)
	hang := client.WithModel(hanging{}, "arena-base")
	runners, stopRunners := context.WithCancel(ctx)
	defer stopRunners()

	data := t.TempDir()
	args := []string{"--rpc", rpcURL, "--contract", chain.Address().Hex(), "--operator-key-file", opKey, "--chain-id", "1337",
		"--confirmations", "0", "--house-wait", "50ms", "--grace", "100ms", "--batch-delay", "0",
	}
	srv, m := startServe(t, data, servingOn, args...)
	c := client.New(m[1])
	info, err := c.Chain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	spaceOf := func(space string) (uint64, *big.Int) {
		for _, cs := range info.Spaces {
			if cs.Space == space && cs.Tier == 1 {
				fee, _ := new(big.Int).SetString(cs.Fee, 10)
				return cs.ID, fee
			}
		}
		t.Fatalf("no chain space for %s tier 1 in %+v", space, info)
		return 0, nil
	}
	var tickets []*big.Int
	var agentIDs []string
	for i, space := range []string{"sum-duel", "sum-duel", "tic-tac-toe"} {
		pc := client.New(m[1])
		if _, err := pc.SignIn(ctx, keys[i]); err != nil {
			t.Fatal(err)
		}
		ag, err := pc.CreateAgent(ctx, api.AgentConfig{Name: fmt.Sprintf("slow%d", i), Model: "arena-base", Remote: true})
		if err != nil {
			t.Fatal(err)
		}
		go pc.ServeRunner(runners, ag.ID, hang, nil)
		agentIDs = append(agentIDs, ag.ID)
		id, fee := spaceOf(space)
		key, _ := contracts.UUIDKey(ag.ID)
		tk, _, err := chain.Enter(ctx, keys[i], id, key, fee)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, tk)
	}
	var running api.Match
	for deadline := time.Now().Add(30 * time.Second); running.ID == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no match started; stderr:\n%s", srv.errOut.String())
		}
		if ms, err := c.Matches(ctx, "sum-duel", 1); err == nil && len(ms) == 1 && ms[0].Status == "running" {
			running = ms[0]
		}
	}
	srv.stop()

	srv, m = startServe(t, data, servingOn, args...)
	c = client.New(m[1])
	var st api.Settlement
	for deadline := time.Now().Add(30 * time.Second); st.State != "final"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("interrupted match not settled (last %+v); stderr:\n%s", st, srv.errOut.String())
		}
		st, _ = c.Settlement(ctx, running.ID)
	}
	got, err := c.Match(ctx, running.ID)
	if err != nil || got.Match.Status != "aborted" || !st.Refund {
		t.Errorf("interrupted match: %+v (%v), settlement %+v", got.Match, err, st)
	}
	_, fee := spaceOf("sum-duel")
	for i := range 2 {
		if tk, err := chain.Ticket(ctx, tickets[i]); err != nil || tk.Open {
			t.Errorf("ticket %s of the interrupted match is open (%v)", tickets[i], err)
		}
		credit, _ := chain.Credit(ctx, common.Address{}, crypto.PubkeyToAddress(keys[i].PublicKey))
		if credit.Cmp(fee) != 0 {
			t.Errorf("player %d's credit %s, want the fee %s back once", i, credit, fee)
		}
	}
	// The waiting agent's ticket is open (refundable after the timeout)
	// and it is queued once, not twice, after the events were read again.
	if tk, err := chain.Ticket(ctx, tickets[2]); err != nil || !tk.Open {
		t.Errorf("the waiting agent's ticket: %+v, %v", tk, err)
	}
	sp, err := c.Space(ctx, "tic-tac-toe")
	if err != nil || sp.Queues[1] != 1 {
		t.Errorf("tic-tac-toe tier 1 queue after the restart: %+v, %v", sp.Queues, err)
	}
	srv.stop()
}

// hanging is a policy that never answers: it waits until it is cancelled.
type hanging struct{}

func (hanging) Reply(ctx context.Context, _ agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}
