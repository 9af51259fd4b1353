package arena

import (
	"fmt"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
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
