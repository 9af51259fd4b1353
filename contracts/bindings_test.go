package contracts

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// binding is one abigen invocation of `make contracts`; keep the two in step.
type binding struct{ contract, pkg, out string }

var bindings = []binding{
	{"SpaceStake", "spacestake", "spacestake/spacestake.go"},
	{"ReentrantWithdrawer", "testcontracts", "internal/testcontracts/reentrantwithdrawer.go"},
	{"TestToken", "testcontracts", "internal/testcontracts/testtoken.go"},
}

func goCommand(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run abigen with")
	}
	return p
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestBindingsUpToDate regenerates the Go bindings from build/*.abi and
// build/*.bin with the abigen pinned in go.mod and fails if they differ from
// the committed ones.
func TestBindingsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds abigen: not in -short")
	}
	goCmd := goCommand(t)
	tmp := t.TempDir()
	for _, b := range bindings {
		out := filepath.Join(tmp, filepath.Base(b.out))
		cmd := exec.Command(goCmd, "tool", "abigen", "--v2",
			"--abi", filepath.Join("build", b.contract+".abi"),
			"--bin", filepath.Join("build", b.contract+".bin"),
			"--pkg", b.pkg, "--type", b.contract, "--out", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("abigen %s: %v\n%s", b.contract, err, msg)
		}
		want, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(b.out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: regenerate the bindings with `make contracts`", b.out)
		}
	}
}

// TestSourcesMatchInput needs no Node: it checks that build/input.json holds
// the current Solidity sources, so a contract edited without rebuilding is
// caught even on machines that cannot run solc.
func TestSourcesMatchInput(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("build", "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	var input struct {
		Settings struct {
			EVMVersion string `json:"evmVersion"`
		} `json:"settings"`
		Sources map[string]struct {
			Content string `json:"content"`
		} `json:"sources"`
	}
	if err := json.Unmarshal(raw, &input); err != nil {
		t.Fatal(err)
	}
	if input.Settings.EVMVersion != "osaka" {
		t.Errorf("evmVersion %q, want osaka", input.Settings.EVMVersion)
	}
	seen := map[string]bool{}
	err = filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sol") {
			return err
		}
		name := filepath.ToSlash(p)
		seen[name] = true
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if in, ok := input.Sources[name]; !ok || in.Content != string(src) {
			t.Errorf("%s differs from build/input.json: run `make contracts`", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range input.Sources {
		if strings.HasPrefix(name, "src/") && !seen[name] {
			t.Errorf("build/input.json has %s, which is no longer in src/", name)
		}
	}
}

// TestArtifactsMatchInput compiles build/input.json with the pinned solc-js
// and compares the ABI and bytecode with the committed ones. It needs Node
// and `npm ci` in contracts/, and is skipped without them.
func TestArtifactsMatchInput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs solc: not in -short")
	}
	node, err := exec.LookPath("node")
	if err != nil || !fileExists(filepath.Join("node_modules", "solc", "package.json")) {
		t.Skip("needs node and `npm ci` in contracts/")
	}
	if msg, err := exec.Command(node, "build.mjs", "--check").CombinedOutput(); err != nil {
		t.Fatalf("build.mjs --check: %v\n%s", err, msg)
	}
}
