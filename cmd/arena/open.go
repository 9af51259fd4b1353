package main

import (
	"os"
	"path/filepath"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
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
}

func addStoreFlags(f *flags) storeFlags {
	return storeFlags{
		data:        f.String("data", defaultDataDir(), "data directory (database and adapters)"),
		judgeURL:    f.String("judge-endpoint", "", "OpenAI-compatible API base URL for LLM judges (e.g. http://127.0.0.1:8000/v1)"),
		judgeModel:  f.String("judge-model", "", "model name for LLM judges"),
		judgeKeyEnv: f.String("judge-key-env", "OPENAI_API_KEY", "environment variable holding the LLM judges' API key"),
	}
}

// open opens the arena in the data directory, with the embedded model and
// OpenAI-compatible endpoints as backends.
func (s storeFlags) open() (*arena.Arena, error) {
	opts, err := s.options()
	if err != nil {
		return nil, err
	}
	return arena.Open(opts)
}

// options are the arena's options for the data directory: the embedded
// model (with the adapters stored there) and OpenAI-compatible endpoints
// as backends, and the LLM-judge settings.
func (s storeFlags) options() (arena.Options, error) {
	m, err := embedded.Model()
	if err != nil {
		return arena.Options{}, err
	}
	openai := func(endpoint, model, key string) (agents.Policy, error) {
		return agents.NewOpenAI(agents.OpenAIOptions{BaseURL: endpoint, Model: model, APIKey: key})
	}
	return arena.Options{
		Dir: *s.data,
		Backends: agents.Backends{
			Embedded: agents.NewEmbedded(m, &agents.AdapterDir{Root: filepath.Join(*s.data, "adapters"), Model: m}),
			Model:    embedded.Name,
			OpenAI:   agents.OpenAIFactory(agents.OpenAIOptions{}),
		},
		Judges: judges.Env{Endpoint: *s.judgeURL, Model: *s.judgeModel, APIKey: os.Getenv(*s.judgeKeyEnv), Policy: openai},
	}, nil
}
