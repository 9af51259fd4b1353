package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// trainPairs is a small pairs file: plain and conversational pairs, with
// provenance fields, and one bad line.
const trainPairs = `{"prompt":"Q: 17+25=","chosen":"42","rejected":"52","space":"arithmetic","match":"m1","margin":1}
{"prompt":"Q: 30+41=","chosen":"71","rejected":"70"}
{"prompt":[{"role":"system","content":"Answer with the number only."},{"role":"user","content":"Q: 12+9="}],"chosen":[{"role":"assistant","content":"21"}],"rejected":[{"role":"assistant","content":"11"}]}
{"prompt":"Q: 5+8=","chosen":"13","rejected":"13"}
{"prompt":"Q: 64+23=","chosen":"87","rejected":"88"}
{"prompt":[{"role":"user","content":"Q: 55+5="}],"chosen":"60","rejected":"50"}
`

func TestTrainThenVerify(t *testing.T) {
	dir := t.TempDir()
	pairs := filepath.Join(dir, "pairs.jsonl")
	if err := os.WriteFile(pairs, []byte(trainPairs), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	code, stdout, stderr := runArena(t, "train", "--pairs", pairs, "--out", out, "--epochs", "1", "--batch", "2",
		"--rank", "2", "--targets", "q,v,o", "--checkpoint-every", "1", "--seed", "3")
	if code != 0 {
		t.Fatalf("train: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "pairs.jsonl:4: chosen and rejected are the same") {
		t.Errorf("the bad line is not reported: %s", stderr)
	}
	for _, want := range []string{"generated signing key", "train [", "record.json", "arena pol verify"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("train output lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"adapter_config.json", "adapter_model.safetensors", "record.json", "metrics.jsonl", "pairs.jsonl",
		"checkpoints/reference.json", "checkpoints/step-000000.safetensors", "checkpoints/step-000003.safetensors"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("train wrote no %s: %v", name, err)
		}
	}
	if fi, err := os.Stat(filepath.Join(out, "trainer.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("trainer.key: %v %v", fi, err)
	}
	metrics, _ := os.ReadFile(filepath.Join(out, "metrics.jsonl"))
	if n := strings.Count(string(metrics), "\n"); n != 3 {
		t.Errorf("%d metrics lines, want 3 (5 pairs in batches of 2)", n)
	}
	var cfg map[string]any
	data, _ := os.ReadFile(filepath.Join(out, "adapter_config.json"))
	if err := json.Unmarshal(data, &cfg); err != nil || cfg["r"] != 2.0 {
		t.Errorf("adapter_config.json: %s", data)
	}

	record := filepath.Join(out, "record.json")
	code, stdout, stderr = runArena(t, "pol", "verify", record, "--segments", "5", "--challenge", "0x01")
	if code != 0 || !strings.Contains(stdout, "verdict: VERIFIED") || !strings.Contains(stdout, "--challenge 01") {
		t.Fatalf("verify: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// Training again with the saved key signs as the same trainer.
	out2 := filepath.Join(dir, "run2")
	code, _, stderr = runArena(t, "train", "--pairs", pairs, "--out", out2, "--epochs", "1", "--batch", "4", "--rank", "2",
		"--key", filepath.Join(out, "trainer.key"))
	if code != 0 {
		t.Fatalf("train with --key: exit %d: %s", code, stderr)
	}
	signer := func(path string) string {
		var r struct{ Signer string }
		data, _ := os.ReadFile(path)
		json.Unmarshal(data, &r)
		return r.Signer
	}
	if a, b := signer(record), signer(filepath.Join(out2, "record.json")); a == "" || a != b {
		t.Errorf("signers %q and %q", a, b)
	}

	// Tampering: a changed pair, then a changed learning rate.
	changed := strings.Replace(trainPairs, `"chosen":"71"`, `"chosen":"72"`, 1)
	bad := filepath.Join(dir, "changed.jsonl")
	os.WriteFile(bad, []byte(changed), 0o644)
	code, stdout, stderr = runArena(t, "pol", "verify", "--pairs", bad, record)
	if code != 1 || !strings.Contains(stderr, "dataset root mismatch") || !strings.Contains(stdout, "NOT VERIFIED") {
		t.Errorf("changed pair: exit %d\n%s\n%s", code, stdout, stderr)
	}
	rec, _ := os.ReadFile(record)
	tampered := strings.Replace(string(rec), `"lr": 0.0005`, `"lr": 0.001`, 1)
	if tampered == string(rec) {
		t.Fatalf("no lr in the record:\n%s", rec)
	}
	os.WriteFile(record, []byte(tampered), 0o644)
	code, _, stderr = runArena(t, "pol", "verify", record, "--segments", "1")
	if code != 1 || !strings.Contains(stderr, "signature does not match signer") || !strings.Contains(stderr, "hyperparameter lr differs") {
		t.Errorf("changed lr: exit %d\n%s", code, stderr)
	}
}

func TestTrainAndPolUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"train"}, "--pairs is required"},
		{[]string{"train", "--pairs", "p.jsonl"}, "--out is required"},
		{[]string{"train", "--pairs", "p", "--out", "o", "--double-quant"}, "--double-quant needs --qlora"},
		{[]string{"train", "--pairs", "p", "--out", "o", "--adapter", "a", "--rank", "4"}, "--rank cannot be combined with --adapter"},
		{[]string{"pol"}, "missing subcommand"},
		{[]string{"pol", "frob"}, `unknown subcommand "frob"`},
		{[]string{"pol", "verify"}, "the record is required"},
		{[]string{"pol", "verify", "r.json", "--challenge", "zz"}, "is not hex"},
		{[]string{"pol", "verify", "a.json", "b.json"}, `unexpected argument "b.json"`},
	} {
		code, _, errOut := runArena(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, out, _ := runArena(t, "train", "--help")
	if code != 0 || !strings.Contains(out, "ARENA_CHECKPOINT_EVERY") || !strings.Contains(out, "--qlora") {
		t.Errorf("train --help: exit %d\n%s", code, out)
	}
}
