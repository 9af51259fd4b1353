package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/internal/netguard"
	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/lora/embedded"
)

// defaultDataDir is where the arena keeps its database and adapters:
// $XDG_DATA_HOME/arena, or ~/.local/share/arena.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "arena")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "arena")
	}
	return "arena-data"
}

// storeFlags are the flags of every command that opens the arena's store.
type storeFlags struct {
	data                              *string
	judgeURL, judgeModel, judgeKeyEnv *string
	allow                             *stringList // --allow-endpoint; nil is none
}

func addStoreFlags(f *flags) storeFlags {
	allow := new(stringList)
	f.Var(allow, "allow-endpoint", "let agent endpoints reach `CIDR|IP|HOST` although it is loopback, private, link-local or otherwise not public (repeatable, or comma-separated). Without it, serve lets agent endpoints reach public addresses only, and serve --dev and the other commands allow loopback too; with it, exactly what it names is allowed besides public addresses. LLM judges (--judge-endpoint) are the operator's and not limited")
	return storeFlags{
		data:        f.String("data", defaultDataDir(), "data directory (database and adapters)"),
		judgeURL:    f.String("judge-endpoint", "", "OpenAI-compatible API base URL for LLM judges (e.g. http://127.0.0.1:8000/v1)"),
		judgeModel:  f.String("judge-model", "", "model name for LLM judges"),
		judgeKeyEnv: f.String("judge-key-env", "OPENAI_API_KEY", "environment variable holding the LLM judges' API key"),
		allow:       allow,
	}
}

// open opens the arena in the data directory, with the embedded model and
// OpenAI-compatible endpoints as backends. It is for commands an operator
// runs on their own machine, so agent endpoints may reach loopback (a
// model server of their own) unless --allow-endpoint says otherwise.
func (s storeFlags) open() (*arena.Arena, error) {
	opts, err := s.options(true)
	if err != nil {
		return nil, err
	}
	return arena.Open(opts)
}

// options are the arena's options for the data directory: the embedded
// model (with the adapters stored there) and OpenAI-compatible endpoints
// as backends, and the LLM-judge settings. Agent endpoints go through a
// netguard.Guard that allows public addresses and --allow-endpoint's
// entries, or, when none are given, loopback if loopback is set. Every
// agent's replies are counted in the embedded model's tokens.
func (s storeFlags) options(loopback bool) (arena.Options, error) {
	m, err := embedded.Model()
	if err != nil {
		return arena.Options{}, err
	}
	allow, err := s.allowed(loopback)
	if err != nil {
		return arena.Options{}, err
	}
	guard := netguard.New(netguard.Options{Allow: allow})
	// Judges are the operator's: their endpoint is not a player's choice,
	// so it needs no guard.
	openai := func(endpoint, model, key string) (agents.Policy, error) {
		return agents.NewOpenAI(agents.OpenAIOptions{BaseURL: endpoint, Model: model, APIKey: key})
	}
	return arena.Options{
		Dir: *s.data,
		Backends: agents.Backends{
			Embedded: agents.NewEmbedded(m, &agents.AdapterDir{Root: filepath.Join(*s.data, "adapters"), Model: m}),
			Model:    embedded.Name,
			OpenAI:   agents.OpenAIFactory(agents.OpenAIOptions{Client: guard.Client()}),
		},
		Judges:    judges.Env{Endpoint: *s.judgeURL, Model: *s.judgeModel, APIKey: os.Getenv(*s.judgeKeyEnv), Policy: openai},
		Tokenizer: m.Tokenizer,
	}, nil
}

// allowed is what agent endpoints may reach besides public addresses:
// --allow-endpoint's entries, or loopback when there are none and loopback
// is set.
func (s storeFlags) allowed(loopback bool) (netguard.Allow, error) {
	var entries []string
	if s.allow != nil {
		entries = *s.allow
	}
	allow, err := netguard.ParseAllow(entries...)
	if err != nil {
		return netguard.Allow{}, usageError{fmt.Errorf("--allow-endpoint: %w", err)}
	}
	if allow.IsZero() && loopback {
		return netguard.Loopback(), nil
	}
	return allow, nil
}
