package arena

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/spaces"
	"github.com/rlfc/arena/store"
)

// EvalSeed seeds every Space's evaluation set: the same tasks (or games)
// for every agent and version, so that their scores compare. Training
// leaves out pairs whose prompt is in the set (see EvalPrompts).
const EvalSeed = 0x6576616c // "eval"

// EvalSize is the size of every Space's evaluation set; an evaluation uses
// its first n tasks or games.
const EvalSize = 200

// Evaluation metrics.
const (
	MetricAccuracy = "accuracy" // parallel Spaces with verifiable tasks: share of tasks answered right
	MetricWinRate  = "win_rate" // games: score against a random-move opponent, a draw counting half
)

// Evaluation is an agent version's score on a Space's evaluation set; the
// stored record is the API's wire form.
type Evaluation = api.Evaluation

var evalTable = store.NewTable[Evaluation]("eval") // agent id/space/eval id

// Evaluate plays an agent, as it is now configured, through the first n
// tasks (or games) of a Space's evaluation set, and stores the result.
// Each reply is one sample with the agent's sampling and a seed fixed by
// the task, so a version's score is reproducible; it is cut at the
// Space's max_tokens and byte cap as a match's is (Engine.policy), so an
// evaluation scores what a match would see.
func (a *Arena) Evaluate(ctx context.Context, agentID, space string, n int) (Evaluation, error) {
	ag, err := a.Agent(agentID)
	if err != nil {
		return Evaluation{}, err
	}
	spec, err := a.Space(space)
	if err != nil {
		return Evaluation{}, err
	}
	if n <= 0 || n > EvalSize {
		return Evaluation{}, fmt.Errorf("arena: evaluate: %d tasks, want 1 to %d", n, EvalSize)
	}
	policy, err := a.engine.policy(ag) // replies cut as in matches
	if err != nil {
		return Evaluation{}, err
	}
	ask := func(t spaces.Task, seed uint64) string {
		sampling := ag.Sampling
		if sampling.MaxTokens <= 0 || sampling.MaxTokens > spec.MaxTokens() {
			sampling.MaxTokens = spec.MaxTokens()
		}
		ctx, cancel := context.WithTimeout(ctx, spec.ReplyTimeout())
		defer cancel()
		rs, err := policy.Reply(ctx, agents.Request{Messages: messages(ag, t), Sampling: sampling, N: 1, Seed: seed, Adapter: ag.Adapter}, nil)
		if err != nil || len(rs) == 0 {
			return "" // no reply scores as a wrong one
		}
		return rs[0].Text
	}
	ev := Evaluation{Agent: ag.ID, Space: spec.ID, Version: ag.Adapter, Scores: make([]float64, n)}
	switch spec.Mode {
	case spaces.Parallel:
		ev.Metric = MetricAccuracy
		gen, err := spec.Generator(EvalSeed)
		if err != nil {
			return ev, err
		}
		for i := range n {
			t := gen.Task(i)
			if t.Verifier == nil {
				return ev, fmt.Errorf("arena: evaluate: space %s has no verifiable tasks", spec.ID)
			}
			if score, _ := t.Verifier.Verify(ask(t, Derive(EvalSeed, uint64(i)))); score >= 1 {
				ev.Scores[i] = 1
			}
		}
	case spaces.Turns:
		ev.Metric = MetricWinRate
		for i := range n {
			g, err := spec.NewGame(EvalSeed, i)
			if err != nil {
				return ev, err
			}
			seat := i % 2 // the agent moves first in every other game
			r := rand.New(rand.NewPCG(EvalSeed, uint64(i)))
			for move := 0; !g.Over(); move++ {
				if g.ToMove() != seat {
					if err := g.Play(g.RandomMove(r)); err != nil {
						return ev, fmt.Errorf("arena: evaluate: the reference opponent: %w", err)
					}
					continue
				}
				if g.Play(ask(g.Task(), Derive(EvalSeed, uint64(i), uint64(move)))) != nil {
					g.Forfeit(seat)
				}
			}
			ev.Scores[i] = g.Outcome()[seat]
		}
	}
	if err := ctx.Err(); err != nil {
		return ev, err
	}
	sum := 0.0
	for _, s := range ev.Scores {
		sum += s
	}
	ev.Score = sum / float64(n)
	ev.Lo, ev.Hi = Wilson(ev.Score, n)
	ev.ID, ev.Time = store.NewID(), a.now().UTC()
	return ev, a.db.Update(func(tx *store.Tx) error {
		return evalTable.Put(tx, store.Key(ev.Agent, ev.Space, ev.ID), ev)
	})
}

// Evaluations lists an agent's evaluations in a Space, oldest first.
func (a *Arena) Evaluations(agent, space string) ([]Evaluation, error) {
	var out []Evaluation
	err := a.db.View(func(tx *store.Tx) error {
		return evalTable.Scan(tx, store.Key(agent, space, ""), func(_ string, ev Evaluation) error {
			out = append(out, ev)
			return nil
		})
	})
	return out, err
}

// EvalPrompts are the user prompts of a parallel Space's evaluation set,
// which training leaves out; nil for a turn-based Space, whose games are
// held out by their opponent rather than their positions.
func EvalPrompts(spec *spaces.Spec) (map[string]bool, error) {
	n := EvalSize
	if spec.Mode != spaces.Parallel {
		return nil, nil
	}
	gen, err := spec.Generator(EvalSeed)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, n)
	for i := range n {
		out[gen.Task(i).Prompt] = true
	}
	return out, nil
}

// Wilson is the Wilson score 95% interval of a proportion p observed over
// n trials.
func Wilson(p float64, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959964
	nn := float64(n)
	d := 1 + z*z/nn
	c := (p + z*z/(2*nn)) / d
	h := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / d
	return max(0, c-h), min(1, c+h)
}

// Change is the mean per-task difference after − before of two
// evaluations on the same set, with a 95% normal interval over the tasks'
// paired differences.
func Change(before, after Evaluation) (mean, lo, hi float64, err error) {
	n := len(before.Scores)
	if n == 0 || n != len(after.Scores) || before.Space != after.Space {
		return 0, 0, 0, errors.New("arena: change: the evaluations are not of the same set")
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = after.Scores[i] - before.Scores[i]
		mean += d[i] / float64(n)
	}
	v := 0.0
	for _, x := range d {
		v += (x - mean) * (x - mean)
	}
	if n > 1 {
		v /= float64(n - 1)
	}
	h := 1.959964 * math.Sqrt(v/float64(n))
	return mean, mean - h, mean + h, nil
}
