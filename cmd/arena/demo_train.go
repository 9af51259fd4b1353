package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/learn"
	"github.com/rlfc/arena/arena/onchain"
	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/spaces"
)

// demoTraining closes the demo's loop: it scores the house agents on each
// training Space's held-out set, trains them on the season's pairs
// (records anchored on chain), re-checks a sample of the records with the
// chain's challenge, and scores them again.
func demoTraining(ctx context.Context, w io.Writer, a *arena.Arena, bridge *onchain.Bridge, specs []*spaces.Spec, house []agents.Agent, names map[string]string, data string, n int) error {
	var trained []*spaces.Spec
	for _, s := range specs {
		if s.Training.MinPairs > 0 {
			trained = append(trained, s)
		}
	}
	if len(trained) == 0 {
		return nil
	}
	key, err := loadTrainerKey(filepath.Join(data, "trainer.key"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTraining: agents with enough new pairs train their adapters with DPO as %s.\n", crypto.PubkeyToAddress(key.PublicKey))
	before := make(map[string]arena.Evaluation)
	for _, s := range trained {
		if err := evaluateAll(ctx, w, a, s, house, n, "before", before); err != nil {
			return err
		}
	}
	var bar *progress.Bar
	l, err := learn.New(learn.Options{
		Arena: a, Dir: data, Base: embedded.Load, BaseName: embedded.Name, Model: embedded.Name, Key: key, Anchor: bridge.Anchor,
		Progress: func(j arena.Job, s lora.DPOStep) {
			if s.Step == 1 {
				bar = progress.New(w, fmt.Sprintf("train %-7s %s", names[j.Agent], j.Space), s.Steps)
			}
			bar.Update(s.Step, fmt.Sprintf("loss %.4f  acc %3.0f%%", s.Loss, 100*s.Accuracy))
			if s.Step == s.Steps {
				bar.Done()
			}
		},
	})
	if err != nil {
		return err
	}
	jobs, err := l.RunOnce(ctx)
	if err != nil {
		return err
	}
	pairs := 0
	for _, j := range jobs {
		pairs += j.Pairs
	}
	fmt.Fprintf(w, "%d training jobs on %d pairs; each record signed, stored and anchored on chain.\n", len(jobs), pairs)
	v := &learn.Verifier{Arena: a, Dir: data, Base: embedded.Load}
	// The simulated chain's blocks are the operator's to make, so the
	// challenge is the verifier's own beacon, drawn after each record.
	v.SlashOnChain(bridge)
	checked, err := v.Check(ctx)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, j := range checked {
		counts[j.Check]++
	}
	fmt.Fprintf(w, "Verifier: %d records re-executed, chosen by a random beacon drawn after each record, %d verified, %d not sampled, %d flagged.\n",
		len(checked)-counts["not sampled"], counts["verified"], counts["not sampled"], len(checked)-counts["verified"]-counts["not sampled"])

	after := make(map[string]arena.Evaluation)
	for _, s := range trained {
		if err := evaluateAll(ctx, w, a, s, house, n, "after", after); err != nil {
			return err
		}
		b0 := before[s.ID+"/"+house[0].ID]
		fmt.Fprintf(w, "%s: held-out %s over %d %s, before and after training (95%% intervals):\n", s.ID, b0.Metric, n, map[bool]string{true: "tasks", false: "games"}[s.Mode == spaces.Parallel])
		for _, ag := range house {
			b, e := before[s.ID+"/"+ag.ID], after[s.ID+"/"+ag.ID]
			mean, lo, hi, err := arena.Change(b, e)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "  %-7s %.2f [%.2f, %.2f] -> %.2f [%.2f, %.2f]  change %+.2f [%+.2f, %+.2f]\n",
				ag.Name, b.Score, b.Lo, b.Hi, e.Score, e.Lo, e.Hi, mean, lo, hi)
		}
	}
	return nil
}

// evaluateAll scores every agent on a Space's evaluation set, keyed by
// space/agent in out.
func evaluateAll(ctx context.Context, w io.Writer, a *arena.Arena, s *spaces.Spec, house []agents.Agent, n int, when string, out map[string]arena.Evaluation) error {
	bar := progress.New(w, fmt.Sprintf("evaluate %s %s", s.ID, when), len(house))
	for i, ag := range house {
		ev, err := a.Evaluate(ctx, ag.ID, s.ID, n)
		if err != nil {
			return err
		}
		out[s.ID+"/"+ag.ID] = ev
		bar.Update(i+1, "")
	}
	bar.Done()
	return nil
}
