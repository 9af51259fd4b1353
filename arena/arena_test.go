package arena

import (
	"context"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
)

// bySystem answers arithmetic according to the agent's system prompt:
// "off N" adds N to the right answer; "hang" waits for its context.
var bySystem = instant(func(req agents.Request, sample int) (string, error) {
	p, _, ok := corpus.ParseProblem(lastUser(req))
	if !ok {
		return "", errors.New("not arithmetic")
	}
	off := 0
	if sys := req.Messages[0].Content; strings.HasPrefix(sys, "off ") {
		off, _ = strconv.Atoi(strings.TrimPrefix(sys, "off "))
	}
	return strconv.Itoa(p.Answer() + off*(sample+1)), nil
})

func openTest(t *testing.T, dir string) *Arena {
	t.Helper()
	opts := Options{Dir: dir, InMemory: dir == "", Backends: agents.Backends{Embedded: bySystem, Model: "test"}}
	a, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func createAgents(t *testing.T, a *Arena, systems ...string) []agents.Agent {
	t.Helper()
	var out []agents.Agent
	for i, sys := range systems {
		ag, err := a.CreateAgent(agents.Agent{Owner: HouseOwner, Name: "p" + strconv.Itoa(i), Model: "test", System: sys})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ag)
	}
	return out
}

func sumPayouts(t testing.TB, m Match) string {
	t.Helper()
	sum := new(big.Int)
	for _, s := range append(append([]string{}, m.Payouts...), m.Rake, m.Remainder) {
		v, ok := new(big.Int).SetString(s, 10)
		if !ok || v.Sign() < 0 {
			t.Fatalf("bad amount %q in %+v", s, m)
		}
		sum.Add(sum, v)
	}
	return sum.String()
}

func TestQueueMatchSettleAndReopen(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ags := distinctAgents(t, a, "off 0", "off 7", "off 30") // of three owners: rated
	for _, ag := range ags {
		if _, err := a.Enter("sum-duel", 1, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Enter("sum-duel", 2, ags[0].ID); err == nil {
		t.Error("an agent queued twice in one Space")
	}
	// Three of at most four: no match until the oldest has waited.
	if _, err := a.NextMatch("sum-duel", 1, Matchmaking{Wait: time.Hour}); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("NextMatch before the wait: %v", err)
	}
	plan, err := a.NextMatch("sum-duel", 1, Matchmaking{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := a.Queue("sum-duel", 1); len(q) != 0 {
		t.Errorf("%d tickets left in the queue", len(q))
	}
	sub := a.Bus().Subscribe(ForMatch(plan.ID), 1<<12)
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	sub.Close()
	var live []api.Event
	for ev := range sub.C {
		live = append(live, ev)
	}
	if res.Match.Ranks[0] != 0 {
		t.Errorf("the right answerer ranked %v", res.Match.Ranks)
	}
	if len(res.Pairs) == 0 {
		t.Error("no pairs")
	}
	a.Close()

	// Everything is there after reopening.
	a = openTest(t, dir)
	m, err := a.Match(plan.ID)
	if err != nil || m.Status != StatusFinished {
		t.Fatalf("match after reopen: %+v, %v", m, err)
	}
	stored, err := a.Events(plan.ID, 0)
	if err != nil || len(stored) != len(live) {
		t.Fatalf("%d stored events, %d live (%v)", len(stored), len(live), err)
	}
	for i := range stored {
		if stored[i].Seq != live[i].Seq || stored[i].Type != live[i].Type || stored[i].Text != live[i].Text {
			t.Fatalf("event %d: stored %+v, live %+v", i, stored[i], live[i])
		}
	}
	if tail, _ := a.Events(plan.ID, uint64(len(stored)-2)); len(tail) != 2 {
		t.Errorf("events after seq: %d", len(tail))
	}
	rounds, _ := a.Rounds(plan.ID)
	if len(rounds) != plan.Spec.Rounds {
		t.Errorf("%d rounds stored", len(rounds))
	}
	pairs, _ := a.Pairs("sum-duel", "")
	if len(pairs) != len(res.Pairs) {
		t.Errorf("%d pairs stored, %d made", len(pairs), len(res.Pairs))
	}
	mine, _ := a.Pairs("sum-duel", ags[2].ID)
	if len(mine) == 0 || len(mine) >= len(pairs) {
		t.Errorf("%d of %d pairs involve agent 2", len(mine), len(pairs))
	}
	ag, _ := a.Agent(ags[0].ID)
	if r := ag.Ratings["sum-duel"]; r.Matches != 1 || r.Mu <= DefaultRating().Mu {
		t.Errorf("winner's rating %+v", r)
	}
	// The ledger balances: fees in, payouts, rake and remainder out.
	entries, _ := a.Ledger("sum-duel")
	total := new(big.Int)
	for _, e := range entries {
		v, _ := new(big.Int).SetString(e.Amount, 10)
		total.Add(total, v)
	}
	if total.Sign() != 0 {
		t.Errorf("ledger sums to %s, want 0: %+v", total, entries)
	}
	earned, _ := a.Earnings("sum-duel")
	if earned[ags[0].ID].Sign() <= 0 || earned[ags[2].ID].Sign() >= 0 {
		t.Errorf("earnings %v", earned)
	}
}

func TestRestartRefundsAnInterruptedMatch(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ags := createAgents(t, a, "off 0", "off 1")
	for _, ag := range ags {
		a.Enter("sum-duel", 2, ag.ID)
	}
	plan, err := a.NextMatch("sum-duel", 2, Matchmaking{})
	if err != nil {
		t.Fatal(err)
	}
	a.Close() // the process dies before the match is played

	a = openTest(t, dir)
	m, _ := a.Match(plan.ID)
	if m.Status != StatusAborted {
		t.Fatalf("status %s after restart", m.Status)
	}
	earned, _ := a.Earnings("sum-duel")
	for _, ag := range ags {
		if earned[ag.ID].Sign() != 0 {
			t.Errorf("agent %s is %s out of pocket", ag.Name, earned[ag.ID])
		}
	}
	if _, err := a.Play(t.Context(), plan); err == nil {
		t.Error("played an aborted match")
	}
}

func TestHouseFillsAQueue(t *testing.T) {
	a := openTest(t, "")
	house, err := a.EnsureHouse("test", nil)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := a.EnsureHouse("test", nil)
	if len(again) != len(house) || again[0].ID != house[0].ID {
		t.Fatal("EnsureHouse made new agents")
	}
	solo := createAgents(t, a, "off 0")[0]
	a.Enter("sum-duel", 0, solo.ID)
	if _, err := a.NextMatch("sum-duel", 0, Matchmaking{}); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("a one-player match without house fill: %v", err)
	}
	plan, err := a.NextMatch("sum-duel", 0, Matchmaking{House: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Players) != 2 || plan.Players[0].ID != solo.ID || !plan.Players[1].House {
		t.Errorf("players %+v", plan.Players)
	}
}

func TestSeasonAndReport(t *testing.T) {
	a := openTest(t, "")
	ags := distinctAgents(t, a, "off 0", "off 1", "off 3", "off 9", "off 20") // rated
	err := a.Season(t.Context(), SeasonOptions{Spaces: []string{"sum-duel"}, Matches: 12, Tier: 1, Players: ags, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Report("sum-duel", 1)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matches != 12 || len(rep.Standings) != len(ags) || rep.Pairs == 0 {
		t.Fatalf("report %+v", rep)
	}
	if len(rep.Agreement) == 0 {
		t.Error("no judge agreement reported")
	}
}

func TestPairsExportInTRLForm(t *testing.T) {
	p := Pair{Prompt: []agents.Message{{Role: "user", Content: "Q: 1+2="}}, Chosen: "3", Rejected: "4", Provenance: Provenance{
		ID: "x", Space: "sum-duel", Match: "m", Round: 2, Move: -1, Agents: [2]string{"a", "b"}, Scores: [2]float64{1, 0.1}, Margin: 0.9,
	}}
	var b strings.Builder
	if err := WritePairs(&b, []Pair{p, p}); err != nil {
		t.Fatal(err)
	}
	got, skipped, err := lora.ReadPairs(strings.NewReader(b.String()), "export", true)
	if err != nil || len(skipped) != 0 || len(got) != 2 {
		t.Fatalf("read back: %d pairs, %v, %v", len(got), skipped, err)
	}
	if got[0].ChosenMessages[0].Content != "3" || got[0].PromptMessages[0].Content != "Q: 1+2=" {
		t.Errorf("pair %+v", got[0])
	}
	if !strings.Contains(b.String(), `"space":"sum-duel"`) || !strings.Contains(b.String(), `"margin":0.9`) {
		t.Errorf("provenance missing: %s", b.String())
	}
}

func TestSlowSubscriberIsDropped(t *testing.T) {
	var bus Bus
	slow := bus.Subscribe(nil, 2)
	fast := bus.Subscribe(ForMatch("m"), 100)
	for i := range 10 {
		bus.Publish(api.Event{Match: "m", Seq: uint64(i + 1)})
	}
	if !slow.Dropped() || fast.Dropped() || bus.Subscribers() != 1 {
		t.Fatalf("dropped: slow %v fast %v, %d left", slow.Dropped(), fast.Dropped(), bus.Subscribers())
	}
	n := 0
	for range slow.C { // closed after what it held
		n++
	}
	if n != 2 {
		t.Errorf("slow got %d events", n)
	}
	fast.Close()
	fast.Close()
}

var _ = context.Background

func TestAdapterVersions(t *testing.T) {
	a := openTest(t, "")
	ag := createAgents(t, a, "")[0]
	if err := a.AddAdapter(AdapterVersion{Agent: ag.ID, Version: "v1", Pairs: 10}); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAdapter(AdapterVersion{Agent: ag.ID, Version: "v2", Parent: "v1"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []AdapterVersion{
		{Agent: ag.ID, Version: "v1"},           // twice
		{Agent: ag.ID, Version: "../etc"},       // not a version name
		{Agent: "no-such-agent", Version: "v3"}, // no agent
	} {
		if err := a.AddAdapter(bad); err == nil {
			t.Errorf("AddAdapter(%+v) succeeded", bad)
		}
	}
	vs, err := a.Adapters(ag.ID)
	if err != nil || len(vs) != 2 || vs[1].Parent != "v1" {
		t.Errorf("versions %+v, %v", vs, err)
	}
}

// BenchmarkPlay measures a match through the whole arena: queueing,
// matchmaking, the engine, the event log and the settlement, on an
// in-memory store.
func BenchmarkPlay(b *testing.B) {
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: bySystem, Model: "test"}})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	var ags []agents.Agent
	for i, sys := range []string{"off 0", "off 1", "off 3", "off 9"} {
		ag, err := a.CreateAgent(agents.Agent{Owner: HouseOwner, Name: "p" + strconv.Itoa(i), Model: "test", System: sys})
		if err != nil {
			b.Fatal(err)
		}
		ags = append(ags, ag)
	}
	for b.Loop() {
		for _, ag := range ags {
			if _, err := a.Enter("sum-duel", 1, ag.ID); err != nil {
				b.Fatal(err)
			}
		}
		plan, err := a.NextMatch("sum-duel", 1, Matchmaking{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := a.Play(b.Context(), plan); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "matches/s")
}
