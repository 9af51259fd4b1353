// Package learn closes the arena's loop: the preference pairs that
// matches give become training jobs, each job trains an agent's adapter
// with DPO (QLoRA by default) into a new adapter version with a signed
// proof-of-learning record, and the agent plays its next match with it.
//
// Jobs run in a bounded pool of workers beside the matches, never in
// their way. A job's pairs and seed are fixed when it is made, so a job
// that a restart interrupts runs again from its start and trains the same
// adapter.
package learn

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/spaces"
)

// Options configures a Learner. Arena, Dir, Base and Key are required; the
// zero value of every other field means its default.
type Options struct {
	Arena *arena.Arena
	// Dir is the data directory: a job writes its adapter version, the
	// pairs it trained on and its record to Dir/adapters/VERSION, where
	// the embedded backend finds it.
	Dir string
	// Base loads a fresh copy of the base model for a job (training may
	// quantise it, so it is never the copy that serves matches), and
	// BaseName names it in adapters and records.
	Base     func() (*lora.Model, error)
	BaseName string
	// Model is the model name of the agents a Learner trains: those that
	// play on the embedded backend. Empty means every agent that has no
	// endpoint and is not remote.
	Model string
	// Only, when set, narrows the agents trained further.
	Only func(agents.Agent) bool
	// Key signs the proof-of-learning records.
	Key *ecdsa.PrivateKey
	// Anchor, when set, anchors a record's hash for an agent on chain and
	// says where (a transaction hash).
	Anchor func(ctx context.Context, agent string, record [32]byte) (string, error)
	// Workers bounds the jobs run at once; zero means 1.
	Workers int
	// Poll is how often Run looks for work; zero means 5s.
	Poll   time.Duration
	Logger *slog.Logger
	// Progress, when set, hears of each optimiser step of a job.
	Progress func(j arena.Job, s lora.DPOStep)
}

// Learner makes and runs training jobs.
type Learner struct {
	opts Options
	a    *arena.Arena
	log  *slog.Logger

	mu      sync.Mutex
	running map[string]bool // job ids
}

// New makes a Learner. Jobs that a stopped process left running are
// queued again.
func New(opts Options) (*Learner, error) {
	switch {
	case opts.Arena == nil:
		return nil, errors.New("learn: no arena")
	case opts.Dir == "":
		return nil, errors.New("learn: no data directory")
	case opts.Base == nil:
		return nil, errors.New("learn: no base model")
	case opts.Key == nil:
		return nil, errors.New("learn: no key to sign records with")
	}
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.Poll <= 0 {
		opts.Poll = 5 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &Learner{opts: opts, a: opts.Arena, log: log, running: make(map[string]bool)}
	jobs, err := l.a.Jobs()
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if j.State == arena.JobRunning {
			if _, err := l.a.UpdateJob(j.ID, func(j *arena.Job) error { j.State = arena.JobQueued; return nil }); err != nil {
				return nil, err
			}
			log.Info("training job interrupted by a restart runs again", "job", j.ID, "agent", j.Agent)
		}
	}
	return l, nil
}

// trains says whether the Learner trains an agent.
func (l *Learner) trains(ag agents.Agent) bool {
	if ag.Remote || ag.Endpoint != "" {
		return false
	}
	return (l.opts.Model == "" || ag.Model == l.opts.Model) && (l.opts.Only == nil || l.opts.Only(ag))
}

// Plan makes a job for every agent that has gathered a Space's MinPairs
// new pairs and has no job waiting or running.
func (l *Learner) Plan() ([]arena.Job, error) {
	specs, err := l.a.Spaces()
	if err != nil {
		return nil, err
	}
	all, err := l.a.Agents()
	if err != nil {
		return nil, err
	}
	jobs, err := l.a.Jobs()
	if err != nil {
		return nil, err
	}
	stale := newStaleness(l.a, all)
	var made []arena.Job
	for _, spec := range specs {
		tr := spec.Training
		if tr.MinPairs == 0 {
			continue
		}
		held, err := arena.EvalPrompts(spec)
		if err != nil {
			return nil, err
		}
		// Most agents of a Space have trained up to the same pair (or
		// never): read each span of its pairs once, not once per agent.
		type span struct {
			upto   string       // the newest pair, usable or not
			usable []arena.Pair // those that may train
		}
		since := make(map[string]span)
		for _, ag := range all {
			if !l.trains(ag) {
				continue
			}
			// One job per agent at a time, in any Space: each starts
			// from the version the one before it made. The pairs of a
			// failed job are passed over with it (its error says why),
			// so a failure cannot repeat at every poll; those of a job
			// taken out of play train again.
			after, busy := "", false
			for _, j := range jobs {
				if j.Agent != ag.ID {
					continue
				}
				switch {
				case j.State == arena.JobQueued || j.State == arena.JobRunning:
					busy = true
				case (j.State == arena.JobDone || j.State == arena.JobFailed) && j.Space == spec.ID && !j.OutOfPlay:
					after = max(after, j.Upto)
				}
			}
			if busy {
				continue
			}
			sp, ok := since[after]
			if !ok {
				pairs, err := l.a.PairsBetween(spec.ID, after, "")
				if err != nil {
					return nil, err
				}
				if len(pairs) > 0 {
					sp.upto = pairs[len(pairs)-1].ID
				}
				sp.usable = slices.DeleteFunc(pairs, func(p arena.Pair) bool { return !usable(p, tr, held) })
				since[after] = sp
			}
			if sp.upto == "" {
				continue
			}
			// Pairs staler than the Space allows are left out, measured
			// against the version the job trains from.
			selected := Select(sp.usable, ag.ID, tr.Peers, 0)
			behind := make(map[string]int, len(selected))
			for _, p := range selected {
				if behind[p.ID], err = stale.pair(p, ag.ID, ag.Adapter); err != nil {
					return nil, err
				}
			}
			mine := slices.DeleteFunc(slices.Clone(selected), func(p arena.Pair) bool {
				return tr.MaxStaleness > 0 && behind[p.ID] > tr.MaxStaleness
			})
			if len(mine) < tr.MinPairs {
				continue
			}
			chosen := mine
			if limit := maxPairs(tr); len(chosen) > limit {
				chosen = chosen[len(chosen)-limit:]
			}
			ids := make([]string, len(chosen))
			staleMax, staleSum := 0, 0
			for i, p := range chosen {
				ids[i] = p.ID
				staleMax, staleSum = max(staleMax, behind[p.ID]), staleSum+behind[p.ID]
			}
			n := 1
			for _, j := range jobs {
				if j.Agent == ag.ID {
					n++
				}
			}
			j, err := l.a.AddJob(arena.Job{
				Agent: ag.ID, Space: spec.ID, Version: fmt.Sprintf("%s-v%d", ag.ID, n), Parent: ag.Adapter,
				After: after, Upto: sp.upto, Peers: tr.Peers, Seed: arena.Derive(uint64(n), uint64(len(mine))),
				PairIDs: ids, StaleMax: staleMax, StaleMean: float64(staleSum) / float64(len(chosen)), StaleDropped: len(selected) - len(mine),
			})
			if err != nil {
				return nil, err
			}
			l.log.Info("training job queued", "job", j.ID, "agent", ag.Name, "space", spec.ID, "pairs", len(chosen),
				"stale_max", staleMax, "stale_mean", j.StaleMean, "stale_dropped", j.StaleDropped)
			made = append(made, j)
			jobs = append(jobs, j)
		}
	}
	return made, nil
}

// Select picks an agent's pairs: those with a reply of its own and, with
// peers, the others of the matches it played. A pair whose prompt, chosen
// and rejected reply repeat a newer one's is left out: a round pairs every
// two of its samples, so when several samples say the same the same pair
// comes many times, and the copies would crowd distinct tasks out of the
// limit and weigh a few tasks over the rest. At most limit (all when 0),
// the newest.
func Select(pairs []arena.Pair, agent string, peers bool, limit int) []arena.Pair {
	played := make(map[string]bool)
	for _, p := range pairs {
		if p.Agents[0] == agent || p.Agents[1] == agent {
			played[p.Match] = true
		}
	}
	var out []arena.Pair
	seen := make(map[string]bool)
	for i := len(pairs) - 1; i >= 0; i-- {
		p := pairs[i]
		own := p.Agents[0] == agent || p.Agents[1] == agent
		if !own && !(peers && played[p.Match]) {
			continue
		}
		key := string(lora.ChatPair(p.Prompt, p.Chosen, p.Rejected).CanonicalJSON())
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	slices.Reverse(out)
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out
}

// Run plans and runs jobs until ctx is done; a job it interrupts stays
// queued, for the next start.
func (l *Learner) Run(ctx context.Context) error {
	sem := make(chan struct{}, l.opts.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(l.opts.Poll)
	defer t.Stop()
	for {
		if _, err := l.Plan(); err != nil {
			l.log.Warn("planning training jobs", "err", err)
		}
		jobs, err := l.a.Jobs()
		if err != nil {
			l.log.Warn("listing training jobs", "err", err)
		}
		for _, j := range jobs {
			if j.State != arena.JobQueued || !l.claim(j.ID) {
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				l.release(j.ID)
				return nil
			}
			wg.Go(func() {
				defer func() { <-sem; l.release(j.ID) }()
				if _, err := l.Train(ctx, j); err != nil && ctx.Err() == nil {
					l.log.Warn("training job failed", "job", j.ID, "err", err)
				}
			})
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunOnce runs jobs, one at a time, until no agent has pairs enough for
// another: an agent that trains in two Spaces trains in one, then from
// that version in the other.
func (l *Learner) RunOnce(ctx context.Context) ([]arena.Job, error) {
	var out []arena.Job
	for {
		if _, err := l.Plan(); err != nil {
			return out, err
		}
		jobs, err := l.a.Jobs()
		if err != nil {
			return out, err
		}
		ran := false
		for _, j := range jobs {
			if j.State != arena.JobQueued || !l.claim(j.ID) {
				continue
			}
			done, err := l.Train(ctx, j)
			l.release(j.ID)
			if err != nil {
				return out, err
			}
			out = append(out, done)
			ran = true
		}
		if !ran {
			return out, nil
		}
	}
}

func (l *Learner) claim(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running[id] {
		return false
	}
	l.running[id] = true
	return true
}

func (l *Learner) release(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.running, id)
}

// Train runs one job: it trains the agent's adapter on the job's pairs,
// writes the new version with its pairs and signed record, anchors the
// record, records the version and moves the agent onto it. A job that ctx
// interrupts is queued again; one that fails is marked failed.
func (l *Learner) Train(ctx context.Context, j arena.Job) (arena.Job, error) {
	j, err := l.a.UpdateJob(j.ID, func(j *arena.Job) error {
		j.State, j.Started, j.Error = arena.JobRunning, l.a.Now().UTC(), ""
		return nil
	})
	if err != nil {
		return j, err
	}
	res, err := l.train(ctx, j)
	if err == nil {
		if j, err = l.a.CompleteJob(res); err == nil {
			l.log.Info("agent trained", "agent", j.Agent, "version", j.Version, "pairs", j.Pairs, "steps", j.Steps, "loss", j.Loss, "record", j.Record)
			return j, nil
		}
	}
	failed := err
	j, err = l.a.UpdateJob(j.ID, func(j *arena.Job) error {
		switch {
		case ctx.Err() != nil:
			j.State = arena.JobQueued
		default:
			j.State, j.Ended, j.Error = arena.JobFailed, l.a.Now().UTC(), failed.Error()
		}
		return nil
	})
	if err != nil {
		return j, err
	}
	return j, failed
}

// JobPairs are a job's pairs, from the arena's own store: those it names
// (PairIDs), or, for a job made before jobs named them, those its span and
// the Space's training settings choose. The trainer trains on these and a
// verifier rebuilds them, so the two cannot disagree about a job's data.
func JobPairs(a *arena.Arena, j arena.Job) ([]lora.Pair, error) {
	chosen, err := storedPairs(a, j)
	if err != nil {
		return nil, err
	}
	pairs := make([]lora.Pair, len(chosen))
	for i, p := range chosen {
		pairs[i] = lora.ChatPair(p.Prompt, p.Chosen, p.Rejected)
	}
	return pairs, nil
}

// storedPairs are a job's pairs with their provenance (see JobPairs).
func storedPairs(a *arena.Arena, j arena.Job) ([]arena.Pair, error) {
	spec, err := a.Space(j.Space)
	if err != nil {
		return nil, err
	}
	var chosen []arena.Pair
	if len(j.PairIDs) > 0 {
		if chosen, err = a.PairsByID(j.Space, j.PairIDs); err != nil {
			return nil, fmt.Errorf("learn: job %s: %w", j.ID, err)
		}
	} else {
		tr := spec.Training
		all, err := a.PairsBetween(j.Space, j.After, j.Upto)
		if err != nil {
			return nil, err
		}
		held, err := arena.EvalPrompts(spec)
		if err != nil {
			return nil, err
		}
		all = slices.DeleteFunc(all, func(p arena.Pair) bool { return !usable(p, tr, held) })
		chosen = Select(all, j.Agent, j.Peers, maxPairs(tr))
	}
	if len(chosen) == 0 {
		return nil, fmt.Errorf("learn: job %s has no pairs", j.ID)
	}
	return chosen, nil
}

func (l *Learner) train(ctx context.Context, j arena.Job) (arena.Job, error) {
	spec, err := l.a.Space(j.Space)
	if err != nil {
		return j, err
	}
	tr := spec.Training
	pairs, err := JobPairs(l.a, j)
	if err != nil {
		return j, err
	}

	m, err := l.opts.Base()
	if err != nil {
		return j, err
	}
	baseHash, err := lora.BaseHash(m)
	if err != nil {
		return j, err
	}
	var ad *lora.Adapter
	if j.Parent != "" {
		ad, err = lora.LoadAdapter(filepath.Join(l.opts.Dir, "adapters", j.Parent), m)
	} else {
		ad, err = lora.NewAdapter(m, lora.AdapterConfig{Rank: tr.Rank, Targets: tr.Targets, BaseModel: l.opts.BaseName}, j.Seed)
	}
	if err != nil {
		return j, err
	}
	if !tr.FullPrecision {
		if err := m.QuantizeBase(false); err != nil {
			return j, err
		}
	}
	// The version's directory is written from scratch: a run a restart
	// cut short leaves only files no agent points at yet.
	out := filepath.Join(l.opts.Dir, "adapters", j.Version)
	if err := os.RemoveAll(out); err != nil {
		return j, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return j, err
	}
	if err := lora.SavePairs(filepath.Join(out, "pairs.jsonl"), pairs); err != nil {
		return j, err
	}
	res, err := lora.TrainDPO(ctx, m, ad, pairs, lora.DPOOptions{
		Method: tr.Method, Beta: tr.Beta, LR: tr.LR, Epochs: tr.Epochs, BatchSize: tr.Batch, Seed: j.Seed, RPOAlpha: 1,
		CheckpointDir: filepath.Join(out, "checkpoints"), CheckpointEvery: 10, BaseName: l.opts.BaseName, BaseHash: baseHash,
		Progress: func(s lora.DPOStep) {
			if l.opts.Progress != nil {
				l.opts.Progress(j, s)
			}
		},
	})
	if err != nil {
		return j, err
	}
	if err := ad.Save(out); err != nil {
		return j, err
	}
	// The record names its job, so that a verifier rebuilds the job's
	// pairs from the store and holds the record's dataset root to them.
	res.Record.Job = j.ID
	if err := res.Record.Save(filepath.Join(out, "record.json"), out, l.opts.Key); err != nil {
		return j, err
	}
	hash, err := res.Record.Hash()
	if err != nil {
		return j, err
	}
	j.Pairs, j.Steps, j.Record = len(pairs), res.Steps, fmt.Sprintf("0x%x", hash)
	if n := len(res.Losses); n > 0 {
		tail := res.Losses[n-max(1, n/max(1, epochsOf(tr))):]
		for _, x := range tail {
			j.Loss += x / float64(len(tail))
		}
	}
	if l.opts.Anchor != nil {
		if j.Anchor, err = l.opts.Anchor(ctx, j.Agent, hash); err != nil {
			return j, fmt.Errorf("learn: anchoring record %s: %w", j.Record, err)
		}
	}
	return j, nil
}

// staleness measures how many versions behind its author's current
// version a reply is, from the agents' adapter lineages, read once each.
type staleness struct {
	a       *arena.Arena
	current map[string]string            // agent id: the version it plays
	parents map[string]map[string]string // agent id: version: parent
}

func newStaleness(a *arena.Arena, all []agents.Agent) *staleness {
	s := &staleness{a: a, current: make(map[string]string), parents: make(map[string]map[string]string)}
	for _, ag := range all {
		s.current[ag.ID] = ag.Adapter
	}
	return s
}

// depth is a version's place in its author's lineage: 0 for the base
// model (and for a version the author has no record of), 1 for the first
// trained version, and so on.
func (s *staleness) depth(agent, version string) (int, error) {
	parents, ok := s.parents[agent]
	if !ok {
		vs, err := s.a.Adapters(agent)
		if err != nil {
			return 0, err
		}
		parents = make(map[string]string, len(vs))
		for _, v := range vs {
			parents[v.Version] = v.Parent
		}
		s.parents[agent] = parents
	}
	n := 0
	for v := version; v != ""; v = parents[v] {
		if _, ok := parents[v]; !ok || n > len(parents) {
			return 0, nil
		}
		n++
	}
	return n, nil
}

// pair is how stale a pair is for a job training agent from version
// from: the staler of its two replies, each measured against its
// author's current version (the trainee's being from). A pair made
// before replies named their versions counts as written by the base
// model.
func (s *staleness) pair(p arena.Pair, agent, from string) (int, error) {
	worst := 0
	for i, author := range p.Agents {
		now := s.current[author]
		if author == agent {
			now = from
		}
		have, err := s.depth(author, now)
		if err != nil {
			return 0, err
		}
		was, err := s.depth(author, p.Versions[i])
		if err != nil {
			return 0, err
		}
		worst = max(worst, have-was)
	}
	return worst, nil
}

// usable says whether a pair may train: both replies say something (a
// reply that failed or timed out is empty, and no loss is defined on an
// empty completion), its task is not in the evaluation set, and its
// chosen reply scored at least MinChosen.
func usable(p arena.Pair, tr spaces.Training, held map[string]bool) bool {
	return strings.TrimSpace(p.Chosen) != "" && strings.TrimSpace(p.Rejected) != "" &&
		!held[lastUser(p.Prompt)] && p.Scores[0] >= tr.MinChosen
}

// lastUser is the last user message of a chat: a pair's task.
func lastUser(msgs []agents.Message) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Role == "user" {
			return msgs[i].Content
		}
	}
	return ""
}

func maxPairs(tr spaces.Training) int {
	if tr.MaxPairs > 0 {
		return tr.MaxPairs
	}
	return 4 * tr.MinPairs
}

func epochsOf(tr spaces.Training) int {
	if tr.Epochs > 0 {
		return tr.Epochs
	}
	return 2
}
