package learn

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// seeded is a fixed-seed source of beacons, for tests.
func seeded(seed byte) *rand.ChaCha8 { return rand.NewChaCha8([32]byte{seed}) }

// doneJob stores a job and moves it to done with the record hash rec.
func doneJob(t *testing.T, a *arena.Arena, rec [32]byte) arena.Job {
	t.Helper()
	j, err := a.AddJob(arena.Job{Agent: "agent", Space: "learn-duel", Version: "agent-v1"})
	if err != nil {
		t.Fatal(err)
	}
	j, err = a.UpdateJob(j.ID, func(j *arena.Job) error {
		j.State, j.Record = arena.JobDone, fmt.Sprintf("0x%x", rec)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// TestChallengeBeaconIsDrawnAfterTheRecordIsStoredAndKept: the default
// challenge is the verifier's beacon, not the record's hash; it is drawn
// only once the job is done (its record hash stored), kept with that hash
// so that a restarted verifier draws nothing new, refused if the kept file
// names another record, and another verifier's beacon gives the same
// record another challenge.
func TestChallengeBeaconIsDrawnAfterTheRecordIsStoredAndKept(t *testing.T) {
	w := newWorld(t, t.TempDir())
	rec := [32]byte(crypto.Keccak256([]byte("a record")))
	j, err := w.a.AddJob(arena.Job{Agent: "agent", Space: "learn-duel", Version: "agent-v1"})
	if err != nil {
		t.Fatal(err)
	}
	v := &Verifier{Arena: w.a, Dir: w.dir, Rand: seeded(1)}
	for _, state := range []string{arena.JobQueued, arena.JobRunning} {
		j, _ = w.a.UpdateJob(j.ID, func(j *arena.Job) error { j.State = state; return nil })
		if c, err := v.challenge(t.Context(), j); err == nil || c != nil {
			t.Errorf("a %s job got a challenge: %x, %v", state, c, err)
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(w.dir, "challenges", "*")); len(kept) != 0 {
		t.Fatalf("beacons drawn before the record was stored: %q", kept)
	}

	j, _ = w.a.UpdateJob(j.ID, func(j *arena.Job) error {
		j.State, j.Record = arena.JobDone, fmt.Sprintf("0x%x", rec)
		return nil
	})
	c1, err := v.challenge(t.Context(), j)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(c1, rec[:]) {
		t.Fatal("the default challenge is the record's hash, which the trainer knows")
	}
	path := filepath.Join(w.dir, "challenges", j.ID+"-"+j.Record+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the beacon was not kept: %v", err)
	}
	var kept Beacon
	if err := json.Unmarshal(data, &kept); err != nil {
		t.Fatal(err)
	}
	b, _ := hex.DecodeString(strings.TrimPrefix(kept.Beacon, "0x"))
	if kept.Job != j.ID || kept.Record != j.Record || len(b) != 32 || !bytes.Equal(BeaconChallenge(rec, b), c1) {
		t.Fatalf("kept %+v; the challenge %x is not Keccak(record || beacon)", kept, c1)
	}

	// A restart, with another source of randomness, uses the kept draw.
	restarted := &Verifier{Arena: w.a, Dir: w.dir, Rand: seeded(2)}
	if c, err := restarted.challenge(t.Context(), j); err != nil || !bytes.Equal(c, c1) {
		t.Errorf("after a restart the challenge is %x, %v; want the kept %x", c, err, c1)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, data) {
		t.Error("the kept beacon was rewritten")
	}
	// Another verifier draws its own: the same record, another challenge.
	other := &Verifier{Arena: w.a, Dir: t.TempDir(), Rand: seeded(2)}
	if c, err := other.challenge(t.Context(), j); err != nil || bytes.Equal(c, c1) {
		t.Errorf("another verifier's challenge %x, %v; want one of its own", c, err)
	}

	// A kept beacon that names another record is refused, not redrawn.
	kept.Record = fmt.Sprintf("0x%x", crypto.Keccak256([]byte("another record")))
	forged, _ := json.Marshal(kept)
	if err := os.WriteFile(path, forged, 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := restarted.challenge(t.Context(), j); err == nil || !strings.Contains(err.Error(), "drawn for record") {
		t.Errorf("a beacon kept for another record gave %x, %v", c, err)
	}
}

// TestChallengeGrindingTheRecordDoesNotChooseTheSample performs the grinding cheat:
// the trainer varies a field it sets freely (Base.Name) until the record's
// hash says it will not be re-checked. With the record's hash as the
// challenge that always works; with a beacon drawn after the record is
// stored the ground record is re-checked as often as any other.
func TestChallengeGrindingTheRecordDoesNotChooseTheSample(t *testing.T) {
	const fraction, variants, verifiers = 0.25, 64, 400
	rec := lora.Record{Signer: "0x0000000000000000000000000000000000000001"}
	var ground [32]byte
	found := false
	for i := range variants {
		rec.Base.Name = fmt.Sprintf("arena-base %d", i)
		h, err := rec.Hash()
		if err != nil {
			t.Fatal(err)
		}
		if !sampled(h[:], h, fraction) { // what a verifier keyed by the hash alone would do
			ground, found = h, true
			break
		}
	}
	if !found {
		t.Fatalf("none of %d variants escapes a hash-keyed sample: the test's grind is broken", variants)
	}

	w := newWorld(t, t.TempDir())
	v := &Verifier{Arena: w.a, Dir: w.dir, Rand: seeded(7)}
	caught := 0
	for range verifiers {
		c, err := v.challenge(t.Context(), doneJob(t, w.a, ground))
		if err != nil {
			t.Fatal(err)
		}
		if sampled(c, ground, fraction) {
			caught++
		}
	}
	t.Logf("the ground record escapes a hash-keyed sample; beacons drawn after it sample it %d times in %d", caught, verifiers)
	if share := float64(caught) / verifiers; share < 0.18 || share > 0.32 {
		t.Errorf("the ground record was sampled %d times in %d (%.2f); want about %.2f, as any record", caught, verifiers, share, fraction)
	}
}

// TestChallengeTwoBeaconsPickOtherSegments: the segments re-executed depend on the
// beacon, not on the record alone; an honest record verifies whichever are
// picked.
func TestChallengeTwoBeaconsPickOtherSegments(t *testing.T) {
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	pairs := []lora.Pair{
		lora.PlainPair("Q: 2+2=", "4", "5"), lora.PlainPair("Q: 3+4=", "7", "8"), lora.PlainPair("Q: 5+5=", "10", "11"),
		lora.PlainPair("Q: 9+1=", "10", "20"), lora.PlainPair("Q: 2+3=", "5", "6"), lora.PlainPair("Q: 8+8=", "16", "17"),
	}
	ad, err := lora.NewAdapter(m, lora.AdapterConfig{Rank: 2, Targets: []string{"q_proj"}, BaseModel: embedded.Name}, 1)
	if err != nil {
		t.Fatal(err)
	}
	baseHash, err := lora.BaseHash(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res, err := lora.TrainDPO(t.Context(), m, ad, pairs, lora.DPOOptions{
		Seed: 3, BatchSize: 1, Epochs: 1, LR: 1e-3, CheckpointEvery: 1,
		CheckpointDir: filepath.Join(dir, "checkpoints"), BaseName: embedded.Name, BaseHash: baseHash,
	})
	if err != nil {
		t.Fatal(err)
	}
	m.SetAdapter(nil)
	if err := ad.Save(dir); err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.ToECDSA(crypto.Keccak256([]byte("learn test trainer")))
	if err := res.Record.Save(filepath.Join(dir, "record.json"), dir, key); err != nil {
		t.Fatal(err)
	}
	if n := len(res.Record.Checkpoints) - 1; n < 4 {
		t.Fatalf("%d segments; the test needs 4 or more", n)
	}
	hash, err := res.Record.Hash()
	if err != nil {
		t.Fatal(err)
	}
	var picked [][]int
	for seed := range byte(4) {
		beacon := make([]byte, 32)
		seeded(seed).Read(beacon)
		rep, err := lora.VerifyRecord(context.Background(), filepath.Join(dir, "record.json"), m, pairs,
			lora.VerifyOptions{Challenge: BeaconChallenge(hash, beacon), Segments: 1})
		if err != nil {
			t.Fatalf("the honest record does not verify under beacon %d: %v", seed, err)
		}
		picked = append(picked, rep.Segments)
		if !slices.Equal(rep.Segments, picked[0]) {
			t.Logf("the same record, %d segments: beacons picked %v", len(res.Record.Checkpoints)-1, picked)
			return
		}
	}
	t.Errorf("four beacons all picked segments %v of the same record", picked[0])
}

// FuzzParseBeacon: a kept beacon file, however damaged, gives 32 bytes
// drawn for the job's record or an error, never a panic.
func FuzzParseBeacon(f *testing.F) {
	j := arena.Job{ID: "job1", State: arena.JobDone, Record: "0x" + strings.Repeat("ab", 32)}
	f.Add([]byte(`{"job":"job1","record":"0x` + strings.Repeat("ab", 32) + `","beacon":"0x` + strings.Repeat("01", 32) + `","drawn":"2025-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"job":"job1","record":"0x` + strings.Repeat("ab", 32) + `","beacon":"0x01"}`))
	f.Add([]byte(`{"job":"job2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBeacon(data, j)
		if err == nil && len(b) != 32 {
			t.Fatalf("a beacon of %d bytes", len(b))
		}
	})
}
