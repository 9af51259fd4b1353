package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rlfc/arena/lora/tokenizer"
)

// Kind names the kind of a document; a Space that adds its own [Source] may
// add its own Kind.
type Kind string

// The kinds of document this package makes.
const (
	KindArithmetic Kind = "arithmetic"
	KindTicTacToe  Kind = "tic-tac-toe"
	KindNim        Kind = "nim"
	KindProse      Kind = "prose"
)

// Default rates, used where an option or a Source field is left at zero.
const (
	// DefaultWrongRate is the fraction of arithmetic answers that are wrong.
	DefaultWrongRate = 0.1
	// DefaultSkillRate is the fraction of game moves made by the perfect
	// player; the rest are uniform among the legal moves.
	DefaultSkillRate = 0.2
	// DefaultChatRate is the fraction of documents of a kind that are chats
	// rather than plain text.
	DefaultChatRate = 0.5
	// DefaultSystemRate is the fraction of chats that open with a system
	// prompt.
	DefaultSystemRate = 0.3
)

// Doc is one training document: plain text, or a conversation that is
// rendered through the chat template. Exactly one of Text and Chat is set.
type Doc struct {
	// Kind says which Source made the document.
	Kind Kind
	// Text is a plain-text document, trained on as is.
	Text string
	// Chat is a conversation (an optional system message, then user and
	// assistant turns), trained on as [tokenizer.ChatText] renders it.
	Chat []tokenizer.Message
}

// Render returns the exact training text of the document: Text as is, or,
// when Chat is set, the conversation through the chat template without a
// trailing generation prompt (the assistant's answer is already in it).
func (d Doc) Render() string {
	if len(d.Chat) > 0 {
		return tokenizer.ChatText(d.Chat, false)
	}
	return d.Text
}

// Source makes documents of one kind. A Source must draw all its randomness
// from r, so that a seeded [Generator] is deterministic; it must not keep
// state between calls.
type Source interface {
	// Kind is the kind of every document the Source makes.
	Kind() Kind
	// Doc makes one document.
	Doc(r *rand.Rand) Doc
}

// Weighted is a Source with its share of the mix: a Source is drawn with
// probability Weight divided by the sum of all weights.
type Weighted struct {
	Source Source
	Weight float64
}

// Options configure a [Generator].
type Options struct {
	// Seed picks the random stream; the same Options give the same
	// documents.
	Seed uint64
	// WrongRate is the fraction of arithmetic answers that are deliberately
	// wrong: zero means [DefaultWrongRate], negative means none. It is used
	// only by [DefaultSources].
	WrongRate float64
	// SkillRate is the fraction of game moves chosen by a perfect player
	// instead of uniformly among legal moves: zero means
	// [DefaultSkillRate], negative means none. It is used only by
	// [DefaultSources].
	SkillRate float64
	// Sources is the mix to draw from; empty means DefaultSources(opts).
	// Sources given here carry their own rates.
	Sources []Weighted
}

// DefaultSources returns the default mix, configured by opts.WrongRate and
// opts.SkillRate: arithmetic 0.45, tic-tac-toe 0.2, nim 0.15 and prose 0.2.
// Arithmetic has the largest share because its answers are checked exactly
// and need many examples; the games need fewer because their formats are
// rigid.
func DefaultSources(opts Options) []Weighted {
	return []Weighted{
		{Source: ArithmeticSource{WrongRate: opts.WrongRate}, Weight: 0.45},
		{Source: TicTacToeSource{SkillRate: opts.SkillRate}, Weight: 0.2},
		{Source: NimSource{SkillRate: opts.SkillRate}, Weight: 0.15},
		{Source: ProseSource{}, Weight: 0.2},
	}
}

// Generator draws documents from a weighted mix of Sources with one seeded
// random stream. It is not safe for concurrent use; make one per goroutine
// (with different seeds) instead.
type Generator struct {
	r       *rand.Rand
	sources []Weighted
	total   float64
}

// pcgStream is the second PCG word; fixing it makes the stream a function
// of Options.Seed alone.
const pcgStream = 0x6172656e61636f72 // "arenacor"

// New returns a Generator for opts. It panics if opts.Sources holds a nil
// Source, a negative, NaN or infinite weight, no positive weight, or
// weights whose sum overflows: those are programming errors, not data
// errors.
func New(opts Options) *Generator {
	sources := opts.Sources
	if len(sources) == 0 {
		sources = DefaultSources(opts)
	}
	// Copy, so that a caller changing its slice later cannot change the
	// stream.
	sources = append([]Weighted(nil), sources...)
	total := 0.0
	for i, w := range sources {
		if w.Source == nil {
			panic(fmt.Sprintf("corpus: source %d is nil", i))
		}
		if w.Weight < 0 || math.IsNaN(w.Weight) || math.IsInf(w.Weight, 0) {
			panic(fmt.Sprintf("corpus: source %d (%s) has weight %v", i, w.Source.Kind(), w.Weight))
		}
		total += w.Weight
	}
	if total <= 0 {
		panic("corpus: no source has a positive weight")
	}
	if math.IsInf(total, 0) {
		panic("corpus: the weights add up to infinity")
	}
	return &Generator{
		r:       rand.New(rand.NewPCG(opts.Seed, pcgStream)),
		sources: sources,
		total:   total,
	}
}

// Next returns the next document.
func (g *Generator) Next() Doc {
	x := g.r.Float64() * g.total
	pick := -1
	for i, w := range g.sources {
		if w.Weight <= 0 {
			continue
		}
		pick = i // the last positive weight catches rounding at the top end
		if x < w.Weight {
			break
		}
		x -= w.Weight
	}
	src := g.sources[pick].Source
	d := src.Doc(g.r)
	if d.Kind == "" {
		d.Kind = src.Kind()
	}
	return d
}

// Take returns the next n documents.
func (g *Generator) Take(n int) []Doc {
	docs := make([]Doc, 0, max(n, 0))
	for range n {
		docs = append(docs, g.Next())
	}
	return docs
}

// rate resolves a rate option: zero means def, negative (or NaN) means none,
// and values above one are clamped to one.
func rate(v, def float64) float64 {
	switch {
	case v == 0:
		return def
	case v < 0 || math.IsNaN(v):
		return 0
	case v > 1:
		return 1
	}
	return v
}

// chance reports true with probability p, drawing exactly one number from r
// whatever p is, so that changing a rate does not shift the rest of the
// stream more than it must.
func chance(r *rand.Rand, p float64) bool {
	return r.Float64() < p
}

// chat assembles a conversation: a system message with probability
// systemRate, then the user's prompt and the assistant's answer.
func chat(r *rand.Rand, systemRate float64, system, user, assistant string) []tokenizer.Message {
	msgs := make([]tokenizer.Message, 0, 3)
	if chance(r, systemRate) {
		msgs = append(msgs, tokenizer.Message{Role: "system", Content: system})
	}
	return append(msgs,
		tokenizer.Message{Role: "user", Content: user},
		tokenizer.Message{Role: "assistant", Content: assistant})
}
