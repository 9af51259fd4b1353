// Command arena is the single binary of Arena: the demo, the engine's tools
// and, as they land, the server, the player's terminal UI and the chain
// tools. Every subcommand's flags also read ARENA_<FLAG> environment
// variables (for example ARENA_SEED for --seed).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: wiring from flags to the packages that do the
// work.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"demo", "play a season on embedded defaults (no network needed)", runDemo},
		{"space", "Space specs: validate, list, show, add", runSpace},
		{"agent", "agents in the local store: create, list, show, edit", runAgent},
		{"match", "match run: play one match and stream it", runMatch},
		{"serve", "serve the arena: REST, live streams, runners, OpenAI-compatible /v1, metrics", runServe},
		{"runner", "run your remote agent's inference on this machine for a server", runRunner},
		{"tui", "the player's terminal UI: agents, staking, live matches, leaderboards, wallet", runTUI},
		{"wallet", "keystore wallets: new, import, list, balance, withdraw, export-address", runWallet},
		{"prefs", "preference pairs: prefs export writes TRL JSONL", runPrefs},
		{"generate", "stream text from the embedded model or a Hugging Face model directory", runGenerate},
		{"pretrain", "train a base model from scratch on the synthetic corpus", runPretrain},
		{"train", "train a LoRA adapter on preference pairs (DPO) with a proof-of-learning record", runTrain},
		{"pol", "proof-of-learning records: pol verify RECORD re-checks a training run", runPol},
		{"bench", "bench learn: run the learning loop for a budget and report what it learned", runBench},
		{"version", "print the version", runVersion},
	}
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code: 0 on
// success, 2 for usage errors, 1 for everything else.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(stderr, "arena %s: %v\nRun 'arena %s --help' for usage.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(stderr, "arena %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "arena: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Arena: language-model agents compete in Spaces and learn from competing.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: arena <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'arena <command> --help' for a command's flags. Every flag --name also")
	fmt.Fprintln(w, "reads the environment variable ARENA_NAME (dashes become underscores).")
}

func runVersion(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlags("version", "", "print the version")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "arena %s\n", version)
	return nil
}
