package lora

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/lora/ops"
)

// VerifyOptions configures VerifyRecord.
type VerifyOptions struct {
	// Challenge is the verifier's secret randomness: it picks which
	// segments are re-executed, so the trainer cannot know in advance.
	// Empty is allowed but predictable.
	Challenge []byte
	// Segments is how many segments (checkpoint k to k+1) to re-execute;
	// zero means 2, negative means none, and more than there are means all.
	Segments int
	// Progress, when set, is called after each re-executed step with the
	// steps done and the steps to re-execute in all.
	Progress func(done, total int)
	// Policy bounds the drift a re-execution may show; nil means
	// DefaultVerifyPolicy.
	Policy *VerifyPolicy
	// Kernels is the CPU kernel set to re-execute with (one of
	// ops.KernelSets); empty means the record's own set when this machine
	// runs it, else the set in use.
	Kernels string
}

// VerifyCheck is one thing VerifyRecord checked.
type VerifyCheck struct {
	Name   string
	OK     bool
	Detail string
	// Noise marks a failed re-execution whose drift is within the
	// policy's bound (beyond the record's tighter claim only).
	Noise bool
}

// VerifyReport is what VerifyRecord checked and found.
type VerifyReport struct {
	Record     *Record
	RecordHash string
	Checks     []VerifyCheck
	// Segments are the indices of the re-executed segments (segment k runs
	// from checkpoint k to checkpoint k+1).
	Segments []int
	// Kernels is the CPU kernel set the segments were re-executed with.
	Kernels string
	// Tolerance is the relative drift the re-execution was held to (0: bit
	// for bit), and Bound the policy's bound for the record's and the
	// verifier's kernel sets; Tolerance is the smaller of Bound and the
	// record's own claim (a cuda record's Tolerance).
	Tolerance, Bound float64
	// ReferenceTolerance is what reference log-probabilities were held to.
	ReferenceTolerance float64
	// Drift is the largest relative drift seen: of an adapter at a
	// segment's end (of the segment's movement), a loss or a reference
	// log-probability.
	Drift float64
	// DriftOf is the largest drift of each kind seen: "state", "loss",
	// "reference".
	DriftOf map[string]float64
	// Dispute is the first step a failing re-execution differs at, nil
	// when none failed.
	Dispute *StepDispute
}

// StepDispute narrows a failed re-execution to one step: the first whose
// loss, or whose resulting state where the record has one (a checkpoint),
// or whose reference log-probabilities differ from the record's. It is
// what a slashing cites.
type StepDispute struct {
	Segment int // the segment re-executed
	Step    int // the step, from 1
	// What differed: "loss", "state" (the adapter at a checkpoint) or
	// "reference" (a pair's reference log-probabilities the step uses).
	What string
	// Drift is the relative difference found (of the segment's movement
	// for "state"; for a record re-executed bit for bit, any difference is
	// evidence and Drift may be 0 when only low bits differ).
	Drift float64
	// Noise is true when Drift lies within the policy's bound, beyond the
	// record's own tighter claim only: not evidence of cheating.
	Noise bool
}

func (d *StepDispute) String() string {
	return fmt.Sprintf("segment %d, step %d: %s differs (drift %.3g)", d.Segment, d.Step, d.What, d.Drift)
}

// OK reports whether every check passed.
func (r *VerifyReport) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// Failures returns the details of the failed checks.
func (r *VerifyReport) Failures() []string {
	var out []string
	for _, c := range r.Checks {
		if !c.OK {
			out = append(out, c.Detail)
		}
	}
	return out
}

func (r *VerifyReport) pass(name, format string, args ...any) {
	r.Checks = append(r.Checks, VerifyCheck{Name: name, OK: true, Detail: fmt.Sprintf(format, args...)})
}

func (r *VerifyReport) fail(name, format string, args ...any) {
	r.Checks = append(r.Checks, VerifyCheck{Name: name, Detail: fmt.Sprintf(format, args...)})
}

// VerifyError lists why a record did not verify.
type VerifyError struct {
	Failures []string
	// Dispute is the first step a re-executed segment differs at (nil
	// when no re-execution failed): the step a slashing cites.
	Dispute *StepDispute
	// Noise is true when the only failures are re-executions that drifted
	// beyond the record's own claimed tolerance but within the policy's
	// bound: the record fails, but that is no evidence of cheating and no
	// ground to slash.
	Noise bool
}

func (e *VerifyError) Error() string {
	s := "proof-of-learning record does not verify: " + strings.Join(e.Failures, "; ")
	if e.Dispute != nil {
		s += " (first differing step: " + e.Dispute.String() + ")"
	}
	if e.Noise {
		s += " (within the policy's noise bound: not evidence)"
	}
	return s
}

// VerifyRecord checks a proof-of-learning record against the base model m
// (float32, as loaded) and the pairs it claims to have been trained on:
//
//   - the signature, and that it was made by the named signer;
//   - the base model hash;
//   - the dataset's Merkle root (naming the first differing pair when the
//     reference file allows) and the reference file's hash;
//   - each checkpoint file against its recorded hash, its step and its
//     hyperparameters against the record's;
//   - the adapter before training (checkpoint 0) and the final adapter
//     directory against their hashes, its configuration against the
//     record's hyperparameters;
//   - and it re-executes opts.Segments segments chosen by HMAC-SHA256
//     keyed with opts.Challenge over the record hash: from checkpoint k it
//     re-runs the steps up to checkpoint k+1, recomputing the reference
//     log-probabilities those steps use, and compares every loss and the
//     resulting state — exactly for "cpu" records (the state hash), within
//     the record's tolerance for "cuda" ones (the L2 distance between the
//     re-executed and the recorded adapter, relative to how far the
//     recorded segment moved it; see Record.Tolerance).
//
// It returns the report and, when any check failed, a *VerifyError naming
// each failure; other errors mean the record could not be read. m gets
// adapters attached while segments run and is left as it was, except that
// for a QLoRA record its base is quantised (QuantizeBase) in place.
func VerifyRecord(ctx context.Context, recordPath string, m *Model, pairs []Pair, opts VerifyOptions) (*VerifyReport, error) {
	rec, err := ReadRecord(recordPath)
	if err != nil {
		return nil, err
	}
	h, err := rec.Hash()
	if err != nil {
		return nil, fmt.Errorf("lora: verify: %w", err)
	}
	rep := &VerifyReport{Record: rec, RecordHash: hexHash(h[:])}
	v := &verifier{ctx: ctx, rec: rec, recHash: h, m: m, pairs: pairs, rep: rep, policy: DefaultVerifyPolicy}
	if opts.Policy != nil {
		v.policy = *opts.Policy
	}
	if err := v.run(opts); err != nil {
		return rep, err
	}
	if !rep.OK() {
		noise := true
		for _, c := range rep.Checks {
			if !c.OK && !c.Noise {
				noise = false
			}
		}
		return rep, &VerifyError{Failures: rep.Failures(), Dispute: rep.Dispute, Noise: noise}
	}
	return rep, nil
}

type verifier struct {
	ctx     context.Context
	rec     *Record
	recHash [32]byte
	m       *Model
	pairs   []Pair
	rep     *VerifyReport

	cfg       AdapterConfig
	like      []*Param // adapter tensor names and shapes
	hyperJSON []byte
	refFile   *referenceFile
	states    []string // checkpoint hashes as found in the files ("" when unreadable)
	recordOK  bool
	baseOK    bool
	dataOK    bool

	policy     VerifyPolicy
	exact      bool        // re-executed bit for bit (a cpu record on its own kernel set)
	tol, bound VerifyBound // the drift allowed, and the policy's bound
}

func (v *verifier) run(opts VerifyOptions) error {
	rec, rep := v.rec, v.rep
	if err := rec.CheckSignature(); err != nil {
		rep.fail("signature", "%v", err)
	} else {
		rep.pass("signature", "signed by %s", rec.Signer)
	}
	v.checkShape()
	v.checkBase()
	v.checkDataset()
	if err := v.ctx.Err(); err != nil {
		return err
	}
	v.checkCheckpoints()
	v.checkFinalAdapter()
	return v.reexecute(opts)
}

// checkShape checks the record's internal consistency and derives the
// adapter's configuration.
func (v *verifier) checkShape() {
	rec, rep := v.rec, v.rep
	var problems []string
	switch rec.Device {
	case "cpu":
		if rec.Tolerance != 0 {
			problems = append(problems, fmt.Sprintf("a cpu record re-executes bit for bit, but claims tolerance %v", rec.Tolerance))
		}
		if rec.Kernels != "" && !slices.Contains([]string{"avx512", "avx2", "go"}, rec.Kernels) {
			problems = append(problems, fmt.Sprintf("a cpu record names kernel set %q (want avx512, avx2 or go)", rec.Kernels))
		}
	case "cuda":
		if !(rec.Tolerance > 0) {
			problems = append(problems, fmt.Sprintf("a cuda record needs a positive tolerance, has %v", rec.Tolerance))
		} else if bound, err := v.policy.Tolerance(rec.Kernels, "go"); err != nil {
			problems = append(problems, err.Error())
		} else if rec.Tolerance > bound {
			problems = append(problems, fmt.Sprintf("it claims tolerance %v, above the verifier's bound %v for %q records", rec.Tolerance, bound, cmp.Or(rec.Kernels, "cuda")))
		}
		if rec.Kernels != "" && !strings.HasPrefix(rec.Kernels, "cuda") {
			problems = append(problems, fmt.Sprintf("a cuda record names CPU kernels %q", rec.Kernels))
		}
	default:
		problems = append(problems, fmt.Sprintf("device %q (want cpu or cuda)", rec.Device))
	}
	if rec.Steps != len(rec.Losses) {
		problems = append(problems, fmt.Sprintf("%d losses for %d steps", len(rec.Losses), rec.Steps))
	}
	cks := rec.Checkpoints
	switch {
	case len(cks) < 2:
		problems = append(problems, fmt.Sprintf("%d checkpoints (want at least the first and the last)", len(cks)))
	case cks[0].Step != 0 || cks[len(cks)-1].Step != rec.Steps:
		problems = append(problems, fmt.Sprintf("checkpoints run from step %d to %d, want 0 to %d", cks[0].Step, cks[len(cks)-1].Step, rec.Steps))
	}
	for i := 1; i < len(cks); i++ {
		if cks[i].Step <= cks[i-1].Step {
			problems = append(problems, fmt.Sprintf("checkpoint %d (step %d) does not follow step %d", i, cks[i].Step, cks[i-1].Step))
		}
	}
	hp := rec.Hyper
	v.cfg = AdapterConfig{Rank: hp.Rank, Alpha: hp.Alpha, Dropout: hp.Dropout, Targets: hp.Targets, RSLoRA: hp.RSLoRA}
	if hp.Rank <= 0 || hp.Alpha <= 0 || hp.Rank > v.m.Config.HiddenSize {
		problems = append(problems, fmt.Sprintf("hyperparameters rank %d and alpha %v must be positive, the rank at most the hidden size %d", hp.Rank, hp.Alpha, v.m.Config.HiddenSize))
	} else if a, err := NewAdapter(v.m, v.cfg, hp.AdapterSeed); err != nil {
		problems = append(problems, err.Error())
	} else {
		v.like = a.Params()
	}
	if _, err := v.options(); err != nil {
		problems = append(problems, fmt.Sprintf("hyperparameters: %v", err))
	}
	v.hyperJSON, _ = json.Marshal(&rec.Hyper)
	if len(problems) > 0 {
		rep.fail("record", "record is inconsistent: %s", strings.Join(problems, "; "))
		return
	}
	v.recordOK = true
	base := "float32 base"
	if hp.QLoRA {
		base = "NF4 base (QLoRA)"
	}
	rep.pass("record", "%s record: %d steps, %d checkpoints; %s, beta %v, rpo alpha %v, lr %v; rank-%d adapter on %v, %s",
		rec.Device, rec.Steps, len(cks), hp.Method, hp.Beta, hp.RPOAlpha, hp.LR, hp.Rank, hp.Targets, base)
}

// options rebuilds the training options from the hyperparameters.
func (v *verifier) options() (DPOOptions, error) {
	hp := v.rec.Hyper
	o := DPOOptions{
		Method: hp.Method, Beta: hp.Beta, LR: hp.LR, Epochs: hp.Epochs, BatchSize: hp.BatchSize, Seed: hp.Seed,
		MaxLen: hp.MaxLen, LabelSmoothing: hp.LabelSmoothing, RPOAlpha: hp.RPOAlpha, WeightDecay: hp.WeightDecay, ClipNorm: hp.ClipNorm,
		CheckpointEvery: hp.CheckpointEvery,
	}
	if hp.ClipNorm == 0 {
		o.ClipNorm = -1 // none, which withDefaults would otherwise turn into 1
	}
	d, err := o.withDefaults(v.m)
	if err != nil {
		return d, err
	}
	if d.Method != o.Method || d.Beta != o.Beta || d.LR != o.LR || d.Epochs != o.Epochs || d.BatchSize != o.BatchSize ||
		d.MaxLen != o.MaxLen || d.LabelSmoothing != o.LabelSmoothing || d.RPOAlpha != o.RPOAlpha || d.CheckpointEvery != o.CheckpointEvery {
		return d, errors.New("a setting is left at zero where a run records the value it used")
	}
	if hp.Epochs <= 0 || hp.BatchSize <= 0 || hp.CheckpointEvery <= 0 {
		return d, fmt.Errorf("epochs %d, batch size %d and checkpoint interval %d must be positive", hp.Epochs, hp.BatchSize, hp.CheckpointEvery)
	}
	return d, nil
}

func (v *verifier) checkBase() {
	if v.rec.Hyper.QLoRA && v.m.Quantized() {
		v.rep.fail("base", "base model hash cannot be checked: the model given is already quantised (pass the float32 base)")
		return
	}
	got, err := BaseHash(v.m)
	switch {
	case err != nil:
		v.rep.fail("base", "base model hash: %v", err)
	case got != v.rec.Base.Hash:
		v.rep.fail("base", "base model hash mismatch: the model given hashes to %s, the record says %s", got, v.rec.Base.Hash)
	default:
		v.baseOK = true
		v.rep.pass("base", "base model %s %s", v.rec.Base.Name, got)
	}
}

func (v *verifier) checkDataset() {
	rec, rep := v.rec, v.rep
	// The reference file first: it can name a differing pair.
	refOK := false
	if path, err := rec.path(rec.Dataset.Reference); err != nil {
		rep.fail("reference", "reference file: %v", err)
	} else if data, err := os.ReadFile(path); err != nil {
		rep.fail("reference", "reference file: %v", err)
	} else if got := hexHash(crypto.Keccak256(data)); got != rec.Dataset.ReferenceHash {
		rep.fail("reference", "reference file hash mismatch: %s hashes to %s, the record says %s", rec.Dataset.Reference, got, rec.Dataset.ReferenceHash)
	} else {
		var f referenceFile
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil || f.Version != referenceVersion {
			rep.fail("reference", "reference file %s is malformed (version %q, %v)", rec.Dataset.Reference, f.Version, err)
		} else if len(f.Pairs) != rec.Dataset.Pairs {
			rep.fail("reference", "reference file has %d pairs, the record %d", len(f.Pairs), rec.Dataset.Pairs)
		} else {
			leaves := make([][]byte, len(f.Pairs))
			for i, e := range f.Pairs {
				leaves[i], _ = decodeHex(e.Leaf)
			}
			if root := hexHash(merkleRoot(leaves)); root != rec.Dataset.Root {
				rep.fail("reference", "reference file's leaves give root %s, the record says %s", root, rec.Dataset.Root)
			} else {
				v.refFile, refOK = &f, true
				rep.pass("reference", "reference log-probabilities of %d pairs, %s", len(f.Pairs), rec.Dataset.ReferenceHash)
			}
		}
	}

	if len(v.pairs) != rec.Dataset.Pairs {
		rep.fail("dataset", "dataset root mismatch: %d pairs given, the record was trained on %d", len(v.pairs), rec.Dataset.Pairs)
		return
	}
	leaves := pairLeaves(v.pairs)
	if root := hexHash(merkleRoot(leaves)); root != rec.Dataset.Root {
		if refOK {
			for i, l := range leaves {
				if hexHash(l) != v.refFile.Pairs[i].Leaf {
					rep.fail("dataset", "dataset root mismatch: %s differs from the dataset the record was trained on", pairName(&v.pairs[i], i))
					return
				}
			}
		}
		rep.fail("dataset", "dataset root mismatch: the pairs give %s, the record says %s", root, rec.Dataset.Root)
		return
	}
	v.dataOK = true
	rep.pass("dataset", "%d pairs, root %s", len(v.pairs), rec.Dataset.Root)
}

// checkCheckpoints reads every checkpoint file and checks its hash, its
// step and its hyperparameters.
func (v *verifier) checkCheckpoints() {
	rec, rep := v.rec, v.rep
	if v.like == nil {
		rep.fail("checkpoints", "checkpoints not checked: the record's adapter configuration is unusable")
		return
	}
	v.states = make([]string, len(rec.Checkpoints))
	bad := 0
	reported := map[string]bool{}
	for i, ck := range rec.Checkpoints {
		s, err := v.readCheckpoint(i)
		if err != nil {
			rep.fail("checkpoints", "checkpoint %d: %v", i, err)
			bad++
			continue
		}
		v.states[i] = s.hash()
		if s.step != ck.Step {
			rep.fail("checkpoints", "checkpoint %d holds step %d, the record says %d", i, s.step, ck.Step)
			bad++
		}
		for _, d := range hyperDiffs(rec.Hyper, s.hyper) {
			if !reported[d.name] {
				reported[d.name] = true
				rep.fail("hyperparameters", "hyperparameter %s differs: record %s, checkpoint %d %s", d.name, d.record, i, d.other)
			}
		}
		if v.states[i] != ck.Hash {
			rep.fail("checkpoints", "checkpoint %d hash mismatch: %s hashes to %s, the record says %s", i, ck.File, v.states[i], ck.Hash)
			bad++
		}
		if i == 0 {
			if got := adapterHashOf(s.params); got != rec.AdapterBefore {
				rep.fail("adapter_before", "adapter before training mismatch: checkpoint 0 holds %s, the record says %s", got, rec.AdapterBefore)
			} else {
				rep.pass("adapter_before", "adapter before training %s", got)
			}
		}
		if i == len(rec.Checkpoints)-1 {
			if got := adapterHashOf(s.params); got != rec.AdapterFinal {
				rep.fail("adapter_final", "the last checkpoint holds adapter %s, the record's final adapter is %s", got, rec.AdapterFinal)
			}
		}
	}
	if bad == 0 {
		rep.pass("checkpoints", "%d checkpoint files match their hashes", len(rec.Checkpoints))
	}
}

func (v *verifier) readCheckpoint(i int) (*trainState, error) {
	path, err := v.rec.path(v.rec.Checkpoints[i].File)
	if err != nil {
		return nil, err
	}
	return readState(path, v.like)
}

type hyperDiff struct{ name, record, other string }

// hyperDiffs compares hyperparameters with their JSON in a checkpoint,
// field by field.
func hyperDiffs(rec Hyperparameters, other []byte) []hyperDiff {
	var got Hyperparameters
	dec := json.NewDecoder(bytes.NewReader(other))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		return []hyperDiff{{"set", "(valid)", fmt.Sprintf("unreadable: %v", err)}}
	}
	var out []hyperDiff
	rv, gv := reflect.ValueOf(rec), reflect.ValueOf(got)
	t := rv.Type()
	for i := range t.NumField() {
		if !reflect.DeepEqual(rv.Field(i).Interface(), gv.Field(i).Interface()) {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			out = append(out, hyperDiff{name, fmt.Sprint(rv.Field(i).Interface()), fmt.Sprint(gv.Field(i).Interface())})
		}
	}
	return out
}

func (v *verifier) checkFinalAdapter() {
	rec, rep := v.rec, v.rep
	dir, err := rec.path(rec.AdapterDir)
	if err != nil {
		rep.fail("adapter_final", "final adapter: %v", err)
		return
	}
	a, err := LoadAdapter(dir, v.m)
	if err != nil {
		rep.fail("adapter_final", "final adapter: %v", err)
		return
	}
	ok := true
	hp := rec.Hyper
	for _, d := range []struct {
		name       string
		rec, other any
	}{
		{"rank", hp.Rank, a.Config.Rank}, {"alpha", hp.Alpha, a.Config.Alpha}, {"dropout", hp.Dropout, a.Config.Dropout},
		{"targets", hp.Targets, a.Config.Targets}, {"rslora", hp.RSLoRA, a.Config.RSLoRA}, {"adapter_seed", hp.AdapterSeed, a.Seed()},
	} {
		if !reflect.DeepEqual(d.rec, d.other) {
			rep.fail("hyperparameters", "hyperparameter %s differs: record %v, final adapter %v", d.name, d.rec, d.other)
			ok = false
		}
	}
	if got := AdapterHash(a); got != rec.AdapterFinal {
		rep.fail("adapter_final", "final adapter hash mismatch: %s hashes to %s, the record says %s", dir, got, rec.AdapterFinal)
		ok = false
	}
	if ok {
		rep.pass("adapter_final", "final adapter %s", rec.AdapterFinal)
	}
}

// chooseSegments picks n of nseg segments: the key of a ChaCha8 stream is
// HMAC-SHA256(challenge, record hash), and its 64-bit outputs drive a
// partial Fisher–Yates shuffle (position i from 0 swapped with a position
// drawn uniformly in [i, nseg) by rejection sampling); the first n are
// returned in ascending order.
func chooseSegments(challenge []byte, recHash [32]byte, nseg, n int) []int {
	mac := hmac.New(sha256.New, challenge)
	mac.Write(recHash[:])
	src := rand.NewChaCha8([32]byte(mac.Sum(nil)))
	idx := make([]int, nseg)
	for i := range idx {
		idx[i] = i
	}
	n = min(n, nseg)
	for i := range n {
		span := uint64(nseg - i)
		limit := math.MaxUint64 - math.MaxUint64%span
		var r uint64
		for r = src.Uint64(); r >= limit; r = src.Uint64() {
		}
		j := i + int(r%span)
		idx[i], idx[j] = idx[j], idx[i]
	}
	out := slices.Clone(idx[:n])
	slices.Sort(out)
	return out
}

// reexecute re-runs the chosen segments.
func (v *verifier) reexecute(opts VerifyOptions) error {
	rec, rep := v.rec, v.rep
	n := opts.Segments
	if n == 0 {
		n = 2
	}
	if n < 0 {
		rep.pass("segments", "no segments re-executed (as asked)")
		return nil
	}
	var why []string
	if !v.baseOK {
		why = append(why, "the base model does not match")
	}
	if !v.dataOK {
		why = append(why, "the dataset does not match")
	}
	if !v.recordOK || v.like == nil || v.states == nil {
		why = append(why, "the record is inconsistent")
	}
	o, err := v.options()
	if err != nil {
		why = append(why, "the hyperparameters are unusable")
	}
	if len(why) > 0 {
		rep.fail("segments", "segments not re-executed: %s", strings.Join(why, ", "))
		return nil
	}
	// The kernel set: the one asked for, else the record's when this
	// machine runs it, else the one in use.
	sets := ops.KernelSets()
	kernels := opts.Kernels
	switch {
	case kernels != "" && !slices.Contains(sets, kernels):
		return fmt.Errorf("lora: verify: kernel set %q is not one this machine runs (%s)", kernels, strings.Join(sets, ", "))
	case kernels != "":
	case slices.Contains(sets, rec.Kernels):
		kernels = rec.Kernels
	default:
		kernels = ops.Kernels()
	}
	bound, err := v.policy.Bound(rec.Kernels, kernels)
	if err != nil {
		rep.fail("segments", "segments not re-executed: %v", err)
		return nil
	}
	v.bound, v.tol = bound, bound
	if rec.Device == "cuda" {
		// The record's claim can only tighten the policy.
		v.tol = VerifyBound{State: min(bound.State, rec.Tolerance), Reference: min(bound.Reference, rec.Tolerance)}
	}
	v.exact = rec.Device == "cpu" && v.tol == VerifyBound{}
	rep.Kernels, rep.Tolerance, rep.Bound = kernels, v.tol.State, v.bound.State
	rep.ReferenceTolerance = v.tol.Reference
	kernelsMu.Lock()
	defer kernelsMu.Unlock()
	if prev := ops.Kernels(); prev != kernels {
		if err := ops.UseKernels(kernels); err != nil {
			return fmt.Errorf("lora: verify: %w", err)
		}
		defer ops.UseKernels(prev)
	}

	segs := chooseSegments(opts.Challenge, v.recHash, len(rec.Checkpoints)-1, n)
	rep.Segments = segs
	seqs, err := tokenizePairs(v.m.Tokenizer, v.pairs, o.MaxLen, v.m.Config.VocabSize)
	if err != nil {
		rep.fail("segments", "segments not re-executed: %v", err)
		return nil
	}
	if rec.Hyper.QLoRA {
		if err := v.m.QuantizeBase(rec.Hyper.DoubleQuant); err != nil {
			rep.fail("segments", "segments not re-executed: %v", err)
			return nil
		}
	}
	saved, savedTraining := v.m.Adapter(), v.m.Training()
	defer func() {
		v.m.SetAdapter(saved)
		v.m.SetTraining(savedTraining)
	}()

	total := 0
	for _, k := range segs {
		total += rec.Checkpoints[k+1].Step - rec.Checkpoints[k].Step
	}
	done := 0
	for _, k := range segs {
		if err := v.segment(k, o, seqs, &done, total, opts.Progress); err != nil {
			return err
		}
	}
	return nil
}

// segment re-executes segment k step by step from its checkpoint and
// compares what it gives: every step's loss, the reference
// log-probabilities the steps use, and the state at the segment's end. The
// first step that differs becomes the report's Dispute.
func (v *verifier) segment(k int, o DPOOptions, seqs []PairTokens, done *int, total int, progress func(int, int)) error {
	rec, rep := v.rec, v.rep
	from, to := rec.Checkpoints[k].Step, rec.Checkpoints[k+1].Step
	name := fmt.Sprintf("segment %d", k)
	start, err := v.readCheckpoint(k)
	if err != nil {
		rep.fail(name, "segment %d: checkpoint %d: %v", k, k, err)
		return nil
	}
	if start.step != from {
		rep.fail(name, "segment %d: checkpoint %d holds step %d, not %d", k, k, start.step, from)
		return nil
	}
	a, err := NewAdapter(v.m, v.cfg, rec.Hyper.AdapterSeed)
	if err != nil {
		rep.fail(name, "segment %d: %v", k, err)
		return nil
	}
	for i, p := range a.Params() {
		copy(p.W, start.params[i].W)
	}
	hp := rec.Hyper
	adam := AdamW{Beta1: hp.AdamBeta1, Beta2: hp.AdamBeta2, Eps: hp.AdamEps, WeightDecay: hp.WeightDecay, ClipNorm: hp.ClipNorm,
		Steps: start.adamSteps, M: start.m, V: start.v}
	run := newDPORun(v.m, a, o, seqs, nil, adam)
	if to > run.total {
		rep.fail(name, "segment %d: ends at step %d, but the hyperparameters give %d steps", k, to, run.total)
		return nil
	}

	// The reference log-probabilities of the pairs these steps use, and
	// the first step that uses each.
	var which []int
	firstUse := map[int]int{}
	for s := from; s < to; s++ {
		idx, _ := run.batchOf(s)
		for _, i := range idx {
			if _, ok := firstUse[i]; !ok {
				firstUse[i] = s + 1
				which = append(which, i)
			}
		}
	}
	slices.Sort(which)
	ref, err := referenceOf(v.ctx, v.m, seqs, which)
	if err != nil {
		return err
	}
	problems := 0
	for _, i := range which {
		if v.refFile == nil {
			break
		}
		e := v.refFile.Pairs[i]
		got := ref[i]
		dc, dr := perToken(got.Chosen, e.Chosen, len(seqs[i].Chosen)), perToken(got.Rejected, e.Rejected, len(seqs[i].Rejected))
		if d := max(dc, dr); !v.within("reference", d, got.Chosen == e.Chosen && got.Rejected == e.Rejected) {
			v.failAt(name, k, firstUse[i], "reference", d, "reference log-probabilities of %s differ (drift %.3g): recomputed %v/%v, the reference file has %v/%v",
				pairName(&v.pairs[i], i), d, got.Chosen, got.Rejected, e.Chosen, e.Rejected)
			problems++
		} else if !v.exact {
			ref[i] = PairLogProbs{Chosen: e.Chosen, Rejected: e.Rejected} // what training used
		}
	}
	run.ref = ref

	if err := v.m.SetAdapter(a); err != nil {
		return err
	}
	a.SetTrainable(true)
	v.m.SetTraining(true)
	defer a.SetTrainable(false)
	for s := from; s < to; s++ {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		st, err := run.step(s)
		if err != nil {
			rep.fail(name, "segment %d: %v", k, err)
			return nil
		}
		want := rec.Losses[s]
		if d := v.drift(st.loss, want); !v.within("loss", d, st.loss == want) {
			v.failAt(name, k, s+1, "loss", d, "step %d loss differs: record %v, re-executed %v (drift %.3g)", s+1, want, st.loss, d)
			problems++
		}
		*done++
		if progress != nil {
			progress(*done, total)
		}
	}
	v.m.SetTraining(false)
	end := stateOf(run, to, v.hyperJSON)
	if !v.exact {
		want, err := v.readCheckpoint(k + 1)
		if err != nil {
			rep.fail(name, "segment %d: checkpoint %d: %v", k, k+1, err)
			return nil
		}
		d := l2Distance(end.params, want.params)
		moved := l2Distance(want.params, start.params)
		rel := 0.0
		if d > 0 {
			rel = d / moved // +Inf when the recorded segment did not move
		}
		if !v.within("state", rel, d == 0) {
			v.failAt(name, k, to, "state", rel, "checkpoint %d differs after re-executing segment %d (steps %d-%d): L2 distance %.3g exceeds the tolerance %.3g of the segment's movement %.3g",
				k+1, k, from+1, to, d, v.tol.State, moved)
			problems++
		} else if problems == 0 {
			rep.pass(name, "segment %d (steps %d-%d) re-executed with %s kernels: adapter within L2 %.3g of checkpoint %d, %.2g of the segment's movement %.3g (tolerance %.3g)",
				k, from+1, to, rep.Kernels, d, k+1, rel, moved, v.tol.State)
		}
		return nil
	}
	if got := end.hash(); got != rec.Checkpoints[k+1].Hash {
		rel := 0.0
		if want, err := v.readCheckpoint(k + 1); err == nil {
			rel = l2Distance(end.params, want.params) / l2Distance(want.params, start.params)
		}
		v.failAt(name, k, to, "state", rel, "checkpoint %d hash mismatch after re-executing segment %d (steps %d-%d): re-execution gives %s, the record says %s", k+1, k, from+1, to, got, rec.Checkpoints[k+1].Hash)
		problems++
	}
	if problems == 0 {
		rep.pass(name, "segment %d (steps %d-%d) re-executed with %s kernels: losses and checkpoint %d match bit for bit", k, from+1, to, rep.Kernels, k+1)
	}
	return nil
}

// drift is the relative difference of a re-executed value from a
// recorded one: |got − want| / max(1, |want|).
func (v *verifier) drift(got, want float64) float64 {
	d := math.Abs(got-want) / math.Max(1, math.Abs(want))
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}

// perToken is the drift of a re-executed reference log-probability from
// a recorded one, per completion token: |got − want| / max(1, tokens). A
// log-probability is a sum over its completion's tokens, and each token
// adds its own rounding, so that per token the honest drift is the same
// for a one-token completion and a long one.
func perToken(got, want float64, tokens int) float64 {
	d := math.Abs(got-want) / float64(max(1, tokens))
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}

// within reports whether a drift d passes (same: the values are
// identical), and notes the largest drift seen. A record re-executed bit
// for bit passes only identical values.
func (v *verifier) within(what string, d float64, same bool) bool {
	if !math.IsInf(d, 0) {
		v.rep.Drift = max(v.rep.Drift, d)
		if v.rep.DriftOf == nil {
			v.rep.DriftOf = map[string]float64{}
		}
		v.rep.DriftOf[what] = max(v.rep.DriftOf[what], d)
	}
	if v.exact {
		return same
	}
	return same || d <= v.tolOf(what, v.tol)
}

// tolOf is b's bound for a kind of drift.
func (v *verifier) tolOf(what string, b VerifyBound) float64 {
	if what == "reference" {
		return b.Reference
	}
	return b.State
}

// failAt records a failed re-execution at a step, the first of which
// becomes the report's Dispute; a drift within the policy's bound (beyond
// the record's own claim only) is marked as noise.
func (v *verifier) failAt(name string, segment, step int, what string, drift float64, format string, args ...any) {
	noise := !v.exact && drift <= v.tolOf(what, v.bound)
	v.rep.Checks = append(v.rep.Checks, VerifyCheck{Name: name, Detail: fmt.Sprintf(format, args...), Noise: noise})
	d := v.rep.Dispute
	if d == nil || segment < d.Segment || segment == d.Segment && step < d.Step {
		v.rep.Dispute = &StepDispute{Segment: segment, Step: step, What: what, Drift: drift, Noise: noise}
	}
}

// l2Distance is the L2 norm of the difference of two adapters' weights.
func l2Distance(a, b []*Param) float64 {
	sum := 0.0
	for i := range a {
		for j, x := range a[i].W {
			d := float64(x) - float64(b[i].W[j])
			sum += d * d
		}
	}
	return math.Sqrt(sum)
}

// VerifyPolicy is the verifier's own bound on how far an honest
// re-execution may land from a record, per pair of kernel sets: a record
// cannot widen it by claiming a larger Record.Tolerance. Each bound is a
// relative drift: State bounds the L2 distance between the re-executed and
// the recorded adapter at a segment's end over the L2 distance the segment
// moved it, and the difference of each loss over max(1, |recorded|);
// Reference bounds the difference of a reference log-probability over
// max(1, |recorded|). They are apart because reference log-probabilities
// depend on the base and the pairs alone, so their honest drift is small
// and a base that is not the official one shows there first, while AdamW
// turns rounding noise in a near-zero gradient into a full ±lr step, so
// the state drifts far more. Each bound is a measured honest drift times a
// safety factor (see DefaultVerifyPolicy).
type VerifyPolicy struct {
	// CPUCrossSet bounds a CPU record re-executed with another CPU kernel
	// set than the one it names (avx512, avx2, go). The same set
	// re-executes bit for bit: its bound is 0.
	CPUCrossSet VerifyBound
	// CUDAF32 and CUDABF16 bound a "cuda" record (products in float32 or
	// in bfloat16) re-executed on a CPU.
	CUDAF32, CUDABF16 VerifyBound
}

// VerifyBound is one row of a VerifyPolicy.
type VerifyBound struct{ State, Reference float64 }

// DefaultVerifyPolicy is the policy VerifyRecord applies unless told
// otherwise. The bounds come from measured honest drift (TestPolicyCheats
// and TestCrossKernelDrift log them again with -v; reference drift is per
// completion token, see perToken):
//
//   - CPU, another kernel set: honest records made with each of avx512,
//     avx2 and go over three seeds, each re-executed with each other set:
//     state drift at most 2.5e-5, reference 8.9e-6. Bounds 1e-3 and 3e-4
//     (40× and 34×: the runs measured are short and a long one adds up
//     rounding; a base 0.1% away drifts 0.055 and 0.015).
//   - cuda f32: an H200 run drifted at most 0.0022 of a segment's movement
//     (bench/results/h200/cli-train); bound 0.01 (4.5×). Its reference
//     log-probabilities differ from the CPU's in summation order only
//     (4e-6 on the CPU backend; the H200 run printed none); bound 1e-3,
//     15× below a base 0.1% away (0.015).
//   - cuda bf16: an H200 run drifted at most 0.07 of a segment's movement,
//     the CPU backend's bf16 mode 0.087; bound 0.25 (2.9× the worst): bf16
//     rounds every input to 8 bits, so the honest drift swings with the
//     data. The state cannot tell a base 1% away (0.20 to 0.23) or 0.1%
//     away (0.072 to 0.084) from that; the reference log-probabilities
//     can: honest bf16 drifts up to 0.0094 per token (one-token
//     completions in TestTrainOnGPUThenVerify; 0.0074 on longer ones), a
//     base 1% away 0.105, 0.1% away 0.042; bound 0.03 (3.2× the honest
//     drift, 1.4× below the 0.1% change). A change smaller still is within
//     bf16's own rounding: catching it needs a re-execution that rounds as
//     bf16 does.
var DefaultVerifyPolicy = VerifyPolicy{
	CPUCrossSet: VerifyBound{State: 1e-3, Reference: 3e-4},
	CUDAF32:     VerifyBound{State: 0.01, Reference: 1e-3},
	CUDABF16:    VerifyBound{State: 0.25, Reference: 0.03},
}

// Tolerance is the largest relative state drift the policy lets a record
// made with recordKernels (Record.Kernels; "" for a record from before
// records named them) show when re-executed with verifierKernels (a CPU
// set): Bound's State.
func (p VerifyPolicy) Tolerance(recordKernels, verifierKernels string) (float64, error) {
	b, err := p.Bound(recordKernels, verifierKernels)
	return b.State, err
}

// Bound is the policy's row for a record made with recordKernels
// re-executed with verifierKernels. A drift within it is noise; beyond it,
// evidence. A CPU record with no kernels named gets the cross-set bound,
// and a cuda record with no precision named the bf16 one (the looser): the
// name is the trainer's claim either way, and the policy bounds each
// claim.
func (p VerifyPolicy) Bound(recordKernels, verifierKernels string) (VerifyBound, error) {
	if !slices.Contains([]string{"avx512", "avx2", "go"}, verifierKernels) {
		return VerifyBound{}, fmt.Errorf("verifier kernel set %q is not a CPU set (avx512, avx2, go)", verifierKernels)
	}
	switch recordKernels {
	case "avx512", "avx2", "go":
		if recordKernels == verifierKernels {
			return VerifyBound{}, nil
		}
		return p.CPUCrossSet, nil
	case "", "cpu":
		return p.CPUCrossSet, nil
	}
	f := strings.Fields(recordKernels)
	if len(f) == 0 || f[0] != "cuda" || len(f) > 3 {
		return VerifyBound{}, fmt.Errorf("record kernel set %q is not one of avx512, avx2, go, \"cuda sm_XX f32\" or \"cuda sm_XX bf16\"", recordKernels)
	}
	if len(f) == 3 && !strings.HasPrefix(f[1], "sm_") {
		return VerifyBound{}, fmt.Errorf("record kernel set %q names architecture %q (want sm_XX)", recordKernels, f[1])
	}
	switch f[len(f)-1] {
	case "f32":
		return p.CUDAF32, nil
	case "bf16", "cuda":
		return p.CUDABF16, nil
	}
	return VerifyBound{}, fmt.Errorf("record kernel set %q names precision %q (want f32 or bf16)", recordKernels, f[len(f)-1])
}

// kernelsMu serialises re-executions: the CPU kernel set (ops.UseKernels)
// is process-wide, and a re-execution may switch it for its duration. Only
// a re-execution that needs another set switches it, so that a trainer
// running beside the verifier on the same machine (whose records name this
// machine's set) is never switched under.
var kernelsMu sync.Mutex

// RecommendedFraction and RecommendedSegments are the verifier settings
// (the share of records re-executed, and segments re-executed per record)
// at which a trainer faking a tenth of its segments escapes 20 records
// with probability under 0.01 (DetectionOdds: 0.0076), at the least
// re-execution: among settings that reach 0.99 within 20 records, 3
// segments of 80% of records re-executes the fewest segments per record
// (2.4; one or two segments would need a fraction above 1).
const (
	RecommendedFraction = 0.8
	RecommendedSegments = 3
)

// DetectionOdds is the chance that a trainer who fakes a fraction f of
// the segments of each of its records escapes n records in a row, when the
// verifier re-executes a fraction fraction of records (0 to 1) and
// segments segments, drawn without replacement, of each record of
// perSegments segments. One record escapes with probability
// 1 − fraction·(1 − q), q the chance that none of the drawn segments is a
// faked one: the hypergeometric C(S−F, k)/C(S, k), F = round(f·S) faked of
// S, or (1−f)^k when perSegments is 0 (each segment faked with chance
// f, or many segments), which is the larger: the conservative figure.
func DetectionOdds(f float64, n int, fraction float64, segments, perSegments int) float64 {
	q := math.Pow(1-f, float64(segments))
	if perSegments > 0 {
		faked := int(math.Round(f * float64(perSegments)))
		k := min(segments, perSegments)
		q = 1
		for i := range k {
			q *= float64(perSegments-faked-i) / float64(perSegments-i)
			if q <= 0 {
				q = 0
				break
			}
		}
	}
	one := 1 - fraction*(1-q)
	return math.Pow(one, float64(n))
}
