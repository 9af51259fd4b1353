package arena

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/store"
)

const (
	victimOwner   = "0x1111111111111111111111111111111111111111"
	strangerOwner = "0x2222222222222222222222222222222222222222"
)

func mustCreate(t *testing.T, a *Arena, owner, name string) agents.Agent {
	t.Helper()
	ag, err := a.CreateAgent(agents.Agent{Owner: owner, Name: name, Model: "test"})
	if err != nil {
		t.Fatalf("create %s's %q: %v", owner, name, err)
	}
	return ag
}

// TestAdapterOfAnotherAgentRefused records a real adapter version of the
// victim's agent, as a finished training job does, and has a stranger
// set their agent to play it, at create and by edit: both are refused,
// naming the version and whose it is, while the victim may play it.
func TestAdapterOfAnotherAgentRefused(t *testing.T) {
	a := openTest(t, "")
	victim := mustCreate(t, a, victimOwner, "victim")
	thief := mustCreate(t, a, strangerOwner, "thief")
	j, err := a.AddJob(Job{Agent: victim.ID, Space: "sum-duel", Version: victim.ID + "-v1", Upto: "x"})
	if err != nil {
		t.Fatal(err)
	}
	j.Pairs, j.Record = 3, "0xabc"
	if _, err := a.CompleteJob(j); err != nil {
		t.Fatal(err)
	}
	if ag, _ := a.Agent(victim.ID); ag.Adapter != j.Version {
		t.Fatalf("victim plays %q after training, want %q", ag.Adapter, j.Version)
	}

	check := func(what string, err error) {
		t.Helper()
		var fe *agents.FieldError
		switch {
		case err == nil:
			t.Fatalf("%s: the stranger's agent was allowed the victim's adapter %s", what, j.Version)
		case !errors.Is(err, ErrNotOwnAdapter) || !errors.As(err, &fe) || fe.Field != "adapter":
			t.Fatalf("%s: %v, want ErrNotOwnAdapter on field adapter", what, err)
		case !strings.Contains(err.Error(), j.Version) || !strings.Contains(err.Error(), "agent "+victim.ID+"'s"):
			t.Fatalf("%s: %q does not say whose version %s is", what, err, j.Version)
		}
	}
	_, err = a.UpdateAgent(thief.ID, func(ag *agents.Agent) error { ag.Adapter = j.Version; return nil })
	check("edit", err)
	_, err = a.CreateAgent(agents.Agent{Owner: strangerOwner, Name: "thief-2", Model: "test", Adapter: j.Version})
	check("create", err)
	if ag, _ := a.Agent(thief.ID); ag.Adapter != "" {
		t.Fatalf("the stranger's agent plays %q", ag.Adapter)
	}

	// A version nobody has is refused too; the victim's own and the base
	// are fine, and an edit that leaves the adapter alone is not checked.
	_, err = a.UpdateAgent(thief.ID, func(ag *agents.Agent) error { ag.Adapter = "made-up"; return nil })
	if !errors.Is(err, ErrNotOwnAdapter) || !strings.Contains(err.Error(), `no adapter version "made-up"`) {
		t.Fatalf("made-up version: %v", err)
	}
	if _, err := a.UpdateAgent(victim.ID, func(ag *agents.Agent) error { ag.Adapter = ""; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateAgent(victim.ID, func(ag *agents.Agent) error { ag.Adapter = j.Version; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateAgent(victim.ID, func(ag *agents.Agent) error { ag.System = "x"; return nil }); err != nil {
		t.Fatal(err)
	}
}

// TestAgentNames checks the naming rules: unique per owner in any case,
// never shaped like an id, shared across owners only as an ambiguous
// reference that lists its candidates.
func TestAgentNames(t *testing.T) {
	a := openTest(t, "")
	victim := mustCreate(t, a, victimOwner, "Alpha")

	// Unique per owner, in any case, at create and rename.
	other := mustCreate(t, a, victimOwner, "beta")
	for _, err := range []error{
		func() error {
			_, err := a.CreateAgent(agents.Agent{Owner: victimOwner, Name: "alpha", Model: "test"})
			return err
		}(),
		func() error {
			_, err := a.UpdateAgent(other.ID, func(ag *agents.Agent) error { ag.Name = "ALPHA"; return nil })
			return err
		}(),
	} {
		var fe *agents.FieldError
		if !errors.Is(err, ErrAgentName) || !errors.As(err, &fe) || fe.Field != "name" || !strings.Contains(err.Error(), victim.ID) {
			t.Fatalf("a second %q of one owner: %v", "alpha", err)
		}
	}
	// Renaming an agent to itself in another case is fine.
	if _, err := a.UpdateAgent(victim.ID, func(ag *agents.Agent) error { ag.Name = "alpha"; return nil }); err != nil {
		t.Fatal(err)
	}

	// No name shaped like an id, in any of uuid's forms.
	id := victim.ID
	for _, name := range []string{id, strings.ToUpper(id), strings.ReplaceAll(id, "-", ""), "{" + id + "}", "urn:uuid:" + id, agents.NewID()} {
		if _, err := a.CreateAgent(agents.Agent{Owner: strangerOwner, Name: name, Model: "test"}); !errors.Is(err, ErrAgentName) {
			t.Errorf("name %q: %v, want ErrAgentName", name, err)
		}
	}
	if _, err := a.UpdateAgent(other.ID, func(ag *agents.Agent) error { ag.Name = id; return nil }); !errors.Is(err, ErrAgentName) {
		t.Errorf("rename to an id: %v, want ErrAgentName", err)
	}

	// A stranger may use the name too, but then it is ambiguous, with
	// both candidates listed; ids, and the owner's own side, still
	// resolve.
	squat := mustCreate(t, a, strangerOwner, "ALPHA")
	_, err := a.Agent("alpha")
	var amb *AmbiguousError
	if !errors.Is(err, ErrAmbiguous) || !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("a name two owners share: %v, want an AmbiguousError with 2 candidates", err)
	}
	for _, c := range []agents.Agent{victim, squat} {
		if !strings.Contains(err.Error(), c.ID) || !strings.Contains(err.Error(), c.Owner) {
			t.Errorf("%q does not list %s of %s", err, c.ID, c.Owner)
		}
	}
	for _, tc := range []struct {
		ref, owner string
		want       agents.Agent
	}{
		{victim.ID, "", victim},
		{strings.ToUpper(victim.ID), "", victim},
		{"{" + victim.ID + "}", strangerOwner, victim},
		{victim.ID, strangerOwner, victim},
		{squat.ID, "", squat},
		{"alpha", victimOwner, victim},
		{"alpha", strings.ToLower(strangerOwner), squat},
		{"beta", "", other},
	} {
		got, err := a.AgentOf(tc.ref, tc.owner)
		if err != nil || got.ID != tc.want.ID {
			t.Errorf("AgentOf(%q, %q) = %s, %v; want %s", tc.ref, tc.owner, got.ID, err, tc.want.ID)
		}
	}
	// An id nobody has is not found, never taken for a name or prefix.
	if _, err := a.Agent(agents.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown id: %v, want not found", err)
	}
	if _, err := a.Agent(""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("empty reference: %v, want not found", err)
	}
	// A short prefix that fits every agent lists a bounded number of them.
	for i := range 12 {
		mustCreate(t, a, strangerOwner, "filler-"+string(rune('a'+i)))
	}
	_, err = a.Agent(victim.ID[:2])
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "more") {
		t.Errorf("short prefix: %v", err)
	}
}

// raceCreates creates 8 of victimOwner's agents at once, the ith named
// name(i), and returns how many were made; every other create must fail
// with want.
func raceCreates(t *testing.T, a *Arena, name func(int) string, want error) (won int) {
	t.Helper()
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			_, err := a.CreateAgent(agents.Agent{Owner: victimOwner, Name: name(i), Model: "test"})
			errs <- err
		}()
	}
	for range n {
		switch err := <-errs; {
		case err == nil:
			won++
		case !errors.Is(err, want):
			t.Fatal(err)
		}
	}
	return won
}

// TestAgentNameRace creates one name many times at once: exactly one
// create wins, however the transactions interleave.
func TestAgentNameRace(t *testing.T) {
	a := openTest(t, "")
	if won := raceCreates(t, a, func(int) string { return "race" }, ErrAgentName); won != 1 {
		t.Fatalf("%d creates of one name won, want 1", won)
	}
}

// openCapped opens an arena whose owners may have most agents each.
func openCapped(t *testing.T, most int) *Arena {
	t.Helper()
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: bySystem, Model: "test"}, MaxAgentsPerOwner: most})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// TestAgentCap: one sign-in creates agents until the cap, and the next
// is refused as ErrAgentCap (counted), saying what the cap is; other
// owners and the house are not held back, and the owner still edits
// what it has. Zero means the default cap, a negative one none.
func TestAgentCap(t *testing.T) {
	a := openCapped(t, 3)
	for i := range 3 {
		mustCreate(t, a, strangerOwner, fmt.Sprintf("flood-%d", i))
	}
	before := refusal.Counted(refusal.AgentCap)
	_, err := a.CreateAgent(agents.Agent{Owner: strings.ToLower(strangerOwner), Name: "flood-3", Model: "test"})
	if !errors.Is(err, ErrAgentCap) || !strings.Contains(err.Error(), "has 3 agents") {
		t.Fatalf("the 4th agent of an owner capped at 3: %v, want ErrAgentCap saying it has 3", err)
	}
	if got := refusal.Counted(refusal.AgentCap) - before; got != 1 {
		t.Errorf("%v agent_cap refusals counted, want 1", got)
	}
	if ags, _ := a.Agents(); len(ags) != 3 {
		t.Errorf("%d agents stored, want 3", len(ags))
	}
	mustCreate(t, a, victimOwner, "victim")
	for i := range 5 {
		mustCreate(t, a, HouseOwner, fmt.Sprintf("house-%d", i))
	}
	ags, _ := a.Agents()
	if _, err := a.UpdateAgent(ags[0].ID, func(ag *agents.Agent) error { ag.Name = "renamed"; return nil }); err != nil {
		t.Errorf("rename at the cap: %v", err)
	}

	a = openCapped(t, 0)
	for i := range DefaultMaxAgentsPerOwner {
		mustCreate(t, a, strangerOwner, fmt.Sprintf("flood-%d", i))
	}
	if _, err := a.CreateAgent(agents.Agent{Owner: strangerOwner, Name: "one-more", Model: "test"}); !errors.Is(err, ErrAgentCap) {
		t.Errorf("agent %d with the default cap: %v, want ErrAgentCap", DefaultMaxAgentsPerOwner+1, err)
	}

	a = openCapped(t, -1)
	for i := range DefaultMaxAgentsPerOwner + 1 {
		mustCreate(t, a, strangerOwner, fmt.Sprintf("flood-%d", i))
	}
}

// TestAgentCapRace: creates racing for an owner's last place under the
// cap: exactly one wins.
func TestAgentCapRace(t *testing.T) {
	a := openCapped(t, 1)
	if won := raceCreates(t, a, func(i int) string { return fmt.Sprintf("race-%d", i) }, ErrAgentCap); won != 1 {
		t.Fatalf("%d creates won the last place, want 1", won)
	}
}

// TestAmbiguityBounded: a name that many strangers' agents share keeps
// and lists a bounded number of candidates ("and more"), and never hides
// the owner's own agent of that name, however many strangers came first.
func TestAmbiguityBounded(t *testing.T) {
	a := openTest(t, "")
	for i := range 3 * maxCandidates {
		mustCreate(t, a, fmt.Sprintf("0x%040x", i+1), "dup")
	}
	mine := mustCreate(t, a, victimOwner, "dup")
	_, err := a.Agent("dup")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != maxCandidates || !amb.More || !strings.HasSuffix(err.Error(), "and more") {
		t.Fatalf("a name %d agents share: %v, want %d candidates and more", 3*maxCandidates+1, err, maxCandidates)
	}
	if got, err := a.AgentOf("dup", victimOwner); err != nil || got.ID != mine.ID {
		t.Errorf("the owner's own %q: %s, %v; want %s", "dup", got.ID, err, mine.ID)
	}
	// Two candidates are all listed, with no "more".
	b := openTest(t, "")
	mustCreate(t, b, victimOwner, "pair")
	mustCreate(t, b, strangerOwner, "pair")
	if _, err := b.Agent("pair"); !errors.As(err, &amb) || len(amb.Candidates) != 2 || amb.More || strings.Contains(err.Error(), "more") {
		t.Errorf("a name two agents share: %v", err)
	}
}
