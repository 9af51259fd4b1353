package main

import (
	"strings"
	"testing"
)

// arena pol verify --odds prints the detection odds for the recommended
// settings, which meet the 0.99-within-20-records target, and a table that
// settings of one segment of a quarter of records miss it.
func TestPolVerifyOdds(t *testing.T) {
	code, stdout, stderr := runArena(t, "pol", "verify", "--odds")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"faking 0.1 of its segments", "re-executes 0.8 of records, 3 segments", "      20      0.007541", "meets the target"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "\n"); n != 23 {
		t.Errorf("%d lines, want a header, 20 rows and a verdict:\n%s", n, stdout)
	}
	code, stdout, _ = runArena(t, "pol", "verify", "--odds", "--fraction", "0.25", "--segments", "1")
	if code != 0 || !strings.Contains(stdout, "misses the target") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	if code, _, stderr = runArena(t, "pol", "verify", "--odds", "--faked", "0"); code == 0 || !strings.Contains(stderr, "--faked in (0, 1]") {
		t.Errorf("--faked 0: exit %d, %s", code, stderr)
	}
}
