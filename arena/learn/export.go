package learn

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rlfc/arena/arena"
)

// Exported says what Export wrote.
type Exported struct {
	Agent    string   // the agent's id
	Adapter  string   // its current version; "" when it has none
	Versions []string // the versions of its lineage, oldest first
	Pairs    int      // pairs its replies are in
	Base     bool     // whether the base model was written
}

// Export writes what an outside trainer or server needs of an agent to
// out, a new or empty directory:
//
//	agent.json          the agent's settings (model, system prompt, sampling, adapter)
//	base/               the base model in Hugging Face layout, when base is given
//	adapter/            the current adapter version in PEFT layout
//	versions/VERSION/   every version of its lineage: adapter, record.json, pairs.jsonl, checkpoints/
//	pairs.jsonl         every pair with a reply of the agent's, TRL form with provenance
//
// so that PEFT or vLLM load base/ with adapter/, TRL trains on pairs.jsonl,
// and `arena pol verify versions/VERSION/record.json` re-checks each
// version. dir is the arena's data directory (adapters live under it).
func Export(a *arena.Arena, dir, agentID, out string, base fs.FS) (Exported, error) {
	ag, err := a.Agent(agentID)
	if err != nil {
		return Exported{}, err
	}
	ex := Exported{Agent: ag.ID, Adapter: ag.Adapter}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return ex, fmt.Errorf("learn: export: %s is not empty", out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return ex, err
	}
	settings, err := json.MarshalIndent(ag, "", "  ")
	if err != nil {
		return ex, err
	}
	if err := os.WriteFile(filepath.Join(out, "agent.json"), append(settings, '\n'), 0o644); err != nil {
		return ex, err
	}
	if base != nil {
		if err := copyFS(filepath.Join(out, "base"), base); err != nil {
			return ex, fmt.Errorf("learn: export: base model: %w", err)
		}
		ex.Base = true
	}

	// The lineage, from the current version back through its parents.
	versions, err := a.Adapters(ag.ID)
	if err != nil {
		return ex, err
	}
	parent := make(map[string]string)
	for _, v := range versions {
		parent[v.Version] = v.Parent
	}
	for v := ag.Adapter; v != ""; v = parent[v] {
		if len(ex.Versions) > len(versions) {
			return ex, fmt.Errorf("learn: export: adapter versions of %s loop at %s", ag.ID, v)
		}
		ex.Versions = append([]string{v}, ex.Versions...)
	}
	for _, v := range ex.Versions {
		if err := copyFS(filepath.Join(out, "versions", v), os.DirFS(filepath.Join(dir, "adapters", v))); err != nil {
			return ex, fmt.Errorf("learn: export: version %s: %w", v, err)
		}
	}
	if ag.Adapter != "" {
		for _, name := range []string{"adapter_config.json", "adapter_model.safetensors"} {
			src := filepath.Join(dir, "adapters", ag.Adapter, name)
			if err := copyFile(filepath.Join(out, "adapter", name), src); err != nil {
				return ex, fmt.Errorf("learn: export: adapter: %w", err)
			}
		}
	}

	var mine []arena.Pair
	specs, err := a.Spaces()
	if err != nil {
		return ex, err
	}
	for _, s := range specs {
		ps, err := a.Pairs(s.ID, ag.ID)
		if err != nil {
			return ex, err
		}
		mine = append(mine, ps...)
	}
	f, err := os.Create(filepath.Join(out, "pairs.jsonl"))
	if err != nil {
		return ex, err
	}
	if err := arena.WritePairs(f, mine); err != nil {
		f.Close()
		return ex, err
	}
	ex.Pairs = len(mine)
	return ex, f.Close()
}

// copyFS copies a directory tree to dst.
func copyFS(dst string, src fs.FS) error {
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return errors.New(path + ": not a regular file")
		}
		in, err := src.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		return writeFile(target, in)
	})
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile(dst, in)
}

func writeFile(dst string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
