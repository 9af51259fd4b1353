package arena

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/store"
)

// How agents are referred to. An agent's id is the one reference that
// never changes hands, so it always wins: no agent may take a name shaped
// like an id, and a reference shaped like an id is looked up as an id
// only. A name is unique among one owner's agents (in any case), but
// several owners may each have an agent of the same name; a reference
// that fits more than one agent is an *AmbiguousError listing them, never
// a guess, so a stranger who copies a name can make it ambiguous but can
// never have it resolve to their own agent.

// ErrAmbiguous is the kind of error a reference that fits several agents
// gets: match it with errors.Is, and read the candidates with errors.As
// and *AmbiguousError.
var ErrAmbiguous = errors.New("arena: ambiguous agent reference")

// ErrAgentName is the kind of error a name refused at create or rename
// gets: shaped like an agent id, or taken by another of the owner's
// agents. Such errors are also *agents.FieldError, as any bad field.
var ErrAgentName = errors.New("arena: agent name refused")

// ErrAgentCap is the kind of error an agent refused at create gets when
// its owner already has as many agents as Options.MaxAgentsPerOwner
// allows: every free sign-in can create agents, and each one is read by
// every create, rename and lookup by name.
var ErrAgentCap = errors.New("arena: owner's agents at the cap")

// DefaultMaxAgentsPerOwner is Options.MaxAgentsPerOwner's default.
const DefaultMaxAgentsPerOwner = 64

// maxCandidates bounds how many candidates an AmbiguousError keeps and
// lists, so that a one-letter prefix that fits every agent costs neither
// memory nor a huge error.
const maxCandidates = 10

// Candidate is one agent an ambiguous reference fits: what tells it apart.
type Candidate struct {
	ID, Owner, Name string
}

// AmbiguousError is a reference that fits several agents.
type AmbiguousError struct {
	Ref string
	// Candidates are the first agents the reference fits, at most
	// maxCandidates of them; More says it fits others too.
	Candidates []Candidate
	More       bool
}

// Error names the reference and lists the candidates.
func (e *AmbiguousError) Error() string {
	var b strings.Builder
	if e.More {
		fmt.Fprintf(&b, "arena: %q fits more than %d agents; name one by its id:", e.Ref, len(e.Candidates))
	} else {
		fmt.Fprintf(&b, "arena: %q fits %d agents; name one by its id:", e.Ref, len(e.Candidates))
	}
	for i, c := range e.Candidates {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s (%q, owner %s)", c.ID, c.Name, c.Owner)
	}
	if e.More {
		b.WriteString(", and more")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// AgentOf is Agent from owner's side: when a name or id prefix fits
// several agents and exactly one of them is owner's, it means that one,
// so an owner acts on their own agents by name (edit, enter, connect a
// runner) whatever names strangers pick. owner "" is Agent.
func (a *Arena) AgentOf(ref, owner string) (agents.Agent, error) {
	if strings.TrimSpace(ref) == "" {
		return agents.Agent{}, fmt.Errorf("arena: no agent named: the reference is empty: %w", store.ErrNotFound)
	}
	key := ref
	id, err := uuid.Parse(strings.TrimSpace(ref))
	idShaped := err == nil // as agents.IDShaped
	if idShaped {
		key = id.String() // an id in any of its forms means that agent
	}
	var exact *agents.Agent
	// Of the agents ref fits, only the first maxCandidates+1 are kept (the
	// last to tell that there are more), and owner's: as many as the cap
	// on an owner's agents, and never crowded out by strangers' agents.
	var found, mine []agents.Agent
	err = a.db.View(func(tx *store.Tx) error {
		if ag, err := agentTable.Get(tx, key); err == nil {
			exact = &ag
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if idShaped {
			return nil // an id is never a name nor a prefix of another id
		}
		return agentTable.Scan(tx, "", func(id string, ag agents.Agent) error {
			if !strings.HasPrefix(id, ref) && !strings.EqualFold(ag.Name, ref) {
				return nil
			}
			if len(found) <= maxCandidates {
				found = append(found, ag)
			}
			if owner != "" && strings.EqualFold(ag.Owner, owner) {
				mine = append(mine, ag)
			}
			return nil
		})
	})
	switch {
	case err != nil:
		return agents.Agent{}, err
	case exact != nil:
		return *exact, nil
	}
	if len(found) > 1 && len(mine) > 0 {
		found = mine
	}
	switch len(found) {
	case 0:
		return agents.Agent{}, fmt.Errorf("arena: no agent %q: %w", ref, store.ErrNotFound)
	case 1:
		return found[0], nil
	}
	refusal.Count(refusal.AgentAmbiguous)
	amb := &AmbiguousError{Ref: ref, More: len(found) > maxCandidates}
	for _, ag := range found[:min(len(found), maxCandidates)] {
		amb.Candidates = append(amb.Candidates, Candidate{ID: ag.ID, Owner: ag.Owner, Name: ag.Name})
	}
	return agents.Agent{}, amb
}

// checkName refuses ag's name when it is shaped like an agent id or
// another of its owner's agents has it, in any case. It reads every
// agent; callers hold Arena.names, so that two agents cannot take one
// name at once.
func checkName(tx *store.Tx, ag agents.Agent) error {
	_, err := scanOwner(tx, ag)
	return err
}

// checkNew is checkName for a new agent, which is also refused when its
// owner already has most agents (house agents aside; most < 0: no cap).
// Callers hold Arena.names, so that two creates cannot both take the
// last place.
func checkNew(tx *store.Tx, ag agents.Agent, most int) error {
	n, err := scanOwner(tx, ag)
	if err != nil || most < 0 || n < most || exempt(ag) {
		return err
	}
	refusal.Count(refusal.AgentCap)
	return fmt.Errorf("%w: owner %s has %d agents, the most one owner may have here; edit one of them instead of creating another",
		ErrAgentCap, ag.Owner, n)
}

// scanOwner checks ag's name as checkName says, and counts the agents
// its owner has besides ag, in one read of every agent.
func scanOwner(tx *store.Tx, ag agents.Agent) (int, error) {
	refuse := func(format string, args ...any) error {
		refusal.Count(refusal.AgentName)
		return &fieldRefusal{ErrAgentName, &agents.FieldError{Field: "name", Problem: fmt.Sprintf(format, args...)}}
	}
	if agents.IDShaped(ag.Name) {
		return 0, refuse("%q is shaped like an agent id; an id always means the agent that has it, so no name may look like one", ag.Name)
	}
	n := 0
	err := agentTable.Scan(tx, "", func(id string, other agents.Agent) error {
		if id == ag.ID || !strings.EqualFold(other.Owner, ag.Owner) {
			return nil
		}
		n++
		if strings.EqualFold(strings.TrimSpace(other.Name), strings.TrimSpace(ag.Name)) {
			return refuse("%q is taken: the same owner's agent %s is called %q (an owner's agents have different names, in any case)", ag.Name, id, other.Name)
		}
		return nil
	})
	return n, err
}

// fieldRefusal is a bad field that is also a refusal of some kind: it
// reads as the field error, errors.Is matches its kind, and errors.As
// finds its *agents.FieldError (so the server answers 400 as for any bad
// field).
type fieldRefusal struct {
	kind  error
	field *agents.FieldError
}

func (e *fieldRefusal) Error() string   { return e.field.Error() }
func (e *fieldRefusal) Unwrap() []error { return []error{e.kind, e.field} }
