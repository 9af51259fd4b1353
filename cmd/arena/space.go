package main

import (
	"context"
	"fmt"
	"io"

	"github.com/rlfc/arena/spaces"
)

// runSpace handles `arena space validate|list|show|add`.
func runSpace(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("space", []command{
		{"validate", "check Space spec files (TOML) and report every error with file, line and key", spaceValidate},
		{"list", "list the built-in and added Spaces", spaceList},
		{"show", "print a Space's spec as TOML", spaceShow},
		{"add", "validate a Space spec file and add it to the arena", spaceAdd},
	}, ctx, args, stdout, stderr)
}

func spaceValidate(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("space validate", "FILE...", "Checks Space spec files; each error names the file, line and key.")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return usageError{fmt.Errorf("no spec file given")}
	}
	var bad int
	for _, path := range f.Args() {
		s, err := spaces.Load(path)
		if err != nil {
			fmt.Fprintln(stdout, err)
			bad++
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (space %s, %s, %d-%d players)\n", path, s.ID, s.Mode, s.Players.Min, s.Players.Max)
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d specs are invalid", bad, f.NArg())
	}
	return nil
}

func spaceList(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("space list", "", "Lists the built-in Spaces and those added to the arena.")
	sf := addStoreFlags(f)
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	all, err := a.Spaces()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-14s %-9s %-8s %-7s %-22s %s\n", "ID", "MODE", "PLAYERS", "ROUNDS", "ENTRY", "NAME")
	for _, s := range all {
		fmt.Fprintf(stdout, "%-14s %-9s %-8s %-7d %-22s %s\n", s.ID, s.Mode, fmt.Sprintf("%d-%d", s.Players.Min, s.Players.Max), s.Rounds, fmt.Sprintf("%v %s", s.Entry.Tiers, s.Entry.Currency), s.Name)
	}
	return nil
}

func spaceShow(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("space show", "ID", "Prints a Space's spec as TOML.")
	sf := addStoreFlags(f)
	arg, err := f.parseOne(args, stdout, "Space id")
	if err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := a.Space(arg)
	if err != nil {
		return err
	}
	b, err := s.Marshal()
	if err != nil {
		return err
	}
	_, err = stdout.Write(b)
	return err
}

func spaceAdd(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("space add", "FILE", "Validates a Space spec and adds it to the arena.")
	sf := addStoreFlags(f)
	arg, err := f.parseOne(args, stdout, "spec file")
	if err != nil {
		return err
	}
	s, err := spaces.Load(arg)
	if err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.AddSpace(s); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added space %s\n", s.ID)
	return nil
}

// subcommands dispatches a command's own subcommands (arena space list).
func subcommands(name string, cmds []command, ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(stdout, "Usage: arena %s <command> [flags]\n\nCommands:\n", name)
		for _, c := range cmds {
			fmt.Fprintf(stdout, "  %-14s %s\n", c.name, c.summary)
		}
		if len(args) == 0 {
			return usageError{fmt.Errorf("no %s command given", name)}
		}
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return usageError{fmt.Errorf("unknown command %q", name+" "+args[0])}
}
