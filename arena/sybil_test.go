package arena

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/store"
)

// owner is the test wallet address number n.
func owner(n int) string { return fmt.Sprintf("0x%040x", 0x5b000+n) }

// oneOf makes one agent of owner with a system prompt (see bySystem).
func oneOf(t *testing.T, a *Arena, owner, name, system string) agents.Agent {
	t.Helper()
	ag, err := a.CreateAgent(agents.Agent{Owner: owner, Name: name, Model: "test", System: system})
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

// distinctAgents makes one agent per system prompt, each of its own owner,
// so that the matches they play are rated.
func distinctAgents(t *testing.T, a *Arena, systems ...string) []agents.Agent {
	t.Helper()
	var out []agents.Agent
	for i, sys := range systems {
		out = append(out, oneOf(t, a, owner(1000+i), fmt.Sprintf("d%d", i), sys))
	}
	return out
}

// playQueued enters ags in a tier of space and plays the match NextMatch
// makes of them.
func playQueued(t *testing.T, a *Arena, space string, tier int, ags ...agents.Agent) *Result {
	t.Helper()
	for _, ag := range ags {
		if _, err := a.Enter(space, tier, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := a.NextMatch(space, tier, Matchmaking{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The Sybil scenario through the arena. An owner's star and throwaway
// agent, queued together, are never matched; made to play anyway, the
// match is not rated and leaves the star off the leaderboard. An honest
// player who wins 24 of 30 against ten other owners' agents tops it, and
// a star that then wins one rated match (against an accomplice's agent)
// is provisional and below it.
func TestSybilCannotClimbTheArena(t *testing.T) {
	a := openTest(t, "")
	const space = "sum-duel"
	sybil := owner(1)
	star := oneOf(t, a, sybil, "star", "off 0")
	throwaway := oneOf(t, a, sybil, "throwaway", "off 9")

	// Matchmaking never pairs them, and leaves both queued.
	for _, ag := range []agents.Agent{star, throwaway} {
		if _, err := a.Enter(space, 0, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	if plan, err := a.NextMatch(space, 0, Matchmaking{Seed: 1}); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("an owner's two agents made a match (%v): %v", plan != nil, err)
	}
	if q, _ := a.Queue(space, 0); len(q) != 2 {
		t.Fatalf("%d tickets left queued, want both", len(q))
	}
	for _, ag := range []agents.Agent{star, throwaway} {
		if err := a.Leave(space, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	// Played anyway (a plan not made by matchmaking): star wins 1-0, and
	// nothing moves.
	spec, err := a.Space(space)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), &Plan{ID: store.NewID(), Spec: spec, Players: []agents.Agent{star, throwaway}, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if res.Match.Ranks[0] != 0 || res.Match.Ranks[1] != 1 {
		t.Fatalf("test setup: star should win, ranks %v", res.Match.Ranks)
	}
	if m, _ := a.Match(res.Match.ID); m.Rated || res.Match.Rated {
		t.Errorf("a match between one owner's agents is rated: %+v", m)
	}
	if ag, _ := a.Agent(star.ID); len(ag.Ratings) != 0 {
		t.Errorf("the star's live rating moved on its sibling's defeat: %+v", ag.Ratings)
	}
	rep, err := a.Report(space, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matches != 0 || len(rep.Standings) != 0 {
		t.Errorf("the same-owner match counts on the leaderboard: %d matches, %+v", rep.Matches, rep.Standings)
	}

	// The honest player: 24 wins of 30 against ten owners' agents.
	honest := oneOf(t, a, owner(2), "honest", "off 0")
	var rivals []agents.Agent
	for i := range 10 {
		rivals = append(rivals, oneOf(t, a, owner(10+i), fmt.Sprintf("rival-%d", i), "off 5"))
	}
	for m := range 30 {
		system := "off 0"
		if m%5 == 4 {
			system = "off 9" // six matches it loses
		}
		if _, err := a.UpdateAgent(honest.ID, func(ag *agents.Agent) error { ag.System = system; return nil }); err != nil {
			t.Fatal(err)
		}
		if res := playQueued(t, a, space, 0, honest, rivals[m%10]); !res.Match.Rated {
			t.Fatalf("match %d between two owners is not rated", m)
		}
	}
	// The star wins one rated match, against an accomplice.
	accomplice := oneOf(t, a, owner(3), "accomplice", "off 9")
	if res := playQueued(t, a, space, 0, star, accomplice); !res.Match.Rated || res.Match.Ranks[slices.IndexFunc(res.Match.Players, func(id string) bool { return id == star.ID })] != 0 {
		t.Fatalf("test setup: star should win a rated match: %+v", res.Match)
	}

	rep, err = a.Report(space, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matches != 31 || rep.Method == "" {
		t.Errorf("report of %d rated matches (want 31), method %q", rep.Matches, rep.Method)
	}
	place := map[string]int{}
	for i, s := range rep.Standings {
		place[s.Player] = i
		ag, _ := a.Agent(s.Player)
		t.Logf("%2d %-10s %7.1f [%7.1f, %7.1f] %2d matches %2d wins provisional %v", i, ag.Name, s.Rating, s.Lo, s.Hi, s.Matches, s.Wins, s.Provisional)
	}
	top, st := rep.Standings[0], rep.Standings[place[star.ID]]
	if top.Player != honest.ID || top.Provisional || top.Matches != 30 || top.Wins != 24 {
		t.Errorf("top of the board %+v, want honest, established, 24 wins of 30", top)
	}
	if !st.Provisional || st.Matches != 1 || place[star.ID] <= place[honest.ID] || st.Lo >= top.Lo {
		t.Errorf("star %+v at %d: want provisional, one match, below honest", st, place[star.ID])
	}
	if _, ok := place[throwaway.ID]; ok {
		t.Errorf("the throwaway, which played only its owner's agent, is on the board")
	}
}

// Two agents of one owner queued in one Space are never put in one match,
// in a free tier or a paid one, nor by house fill; the one passed over
// waits for the next match. The house's own agents may meet, unrated.
func TestQueueNeverPairsOneOwner(t *testing.T) {
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: bySystem, Model: "test"}, OwnerCap: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const space = "sum-duel"
	x1 := oneOf(t, a, owner(1), "x1", "off 0")
	x2 := oneOf(t, a, owner(1), "x2", "off 1")
	y := oneOf(t, a, owner(2), "y", "off 2")
	z := oneOf(t, a, owner(3), "z", "off 3")
	ids := func(ags []agents.Agent) []string {
		var out []string
		for _, ag := range ags {
			out = append(out, ag.Name)
		}
		return out
	}
	for _, tier := range []int{0, 1} {
		for _, ag := range []agents.Agent{x1, x2, y} {
			if _, err := a.Enter(space, tier, ag.ID); err != nil {
				t.Fatal(err)
			}
		}
		plan, err := a.NextMatch(space, tier, Matchmaking{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(plan.Players); !slices.Equal(got, []string{"x1", "y"}) {
			t.Errorf("tier %d: match of %v, want x1 and y", tier, got)
		}
		if q, _ := a.Queue(space, tier); len(q) != 1 || q[0].Agent != x2.ID {
			t.Errorf("tier %d: queue %+v, want x2 waiting", tier, q)
		}
		if res, err := a.Play(t.Context(), plan); err != nil || !res.Match.Rated {
			t.Errorf("tier %d: x1 against y: rated %v, %v", tier, res.Match.Rated, err)
		}
		if _, err := a.Enter(space, tier, z.ID); err != nil {
			t.Fatal(err)
		}
		plan, err = a.NextMatch(space, tier, Matchmaking{Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(plan.Players); !slices.Equal(got, []string{"x2", "z"}) {
			t.Errorf("tier %d: next match of %v, want x2 and z", tier, got)
		}
		if _, err := a.Play(t.Context(), plan); err != nil {
			t.Fatal(err)
		}
	}

	// Alone with its sibling: no match, however long they wait.
	for _, ag := range []agents.Agent{x1, x2} {
		if _, err := a.Enter(space, 0, ag.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.NextMatch(space, 0, Matchmaking{}); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("an owner's two agents alone: %v, want ErrNoMatch", err)
	}
	// House fill completes the first one's match, not with its sibling.
	if _, err := a.EnsureHouse("test", nil); err != nil {
		t.Fatal(err)
	}
	plan, err := a.NextMatch(space, 0, Matchmaking{House: true, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Players) != 2 || plan.Players[0].ID != x1.ID || !plan.Players[1].House {
		t.Errorf("house fill made %v, want x1 and a house agent", ids(plan.Players))
	}
	if q, _ := a.Queue(space, 0); len(q) != 1 || q[0].Agent != x2.ID {
		t.Errorf("queue %+v, want x2 waiting", q)
	}
	if res, err := a.Play(t.Context(), plan); err != nil || !res.Match.Rated {
		t.Errorf("x1 against the house: rated %v, %v", res.Match.Rated, err)
	}

	// The house's agents may meet one another, but it rates nothing.
	if err := a.Leave(space, x2.ID); err != nil {
		t.Fatal(err)
	}
	house := createAgents(t, a, "off 0", "off 4")
	res := playQueued(t, a, space, 0, house...)
	if len(res.Match.Players) != 2 || res.Match.Rated {
		t.Errorf("house against house: %d players, rated %v; want 2, unrated", len(res.Match.Players), res.Match.Rated)
	}
	if ag, _ := a.Agent(house[0].ID); len(ag.Ratings) != 0 {
		t.Errorf("an unrated match moved a rating: %+v", ag.Ratings)
	}
}

// House fill takes house agents of owners not in the match first: with
// most of the house one wallet's and two of wallets of their own, every
// match it fills with two is rated, whatever the seed. When all the house
// is one owner's, it still fills the match, unrated.
func TestHouseFillPrefersOtherOwners(t *testing.T) {
	mixed := func(name string) string {
		switch name {
		case "ada", "basil":
			return owner(200 + int(name[0]))
		}
		return owner(200)
	}
	for _, tc := range []struct {
		name  string
		owner func(string) string
		rated bool
	}{{"mixed wallets", mixed, true}, {"one owner", nil, false}} {
		t.Run(tc.name, func(t *testing.T) {
			a := openTest(t, "")
			spec := quick(t, "sum-duel")
			spec.ID, spec.Players.Min = "trio", 3
			if err := a.AddSpace(spec); err != nil {
				t.Fatal(err)
			}
			if _, err := a.EnsureHouse("test", tc.owner); err != nil {
				t.Fatal(err)
			}
			solo := oneOf(t, a, owner(1), "solo", "off 0")
			for seed := range uint64(10) {
				if _, err := a.Enter(spec.ID, 0, solo.ID); err != nil {
					t.Fatal(err)
				}
				plan, err := a.NextMatch(spec.ID, 0, Matchmaking{House: true, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				res, err := a.Play(t.Context(), plan)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Match.Players) != 3 || res.Match.Rated != tc.rated {
					t.Errorf("seed %d: %d players, rated %v; want 3, %v", seed, len(res.Match.Players), res.Match.Rated, tc.rated)
				}
			}
		})
	}
}
