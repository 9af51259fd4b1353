package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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

func TestDemoRuns(t *testing.T) {
	code, out, errOut := runArena(t, "demo", "--questions", "8")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"model arena-base", "of 8 right", "assistant:", "tic-tac-toe"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}
