package arena

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/store"
)

// HouseOwner owns the house agents: the arena's own address.
const HouseOwner = "0x00000000000000000000000000000000000a4E4a"

// House returns the house agents for a base model: the arena's own
// players, which fill matches and give a season its field. They differ in
// system prompt and sampling, from greedy and by-the-book to hot and
// chatty, so that their replies differ and the judges have something to
// rank.
func House(model string) []agents.Agent {
	mk := func(name, system string, s agents.Sampling) agents.Agent {
		return agents.Agent{Owner: HouseOwner, Name: name, Model: model, System: system, Sampling: s, House: true}
	}
	return []agents.Agent{
		mk("ada", "", agents.Sampling{}),
		mk("basil", "", agents.Sampling{Temperature: 0.4, TopP: 0.9}),
		mk("cleo", "", agents.Sampling{Temperature: 0.8}),
		mk("dmitri", "", agents.Sampling{Temperature: 1.2, TopK: 40}),
		mk("esme", "Be brief.", agents.Sampling{Temperature: 0.6}),
		mk("felix", "You are a friendly assistant.", agents.Sampling{Temperature: 0.7, TopP: 0.95}),
		mk("gus", "", agents.Sampling{Temperature: 1.0, TopK: 5}),
		mk("hana", "Think like a champion.", agents.Sampling{Temperature: 0.3}),
	}
}

// EnsureHouse stores the house agents that are missing (matched by name)
// and returns them all, in House's order. owner, when set, names each house
// agent's owner (such as a wallet that stakes for it on chain); a stored
// house agent with another owner is given to it. Nil keeps HouseOwner.
func (a *Arena) EnsureHouse(model string, owner func(name string) string) ([]agents.Agent, error) {
	have, err := a.Agents()
	if err != nil {
		return nil, err
	}
	var out []agents.Agent
	for _, want := range House(model) {
		if owner != nil {
			want.Owner = owner(want.Name)
		}
		i := slices.IndexFunc(have, func(ag agents.Agent) bool { return ag.House && ag.Name == want.Name })
		switch {
		case i < 0:
			ag, err := a.CreateAgent(want)
			if err != nil {
				return nil, err
			}
			out = append(out, ag)
		case have[i].Owner != want.Owner:
			ag, err := a.UpdateAgent(have[i].ID, func(ag *agents.Agent) error { ag.Owner = want.Owner; return nil })
			if err != nil {
				return nil, err
			}
			out = append(out, ag)
		default:
			out = append(out, have[i])
		}
	}
	return out, nil
}

// SeasonOptions configures a season.
type SeasonOptions struct {
	// Spaces to play, by id; nil means every Space.
	Spaces []string
	// Matches per Space; zero means 10.
	Matches int
	// Tier is the fee tier entered (clamped to the Space's last tier).
	Tier int
	// Players are the agents that take part; each match draws between the
	// Space's minimum and maximum of them.
	Players []agents.Agent
	Seed    uint64
	// Progress, when set, hears of each match played.
	Progress func(space string, done, total int, m Match)
	// Enter, when set, queues a match's drawn players in a Space's tier
	// (by staking them on chain, say); nil enters them with Arena.Enter.
	Enter func(ctx context.Context, space string, tier int, players []agents.Agent) error
}

// Season plays opts.Matches matches in each Space among opts.Players:
// each match's players are drawn (seeded) and queued, the matchmaker forms
// the match, and it is played and settled like any other.
func (a *Arena) Season(ctx context.Context, opts SeasonOptions) error {
	ids := opts.Spaces
	if ids == nil {
		all, err := a.Spaces()
		if err != nil {
			return err
		}
		for _, s := range all {
			ids = append(ids, s.ID)
		}
	}
	total := opts.Matches
	if total <= 0 {
		total = 10
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x736561736f6e)) // "season"
	enter := opts.Enter
	if enter == nil {
		enter = func(_ context.Context, space string, tier int, players []agents.Agent) error {
			for _, ag := range players {
				if _, err := a.Enter(space, tier, ag.ID); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, id := range ids {
		spec, err := a.Space(id)
		if err != nil {
			return err
		}
		if len(opts.Players) < spec.Players.Min {
			return fmt.Errorf("arena: season: space %s needs %d players, %d given", id, spec.Players.Min, len(opts.Players))
		}
		tier := min(opts.Tier, len(spec.Entry.Tiers)-1)
		for n := range total {
			if err := ctx.Err(); err != nil {
				return err
			}
			k := spec.Players.Min + r.IntN(min(spec.Players.Max, len(opts.Players))-spec.Players.Min+1)
			var drawn []agents.Agent
			for _, i := range r.Perm(len(opts.Players))[:k] {
				drawn = append(drawn, opts.Players[i])
			}
			if err := enter(ctx, id, tier, drawn); err != nil {
				return fmt.Errorf("arena: season: space %s: %w", id, err)
			}
			plan, err := a.NextMatch(id, tier, Matchmaking{Seed: r.Uint64()})
			if err != nil {
				return fmt.Errorf("arena: season: space %s: %w", id, err)
			}
			res, err := a.Play(ctx, plan)
			if err != nil {
				return fmt.Errorf("arena: season: space %s: match %s: %w", id, plan.ID, err)
			}
			if opts.Progress != nil {
				opts.Progress(id, n+1, total, res.Match)
			}
		}
	}
	return nil
}

// Report is a Space's standings: the Bradley-Terry leaderboard of its
// rated matches with their intervals, live ratings, wins and earnings, how
// well its judges agree, and how many preference pairs it gave.
type Report struct {
	Space string
	// Matches counts the rated matches the standings are computed from.
	Matches int
	// Method states how the standings were computed and ordered.
	Method    string
	Standings []Standing
	Live      map[string]agents.Rating // by agent id
	Earnings  map[string]*big.Int      // by agent id, base units
	Agreement []judges.PairAgreement
	Pairs     int
}

// Report sums up a Space's finished matches. The standings count only the
// rated ones (see Match.Rated): a match between one owner's agents, or
// one whose every round was void, says nothing about who is better. The
// judges' agreement counts every finished match, whoever played. seed is
// kept for callers from when the intervals were a bootstrap; the Laplace
// intervals draw nothing at random, so it changes nothing.
func (a *Arena) Report(space string, seed uint64) (Report, error) {
	opts := LeaderboardOptions{}
	rep := Report{Space: space, Method: opts.Method(), Live: make(map[string]agents.Rating)}
	matches, err := a.Matches(space)
	if err != nil {
		return rep, err
	}
	var outcomes []Outcome
	var verdicts []judges.Result
	for _, m := range matches {
		if m.Status != StatusFinished {
			continue
		}
		if m.Rated {
			rep.Matches++
			outcomes = append(outcomes, Outcome{Players: m.Players, Ranks: m.Ranks})
		}
		rounds, err := a.Rounds(m.ID)
		if err != nil {
			return rep, err
		}
		for _, r := range rounds {
			if r.Void == "" {
				verdicts = append(verdicts, judges.Result{Judges: r.Judges})
			}
		}
	}
	rep.Standings = Leaderboard(outcomes, opts)
	for _, s := range rep.Standings {
		ag, err := a.Agent(s.Player)
		if err != nil {
			return rep, err
		}
		rep.Live[s.Player] = ag.Ratings[space]
	}
	if rep.Earnings, err = a.Earnings(space); err != nil {
		return rep, err
	}
	rep.Agreement = judges.Agreement(verdicts)
	rep.Pairs, err = a.CountPairs(space)
	return rep, err
}

var _ = store.Key
