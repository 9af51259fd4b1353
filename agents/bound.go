package agents

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rlfc/arena/internal/refusal"
)

// BytesPerToken is the byte cap's allowance per token: a reply of at most
// n tokens is also cut at n × BytesPerToken bytes (ReplyByteCap). It is
// generous, so that the cap never cuts an honest reply before its token
// limit does: the embedded model's longest token is 10 bytes, and common
// tokenizers average about 4 bytes a token in English. Its job is to bound
// what a backend that ignores max_tokens can make the arena read, count,
// stream and store.
const BytesPerToken = 16

// ReplyByteCap is the most bytes of text a reply of at most maxTokens
// tokens may hold (DefaultMaxTokens when maxTokens is not positive).
func ReplyByteCap(maxTokens int) int {
	return replyTokens(maxTokens) * BytesPerToken
}

// Tokenizer counts text in a model's tokens. lora/tokenizer's Tokenizer is
// one. Decode of a prefix of Encode(s) must be a prefix of s.
type Tokenizer interface {
	Encode(text string) []int
	Decode(ids []int) string
}

// SpecialTokens is a Tokenizer that knows its special tokens (added
// tokens marked special, such as <|im_end|>): Bounded cuts a reply at the
// first text of one. lora/tokenizer's Tokenizer is one.
type SpecialTokens interface {
	VocabSize() int
	IsSpecial(id int) bool
	TokenBytes(id int) []byte
}

// markerRE is a chat-template marker: "<|" a name "|>", the form of the
// special tokens of ChatML (<|im_start|>, <|im_end|>), GPT (<|endoftext|>),
// Llama 3 (<|eot_id|>, <|start_header_id|>), Phi (<|end|>) and others.
// Bounded cuts at one whatever the tokenizer, so that a reply cannot
// smuggle another model's turn markers in either; no Space's answer needs
// one.
var markerRE = regexp.MustCompile(`<\|[A-Za-z0-9_.:-]{1,64}\|>`)

// markerStartRE is a suffix of text that a marker may still grow from: a
// stream that ends in "<|im_" waits for its next delta.
var markerStartRE = regexp.MustCompile(`<(?:\|[A-Za-z0-9_.:-]{0,64}\|?)?\z`)

// maxMarker is the longest marker markerRE matches.
const maxMarker = 2 + 64 + 2

// HasSpecialText reports whether s holds a chat-template marker (such as
// <|im_end|>; see Bounded), which no stored reply may hold: a last check
// for text that did not come through Bounded.
func HasSpecialText(s string) bool { return markerRE.MatchString(s) }

// specials are the texts a reply is cut at: markers, and the special
// tokens of the tokenizer.
type specials struct {
	lits   []string // the tokenizer's special tokens' texts
	maxLen int      // the longest text either matches
}

// specials lists the tokenizer's special tokens, when it knows them. It
// reads the vocabulary once per request: a few hundred thousand ids at
// most, little next to generating a reply.
func (b Bounded) specials() specials {
	sp := specials{maxLen: maxMarker}
	st, ok := b.Tokenizer.(SpecialTokens)
	if !ok {
		return sp
	}
	seen := map[string]bool{}
	for id := range st.VocabSize() {
		if !st.IsSpecial(id) {
			continue
		}
		lit := string(st.TokenBytes(id))
		if lit == "" || seen[lit] || markerRE.MatchString(lit) && markerRE.FindString(lit) == lit {
			continue // empty, listed, or a marker already
		}
		seen[lit] = true
		sp.lits = append(sp.lits, lit)
		sp.maxLen = max(sp.maxLen, len(lit))
	}
	return sp
}

// first returns the index of the first special text in s that starts at
// or after from, or -1.
func (sp specials) first(s string, from int) int {
	from = min(max(from, 0), len(s))
	best := -1
	if loc := markerRE.FindStringIndex(s[from:]); loc != nil {
		best = from + loc[0]
	}
	for _, lit := range sp.lits {
		if i := strings.Index(s[from:], lit); i >= 0 && (best < 0 || from+i < best) {
			best = from + i
		}
	}
	return best
}

// pending returns where a suffix of s starts that the next delta could
// complete into a special text, or len(s) when none could.
func (sp specials) pending(s string) int {
	tail := max(0, len(s)-sp.maxLen)
	at := len(s)
	if loc := markerStartRE.FindStringIndex(s[tail:]); loc != nil {
		at = tail + loc[0]
	}
	for _, lit := range sp.lits {
		for k := min(len(lit)-1, len(s)); k > 0 && len(s)-k < at; k-- {
			if strings.HasSuffix(s, lit[:k]) {
				at = len(s) - k
				break
			}
		}
	}
	return at
}

// Bounded is a policy whose replies are cut at their request's
// Sampling.MaxTokens (DefaultMaxTokens when zero), counted with Tokenizer,
// and at ReplyByteCap bytes, whatever its backend sends: an endpoint or a
// runner may ignore max_tokens, and every byte of a reply is judged,
// streamed, stored and trained on. A cut reply ends on a whole character,
// has finish reason "length" and counts as a refusal (reply_cut).
//
// A reply is also cut just before the first text of a special token: a
// chat-template marker such as <|im_end|> or <|endoftext|> (see
// markerRE), or any special token of the Tokenizer when it lists them
// (SpecialTokens). A model ends its turn with such a token, it is never
// part of the reply's text, and what follows one in a reply ("57<|im_end|>"
// and a payload) is text a backend put there to be judged, stored and
// trained on as if the model had said it. That cut is a cut like the
// others: finish reason "length" (the stored text is not what the backend
// sent, and "stop" would say it was) and a refusal counted.
//
// A cut reply's TokenIDs and LogProbs are dropped, for any cut: they
// described the text before the cut, so verification must not pass the
// cut text on them.
//
// Deltas are passed on only while the text streamed so far is within both
// limits: up to MaxTokens bytes go through at once (a token is at least a
// byte); past that each delta is checked by counting the tokens of the
// text so far, at most maxDeltaCounts times per sample, after which the
// rest of the sample is not streamed and arrives whole with the reply. A
// sample thus streams at most MaxDeltas(MaxTokens) deltas. The streamed
// text is a prefix of the cut reply: byte-pair encoding may count a prefix
// in fewer tokens than the same bytes take inside the longer text, so
// where the whole reply's cut would end before what was streamed, the
// streamed text (within the limits by itself) is the cut reply.
//
// What a reply says about itself is the backend's too, and is bounded as
// well: its finish reason is "length" when cut, else "stop" or
// "content_filter" as the backend said, and anything else the backend
// said becomes "stop"; with a Tokenizer its token count is Bounded's own
// count of the cut text, not the backend's claim, and without one the
// claim is kept within 0 and MaxTokens.
type Bounded struct {
	Policy Policy
	// Tokenizer counts tokens. Nil cuts at the byte cap alone.
	Tokenizer Tokenizer
}

// finishReasons are the finish reasons a reply that went through Bounded
// may have: "stop" (the model ended its reply, or the backend said
// something else), "length" (cut at max_tokens or the byte cap, by the
// backend or by Bounded) and "content_filter" (the backend withheld text),
// as OpenAI's API names them. Other values a backend may send
// ("tool_calls", "function_call", "eos", or anything at all from a hostile
// one) become "stop": the arena offers no tools, and a finish reason is
// stored and published with the reply, so it must not carry what a backend
// chooses.
var finishReasons = []string{"stop", "length", "content_filter"}

// finishReason returns reason if it is one of finishReasons, else "stop".
func finishReason(reason string) string {
	for _, r := range finishReasons {
		if reason == r {
			return r
		}
	}
	return "stop"
}

// maxDeltaCounts bounds the token counts of one sample's stream, each of
// up to ReplyByteCap bytes, so that a backend sending many small deltas
// cannot make the arena count tokens without end.
const maxDeltaCounts = 64

// MaxDeltas is the most deltas Bounded passes on for one sample of a
// request with this MaxTokens (DefaultMaxTokens when not positive).
func MaxDeltas(maxTokens int) int {
	return replyTokens(maxTokens) + maxDeltaCounts
}

// Reply asks the policy and cuts its replies and deltas.
func (b Bounded) Reply(ctx context.Context, req Request, onDelta func(Delta)) ([]Reply, error) {
	maxTokens := replyTokens(req.Sampling.MaxTokens)
	sp := b.specials()
	var (
		pass  func(Delta)
		gates []deltaGate
	)
	if onDelta != nil {
		gates = make([]deltaGate, max(req.N, 1))
		pass = func(d Delta) {
			if d.Sample < 0 || d.Sample >= len(gates) {
				return // not a sample that was asked for
			}
			if text := b.pass(&gates[d.Sample], maxTokens, sp, d.Text); text != "" {
				onDelta(Delta{Sample: d.Sample, Text: text})
			}
		}
	}
	replies, err := b.Policy.Reply(ctx, req, pass)
	if err != nil {
		return nil, err
	}
	for i := range replies {
		r := &replies[i]
		text, tokens, cut := b.cut(r.Text, maxTokens, sp)
		r.FinishReason = finishReason(r.FinishReason)
		if cut {
			if i < len(gates) {
				if shown := gates[i].text[:gates[i].shown]; len(shown) > len(text) && strings.HasPrefix(r.Text, string(shown)) {
					text, tokens, _ = b.cut(string(shown), maxTokens, sp) // within the limits: not cut again
				}
			}
			r.Text, r.FinishReason = text, "length"
			r.TokenIDs, r.LogProbs = nil, nil // they describe the text before the cut
			refusal.Count(refusal.ReplyCut)
		}
		if tokens >= 0 {
			r.Tokens = tokens // our count, not the backend's
		} else {
			// Without a tokenizer the backend's count stands, within
			// what the request allowed.
			r.Tokens = min(max(r.Tokens, 0), maxTokens)
		}
	}
	return replies, nil
}

// deltaGate is what one sample has streamed so far.
type deltaGate struct {
	text   []byte // what arrived, up to one byte past the byte cap
	shown  int    // how much of text was passed on
	counts int    // token counts made
	closed bool   // nothing more is passed on
}

// pass adds a delta's text to g and returns the part of it to pass on: the
// text that is known to be within the cut and was not passed on before.
// Text that may be the start of a special token is held back until the
// next delta shows whether it is one.
func (b Bounded) pass(g *deltaGate, maxTokens int, sp specials, text string) string {
	if g.closed || text == "" {
		return ""
	}
	capBytes := ReplyByteCap(maxTokens)
	// One byte past the cap is enough to know the reply is cut there.
	if room := capBytes + 1 - len(g.text); len(text) > room {
		text = text[:room]
	}
	before := len(g.text)
	g.text = append(g.text, text...)
	var within int
	switch {
	case len(g.text) <= maxTokens:
		within = len(g.text) // at most that many tokens, and under the cap
	case g.counts < maxDeltaCounts:
		g.counts++
		cut, _, isCut := b.cut(string(g.text), maxTokens, sp)
		within, g.closed = len(cut), isCut
	default:
		g.closed = true // the rest comes with the reply
		return ""
	}
	// A special text that ends in this delta starts at most maxLen-1
	// bytes before it: the text before that was searched already.
	from := max(0, before-sp.maxLen+1)
	if i := sp.first(string(g.text[from:]), 0); i >= 0 {
		within, g.closed = min(within, from+i), true
	} else {
		within = min(within, from+sp.pending(string(g.text[from:])))
	}
	// A character split across deltas waits for its end: a cut there
	// would drop it.
	within = len(wholeRunes(string(g.text[:within])))
	if within <= g.shown {
		return ""
	}
	out := string(g.text[g.shown:within])
	g.shown = within
	return out
}

// cut returns text cut before its first special text, to maxTokens
// tokens and to ReplyByteCap(maxTokens) bytes, the number of tokens it
// holds (-1 without a tokenizer), and whether it was cut. The byte cap
// goes first, so that a huge reply is never searched or tokenized whole.
func (b Bounded) cut(text string, maxTokens int, sp specials) (string, int, bool) {
	cut := false
	if c := ReplyByteCap(maxTokens); len(text) > c {
		text, cut = wholeRunes(text[:c]), true
	}
	if i := sp.first(text, 0); i >= 0 {
		text, cut = wholeRunes(text[:i]), true
	}
	if b.Tokenizer == nil {
		return text, -1, cut
	}
	// The bytes of the first maxTokens tokens, counted alone, can take more
	// tokens than they did inside the longer text (byte-pair encoding
	// merges differently at the new end), so cut until the count holds.
	// Each turn drops at least one byte.
	for {
		ids := b.Tokenizer.Encode(text)
		if len(ids) <= maxTokens {
			return text, len(ids), cut
		}
		// Only the length of the decoded prefix is used, so that a
		// tokenizer that decodes differently cannot put text in the
		// reply that the backend did not send.
		n := min(len(b.Tokenizer.Decode(ids[:maxTokens])), len(text)-1)
		text, cut = wholeRunes(text[:n]), true
	}
}

// wholeRunes drops an incomplete UTF-8 sequence that a cut left at the end
// of s.
func wholeRunes(s string) string {
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			if !utf8.FullRuneInString(s[i:]) {
				return s[:i]
			}
			break
		}
	}
	return s
}
