package arena

import (
	"errors"
	"math/big"
	"slices"
	"testing"
)

// sumOwed adds a settlement's payees and rake.
func sumOwed(t *testing.T, s Settlement) *big.Int {
	t.Helper()
	sum := new(big.Int)
	for _, p := range append(slices.Clone(s.Payees), Payment{Amount: s.Rake}) {
		v, ok := new(big.Int).SetString(p.Amount, 10)
		if !ok || v.Sign() < 0 {
			t.Fatalf("bad amount %q in %+v", p.Amount, s)
		}
		sum.Add(sum, v)
	}
	return sum
}

func TestStakedMatchOwesItsSettlement(t *testing.T) {
	a := openTest(t, "")
	ags := createAgents(t, a, "off 0", "off 1", "off 3")
	for i, ag := range ags {
		if _, err := a.EnterStaked("sum-duel", 2, ag.ID, []string{"7", "8", "9"}[i]); err != nil {
			t.Fatal(err)
		}
	}
	// Events read twice queue a stake once.
	if tk, err := a.EnterStaked("sum-duel", 2, ags[0].ID, "7"); !errors.Is(err, ErrStakeKnown) || tk.Agent != ags[0].ID {
		t.Fatalf("second entry of stake 7: %+v, %v", tk, err)
	}
	plan, err := a.NextMatch("sum-duel", 2, Matchmaking{Wait: 0, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.Settlement(plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.State != SettlementOwed || s.Refund || !slices.Equal(s.Stakes, []string{"7", "8", "9"}) {
		t.Fatalf("settlement %+v", s)
	}
	// The payees and the rake take at most the pool; the chain gives the
	// rest (the remainder) to the treasury, as the ledger does.
	pool, _ := new(big.Int).SetString(res.Match.Pool, 10)
	remainder, _ := new(big.Int).SetString(res.Match.Remainder, 10)
	if got := sumOwed(t, s); new(big.Int).Add(got, remainder).Cmp(pool) != 0 {
		t.Errorf("payees+rake %s + remainder %s != pool %s", got, remainder, pool)
	}
	if s.Payees[0].Account != ags[0].Owner || s.Payees[0].Amount != res.Match.Payouts[0] {
		t.Errorf("winner's payment %+v, want %s to %s", s.Payees[0], res.Match.Payouts[0], ags[0].Owner)
	}

	unpaid, _ := a.Unpaid()
	if len(unpaid) != 1 || unpaid[0].Match != plan.ID {
		t.Fatalf("unpaid %+v", unpaid)
	}
	if _, err := a.UpdateSettlement(plan.ID, func(s *Settlement) error { s.State, s.Tx = SettlementFinal, "0xabc"; return nil }); err != nil {
		t.Fatal(err)
	}
	if unpaid, _ := a.Unpaid(); len(unpaid) != 0 {
		t.Fatalf("still unpaid after final: %+v", unpaid)
	}
	if _, err := a.UpdateSettlement(plan.ID, func(*Settlement) error { t.Error("edited a final settlement"); return nil }); !errors.Is(err, ErrSettled) {
		t.Errorf("editing a final settlement: %v", err)
	}
}

func TestRestartOwesStakedRefunds(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ags := createAgents(t, a, "off 0", "off 1")
	for i, ag := range ags {
		if _, err := a.EnterStaked("sum-duel", 1, ag.ID, []string{"1", "2"}[i]); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := a.NextMatch("sum-duel", 1, Matchmaking{})
	if err != nil {
		t.Fatal(err)
	}
	a.Close() // the process dies mid-match

	a = openTest(t, dir)
	s, err := a.Settlement(plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	fee := plan.Spec.Entry.Tiers[1]
	if !s.Refund || s.Rake != "0" || len(s.Payees) != 2 {
		t.Fatalf("refund settlement %+v", s)
	}
	for i, p := range s.Payees {
		if p.Account != ags[i].Owner || p.Amount == "0" {
			t.Errorf("refund %d: %+v (fee %s)", i, p, fee)
		}
	}
	// A stake already used stays known after the restart.
	if _, err := a.EnterStaked("sum-duel", 1, ags[0].ID, "1"); !errors.Is(err, ErrStakeKnown) {
		t.Errorf("re-entering a used stake: %v", err)
	}
}

func TestMixedEntriesAreVoid(t *testing.T) {
	a := openTest(t, "")
	ags := createAgents(t, a, "off 0", "off 1")
	a.EnterStaked("sum-duel", 1, ags[0].ID, "1")
	a.Enter("sum-duel", 1, ags[1].ID)
	plan, err := a.NextMatch("sum-duel", 1, Matchmaking{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Play(t.Context(), plan); err != nil {
		t.Fatal(err)
	}
	s, _ := a.Settlement(plan.ID)
	if s.State != SettlementVoid || s.Note == "" {
		t.Errorf("mixed match's settlement %+v", s)
	}
	if unpaid, _ := a.Unpaid(); len(unpaid) != 0 {
		t.Errorf("a void settlement is unpaid: %+v", unpaid)
	}
}
