package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/learn"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/spaces"
)

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("bench", []command{
		{"learn", "run the learning loop for a budget and report the held-out score before and after", benchLearn},
	}, ctx, args, stdout, stderr)
}

// benchTargets are the gains the loop is built to reach on the embedded
// model within 10 minutes on a 2-core machine.
var benchTargets = map[string]float64{"sum-duel": 0.20, "tic-tac-toe": 0.15}

func benchLearn(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("bench learn", "", "Runs the learning loop in a Space for a fixed budget: a learner agent on the embedded model\n"+
		"plays the house agents, trains on the pairs (the Space's training policy), and is scored\n"+
		"on the Space's held-out evaluation set after every cycle. Prints the learning curve and\n"+
		"the change from the first score to the last with a 95% interval.")
	space := f.String("space", "sum-duel", "Space to learn in (it needs a [training] table)")
	budget := f.Duration("budget", 10*time.Minute, "time for the loop; a cycle that has started is finished")
	matches := f.Int("matches", 20, "matches per cycle")
	evalN := f.Int("eval", 100, "held-out tasks (or games) scored after each cycle")
	temperature := f.Float64("temperature", 0.7, "the learner's sampling temperature")
	seed := f.Uint64("seed", 1, "seed for the opponents drawn and the matches")
	data := f.String("data", "", "data directory; empty means a new temporary one")
	plot := f.String("plot", "", "write the learning curve as an SVG `file`")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *evalN <= 0 || *evalN > arena.EvalSize {
		return usageError{fmt.Errorf("--eval must be 1 to %d, got %d", arena.EvalSize, *evalN)}
	}
	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "arena-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	sf := storeFlags{data: &dir, judgeURL: new(string), judgeModel: new(string), judgeKeyEnv: new(string)}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	house, err := a.EnsureHouse(embedded.Name, nil)
	if err != nil {
		return err
	}
	learner, err := a.CreateAgent(agents.Agent{Owner: arena.HouseOwner, Name: "learner", Model: embedded.Name,
		Sampling: agents.Sampling{Temperature: *temperature}})
	if err != nil {
		return err
	}
	key, err := loadTrainerKey(filepath.Join(dir, "trainer.key"))
	if err != nil {
		return err
	}
	l, err := learn.New(learn.Options{Arena: a, Dir: dir, Base: embedded.Load, BaseName: embedded.Name, Model: embedded.Name, Key: key,
		Only: func(ag agents.Agent) bool { return ag.ID == learner.ID }})
	if err != nil {
		return err
	}
	spec, err := a.Space(*space)
	if err != nil {
		return usageError{err}
	}
	items := "tasks"
	if spec.Mode == spaces.Turns {
		items = "games against a random mover"
	}
	fmt.Fprintf(stdout, "bench learn: %s, learner at temperature %g against %d house agents, %d matches a cycle, %d held-out %s, budget %s\n",
		*space, *temperature, len(house), *matches, *evalN, items, *budget)
	curve, err := learn.Bench(ctx, l, learn.BenchOptions{
		Space: *space, Learner: learner, Opponents: house, Budget: *budget, Matches: *matches, Eval: *evalN, Seed: *seed,
		Progress: func(p learn.BenchPoint) {
			v := p.Version
			if v == "" {
				v = "base"
			}
			fmt.Fprintf(stdout, "  cycle %2d  %-8s %.3f [%.3f, %.3f]  trained on %4d pairs  %-8s after %s\n",
				p.Cycle, p.Eval.Metric, p.Eval.Score, p.Eval.Lo, p.Eval.Hi, p.Pairs, shortVersion(v), p.Elapsed.Round(time.Second))
		},
	})
	if err != nil {
		return err
	}
	first, last := curve[0].Eval, curve[len(curve)-1].Eval
	mean, lo, hi, err := arena.Change(first, last)
	if err != nil {
		return err
	}
	scores := make([]float64, len(curve))
	for i, p := range curve {
		scores[i] = p.Eval.Score
	}
	fmt.Fprintf(stdout, "curve %s\n", learn.Sparkline(scores))
	fmt.Fprintf(stdout, "%s: %.3f [%.3f, %.3f] -> %.3f [%.3f, %.3f]; change %+.3f, 95%% interval [%+.3f, %+.3f], in %s\n",
		first.Metric, first.Score, first.Lo, first.Hi, last.Score, last.Lo, last.Hi, mean, lo, hi, curve[len(curve)-1].Elapsed.Round(time.Second))
	if target, ok := benchTargets[*space]; ok {
		verdict := "reached"
		if lo <= 0 || mean < target {
			verdict = "NOT reached"
		}
		fmt.Fprintf(stdout, "target: %+.2f with an interval above zero: %s\n", target, verdict)
	}
	if *plot != "" {
		svg := learn.CurveSVG(fmt.Sprintf("%s: held-out %s of the learner by cycle", *space, first.Metric), curve)
		if err := os.WriteFile(*plot, []byte(svg), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the curve to %s\n", *plot)
	}
	return nil
}

// shortVersion abbreviates an adapter version named after its agent's id.
func shortVersion(v string) string {
	if len(v) > 36 {
		return "…" + v[36:]
	}
	return v
}
