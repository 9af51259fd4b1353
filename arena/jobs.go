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
// are fixed when it is made (PairIDs, chosen among those after After, up
// to Upto), and so is its seed, so a job re-run after a restart trains the
// same adapter, and a verifier rebuilds exactly the pairs its record must
// have trained on from the arena's own store.
type Job struct {
	ID      string `json:"id"`
	Agent   string `json:"agent"`
	Space   string `json:"space"`
	Version string `json:"version"`          // the adapter version it makes
	Parent  string `json:"parent,omitempty"` // the version it starts from; "" for a fresh adapter
	After   string `json:"after,omitempty"`  // pair ids after this one ...
	Upto    string `json:"upto"`             // ... up to and including this one
	Peers   bool   `json:"peers,omitempty"`  // with the peers' pairs of the agent's matches
	// PairIDs are the job's pairs, exactly and in training order: the
	// pairs its record's dataset root must be taken over. Empty only for
	// a job made before they were recorded, whose pairs are chosen again
	// from After, Upto and the Space's training settings.
	PairIDs []string `json:"pair_ids,omitempty"`
	// StaleMean and StaleMax are how many versions behind their authors'
	// versions at the time the job was made the replies of its pairs were
	// (a pair counts its staler reply), and StaleDropped how many pairs
	// were left out as staler than the Space's max_staleness.
	StaleMean    float64 `json:"stale_mean,omitempty"`
	StaleMax     int     `json:"stale_max,omitempty"`
	StaleDropped int     `json:"stale_dropped,omitempty"`
	Seed         uint64  `json:"seed"`
	State        string  `json:"state"`

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
	// OutOfPlay marks a job whose version was taken out of play: its
	// record or an ancestor's failed verification, or it was queued or
	// trained on top of one that did. Its pairs are free for another job.
	OutOfPlay bool `json:"out_of_play,omitempty"`
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

// PairsByID reads a Space's pairs by id, in the order given; a missing
// pair is an error naming it.
func (a *Arena) PairsByID(space string, ids []string) ([]Pair, error) {
	out := make([]Pair, 0, len(ids))
	err := a.db.View(func(tx *store.Tx) error {
		for _, id := range ids {
			p, err := pairTable.Get(tx, store.Key(space, id))
			if err != nil {
				return fmt.Errorf("arena: pair %s of space %s: %w", id, space, err)
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// Flagged says whether a verifier's Check is a failure.
func Flagged(check string) bool { return strings.HasPrefix(check, "flagged") }

// SetCheck records what a verifier found of a job's record. A flagged
// record takes its version out of play in the same transaction, since a
// version whose training cannot be vouched for must not go on earning:
// the agent rolls back to the newest version of its lineage before the
// flagged one whose record was verified (re-executed and found sound),
// or to the base model when there is none. A version whose record was
// merely not sampled is rolled back past too: the trainer that signed it
// has just been caught, and only a verified record is evidence of
// training. Every version rolled back past and every version trained on
// top of one is out of play (no agent may be set to it again); their jobs
// are marked OutOfPlay so that their pairs train again in a new job, and
// a job queued on top of one fails, its pairs free as well.
func (a *Arena) SetCheck(id, check string) (Job, error) {
	var j Job
	err := a.db.Update(func(tx *store.Tx) error {
		var err error
		if j, err = jobTable.Get(tx, id); err != nil {
			return fmt.Errorf("arena: job %s: %w", id, err)
		}
		j.Check = check
		if err := jobTable.Put(tx, id, j); err != nil {
			return err
		}
		if !Flagged(check) {
			return nil
		}
		j.OutOfPlay, err = a.takeOutOfPlay(tx, j)
		return err
	})
	return j, err
}

// takeOutOfPlay rolls j's agent back past j's version (see SetCheck) and
// says whether j's version was in its lineage and so taken out of play.
func (a *Arena) takeOutOfPlay(tx *store.Tx, flagged Job) (bool, error) {
	versions := make(map[string]AdapterVersion)
	err := adapterTable.Scan(tx, store.Key(flagged.Agent, ""), func(_ string, v AdapterVersion) error {
		versions[v.Version] = v
		return nil
	})
	if err != nil {
		return false, err
	}
	if _, ok := versions[flagged.Version]; !ok {
		return false, nil // never recorded: nothing plays it
	}
	jobs := make(map[string]Job) // by version, the agent's
	err = jobTable.Scan(tx, "", func(_ string, j Job) error {
		if j.Agent == flagged.Agent {
			jobs[j.Version] = j
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	jobs[flagged.Version] = flagged
	// The target: the newest verified ancestor still in play.
	out := map[string]bool{flagged.Version: true}
	target := versions[flagged.Version].Parent
	for n := 0; target != ""; n++ {
		if j, ok := jobs[target]; ok && j.Check == "verified" && !j.OutOfPlay && !versions[target].OutOfPlay {
			break
		}
		if n > len(versions) {
			return false, fmt.Errorf("arena: adapter versions of %s loop at %s", flagged.Agent, target)
		}
		out[target] = true
		target = versions[target].Parent
	}
	// And everything trained on top of a version taken out.
	for grew := true; grew; {
		grew = false
		for name, v := range versions {
			if !out[name] && out[v.Parent] {
				out[name], grew = true, true
			}
		}
	}
	for name := range out {
		v := versions[name]
		if !v.OutOfPlay {
			v.OutOfPlay = true
			if err := adapterTable.Put(tx, store.Key(v.Agent, v.Version), v); err != nil {
				return false, err
			}
		}
	}
	for _, j := range jobs {
		switch {
		case j.ID == flagged.ID:
			j = flagged
			j.OutOfPlay = true
		case out[j.Version] && !j.OutOfPlay:
			j.OutOfPlay = true
		case j.State == JobQueued && out[j.Parent]:
			j.State, j.Ended, j.OutOfPlay = JobFailed, a.now().UTC(), true
			j.Error = fmt.Sprintf("its parent version %s was taken out of play", j.Parent)
		default:
			continue
		}
		if err := jobTable.Put(tx, j.ID, j); err != nil {
			return false, err
		}
	}
	ag, err := agentTable.Get(tx, flagged.Agent)
	if err != nil {
		return false, fmt.Errorf("arena: job %s: agent %s: %w", flagged.ID, flagged.Agent, err)
	}
	if out[ag.Adapter] {
		a.log.Warn("a training record failed verification: the agent rolls back", "agent", ag.ID, "from", ag.Adapter, "to", target, "flagged", flagged.Version)
		ag.Adapter = target
		if err := agentTable.Put(tx, ag.ID, ag); err != nil {
			return false, err
		}
	}
	return true, nil
}

// CompleteJob records a trained job in one transaction: its adapter
// version (Agent, Version, Parent, Pairs, Record), the agent moved onto
// it, and the job done. Completing a job again after a crash finds the
// version recorded and does the rest. A job whose parent was taken out of
// play while it trained is recorded out of play too, and the agent stays
// where the roll-back left it.
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
		if j.Parent != "" {
			parent, err := adapterTable.Get(tx, store.Key(j.Agent, j.Parent))
			if err != nil {
				return fmt.Errorf("arena: job %s: parent version %s: %w", j.ID, j.Parent, err)
			}
			j.OutOfPlay = j.OutOfPlay || parent.OutOfPlay
		}
		key := store.Key(j.Agent, j.Version)
		switch old, err := adapterTable.Get(tx, key); {
		case err == nil && old.Record != j.Record:
			return fmt.Errorf("arena: job %s: agent %s already has adapter %s, from record %s", j.ID, j.Agent, j.Version, old.Record)
		case errors.Is(err, store.ErrNotFound):
			v := AdapterVersion{Agent: j.Agent, Version: j.Version, Parent: j.Parent, Created: now, Pairs: j.Pairs, Record: j.Record, OutOfPlay: j.OutOfPlay}
			if err := adapterTable.Put(tx, key, v); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if !j.OutOfPlay {
			ag.Adapter = j.Version
			if err := agentTable.Put(tx, ag.ID, ag); err != nil {
				return err
			}
		}
		j.State, j.Ended, j.Error = JobDone, now, ""
		return jobTable.Put(tx, j.ID, j)
	})
	return j, err
}
