package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/learn"
	"github.com/rlfc/arena/lora/embedded"
)

// runAgent handles `arena agent create|list|show|edit` on the local store.
func runAgent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("agent", []command{
		{"create", "create an agent", agentCreate},
		{"list", "list agents with their ratings", agentList},
		{"show", "print an agent as JSON", agentShow},
		{"edit", "change an agent's settings", agentEdit},
		{"export", "write an agent's adapter, base, records and pairs for PEFT, vLLM or TRL", agentExport},
	}, ctx, args, stdout, stderr)
}

// refHelp says what an agent reference on the command line may be.
const refHelp = "ID is the agent's id, a unique prefix of it, or its name;\n" +
	"a reference that fits several agents is refused with a list of them."

// agentFlags are the settings create and edit share.
type agentFlags struct {
	name, model, endpoint, system, systemFile, adapter *string
	temperature, topP                                  *float64
	topK, maxTokens                                    *int
}

func addAgentFlags(f *flags) agentFlags {
	return agentFlags{
		name:        f.String("name", "", "agent name"),
		model:       f.String("model", embedded.Name, "base model: the embedded model's name, or the model an --endpoint serves"),
		endpoint:    f.String("endpoint", "", "OpenAI-compatible API base URL (empty: the embedded engine)"),
		system:      f.String("system", "", "system prompt (empty: each Space's own instructions)"),
		systemFile:  f.String("system-file", "", "read the system prompt from this file"),
		adapter:     f.String("adapter", "", "adapter version to play with, one of the agent's own (empty: the base model)"),
		temperature: f.Float64("temperature", 0, "sampling temperature (0 is greedy)"),
		topP:        f.Float64("top-p", 0, "nucleus sampling threshold (0 keeps all)"),
		topK:        f.Int("top-k", 0, "keep the K most likely tokens (0 keeps all)"),
		maxTokens:   f.Int("max-tokens", 0, "cap on a reply's tokens (0: the Space's limit)"),
	}
}

// apply copies the flags given on the command line (or all, for create)
// into ag.
func (af agentFlags) apply(f *flags, ag *agents.Agent, all bool) error {
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	given := func(name string) bool { return all || set[name] }
	if given("name") {
		ag.Name = *af.name
	}
	if given("model") {
		ag.Model = *af.model
	}
	if given("endpoint") {
		ag.Endpoint = *af.endpoint
	}
	if given("system") {
		ag.System = *af.system
	}
	if set["system-file"] {
		b, err := os.ReadFile(*af.systemFile)
		if err != nil {
			return err
		}
		ag.System = string(b)
	}
	if given("adapter") {
		ag.Adapter = *af.adapter
	}
	if given("temperature") {
		ag.Sampling.Temperature = *af.temperature
	}
	if given("top-p") {
		ag.Sampling.TopP = *af.topP
	}
	if given("top-k") {
		ag.Sampling.TopK = *af.topK
	}
	if given("max-tokens") {
		ag.Sampling.MaxTokens = *af.maxTokens
	}
	return nil
}

func agentCreate(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("agent create", "", "Creates an agent in the local store and prints its id.")
	sf := addStoreFlags(f)
	af := addAgentFlags(f)
	owner := f.String("owner", arena.HouseOwner, "owner's wallet address")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	ag := agents.Agent{Owner: *owner}
	if err := af.apply(f, &ag, true); err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	ag, err = a.CreateAgent(ag)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created agent %s (%s)\n", ag.ID, ag.Name)
	return nil
}

func agentList(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("agent list", "", "Lists agents, with their live rating (mu - 3 sigma) in each Space they played.")
	sf := addStoreFlags(f)
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	all, err := a.Agents()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-36s %-10s %-12s %-8s %s\n", "ID", "NAME", "MODEL", "ADAPTER", "RATINGS")
	for _, ag := range all {
		var spaces []string
		for s := range ag.Ratings {
			spaces = append(spaces, s)
		}
		sort.Strings(spaces)
		ratings := ""
		for _, s := range spaces {
			r := ag.Ratings[s]
			ratings += fmt.Sprintf("%s %.1f (%d)  ", s, arena.Ordinal(r), r.Matches)
		}
		adapter := ag.Adapter
		if adapter == "" {
			adapter = "-"
		}
		fmt.Fprintf(stdout, "%-36s %-10s %-12s %-8s %s\n", ag.ID, ag.Name, ag.Model, adapter, ratings)
	}
	return nil
}

func agentShow(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("agent show", "ID", "Prints an agent as JSON. "+refHelp)
	sf := addStoreFlags(f)
	arg, err := f.parseOne(args, stdout, "agent id")
	if err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	ag, err := a.Agent(arg)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(ag)
}

func agentEdit(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("agent edit", "ID", "Changes the settings given as flags; the others stay. "+refHelp+"\n"+
		"A new name must not be shaped like an id nor another of the owner's agents' names; --adapter\n"+
		"takes one of the agent's own adapter versions, or \"\" for the base model.")
	sf := addStoreFlags(f)
	af := addAgentFlags(f)
	arg, err := f.parseOne(args, stdout, "agent id")
	if err != nil {
		return err
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	ag, err := a.Agent(arg)
	if err != nil {
		return err
	}
	ag, err = a.UpdateAgent(ag.ID, func(ag *agents.Agent) error { return af.apply(f, ag, false) })
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "updated agent %s (%s)\n", ag.ID, ag.Name)
	return nil
}

func agentExport(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("agent export", "ID", "Writes to --out what an outside trainer or server needs of an agent: agent.json, the\n"+
		"embedded base model in Hugging Face layout (base/), its current adapter in PEFT layout\n"+
		"(adapter/), every adapter version of its lineage with its proof-of-learning record\n"+
		"(versions/), and its preference pairs in TRL's JSONL form (pairs.jsonl).")
	sf := addStoreFlags(f)
	out := f.String("out", "", "directory to write, new or empty (required)")
	arg, err := f.parseOne(args, stdout, "agent id")
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError{errors.New("--out is required")}
	}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	ag, err := a.Agent(arg)
	if err != nil {
		return err
	}
	var base fs.FS
	if ag.Model == embedded.Name {
		base = embedded.FS()
	}
	ex, err := learn.Export(a, *sf.data, ag.ID, *out, base)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported agent %s (%s) to %s: adapter %q, %d versions, %d pairs", ag.Name, ag.ID, *out, ex.Adapter, len(ex.Versions), ex.Pairs)
	if ex.Base {
		fmt.Fprint(stdout, ", base model "+embedded.Name)
	}
	fmt.Fprintln(stdout)
	if ex.Adapter != "" {
		fmt.Fprintf(stdout, "PEFT: PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(%q), %q)\n",
			filepath.Join(*out, "base"), filepath.Join(*out, "adapter"))
	}
	return nil
}
