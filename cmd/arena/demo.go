package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/spaces"
)

// runDemo plays a season of the built-in Spaces between the house agents on
// the embedded model, then shows the leaderboards.
func runDemo(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("demo", "", "Runs a season on embedded defaults, with no network: the house agents play every\nbuilt-in Space on the embedded model, judged by each Space's panel; then the\nleaderboards, judge agreement and preference pairs are shown. The data directory\nkeeps the season, so a second run continues it.")
	sf := addStoreFlags(f)
	seed := f.Uint64("seed", 7, "seed for the season (players drawn, tasks, sampling)")
	matches := f.Int("matches", 50, "matches per Space")
	tier := f.Int("tier", 1, "entry fee tier (0 is free; clamped to each Space's tiers)")
	var only stringList
	f.Var(&only, "space", "play only this Space (repeatable)")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *matches <= 0 {
		return usageError{fmt.Errorf("--matches must be positive, got %d", *matches)}
	}
	start := time.Now()
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	house, err := a.EnsureHouse(embedded.Name)
	if err != nil {
		return err
	}
	specs, err := a.Spaces()
	if err != nil {
		return err
	}
	if len(only) > 0 {
		specs = specs[:0]
		for _, id := range only {
			s, err := a.Space(id)
			if err != nil {
				return usageError{err}
			}
			specs = append(specs, s)
		}
	}

	fmt.Fprintf(stdout, "Arena demo: a season of %d matches per Space among %d house agents on the embedded model %s.\n", *matches, len(house), embedded.Name)
	fmt.Fprintf(stdout, "Data: %s (a second run continues the season)\n\n", *sf.data)
	for _, ag := range house {
		fmt.Fprintf(stdout, "  %-7s %s\n", ag.Name, describe(ag))
	}
	fmt.Fprintln(stdout)

	names := make(map[string]string)
	for _, ag := range house {
		names[ag.ID] = ag.Name
	}
	var ids []string
	for _, s := range specs {
		ids = append(ids, s.ID)
	}
	width := 0
	for _, id := range ids {
		width = max(width, len(id))
	}
	var bar *progress.Bar
	var wins = map[string]int{}
	err = a.Season(ctx, arena.SeasonOptions{
		Spaces: ids, Matches: *matches, Tier: *tier, Players: house, Seed: *seed,
		Progress: func(space string, done, total int, m arena.Match) {
			if done == 1 {
				bar = progress.New(stdout, fmt.Sprintf("%-*s", width, space), total)
			}
			for i, r := range m.Ranks {
				if r == 0 {
					wins[names[m.Players[i]]]++
				}
			}
			bar.Update(done, "last won by "+winners(m, names))
			if done == total {
				bar.Done()
			}
		},
	})
	if err != nil {
		return err
	}

	total := 0
	for _, s := range specs {
		rep, err := a.Report(s.ID, *seed)
		if err != nil {
			return err
		}
		total += rep.Pairs
		fmt.Fprintln(stdout)
		printReport(stdout, s, rep, names)
	}
	fmt.Fprintf(stdout, "\n%d preference pairs stored in all; export them with `arena prefs export --space ID --out FILE.jsonl`.\n", total)
	fmt.Fprintf(stdout, "Season played in %s.\n", progress.Duration(time.Since(start)))
	return nil
}

// describe says how a house agent plays.
func describe(ag agents.Agent) string {
	s := ag.Sampling
	var parts []string
	if s.Temperature == 0 {
		parts = append(parts, "greedy")
	} else {
		parts = append(parts, fmt.Sprintf("temperature %.1f", s.Temperature))
	}
	if s.TopP > 0 && s.TopP < 1 {
		parts = append(parts, fmt.Sprintf("top-p %.2f", s.TopP))
	}
	if s.TopK > 0 {
		parts = append(parts, fmt.Sprintf("top-k %d", s.TopK))
	}
	if ag.System != "" {
		parts = append(parts, fmt.Sprintf("system prompt %q", ag.System))
	} else {
		parts = append(parts, "the Space's own instructions")
	}
	return strings.Join(parts, ", ")
}

func winners(m arena.Match, names map[string]string) string {
	var w []string
	for i, r := range m.Ranks {
		if r == 0 {
			w = append(w, names[m.Players[i]])
		}
	}
	return strings.Join(w, "+")
}

// printReport draws a Space's leaderboard table.
func printReport(w io.Writer, s *spaces.Spec, rep arena.Report, names map[string]string) {
	fmt.Fprintf(w, "%s: %s; %d matches of %d-%d players\n", s.ID, s.Name, rep.Matches, s.Players.Min, s.Players.Max)
	fmt.Fprintf(w, "  %-3s %-8s %7s %15s %7s %5s %16s\n", "#", "agent", "rating", "95% interval", "live", "wins", "earned "+s.Entry.Currency)
	for i, st := range rep.Standings {
		name := names[st.Player]
		if name == "" {
			name = st.Player[:8]
		}
		live := rep.Live[st.Player]
		earned := rep.Earnings[st.Player]
		if earned == nil {
			earned = new(big.Int)
		}
		fmt.Fprintf(w, "  %-3d %-8s %7.0f %7.0f..%-6.0f %7.1f %5d %16s\n",
			i+1, name, st.Rating, st.Lo, st.Hi, arena.Ordinal(live), st.Wins, formatAmount(earned, s.Entry.Decimals))
	}
	for _, ag := range rep.Agreement {
		fmt.Fprintf(w, "  judges %s and %s agree with Kendall tau %.2f over %d rounds\n", ag.A, ag.B, ag.Tau, ag.Rounds)
	}
	fmt.Fprintf(w, "  %d preference pairs\n", rep.Pairs)
}

// formatAmount writes base units as a signed decimal in whole units, to
// at most six decimals (rounded half away from zero), for tables.
func formatAmount(x *big.Int, decimals int) string {
	if decimals == 0 {
		decimals = 18
	}
	const shown = 6
	v := new(big.Int).Abs(x)
	if decimals > shown {
		unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals-shown)), nil)
		v.Add(v, new(big.Int).Rsh(unit, 1))
		v.Quo(v, unit)
		decimals = shown
	}
	digits := v.String()
	if len(digits) <= decimals {
		digits = strings.Repeat("0", decimals-len(digits)+1) + digits
	}
	whole, frac := digits[:len(digits)-decimals], strings.TrimRight(digits[len(digits)-decimals:], "0")
	sign := map[int]string{-1: "-", 0: " ", 1: "+"}[x.Sign()]
	if frac == "" {
		return sign + whole
	}
	return sign + whole + "." + frac
}
