package arena

import (
	"errors"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// TestMoneyTablesAreDurable: every table whose records say whose money
// is where is synced on commit (store.Table.Durable), so a power cut
// cannot lose a staked entry, a charge, a payout or a refund owed.
func TestMoneyTablesAreDurable(t *testing.T) {
	for name, durable := range map[string]bool{
		"ledger":    ledgerTable.IsDurable(),
		"ticketsof": ticketTable.IsDurable(),
		"stake":     stakeTable.IsDurable(),
		"owed":      owedTable.IsDurable(),
		"unpaid":    unpaidTable.IsDurable(),
		"stakefate": stakeFateTable.IsDurable(),
		"stakeby":   stakeOwnerTable.IsDurable(),
		"refunddue": refundDueTable.IsDurable(),
	} {
		if !durable {
			t.Errorf("table %s holds money but is not Durable", name)
		}
	}
}

func TestStakeFates(t *testing.T) {
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: bySystem, Model: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ag, err := a.CreateAgent(agents.Agent{Owner: "0x00000000000000000000000000000000000000aa", Name: "a", Model: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.EnterStaked("sum-duel", 1, ag.ID, "e:1"); err != nil {
		t.Fatal(err)
	}

	// A queued stake is never refused; refusing twice keeps the first.
	if _, err := a.RefuseStake(Stake{Stake: "e:1", Owner: ag.Owner, Reason: "refused"}); !errors.Is(err, ErrStakeKnown) {
		t.Fatalf("refusing a queued stake: %v", err)
	}
	if _, err := a.RefuseStake(Stake{Stake: "e:2", Owner: ag.Owner}); err == nil {
		t.Error("a refusal with no reason")
	}
	if _, err := a.RefuseStake(Stake{Stake: "e:2", Ticket: "2", Owner: ag.Owner, Reason: "unknown_agent"}); err != nil {
		t.Fatal(err)
	}
	if got, err := a.RefuseStake(Stake{Stake: "e:2", Owner: ag.Owner, Reason: "other"}); !errors.Is(err, ErrStakeRefused) || got.Reason != "unknown_agent" {
		t.Fatalf("refusing again: %+v, %v", got, err)
	}
	if _, err := a.EnterStaked("sum-duel", 1, ag.ID, "e:3"); !errors.Is(err, ErrAlreadyQueued) {
		t.Fatalf("a second entry of a queued agent: %v", err)
	}
	if due, _ := a.RefundsDue(); len(due) != 1 || due[0].Stake != "e:2" || due[0].State != api.StakeRefused {
		t.Fatalf("refunds due: %+v", due)
	}
	if _, err := a.UpdateStake("e:2", func(s *Stake) error { s.State = api.StakeRefunded; return nil }); err != nil {
		t.Fatal(err)
	}
	if due, _ := a.RefundsDue(); len(due) != 0 {
		t.Fatalf("refunds due after the refund: %+v", due)
	}
	if _, err := a.RecordQueued(Stake{Stake: "e:1", Ticket: "1", Owner: ag.Owner, Block: 3}); err != nil {
		t.Fatal(err)
	}
	if err := a.StakesSettled([]string{"e:1", "e:9"}, "m1"); err != nil {
		t.Fatal(err)
	}
	list, err := a.Stakes("0x00000000000000000000000000000000000000AA", 0)
	if err != nil || len(list) != 2 {
		t.Fatalf("stakes: %+v, %v", list, err)
	}
	if list[0].Stake != "e:1" || list[0].State != api.StakeSettled || list[0].Match != "m1" || list[1].State != api.StakeRefunded {
		t.Fatalf("stakes: %+v", list)
	}
}
