package learn

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
)

// Verifier re-checks a sampled fraction of the finished jobs' records:
// signature, hashes, and a re-execution of segments that a challenge
// picks. With the chain's help the challenge is the hash of the block that
// anchored the record, which its trainer could not know while training,
// so neither the sample nor the segments can be foreseen.
type Verifier struct {
	Arena *arena.Arena
	// Dir is the data directory the records live under (adapters/VERSION).
	Dir string
	// Base loads a fresh copy of the base model.
	Base func() (*lora.Model, error)
	// Fraction is the share of records re-checked, chosen by the
	// challenge; zero means 0.25, and 1 checks every record.
	Fraction float64
	// Segments is how many segments are re-executed; zero means 1.
	Segments int
	// Challenge gives a job's challenge; nil uses the record's hash (which
	// the trainer knows: fine for tests, not against cheats). A job whose
	// challenge cannot be had yet (an anchor not mined) waits.
	Challenge func(ctx context.Context, j arena.Job) ([]byte, error)
	// Flag, when set, hears of a record that fails, with its signer, so
	// that the trainer's bond can be slashed.
	Flag   func(ctx context.Context, j arena.Job, signer string, reason string) error
	Logger *slog.Logger
}

// Check looks at every finished job not yet checked and returns those it
// looked at, with what it found in Job.Check.
func (v *Verifier) Check(ctx context.Context) ([]arena.Job, error) {
	jobs, err := v.Arena.Jobs()
	if err != nil {
		return nil, err
	}
	var out []arena.Job
	for _, j := range jobs {
		if j.State != arena.JobDone || j.Check != "" {
			continue
		}
		check, err := v.check(ctx, j)
		if err != nil {
			return out, fmt.Errorf("learn: verifying job %s: %w", j.ID, err)
		}
		if check == "" {
			continue // not yet
		}
		j, err = v.Arena.UpdateJob(j.ID, func(j *arena.Job) error { j.Check = check; return nil })
		if err != nil {
			return out, err
		}
		out = append(out, j)
	}
	return out, nil
}

func (v *Verifier) check(ctx context.Context, j arena.Job) (string, error) {
	dir := filepath.Join(v.Dir, "adapters", j.Version)
	rec, err := lora.ReadRecord(filepath.Join(dir, "record.json"))
	if err != nil {
		return v.flag(ctx, j, "", fmt.Sprintf("record unreadable: %v", err))
	}
	hash, err := rec.Hash()
	if err != nil {
		return "", err
	}
	if got := fmt.Sprintf("0x%x", hash); got != j.Record {
		return v.flag(ctx, j, rec.Signer, fmt.Sprintf("record hash %s, the job recorded %s", got, j.Record))
	}
	challenge := hash[:]
	if v.Challenge != nil {
		if challenge, err = v.Challenge(ctx, j); err != nil || challenge == nil {
			return "", err
		}
	}
	fraction := v.Fraction
	if fraction == 0 {
		fraction = 0.25
	}
	draw := crypto.Keccak256(challenge, hash[:])
	if float64(binary.BigEndian.Uint64(draw))/math.Exp2(64) >= fraction {
		return "not sampled", nil
	}
	f, err := os.Open(filepath.Join(dir, "pairs.jsonl"))
	if err != nil {
		return v.flag(ctx, j, rec.Signer, fmt.Sprintf("pairs unreadable: %v", err))
	}
	pairs, _, err := lora.ReadPairs(f, "pairs.jsonl", true)
	f.Close()
	if err != nil {
		return v.flag(ctx, j, rec.Signer, fmt.Sprintf("pairs unreadable: %v", err))
	}
	m, err := v.Base()
	if err != nil {
		return "", err
	}
	segments := v.Segments
	if segments == 0 {
		segments = 1
	}
	_, err = lora.VerifyRecord(ctx, filepath.Join(dir, "record.json"), m, pairs, lora.VerifyOptions{Challenge: challenge, Segments: segments})
	var bad *lora.VerifyError
	switch {
	case errors.As(err, &bad):
		return v.flag(ctx, j, rec.Signer, err.Error())
	case err != nil:
		return "", err
	}
	return "verified", nil
}

func (v *Verifier) flag(ctx context.Context, j arena.Job, signer, reason string) (string, error) {
	if v.Logger != nil {
		v.Logger.Error("training record failed verification", "job", j.ID, "agent", j.Agent, "version", j.Version, "reason", reason)
	}
	if v.Flag != nil {
		if err := v.Flag(ctx, j, signer, reason); err != nil {
			return "", err
		}
	}
	return "flagged: " + reason, nil
}

// Run checks new records every interval until ctx is done.
func (v *Verifier) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := v.Check(ctx); err != nil && ctx.Err() == nil && v.Logger != nil {
			v.Logger.Warn("verifying training records", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
