package onchain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/lora/corpus"
)

// sums answers arithmetic right, off by the number in its system prompt
// ("off 2"), or never ("hang", until its context ends).
type sums struct{}

func (sums) Reply(ctx context.Context, req agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	sys := req.Messages[0].Content
	if sys == "hang" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	p, _, ok := corpus.ParseProblem(req.Messages[len(req.Messages)-1].Content)
	if !ok {
		return nil, errors.New("not arithmetic")
	}
	off, _ := strconv.Atoi(strings.TrimPrefix(sys, "off "))
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		out[i] = agents.Reply{Text: strconv.Itoa(p.Answer() + off*(i+1)), FinishReason: "stop"}
	}
	return out, nil
}

// world is a dev chain and players with funded wallets.
type world struct {
	t     *testing.T
	chain *contracts.Dev
	keys  []*ecdsa.PrivateKey
}

func newWorld(t *testing.T, players int) *world {
	t.Helper()
	w := &world{t: t}
	alloc := make(map[common.Address]*big.Int)
	for i := range players {
		k := contracts.DevKey(fmt.Sprintf("onchain test player %d", i))
		w.keys = append(w.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))
	}
	c, err := contracts.NewDev(contracts.DevOptions{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	w.chain = c
	return w
}

func (w *world) open(dir string) *arena.Arena {
	w.t.Helper()
	a, err := arena.Open(arena.Options{Dir: dir, InMemory: dir == "", Backends: agents.Backends{Embedded: sums{}, Model: "test"}})
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { a.Close() })
	return a
}

// bridge connects a to the chain through c (nil: directly). Settlements
// wait for Flush unless batchDelay is 0.
func (w *world) bridge(a *arena.Arena, c Chain, batchDelay time.Duration) *Bridge {
	w.t.Helper()
	if c == nil {
		c = w.chain.Client
	}
	b, err := New(w.t.Context(), Options{Arena: a, Chain: c, Operator: w.chain.Operator, Batch: 8, BatchDelay: batchDelay, RefundTimeout: time.Hour})
	if err != nil {
		w.t.Fatal(err)
	}
	return b
}

// agent i is owned by player i.
func (w *world) agents(a *arena.Arena, systems ...string) []agents.Agent {
	w.t.Helper()
	var out []agents.Agent
	for i, sys := range systems {
		ag, err := a.CreateAgent(agents.Agent{Owner: crypto.PubkeyToAddress(w.keys[i].PublicKey).Hex(), Name: "p" + strconv.Itoa(i), Model: "test", System: sys})
		if err != nil {
			w.t.Fatal(err)
		}
		out = append(out, ag)
	}
	return out
}

// stake enters agents (owned by the players of the same index) on chain
// and syncs, so they are queued.
func (w *world) stake(b *Bridge, a *arena.Arena, space string, tier int, ags []agents.Agent, idx ...int) []*big.Int {
	w.t.Helper()
	var tickets []*big.Int
	for _, i := range idx {
		tk, err := b.Stake(w.t.Context(), w.keys[i], ags[i], space, tier)
		if err != nil {
			w.t.Fatal(err)
		}
		tickets = append(tickets, tk)
	}
	if err := b.Sync(w.t.Context()); err != nil {
		w.t.Fatal(err)
	}
	return tickets
}

// settledEvents counts the Settled events of each match on the chain.
func (w *world) settledEvents() map[string]int {
	w.t.Helper()
	head, err := w.chain.Head(w.t.Context())
	if err != nil {
		w.t.Fatal(err)
	}
	evs, err := w.chain.Events(w.t.Context(), 0, head)
	if err != nil {
		w.t.Fatal(err)
	}
	out := make(map[string]int)
	for _, ev := range evs {
		if ev.Settled != nil {
			m, _ := contracts.KeyUUID(ev.Settled.MatchId)
			out[m]++
		}
	}
	return out
}

// losingChain sends settlements but reports the connection lost before
// the receipt came back: the crash between sending and recording.
type losingChain struct {
	*contracts.Client
}

func (c losingChain) Settle(ctx context.Context, key *ecdsa.PrivateKey, batch []contracts.SignedSettlement) (*types.Receipt, error) {
	if _, err := c.Client.Settle(ctx, key, batch); err != nil {
		return nil, err
	}
	return nil, errors.New("connection lost")
}

func TestStakeQueuesAndMatchSettles(t *testing.T) {
	w := newWorld(t, 3)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	ags := w.agents(a, "off 0", "off 1", "off 2")
	if _, ok := b.SpaceID("sum-duel", 0); ok {
		t.Error("the free tier takes stakes")
	}
	w.stake(b, a, "sum-duel", 1, ags, 0, 1, 2)
	q, _ := a.Queue("sum-duel", 1)
	if len(q) != 3 || !strings.HasPrefix(q[0].Stake, b.Epoch()+":") {
		t.Fatalf("queue after staking: %+v", q)
	}
	// Reading the same events again queues nobody twice.
	if err := a.SetCursor(b.cursorName(), 0); err != nil {
		t.Fatal(err)
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q, _ := a.Queue("sum-duel", 1); len(q) != 3 {
		t.Fatalf("%d queued after reading the events twice", len(q))
	}
	plan, err := a.NextMatch("sum-duel", 1, arena.Matchmaking{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	s, _ := a.Settlement(plan.ID)
	if s.State != arena.SettlementFinal || s.Tx == "" {
		t.Fatalf("settlement after sync: %+v", s)
	}
	rec, err := b.Reconcile(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !rec.OK() || rec.Settled != 1 || len(rec.Balances) < 2 {
		t.Fatalf("reconciliation %+v", rec)
	}
	winner := common.HexToAddress(ags[0].Owner)
	credit, _ := w.chain.Credit(t.Context(), common.Address{}, winner)
	if credit.String() != res.Match.Payouts[0] {
		t.Errorf("winner's credit %s, ledger payout %s", credit, res.Match.Payouts[0])
	}
	// The winner withdraws what the chain credits.
	got, _, err := w.chain.Withdraw(t.Context(), w.keys[0], common.Address{})
	if err != nil || got.Cmp(credit) != 0 {
		t.Errorf("withdrew %v, %v; want %s", got, err, credit)
	}
}

// TestStakesTheArenaRefuses: stakes the arena will not queue are refunded
// at once by the operator, each with its reason, and listed as such; the
// one it queues is never refunded, and reading the events again neither
// queues a refused stake nor refunds anything twice.
func TestStakesTheArenaRefuses(t *testing.T) {
	w := newWorld(t, 2)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	ags := w.agents(a, "off 0", "off 1")
	space, _ := b.SpaceID("sum-duel", 1)
	fee := b.spaces[space].Fee
	ctx := t.Context()
	p0, p1 := crypto.PubkeyToAddress(w.keys[0].PublicKey), crypto.PubkeyToAddress(w.keys[1].PublicKey)
	key0, _ := contracts.UUIDKey(ags[0].ID)
	key1, _ := contracts.UUIDKey(ags[1].ID)
	var right1 [32]byte // agent 1's id as ethers' zeroPadValue pads it
	copy(right1[16:], key1[:16])
	unknown, _ := contracts.UUIDKey("0190f1c4-0000-7000-8000-000000000000")

	before, _ := w.chain.Balance(ctx, p1)
	spent := new(big.Int) // player 1's gas
	enter := func(player int, key [32]byte) *big.Int {
		tk, r, err := w.chain.Enter(ctx, w.keys[player], space, key, fee)
		if err != nil {
			t.Fatal(err)
		}
		if player == 1 {
			spent.Add(spent, new(big.Int).Mul(r.EffectiveGasPrice, new(big.Int).SetUint64(r.GasUsed)))
		}
		return tk
	}
	want := map[string]string{} // ticket → reason
	want[enter(1, key0).String()] = "not_agent_owner"
	want[enter(1, unknown).String()] = "unknown_agent"
	want[enter(1, right1).String()] = "agent_key_right_aligned"
	queued := enter(0, key0)
	want[enter(0, key0).String()] = "already_queued"
	var rev *contracts.RevertError
	if _, _, err := w.chain.Enter(ctx, w.keys[0], space, key0, new(big.Int).Add(fee, big.NewInt(1))); !errors.As(err, &rev) || rev.Name != "WrongEntryValue" {
		t.Errorf("wrong fee: %v", err)
	}
	if _, err := b.Stake(ctx, w.keys[1], ags[0], "sum-duel", 1); err == nil || !strings.Contains(err.Error(), "does not own") {
		t.Errorf("staking another's agent: %v", err)
	}
	for range 2 { // the second pass reads the events again
		if err := b.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		if err := a.SetCursor(b.cursorName(), 0); err != nil {
			t.Fatal(err)
		}
	}
	if q, _ := a.Queue("sum-duel", 1); len(q) != 1 || q[0].Stake != b.stake(queued) {
		t.Fatalf("queue: %+v", q)
	}
	// Player 1 has every fee back, less its own gas only.
	after, _ := w.chain.Balance(ctx, p1)
	wantBalance := new(big.Int).Sub(before, spent)
	if after.Cmp(wantBalance) != 0 {
		t.Errorf("player 1 has %s, want %s (all three fees back)", after, wantBalance)
	}
	refunds := make(map[string]int)
	head, _ := w.chain.Head(ctx)
	evs, _ := w.chain.Events(ctx, 0, head)
	for _, ev := range evs {
		if ev.Refunded != nil {
			refunds[ev.Refunded.TicketId.String()]++
		}
	}
	for tk := range want {
		if refunds[tk] != 1 {
			t.Errorf("ticket %s refunded %d times", tk, refunds[tk])
		}
	}
	if refunds[queued.String()] != 0 {
		t.Errorf("the queued ticket was refunded")
	}

	var listed []arena.Stake
	for _, p := range []common.Address{p0, p1} {
		ss, err := a.Stakes(p.Hex(), 0)
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, ss...)
	}
	if len(listed) != 5 {
		t.Fatalf("%d stakes listed, want 5: %+v", len(listed), listed)
	}
	for _, st := range listed {
		switch {
		case st.Ticket == queued.String():
			if st.State != api.StakeQueued || st.Reason != "" || st.Agent != ags[0].ID {
				t.Errorf("queued stake: %+v", st)
			}
		case st.State != api.StakeRefunded || st.Reason != want[st.Ticket] || st.RefundTx == "" || st.Message == "":
			t.Errorf("stake %s: %+v, want refunded for %s", st.Ticket, st, want[st.Ticket])
		}
		if st.Reason == "agent_key_right_aligned" && !strings.Contains(st.Message, hexutil.Encode(key1[:])) {
			t.Errorf("the right-aligned key's message does not give the right key %x: %s", key1, st.Message)
		}
	}
}

// refuseLost sends refunds but reports the connection lost before the
// receipt came back: the crash between sending a refund and recording it.
type refuseLost struct {
	*contracts.Client
}

func (c refuseLost) RefuseEntry(ctx context.Context, key *ecdsa.PrivateKey, ticket *big.Int, reason string) (bool, *types.Receipt, error) {
	if _, _, err := c.Client.RefuseEntry(ctx, key, ticket, reason); err != nil {
		return false, nil, err
	}
	return false, nil, errors.New("connection lost")
}

// refuseDown fails every refund before sending it: the crash between
// recording a refusal and sending its refund.
type refuseDown struct {
	*contracts.Client
}

func (refuseDown) RefuseEntry(context.Context, *ecdsa.PrivateKey, *big.Int, string) (bool, *types.Receipt, error) {
	return false, nil, errors.New("node unreachable")
}

// TestRefundsSurviveRestarts: a refusal recorded but not sent is sent after
// a restart; one sent but never acknowledged is found done (the contract
// refunds a ticket once) and its transaction read from the chain.
func TestRefundsSurviveRestarts(t *testing.T) {
	w := newWorld(t, 1)
	dir := t.TempDir()
	ctx := t.Context()
	a := w.open(dir)
	b := w.bridge(a, refuseDown{w.chain.Client}, 0)
	space, _ := b.SpaceID("sum-duel", 1)
	fee := b.spaces[space].Fee
	unknown, _ := contracts.UUIDKey("0190f1c4-0000-7000-8000-000000000000")
	first, _, err := w.chain.Enter(ctx, w.keys[0], space, unknown, fee)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Sync(ctx); err != nil {
		t.Fatalf("a refund that cannot be sent failed the sync: %v", err)
	}
	due, _ := a.RefundsDue()
	if len(due) != 1 || due[0].State != api.StakeRefused || due[0].Reason != "unknown_agent" {
		t.Fatalf("refunds due after a failed send: %+v", due)
	}
	a.Close()

	// Restarted: the refund goes out, and is lost on the way back; then
	// a second refused stake comes.
	a = w.open(dir)
	b = w.bridge(a, refuseLost{w.chain.Client}, 0)
	if err := b.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.StakeFate(b.stake(first)); st.State != api.StakeRefused {
		t.Fatalf("a refund whose receipt was lost is %s, want still refused", st.State)
	}
	second, _, err := w.chain.Enter(ctx, w.keys[0], space, unknown, fee)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()

	a = w.open(dir)
	b = w.bridge(a, nil, 0)
	// Refunding before the events are read (as with confirmations to wait
	// for) finds the first ticket closed, and takes it as refunded.
	if err := b.refund(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.StakeFate(b.stake(first)); st.State != api.StakeRefunded || st.Note != "found refunded on chain" {
		t.Fatalf("first stake after the restart: %+v", st)
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if due, _ := a.RefundsDue(); len(due) != 0 {
		t.Fatalf("refunds still due: %+v", due)
	}
	for _, tk := range []*big.Int{first, second} {
		st, err := a.StakeFate(b.stake(tk))
		if err != nil || st.State != api.StakeRefunded || st.RefundTx == "" {
			t.Errorf("ticket %s: %+v, %v", tk, st, err)
		}
		if got, _ := w.chain.Ticket(ctx, tk); got.Open {
			t.Errorf("ticket %s still open", tk)
		}
	}
	head, _ := w.chain.Head(ctx)
	evs, _ := w.chain.Events(ctx, 0, head)
	n := 0
	for _, ev := range evs {
		if ev.Refunded != nil {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d refunds on chain, want 2", n)
	}
}

// TestQueuedStakeIsNeverRefused: the arena's record of a queued stake
// stops any refusal of it.
func TestQueuedStakeIsNeverRefused(t *testing.T) {
	w := newWorld(t, 1)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	ags := w.agents(a, "off 0")
	tk := w.stake(b, a, "sum-duel", 1, ags, 0)[0]
	_, err := a.RefuseStake(arena.Stake{Stake: b.stake(tk), Ticket: tk.String(), Owner: ags[0].Owner, Reason: "refused"})
	if !errors.Is(err, arena.ErrStakeKnown) {
		t.Fatalf("refusing a queued stake: %v", err)
	}
	if due, _ := a.RefundsDue(); len(due) != 0 {
		t.Fatalf("a queued stake is due a refund: %+v", due)
	}
	if st, _ := a.StakeFate(b.stake(tk)); st.State != api.StakeQueued {
		t.Fatalf("queued stake's fate: %+v", st)
	}
}

// TestRestartSettlesEveryTicketOnce stops an arena with a match finished
// and settled on chain without its knowing (the connection was lost), a
// match in flight and an agent still queued, then restarts it: every
// ticket ends settled or refundable, and nothing is paid twice.
func TestRestartSettlesEveryTicketOnce(t *testing.T) {
	w := newWorld(t, 7)
	dir := t.TempDir()
	ctx := t.Context()
	a := w.open(dir)
	b := w.bridge(a, losingChain{w.chain.Client}, time.Hour)
	ags := w.agents(a, "off 0", "off 1", "off 0", "off 2", "hang", "hang", "off 1")

	var matched []*big.Int
	var finished []string
	for _, pair := range [][]int{{0, 1}, {2, 3}} {
		matched = append(matched, w.stake(b, a, "sum-duel", 1, ags, pair...)...)
		plan, err := a.NextMatch("sum-duel", 1, arena.Matchmaking{Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Play(ctx, plan); err != nil {
			t.Fatal(err)
		}
		finished = append(finished, plan.ID)
	}
	// Both go out in one batch, are mined, and the answer is lost.
	if err := b.Flush(ctx); err == nil || !strings.Contains(err.Error(), "connection lost") {
		t.Fatalf("flush through a lost connection: %v", err)
	}
	for _, m := range finished {
		if s, _ := a.Settlement(m); s.State != arena.SettlementSigned {
			t.Fatalf("settlement %s is %s before the restart, want signed", m, s.State)
		}
	}
	// A match is in flight when the process dies, and one agent waits.
	matched = append(matched, w.stake(b, a, "sum-duel", 1, ags, 4, 5)...)
	inFlight, err := a.NextMatch("sum-duel", 1, arena.Matchmaking{Seed: 10})
	if err != nil {
		t.Fatal(err)
	}
	waiting := w.stake(b, a, "sum-duel", 1, ags, 6)[0]
	a.Close()

	a = w.open(dir)
	b = w.bridge(a, nil, 0)
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if unpaid, _ := a.Unpaid(); len(unpaid) != 0 {
		t.Fatalf("unpaid after the restart: %+v", unpaid)
	}
	for _, m := range append(finished, inFlight.ID) {
		s, _ := a.Settlement(m)
		if s.State != arena.SettlementFinal {
			t.Errorf("match %s: settlement %s (%s)", m, s.State, s.Note)
		}
	}
	if s, _ := a.Settlement(inFlight.ID); !s.Refund {
		t.Errorf("the interrupted match's settlement is not a refund: %+v", s)
	}
	for m, n := range w.settledEvents() {
		if n != 1 {
			t.Errorf("match %s settled %d times", m, n)
		}
	}
	for _, tk := range matched {
		if got, err := w.chain.Ticket(ctx, tk); err != nil || got.Open {
			t.Errorf("ticket %s of a match is still open (%v)", tk, err)
		}
	}
	rec, err := b.Reconcile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.OK() || rec.Settled != 3 {
		t.Errorf("reconciliation after the restart: %+v", rec)
	}
	for _, bal := range rec.Balances {
		if !bal.Match() {
			t.Errorf("%s: chain %s, ledger %s", bal.Account, bal.Chain, bal.Ledger)
		}
	}

	// The waiting agent is still queued after the restart; its ticket is
	// refundable once the Space's timeout passes, and refunding it takes
	// it out of the queue.
	if q, _ := a.Queue("sum-duel", 1); len(q) != 1 || q[0].Agent != ags[6].ID {
		t.Fatalf("queue after the restart: %+v", q)
	}
	var rev *contracts.RevertError
	if _, err := w.chain.Refund(ctx, w.keys[6], waiting); !errors.As(err, &rev) || rev.Name != "RefundTooEarly" {
		t.Fatalf("early refund: %v", err)
	}
	if err := w.chain.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := w.chain.Refund(ctx, w.keys[6], waiting); err != nil {
		t.Fatal(err)
	}
	if err := b.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if q, _ := a.Queue("sum-duel", 1); len(q) != 0 {
		t.Errorf("a refunded entry is still queued: %+v", q)
	}
}

func TestBatchRefusedSettlesOneByOne(t *testing.T) {
	w := newWorld(t, 4)
	a := w.open("")
	b := w.bridge(a, nil, time.Hour)
	ags := w.agents(a, "off 0", "off 1", "off 0", "off 2")
	var plans []*arena.Plan
	var tickets []*big.Int
	for _, pair := range [][]int{{0, 1}, {2, 3}} {
		tickets = append(tickets, w.stake(b, a, "sum-duel", 1, ags, pair...)...)
		plan, err := a.NextMatch("sum-duel", 1, arena.Matchmaking{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Play(t.Context(), plan); err != nil {
			t.Fatal(err)
		}
		plans = append(plans, plan)
	}
	// The first match's second player refunds before the settlement goes
	// out (the operator was slow past the timeout): that settlement can
	// never be sent, and must not hold up the other.
	if err := w.chain.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := w.chain.Refund(t.Context(), w.keys[1], tickets[1]); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	first, _ := a.Settlement(plans[0].ID)
	second, _ := a.Settlement(plans[1].ID)
	if first.State != arena.SettlementVoid || !strings.Contains(first.Note, "TicketClosed") {
		t.Errorf("first settlement %s (%s), want void for the closed ticket", first.State, first.Note)
	}
	if second.State != arena.SettlementFinal {
		t.Errorf("second settlement %s (%s)", second.State, second.Note)
	}
}

func TestEventsWaitForConfirmations(t *testing.T) {
	w := newWorld(t, 2)
	a := w.open("")
	b, err := New(t.Context(), Options{Arena: a, Chain: w.chain.Client, Operator: w.chain.Operator, Confirmations: 2})
	if err != nil {
		t.Fatal(err)
	}
	ags := w.agents(a, "off 0")
	w.stake(b, a, "sum-duel", 1, ags, 0)
	if q, _ := a.Queue("sum-duel", 1); len(q) != 0 {
		t.Fatalf("queued with no confirmation: %+v", q)
	}
	for range 2 { // each transfer is mined in a block of its own
		if _, err := w.chain.Transfer(t.Context(), w.keys[1], common.Address{1}, big.NewInt(1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if q, _ := a.Queue("sum-duel", 1); len(q) != 1 {
		t.Fatalf("not queued after 2 confirmations: %+v", q)
	}
}

func TestAnchorAndChallenge(t *testing.T) {
	w := newWorld(t, 1)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	ag := w.agents(a, "")[0]
	record := crypto.Keccak256Hash([]byte("a record"))
	tx, err := b.Anchor(t.Context(), ag.ID, record)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := w.chain.Head(t.Context())
	evs, _ := w.chain.Events(t.Context(), head, head)
	if len(evs) != 1 || evs[0].Anchored == nil || evs[0].Anchored.RecordHash != record || evs[0].TxHash.Hex() != tx {
		t.Fatalf("events of the anchoring block: %+v", evs)
	}
	chal, err := b.Challenge(t.Context(), tx)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := w.chain.Backend().HeaderByNumber(t.Context(), new(big.Int).SetUint64(head))
	if common.BytesToHash(chal) != h.Hash() {
		t.Errorf("challenge %x, want the anchoring block's hash %s", chal, h.Hash())
	}
	if _, err := b.Challenge(t.Context(), "0x12"); err == nil {
		t.Error("a malformed transaction hash gave a challenge")
	}
}

func TestSlashTakesTheWholeBond(t *testing.T) {
	w := newWorld(t, 2)
	b := w.bridge(w.open(""), nil, 0)
	trainer := crypto.PubkeyToAddress(w.keys[0].PublicKey)
	if _, err := w.chain.PostBond(t.Context(), w.keys[0], big.NewInt(5000)); err != nil {
		t.Fatal(err)
	}
	got, err := b.Slash(t.Context(), trainer, [32]byte{1})
	if err != nil || got.Int64() != 5000 {
		t.Fatalf("slashed %v, %v; want 5000", got, err)
	}
	if bond, _ := w.chain.Bond(t.Context(), trainer); bond.Sign() != 0 {
		t.Errorf("bond after the slash: %s", bond)
	}
	// No bond: nothing to take.
	if got, err := b.Slash(t.Context(), crypto.PubkeyToAddress(w.keys[1].PublicKey), [32]byte{2}); err != nil || got.Sign() != 0 {
		t.Errorf("slashing no bond: %v, %v", got, err)
	}
}
