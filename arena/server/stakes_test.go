package server

import (
	"context"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
)

func TestRESTStakes(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	_, addr := newKey(t)
	c := client.New(ts.URL)

	// Refused and queued stakes, as the chain bridge records them.
	refused := arena.Stake{Stake: "e:1", Ticket: "1", Owner: addr, Block: 5, Reason: "unknown_agent", Message: "no agent x"}
	if _, err := ts.Arena.RefuseStake(refused); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Arena.UpdateStake("e:1", func(s *arena.Stake) error {
		s.State, s.RefundTx = api.StakeRefunded, "0xabc"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Arena.RecordQueued(arena.Stake{Stake: "e:2", Ticket: "2", Owner: addr, Block: 6}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Arena.RecordQueued(arena.Stake{Stake: "e:3", Ticket: "3", Owner: "0x0000000000000000000000000000000000000001", Block: 6}); err != nil {
		t.Fatal(err)
	}

	// The owner's address in any case; newest first; nobody else's.
	got, err := c.Stakes(ctx, strings.ToLower(addr), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Ticket != "2" || got[0].State != api.StakeQueued ||
		got[1].State != api.StakeRefunded || got[1].Reason != "unknown_agent" || got[1].Message == "" || got[1].RefundTx != "0xabc" {
		t.Fatalf("stakes of %s: %+v", addr, got)
	}
	if got, err := c.Stakes(ctx, addr, 1); err != nil || len(got) != 1 {
		t.Errorf("limit 1: %+v, %v", got, err)
	}
	_, err = c.Stakes(ctx, "bob", 0)
	wantClientError(t, err, 400, `owner "bob"`)
	_, err = c.Stakes(ctx, "", 0)
	wantClientError(t, err, 400, "address")
}

// TestRESTAgentKey: every agent's JSON carries the bytes32 agentId the
// contract takes for it.
func TestRESTAgentKey(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ag := ts.addAgent(t, "0x0000000000000000000000000000000000000001", "keyed", 0)
	got, err := client.New(ts.URL).Agent(context.Background(), ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := contracts.UUIDKey(ag.ID)
	if got.AgentKey != hexutil.Encode(want[:]) {
		t.Fatalf("agent_key %q, want %x", got.AgentKey, want)
	}
	if !strings.HasSuffix(got.AgentKey, strings.Repeat("0", 32)) {
		t.Fatalf("agent_key %s is not left-aligned", got.AgentKey)
	}
}
