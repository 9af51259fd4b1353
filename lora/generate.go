package lora

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/rlfc/arena/lora/ops"
)

// GenerateOptions controls generation. The zero value generates up to 128
// tokens greedily.
type GenerateOptions struct {
	Sampling
	// MaxTokens caps the new tokens per sequence; zero means 128.
	MaxTokens int
	// MinTokens keeps a sequence going for at least this many tokens: until
	// then special tokens (end of text, end of turn) are never sampled. It
	// is for benchmarks and for forcing a reply of some length.
	MinTokens int
	// Stop ends a sequence when its text contains one of these strings; the
	// stop string itself is not part of the result.
	Stop []string
	// Seed makes sampling reproducible: the same seed, prompt and options
	// give the same text. Sequence i of a batch draws with its own seed,
	// SampleSeed(Seed, i), so the other sequences do not change its
	// draws; its logits may still differ in the last bits from a run
	// without them, since batches of another size can take another matrix
	// kernel (which is what verification's tolerance is for).
	Seed uint64
	// OnText, when set, receives each sequence's text as it is produced, in
	// order, in pieces that never split a UTF-8 character or a stop string.
	OnText func(seq int, delta string)
	// OnFinish, when set, is called once for each sequence as it finishes,
	// after its last OnText.
	OnFinish func(seq int)
}

// Completion is one generated sequence.
type Completion struct {
	Text         string
	Tokens       []int  // the generated tokens, stop token excluded
	PromptTokens int    // tokens in the prompt
	FinishReason string // "stop" (a stop token or string) or "length"
	// End is the special token that ended the sequence, -1 if none did.
	End int
	// Seed is the sequence's own seed: token t was drawn with Draw(Seed, t).
	Seed uint64
	// LogProbs holds each token's log-probability under the model (the
	// softmax of its logits, before temperature and truncation), End's
	// last when it is set, as OpenAI's logprobs report them.
	LogProbs []float64
}

// kvCache holds one sequence's keys and values for every layer.
type kvCache struct {
	k, v     [][]float32 // [layer][position·kvDim]
	len      int
	capacity int // positions the buffers hold
}

func (m *Model) newCache(capacity int) *kvCache {
	kvd := m.Config.NumKeyValueHeads * m.Config.Head()
	c := &kvCache{k: make([][]float32, len(m.layers)), v: make([][]float32, len(m.layers)), capacity: capacity}
	for l := range m.layers {
		c.k[l] = make([]float32, capacity*kvd)
		c.v[l] = make([]float32, capacity*kvd)
	}
	return c
}

// span is a run of consecutive rows of one step that belong to one sequence.
type span struct {
	cache *kvCache
	rows  int
	// logits is how many of the span's last rows need logits; zero means
	// one (decoding needs the last row's only, teacher forcing all).
	logits int
}

func (s span) outRows() int { return max(s.logits, 1) }

// scratch holds the activations of one step, reused across the steps of a
// generation so that decoding a token allocates nothing.
type scratch struct {
	x, xn, tmp, q, k, v, att, gate, up, last, logits []float32
	pos                                              []int
	lo                                               loraState // the adapter's path, one projection at a time
}

// grow returns buf resized to n, reallocating only when it is too small.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// step runs tokens through the model, appending to the spans' caches, and
// returns the logits of the last row of each span, or of its last
// span.logits rows, one row after another ([rows, vocab]), valid until
// the next step with the same scratch.
func (m *Model) step(sc *scratch, tokens []int, spans []span) []float32 {
	c := &m.Config
	R, d, ff, hd := len(tokens), c.HiddenSize, c.IntermediateSize, c.Head()
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)

	sc.x, sc.xn, sc.tmp = grow(sc.x, R*d), grow(sc.xn, R*d), grow(sc.tmp, R*d)
	sc.q, sc.k, sc.v, sc.att = grow(sc.q, R*qd), grow(sc.k, R*kvd), grow(sc.v, R*kvd), grow(sc.att, R*qd)
	sc.gate, sc.up = grow(sc.gate, R*ff), grow(sc.up, R*ff)
	x, xn, tmp, q, k, v, att, gate, up := sc.x, sc.xn, sc.tmp, sc.q, sc.k, sc.v, sc.att, sc.gate, sc.up
	pos := sc.pos[:0]
	for _, s := range spans {
		for t := range s.rows {
			pos = append(pos, s.cache.len+t)
		}
	}
	sc.pos = pos
	for i, t := range tokens {
		copy(x[i*d:(i+1)*d], m.embed.W[t*d:(t+1)*d])
	}
	for l := range m.layers {
		ly := &m.layers[l]
		ops.RMSNorm(xn, x, ly.attnNorm.W, R, d, eps)
		ly.q.forward(q, xn, R, sc.lo.prepare(ly.q.lora, false))
		ly.k.forward(k, xn, R, sc.lo.prepare(ly.k.lora, false))
		ly.v.forward(v, xn, R, sc.lo.prepare(ly.v.lora, false))
		m.rope.Apply(q, pos, nH)
		m.rope.Apply(k, pos, nKV)
		r := 0
		for _, s := range spans {
			past := s.cache.len
			copy(s.cache.k[l][past*kvd:], k[r*kvd:(r+s.rows)*kvd])
			copy(s.cache.v[l][past*kvd:], v[r*kvd:(r+s.rows)*kvd])
			ops.Attention(att[r*qd:(r+s.rows)*qd], nil, q[r*qd:(r+s.rows)*qd], s.cache.k[l], s.cache.v[l], s.rows, past, nH, nKV, hd)
			r += s.rows
		}
		ly.o.forward(tmp, att, R, sc.lo.prepare(ly.o.lora, false))
		addInto(x, tmp)
		ops.RMSNorm(xn, x, ly.mlpNorm.W, R, d, eps)
		ly.gate.forward(gate, xn, R, sc.lo.prepare(ly.gate.lora, false))
		ly.up.forward(up, xn, R, sc.lo.prepare(ly.up.lora, false))
		ops.SwiGLU(gate, gate, up)
		ly.down.forward(tmp, gate, R, sc.lo.prepare(ly.down.lora, false))
		addInto(x, tmp)
	}
	// Only the last row of each span needs logits (in decoding).
	out := 0
	for _, s := range spans {
		out += s.outRows()
	}
	sc.last = grow(sc.last, out*d)
	last := sc.last
	r, o := 0, 0
	for _, s := range spans {
		r += s.rows
		n := s.outRows()
		copy(last[o*d:(o+n)*d], x[(r-n)*d:r*d])
		o += n
		s.cache.len += s.rows
	}
	ops.RMSNorm(xn[:len(last)], last, m.norm.W, out, d, eps)
	sc.logits = grow(sc.logits, out*c.VocabSize)
	logits := sc.logits
	ops.Gemm(false, true, out, c.VocabSize, d, xn, d, m.lmHead.W, d, 0, logits, c.VocabSize)
	return logits
}

// sequence is the state of one prompt being generated.
type sequence struct {
	index   int
	cache   *kvCache
	sampler *sampler
	out     Completion
	bytes   []byte // raw text so far
	emitted int    // bytes already passed to OnText
	done    bool
}

// Generate continues each prompt (token ids) and returns one Completion per
// prompt. All prompts advance together, one batched step per token, which is
// faster than generating them one by one. Generation stops at a special
// token (such as <|im_end|> or <|endoftext|>), a stop string, MaxTokens, the
// context window, or when ctx is done (then ctx's error is returned with
// what was produced).
func (m *Model) Generate(ctx context.Context, prompts [][]int, opts GenerateOptions) ([]Completion, error) {
	if m.Tokenizer == nil {
		return nil, errors.New("lora: generate: model has no tokenizer")
	}
	maxNew := opts.MaxTokens
	if maxNew <= 0 {
		maxNew = 128
	}
	window := m.Config.MaxPositionEmbeddings
	seqs := make([]*sequence, len(prompts))
	var tokens []int
	var spans []span
	for i, p := range prompts {
		if len(p) == 0 {
			return nil, fmt.Errorf("lora: generate: prompt %d is empty", i)
		}
		if len(p) >= window {
			return nil, fmt.Errorf("lora: generate: prompt %d has %d tokens, the context window is %d", i, len(p), window)
		}
		for _, t := range p {
			if t < 0 || t >= m.Config.VocabSize {
				return nil, fmt.Errorf("lora: generate: prompt %d: token %d outside vocabulary of %d", i, t, m.Config.VocabSize)
			}
		}
		capacity := min(window, len(p)+maxNew)
		seqs[i] = &sequence{index: i, cache: m.newCache(capacity), sampler: newSampler(opts.Sampling, SampleSeed(opts.Seed, i))}
		seqs[i].out.Seed = seqs[i].sampler.seed
		seqs[i].out.End = -1
		seqs[i].out.PromptTokens = len(p)
		tokens = append(tokens, p...)
		spans = append(spans, span{cache: seqs[i].cache, rows: len(p)})
	}
	holdback := 0
	for _, s := range opts.Stop {
		holdback = max(holdback, len(s)-1)
	}
	var specials []int
	if opts.MinTokens > 0 {
		for id := range m.Config.VocabSize {
			if m.Tokenizer.IsSpecial(id) {
				specials = append(specials, id)
			}
		}
	}
	active := seqs
	sc := new(scratch)
	logits := m.step(sc, tokens, spans)
	for len(active) > 0 {
		if err := ctx.Err(); err != nil {
			for _, s := range active {
				s.finish(opts, "length")
			}
			return results(seqs), err
		}
		V := m.Config.VocabSize
		tokens, spans = tokens[:0], spans[:0]
		next := active[:0:0]
		for i, s := range active {
			row := logits[i*V : (i+1)*V]
			if len(s.out.Tokens) < opts.MinTokens {
				for _, id := range specials {
					row[id] = float32(math.Inf(-1))
				}
			}
			t := s.sampler.next(row)
			s.out.LogProbs = append(s.out.LogProbs, logSoftmaxAt(row, t))
			if m.Tokenizer.IsSpecial(t) {
				s.out.End = t
				s.finish(opts, "stop")
				continue
			}
			s.out.Tokens = append(s.out.Tokens, t)
			s.bytes = append(s.bytes, m.Tokenizer.TokenBytes(t)...)
			if s.cutAtStop(opts.Stop) {
				s.finish(opts, "stop")
				continue
			}
			s.emit(opts, holdback)
			if len(s.out.Tokens) >= maxNew || s.cache.len >= s.cache.capacity {
				s.finish(opts, "length")
				continue
			}
			tokens = append(tokens, t)
			spans = append(spans, span{cache: s.cache, rows: 1})
			next = append(next, s)
		}
		active = next
		if len(active) > 0 {
			logits = m.step(sc, tokens, spans)
		}
	}
	return results(seqs), nil
}

func results(seqs []*sequence) []Completion {
	out := make([]Completion, len(seqs))
	for i, s := range seqs {
		out[i] = s.out
	}
	return out
}

// cutAtStop truncates the text at the first stop string and reports whether
// there was one.
func (s *sequence) cutAtStop(stops []string) bool {
	for _, st := range stops {
		if st == "" {
			continue
		}
		// Only the tail can hold a new match: earlier text was checked before.
		from := max(0, s.emitted-len(st))
		if i := strings.Index(string(s.bytes[from:]), st); i >= 0 {
			s.bytes = s.bytes[:from+i]
			return true
		}
	}
	return false
}

// emit passes on text that can no longer change: not the last holdback
// bytes (they may begin a stop string) nor a trailing incomplete rune.
func (s *sequence) emit(opts GenerateOptions, holdback int) {
	end := len(s.bytes) - holdback
	for end > s.emitted && !utf8.FullRune(s.bytes[lastRuneStart(s.bytes[:end]):end]) {
		end = lastRuneStart(s.bytes[:end])
	}
	if end <= s.emitted {
		return
	}
	if opts.OnText != nil {
		opts.OnText(s.index, string(s.bytes[s.emitted:end]))
	}
	s.emitted = end
}

func (s *sequence) finish(opts GenerateOptions, reason string) {
	if s.done {
		return
	}
	s.done = true
	s.out.FinishReason = reason
	if opts.OnText != nil && len(s.bytes) > s.emitted {
		opts.OnText(s.index, string(s.bytes[s.emitted:]))
	}
	s.emitted = len(s.bytes)
	s.out.Text = string(s.bytes)
	if opts.OnFinish != nil {
		opts.OnFinish(s.index)
	}
}

// lastRuneStart returns the index where the last (possibly partial) UTF-8
// sequence of b starts.
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return max(0, len(b)-1)
}

// GenerateText tokenizes a plain-text prompt (special-token strings in it
// stay plain text) and continues it.
func (m *Model) GenerateText(ctx context.Context, prompt string, opts GenerateOptions) (Completion, error) {
	if m.Tokenizer == nil {
		return Completion{}, errors.New("lora: generate: model has no tokenizer")
	}
	out, err := m.Generate(ctx, [][]int{m.Tokenizer.Encode(prompt)}, opts)
	if len(out) == 0 {
		return Completion{}, err
	}
	return out[0], err
}

// logSoftmaxAt returns log softmax(logits)[id].
func logSoftmaxAt(logits []float32, id int) float64 {
	top := float64(logits[argmax32(logits)])
	sum := 0.0
	for _, l := range logits {
		sum += math.Exp(float64(l) - top)
	}
	return float64(logits[id]) - top - math.Log(sum)
}
