package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
)

// runMatch handles `arena match run`.
func runMatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("match", []command{
		{"run", "play one match between agents and stream it", matchRun},
	}, ctx, args, stdout, stderr)
}

func matchRun(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("match run", "AGENT...", "Queues the agents (ids, id prefixes or names) in a Space, plays the match they make,\nand streams it: tasks, replies as they are written, scores and the result.")
	sf := addStoreFlags(f)
	space := f.String("space", "sum-duel", "Space to play")
	tier := f.Int("tier", 0, "entry fee tier")
	seed := f.Uint64("seed", 1, "match seed")
	quiet := f.Bool("quiet", false, "print only the result")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	names := map[string]string{}
	for _, ref := range f.Args() {
		ag, err := a.Agent(ref)
		if err != nil {
			return err
		}
		names[ag.ID] = ag.Name
		if _, err := a.Enter(*space, *tier, ag.ID); err != nil {
			return err
		}
	}
	plan, err := a.NextMatch(*space, *tier, arena.Matchmaking{Seed: *seed})
	if err != nil {
		for id := range names {
			a.Leave(*space, id)
		}
		return err
	}
	sub := a.Bus().Subscribe(arena.ForMatch(plan.ID), 1<<16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range sub.C {
			if !*quiet {
				printEvent(stdout, ev, names)
			}
			if ev.Type == api.MatchResult || ev.Type == api.MatchAborted {
				return
			}
		}
	}()
	res, err := a.Play(ctx, plan)
	sub.Close()
	<-done
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "match %s in %s:\n", res.Match.ID, res.Match.Space)
	for i, id := range res.Match.Players {
		fmt.Fprintf(stdout, "  rank %d  %-10s score %.2f  payout %s\n", res.Match.Ranks[i]+1, names[id], res.Match.Scores[i], res.Match.Payouts[i])
	}
	fmt.Fprintf(stdout, "  %d preference pairs\n", len(res.Pairs))
	return nil
}

// printEvent writes one event of a match as a line of text.
func printEvent(w io.Writer, ev api.Event, names map[string]string) {
	who := names[ev.Player]
	switch ev.Type {
	case api.RoundTask:
		fmt.Fprintf(w, "round %d: %s\n", ev.Round+1, strings.ReplaceAll(ev.Text, "\n", " / "))
	case api.ReplyDone:
		if ev.Error != "" {
			fmt.Fprintf(w, "  %-10s failed: %s\n", who, ev.Error)
		} else {
			fmt.Fprintf(w, "  %-10s #%d %q\n", who, ev.Sample+1, ev.Text)
		}
	case api.GameMove:
		fmt.Fprintf(w, "  %-10s plays %q %s\n", who, ev.Text, ev.Error)
	case api.RoundScores:
		fmt.Fprintf(w, "  scores %v\n", ev.Scores)
	case api.RoundVoid:
		fmt.Fprintf(w, "  round void: %s\n", ev.Error)
	case api.MatchAborted:
		fmt.Fprintf(os.Stderr, "match aborted: %s\n", ev.Error)
	}
}
