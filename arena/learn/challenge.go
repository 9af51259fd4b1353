package learn

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena"
)

// Where a record's challenge comes from. The challenge picks whether a
// record is re-checked and which of its segments are re-executed, so it
// must be fixed only after the record is, by something its trainer does
// not control; the record itself is the only other input.
//
//   - On a chain whose blocks neither the operator nor the trainers make (a
//     public chain reached with --rpc), it is the hash of the block that
//     anchored the record: unknown while training, and anyone can
//     recompute it (Verifier.OnChain).
//   - On a chain the operator makes (the in-process dev chain, geth --dev)
//     a block hash is the operator's to pick, and without a chain there is
//     no block at all; there it is the verifier's own beacon: 32 random
//     bytes drawn when the verifier first sees the finished job, after the
//     job stored its record hash, kept in Dir/challenges/JOB-RECORD.json so
//     that a restart draws nothing new and the choice can be audited
//     (BeaconChallenge).
//
// An operator that also trains (serve --train) signs with a trainer key of
// its own, but it runs the verifier too: it can leave its records
// unchecked or draw its beacon again until it likes it, and no file it
// keeps proves otherwise. What it cannot do is foresee the segments when it
// trains, pass a record whose sampled segments were faked, or, on a public
// chain, choose the block that picks them; a record anchored there can be
// re-verified by anyone from the block's hash.

// BeaconChallenge is a record's challenge from a verifier's beacon:
// Keccak256(record hash || beacon). The trainer fixes the record before
// the beacon exists, so grinding the record (through Base.Name or any
// other field it sets) moves the draw as much as a fresh beacon does and
// predicts nothing.
func BeaconChallenge(record [32]byte, beacon []byte) []byte {
	return crypto.Keccak256(record[:], beacon)
}

// Beacon is the verifier's randomness for one job's record, as kept on
// disk: the job, the record hash it was drawn for, the 32 bytes and when
// they were drawn.
type Beacon struct {
	Job    string    `json:"job"`
	Record string    `json:"record"`
	Beacon string    `json:"beacon"`
	Drawn  time.Time `json:"drawn"`
}

// beaconPath is where the beacon of a job's record is kept. A job trained
// again (a new record) gets a beacon of its own, drawn after that record
// is stored; the old one stays for the audit.
func (v *Verifier) beaconPath(j arena.Job) string {
	return filepath.Join(v.Dir, "challenges", j.ID+"-"+strings.ToLower(j.Record)+".json")
}

// challenge gives a finished job's challenge: Challenge's when set, else
// the verifier's beacon for it. nil with no error means not yet.
func (v *Verifier) challenge(ctx context.Context, j arena.Job) ([]byte, error) {
	if v.Challenge != nil {
		return v.Challenge(ctx, j)
	}
	return v.beaconChallenge(j)
}

// beaconChallenge draws the job's beacon on first use (the job must be
// done: its record hash is stored and can no longer change) and returns
// BeaconChallenge of the record and the beacon.
func (v *Verifier) beaconChallenge(j arena.Job) ([]byte, error) {
	if j.State != arena.JobDone {
		return nil, fmt.Errorf("learn: job %s is %s: a beacon is drawn only after its record is stored", j.ID, j.State)
	}
	record, err := recordHash(j.Record)
	if err != nil {
		return nil, fmt.Errorf("learn: job %s: %w", j.ID, err)
	}
	b, err := v.drawBeacon(j)
	if err != nil {
		return nil, err
	}
	return BeaconChallenge(record, b), nil
}

// drawBeacon returns the job's kept beacon, or draws and keeps one. The
// file is made with a hard link, which fails rather than replace one that
// is there, so the first draw is the only one even with two verifiers.
func (v *Verifier) drawBeacon(j arena.Job) ([]byte, error) {
	path := v.beaconPath(j)
	if data, err := os.ReadFile(path); err == nil {
		return parseBeacon(data, j)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("learn: reading the beacon of job %s: %w", j.ID, err)
	}
	src := v.Rand
	if src == nil {
		src = rand.Reader
	}
	b := make([]byte, 32)
	if _, err := io.ReadFull(src, b); err != nil {
		return nil, fmt.Errorf("learn: drawing a beacon: %w", err)
	}
	now := time.Now()
	if v.Arena != nil {
		now = v.Arena.Now()
	}
	data, err := json.MarshalIndent(Beacon{Job: j.ID, Record: j.Record, Beacon: "0x" + hex.EncodeToString(b), Drawn: now.UTC()}, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".beacon-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("learn: keeping the beacon of job %s: %w", j.ID, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("learn: keeping the beacon of job %s: %w", j.ID, err)
		}
		if data, err = os.ReadFile(path); err != nil { // another drew first
			return nil, fmt.Errorf("learn: reading the beacon of job %s: %w", j.ID, err)
		}
	}
	return parseBeacon(data, j)
}

// parseBeacon reads a kept beacon and checks that it was drawn for this
// job's record: one drawn for another record says the job's record
// changed after the draw, or the file was replaced.
func parseBeacon(data []byte, j arena.Job) ([]byte, error) {
	var kept Beacon
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&kept); err != nil {
		return nil, fmt.Errorf("learn: the beacon of job %s: %w", j.ID, err)
	}
	if kept.Job != j.ID {
		return nil, fmt.Errorf("learn: the beacon kept for job %s names job %q", j.ID, kept.Job)
	}
	if !strings.EqualFold(kept.Record, j.Record) {
		return nil, fmt.Errorf("learn: the beacon of job %s was drawn for record %q, the job records %s", j.ID, kept.Record, j.Record)
	}
	b, err := hex.DecodeString(strings.TrimPrefix(kept.Beacon, "0x"))
	if err != nil || len(b) != 32 || !strings.HasPrefix(kept.Beacon, "0x") {
		return nil, fmt.Errorf("learn: the beacon of job %s, %q, is not 0x and 64 hex digits", j.ID, kept.Beacon)
	}
	return b, nil
}

// recordHash reads a job's record hash (0x and 64 hex digits).
func recordHash(s string) ([32]byte, error) {
	var h [32]byte
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != 32 || !strings.HasPrefix(s, "0x") {
		return h, fmt.Errorf("record hash %q is not 0x and 64 hex digits", s)
	}
	copy(h[:], b)
	return h, nil
}

// sampled says whether a record is among the fraction re-executed: the
// first 8 bytes of Keccak256(challenge || record) read as a share of 2^64.
func sampled(challenge []byte, record [32]byte, fraction float64) bool {
	draw := crypto.Keccak256(challenge, record[:])
	return float64(binary.BigEndian.Uint64(draw))/math.Exp2(64) < fraction
}
