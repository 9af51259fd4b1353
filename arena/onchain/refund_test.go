package onchain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/store"
)

// refuseFailing fails the refunds of the tickets in fail with the error
// given there, and sends the others; it keeps the tickets it was asked
// to refund, in order.
type refuseFailing struct {
	*contracts.Client
	fail  map[string]error // ticket → its error
	tried *[]string
}

func (c refuseFailing) RefuseEntry(ctx context.Context, key *ecdsa.PrivateKey, ticket *big.Int, reason string) (bool, *types.Receipt, error) {
	*c.tried = append(*c.tried, ticket.String())
	if err := c.fail[ticket.String()]; err != nil {
		return false, nil, err
	}
	return c.Client.RefuseEntry(ctx, key, ticket, reason)
}

// enterUnknown stakes n entries for an agent no arena knows, for refusal.
func (w *world) enterUnknown(b *Bridge, n int) []*big.Int {
	w.t.Helper()
	space, _ := b.SpaceID("sum-duel", 1)
	unknown, _ := contracts.UUIDKey("0190f1c4-0000-7000-8000-000000000000")
	var out []*big.Int
	for range n {
		tk, _, err := w.chain.Enter(w.t.Context(), w.keys[0], space, unknown, b.spaces[space].Fee)
		if err != nil {
			w.t.Fatal(err)
		}
		out = append(out, tk)
	}
	return out
}

// TestRefundFailureHoldsUpNoOtherRefund: a refund that fails for a reason
// of its own (here a local error, as a reason the contract cannot carry
// gives) is counted, logged and tried again later, and the refunds queued
// after it go out in the same pass; a failure of the node or the
// connection ends the pass, as every refund after it would fail too.
func TestRefundFailureHoldsUpNoOtherRefund(t *testing.T) {
	w := newWorld(t, 1)
	a := w.open("")
	var tried []string
	chain := refuseFailing{Client: w.chain.Client, tried: &tried, fail: map[string]error{}}
	b := w.bridge(a, chain, 0)
	tickets := w.enterUnknown(b, 3)
	chain.fail[tickets[0].String()] = fmt.Errorf("refuse entry %s: %w", tickets[0], errors.New(`reason "bad\x01" is not printable ASCII`))

	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(tried) != 3 {
		t.Fatalf("refunds tried %v, want all 3 tickets", tried)
	}
	if st, _ := a.StakeFate(b.stake(tickets[0])); st.State != api.StakeRefused {
		t.Errorf("the failed refund's stake is %q, want still refused (due)", st.State)
	}
	for _, tk := range tickets[1:] {
		if st, _ := a.StakeFate(b.stake(tk)); st.State != api.StakeRefunded || st.RefundTx == "" {
			t.Errorf("ticket %s after a pass where an earlier refund failed: %+v", tk, st)
		}
	}
	if b.refundsFailed != 1 {
		t.Errorf("%d refund failures counted, want 1", b.refundsFailed)
	}

	// The node goes down: the pass stops at the first refund.
	more := w.enterUnknown(b, 2)
	for _, tk := range append(more, tickets[0]) {
		chain.fail[tk.String()] = fmt.Errorf("refuse entry %s: send transaction: %w", tk,
			&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	}
	tried = nil
	if err := b.Sync(t.Context()); err != nil {
		t.Fatalf("a node that is down failed the sync: %v", err)
	}
	if len(tried) != 1 {
		t.Errorf("refunds tried with the node down: %v, want the first only", tried)
	}
	if b.refundsFailed != 1 {
		t.Errorf("%d refund failures counted, want 1 (the node's failures are not the refunds')", b.refundsFailed)
	}
	if due, _ := a.RefundsDue(); len(due) != 3 {
		t.Errorf("%d refunds due, want 3", len(due))
	}

	// The node is back: everything due goes out.
	clear(chain.fail)
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if due, _ := a.RefundsDue(); len(due) != 0 {
		t.Errorf("refunds still due: %+v", due)
	}
}

// TestMayPass: only the context's end and the node's or the connection's
// failures stop a pass of refunds.
func TestMayPass(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("wait: %w", context.DeadlineExceeded), true},
		{fmt.Errorf("send: %w", context.Canceled), true},
		{fmt.Errorf("send: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), true},
		{errors.New(`refuse entry 1: reason "" must be 1 to 32 bytes long`), false},
		{errors.New("refuse entry 1: transaction 0x01 has no EntryRefused event"), false},
	} {
		if got := mayPass(c.err); got != c.want {
			t.Errorf("mayPass(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestRefusalReasonAlwaysSendable: a refusal is never recorded with a
// reason the contract cannot carry (its refund could never be sent), and
// a refusal an older build recorded with one is refunded all the same.
func TestRefusalReasonAlwaysSendable(t *testing.T) {
	w := newWorld(t, 1)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	tickets := w.enterUnknown(b, 2)
	bad := strings.Repeat("x", 33) // over the contract's 32 bytes
	rec := func(tk *big.Int) arena.Stake {
		return arena.Stake{Stake: b.stake(tk), Ticket: tk.String(), Owner: "0x0000000000000000000000000000000000000001"}
	}
	if err := b.refuse(rec(tickets[0]), bad, "refused for a reason too long to send"); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.StakeFate(b.stake(tickets[0])); st.Reason != "refused" {
		t.Errorf("recorded reason %q, want %q", st.Reason, "refused")
	}
	old := rec(tickets[1])
	old.Reason = "bad\x01"
	if _, err := a.RefuseStake(old); err != nil {
		t.Fatal(err)
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, tk := range tickets {
		if st, _ := a.StakeFate(b.stake(tk)); st.State != api.StakeRefunded || st.RefundTx == "" {
			t.Errorf("ticket %s: %+v, want refunded", tk, st)
		}
	}
	if b.refundsFailed != 0 {
		t.Errorf("%d refunds failed", b.refundsFailed)
	}
}

// TestRefusalOfNamesTheLookupAndHidesInternals: a lookup that fails when
// a stake is entered is named for what was not found (the Space or the
// agent), and an error the arena did not write for players is never
// published: the stake's message is a fixed one.
func TestRefusalOfNamesTheLookupAndHidesInternals(t *testing.T) {
	w := newWorld(t, 1)
	a := w.open("")
	b := w.bridge(a, nil, 0)
	ags := w.agents(a, "off 0")
	notFound := fmt.Errorf("arena: enter: %w", store.ErrNotFound)
	secret := errors.New("dial tcp 10.0.0.7:5432: password=hunter2 rejected")
	for _, c := range []struct {
		name         string
		space, agent string
		err          error
		reason       string
	}{
		{"space gone", "no-such-space", ags[0].ID, notFound, "space_not_served"},
		{"agent gone", "sum-duel", "0190f1c4-0000-7000-8000-00000000abcd", notFound, "unknown_agent"},
		{"internal error", "sum-duel", ags[0].ID, secret, "refused"},
		{"owner cap", "sum-duel", ags[0].ID, fmt.Errorf("%w: owner has 4 entries", arena.ErrOwnerCap), "owner_cap"},
	} {
		rec := arena.Stake{Stake: "x:1", Ticket: "1", Space: c.space, Agent: c.agent, AgentKey: "0xabcd"}
		reason, message, ok := b.refusalOf(rec, c.err)
		if !ok || reason != c.reason {
			t.Errorf("%s: %q, %v; want %q", c.name, reason, ok, c.reason)
		}
		if strings.Contains(message, "hunter2") || message == "" {
			t.Errorf("%s: message %q", c.name, message)
		}
	}
	if _, _, ok := b.refusalOf(arena.Stake{Space: "sum-duel"}, fmt.Errorf("x: %w", store.ErrIO)); ok {
		t.Error("a store failure was taken for a refusal")
	}
}
