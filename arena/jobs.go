package arena

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/store"
)

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// Job is a training job: an agent's adapter trained with DPO on the
// preference pairs a Space gave it, into a new adapter version. Its pairs
// are fixed when it is made (those after After, up to Upto), and so is its
// seed, so a job re-run after a restart trains the same adapter.
type Job struct {
	ID      string `json:"id"`
	Agent   string `json:"agent"`
	Space   string `json:"space"`
	Version string `json:"version"`          // the adapter version it makes
	Parent  string `json:"parent,omitempty"` // the version it starts from; "" for a fresh adapter
	After   string `json:"after,omitempty"`  // pair ids after this one ...
	Upto    string `json:"upto"`             // ... up to and including this one
	Peers   bool   `json:"peers,omitempty"`  // with the peers' pairs of the agent's matches
	Seed    uint64 `json:"seed"`
	State   string `json:"state"`

	Created time.Time `json:"created"`
	Started time.Time `json:"started,omitzero"`
	Ended   time.Time `json:"ended,omitzero"`
	// What it did: pairs trained on, optimiser steps, the last epoch's
	// mean loss, and its proof-of-learning record's hash and anchor.
	Pairs  int     `json:"pairs,omitempty"`
	Steps  int     `json:"steps,omitempty"`
	Loss   float64 `json:"loss,omitempty"`
	Record string  `json:"record,omitempty"`
	Anchor string  `json:"anchor,omitempty"` // the transaction that anchored Record
	Error  string  `json:"error,omitempty"`
	// Check is what a verifier found: "" before it looked, "verified",
	// "not sampled", or "flagged: " and why.
	Check string `json:"check,omitempty"`
}

var jobTable = store.NewTable[Job]("job") // job id

// AddJob stores a new job, queued.
func (a *Arena) AddJob(j Job) (Job, error) {
	j.ID, j.State, j.Created = store.NewID(), JobQueued, a.now().UTC()
	return j, a.db.Update(func(tx *store.Tx) error { return jobTable.Put(tx, j.ID, j) })
}

// Jobs lists every job, oldest first.
func (a *Arena) Jobs() ([]Job, error) {
	var out []Job
	err := a.db.View(func(tx *store.Tx) error {
		return jobTable.Scan(tx, "", func(_ string, j Job) error {
			out = append(out, j)
			return nil
		})
	})
	return out, err
}

// Job finds a job by its id, its adapter version or its record's hash.
func (a *Arena) Job(ref string) (Job, error) {
	jobs, err := a.Jobs()
	if err != nil {
		return Job{}, err
	}
	for _, j := range jobs {
		if j.ID == ref || j.Version == ref || (j.Record != "" && strings.EqualFold(j.Record, ref)) {
			return j, nil
		}
	}
	return Job{}, fmt.Errorf("arena: no training job, adapter version or record %q: %w", ref, store.ErrNotFound)
}

// UpdateJob changes a job in one transaction.
func (a *Arena) UpdateJob(id string, edit func(*Job) error) (Job, error) {
	var j Job
	err := a.db.Update(func(tx *store.Tx) error {
		var err error
		if j, err = jobTable.Get(tx, id); err != nil {
			return fmt.Errorf("arena: job %s: %w", id, err)
		}
		if err := edit(&j); err != nil {
			return err
		}
		return jobTable.Put(tx, id, j)
	})
	return j, err
}

// PairsBetween lists a Space's pairs with ids after after (all when "")
// up to and including upto (all when ""), oldest first. Pair ids are
// time-ordered, so this is every pair made in that span.
func (a *Arena) PairsBetween(space, after, upto string) ([]Pair, error) {
	var out []Pair
	err := a.db.View(func(tx *store.Tx) error {
		return pairTable.Scan(tx, space+"/", func(_ string, p Pair) error {
			if upto != "" && p.ID > upto {
				return store.Stop
			}
			if p.ID > after {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, err
}

// CompleteJob records a trained job in one transaction: its adapter
// version (Agent, Version, Parent, Pairs, Record), the agent moved onto
// it, and the job done. Completing a job again after a crash finds the
// version recorded and does the rest.
func (a *Arena) CompleteJob(j Job) (Job, error) {
	if err := agents.CheckVersion(j.Version); err != nil {
		return j, err
	}
	now := a.now().UTC()
	err := a.db.Update(func(tx *store.Tx) error {
		ag, err := agentTable.Get(tx, j.Agent)
		if err != nil {
			return fmt.Errorf("arena: job %s: agent %s: %w", j.ID, j.Agent, err)
		}
		key := store.Key(j.Agent, j.Version)
		switch old, err := adapterTable.Get(tx, key); {
		case err == nil && old.Record != j.Record:
			return fmt.Errorf("arena: job %s: agent %s already has adapter %s, from record %s", j.ID, j.Agent, j.Version, old.Record)
		case errors.Is(err, store.ErrNotFound):
			v := AdapterVersion{Agent: j.Agent, Version: j.Version, Parent: j.Parent, Created: now, Pairs: j.Pairs, Record: j.Record}
			if err := adapterTable.Put(tx, key, v); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		ag.Adapter = j.Version
		if err := agentTable.Put(tx, ag.ID, ag); err != nil {
			return err
		}
		j.State, j.Ended, j.Error = JobDone, now, ""
		return jobTable.Put(tx, j.ID, j)
	})
	return j, err
}
