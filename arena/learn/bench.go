package learn

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
)

// BenchLearner is the house's "learner" agent on model at the given
// temperature: the one an earlier bench in the same data directory made,
// or a new one (names are unique per owner).
func BenchLearner(a *arena.Arena, model string, temperature float64) (agents.Agent, error) {
	all, err := a.Agents()
	if err != nil {
		return agents.Agent{}, err
	}
	for _, ag := range all {
		if ag.Owner == arena.HouseOwner && ag.Name == "learner" {
			return a.UpdateAgent(ag.ID, func(ag *agents.Agent) error {
				ag.Model, ag.Sampling.Temperature = model, temperature
				return nil
			})
		}
	}
	return a.CreateAgent(agents.Agent{Owner: arena.HouseOwner, Name: "learner", Model: model,
		Sampling: agents.Sampling{Temperature: temperature}})
}

// BenchOptions configures Bench.
type BenchOptions struct {
	// Space is the Space played and evaluated in; it must have a
	// training policy.
	Space string
	// Learner is the agent that learns; Opponents play against it and do
	// not train (set the Learner's Only accordingly).
	Learner   agents.Agent
	Opponents []agents.Agent
	// Budget bounds the loop's time; zero means 10 minutes. A cycle that
	// has started is finished, and there is always one.
	Budget time.Duration
	// Matches is the matches played per cycle; zero means 20.
	Matches int
	// Eval is the evaluation tasks (or games); zero means 100.
	Eval int
	Seed uint64
	// Progress, when set, hears of each point of the curve.
	Progress func(BenchPoint)
}

// BenchPoint is one point of a learning curve: the learner's evaluation
// after a cycle of matches and training (cycle 0: before any).
type BenchPoint struct {
	Cycle   int
	Version string
	Eval    arena.Evaluation
	Pairs   int // trained on in this cycle
	Elapsed time.Duration
}

// Bench runs the loop for a budget: each cycle the learner plays matches
// against the opponents, trains on what they gave, and is evaluated on the
// Space's held-out set. It returns the learning curve.
func Bench(ctx context.Context, l *Learner, opts BenchOptions) ([]BenchPoint, error) {
	a := l.a
	spec, err := a.Space(opts.Space)
	if err != nil {
		return nil, err
	}
	if spec.Training.MinPairs == 0 {
		return nil, fmt.Errorf("learn: bench: space %s has no training policy", spec.ID)
	}
	if len(opts.Opponents) < spec.Players.Min-1 {
		return nil, fmt.Errorf("learn: bench: space %s needs %d opponents", spec.ID, spec.Players.Min-1)
	}
	budget, matches, n := opts.Budget, opts.Matches, opts.Eval
	if budget <= 0 {
		budget = 10 * time.Minute
	}
	if matches <= 0 {
		matches = 20
	}
	if n <= 0 {
		n = 100
	}
	start := time.Now()
	r := rand.New(rand.NewPCG(opts.Seed, 0x62656e6368)) // "bench"
	point := func(cycle, pairs int) (BenchPoint, error) {
		ag, err := a.Agent(opts.Learner.ID)
		if err != nil {
			return BenchPoint{}, err
		}
		ev, err := a.Evaluate(ctx, ag.ID, spec.ID, n)
		p := BenchPoint{Cycle: cycle, Version: ag.Adapter, Eval: ev, Pairs: pairs, Elapsed: time.Since(start)}
		if err == nil && opts.Progress != nil {
			opts.Progress(p)
		}
		return p, err
	}
	p, err := point(0, 0)
	if err != nil {
		return nil, err
	}
	curve := []BenchPoint{p}
	for cycle := 1; cycle == 1 || time.Since(start) < budget; cycle++ { // at least one cycle
		for range matches {
			k := spec.Players.Min - 1 + r.IntN(min(spec.Players.Max, len(opts.Opponents)+1)-spec.Players.Min+1)
			players := []agents.Agent{opts.Learner}
			for _, i := range r.Perm(len(opts.Opponents))[:k] {
				players = append(players, opts.Opponents[i])
			}
			for _, ag := range players {
				if _, err := a.Enter(spec.ID, 0, ag.ID); err != nil && !errors.Is(err, arena.ErrAlreadyQueued) {
					return curve, err
				}
			}
			plan, err := a.NextMatch(spec.ID, 0, arena.Matchmaking{Seed: r.Uint64()})
			if err != nil {
				return curve, err
			}
			if _, err := a.Play(ctx, plan); err != nil {
				return curve, err
			}
		}
		jobs, err := l.RunOnce(ctx)
		if err != nil {
			return curve, err
		}
		pairs := 0
		for _, j := range jobs {
			pairs += j.Pairs
		}
		if p, err = point(cycle, pairs); err != nil {
			return curve, err
		}
		curve = append(curve, p)
		if err := ctx.Err(); err != nil {
			return curve, err
		}
	}
	return curve, nil
}

// CurveSVG draws a learning curve with its 95% intervals as an SVG image.
func CurveSVG(title string, curve []BenchPoint) string {
	const w, h, pad = 640, 360, 48
	x := func(i int) float64 {
		if len(curve) < 2 {
			return pad
		}
		return pad + float64(i)*float64(w-2*pad)/float64(len(curve)-1)
	}
	y := func(v float64) float64 { return h - pad - v*float64(h-2*pad) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", w, h)
	fmt.Fprintf(&b, `<text x="%d" y="24" font-size="14">%s</text>`+"\n", pad, escapeXML(title))
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="8" y="%.1f">%.2f</text>`+"\n", pad, w-pad, y(v), y(v), y(v)+4, v)
	}
	var line []string
	for i, p := range curve {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#9ab"/>`+"\n", x(i), x(i), y(p.Eval.Lo), y(p.Eval.Hi))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%d</text>`+"\n", x(i), h-pad+18, p.Cycle)
		line = append(line, fmt.Sprintf("%.1f,%.1f", x(i), y(p.Eval.Score)))
	}
	fmt.Fprintf(&b, `<polyline fill="none" stroke="#236" stroke-width="2" points="%s"/>`+"\n", strings.Join(line, " "))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">cycle</text>`+"\n", w/2, h-8)
	b.WriteString("</svg>\n")
	return b.String()
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
