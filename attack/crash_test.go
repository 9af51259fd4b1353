package attack

import (
	"crypto/ecdsa"
	"encoding/hex"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
)

// TestCrashKill9PaidMatches kills `arena serve` with SIGKILL at random
// moments while paid matches are staked, played and settled, restarts it on
// the same data each time, and then checks every ticket on the chain
// (which runs in this test's process, so it outlives the kills):
//
//   - lost: a match the chain settled that the arena does not know as
//     settled there, or one the arena counts as paid that the chain never
//     settled;
//   - double-paid: a ticket consumed by more than one settlement or refund;
//   - stuck: a ticket still open on chain that no queue holds, or a match
//     still running or owed once the arena has been left alone.
//
// ARENA_CRASH_KILLS sets the number of kills (3 by default, so the suite
// stays short; the closing notes quote runs of 100).
func TestCrashKill9PaidMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts a server many times")
	}
	kills := 3
	if v := os.Getenv("ARENA_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ARENA_CRASH_KILLS=%q: want a whole number from 1", v)
		}
		kills = n
	}
	ctx := t.Context()
	const players, agentsEach = 8, 6
	var keys []*ecdsa.PrivateKey
	alloc := make(map[common.Address]*big.Int)
	for i := range players {
		k := contracts.DevKey(fmt.Sprintf("crash player %d", i))
		keys = append(keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))
	}
	chain, err := contracts.NewDev(contracts.DevOptions{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	rpcURL, err := chain.ServeRPC("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opKey := filepath.Join(t.TempDir(), "operator.key")
	if err := os.WriteFile(opKey, []byte(hex.EncodeToString(crypto.FromECDSA(chain.Operator))), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &server{Data: t.TempDir(), args: nil}
	s.args = []string{"serve", "--addr", "127.0.0.1:0", "--data", s.Data, "--rpc", rpcURL,
		"--contract", chain.Address().Hex(), "--operator-key-file", opKey, "--chain-id", "1337",
		"--confirmations", "0", "--grace", "100ms", "--batch-delay", "0", "--train=false", "--seed", "11"}
	s.launch(t)
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("serve's log (last 8 KB):\n%s", tail(s.Log(), 8<<10))
		}
	})

	// Each player signs in and makes a few agents, used in turn, so that
	// a new stake rarely names an agent still waiting in the queue.
	agentsOf := make([][]string, players)
	for i, k := range keys {
		c := s.client(t, k)
		for j := range agentsEach {
			ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: fmt.Sprintf("crash-%d-%d", i, j), Model: "arena-base"})
			if err != nil {
				t.Fatal(err)
			}
			agentsOf[i] = append(agentsOf[i], ag.ID)
		}
	}
	info, err := s.client(t, nil).Chain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var spaceID uint64
	var fee *big.Int
	for _, cs := range info.Spaces {
		if cs.Space == "sum-duel" && cs.Tier == 1 {
			spaceID = cs.ID
			fee, _ = new(big.Int).SetString(cs.Fee, 10)
		}
	}
	if fee == nil {
		t.Fatalf("no paid sum-duel tier in %+v", info)
	}

	rng := rand.New(rand.NewPCG(11, 15))
	staked := 0
	stakeRound := func(round int) {
		for i, k := range keys {
			key, _ := contracts.UUIDKey(agentsOf[i][round%agentsEach])
			if _, _, err := chain.Enter(ctx, k, spaceID, key, fee); err != nil {
				t.Fatalf("stake %d: %v", staked, err)
			}
			staked++
		}
	}
	for round := range kills {
		stakeRound(round)
		// Kill while matches are formed, played or settled: anywhere from
		// at once to a few seconds in.
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Millisecond)
		s.kill()
		if round%3 == 2 {
			stakeRound(round + kills) // stakes that land while the server is down
		}
		s.restart(t)
	}

	// Left alone, the arena plays, settles or refunds everything it can.
	c := s.client(t, nil)
	var audit crashAudit
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(500 * time.Millisecond) {
		audit = auditChain(t, chain, c)
		if audit.quiet() || time.Now().After(deadline) {
			break
		}
	}
	t.Logf("kills %d, stakes %d, paid matches settled %d, refunded tickets %d, still queued %d, lost %d, double-paid %d, stuck %d",
		kills, staked, audit.settled, audit.refunded, audit.queued, len(audit.lost), len(audit.double), len(audit.stuck))
	if audit.entered != staked {
		t.Errorf("the chain holds %d entries, the test staked %d", audit.entered, staked)
	}
	for _, l := range [][]string{audit.lost, audit.double, audit.stuck} {
		for _, what := range l {
			t.Error(what)
		}
	}
}

// crashAudit is what auditChain found.
type crashAudit struct {
	entered, settled, refunded int
	queued                     int // tickets waiting in the queue
	lost, double, stuck        []string
	pending                    int // settlements owed or signed, matches running
}

// quiet reports whether nothing is left to happen: no stuck ticket, no
// running match or settlement in flight.
func (a crashAudit) quiet() bool { return len(a.stuck) == 0 && a.pending == 0 && a.queued < 2 }

// auditChain reads every SpaceStake event and holds the arena's records
// against them.
func auditChain(t *testing.T, chain *contracts.Dev, c *client.Client) crashAudit {
	t.Helper()
	ctx := t.Context()
	head, err := chain.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events, err := chain.Events(ctx, 0, head)
	if err != nil {
		t.Fatal(err)
	}
	var a crashAudit
	consumed := make(map[string]int)     // ticket → settlements and refunds that closed it
	settledOn := make(map[string]string) // match id → tx
	entered := make(map[string]bool)
	for _, ev := range events {
		switch {
		case ev.Entered != nil:
			a.entered++
			entered[ev.Entered.TicketId.String()] = true
		case ev.Settled != nil:
			a.settled++
			id, ok := contracts.KeyUUID(ev.Settled.MatchId)
			if !ok {
				a.lost = append(a.lost, fmt.Sprintf("settlement %x names no arena match", ev.Settled.MatchId))
				continue
			}
			settledOn[id] = ev.TxHash.Hex()
			for _, tk := range ev.Settled.Tickets {
				consumed[tk.String()]++
			}
		case ev.Refunded != nil:
			a.refunded++
			consumed[ev.Refunded.TicketId.String()]++
		}
	}
	for tk, n := range consumed {
		if n > 1 {
			a.double = append(a.double, fmt.Sprintf("ticket %s was paid out %d times", tk, n))
		}
	}
	// Every match the chain settled is one the arena settled there.
	for id, tx := range settledOn {
		st, err := c.Settlement(ctx, id)
		switch {
		case err != nil:
			a.lost = append(a.lost, fmt.Sprintf("match %s settled on chain in %s: arena: %v", id, tx, err))
		case st.State != "final" || !strings.EqualFold(st.Tx, tx):
			if st.State == "owed" || st.State == "signed" {
				a.pending++ // the bridge has not seen its receipt yet
				continue
			}
			a.lost = append(a.lost, fmt.Sprintf("match %s settled on chain in %s, arena says %s %s", id, tx, st.State, st.Tx))
		}
	}
	// Every match the arena played with stakes is settled on chain, or on
	// its way.
	ms, err := c.Matches(ctx, "sum-duel", 500)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Status == "running" {
			a.pending++
			continue
		}
		if m.Tier == 0 {
			continue
		}
		st, err := c.Settlement(ctx, m.ID)
		if err != nil {
			a.stuck = append(a.stuck, fmt.Sprintf("match %s (%s): no settlement: %v", m.ID, m.Status, err))
			continue
		}
		switch st.State {
		case "owed", "signed":
			a.pending++
		case "final":
			if _, ok := settledOn[m.ID]; !ok && len(st.Stakes) > 0 {
				a.lost = append(a.lost, fmt.Sprintf("match %s: the arena says settled in %s, the chain has no settlement", m.ID, st.Tx))
			}
		}
	}
	// Every ticket still open waits in a queue.
	q, err := c.Queue(ctx, "sum-duel")
	if err != nil {
		t.Fatal(err)
	}
	queued := make(map[string]bool)
	a.queued = len(q)
	for _, tk := range q {
		if _, id, ok := strings.Cut(tk.Stake, ":"); ok {
			queued[id] = true
		}
	}
	for tk := range entered {
		if consumed[tk] == 0 && !queued[tk] {
			a.stuck = append(a.stuck, fmt.Sprintf("ticket %s is open on chain and in no queue", tk))
		}
	}
	return a
}

// tail is the end of s, at most n bytes.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}
