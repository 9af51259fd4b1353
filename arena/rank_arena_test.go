package arena

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/judges"
)

// A match whose every round is void ranked no one: it refunds every entry
// (in the ledger, and on chain as an aborted match does), pays no rake,
// moves no rating, and is off the leaderboard; its record says why.
func TestVoidMatchRefundsAndRatesNothing(t *testing.T) {
	down := policyFunc(func(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error) {
		return nil, errors.New("judge down")
	})
	writer := instant(func(agents.Request, int) (string, error) { return "Come in and look around.", nil })
	a, err := Open(Options{InMemory: true,
		Backends: agents.Backends{Embedded: writer, Model: "test"},
		Judges: judges.Env{Endpoint: "http://judge.test/v1", Model: "judge",
			Policy: func(string, string, string) (agents.Policy, error) { return down, nil }},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// Slogan with its LLM judge required: with the judge down, every
	// round misses the panel's quorum.
	spec := mustSpace(t, "slogan")
	spec.ID, spec.Rollouts = "void-slogan", "any"
	spec.Judges = append(spec.Judges[:0:0], spec.Judges...)
	spec.Judges[1].Optional = false
	if err := a.AddSpace(spec); err != nil {
		t.Fatal(err)
	}
	const tier = 1
	fee, err := spec.Fee(tier)
	if err != nil || fee.Sign() <= 0 {
		t.Fatalf("test setup: tier %d fee %v, %v", tier, fee, err)
	}
	ags := []agents.Agent{oneOf(t, a, owner(1), "one", ""), oneOf(t, a, owner(2), "two", "")}
	for i, ag := range ags {
		if _, err := a.EnterStaked(spec.ID, tier, ag.ID, "chain:"+string(rune('1'+i))); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := a.NextMatch(spec.ID, tier, Matchmaking{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}

	m, err := a.Match(plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != StatusFinished || m.Void != spec.Rounds || m.Rated || m.Error != voidNote {
		t.Errorf("match %+v: want finished, %d void rounds, unrated, error %q", m, spec.Rounds, voidNote)
	}
	if m.Rake != "0" || m.Remainder != "0" || len(m.Payouts) != 2 || m.Payouts[0] != fee.String() || m.Payouts[1] != fee.String() || sumPayouts(t, m) != m.Pool {
		t.Errorf("money %s pool, %v payouts, %s rake, %s remainder: want each fee %s back", m.Pool, m.Payouts, m.Rake, m.Remainder, fee)
	}
	if res.Match.Error != voidNote || res.Split.Rake.Sign() != 0 {
		t.Errorf("Play's result %+v, split %+v: want the refund", res.Match, res.Split)
	}

	// The ledger: each fee charged and refunded, nothing else.
	entries, err := a.Ledger(spec.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	if kinds[EntryFee] != 2 || kinds[EntryRefund] != 2 || len(entries) != 4 {
		t.Errorf("ledger %+v: want two fees and two refunds", entries)
	}
	earned, err := a.Earnings(spec.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ag := range ags {
		if e := earned[ag.ID]; e == nil || e.Sign() != 0 {
			t.Errorf("%s is %v out of pocket", ag.Name, e)
		}
	}
	// On chain: owed as a refund of every stake, as an aborted match's.
	s, err := a.Settlement(plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := new(big.Int).Set(fee).String()
	if !s.Refund || s.Rake != "0" || len(s.Stakes) != 2 || len(s.Payees) != 2 || s.Payees[0].Amount != want || s.State != SettlementOwed {
		t.Errorf("settlement %+v: want a refund of both stakes", s)
	}

	// No rating moved, and the leaderboard has nothing to show.
	for _, ag := range ags {
		if got, _ := a.Agent(ag.ID); len(got.Ratings) != 0 {
			t.Errorf("%s's rating moved: %+v", ag.Name, got.Ratings)
		}
	}
	rep, err := a.Report(spec.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matches != 0 || len(rep.Standings) != 0 {
		t.Errorf("a void match on the leaderboard: %+v", rep)
	}
	// The stored result says what was paid.
	events, err := a.Events(plan.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var result *api.Event
	for i := range events {
		if events[i].Type == api.MatchResult {
			result = &events[i]
		}
	}
	if result == nil || result.Error != voidNote || len(result.Payouts) != 2 || result.Payouts[0] != fee.String() {
		t.Errorf("stored result event %+v: want the refund", result)
	}
}

// Changing an agent's backend (Model, Endpoint, Remote) makes it a new
// player with no live rating; other edits, a new adapter among them, keep
// the rating, and no edit sets one.
func TestRankUpdateAgentResetsRatingsOnANewBackend(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*agents.Agent)
		reset bool
	}{
		{"system", func(ag *agents.Agent) { ag.System = "off 3" }, false},
		{"sampling", func(ag *agents.Agent) { ag.Sampling.Temperature = 0.9 }, false},
		{"adapter", func(ag *agents.Agent) { ag.Adapter = "v1" }, false},
		{"rating", func(ag *agents.Agent) {
			ag.Ratings = map[string]agents.Rating{"sum-duel": {Mu: 99, Sigma: 0.1, Matches: 500}}
		}, false},
		{"model", func(ag *agents.Agent) { ag.Model = "bigger" }, true},
		{"endpoint", func(ag *agents.Agent) { ag.Endpoint = "http://203.0.113.7:8000/v1" }, true},
		{"remote", func(ag *agents.Agent) { ag.Remote = true }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := openTest(t, "")
			me := oneOf(t, a, owner(1), "me", "off 0")
			rival := oneOf(t, a, owner(2), "rival", "off 5")
			if err := a.AddAdapter(AdapterVersion{Agent: me.ID, Version: "v1"}); err != nil {
				t.Fatal(err)
			}
			playQueued(t, a, "sum-duel", 0, me, rival)
			before, err := a.Agent(me.ID)
			if err != nil {
				t.Fatal(err)
			}
			if before.Ratings["sum-duel"].Matches != 1 {
				t.Fatalf("test setup: rating %+v after one rated match", before.Ratings)
			}
			after, err := a.UpdateAgent(me.ID, func(ag *agents.Agent) error { tc.edit(ag); return nil })
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := a.Agent(me.ID)
			switch {
			case tc.reset && (len(after.Ratings) != 0 || len(stored.Ratings) != 0):
				t.Errorf("a new backend kept its ratings: %+v", stored.Ratings)
			case !tc.reset && stored.Ratings["sum-duel"] != before.Ratings["sum-duel"]:
				t.Errorf("ratings %+v, want them kept as %+v", stored.Ratings, before.Ratings)
			}
		})
	}
}
