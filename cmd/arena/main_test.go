package main

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora"
)

func runArena(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestHelpListsCommands(t *testing.T) {
	code, out, _ := runArena(t, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, c.name) {
			t.Errorf("help does not list %s", c.name)
		}
	}
	code, out, _ = runArena(t, "generate", "--help")
	if code != 0 || !strings.Contains(out, "--max-tokens") || !strings.Contains(out, "ARENA_MAX_TOKENS") {
		t.Errorf("generate --help (exit %d):\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"generate"}, "--prompt is required"},
		{[]string{"generate", "--prompt", "x", "--max-tokens", "many"}, "invalid value"},
		{[]string{"pretrain"}, "--out is required"},
		{[]string{"runner", "--agent", "a"}, "--key-file is required"},
		{[]string{"match"}, "no match command given"},
	} {
		code, _, errOut := runArena(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

func TestGenerateIsReproducible(t *testing.T) {
	args := []string{"generate", "--prompt", "Q: 17+25=", "--seed", "7"}
	code, a, errA := runArena(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errA)
	}
	_, b, _ := runArena(t, args...)
	if a != b || !strings.HasPrefix(a, "Q: 17+25=") {
		t.Errorf("two runs with seed 7:\n%q\n%q", a, b)
	}
	t.Setenv("ARENA_SEED", "7")
	if _, c, _ := runArena(t, "generate", "--prompt", "Q: 17+25="); c != a {
		t.Errorf("ARENA_SEED=7 gave %q, --seed 7 gave %q", c, a)
	}
	t.Setenv("ARENA_MAX_TOKENS", "1")
	if _, d, _ := runArena(t, "generate", "--prompt", "Q: 17+25=", "--temperature", "0"); len(d) > len("Q: 17+25=")+8 {
		t.Errorf("ARENA_MAX_TOKENS=1 ignored: %q", d)
	}
}

func TestDemoPlaysASeasonAndContinuesIt(t *testing.T) {
	data := t.TempDir()
	args := []string{"demo", "--data", data, "--matches", "2", "--space", "sum-duel", "--space", "tic-tac-toe", "--eval", "4"}
	code, out, errOut := runArena(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"sum-duel: Sum Duel; 2 matches", "tic-tac-toe: Tic-Tac-Toe; 2 matches", "95% interval", "preference pairs stored",
		"On chain: 4 matches settled", "Every on-chain credit matches the ledger to the wei",
		"sum-duel: held-out accuracy over 4 tasks", "tic-tac-toe: held-out win_rate over 4 games"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	// A second run in the same data directory continues the season.
	// An agent of the season exports for PEFT and TRL.
	exp := filepath.Join(t.TempDir(), "ada")
	if code, out, errOut := runArena(t, "agent", "export", "--data", data, "--out", exp, "ada"); code != 0 || !strings.Contains(out, "exported agent ada") {
		t.Fatalf("agent export: exit %d, %s\n%s", code, errOut, out)
	}
	for _, name := range []string{"agent.json", "pairs.jsonl", "base/config.json", "base/model.safetensors", "base/tokenizer.json"} {
		if _, err := os.Stat(filepath.Join(exp, name)); err != nil {
			t.Errorf("export lacks %s: %v", name, err)
		}
	}

	// Its chain is a fresh one, so it settles only the new matches.
	if code, out, errOut = runArena(t, args...); code != 0 || !strings.Contains(out, "sum-duel: Sum Duel; 4 matches") ||
		!strings.Contains(out, "On chain: 4 matches settled") {
		t.Errorf("second run (exit %d, %s):\n%s", code, errOut, out)
	}
}

func TestSpaceValidateNamesFileLineAndKey(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	_, spec, _ := runArena(t, "space", "show", "--data", t.TempDir(), "sum-duel")
	spec = strings.Replace(spec, "rounds = 8", "rounds = 8\nroundz = 3", 1)
	if err := os.WriteFile(bad, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runArena(t, "space", "validate", bad)
	if code != 1 || !strings.Contains(out, bad+":") || !strings.Contains(out, "roundz") {
		t.Errorf("exit %d, output %q", code, out)
	}
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, []byte(strings.Replace(spec, "roundz = 3\n", "", 1)), 0o644)
	if code, out, _ := runArena(t, "space", "validate", good); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("valid spec: exit %d, %q", code, out)
	}
	if code, out, _ := runArena(t, "space", "list", "--data", t.TempDir()); code != 0 || !strings.Contains(out, "tic-tac-toe") {
		t.Errorf("space list: exit %d, %q", code, out)
	}
}

func TestAgentsMatchAndPrefsExport(t *testing.T) {
	data := t.TempDir()
	// Of two owners: only a match between different owners is rated.
	for i, name := range []string{"alice", "bob"} {
		owner := []string{"0x00000000000000000000000000000000000a11ce", "0x0000000000000000000000000000000000000b0b"}[i]
		if code, out, errOut := runArena(t, "agent", "create", "--data", data, "--name", name, "--owner", owner, "--temperature", "0.5"); code != 0 || !strings.Contains(out, "created agent") {
			t.Fatalf("create %s: exit %d, %s %s", name, code, out, errOut)
		}
	}
	if code, _, errOut := runArena(t, "agent", "create", "--data", data, "--name", "x", "--temperature", "9"); code != 1 || !strings.Contains(errOut, "temperature") {
		t.Errorf("bad temperature: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runArena(t, "agent", "edit", "--data", data, "--system", "Answer with the number only.", "bob"); code != 0 {
		t.Fatalf("edit: exit %d, %s", code, errOut)
	}
	_, shown, _ := runArena(t, "agent", "show", "--data", data, "bob")
	if !strings.Contains(shown, `"system": "Answer with the number only."`) || !strings.Contains(shown, `"temperature": 0.5`) {
		t.Errorf("edit lost or missed a setting:\n%s", shown)
	}
	code, out, errOut := runArena(t, "match", "run", "--data", data, "--space", "sum-duel", "--seed", "3", "alice", "bob")
	if code != 0 || !strings.Contains(out, "round 8:") || !strings.Contains(out, "rank 1") {
		t.Fatalf("match run: exit %d, %s\n%s", code, errOut, out)
	}
	_, list, _ := runArena(t, "agent", "list", "--data", data)
	if !strings.Contains(list, "sum-duel") {
		t.Errorf("agent list shows no rating:\n%s", list)
	}
	file := filepath.Join(t.TempDir(), "pairs.jsonl")
	if code, out, errOut := runArena(t, "prefs", "export", "--data", data, "--space", "sum-duel", "--out", file); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("prefs export: exit %d, %s %s", code, out, errOut)
	}
	b, _ := os.ReadFile(file)
	pairs, skipped, err := lora.ReadPairs(bytes.NewReader(b), file, true)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("exported pairs do not read back: %v %v", err, skipped)
	}
	t.Logf("%d pairs exported", len(pairs))
}

func TestFormatAmount(t *testing.T) {
	for _, c := range []struct {
		v    string
		dec  int
		want string
	}{
		{"0", 18, " 0"},
		{"1000000000000000000", 18, "+1"},
		{"-50000000000000", 18, "-0.00005"},
		{"782499999999998", 18, "+0.000782"},
		{"782500000000000", 18, "+0.000783"},
		{"-1", 18, "-0"},
		{"12345", 2, "+123.45"},
	} {
		v, _ := new(big.Int).SetString(c.v, 10)
		if got := formatAmount(v, c.dec); got != c.want {
			t.Errorf("formatAmount(%s, %d) = %q, want %q", c.v, c.dec, got, c.want)
		}
	}
}

func TestBenchLearnReportsACurve(t *testing.T) {
	code, out, errOut := runArena(t, "bench", "learn", "--space", "sum-duel", "--budget", "1ns", "--matches", "2", "--eval", "4",
		"--plot", filepath.Join(t.TempDir(), "curve.svg"))
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"cycle  0  accuracy", "cycle  1  accuracy", "curve ", "target: +0.20", "wrote the curve"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
