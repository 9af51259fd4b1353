package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/onchain"
	"github.com/rlfc/arena/contracts"
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
	train := f.Bool("train", true, "after the matches, train the house agents on their pairs and evaluate them before and after")
	evalN := f.Int("eval", 100, "tasks (or games) of each Space's held-out evaluation set to score agents on")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *matches <= 0 {
		return usageError{fmt.Errorf("--matches must be positive, got %d", *matches)}
	}
	if *evalN <= 0 || *evalN > arena.EvalSize {
		return usageError{fmt.Errorf("--eval must be 1 to %d, got %d", arena.EvalSize, *evalN)}
	}
	start := time.Now()
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	// The house agents stake from their own wallets on an in-process
	// simulated chain, and every match settles there.
	keys := houseKeys()
	chain, bridge, err := devChain(ctx, a, keys, onchain.Options{Batch: 16, BatchDelay: 24 * time.Hour})
	if err != nil {
		return err
	}
	defer chain.Close()
	house, err := a.EnsureHouse(embedded.Name, houseOwner)
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
	fmt.Fprintf(stdout, "Data: %s (a second run continues the season)\n", *sf.data)
	fmt.Fprintf(stdout, "Chain: simulated (id %s), SpaceStake at %s; each agent stakes from its own wallet\n\n", chain.ChainID(), chain.Address())
	for _, ag := range house {
		fmt.Fprintf(stdout, "  %-7s %s  %s\n", ag.Name, shortAddress(ag.Owner), describe(ag))
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
		Enter: func(ctx context.Context, space string, tier int, players []agents.Agent) error {
			if _, ok := bridge.SpaceID(space, tier); !ok { // free, or not settled on chain
				for _, ag := range players {
					if _, err := a.Enter(space, tier, ag.ID); err != nil {
						return err
					}
				}
				return nil
			}
			for _, ag := range players {
				if _, err := bridge.Stake(ctx, keys[common.HexToAddress(ag.Owner)], ag, space, tier); err != nil {
					return err
				}
			}
			return bridge.Sync(ctx) // queues the stakes, sends full batches
		},
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

	if err := bridge.Flush(ctx); err != nil {
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
		ro, err := a.Rollouts(s.ID)
		if err != nil {
			return err
		}
		printRollouts(stdout, ro)
	}
	fmt.Fprintf(stdout, "\n%d preference pairs stored in all; export them with `arena prefs export --space ID --out FILE.jsonl`.\n", total)

	if *train {
		if err := demoTraining(ctx, stdout, a, bridge, specs, house, names, *sf.data, *evalN); err != nil {
			return err
		}
	}

	rec, err := bridge.Reconcile(ctx)
	if err != nil {
		return err
	}
	owners := make(map[string]string)
	for _, ag := range house {
		owners[strings.ToLower(ag.Owner)] = ag.Name
	}
	printReconciliation(stdout, rec, owners)
	fmt.Fprintf(stdout, "Done in %s.\n", progress.Duration(time.Since(start)))
	if !rec.OK() {
		return fmt.Errorf("demo: the chain's credits do not match the ledger")
	}
	return nil
}

// printReconciliation shows each wallet's credit in the contract beside
// what the ledger owes it.
func printReconciliation(w io.Writer, rec onchain.Reconciliation, owners map[string]string) {
	fmt.Fprintf(w, "\nOn chain: %d matches settled by signed settlements in %d transactions", rec.Settled, rec.Txs)
	if rec.Unpaid > 0 || rec.Void > 0 {
		fmt.Fprintf(w, " (%d still owed, %d void)", rec.Unpaid, rec.Void)
	}
	fmt.Fprintln(w, "; credits in the contract against the ledger, in wei:")
	fmt.Fprintf(w, "  %-8s %-13s %22s %22s\n", "wallet", "address", "ledger", "on chain")
	for _, b := range rec.Balances {
		name := owners[strings.ToLower(b.Account.Hex())]
		if b.Treasury {
			name = "treasury"
		}
		mark := "ok"
		if !b.Match() {
			mark = "MISMATCH"
		}
		fmt.Fprintf(w, "  %-8s %-13s %22s %22s  %s\n", name, shortAddress(b.Account.Hex()), b.Ledger, b.Chain, mark)
	}
	if rec.OK() {
		fmt.Fprintf(w, "Every on-chain credit matches the ledger to the wei (%d wallets).\n", len(rec.Balances))
	}
}

// shortAddress abbreviates an address for tables: 0x1234…abcd.
func shortAddress(a string) string {
	if len(a) < 12 {
		return a
	}
	return a[:6] + "…" + a[len(a)-4:]
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
		mark := ""
		if st.Provisional {
			mark = " ?"
		}
		fmt.Fprintf(w, "  %-3d %-8s %7.0f %7.0f..%-6.0f %7.1f %5d %16s%s\n",
			i+1, name, st.Rating, st.Lo, st.Hi, arena.Ordinal(live), st.Wins, formatAmount(earned, s.Entry.Decimals), mark)
	}
	if slices.ContainsFunc(rep.Standings, func(st arena.Standing) bool { return st.Provisional }) {
		fmt.Fprintf(w, "  ? provisional: fewer than %d rated matches\n", arena.ProvisionalMatches)
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
	sign := map[int]string{-1: "-", 0: " ", 1: "+"}[x.Sign()]
	return sign + contracts.FormatUnits(v, decimals)
}

// printRollouts says what share of a Space's replies the arena verified
// (its own engine's count as verified in process).
func printRollouts(w io.Writer, r arena.Rollouts) {
	if r.Replies == 0 {
		return
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(r.Replies) }
	fmt.Fprintf(w, "  replies verified: %.1f%% of %d (%d written in process, %d re-drawn from their seed); checked %.1f%%, unverified %.1f%%, failed %.1f%%\n",
		pct(r.Verified), r.Replies, r.InProcess, r.Verified-r.InProcess, pct(r.Checked), pct(r.Unverified), pct(r.Failed))
}
