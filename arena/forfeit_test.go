package arena

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/spaces"
)

// Two owners that are not the house.
const (
	ownerA = "0x1111111111111111111111111111111111111111"
	ownerB = "0x2222222222222222222222222222222222222222"
)

// named numbers the agents ownedAgents makes, so their names differ.
var named atomic.Int32

// ownedAgents makes one agent of owner per system prompt.
func ownedAgents(t *testing.T, a *Arena, owner string, systems ...string) []agents.Agent {
	t.Helper()
	var out []agents.Agent
	for _, sys := range systems {
		name := "owned-" + strconv.Itoa(int(named.Add(1)))
		ag, err := a.CreateAgent(agents.Agent{Owner: owner, Name: name, Model: "test", System: sys})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ag)
	}
	return out
}

func TestOwnerCapBoundsEntriesInFlight(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	mine := ownedAgents(t, a, ownerA, "off 0", "off 1", "off 2")
	before := refusal.Counted(refusal.OwnerCap)
	for _, ag := range mine[:2] {
		if _, err := a.Enter("sum-duel", 0, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	_, err := a.Enter("sum-duel", 1, mine[2].ID)
	if !errors.Is(err, ErrOwnerCap) || !strings.Contains(err.Error(), "cap is 2") {
		t.Fatalf("a third entry of one owner: %v, want ErrOwnerCap naming the cap", err)
	}
	if _, err := a.EnterStaked("sum-duel", 1, mine[2].ID, "stake-1"); !errors.Is(err, ErrOwnerCap) {
		t.Fatalf("a third entry staked on chain: %v, want ErrOwnerCap", err)
	}
	if got := refusal.Counted(refusal.OwnerCap) - before; got != 2 {
		t.Errorf("arena_refusals_total{reason=owner_cap} grew by %v, want 2", got)
	}
	// Other Spaces, other owners and the house are not held by it.
	if _, err := a.Enter("nim", 0, mine[2].ID); err != nil {
		t.Errorf("entry in another Space: %v", err)
	}
	if _, err := a.Enter("sum-duel", 0, ownedAgents(t, a, ownerB, "off 3")[0].ID); err != nil {
		t.Errorf("another owner's entry: %v", err)
	}
	for _, ag := range createAgents(t, a, "off 4", "off 5", "off 6") {
		if _, err := a.Enter("slogan", 0, ag.ID); err != nil {
			t.Errorf("house entry: %v", err)
		}
	}

	// A match being played counts until it ends, also across a restart.
	// (It takes one of the owner's agents; the other waits, and counts
	// too.)
	plan, err := a.NextMatch("sum-duel", 0, Matchmaking{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Leave("nim", mine[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Enter("sum-duel", 0, mine[2].ID); !errors.Is(err, ErrOwnerCap) {
		t.Fatalf("entry while one of the owner's agents plays and one waits: %v, want ErrOwnerCap", err)
	}
	a.Close()
	a = openTest(t, dir) // aborts the interrupted match
	if _, err := a.Enter("sum-duel", 0, mine[2].ID); err != nil {
		t.Fatalf("entry once the match was aborted by a restart: %v", err)
	}
	if err := a.Leave("sum-duel", mine[2].ID); err != nil {
		t.Fatal(err)
	}
	// mine[1] waits still; mine[0] joins it, and the match takes one.
	for _, ag := range []agents.Agent{mine[0], ownedAgents(t, a, ownerB, "off 3")[0]} {
		if _, err := a.Enter("sum-duel", 0, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	if plan, err = a.NextMatch("sum-duel", 0, Matchmaking{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Play(t.Context(), plan); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Enter("sum-duel", 0, mine[2].ID); err != nil {
		t.Errorf("entry once the match was played: %v", err)
	}
}

func TestOwnerCapOption(t *testing.T) {
	for _, tc := range []struct {
		cap, admitted int
	}{{1, 1}, {3, 3}, {-1, 4}} {
		a, err := Open(Options{Dir: t.TempDir(), Backends: agents.Backends{Embedded: bySystem, Model: "test"}, OwnerCap: tc.cap})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ag := range ownedAgents(t, a, ownerA, "", "", "", "") {
			if _, err := a.Enter("sum-duel", 0, ag.ID); err == nil {
				n++
			} else if !errors.Is(err, ErrOwnerCap) {
				t.Fatal(err)
			}
		}
		a.Close()
		if n != tc.admitted {
			t.Errorf("OwnerCap %d admitted %d entries, want %d", tc.cap, n, tc.admitted)
		}
	}
}

// hangs is a backend that answers arithmetic by the system prompt, as
// bySystem does, but never answers agents whose system prompt is "hang";
// it counts what those were asked.
type hangs struct{ asked atomic.Int32 }

func (h *hangs) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	if req.Messages[0].Content == "hang" {
		h.asked.Add(1)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return bySystem.Reply(ctx, req, onDelta)
}

// quick is a copy of a built-in Space with a short reply limit, which
// those who answer at once never reach.
func quick(t *testing.T, id string) *spaces.Spec {
	t.Helper()
	s := mustSpace(t, id)
	s.ID, s.Limits.ReplySeconds = "quick-"+id, 0.2
	return s
}

// openHanging opens an arena whose players answer through h, on the
// arena's model and, when remote is set, on their owners' runners too,
// with a quick sum-duel of the given rounds added.
func openHanging(t *testing.T, h agents.Policy, remote bool, rounds int, now func() time.Time) (*Arena, *spaces.Spec) {
	t.Helper()
	b := agents.Backends{Embedded: h, Model: "test"}
	if remote {
		b.Remote = func(agents.Agent) (agents.Policy, error) { return h, nil }
	}
	a, err := Open(Options{Dir: t.TempDir(), Backends: b, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	space := quick(t, "sum-duel")
	space.Rounds = rounds
	if err := a.AddSpace(space); err != nil {
		t.Fatal(err)
	}
	return a, space
}

// A player whose reply runs out of the reply limit is not asked again in
// that match, so a hanging endpoint holds its match for one reply limit.
func TestHangingPlayerForfeitsTheMatch(t *testing.T) {
	for _, tc := range []struct {
		space  string
		policy agents.Policy
	}{{"sum-duel", solver(0, false)}, {"tic-tac-toe", tttPlayer(true)}} {
		t.Run(tc.space, func(t *testing.T) {
			h := &hangs{}
			e := testEngine(map[string]agents.Policy{"good": tc.policy, "hang": h})
			ps := players("good", "hang")
			ps[1].System, ps[1].Remote = "hang", true // its owner's runner
			spec := quick(t, tc.space)
			res, err := e.Run(t.Context(), Plan{ID: "m", Spec: spec, Players: ps, Seed: 3}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if n := h.asked.Load(); n != 1 {
				t.Errorf("the hanging player was asked %d times in %d rounds, want once", n, spec.Rounds)
			}
			if len(res.Rounds) != spec.Rounds || res.Forfeited(0) || !res.Forfeited(1) {
				t.Errorf("%d rounds, forfeits %v: want %d rounds and the second player's forfeit", len(res.Rounds), res.Forfeits, spec.Rounds)
			}
			if res.Match.Scores[1] != 0 || res.Match.Ranks[0] != 0 || res.Match.Ranks[1] != 1 {
				t.Errorf("scores %v, ranks %v: want the forfeit last with nothing", res.Match.Scores, res.Match.Ranks)
			}
		})
	}
}

// failsLate fails each reply a little over half way to the reply limit,
// with an error of its own rather than the limit's.
type failsLate struct {
	wait  time.Duration
	asked atomic.Int32
}

func (f *failsLate) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	f.asked.Add(1)
	select {
	case <-time.After(f.wait):
		return nil, errors.New("upstream error")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// An endpoint that fails just before the limit holds the match as long as
// one that hangs: failures that together take the reply limit forfeit.
// One that fails at once is only out of that reply.
func TestLateFailuresForfeitTheMatch(t *testing.T) {
	spec := quick(t, "sum-duel")
	late := &failsLate{wait: spec.ReplyTimeout() * 6 / 10}
	quickFail := &failsLate{}
	e := testEngine(map[string]agents.Policy{"good": solver(0, false), "late": late, "fast": quickFail})
	ps := players("good", "late", "fast")
	ps[1].Endpoint, ps[2].Endpoint = "http://late.example/v1", "http://fast.example/v1"
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: spec, Players: ps, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := late.asked.Load(); n != 2 || !res.Forfeited(1) {
		t.Errorf("the late failer was asked %d times (forfeited %v), want twice and a forfeit", n, res.Forfeited(1))
	}
	if n := quickFail.asked.Load(); int(n) != spec.Rounds || res.Forfeited(2) {
		t.Errorf("the fast failer was asked %d times in %d rounds (forfeited %v), want every round and no forfeit", n, spec.Rounds, res.Forfeited(2))
	}
}

// playFree enters the agents in the free tier of space and plays the
// match they make.
func playFree(t *testing.T, a *Arena, space string, ags ...agents.Agent) (*Plan, *Result) {
	t.Helper()
	for _, ag := range ags {
		if _, err := a.Enter(space, 0, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := a.NextMatch(space, 0, Matchmaking{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	return plan, res
}

// policyFunc is a function as an agents.Policy.
type policyFunc func(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error)

func (f policyFunc) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	return f(ctx, req, onDelta)
}

// A forfeit counts as the agent played: switching it to the arena's model
// while the match runs does not wipe it.
func TestForfeitJudgedAsPlayed(t *testing.T) {
	h := &hangs{}
	var a *Arena
	var hanger agents.Agent
	edit := policyFunc(func(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
		// The owner takes the endpoint off mid-match.
		if _, err := a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.Remote = false; return nil }); err != nil {
			return nil, err
		}
		return h.Reply(ctx, req, onDelta)
	})
	a, space := openHanging(t, edit, true, 1, nil)
	var err error
	hanger = ownedAgents(t, a, ownerA, "hang")[0]
	if hanger, err = a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.Remote = true; return nil }); err != nil {
		t.Fatal(err)
	}
	rival := ownedAgents(t, a, ownerB, "off 0")[0]
	playFree(t, a, space.ID, hanger, rival)
	if ag, _ := a.Agent(hanger.ID); ag.Forfeits != 1 || ag.Remote {
		t.Errorf("after a forfeit and a switch to the arena's model: %d forfeits (remote %v), want 1", ag.Forfeits, ag.Remote)
	}
}

// When every player forfeits, nobody is left to ask: the match ends.
func TestMatchOfForfeitsEnds(t *testing.T) {
	h := &hangs{}
	e := testEngine(map[string]agents.Policy{"x": h, "y": h})
	ps := players("x", "y")
	ps[0].System, ps[1].System = "hang", "hang"
	ps[0].Remote, ps[1].Remote = true, true
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: quick(t, "sum-duel"), Players: ps, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rounds) != 1 || h.asked.Load() != 2 || res.Match.Status != StatusFinished {
		t.Errorf("%d rounds, %d asks, status %s: want one round, each asked once, finished", len(res.Rounds), h.asked.Load(), res.Match.Status)
	}
}

// clock is a settable clock for an arena.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// An agent that forfeits BenchAfter matches in a row is benched: its free
// tickets leave the queues and it may not enter any until the bench ends,
// each bench twice as long as the last. A match played to the end clears
// the run, and no edit lifts a bench.
func TestForfeitsBenchAnAgent(t *testing.T) {
	clk := &clock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	h := &hangs{}
	// The hanging agent is played by its owner's runner: only agents
	// whose backend their owner runs are benched.
	a, space := openHanging(t, h, true, 2, clk.Now)
	hanger := ownedAgents(t, a, ownerA, "hang")[0]
	var err error
	if hanger, err = a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.Remote = true; return nil }); err != nil {
		t.Fatal(err)
	}
	rival := ownedAgents(t, a, ownerB, "off 0")[0]
	play := func() {
		t.Helper()
		playFree(t, a, space.ID, hanger, rival)
	}
	forfeits := func() int {
		t.Helper()
		ag, err := a.Agent(hanger.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ag.Forfeits
	}

	// Two forfeits, then a match answered: the run starts again.
	play()
	play()
	if n := forfeits(); n != 2 {
		t.Fatalf("%d forfeits recorded after two, want 2", n)
	}
	if _, err := a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.System = "off 1"; return nil }); err != nil {
		t.Fatal(err)
	}
	play()
	if n := forfeits(); n != 0 {
		t.Fatalf("%d forfeits recorded after a match answered, want 0", n)
	}
	if _, err := a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.System = "hang"; return nil }); err != nil {
		t.Fatal(err)
	}

	// Three in a row bench it, and its free ticket elsewhere leaves.
	before := refusal.Counted(refusal.Benched)
	play()
	play()
	if _, err := a.Enter("nim", 0, hanger.ID); err != nil {
		t.Fatal(err)
	}
	play()
	ag, err := a.Agent(hanger.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := clk.Now().Add(BenchFirst); !ag.BenchedUntil.Equal(want) || ag.Benches != 1 {
		t.Fatalf("benched until %v (%d benches), want %v (1)", ag.BenchedUntil, ag.Benches, want)
	}
	if q, _ := a.Queue("nim", 0); len(q) != 0 {
		t.Errorf("the benched agent still waits in nim: %+v", q)
	}
	_, err = a.Enter(space.ID, 0, hanger.ID)
	if !errors.Is(err, ErrBenched) || !strings.Contains(err.Error(), ag.BenchedUntil.Format(time.RFC3339)) {
		t.Fatalf("entry of a benched agent: %v, want ErrBenched naming when the bench ends", err)
	}
	if got := refusal.Counted(refusal.Benched) - before; got != 1 {
		t.Errorf("arena_refusals_total{reason=benched} grew by %v, want 1", got)
	}
	if r, _ := a.Agent(rival.ID); r.Forfeits != 0 || !r.BenchedUntil.IsZero() {
		t.Errorf("the rival who answered has %d forfeits, benched until %v", r.Forfeits, r.BenchedUntil)
	}
	// An edit cannot lift it.
	if _, err := a.UpdateAgent(hanger.ID, func(ag *agents.Agent) error { ag.BenchedUntil = time.Time{}; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Enter(space.ID, 0, hanger.ID); !errors.Is(err, ErrBenched) {
		t.Fatalf("entry after an edit cleared the bench: %v, want ErrBenched", err)
	}

	// Once it ends the agent may play; three more forfeits bench it twice
	// as long.
	clk.Add(BenchFirst)
	for range BenchAfter {
		play()
	}
	if ag, _ = a.Agent(hanger.ID); !ag.BenchedUntil.Equal(clk.Now().Add(2*BenchFirst)) || ag.Benches != 2 {
		t.Errorf("second bench until %v (%d benches), want %v (2)", ag.BenchedUntil, ag.Benches, clk.Now().Add(2*BenchFirst))
	}
	if n := h.asked.Load(); n != 8 {
		t.Errorf("the hanging agent was asked %d times in 8 forfeited matches of 2 rounds, want 8", n)
	}
}

// House agents fill matches for the arena: they are neither capped nor
// benched.
func TestHouseIsNotBenched(t *testing.T) {
	h := &hangs{}
	// On a runner, so that only its being the house's spares it.
	a, space := openHanging(t, h, true, 1, nil)
	house := createAgents(t, a, "hang", "off 0")
	var err error
	if house[0], err = a.UpdateAgent(house[0].ID, func(ag *agents.Agent) error { ag.Remote = true; return nil }); err != nil {
		t.Fatal(err)
	}
	for range BenchAfter + 1 {
		if _, res := playFree(t, a, space.ID, house...); !slices.Contains(res.Forfeits, true) {
			t.Fatalf("the hanging house agent did not forfeit: %v", res.Forfeits)
		}
	}
	if ag, _ := a.Agent(house[0].ID); ag.Forfeits != 0 || !ag.BenchedUntil.IsZero() {
		t.Errorf("a house agent has %d forfeits, benched until %v", ag.Forfeits, ag.BenchedUntil)
	}
}

// An agent on the arena's own model that runs out of time waited for the
// arena, not for its owner: it neither forfeits nor is benched.
func TestArenaModelForfeitsDoNotBench(t *testing.T) {
	a, space := openHanging(t, &hangs{}, false, 1, nil)
	slow := ownedAgents(t, a, ownerA, "hang")[0]
	rival := ownedAgents(t, a, ownerB, "off 0")[0]
	for range BenchAfter + 1 {
		plan, res := playFree(t, a, space.ID, slow, rival)
		if res.Forfeited(slices.IndexFunc(plan.Players, func(p agents.Agent) bool { return p.ID == slow.ID })) {
			t.Fatalf("an agent on the arena's model forfeited: %+v", res.Forfeits)
		}
	}
	if ag, _ := a.Agent(slow.ID); ag.Forfeits != 0 || !ag.BenchedUntil.IsZero() {
		t.Errorf("an agent on the arena's model has %d forfeits, benched until %v", ag.Forfeits, ag.BenchedUntil)
	}
}
