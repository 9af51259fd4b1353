package lora

import (
	"bytes"
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

	"github.com/ethereum/go-ethereum/crypto"
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
}

// VerifyCheck is one thing VerifyRecord checked.
type VerifyCheck struct {
	Name   string
	OK     bool
	Detail string
}

// VerifyReport is what VerifyRecord checked and found.
type VerifyReport struct {
	Record     *Record
	RecordHash string
	Checks     []VerifyCheck
	// Segments are the indices of the re-executed segments (segment k runs
	// from checkpoint k to checkpoint k+1).
	Segments []int
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
type VerifyError struct{ Failures []string }

func (e *VerifyError) Error() string {
	return "proof-of-learning record does not verify: " + strings.Join(e.Failures, "; ")
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
	v := &verifier{ctx: ctx, rec: rec, recHash: h, m: m, pairs: pairs, rep: rep}
	if err := v.run(opts); err != nil {
		return rep, err
	}
	if !rep.OK() {
		return rep, &VerifyError{Failures: rep.Failures()}
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
	case "cuda":
		if !(rec.Tolerance > 0) {
			problems = append(problems, fmt.Sprintf("a cuda record needs a positive tolerance, has %v", rec.Tolerance))
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

// segment re-executes segment k and compares what it gives.
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

	// The reference log-probabilities of the pairs these steps use.
	var which []int
	seen := map[int]bool{}
	for s := from; s < to; s++ {
		idx, _ := run.batchOf(s)
		for _, i := range idx {
			if !seen[i] {
				seen[i] = true
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
		if !v.close(got.Chosen, e.Chosen) || !v.close(got.Rejected, e.Rejected) {
			rep.fail(name, "reference log-probabilities of %s differ: recomputed %v/%v, the reference file has %v/%v",
				pairName(&v.pairs[i], i), got.Chosen, got.Rejected, e.Chosen, e.Rejected)
			problems++
		} else if rec.Device == "cuda" {
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
		if want := rec.Losses[s]; !v.close(st.loss, want) {
			rep.fail(name, "step %d loss differs: record %v, re-executed %v", s+1, want, st.loss)
			problems++
		}
		*done++
		if progress != nil {
			progress(*done, total)
		}
	}
	v.m.SetTraining(false)
	end := stateOf(run, to, v.hyperJSON)
	if rec.Device == "cuda" {
		want, err := v.readCheckpoint(k + 1)
		if err != nil {
			rep.fail(name, "segment %d: checkpoint %d: %v", k, k+1, err)
			return nil
		}
		d := l2Distance(end.params, want.params)
		moved := l2Distance(want.params, start.params)
		if !(d == 0 || d <= rec.Tolerance*moved) {
			rep.fail(name, "checkpoint %d differs after re-executing segment %d (steps %d-%d): L2 distance %.3g exceeds the tolerance %.3g of the segment's movement %.3g",
				k+1, k, from+1, to, d, rec.Tolerance, moved)
			problems++
		} else if problems == 0 {
			rep.pass(name, "segment %d (steps %d-%d) re-executed: adapter within L2 %.3g of checkpoint %d, %.2g of the segment's movement %.3g (tolerance %.3g)",
				k, from+1, to, d, k+1, d/max(moved, math.SmallestNonzeroFloat64), moved, rec.Tolerance)
		}
		return nil
	}
	if got := end.hash(); got != rec.Checkpoints[k+1].Hash {
		rep.fail(name, "checkpoint %d hash mismatch after re-executing segment %d (steps %d-%d): re-execution gives %s, the record says %s", k+1, k, from+1, to, got, rec.Checkpoints[k+1].Hash)
		problems++
	}
	if problems == 0 {
		rep.pass(name, "segment %d (steps %d-%d) re-executed: losses and checkpoint %d match bit for bit", k, from+1, to, k+1)
	}
	return nil
}

// close compares a re-executed value with a recorded one: exactly on the
// CPU, within the tolerance (absolute, or relative for values above 1) for
// cuda records.
func (v *verifier) close(got, want float64) bool {
	if v.rec.Device != "cuda" {
		return got == want
	}
	return math.Abs(got-want) <= v.rec.Tolerance*math.Max(1, math.Abs(want))
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
