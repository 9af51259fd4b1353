package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// usageError marks a mistake in how a command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// flags is a flag.FlagSet whose flags default to their ARENA_<NAME>
// environment variables.
type flags struct {
	*flag.FlagSet
	name, args, summary string
}

func newFlags(name, args, summary string) *flags {
	f := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), name: name, args: args, summary: summary}
	return f
}

// envName is the environment twin of a flag: --max-tokens reads
// ARENA_MAX_TOKENS.
func envName(flagName string) string {
	return "ARENA_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parse parses args; flags not given on the command line take their
// environment twin when it is set. --help prints usage to out.
func (f *flags) parse(args []string, out io.Writer) error {
	f.SetOutput(out)
	f.Usage = func() {
		fmt.Fprintf(out, "Usage: arena %s [flags] %s\n\n%s\n\nFlags:\n", f.name, f.args, f.summary)
		f.VisitAll(func(fl *flag.Flag) {
			fmt.Fprintf(out, "  --%s", fl.Name)
			if name, _ := flag.UnquoteUsage(fl); name != "" {
				fmt.Fprintf(out, " %s", name)
			}
			_, u := flag.UnquoteUsage(fl)
			fmt.Fprintf(out, "\n        %s (env %s", u, envName(fl.Name))
			if fl.DefValue != "" && fl.DefValue != "0" && fl.DefValue != "false" {
				fmt.Fprintf(out, ", default %s", fl.DefValue)
			}
			fmt.Fprintln(out, ")")
		})
	}
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var err error
	f.VisitAll(func(fl *flag.Flag) {
		v, ok := os.LookupEnv(envName(fl.Name))
		if set[fl.Name] || !ok || err != nil {
			return
		}
		if e := fl.Value.Set(v); e != nil {
			err = usageError{fmt.Errorf("%s=%q: %v", envName(fl.Name), v, e)}
		}
	})
	return err
}

// parseNone parses args for a command that takes flags only.
func (f *flags) parseNone(args []string, out io.Writer) error {
	if err := f.parse(args, out); err != nil {
		return err
	}
	if f.NArg() != 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", f.name, f.Args())}
	}
	return nil
}

// parseOne parses args that must hold exactly one positional argument,
// named what in the error, and returns it.
func (f *flags) parseOne(args []string, out io.Writer, what string) (string, error) {
	if err := f.parse(args, out); err != nil {
		return "", err
	}
	if f.NArg() != 1 {
		return "", usageError{fmt.Errorf("want one %s, got %d arguments", what, f.NArg())}
	}
	return f.Arg(0), nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
