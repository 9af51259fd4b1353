package attack

import (
	"errors"
	"strings"
	"testing"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// ownershipError is err as the client's *client.Error, failing the test
// when it is something else.
func ownershipError(t *testing.T, what string, err error) *client.Error {
	t.Helper()
	var ce *client.Error
	if !errors.As(err, &ce) {
		t.Fatalf("%s: %v (%T), want the server's refusal", what, err, err)
	}
	return ce
}

// TestAttackAdapterTheft: a stranger sets their agent to play the victim's
// adapter, by the name the victim's training gives its versions (agent
// id, "-v", number), at create and by edit, and so would play and train
// on top of the victim's weights. The server refuses both, naming the
// version and why; the stranger's agent stays on the base model. (Making
// a real version takes a training run; arena's
// TestAdapterOfAnotherAgentRefused steals a recorded one.)
func TestAttackAdapterTheft(t *testing.T) {
	s := start(t)
	victim, _ := s.stranger(t)
	thief, _ := s.stranger(t)
	v, err := victim.CreateAgent(t.Context(), api.AgentConfig{Name: "victim", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	stolen := v.ID + "-v1"

	mine, err := thief.CreateAgent(t.Context(), api.AgentConfig{Name: "thief", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	up, err := thief.UpdateAgent(t.Context(), mine.ID, api.AgentPatch{Adapter: &stolen})
	if err == nil {
		t.Fatalf("the stranger's agent now plays the victim's adapter %q (agent adapter %q)", stolen, up.Adapter)
	}
	ce := ownershipError(t, "edit", err)
	if ce.Status != 400 || !strings.Contains(ce.Message, stolen) || !strings.Contains(ce.Message, "only its own adapter versions") {
		t.Errorf("edit refused with %d %q: want 400 naming %s and why", ce.Status, ce.Message, stolen)
	}

	made, err := thief.CreateAgent(t.Context(), api.AgentConfig{Name: "thief-2", Model: "arena-base", Adapter: stolen})
	if err == nil {
		t.Fatalf("the stranger created agent %s on the victim's adapter %q", made.ID, made.Adapter)
	}
	ce = ownershipError(t, "create", err)
	if ce.Status != 400 || !strings.Contains(ce.Message, stolen) {
		t.Errorf("create refused with %d %q: want 400 naming %s", ce.Status, ce.Message, stolen)
	}

	if got, err := thief.Agent(t.Context(), mine.ID); err != nil || got.Adapter != "" {
		t.Errorf("the stranger's agent plays %q (%v), want the base model", got.Adapter, err)
	}
	if n := s.metric(t, `arena_refusals_total{reason="adapter_not_own"}`); n < 2 {
		t.Errorf("arena_refusals_total{reason=\"adapter_not_own\"} is %v, want 2", n)
	}
}

// TestAttackNameSquatting: a stranger names agents after the victim's
// agent: its id (in the id's other spellings too) and its name. A
// reference by any of them must never resolve to the stranger's agent:
// names shaped like an id are refused, and a name two owners share is
// ambiguous to everyone but its owners, answered with the candidates.
// An owner's names are unique, in any case.
func TestAttackNameSquatting(t *testing.T) {
	s := start(t)
	victim, _ := s.stranger(t)
	squatter, _ := s.stranger(t)
	anon := client.New(s.URL)
	v, err := victim.CreateAgent(t.Context(), api.AgentConfig{Name: "champion", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}

	// Names shaped like the victim's id, which old servers took.
	var squats []api.Agent
	for _, name := range []string{v.ID, strings.ToUpper(v.ID), strings.ReplaceAll(v.ID, "-", "")} {
		ag, err := squatter.CreateAgent(t.Context(), api.AgentConfig{Name: name, Model: "arena-base"})
		if err == nil {
			squats = append(squats, ag)
			t.Errorf("a stranger named an agent %q, the victim's id", name)
			continue
		}
		if ce := ownershipError(t, "name "+name, err); ce.Status != 400 || !strings.Contains(ce.Message, "id") {
			t.Errorf("name %q refused with %d %q: want 400 saying it is shaped like an id", name, ce.Status, ce.Message)
		}
	}
	for _, ref := range []string{v.ID, strings.ToUpper(v.ID), strings.ReplaceAll(v.ID, "-", "")} {
		// The victim's agent, or no agent: never the stranger's.
		if got, err := anon.Agent(t.Context(), ref); err == nil && got.ID != v.ID {
			t.Errorf("the reference %q, the victim's id, resolves to the stranger's agent %s", ref, got.ID)
		}
	}

	// The victim's name: allowed for another owner, but then ambiguous.
	theirs, err := squatter.CreateAgent(t.Context(), api.AgentConfig{Name: "champion", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = anon.Agent(t.Context(), "champion")
	if err == nil {
		t.Fatal("a name two owners share resolves to one of them")
	}
	ce := ownershipError(t, "ambiguous name", err)
	if ce.Status != 409 && ce.Status != 400 || !strings.Contains(ce.Message, v.ID) || !strings.Contains(ce.Message, theirs.ID) ||
		!strings.Contains(ce.Message, v.Owner) || !strings.Contains(ce.Message, theirs.Owner) {
		t.Errorf("ambiguous name answered %d %q: want 409 listing both agents with their owners", ce.Status, ce.Message)
	}
	// Owners still reach their own agents by name.
	sys := "mine"
	if got, err := victim.UpdateAgent(t.Context(), "champion", api.AgentPatch{System: &sys}); err != nil || got.ID != v.ID {
		t.Errorf("the victim edits its agent by name: got %s, %v", got.ID, err)
	}
	if got, err := squatter.UpdateAgent(t.Context(), "CHAMPION", api.AgentPatch{System: &sys}); err == nil && got.ID == v.ID {
		t.Errorf("the stranger edited the victim's agent by its name")
	}
	// One owner's names are unique, in any case.
	if dup, err := squatter.CreateAgent(t.Context(), api.AgentConfig{Name: "CHAMPION", Model: "arena-base"}); err == nil {
		t.Errorf("a stranger made a second agent %s named like its first", dup.ID)
	}
	if n := s.metric(t, `arena_refusals_total{reason="agent_name"}`); n < 4 {
		t.Errorf("arena_refusals_total{reason=\"agent_name\"} is %v, want at least 4", n)
	}
}
