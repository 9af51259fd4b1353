package lora

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

const testKeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// polFixture trains a tiny adapter with a record into a fresh directory and
// returns the base model, the pairs and the directory.
func polFixture(t *testing.T) (*Model, []Pair, string) {
	t.Helper()
	m, _, pairs := dpoFixture(t)
	for _, q := range [][3]string{{"Q: 5+5=", "10", "11"}, {"Q: 9+1=", "10", "20"}, {"Q: 2+3=", "5", "6"}, {"Q: 8+8=", "16", "17"}} {
		pairs = append(pairs, PlainPair(q[0], q[1], q[2]))
	}
	a, err := NewAdapter(m, AdapterConfig{Rank: 2, Dropout: 0.1, Targets: []string{"q_proj", "v_proj"}}, 11)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := TrainDPO(context.Background(), m, a, pairs, DPOOptions{
		Seed: 3, BatchSize: 2, Epochs: 2, LR: 1e-2, CheckpointEvery: 3,
		CheckpointDir: filepath.Join(dir, "checkpoints"), BaseName: "tiny",
	})
	if err != nil {
		t.Fatal(err)
	}
	m.SetAdapter(nil)
	if err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(testKeyHex)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Record.Save(filepath.Join(dir, "record.json"), dir, key); err != nil {
		t.Fatal(err)
	}
	// 7 pairs in batches of 2 for 2 epochs: 8 steps, checkpoints at
	// 0, 3, 6 and 8.
	if res.Steps != 8 || len(res.Record.Checkpoints) != 4 || res.Record.Checkpoints[3].Step != 8 {
		t.Fatalf("%d steps, checkpoints %+v", res.Steps, res.Record.Checkpoints)
	}
	return m, pairs, dir
}

// copyRun copies a run's directory so that it can be tampered with.
func copyRun(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "run")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// writeRecord writes a record as is (no signing).
func writeRecord(t *testing.T, rec *Record, path string) {
	t.Helper()
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func verifyAll(t *testing.T, dir string, m *Model, pairs []Pair) (*VerifyReport, error) {
	t.Helper()
	return VerifyRecord(context.Background(), filepath.Join(dir, "record.json"), m, pairs, VerifyOptions{Challenge: []byte("test"), Segments: 100})
}

// wantFailure checks that verification failed and that one of its
// failures mentions each of want.
func wantFailure(t *testing.T, rep *VerifyReport, err error, want ...string) {
	t.Helper()
	var ve *VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("verification did not fail with a VerifyError: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("failure %q does not mention %q", err, w)
		}
	}
	if rep == nil || rep.OK() {
		t.Errorf("report says OK")
	}
}

func TestRecordVerifiesAndTamperingFails(t *testing.T) {
	m, pairs, dir := polFixture(t)

	t.Run("honest", func(t *testing.T) {
		rep, err := verifyAll(t, dir, m, pairs)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || !slices.Equal(rep.Segments, []int{0, 1, 2}) {
			t.Fatalf("report %+v", rep)
		}
		names := map[string]bool{}
		for _, c := range rep.Checks {
			names[c.Name] = true
		}
		for _, n := range []string{"signature", "base", "dataset", "reference", "checkpoints", "adapter_before", "adapter_final", "segment 0", "segment 2"} {
			if !names[n] {
				t.Errorf("no %q check in %+v", n, rep.Checks)
			}
		}
		rec, err := ReadRecord(filepath.Join(dir, "record.json"))
		if err != nil {
			t.Fatal(err)
		}
		key, _ := crypto.HexToECDSA(testKeyHex)
		if rec.Signer != crypto.PubkeyToAddress(key.PublicKey).Hex() || rec.Device != "cpu" || rec.AdapterDir != "." ||
			rec.Checkpoints[1].File != "checkpoints/step-000003.safetensors" || rec.Hyper.Dropout != 0.1 || rec.Hyper.AdapterSeed != 11 {
			t.Errorf("record %+v", rec)
		}
	})

	t.Run("final adapter", func(t *testing.T) {
		d := copyRun(t, dir)
		a, err := LoadAdapter(d, m)
		if err != nil {
			t.Fatal(err)
		}
		a.Params()[1].W[0] += 1e-3
		if err := a.Save(d); err != nil {
			t.Fatal(err)
		}
		rep, err := verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "final adapter hash mismatch")
	})

	t.Run("checkpoint file", func(t *testing.T) {
		d := copyRun(t, dir)
		rec, _ := ReadRecord(filepath.Join(d, "record.json"))
		path := filepath.Join(d, rec.Checkpoints[2].File)
		like, _ := NewAdapter(m, AdapterConfig{Rank: 2, Targets: []string{"q_proj", "v_proj"}}, 0)
		s, err := readState(path, like.Params())
		if err != nil {
			t.Fatal(err)
		}
		s.m[0][0] *= 1.5
		if err := s.write(path); err != nil {
			t.Fatal(err)
		}
		rep, err := verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "checkpoint 2 hash mismatch")
	})

	t.Run("pair", func(t *testing.T) {
		changed := slices.Clone(pairs)
		changed[4].Chosen = "100"
		rep, err := verifyAll(t, dir, m, changed)
		wantFailure(t, rep, err, "dataset root mismatch", "pair 4 differs")
		rep, err = verifyAll(t, dir, m, changed[:6])
		wantFailure(t, rep, err, "dataset root mismatch", "6 pairs given")
	})

	t.Run("hyperparameter", func(t *testing.T) {
		d := copyRun(t, dir)
		rec, _ := ReadRecord(filepath.Join(d, "record.json"))
		rec.Hyper.LR *= 2
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		rep, err := verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "signature does not match signer", "hyperparameter lr differs")
		// A trainer who re-signs the altered record is caught by the
		// checkpoints and by re-execution.
		key, _ := crypto.HexToECDSA(testKeyHex)
		if err := rec.Sign(key); err != nil {
			t.Fatal(err)
		}
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		rep, err = verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "hyperparameter lr differs", "hash mismatch after re-executing segment")
		if strings.Contains(err.Error(), "signature") {
			t.Errorf("re-signed record's signature rejected: %v", err)
		}
	})

	t.Run("signature", func(t *testing.T) {
		d := copyRun(t, dir)
		rec, _ := ReadRecord(filepath.Join(d, "record.json"))
		sig := []byte(rec.Signature)
		if sig[10] == 'a' {
			sig[10] = 'b'
		} else {
			sig[10] = 'a'
		}
		rec.Signature = string(sig)
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		rep, err := verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "signature does not match signer")

		// Signed by someone else than the named signer.
		rec, _ = ReadRecord(filepath.Join(dir, "record.json"))
		other, _ := crypto.GenerateKey()
		h, _ := rec.Hash()
		forged, _ := crypto.Sign(signedDigest(h), other)
		forged[64] += 27
		rec.Signature = hexHash(forged)
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		rep, err = verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "signature does not match signer", "it was made by "+crypto.PubkeyToAddress(other.PublicKey).Hex())
	})

	t.Run("base", func(t *testing.T) {
		other, _, _ := dpoFixture(t)
		other.Params()[0].W[0] += 1
		rep, err := verifyAll(t, dir, other, pairs)
		wantFailure(t, rep, err, "base model hash mismatch", "segments not re-executed")
	})

	t.Run("inconsistent", func(t *testing.T) {
		key, _ := crypto.HexToECDSA(testKeyHex)
		for _, change := range []func(r *Record){
			func(r *Record) { r.Checkpoints = nil },
			func(r *Record) { r.Losses = r.Losses[:3] },
			func(r *Record) { r.Checkpoints[1].Step = 99 },
			func(r *Record) { r.Checkpoints[2].File = "../../elsewhere.safetensors" },
			func(r *Record) { r.Hyper.Rank = 1 << 20 },
			func(r *Record) { r.Hyper.BatchSize = 0 },
			func(r *Record) { r.Device = "tpu" },
		} {
			d := copyRun(t, dir)
			rec, _ := ReadRecord(filepath.Join(d, "record.json"))
			change(rec)
			rec.Sign(key)
			writeRecord(t, rec, filepath.Join(d, "record.json"))
			rep, err := verifyAll(t, d, m, pairs)
			wantFailure(t, rep, err)
		}
	})

	t.Run("loss", func(t *testing.T) {
		d := copyRun(t, dir)
		rec, _ := ReadRecord(filepath.Join(d, "record.json"))
		rec.Losses[4] += 1e-9
		key, _ := crypto.HexToECDSA(testKeyHex)
		rec.Sign(key)
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		rep, err := verifyAll(t, d, m, pairs)
		wantFailure(t, rep, err, "step 5 loss differs")
	})
}

// A cuda record matches within its tolerance, not beyond.
func TestCUDARecordTolerance(t *testing.T) {
	m, pairs, dir := polFixture(t)
	key, _ := crypto.HexToECDSA(testKeyHex)
	perturb := func(delta float32) string {
		d := copyRun(t, dir)
		rec, _ := ReadRecord(filepath.Join(d, "record.json"))
		rec.Device, rec.Kernels, rec.Tolerance = "cuda", "cuda sm_90 f32", 1e-3
		path := filepath.Join(d, rec.Checkpoints[2].File)
		like, _ := NewAdapter(m, AdapterConfig{Rank: 2, Targets: []string{"q_proj", "v_proj"}}, 0)
		s, err := readState(path, like.Params())
		if err != nil {
			t.Fatal(err)
		}
		s.params[1].W[3] += delta
		if err := s.write(path); err != nil {
			t.Fatal(err)
		}
		rec.Checkpoints[2].Hash = s.hash()
		rec.Sign(key)
		writeRecord(t, rec, filepath.Join(d, "record.json"))
		return d
	}
	rep, err := VerifyRecord(context.Background(), filepath.Join(perturb(1e-5), "record.json"), m, pairs, VerifyOptions{Segments: 1 << 10})
	if err != nil {
		t.Fatalf("within tolerance: %v", err)
	}
	if !strings.Contains(rep.Checks[len(rep.Checks)-1].Detail, "within L2") {
		t.Errorf("report %+v", rep.Checks)
	}
	rep, err = VerifyRecord(context.Background(), filepath.Join(perturb(1e-1), "record.json"), m, pairs, VerifyOptions{Segments: 1 << 10})
	wantFailure(t, rep, err, "checkpoint 2 differs after re-executing segment 1", "exceeds the tolerance")
}

func TestChooseSegments(t *testing.T) {
	var h [32]byte
	a := chooseSegments([]byte("x"), h, 10, 3)
	if !slices.Equal(a, chooseSegments([]byte("x"), h, 10, 3)) {
		t.Fatal("not deterministic")
	}
	if len(a) != 3 || !slices.IsSorted(a) || a[0] == a[1] || a[1] == a[2] {
		t.Errorf("segments %v", a)
	}
	differ := false
	for _, c := range []string{"y", "z", "w", "v"} {
		if !slices.Equal(a, chooseSegments([]byte(c), h, 10, 3)) {
			differ = true
		}
	}
	if !differ {
		t.Error("the challenge does not change the choice")
	}
	if got := chooseSegments(nil, h, 4, 10); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("more asked than there are: %v", got)
	}
}

func TestDatasetRoot(t *testing.T) {
	ps := []Pair{PlainPair("a", "b", "c"), PlainPair("d", "e", "f"), PlainPair("g", "h", "i")}
	leaf := func(p Pair) []byte { return crypto.Keccak256([]byte{0}, p.CanonicalJSON()) }
	node := func(l, r []byte) []byte { return crypto.Keccak256([]byte{1}, l, r) }
	want := node(node(leaf(ps[0]), leaf(ps[1])), leaf(ps[2]))
	if got := DatasetRoot(ps); got != hexHash(want) {
		t.Errorf("root %s, want %s", got, hexHash(want))
	}
	if DatasetRoot(ps[:1]) != hexHash(leaf(ps[0])) {
		t.Error("the root of one pair is its leaf")
	}
	swapped := []Pair{ps[1], ps[0], ps[2]}
	if DatasetRoot(swapped) == DatasetRoot(ps) {
		t.Error("order does not matter to the root")
	}
}

// A QLoRA run (NF4 base) records the float32 base's hash and verifies
// against the float32 base, which the verifier quantises the same way.
func TestQLoRARecordVerifies(t *testing.T) {
	m, _, pairs := dpoFixture(t)
	baseHash, err := BaseHash(m)
	if err != nil {
		t.Fatal(err)
	}
	float := cloneModel(t, m)
	if err := m.QuantizeBase(true); err != nil {
		t.Fatal(err)
	}
	a, err := NewAdapter(m, AdapterConfig{Rank: 2}, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := DPOOptions{Seed: 1, BatchSize: 1, Epochs: 1, CheckpointEvery: 2, CheckpointDir: filepath.Join(dir, "checkpoints")}
	if _, err := TrainDPO(context.Background(), m, a, pairs, opts); err == nil || !strings.Contains(err.Error(), "quantised") {
		t.Fatalf("a quantised model without BaseHash: %v", err)
	}
	opts.BaseHash = baseHash
	res, err := TrainDPO(context.Background(), m, a, pairs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Record.Hyper.QLoRA || !res.Record.Hyper.DoubleQuant || res.Record.Base.Hash != baseHash {
		t.Fatalf("record %+v", res.Record)
	}
	a.Save(dir)
	key, _ := crypto.HexToECDSA(testKeyHex)
	if err := res.Record.Save(filepath.Join(dir, "record.json"), dir, key); err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyRecord(context.Background(), filepath.Join(dir, "record.json"), float, pairs, VerifyOptions{Segments: 5})
	if err != nil {
		t.Fatalf("%v\n%+v", err, rep)
	}
	if !float.Quantized() || len(rep.Segments) != 2 {
		t.Errorf("quantised %v, segments %v", float.Quantized(), rep.Segments)
	}
}

// cloneModel copies a model's weights into a new one.
func cloneModel(t *testing.T, m *Model) *Model {
	t.Helper()
	c, err := New(m.Config, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range m.Params() {
		copy(c.Params()[i].W, p.W)
	}
	c.Tokenizer = m.Tokenizer
	return c
}
