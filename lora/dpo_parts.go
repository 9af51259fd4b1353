package lora

import (
	"encoding/json"
	"fmt"
)

// The pieces of TrainDPO that another engine needs to train exactly as it
// does: the same defaults, tokens, batches, pair order, loss and
// optimizer settings. Package lora/cuda's GPU trainer is built from them,
// so a GPU run differs from a CPU run only in its arithmetic, never in
// what it computes.

// Resolved returns the options with TrainDPO's defaults filled in and
// checked against m, as TrainDPO uses them.
func (o DPOOptions) Resolved(m *Model) (DPOOptions, error) {
	d, err := o.withDefaults(m)
	if err != nil {
		return d, fmt.Errorf("lora: dpo: %w", err)
	}
	return d, nil
}

// TokenizePairs turns pairs into the token sequences TrainDPO trains on,
// cut to maxLen tokens; errors name the pair.
func TokenizePairs(m *Model, pairs []Pair, maxLen int) ([]PairTokens, error) {
	return tokenizePairs(m.Tokenizer, pairs, maxLen, m.Config.VocabSize)
}

// PadToken is the token that fills TrainDPO's sequences out to a batch's
// length (it is never scored).
func PadToken(m *Model) int { return padToken(m.Tokenizer) }

// PairOrder is the order in which epoch (from 0) of a run seeded with
// seed visits n pairs.
func PairOrder(n int, seed uint64, epoch int) []int { return pairOrder(n, seed, epoch) }

// PairLoss is the preference loss of one pair and its derivatives with
// respect to the policy's summed log-probabilities of the chosen (dc) and
// the rejected (dr) completion, for a method of DPOOptions: pc and pr are
// the policy's log-probabilities, rc and rr the reference's, nc and nr the
// completions' token counts, eps the label smoothing. RPO's term is not
// included (see DPOOptions.RPOAlpha).
func PairLoss(method string, beta, eps, pc, rc, pr, rr float64, nc, nr int) (loss, dc, dr float64) {
	return pairLoss(method, beta, eps, pc, rc, pr, rr, nc, nr)
}

// DPOAdamW is the optimizer TrainDPO uses for options o (already
// Resolved).
func DPOAdamW(o *DPOOptions) AdamW { return defaultAdam(o) }

// DPOBatch is a batch as TrainDPO lays it out: for each pair its chosen
// then its rejected sequence, right-padded to T tokens, with the
// next-token targets of completion positions (−1 elsewhere).
type DPOBatch struct {
	B, T    int
	Tokens  []int // [B·T]
	Targets []int // [B·T]
	Counts  []int // completion tokens per sequence
	Real    int   // tokens that are not padding
}

// NewDPOBatch lays out the pairs idx of seqs, padding with pad.
func NewDPOBatch(seqs []PairTokens, idx []int, pad int) DPOBatch {
	b := makeBatch(seqs, idx, pad)
	return DPOBatch{B: b.B, T: b.T, Tokens: b.tokens, Targets: b.targets, Counts: b.counts, Real: b.real}
}

// StepMetrics is the object TrainDPO writes to DPOOptions.Metrics for
// one step (a line of metrics.jsonl).
func StepMetrics(s DPOStep) any { return stepMetrics(s) }

// WriteStepMetrics encodes StepMetrics(s) as one JSON line.
func WriteStepMetrics(enc *json.Encoder, s DPOStep) error { return enc.Encode(stepMetrics(s)) }

// RoPETables returns the rotary tables of m as its forward pass uses
// them: cos and sin, [max_position_embeddings][head_dim/2], computed in
// float64 and rounded to float32 (see ops.NewRoPE).
func RoPETables(m *Model) (cos, sin []float32) {
	c := &m.Config
	hd := c.Head()
	half := hd / 2
	maxPos := c.MaxPositionEmbeddings
	cos, sin = make([]float32, maxPos*half), make([]float32, maxPos*half)
	// Rotating a unit vector through the model's own tables reads them
	// back exactly, without a second copy of the formula to keep in step.
	unit := make([]float32, hd)
	pos := make([]int, 1)
	for p := range maxPos {
		for i := range unit {
			unit[i] = 0
		}
		for i := range half {
			unit[i] = 1
		}
		pos[0] = p
		m.rope.Apply(unit, pos, 1)
		copy(cos[p*half:(p+1)*half], unit[:half])
		copy(sin[p*half:(p+1)*half], unit[half:])
	}
	return cos, sin
}

// NF4Storage is an NF4 matrix's raw storage, in the layout described on
// NF4: Data holds the packed indices (the first value of each pair in the
// high nibble); without double quantisation Absmax holds one float32 per
// 64-value block, with it QAbsmax holds a dynamic-map index per block,
// Absmax2 a float32 per 256 blocks and Offset the mean that was
// subtracted. The slices are the NF4's own: do not change them.
type NF4Storage struct {
	Rows, Cols int
	Data       []byte
	Absmax     []float32
	QAbsmax    []uint8
	Absmax2    []float32
	Offset     float32
}

// Storage returns q's raw storage, for an engine that dequantises it
// elsewhere (a GPU).
func (q *NF4) Storage() NF4Storage {
	return NF4Storage{Rows: q.rows, Cols: q.cols, Data: q.data, Absmax: q.absmax, QAbsmax: q.qabsmax, Absmax2: q.absmax2, Offset: q.offset}
}

// NF4DynamicCode returns the 256 entries of the signed dynamic map that
// double-quantised absmax values index.
func NF4DynamicCode() [256]float32 { return dynamicCode }
