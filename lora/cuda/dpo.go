package cuda

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/rlfc/arena/lora"
)

// Record tolerances (see lora.Record.Tolerance): how far a verifier's
// float32 CPU re-execution of a segment may land from a GPU run's
// checkpoint, as a fraction of how far the segment moved the adapter (L2),
// and the relative difference allowed between re-executed and recorded
// losses and reference log-probabilities. The drift comes from AdamW: its
// first steps move every weight by about ±lr whatever the gradient's size,
// so a gradient element near zero whose sign the arithmetic flips moves a
// full 2·lr the other way. On the float32 path only summation order
// differs and such flips are rare; on the bf16 path the rounded inputs
// flip more of them: with the CPU backend's bf16 mode against lora on the
// embedded model a segment lands 7% of its movement away in its first two
// steps and under 1% later (TestBF16RecordVerifiesOnCPU), hence 0.25.
const (
	RecordToleranceF32  = 0.01
	RecordToleranceBF16 = 0.25
)

// RecordTolerance is the tolerance a record of a run in precision p
// carries.
func RecordTolerance(p Precision) float64 {
	if p == BF16 {
		return RecordToleranceBF16
	}
	return RecordToleranceF32
}

// TrainOptions are the GPU trainer's own settings; the run's are
// lora.DPOOptions.
type TrainOptions struct {
	// Precision of the base model's products.
	Precision Precision
	// RefBatch is the number of pairs per reference forward pass; zero
	// means the run's batch size. On a "cpu" backend it is always 1, as
	// lora computes them, so that the values are lora's bit for bit.
	RefBatch int
	// ReferenceTime, when not nil, receives the time the reference
	// log-probabilities took (zero when DPOOptions.Reference had them):
	// with DPOResult.Elapsed, the time of the run without its setup.
	ReferenceTime *time.Duration
}

// TrainDPO is lora.TrainDPO on a Backend: the same options and defaults,
// the same batches in the same order, the same loss (method, beta, label
// smoothing, RPO term), gradient clipping and AdamW, the same metrics,
// progress reports and proof-of-learning record, with the model's
// forward and backward passes, the reference log-probabilities and the
// optimizer running on the backend. The record names the backend's
// device; a "cuda" record carries RecordTolerance(to.Precision), within
// which a CPU re-execution must land. It leaves a trained and attached to
// m, as lora.TrainDPO does.
//
// The adapter must have no dropout, and the model no projection biases.
func TrainDPO(ctx context.Context, be Backend, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, opts lora.DPOOptions, to TrainOptions) (*lora.DPOResult, error) {
	o, err := opts.Resolved(m)
	if err != nil {
		return nil, err
	}
	if len(pairs) == 0 {
		return nil, errors.New("lora: dpo: no pairs to train on")
	}
	if a == nil {
		return nil, errors.New("lora: dpo: no adapter to train")
	}
	seqs, err := lora.TokenizePairs(m, pairs, o.MaxLen)
	if err != nil {
		return nil, fmt.Errorf("lora: dpo: %w", err)
	}
	if err := m.SetAdapter(a); err != nil { // checks that it fits
		return nil, fmt.Errorf("lora: dpo: %w", err)
	}
	e, err := NewEngine(be, m, to.Precision)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	adam := lora.DPOAdamW(&o)
	if err := e.Attach(a, &adam); err != nil {
		return nil, err
	}
	pad := lora.PadToken(m)
	ref := o.Reference
	if ref == nil {
		refBatch := to.RefBatch
		if refBatch <= 0 {
			refBatch = o.BatchSize
		}
		if be.Device() == "cpu" {
			refBatch = 1
		}
		refStart := time.Now()
		if ref, err = e.reference(ctx, seqs, pad, refBatch); err != nil {
			return nil, err
		}
		if to.ReferenceTime != nil {
			*to.ReferenceTime = time.Since(refStart)
		}
	} else if len(ref) != len(pairs) {
		return nil, fmt.Errorf("lora: dpo: %d reference log-probabilities for %d pairs", len(ref), len(pairs))
	}

	spe := (len(seqs) + o.BatchSize - 1) / o.BatchSize
	total := spe * o.Epochs
	var rb *lora.RecordBuilder
	if o.CheckpointDir != "" {
		tol := 0.0
		if be.Device() != "cpu" {
			tol = RecordTolerance(to.Precision)
		}
		if rb, err = lora.NewRecordBuilder(m, a, pairs, ref, o, &adam, be.Device(), tol); err != nil {
			return nil, err
		}
		if be.Device() != "cpu" {
			if err := rb.SetKernels(recordKernels(be, to.Precision)); err != nil {
				return nil, err
			}
		}
		if err := rb.Checkpoint(0, a, &adam); err != nil {
			return nil, err
		}
	}
	res := &lora.DPOResult{Steps: total, Reference: ref}
	var metrics *json.Encoder
	if o.Metrics != nil {
		metrics = json.NewEncoder(o.Metrics)
	}
	start := time.Now()
	var order []int
	for step := range total {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		epoch := step / spe
		if step%spe == 0 {
			order = lora.PairOrder(len(seqs), o.Seed, epoch)
		}
		lo := (step % spe) * o.BatchSize
		idx := order[lo:min(lo+o.BatchSize, len(seqs))]
		st, err := e.dpoStep(seqs, idx, ref, pad, &o, &adam)
		if err != nil {
			return nil, fmt.Errorf("lora: dpo: step %d: %w", step+1, err)
		}
		res.Losses = append(res.Losses, st.Loss)
		res.Margins = append(res.Margins, st.Margin)
		res.Tokens += st.Tokens
		el := time.Since(start)
		st.Step, st.Steps, st.Epoch = step+1, total, epoch+1
		st.Tokens, st.TokensPerSec, st.Elapsed = res.Tokens, float64(res.Tokens)/el.Seconds(), el
		if rb != nil && ((step+1)%o.CheckpointEvery == 0 || step+1 == total) {
			if err := e.SyncAdapter(&adam); err != nil {
				return nil, err
			}
			if err := rb.Checkpoint(step+1, a, &adam); err != nil {
				return nil, err
			}
		}
		if metrics != nil {
			if err := lora.WriteStepMetrics(metrics, st); err != nil {
				return nil, fmt.Errorf("lora: dpo: metrics: %w", err)
			}
		}
		if o.Progress != nil {
			o.Progress(st)
		}
	}
	if err := e.SyncAdapter(&adam); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	if rb != nil {
		res.Record = rb.Finish(total, res.Losses, a)
	}
	return res, nil
}

// reference computes the reference log-probabilities of every pair (the
// base without the adapter), refBatch pairs per pass.
func (e *Engine) reference(ctx context.Context, seqs []lora.PairTokens, pad, refBatch int) ([]lora.PairLogProbs, error) {
	out := make([]lora.PairLogProbs, len(seqs))
	for lo := 0; lo < len(seqs); lo += refBatch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		idx := make([]int, 0, refBatch)
		for i := lo; i < min(lo+refBatch, len(seqs)); i++ {
			idx = append(idx, i)
		}
		b := lora.NewDPOBatch(seqs, idx, pad)
		if err := e.Forward(b.Tokens, b.B, b.T, false); err != nil {
			return nil, fmt.Errorf("lora: log-probabilities: pair %d: %w", lo, err)
		}
		lp, err := e.SeqLogProbs(b.Targets)
		if err != nil {
			return nil, err
		}
		for j, i := range idx {
			out[i] = lora.PairLogProbs{Chosen: lp[2*j], Rejected: lp[2*j+1]}
		}
	}
	return out, nil
}

// dpoStep runs one training step over the pairs idx, as lora's
// lossAndGrad and AdamW.Step do, and reports it (Loss, Margin, Accuracy,
// the rewards, GradNorm and the batch's Tokens).
func (e *Engine) dpoStep(seqs []lora.PairTokens, idx []int, ref []lora.PairLogProbs, pad int, o *lora.DPOOptions, adam *lora.AdamW) (lora.DPOStep, error) {
	b := lora.NewDPOBatch(seqs, idx, pad)
	var st lora.DPOStep
	if err := e.Forward(b.Tokens, b.B, b.T, true); err != nil {
		return st, err
	}
	lp, err := e.SeqLogProbs(b.Targets)
	if err != nil {
		return st, err
	}
	dlogp, err := pairLosses(lp, idx, ref, b.Counts, o, &st)
	if err != nil {
		return st, err
	}
	st.Tokens = b.Real
	if err := e.Backward(dlogp); err != nil {
		return st, err
	}
	ss, err := e.GradNormSquared()
	if err != nil {
		return st, err
	}
	st.GradNorm = math.Sqrt(ss)
	return st, e.Step(adam, o.LR, st.GradNorm)
}

// pairLosses is the loss part of lora's lossAndGrad: given the policy's
// log-probabilities lp (chosen, rejected per pair), it fills st's loss,
// margin, accuracy and rewards and returns the derivative of the mean
// loss with respect to each sequence's log-probability.
func pairLosses(lp []float64, idx []int, ref []lora.PairLogProbs, counts []int, o *lora.DPOOptions, st *lora.DPOStep) ([]float64, error) {
	dlogp := make([]float64, len(lp))
	n := float64(len(idx))
	for j, i := range idx {
		pc, pr := lp[2*j], lp[2*j+1]
		rc, rr := ref[i].Chosen, ref[i].Rejected
		loss, dc, dr := lora.PairLoss(o.Method, o.Beta, o.LabelSmoothing, pc, rc, pr, rr, counts[2*j], counts[2*j+1])
		if o.RPOAlpha > 0 {
			nc := float64(counts[2*j])
			loss += o.RPOAlpha * -pc / nc
			dc -= o.RPOAlpha / nc
		}
		dlogp[2*j], dlogp[2*j+1] = dc/n, dr/n
		margin := o.Beta * ((pc - rc) - (pr - rr))
		st.Loss += loss / n
		st.Margin += margin / n
		st.ChosenReward += o.Beta * (pc - rc) / n
		st.RejectedReward += o.Beta * (pr - rr) / n
		if margin > 0 {
			st.Accuracy += 1 / n
		}
	}
	if math.IsNaN(st.Loss) || math.IsInf(st.Loss, 0) {
		return nil, errors.New("loss diverged")
	}
	return dlogp, nil
}

// recordKernels names a GPU run's kernels in its record: "cuda sm_XX f32"
// or "cuda sm_XX bf16" ("cuda f32", "cuda bf16" on a backend that is no
// device), which sets the verifier's bound for it.
func recordKernels(be Backend, p Precision) string {
	if d, ok := be.(*DeviceBackend); ok {
		major, minor := d.d.ComputeCapability()
		return fmt.Sprintf("cuda sm_%d%d %s", major, minor, p)
	}
	return "cuda " + p.String()
}
