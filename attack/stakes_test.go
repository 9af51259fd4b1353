package attack

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
)

// TestAttackRefusedStakeLocked: a player stakes for its agent with the id
// right-aligned (as ethers' zeroPadValue pads it), and for an agent the
// arena does not have. Neither can be queued. Within a few seconds both
// fees must be back in the player's wallet (not locked in escrow until the
// Space's day-long refund timeout), and GET /api/stakes must show each as
// refused with its reason.
func TestAttackRefusedStakeLocked(t *testing.T) {
	s := start(t)
	ctx := t.Context()
	key := s.Players[0]
	player := crypto.PubkeyToAddress(key.PublicKey)
	c := s.client(t, key)
	ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: "staker", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	spaceID, fee, chain := s.paidTier(t, "sum-duel", 1)

	left, err := contracts.UUIDKey(ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	var right [32]byte // zeroPadValue(agentId, 32): the 16 bytes last
	copy(right[16:], left[:16])
	unknown, _ := contracts.UUIDKey(uuid.New().String())

	before, err := chain.Balance(ctx, player)
	if err != nil {
		t.Fatal(err)
	}
	gas := new(big.Int)
	tickets := make(map[string]string) // ticket → the reason it must be refused for
	for _, st := range []struct {
		agent  [32]byte
		reason string
	}{{right, "agent_key_right_aligned"}, {unknown, "unknown_agent"}} {
		tk, r, err := chain.Enter(ctx, key, spaceID, st.agent, fee)
		if err != nil {
			t.Fatal(err)
		}
		gas.Add(gas, new(big.Int).Mul(r.EffectiveGasPrice, new(big.Int).SetUint64(r.GasUsed)))
		tickets[tk.String()] = st.reason
	}
	want := new(big.Int).Sub(before, gas) // both fees back: only the gas is spent

	// The fees come back to the wallet, or as credit to withdraw.
	held := func() *big.Int {
		bal, err := chain.Balance(ctx, player)
		if err != nil {
			t.Fatal(err)
		}
		credit, err := chain.Credit(ctx, common.Address{}, player)
		if err != nil {
			t.Fatal(err)
		}
		return bal.Add(bal, credit)
	}
	got := held()
	for deadline := time.Now().Add(10 * time.Second); got.Cmp(want) != 0 && time.Now().Before(deadline); got = held() {
		time.Sleep(200 * time.Millisecond)
	}
	if got.Cmp(want) != 0 {
		locked := new(big.Int).Sub(want, got)
		t.Fatalf("10s after two stakes the arena cannot queue, %s wei of the player's fees (%s each) are still locked in escrow", locked, fee)
	}

	// Each is listed with its state and reason.
	stakes, err := c.Stakes(ctx, player.Hex(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stakes {
		reason, ok := tickets[st.Ticket]
		if !ok {
			continue
		}
		delete(tickets, st.Ticket)
		if st.State != api.StakeRefunded || st.Reason != reason || st.RefundTx == "" || st.Message == "" {
			t.Errorf("stake %s: %+v; want refunded for %s", st.Ticket, st, reason)
		}
		if reason == "agent_key_right_aligned" && !strings.Contains(st.Message, hexutil.Encode(left[:])) {
			t.Errorf("the right-aligned stake's message does not give the key to use (%x): %s", left, st.Message)
		}
	}
	if len(tickets) > 0 {
		t.Errorf("stakes not listed by GET /api/stakes: %v (listed %+v)", tickets, stakes)
	}

	// How to form the key is said outside Go: on the agent and the chain.
	if ag.AgentKey != hexutil.Encode(left[:]) {
		t.Errorf("agent JSON agent_key %q, want %x", ag.AgentKey, left)
	}
	info, err := c.Chain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info.AgentKeyFormat, "left-aligned") {
		t.Errorf("GET /api/chain agent_key_format %q does not say how the key is formed", info.AgentKeyFormat)
	}
	if n := s.metric(t, `arena_refusals_total{reason="stake_refused"}`); n < 2 {
		t.Errorf("arena_refusals_total{reason=\"stake_refused\"} = %v, want 2", n)
	}
}
