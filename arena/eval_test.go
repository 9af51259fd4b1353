package arena

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
)

func TestEvaluateAccuracyAndWinRate(t *testing.T) {
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: policyBySystem{
		"off 0": bySystem, "off 3": bySystem, "perfect": tttPlayer(true), "garbage": tttPlayer(false),
	}, Model: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ags := createAgents(t, a, "off 0", "off 3", "perfect", "garbage")
	for _, tc := range []struct {
		agent, space, metric string
		lo, hi               float64
	}{
		{ags[0].ID, "sum-duel", MetricAccuracy, 1, 1},
		{ags[1].ID, "sum-duel", MetricAccuracy, 0, 0},
		{ags[2].ID, "tic-tac-toe", MetricWinRate, 0.8, 1}, // perfect play never loses to a random mover
		{ags[3].ID, "tic-tac-toe", MetricWinRate, 0, 0},   // every move illegal: every game forfeited
	} {
		ev, err := a.Evaluate(t.Context(), tc.agent, tc.space, 40)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Metric != tc.metric || ev.Score < tc.lo || ev.Score > tc.hi || len(ev.Scores) != 40 || ev.Lo > ev.Score || ev.Hi < ev.Score {
			t.Errorf("%s in %s: %s %.3f [%.3f, %.3f], want %s in [%v, %v]", tc.agent, tc.space, ev.Metric, ev.Score, ev.Lo, ev.Hi, tc.metric, tc.lo, tc.hi)
		}
		again, _ := a.Evaluate(t.Context(), tc.agent, tc.space, 40)
		if again.Score != ev.Score {
			t.Errorf("%s in %s: %.3f then %.3f on the same set", tc.agent, tc.space, ev.Score, again.Score)
		}
	}
	if evs, _ := a.Evaluations(ags[0].ID, "sum-duel"); len(evs) != 2 {
		t.Errorf("%d evaluations stored, want 2", len(evs))
	}
	if _, err := a.Evaluate(t.Context(), ags[0].ID, "sum-duel", EvalSize+1); err == nil {
		t.Error("evaluated past the set's end")
	}
}

// TestEvaluateCutsFloodedReplies evaluates an agent whose backend ignores
// max_tokens: it sends 1 MiB of blank space before the right answer. An
// evaluation scores the reply cut at the Space's max_tokens and byte cap,
// as a match would, so the answer past the cut is never seen.
func TestEvaluateCutsFloodedReplies(t *testing.T) {
	flooder := instant(func(req agents.Request, sample int) (string, error) {
		right, err := bySystem(req, sample)
		return strings.Repeat(" ", 1<<20) + right, err
	})
	a, err := Open(Options{InMemory: true, Backends: agents.Backends{Embedded: policyBySystem{
		"off 0": flooder,
	}, Model: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ag := createAgents(t, a, "off 0")[0]
	ev, err := a.Evaluate(t.Context(), ag.ID, "sum-duel", 10)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Score != 0 {
		t.Errorf("score %.2f: the evaluation saw the answer past the cut", ev.Score)
	}
}

// policyBySystem answers with the policy named by the agent's system
// prompt.
type policyBySystem map[string]agents.Policy

func (p policyBySystem) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	return p[req.Messages[0].Content].Reply(ctx, req, onDelta)
}

func TestWilsonAndChange(t *testing.T) {
	lo, hi := Wilson(0.5, 100)
	if math.Abs(lo-0.4038) > 1e-3 || math.Abs(hi-0.5962) > 1e-3 {
		t.Errorf("Wilson(0.5, 100) = [%.4f, %.4f], want [0.4038, 0.5962]", lo, hi)
	}
	if lo, hi := Wilson(0, 10); lo != 0 || hi < 0.27 || hi > 0.28 {
		t.Errorf("Wilson(0, 10) = [%v, %v]", lo, hi)
	}
	before := Evaluation{Space: "s", Scores: []float64{0, 0, 1, 0, 1, 0, 0, 0}}
	after := Evaluation{Space: "s", Scores: []float64{1, 1, 1, 0, 1, 1, 0, 1}}
	mean, lo, hi, err := Change(before, after)
	if err != nil || mean != 0.5 || lo >= mean || hi <= mean || lo <= 0 {
		t.Errorf("change %.3f [%.3f, %.3f], %v", mean, lo, hi, err)
	}
	if _, _, _, err := Change(before, Evaluation{Space: "s", Scores: []float64{1}}); err == nil {
		t.Error("compared evaluations of different sets")
	}
}
