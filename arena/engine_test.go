package arena

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/spaces"
)

// instant is a test double for a player's backend: it answers at once with
// the texts its function gives, streaming each as two deltas.
type instant func(req agents.Request, sample int) (string, error)

func (f instant) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	n := max(req.N, 1)
	out := make([]agents.Reply, n)
	for i := range n {
		text, err := f(req, i)
		if err != nil {
			return nil, err
		}
		if onDelta != nil {
			half := len(text) / 2
			onDelta(agents.Delta{Sample: i, Text: text[:half]})
			onDelta(agents.Delta{Sample: i, Text: text[half:]})
		}
		out[i] = agents.Reply{Text: text, FinishReason: "stop"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// lastUser is the task a policy was asked.
func lastUser(req agents.Request) string { return req.Messages[len(req.Messages)-1].Content }

// solver answers arithmetic right, off by `off` on every sample but the
// first when sloppy.
func solver(off int, sloppy bool) instant {
	return func(req agents.Request, sample int) (string, error) {
		p, _, ok := corpus.ParseProblem(lastUser(req))
		if !ok {
			return "", fmt.Errorf("not a problem: %q", lastUser(req))
		}
		ans := p.Answer()
		if sloppy && sample > 0 || !sloppy {
			ans += off
		}
		return strconv.Itoa(ans), nil
	}
}

// tttPlayer plays tic-tac-toe perfectly, or answers garbage.
func tttPlayer(perfect bool) instant {
	return func(req agents.Request, sample int) (string, error) {
		if !perfect {
			return "pass", nil
		}
		g, _, err := corpus.ParseTicTacToeTranscript(strings.SplitN(lastUser(req), "\nYou are", 2)[0] + "\n")
		if err != nil {
			g2, err2 := replay(lastUser(req))
			if err2 != nil {
				return "", fmt.Errorf("parse board: %v", err)
			}
			g = g2
		}
		return corpus.TicTacToeMove(g.PerfectMove(rand.New(rand.NewPCG(1, uint64(sample))))), nil
	}
}

// replay reads the history line of a tic-tac-toe prompt.
func replay(prompt string) (*corpus.TicTacToe, error) {
	return corpus.ReplayTicTacToe(strings.SplitN(prompt, "\n", 2)[0])
}

func testEngine(policies map[string]agents.Policy) *Engine {
	return &Engine{Policy: func(a agents.Agent) (agents.Policy, error) {
		p, ok := policies[a.Name]
		if !ok {
			return nil, fmt.Errorf("no policy for %s", a.Name)
		}
		return p, nil
	}}
}

func players(names ...string) []agents.Agent {
	var out []agents.Agent
	for i, n := range names {
		out = append(out, agents.Agent{ID: fmt.Sprintf("agent-%d", i), Name: n, Owner: HouseOwner, Model: "test"})
	}
	return out
}

func mustSpace(t testing.TB, id string) *spaces.Spec {
	t.Helper()
	s, err := spaces.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSumDuelRanksTheSolver(t *testing.T) {
	e := testEngine(map[string]agents.Policy{
		"right":  solver(0, false),
		"close":  solver(1, false),
		"far":    solver(50, false),
		"sloppy": solver(3, true),
	})
	var events []api.Event
	res, err := e.Run(t.Context(), Plan{ID: "m1", Spec: mustSpace(t, "sum-duel"), Players: players("right", "close", "far", "sloppy"), Seed: 42},
		func(ev api.Event) { events = append(events, ev) })
	if err != nil {
		t.Fatal(err)
	}
	m := res.Match
	if m.Status != StatusFinished {
		t.Fatalf("status %s (%s)", m.Status, m.Error)
	}
	// right and sloppy (whose first sample is right) tie for first; close
	// beats far, whose answers are further off.
	if want := []int{0, 2, 3, 0}; !slices.Equal(m.Ranks, want) {
		t.Errorf("ranks %v, want %v (scores %v)", m.Ranks, want, m.Scores)
	}
	for i, ev := range events {
		if ev.Seq != uint64(i+1) || ev.Match != "m1" || ev.Space != "sum-duel" {
			t.Fatalf("event %d: seq %d match %q space %q", i, ev.Seq, ev.Match, ev.Space)
		}
	}
	if events[0].Type != api.MatchStarted || events[len(events)-1].Type != api.MatchResult {
		t.Errorf("events run from %s to %s", events[0].Type, events[len(events)-1].Type)
	}
	var onPolicy int
	for _, p := range res.Pairs {
		if p.Margin < mustSpace(t, "sum-duel").PairMargin() || p.Scores[0]-p.Scores[1] != p.Margin {
			t.Errorf("pair below margin: %+v", p)
		}
		if p.OnPolicy {
			onPolicy++
			if p.Agents[0] != "agent-3" || p.Chosen == p.Rejected {
				t.Errorf("on-policy pair %+v", p)
			}
		}
	}
	if onPolicy == 0 || len(res.Pairs) == onPolicy {
		t.Errorf("%d pairs, %d on-policy: want both kinds", len(res.Pairs), onPolicy)
	}
	if got := sumPayouts(t, m); got != m.Pool {
		t.Errorf("payouts+rake+remainder = %s, pool %s", got, m.Pool)
	}
}

func TestMatchIsReproducibleBySeed(t *testing.T) {
	run := func(seed uint64) *Result {
		e := testEngine(map[string]agents.Policy{"a": solver(0, true), "b": solver(2, false)})
		res, err := e.Run(t.Context(), Plan{ID: "m", Spec: mustSpace(t, "sum-duel"), Players: players("a", "b"), Seed: seed}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b, c := run(9), run(9), run(10)
	tasks := func(r *Result) (out []string) {
		for _, rd := range r.Rounds {
			out = append(out, rd.Task.Prompt)
		}
		return out
	}
	if !slices.Equal(tasks(a), tasks(b)) || !slices.Equal(a.Match.Scores, b.Match.Scores) {
		t.Error("same seed, different match")
	}
	if slices.Equal(tasks(a), tasks(c)) {
		t.Error("different seeds, same tasks")
	}
}

func TestFailingAndSlowPlayersLoseTheirReply(t *testing.T) {
	spec := *mustSpace(t, "sum-duel")
	spec.Limits.ReplySeconds = 0.05
	spec.Rounds = 2
	slow := instant(func(req agents.Request, _ int) (string, error) {
		time.Sleep(200 * time.Millisecond)
		return "1", nil
	})
	broken := instant(func(agents.Request, int) (string, error) { return "", errors.New("backend down") })
	e := testEngine(map[string]agents.Policy{"ok": solver(0, false), "slow": slow, "broken": broken})
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: &spec, Players: players("ok", "slow", "broken"), Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rounds[0]
	// Kinds, not the backends' words: a match record is public.
	if r.Errors[0] != "" || r.Errors[1] != "timeout" || r.Errors[2] != "failed" {
		t.Errorf("errors %q", r.Errors)
	}
	if r.Scores[1] != 0 || r.Scores[2] != 0 || r.Scores[0] != 1 {
		t.Errorf("scores %v", r.Scores)
	}
	for _, p := range res.Pairs {
		if p.Agents[1] != "agent-0" && p.Agents[0] != "agent-0" {
			t.Errorf("a pair from players that did not reply: %+v", p)
		}
	}
}

func TestTicTacToeIllegalMoveForfeits(t *testing.T) {
	e := testEngine(map[string]agents.Policy{"perfect": tttPlayer(true), "garbage": tttPlayer(false)})
	res, err := e.Run(t.Context(), Plan{ID: "m", Spec: mustSpace(t, "tic-tac-toe"), Players: players("perfect", "garbage"), Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1}; !slices.Equal(res.Match.Ranks, want) {
		t.Fatalf("ranks %v, want %v", res.Match.Ranks, want)
	}
	for _, r := range res.Rounds {
		last := r.Moves[len(r.Moves)-1]
		if last.Player != 1 || last.Error == "" {
			t.Errorf("game %d ended with %+v, want garbage's forfeit", r.Index, last)
		}
	}
}

func TestEngineRefusesBadPlans(t *testing.T) {
	e := testEngine(map[string]agents.Policy{"a": solver(0, false)})
	p := players("a", "a")
	p[1].ID = p[0].ID
	cases := map[string]Plan{
		"plays itself": {ID: "m", Spec: mustSpace(t, "sum-duel"), Players: p},
		"too few":      {ID: "m", Spec: mustSpace(t, "sum-duel"), Players: players("a")},
		"no space":     {ID: "m", Players: players("a", "a")},
	}
	for name, plan := range cases {
		if _, err := e.Run(t.Context(), plan, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCancelledMatchIsAborted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var once sync.Once
	p := instant(func(req agents.Request, _ int) (string, error) {
		once.Do(cancel)
		return "1", nil
	})
	e := testEngine(map[string]agents.Policy{"a": p, "b": solver(0, false)})
	res, err := e.Run(ctx, Plan{ID: "m", Spec: mustSpace(t, "sum-duel"), Players: players("a", "b"), Seed: 1}, nil)
	if !errors.Is(err, context.Canceled) || res.Match.Status != StatusAborted {
		t.Fatalf("err %v, status %v", err, res.Match.Status)
	}
}

func TestRank(t *testing.T) {
	for _, c := range []struct {
		scores []float64
		ranks  []int
	}{
		{[]float64{3, 1, 2}, []int{0, 2, 1}},
		{[]float64{1, 1, 0}, []int{0, 0, 2}},
		{[]float64{0, 0}, []int{0, 0}},
		{[]float64{1, 2, 2, 3}, []int{3, 1, 1, 0}},
	} {
		if got := Rank(c.scores); !slices.Equal(got, c.ranks) {
			t.Errorf("Rank(%v) = %v, want %v", c.scores, got, c.ranks)
		}
	}
}

// BenchmarkMatch measures the engine's own cost: a sum-duel match of four
// instant players (8 rounds, 2 samples each, two judges).
func BenchmarkMatch(b *testing.B) {
	e := testEngine(map[string]agents.Policy{"a": solver(0, true), "b": solver(1, false), "c": solver(2, true), "d": solver(9, false)})
	spec := mustSpace(b, "sum-duel")
	pl := players("a", "b", "c", "d")
	var events int
	for b.Loop() {
		if _, err := e.Run(b.Context(), Plan{ID: "m", Spec: spec, Players: pl, Seed: 1}, func(api.Event) { events++ }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "matches/s")
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}
