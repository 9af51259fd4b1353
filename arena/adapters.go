package arena

import (
	"errors"
	"fmt"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/store"
)

var adapterTable = store.NewTable[AdapterVersion]("adapter") // agent id/version

// AdapterVersion describes one of an agent's adapter versions; the
// weights themselves live in the data directory (adapters/VERSION, PEFT
// layout), where the embedded backend loads them. The stored record is the
// API's wire form.
type AdapterVersion = api.AdapterVersion

// AddAdapter records a new adapter version of an agent. Versions are
// written once: recording one twice is an error.
func (a *Arena) AddAdapter(v AdapterVersion) error {
	if err := agents.CheckVersion(v.Version); err != nil {
		return err
	}
	if v.Created.IsZero() {
		v.Created = a.now().UTC()
	}
	return a.db.Update(func(tx *store.Tx) error {
		if _, err := agentTable.Get(tx, v.Agent); err != nil {
			return fmt.Errorf("arena: adapter %s: agent %s: %w", v.Version, v.Agent, err)
		}
		key := store.Key(v.Agent, v.Version)
		if ok, err := adapterTable.Has(tx, key); err != nil || ok {
			if ok {
				err = fmt.Errorf("arena: agent %s already has adapter %s", v.Agent, v.Version)
			}
			return err
		}
		return adapterTable.Put(tx, key, v)
	})
}

// Adapters lists an agent's adapter versions, in version order.
func (a *Arena) Adapters(agent string) ([]AdapterVersion, error) {
	var out []AdapterVersion
	err := a.db.View(func(tx *store.Tx) error {
		return adapterTable.Scan(tx, store.Key(agent, ""), func(_ string, v AdapterVersion) error {
			out = append(out, v)
			return nil
		})
	})
	return out, err
}

// ErrNotOwnAdapter is the kind of error an agent set to play an adapter
// version outside its own lineage gets. An agent plays the base model
// ("") or one of its own versions: those recorded under its id, which
// only its own training jobs make (see CompleteJob). Playing, and then
// training on top of, another owner's adapter would take their work.
// Such errors are also *agents.FieldError, as any bad field.
var ErrNotOwnAdapter = errors.New("arena: adapter version is not the agent's own")

// ErrOutOfPlay is the kind of error an agent set to play a version taken
// out of play gets (see Arena.SetCheck): a version whose training failed
// verification never plays again. Such errors are also *agents.FieldError.
var ErrOutOfPlay = errors.New("arena: adapter version is out of play")

// checkAdapter refuses ag's adapter when it is not one of ag's own
// versions, saying whose it is when it is another agent's.
func checkAdapter(tx *store.Tx, ag agents.Agent) error {
	if ag.Adapter == "" {
		return nil
	}
	switch v, err := adapterTable.Get(tx, store.Key(ag.ID, ag.Adapter)); {
	case err == nil && v.OutOfPlay:
		return &fieldRefusal{ErrOutOfPlay, &agents.FieldError{Field: "adapter",
			Problem: fmt.Sprintf("version %q of agent %s is out of play: its training record, or an ancestor's, failed verification", ag.Adapter, ag.ID)}}
	case err == nil:
		return nil
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	whose := ""
	err := adapterTable.Scan(tx, "", func(_ string, v AdapterVersion) error {
		if v.Version == ag.Adapter {
			whose = v.Agent
			return store.Stop
		}
		return nil
	})
	if err != nil {
		return err
	}
	problem := fmt.Sprintf("agent %s has no adapter version %q", ag.ID, ag.Adapter)
	if whose != "" {
		problem = fmt.Sprintf("version %q is agent %s's, not agent %s's", ag.Adapter, whose, ag.ID)
	}
	refusal.Count(refusal.AdapterNotOwn)
	return &fieldRefusal{ErrNotOwnAdapter, &agents.FieldError{Field: "adapter",
		Problem: problem + `: an agent plays only its own adapter versions, those its training made, or the base model ("")`}}
}
