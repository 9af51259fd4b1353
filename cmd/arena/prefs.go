package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/rlfc/arena/arena"
)

// runPrefs handles `arena prefs export`.
func runPrefs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("prefs", []command{
		{"export", "write a Space's preference pairs as TRL JSONL with provenance", prefsExport},
	}, ctx, args, stdout, stderr)
}

func prefsExport(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("prefs export", "", "Writes preference pairs in TRL's conversational JSONL form ({\"prompt\",\"chosen\",\"rejected\"}),\neach line with its provenance (space, match, round, agents, scores, margin), which TRL ignores.")
	sf := addStoreFlags(f)
	space := f.String("space", "", "Space whose pairs to export (required)")
	agent := f.String("agent", "", "only pairs with this agent on either side (id, prefix or name)")
	out := f.String("out", "", "output file (required; - for stdout)")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *space == "" || *out == "" {
		return usageError{fmt.Errorf("--space and --out are required")}
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.Space(*space); err != nil {
		return err
	}
	agentID := ""
	if *agent != "" {
		ag, err := a.Agent(*agent)
		if err != nil {
			return err
		}
		agentID = ag.ID
	}
	pairs, err := a.Pairs(*space, agentID)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "-" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	if err := arena.WritePairs(w, pairs); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(stdout, "wrote %d pairs to %s\n", len(pairs), *out)
	}
	return nil
}
