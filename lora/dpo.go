package lora

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/tokenizer"
)

// The preference losses TrainDPO knows, by DPOOptions.Method.
const (
	// MethodDPO is the sigmoid loss of DPO (Rafailov et al. 2023):
	// −log σ(β·h), h = (πc − rc) − (πr − rr), where π and r are the summed
	// log-probabilities of a completion under the policy and the reference.
	// With label smoothing ε (conservative DPO) it is
	// −(1−ε)·log σ(βh) − ε·log σ(−βh).
	MethodDPO = "dpo"
	// MethodIPO is IPO (Azar et al. 2023): (h − 1/(2β))², with h computed
	// from length-normalised log-probabilities as TRL does: each
	// completion's log-ratio is divided by its number of tokens,
	// h = (πc − rc)/|c| − (πr − rr)/|r|.
	MethodIPO = "ipo"
	// MethodHinge is the hinge loss of SLiC: max(0, 1 − β·h).
	MethodHinge = "hinge"
	// MethodRobust is robust DPO (Chowdhury et al. 2024) for labels flipped
	// with probability ε: ((1−ε)·(−log σ(βh)) − ε·(−log σ(−βh)))/(1−2ε).
	MethodRobust = "robust"
)

// DPOOptions configures TrainDPO. Zero fields take the defaults named on
// each.
type DPOOptions struct {
	// Method is one of MethodDPO ("dpo", also "sigmoid"), MethodIPO,
	// MethodHinge and MethodRobust; empty means MethodDPO.
	Method string
	// Beta is the strength of the pull towards the reference; zero means
	// 0.1.
	Beta float64
	// LR is the (constant) learning rate of AdamW; zero means 5e-4.
	LR float64
	// Epochs is the number of passes over the pairs; zero means 2.
	Epochs int
	// BatchSize is the number of pairs per step (each gives two
	// sequences); zero means 4.
	BatchSize int
	// Seed orders the pairs: epoch e visits them in a Fisher–Yates shuffle
	// driven by PCG(Seed, e), so any step's batch is known without running
	// the steps before it.
	Seed uint64
	// MaxLen caps the tokens of prompt plus completion (see Pair.Tokens);
	// zero means min(512, max_position_embeddings).
	MaxLen int
	// LabelSmoothing is ε: the label-smoothing rate of MethodDPO (zero
	// means none) or the label-noise rate of MethodRobust (zero means
	// 0.1). It must be below 0.5.
	LabelSmoothing float64
	// RPOAlpha, when positive, adds to each pair's loss RPOAlpha times the
	// negative log-likelihood of its chosen completion per token,
	// −πc/|c| (RPO, Pang et al. 2024; TRL's rpo_alpha, which averages over
	// the batch's chosen tokens where this averages per pair). DPO alone can
	// lower the likelihood of chosen and rejected completions alike when they
	// differ in a few tokens, as arithmetic answers do, and so make greedy
	// answers worse while the reward margin grows; the paper recommends 1.
	// Zero means none.
	RPOAlpha float64
	// WeightDecay is AdamW's decoupled weight decay on the adapter
	// matrices; zero means none.
	WeightDecay float64
	// ClipNorm clips the global gradient norm; zero means 1, negative means
	// no clipping.
	ClipNorm float64
	// CheckpointEvery writes a checkpoint every so many steps when
	// CheckpointDir is set; zero means 10.
	CheckpointEvery int
	// CheckpointDir, when set, receives the proof-of-learning material:
	// checkpoints (adapter, optimizer state and step) before the first step,
	// every CheckpointEvery steps and after the last, and the reference
	// log-probabilities; DPOResult.Record then describes the run.
	CheckpointDir string
	// BaseName names the base model in the record (for people; the hash
	// identifies it). BaseHash is the base's BaseHash, needed for a record
	// when m is quantised (take it before QuantizeBase); when empty it is
	// computed from m.
	BaseName, BaseHash string
	// Reference, when set, holds the reference log-probabilities of the
	// pairs (as ReferenceLogProbs returns them), so they are not computed
	// again.
	Reference []PairLogProbs
	// Progress, when set, is called after every step.
	Progress func(DPOStep)
	// Metrics, when set, receives one JSON object per step (JSONL).
	Metrics io.Writer
}

// DPOStep reports one training step.
type DPOStep struct {
	Step, Steps int // steps done (from 1) and in all
	Epoch       int // from 1
	Loss        float64
	// Margin is the mean implicit reward margin of the batch,
	// β·((πc − rc) − (πr − rr)); Accuracy the fraction of pairs whose
	// margin is positive; ChosenReward and RejectedReward the mean of
	// β·(πc − rc) and β·(πr − rr).
	Margin, Accuracy             float64
	ChosenReward, RejectedReward float64
	GradNorm                     float64 // before clipping
	Tokens                       int     // tokens trained on so far (padding excluded)
	TokensPerSec                 float64
	Elapsed                      time.Duration
}

// DPOResult is how a training run went.
type DPOResult struct {
	Steps     int
	Losses    []float64 // per step
	Margins   []float64 // per step
	Reference []PairLogProbs
	Tokens    int
	Elapsed   time.Duration
	// Record is the run's proof-of-learning record (unsigned), when
	// DPOOptions.CheckpointDir was set: save the adapter, then Record.Save signs and writes it.
	Record *Record
}

// PairLogProbs are a model's summed log-probabilities of a pair's
// completions (given the prompt).
type PairLogProbs struct {
	Chosen, Rejected float64
}

func (o *DPOOptions) withDefaults(m *Model) (DPOOptions, error) {
	d := *o
	switch d.Method {
	case "", "sigmoid":
		d.Method = MethodDPO
	case MethodDPO, MethodIPO, MethodHinge, MethodRobust:
	default:
		return d, fmt.Errorf("unknown method %q (want dpo, ipo, hinge or robust)", d.Method)
	}
	if d.Beta == 0 {
		d.Beta = 0.1
	}
	if d.LR == 0 {
		d.LR = 5e-4
	}
	if d.Epochs == 0 {
		d.Epochs = 2
	}
	if d.BatchSize == 0 {
		d.BatchSize = 4
	}
	if d.MaxLen == 0 {
		d.MaxLen = min(512, m.Config.MaxPositionEmbeddings)
	}
	if d.LabelSmoothing == 0 && d.Method == MethodRobust {
		d.LabelSmoothing = 0.1
	}
	d.ClipNorm = orNone(d.ClipNorm, 1)
	if d.CheckpointEvery == 0 {
		d.CheckpointEvery = 10
	}
	switch {
	case d.Beta <= 0 || math.IsNaN(d.Beta) || math.IsInf(d.Beta, 0):
		return d, fmt.Errorf("beta %g must be positive", d.Beta)
	case d.LR < 0 || math.IsNaN(d.LR) || math.IsInf(d.LR, 0):
		return d, fmt.Errorf("learning rate %g must be positive", d.LR)
	case d.Epochs < 0:
		return d, fmt.Errorf("epochs %d must be positive", d.Epochs)
	case d.BatchSize < 0:
		return d, fmt.Errorf("batch size %d must be positive", d.BatchSize)
	case d.MaxLen < 2 || d.MaxLen > m.Config.MaxPositionEmbeddings:
		return d, fmt.Errorf("max length %d must be between 2 and max_position_embeddings %d", d.MaxLen, m.Config.MaxPositionEmbeddings)
	case d.LabelSmoothing < 0 || d.LabelSmoothing >= 0.5 || math.IsNaN(d.LabelSmoothing):
		return d, fmt.Errorf("label smoothing %g must be in [0, 0.5)", d.LabelSmoothing)
	case d.RPOAlpha < 0 || math.IsNaN(d.RPOAlpha) || math.IsInf(d.RPOAlpha, 0):
		return d, fmt.Errorf("rpo alpha %g must not be negative", d.RPOAlpha)
	case d.WeightDecay < 0 || math.IsNaN(d.WeightDecay):
		return d, fmt.Errorf("weight decay %g must not be negative", d.WeightDecay)
	case d.CheckpointEvery < 0:
		return d, fmt.Errorf("checkpoint interval %d must be positive", d.CheckpointEvery)
	}
	return d, nil
}

// pairLoss returns the loss of one pair and its derivatives with respect to
// the policy's summed log-probabilities of the chosen and the rejected
// completion. pc, pr are the policy's, rc, rr the reference's; nc, nr the
// completions' token counts (used by IPO only).
func pairLoss(method string, beta, eps, pc, rc, pr, rr float64, nc, nr int) (loss, dc, dr float64) {
	h := (pc - rc) - (pr - rr)
	switch method {
	case MethodIPO:
		h = (pc-rc)/float64(max(nc, 1)) - (pr-rr)/float64(max(nr, 1))
		d := h - 1/(2*beta)
		g := 2 * d
		return d * d, g / float64(max(nc, 1)), -g / float64(max(nr, 1))
	case MethodHinge:
		if z := 1 - beta*h; z > 0 {
			return z, -beta, beta
		}
		return 0, 0, 0
	case MethodRobust:
		x := beta * h
		loss = ((1-eps)*softplus(-x) - eps*softplus(x)) / (1 - 2*eps)
		g := (-(1-eps)*beta*sigmoid(-x) - eps*beta*sigmoid(x)) / (1 - 2*eps)
		return loss, g, -g
	default: // MethodDPO, with label smoothing eps
		x := beta * h
		loss = (1-eps)*softplus(-x) + eps*softplus(x)
		g := -(1-eps)*beta*sigmoid(-x) + eps*beta*sigmoid(x)
		return loss, g, -g
	}
}

// softplus is log(1 + eˣ) = −log σ(−x), computed without overflow.
func softplus(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// tokenizePairs turns every pair into tokens; errors name the pair.
func tokenizePairs(tok *tokenizer.Tokenizer, pairs []Pair, maxLen, vocab int) ([]PairTokens, error) {
	if tok == nil {
		return nil, errors.New("model has no tokenizer")
	}
	seqs := make([]PairTokens, len(pairs))
	for i := range pairs {
		t, err := pairs[i].Tokens(tok, maxLen)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pairName(&pairs[i], i), err)
		}
		for _, ids := range [][]int{t.Prompt, t.Chosen, t.Rejected} {
			for _, id := range ids {
				if id >= vocab {
					return nil, fmt.Errorf("%s: token %d outside the model's vocabulary of %d", pairName(&pairs[i], i), id, vocab)
				}
			}
		}
		seqs[i] = t
	}
	return seqs, nil
}

func pairName(p *Pair, i int) string {
	if p.Source != "" {
		return fmt.Sprintf("pair %d (%s:%d)", i, p.Source, p.Line)
	}
	return fmt.Sprintf("pair %d", i)
}

// seqBatch is a batch of sequences laid out for Forward: for each pair its
// chosen then its rejected sequence, right-padded to a common length, with
// the next-token targets of completion positions (−1 elsewhere).
type seqBatch struct {
	B, T    int
	tokens  []int
	targets []int
	counts  []int // completion tokens per sequence
	real    int   // tokens that are not padding
}

func makeBatch(seqs []PairTokens, idx []int, pad int) *seqBatch {
	b := &seqBatch{B: 2 * len(idx)}
	for _, i := range idx {
		s := &seqs[i]
		b.T = max(b.T, len(s.Prompt)+len(s.Chosen), len(s.Prompt)+len(s.Rejected))
	}
	b.tokens = make([]int, b.B*b.T)
	b.targets = make([]int, b.B*b.T)
	b.counts = make([]int, b.B)
	for j, i := range idx {
		s := &seqs[i]
		for k, comp := range [][]int{s.Chosen, s.Rejected} {
			row := 2*j + k
			toks := b.tokens[row*b.T : (row+1)*b.T]
			tg := b.targets[row*b.T : (row+1)*b.T]
			n := copy(toks, s.Prompt)
			copy(toks[n:], comp)
			for t := len(s.Prompt) + len(comp); t < b.T; t++ {
				toks[t] = pad
			}
			for t := range tg {
				tg[t] = -1
			}
			// The logits at position t predict token t+1.
			for c, id := range comp {
				tg[len(s.Prompt)+c-1] = id
			}
			b.counts[row] = len(comp)
			b.real += len(s.Prompt) + len(comp)
		}
	}
	return b
}

// seqLogProbs returns each sequence's summed log-probability of its
// completion tokens: a fixed-order float64 sum per sequence.
func (b *seqBatch) seqLogProbs(logits []float32, V int) []float64 {
	out := make([]float64, b.B)
	for s := range b.B {
		rows := logits[s*b.T*V : (s+1)*b.T*V]
		nll, _ := ops.CrossEntropy(nil, rows, b.targets[s*b.T:(s+1)*b.T], V, 1)
		out[s] = -nll
	}
	return out
}

// backLogits overwrites logits with the gradient of the loss, given
// dlogp[s], the derivative of the loss with respect to sequence s's summed
// log-probability: d logp / d logits = onehot − softmax on completion rows.
func (b *seqBatch) backLogits(logits []float32, V int, dlogp []float64) {
	for s := range b.B {
		rows := logits[s*b.T*V : (s+1)*b.T*V]
		ops.CrossEntropy(rows, rows, b.targets[s*b.T:(s+1)*b.T], V, float32(-dlogp[s]))
	}
}

// padToken is the token that fills sequences out to a batch's length; it
// is never scored, and as padding sits after a sequence, causal attention
// keeps it from touching the sequence's own positions.
func padToken(tok *tokenizer.Tokenizer) int {
	if id, ok := tok.TokenID(EndOfText); ok {
		return id
	}
	return 0
}

// ReferenceLogProbs computes the reference log-probabilities of the pairs:
// the base model's, with any adapter detached for the duration and dropout
// off. maxLen is as in DPOOptions (zero means its default). Each pair is its
// own batch of two sequences (chosen, rejected) padded to the longer one,
// so a pair's values do not depend on the other pairs and anyone can
// recompute any of them exactly.
func ReferenceLogProbs(ctx context.Context, m *Model, pairs []Pair, maxLen int) ([]PairLogProbs, error) {
	return pairLogProbs(ctx, m, pairs, maxLen, true)
}

// PolicyLogProbs computes the pairs' log-probabilities as ReferenceLogProbs
// does, but under the model as it is, adapter included (dropout off).
func PolicyLogProbs(ctx context.Context, m *Model, pairs []Pair, maxLen int) ([]PairLogProbs, error) {
	return pairLogProbs(ctx, m, pairs, maxLen, false)
}

func pairLogProbs(ctx context.Context, m *Model, pairs []Pair, maxLen int, detach bool) ([]PairLogProbs, error) {
	if maxLen <= 0 {
		maxLen = min(512, m.Config.MaxPositionEmbeddings)
	}
	seqs, err := tokenizePairs(m.Tokenizer, pairs, maxLen, m.Config.VocabSize)
	if err != nil {
		return nil, fmt.Errorf("lora: log-probabilities: %w", err)
	}
	if detach {
		return referenceOf(ctx, m, seqs, nil)
	}
	return logProbsOf(ctx, m, seqs, nil)
}

// referenceOf computes the reference log-probabilities of the pairs in
// which (all when nil): the model's with its adapter detached.
func referenceOf(ctx context.Context, m *Model, seqs []PairTokens, which []int) ([]PairLogProbs, error) {
	saved := m.Adapter()
	if err := m.SetAdapter(nil); err != nil {
		return nil, err
	}
	defer m.SetAdapter(saved)
	return logProbsOf(ctx, m, seqs, which)
}

// logProbsOf computes the log-probabilities of the pairs in which (all
// when nil) under the model as it is, with dropout off.
func logProbsOf(ctx context.Context, m *Model, seqs []PairTokens, which []int) ([]PairLogProbs, error) {
	training := m.Training()
	m.SetTraining(false)
	defer m.SetTraining(training)
	if which == nil {
		which = make([]int, len(seqs))
		for i := range which {
			which[i] = i
		}
	}
	pad := padToken(m.Tokenizer)
	out := make([]PairLogProbs, len(seqs))
	var pass *Pass
	for _, i := range which {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b := makeBatch(seqs, []int{i}, pad)
		var err error
		if pass, err = m.Forward(pass, b.tokens, b.B, b.T); err != nil {
			return nil, fmt.Errorf("lora: log-probabilities: pair %d: %w", i, err)
		}
		lp := b.seqLogProbs(pass.Logits, m.Config.VocabSize)
		out[i] = PairLogProbs{Chosen: lp[0], Rejected: lp[1]}
	}
	return out, nil
}

// pairOrder is the order in which an epoch visits n pairs: a Fisher–Yates
// shuffle (from the last position down, each swapped with a position drawn
// uniformly from those not yet fixed) whose draws come from PCG(seed,
// epoch), reduced to a range by rejection sampling. It is spelled out here,
// rather than left to math/rand, so that a record stays checkable whatever
// Go version verifies it.
func pairOrder(n int, seed uint64, epoch int) []int {
	src := rand.NewPCG(seed, uint64(epoch))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := boundedDraw(src, uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	return order
}

// boundedDraw returns a uniform value in [0, n) by rejecting draws from the
// top partial interval of the 64-bit range.
func boundedDraw(src *rand.PCG, n uint64) int {
	limit := math.MaxUint64 - math.MaxUint64%n
	for {
		if v := src.Uint64(); v < limit {
			return int(v % n)
		}
	}
}

// dpoRun is a training run's state: TrainDPO runs every step, a verifier
// re-runs some of them from a checkpoint.
type dpoRun struct {
	m     *Model
	a     *Adapter
	o     DPOOptions
	seqs  []PairTokens
	ref   []PairLogProbs
	opt   *AdamW
	pad   int
	spe   int // steps per epoch
	total int

	pass       *Pass
	order      []int
	orderEpoch int
}

// defaultAdam is the optimizer of TrainDPO (its ClipNorm and WeightDecay
// come from the options).
func defaultAdam(o *DPOOptions) AdamW {
	return AdamW{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: o.WeightDecay, ClipNorm: o.ClipNorm}
}

func newDPORun(m *Model, a *Adapter, o DPOOptions, seqs []PairTokens, ref []PairLogProbs, adam AdamW) *dpoRun {
	spe := (len(seqs) + o.BatchSize - 1) / o.BatchSize
	return &dpoRun{
		m: m, a: a, o: o, seqs: seqs, ref: ref,
		opt:   &adam,
		pad:   padToken(m.Tokenizer),
		spe:   spe,
		total: spe * o.Epochs,
	}
}

// batchOf returns the pair indices of step (from 0) and its epoch (from 0).
func (r *dpoRun) batchOf(step int) (idx []int, epoch int) {
	epoch = step / r.spe
	if r.order == nil || r.orderEpoch != epoch {
		r.order, r.orderEpoch = pairOrder(len(r.seqs), r.o.Seed, epoch), epoch
	}
	lo := (step % r.spe) * r.o.BatchSize
	return r.order[lo:min(lo+r.o.BatchSize, len(r.seqs))], epoch
}

// stepStats is what one step measured.
type stepStats struct {
	loss, margin, accuracy, chosen, rejected, gradNorm float64
	tokens                                             int
}

// step runs training step number step (from 0): forward over the batch,
// the preference loss, backward into the adapter and one AdamW update.
func (r *dpoRun) step(step int) (stepStats, error) {
	idx, _ := r.batchOf(step)
	st, err := r.lossAndGrad(idx, uint64(step))
	if err != nil {
		return st, fmt.Errorf("step %d: %w", step+1, err)
	}
	st.gradNorm = r.opt.Step(r.a.Params(), r.o.LR)
	return st, nil
}

// lossAndGrad computes the mean preference loss of the pairs idx and,
// when the adapter is trainable, leaves its gradient in the adapter's
// tensors (which it zeroes first). step positions the dropout stream.
func (r *dpoRun) lossAndGrad(idx []int, step uint64) (stepStats, error) {
	b := makeBatch(r.seqs, idx, r.pad)
	r.a.ZeroGrad()
	r.a.SetStep(step)
	var err error
	if r.pass, err = r.m.Forward(r.pass, b.tokens, b.B, b.T); err != nil {
		return stepStats{}, err
	}
	V := r.m.Config.VocabSize
	lp := b.seqLogProbs(r.pass.Logits, V)
	dlogp := make([]float64, b.B)
	var st stepStats
	n := float64(len(idx))
	for j, i := range idx {
		pc, pr := lp[2*j], lp[2*j+1]
		rc, rr := r.ref[i].Chosen, r.ref[i].Rejected
		loss, dc, dr := pairLoss(r.o.Method, r.o.Beta, r.o.LabelSmoothing, pc, rc, pr, rr, b.counts[2*j], b.counts[2*j+1])
		if r.o.RPOAlpha > 0 {
			nc := float64(b.counts[2*j])
			loss += r.o.RPOAlpha * -pc / nc
			dc -= r.o.RPOAlpha / nc
		}
		dlogp[2*j], dlogp[2*j+1] = dc/n, dr/n
		margin := r.o.Beta * ((pc - rc) - (pr - rr))
		st.loss += loss / n
		st.margin += margin / n
		st.chosen += r.o.Beta * (pc - rc) / n
		st.rejected += r.o.Beta * (pr - rr) / n
		if margin > 0 {
			st.accuracy += 1 / n
		}
	}
	st.tokens = b.real
	if math.IsNaN(st.loss) || math.IsInf(st.loss, 0) {
		return st, errors.New("loss diverged")
	}
	b.backLogits(r.pass.Logits, V, dlogp)
	r.pass.Backward(r.pass.Logits)
	return st, nil
}

// TrainDPO trains adapter a, attached to m, on preference pairs with a
// DPO-family loss; the base model stays frozen. It attaches a to m, turns
// dropout on while training and off at the end, computes the reference
// log-probabilities first (the base with the adapter detached) unless
// opts.Reference has them, and leaves a attached and trained.
//
// On the CPU a run is reproducible bit for bit: the same model, adapter,
// pairs and options give the same adapter, whatever GOMAXPROCS is.
func TrainDPO(ctx context.Context, m *Model, a *Adapter, pairs []Pair, opts DPOOptions) (*DPOResult, error) {
	o, err := opts.withDefaults(m)
	if err != nil {
		return nil, fmt.Errorf("lora: dpo: %w", err)
	}
	if len(pairs) == 0 {
		return nil, errors.New("lora: dpo: no pairs to train on")
	}
	if a == nil {
		return nil, errors.New("lora: dpo: no adapter to train")
	}
	seqs, err := tokenizePairs(m.Tokenizer, pairs, o.MaxLen, m.Config.VocabSize)
	if err != nil {
		return nil, fmt.Errorf("lora: dpo: %w", err)
	}
	ref := o.Reference
	if ref == nil {
		if ref, err = referenceOf(ctx, m, seqs, nil); err != nil {
			return nil, err
		}
	} else if len(ref) != len(pairs) {
		return nil, fmt.Errorf("lora: dpo: %d reference log-probabilities for %d pairs", len(ref), len(pairs))
	}
	m.SetTrainable(false) // the base is frozen
	if err := m.SetAdapter(a); err != nil {
		return nil, fmt.Errorf("lora: dpo: %w", err)
	}
	a.SetTrainable(true)
	m.SetTraining(true)
	defer func() {
		m.SetTraining(false)
		a.SetTrainable(false)
	}()

	run := newDPORun(m, a, o, seqs, ref, defaultAdam(&o))
	var rb *recordBuilder
	if o.CheckpointDir != "" {
		if rb, err = newRecordBuilder(m, a, pairs, ref, o, run.opt); err != nil {
			return nil, err
		}
		if err := rb.checkpoint(run, 0); err != nil {
			return nil, err
		}
	}
	res := &DPOResult{Steps: run.total, Reference: ref}
	var metrics *json.Encoder
	if o.Metrics != nil {
		metrics = json.NewEncoder(o.Metrics)
	}
	start := time.Now()
	for step := range run.total {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := run.step(step)
		if err != nil {
			return nil, fmt.Errorf("lora: dpo: %w", err)
		}
		res.Losses = append(res.Losses, st.loss)
		res.Margins = append(res.Margins, st.margin)
		res.Tokens += st.tokens
		el := time.Since(start)
		report := DPOStep{
			Step: step + 1, Steps: run.total, Epoch: step/run.spe + 1,
			Loss: st.loss, Margin: st.margin, Accuracy: st.accuracy,
			ChosenReward: st.chosen, RejectedReward: st.rejected, GradNorm: st.gradNorm,
			Tokens: res.Tokens, TokensPerSec: float64(res.Tokens) / el.Seconds(), Elapsed: el,
		}
		if rb != nil && ((step+1)%o.CheckpointEvery == 0 || step+1 == run.total) {
			if err := rb.checkpoint(run, step+1); err != nil {
				return nil, err
			}
		}
		if metrics != nil {
			if err := metrics.Encode(stepMetrics(report)); err != nil {
				return nil, fmt.Errorf("lora: dpo: metrics: %w", err)
			}
		}
		if o.Progress != nil {
			o.Progress(report)
		}
	}
	res.Elapsed = time.Since(start)
	if rb != nil {
		res.Record = rb.finish(run, res.Losses)
	}
	return res, nil
}

// stepMetrics is one line of the metrics JSONL.
func stepMetrics(s DPOStep) any {
	return struct {
		Step           int     `json:"step"`
		Steps          int     `json:"steps"`
		Epoch          int     `json:"epoch"`
		Loss           float64 `json:"loss"`
		Margin         float64 `json:"reward_margin"`
		Accuracy       float64 `json:"reward_accuracy"`
		ChosenReward   float64 `json:"chosen_reward"`
		RejectedReward float64 `json:"rejected_reward"`
		GradNorm       float64 `json:"grad_norm"`
		Tokens         int     `json:"tokens"`
		TokensPerSec   float64 `json:"tokens_per_s"`
		ElapsedS       float64 `json:"elapsed_s"`
	}{s.Step, s.Steps, s.Epoch, s.Loss, s.Margin, s.Accuracy, s.ChosenReward, s.RejectedReward, s.GradNorm,
		s.Tokens, s.TokensPerSec, s.Elapsed.Seconds()}
}
