package arena

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
)

func TestSchedulerPlaysQueuedAgents(t *testing.T) {
	a := openTest(t, "")
	ags := createAgents(t, a, "off 0", "off 1", "off 2", "off 3")
	results := make(chan *Result, 4)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		(&Scheduler{Arena: a, Interval: 10 * time.Millisecond, OnResult: func(r *Result, err error) {
			if err != nil {
				t.Error(err)
			}
			results <- r
		}}).Run(ctx)
	}()
	for _, ag := range ags[:2] {
		a.Enter("sum-duel", 0, ag.ID)
	}
	for _, ag := range ags[2:] {
		a.Enter("nim", 0, ag.ID)
	}
	got := map[string]bool{}
	for range 2 {
		select {
		case r := <-results:
			got[r.Match.Space] = r.Match.Status == StatusFinished
		case <-time.After(20 * time.Second):
			t.Fatal("no match played")
		}
	}
	cancel()
	<-done
	if !got["sum-duel"] || !got["nim"] {
		t.Errorf("played %v", got)
	}
}

func TestSchedulerCancelsMatchesAfterTheGrace(t *testing.T) {
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: hangingPolicy{}, Model: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ags := createAgents(t, a, "", "")
	for _, ag := range ags {
		a.Enter("sum-duel", 1, ag.ID)
	}
	ctx, cancel := context.WithCancel(t.Context())
	results := make(chan *Result, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		(&Scheduler{Arena: a, Grace: 50 * time.Millisecond, OnResult: func(r *Result, err error) { results <- r }}).Run(ctx)
	}()
	time.Sleep(100 * time.Millisecond) // the match is under way, waiting on its players
	cancel()
	<-done
	r := <-results
	m, _ := a.Match(r.Match.ID)
	if m.Status != StatusAborted {
		t.Fatalf("status %s", m.Status)
	}
	earned, _ := a.Earnings("sum-duel")
	for _, ag := range ags {
		if earned[ag.ID].Sign() != 0 {
			t.Errorf("%s is %s out of pocket", ag.Name, earned[ag.ID])
		}
	}
}

// hangingPolicy never answers until its context ends.
type hangingPolicy struct{}

func (hangingPolicy) Reply(ctx context.Context, _ agents.Request, _ func(agents.Delta)) ([]agents.Reply, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// A reproducible scheduler seeds its matches from its seed and the count
// of matches formed, however many empty looks at the queues came first.
func TestSchedulerReproducibleSeeds(t *testing.T) {
	seeds := func(idle time.Duration) []uint64 {
		a := openTest(t, "")
		ags := createAgents(t, a, "off 0", "off 1")
		results := make(chan *Result, 2)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() {
			defer close(done)
			(&Scheduler{Arena: a, Matchmaking: Matchmaking{Seed: 42}, Reproducible: true, Interval: time.Millisecond,
				OnResult: func(r *Result, err error) { results <- r }}).Run(ctx)
		}()
		var out []uint64
		for range 2 {
			time.Sleep(idle)
			for _, ag := range ags {
				a.Enter("sum-duel", 0, ag.ID)
			}
			select {
			case r := <-results:
				out = append(out, r.Match.Seed)
			case <-time.After(20 * time.Second):
				t.Fatal("no match played")
			}
		}
		cancel()
		<-done
		return out
	}
	first, second := seeds(0), seeds(30*time.Millisecond)
	if first[0] != second[0] || first[1] != second[1] || first[0] == first[1] {
		t.Errorf("seeds %v then %v: want the same two distinct seeds", first, second)
	}
}

// runScheduler runs s over a until the test ends, sending each result
// to the returned channel.
func runScheduler(t *testing.T, s *Scheduler) <-chan *Result {
	t.Helper()
	results := make(chan *Result, 16)
	s.Interval, s.Grace = 10*time.Millisecond, 50*time.Millisecond
	s.OnResult = func(r *Result, _ error) { results <- r }
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return results
}

// enterPairs enters n pairs of agents, each agent of its own owner (a
// match never holds two of one owner's), in a Space's tier, every agent
// with the system prompt sys.
func enterPairs(t *testing.T, a *Arena, space string, tier, n int, sys string) {
	t.Helper()
	for i := range 2 * n {
		owner := fmt.Sprintf("0x%040x", 0xa0000+tier*100+i)
		for _, ag := range ownedAgents(t, a, owner, sys) {
			if _, err := a.Enter(space, tier, ag.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// Free matches whose players hang cannot take the last slot: a paid
// tier's match is played while they hang.
func TestSchedulerKeepsASlotForPaidTiers(t *testing.T) {
	a, err := Open(Options{Dir: t.TempDir(), Backends: agents.Backends{Embedded: &hangs{}, Model: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// Two free matches of four hanging players each; sum-duel's reply
	// limit (20 s) is longer than the test.
	enterPairs(t, a, "sum-duel", 0, 4, "hang")
	results := runScheduler(t, &Scheduler{Arena: a, Concurrency: 2})
	for deadline := time.Now().Add(10 * time.Second); a.Running() == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no free match started")
		}
	}
	enterPairs(t, a, "sum-duel", 1, 1, "off 0")
	select {
	case r := <-results:
		if r.Match.Tier != 1 || r.Match.Status != StatusFinished {
			t.Fatalf("first match to end: tier %d, %s (%s); want the paid one, finished", r.Match.Tier, r.Match.Status, r.Match.Error)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the paid match was not played while free matches hang (%d running)", a.Running())
	}
}

// With one slot, a paid tier's match is formed before a free tier's that
// waited as long.
func TestSchedulerFormsPaidTiersFirst(t *testing.T) {
	a := openTest(t, t.TempDir())
	enterPairs(t, a, "sum-duel", 0, 1, "off 0")
	enterPairs(t, a, "sum-duel", 1, 1, "off 0")
	results := runScheduler(t, &Scheduler{Arena: a, Concurrency: 1})
	var tiers []int
	for range 2 {
		select {
		case r := <-results:
			tiers = append(tiers, r.Match.Tier)
		case <-time.After(20 * time.Second):
			t.Fatal("no match played")
		}
	}
	if tiers[0] != 1 || tiers[1] != 0 {
		t.Errorf("tiers played in order %v, want the paid tier (1) first", tiers)
	}
}
