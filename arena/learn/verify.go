package learn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
)

// Verifier re-checks a sampled fraction of the finished jobs' records:
// signature, hashes, and a re-execution of segments that a challenge
// picks. The challenge is fixed after the record, outside its trainer's
// control: the hash of the block that anchored it on a chain others make
// (OnChain), else the verifier's own beacon drawn when it first sees the
// finished job (BeaconChallenge; see challenge.go for each setting), so
// neither the sample nor the segments can be foreseen or ground.
type Verifier struct {
	Arena *arena.Arena
	// Dir is the data directory the records live under (adapters/VERSION).
	Dir string
	// Base loads a fresh copy of the base model.
	Base func() (*lora.Model, error)
	// Fraction is the share of records re-executed, chosen by the
	// challenge; 1 re-executes every record. Zero means DefaultFraction
	// unless FractionSet, which honours it: 0 then re-executes none. The
	// checks that cost no training (signature, hash, and that the record
	// proves its job's own pairs) run on every record whatever Fraction.
	Fraction    float64
	FractionSet bool
	// Segments is how many segments are re-executed; zero means
	// DefaultSegments.
	Segments int
	// Challenge gives a job's challenge; nil uses the verifier's beacon,
	// drawn from Rand once the job is done and kept under
	// Dir/challenges. A job whose challenge cannot be had yet (an anchor
	// not mined: nil and no error) waits.
	Challenge func(ctx context.Context, j arena.Job) ([]byte, error)
	// Rand is where beacons are drawn from; nil means crypto/rand.
	Rand io.Reader
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
		// A flagged record takes its version out of play (SetCheck).
		j, err = v.Arena.SetCheck(j.ID, check)
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
	pairs, reason, err := v.jobPairs(j, rec, dir)
	switch {
	case err != nil:
		return "", err
	case reason != "":
		return v.flag(ctx, j, rec.Signer, reason)
	}
	fraction := v.fraction()
	if fraction <= 0 {
		return "not sampled", nil
	}
	challenge, err := v.challenge(ctx, j)
	if err != nil || challenge == nil {
		return "", err
	}
	if !sampled(challenge, hash, fraction) {
		return "not sampled", nil
	}
	m, err := v.Base()
	if err != nil {
		return "", err
	}
	segments := v.Segments
	if segments == 0 {
		segments = DefaultSegments
	}
	_, err = lora.VerifyRecord(ctx, filepath.Join(dir, "record.json"), m, pairs, lora.VerifyOptions{Challenge: challenge, Segments: segments})
	var bad *lora.VerifyError
	switch {
	case errors.As(err, &bad) && bad.Noise:
		// Drift beyond the trainer's own claim but within the policy's
		// bound: the record fails as written, but that is no evidence of
		// cheating, so nothing is flagged, rolled back or slashed.
		return "failed within noise: " + err.Error(), nil
	case errors.As(err, &bad):
		return v.flag(ctx, j, rec.Signer, err.Error())
	case err != nil:
		return "", err
	}
	return "verified", nil
}

// fraction is the share of records to re-execute: Fraction, with zero
// honoured only when FractionSet.
func (v *Verifier) fraction() float64 {
	if v.Fraction == 0 && !v.FractionSet {
		return DefaultFraction
	}
	return v.Fraction
}

// DefaultFraction and DefaultSegments are the share of records a
// Verifier re-executes and the segments it re-runs in each, when told
// none: lora's recommended settings, with which a trainer faking a tenth
// of its segments is caught within 20 records with probability 0.992
// (`arena pol verify --odds`).
const (
	DefaultFraction = lora.RecommendedFraction
	DefaultSegments = lora.RecommendedSegments
)

// jobPairs rebuilds job j's pairs from the arena's own store and holds the
// record and the pairs file its trainer published beside it (in dir) to
// them, before anything is re-executed: the record must name j, its
// dataset must be the job's pairs (count and Merkle root), and the
// published file must hold the same pairs in the same order. A trainer
// that trained on other pairs, whatever it publishes, fails here. reason
// says why when the record fails; the pairs are the store's, which a
// re-execution uses.
func (v *Verifier) jobPairs(j arena.Job, rec *lora.Record, dir string) (pairs []lora.Pair, reason string, err error) {
	if rec.Job != j.ID {
		if rec.Job == "" {
			return nil, fmt.Sprintf("the record names no job; it was made for job %s", j.ID), nil
		}
		return nil, fmt.Sprintf("the record is job %s's, not job %s's", rec.Job, j.ID), nil
	}
	stored, err := storedPairs(v.Arena, j)
	if err != nil {
		return nil, "", err
	}
	pairs = make([]lora.Pair, len(stored))
	for i, p := range stored {
		pairs[i] = lora.ChatPair(p.Prompt, p.Chosen, p.Rejected)
	}
	var problems []string
	f, err := os.Open(filepath.Join(dir, "pairs.jsonl"))
	if err == nil {
		var published []lora.Pair
		published, _, err = lora.ReadPairs(f, "pairs.jsonl", true)
		f.Close()
		if err == nil {
			problems = append(problems, comparePairs(stored, pairs, published)...)
		}
	}
	if err != nil {
		problems = append(problems, fmt.Sprintf("published pairs unreadable: %v", err))
	}
	if root := lora.DatasetRoot(pairs); rec.Dataset.Pairs != len(pairs) || rec.Dataset.Root != root {
		problems = append(problems, fmt.Sprintf("the record's dataset is %d pairs with root %s; job %s's %d pairs have root %s",
			rec.Dataset.Pairs, rec.Dataset.Root, j.ID, len(pairs), root))
	}
	if len(problems) > 0 {
		return nil, "not job " + j.ID + "'s pairs: " + strings.Join(problems, "; "), nil
	}
	return pairs, "", nil
}

// comparePairs says how a published pairs file differs from a job's
// pairs (stored, and as trained, job), naming the first pair that
// differs by its place (from 1) and the job's pair's id.
func comparePairs(stored []arena.Pair, job, published []lora.Pair) []string {
	var out []string
	if len(published) != len(job) {
		out = append(out, fmt.Sprintf("the published file has %d pairs, the job %d", len(published), len(job)))
	}
	for i := range min(len(job), len(published)) {
		if !bytes.Equal(job[i].CanonicalJSON(), published[i].CanonicalJSON()) {
			out = append(out, fmt.Sprintf("published pair %d differs from the job's pair %d (pair %s)", i+1, i+1, stored[i].ID))
			break
		}
	}
	return out
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
