package lora

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/tokenizer"
)

// PretrainOptions describes a pretraining run from scratch on the synthetic
// corpus. Zero fields take the defaults named on each; the defaults are the
// recipe of the embedded base model.
type PretrainOptions struct {
	// Config is the model's shape; its VocabSize is taken from the tokenizer.
	// A zero Config means DefaultConfig().
	Config Config
	Seed   uint64
	// Tokenizer is used as given; nil means train one on the corpus with
	// VocabSize tokens (zero means 768), digits split one per token.
	Tokenizer *tokenizer.Tokenizer
	VocabSize int
	// TokenizerDocs is how many corpus documents the tokenizer learns from;
	// zero means 20000.
	TokenizerDocs int

	Steps       int     // zero means 2400
	Batch       int     // sequences per step; zero means 16
	SeqLen      int     // tokens per sequence; zero means 128
	LR          float64 // peak learning rate; zero means 3e-3
	MinLR       float64 // final learning rate of the cosine decay; zero means LR/10
	Warmup      int     // linear warm-up steps; zero means Steps/30
	WeightDecay float64 // zero means 0.1; negative means none
	ClipNorm    float64 // zero means 1
	// EvalBatches is the number of held-out batches scored at the end;
	// zero means 8.
	EvalBatches int

	// Corpus configures the documents; its Seed is replaced by Seed.
	Corpus corpus.Options

	// Progress, when set, is called after every step.
	Progress func(PretrainStep)
}

// PretrainStep reports one step of pretraining.
type PretrainStep struct {
	Step, Steps int
	Loss        float64 // mean cross-entropy of this step's batch, nats per token
	LR          float64
	GradNorm    float64
	Tokens      int // tokens trained on so far
	Elapsed     time.Duration
}

// PretrainResult is a trained model and how its training went.
type PretrainResult struct {
	Model    *Model
	Losses   []float64 // per step
	EvalLoss float64   // mean cross-entropy on held-out documents
	Tokens   int
	Elapsed  time.Duration
}

// DefaultConfig is the shape of the embedded base model (vocab_size is set
// by its tokenizer).
func DefaultConfig() Config {
	return Config{
		ModelType:             "llama",
		HiddenSize:            256,
		IntermediateSize:      704,
		NumHiddenLayers:       4,
		NumAttentionHeads:     8,
		NumKeyValueHeads:      4,
		VocabSize:             768,
		MaxPositionEmbeddings: 512,
		RMSNormEps:            1e-5,
		RopeTheta:             10000,
		TieWordEmbeddings:     true,
	}
}

func (o *PretrainOptions) withDefaults() PretrainOptions {
	d := *o
	if d.Config.ModelType == "" {
		d.Config = DefaultConfig()
	}
	if d.VocabSize == 0 {
		d.VocabSize = 768
	}
	if d.TokenizerDocs == 0 {
		d.TokenizerDocs = 20000
	}
	if d.Steps == 0 {
		d.Steps = 2400
	}
	if d.Batch == 0 {
		d.Batch = 16
	}
	if d.SeqLen == 0 {
		d.SeqLen = 128
	}
	if d.LR == 0 {
		d.LR = 3e-3
	}
	if d.MinLR == 0 {
		d.MinLR = d.LR / 10
	}
	if d.Warmup == 0 {
		d.Warmup = max(1, d.Steps/30)
	}
	d.WeightDecay = orNone(d.WeightDecay, 0.1)
	d.ClipNorm = or(d.ClipNorm, 1)
	if d.EvalBatches == 0 {
		d.EvalBatches = 8
	}
	d.Corpus.Seed = d.Seed
	return d
}

// LearningRate is the schedule: linear warm-up to peak, then cosine decay
// to min at the last step.
func LearningRate(step, steps, warmup int, peak, min float64) float64 {
	if step < warmup {
		return peak * float64(step+1) / float64(warmup)
	}
	if steps <= warmup+1 {
		return peak
	}
	frac := float64(step-warmup) / float64(steps-warmup-1)
	return min + (peak-min)*0.5*(1+math.Cos(math.Pi*frac))
}

// Pretrain trains a model from scratch on the synthetic corpus. The same
// options give the same model, bit for bit, whatever GOMAXPROCS is.
func Pretrain(ctx context.Context, opts PretrainOptions) (*PretrainResult, error) {
	o := opts.withDefaults()
	if o.SeqLen > o.Config.MaxPositionEmbeddings {
		return nil, fmt.Errorf("lora: pretrain: sequence length %d exceeds max_position_embeddings %d", o.SeqLen, o.Config.MaxPositionEmbeddings)
	}
	tok := o.Tokenizer
	if tok == nil {
		var err error
		tok, err = TrainTokenizer(o.Corpus, o.TokenizerDocs, o.VocabSize)
		if err != nil {
			return nil, fmt.Errorf("lora: pretrain: %w", err)
		}
	}
	o.Config.VocabSize = tok.VocabSize()
	m, err := New(o.Config, o.Seed)
	if err != nil {
		return nil, err
	}
	m.Tokenizer = tok
	m.SetTrainable(true)

	stream, err := newTokenStream(tok, o.Corpus)
	if err != nil {
		return nil, fmt.Errorf("lora: pretrain: %w", err)
	}
	opt := &AdamW{Beta2: 0.95, WeightDecay: o.WeightDecay, ClipNorm: o.ClipNorm}
	res := &PretrainResult{Model: m}
	start := time.Now()
	var pass *Pass
	inputs, targets := make([]int, o.Batch*o.SeqLen), make([]int, o.Batch*o.SeqLen)
	for step := range o.Steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		stream.batch(inputs, targets, o.Batch, o.SeqLen)
		m.ZeroGrad()
		pass, err = m.Forward(pass, inputs, o.Batch, o.SeqLen)
		if err != nil {
			return nil, err
		}
		n := len(targets)
		loss, _ := ops.CrossEntropy(pass.Logits, pass.Logits, targets, o.Config.VocabSize, 1/float32(n))
		pass.Backward(pass.Logits)
		lr := LearningRate(step, o.Steps, o.Warmup, o.LR, o.MinLR)
		norm := opt.Step(m.params, lr)
		res.Losses = append(res.Losses, loss/float64(n))
		res.Tokens += n
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, fmt.Errorf("lora: pretrain: loss diverged at step %d", step)
		}
		if o.Progress != nil {
			o.Progress(PretrainStep{Step: step + 1, Steps: o.Steps, Loss: loss / float64(n), LR: lr, GradNorm: norm, Tokens: res.Tokens, Elapsed: time.Since(start)})
		}
	}
	res.Elapsed = time.Since(start)
	m.SetTrainable(false)

	// Held-out documents come from a corpus stream with a different seed.
	held := o.Corpus
	held.Seed = o.Seed ^ 0x9e3779b97f4a7c15
	res.EvalLoss, err = EvalLoss(m, held, o.EvalBatches, o.Batch, o.SeqLen)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// EvalLoss is the model's mean cross-entropy (nats per token) on batches
// of corpus documents made with copts.
func EvalLoss(m *Model, copts corpus.Options, batches, batch, seqLen int) (float64, error) {
	if m.Tokenizer == nil {
		return 0, errors.New("lora: eval: model has no tokenizer")
	}
	stream, err := newTokenStream(m.Tokenizer, copts)
	if err != nil {
		return 0, err
	}
	inputs, targets := make([]int, batch*seqLen), make([]int, batch*seqLen)
	var pass *Pass
	total, count := 0.0, 0
	for range batches {
		stream.batch(inputs, targets, batch, seqLen)
		pass, err = m.Forward(pass, inputs, batch, seqLen)
		if err != nil {
			return 0, err
		}
		l, n := ops.CrossEntropy(nil, pass.Logits, targets, m.Config.VocabSize, 1)
		total += l
		count += n
	}
	return total / float64(count), nil
}

// TrainTokenizer learns a byte-level BPE vocabulary of vocabSize tokens
// (the three chat specials included) from n corpus documents, with digits
// kept one per token so that arithmetic stays learnable.
func TrainTokenizer(copts corpus.Options, n, vocabSize int) (*tokenizer.Tokenizer, error) {
	gen := corpus.New(copts)
	var texts []string
	for range n {
		doc := gen.Next()
		if doc.Chat == nil {
			texts = append(texts, doc.Text)
			continue
		}
		// Chat markup becomes special tokens, so only roles and contents
		// are text the vocabulary should cover.
		for _, msg := range doc.Chat {
			texts = append(texts, msg.Role+"\n", msg.Content)
		}
	}
	return tokenizer.Train(texts, tokenizer.TrainOptions{
		VocabSize:   vocabSize,
		Specials:    []string{EndOfText, "<|im_start|>", "<|im_end|>"},
		SplitDigits: true,
	})
}

// EndOfText separates documents in training data.
const EndOfText = "<|endoftext|>"

// tokenStream turns corpus documents into one long run of tokens, each
// document followed by <|endoftext|>, and cuts it into training rows.
type tokenStream struct {
	tok *tokenizer.Tokenizer
	gen *corpus.Generator
	eot int
	buf []int
}

func newTokenStream(tok *tokenizer.Tokenizer, copts corpus.Options) (*tokenStream, error) {
	eot, ok := tok.TokenID(EndOfText)
	if !ok {
		return nil, fmt.Errorf("tokenizer has no %s token", EndOfText)
	}
	if _, err := tok.Chat(nil, true); err != nil {
		return nil, err
	}
	return &tokenStream{tok: tok, gen: corpus.New(copts), eot: eot}, nil
}

// batch fills B rows of T inputs and their next-token targets.
func (s *tokenStream) batch(inputs, targets []int, B, T int) {
	for b := range B {
		for len(s.buf) < T+1 {
			doc := s.gen.Next()
			if doc.Chat != nil {
				ids, _ := s.tok.Chat(doc.Chat, false) // newTokenStream checked the chat specials
				s.buf = append(s.buf, ids...)
			} else {
				s.buf = append(s.buf, s.tok.Encode(doc.Text)...)
			}
			s.buf = append(s.buf, s.eot)
		}
		copy(inputs[b*T:(b+1)*T], s.buf[:T])
		copy(targets[b*T:(b+1)*T], s.buf[1:T+1])
		s.buf = s.buf[T:]
	}
}
