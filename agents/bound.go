package agents

import (
	"context"
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

// Bounded is a policy whose replies are cut at their request's
// Sampling.MaxTokens (DefaultMaxTokens when zero), counted with Tokenizer,
// and at ReplyByteCap bytes, whatever its backend sends: an endpoint or a
// runner may ignore max_tokens, and every byte of a reply is judged,
// streamed, stored and trained on. A cut reply ends on a whole character,
// has finish reason "length" and counts as a refusal (reply_cut).
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
			if text := b.pass(&gates[d.Sample], maxTokens, d.Text); text != "" {
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
		text, tokens, cut := b.cut(r.Text, maxTokens)
		r.FinishReason = finishReason(r.FinishReason)
		if cut {
			if i < len(gates) {
				if shown := gates[i].text[:gates[i].shown]; len(shown) > len(text) && strings.HasPrefix(r.Text, string(shown)) {
					text, tokens, _ = b.cut(string(shown), maxTokens) // within the limits: not cut again
				}
			}
			r.Text, r.FinishReason = text, "length"
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
func (b Bounded) pass(g *deltaGate, maxTokens int, text string) string {
	if g.closed {
		return ""
	}
	capBytes := ReplyByteCap(maxTokens)
	// One byte past the cap is enough to know the reply is cut there.
	if room := capBytes + 1 - len(g.text); len(text) > room {
		text = text[:room]
	}
	g.text = append(g.text, text...)
	var within int
	switch {
	case len(g.text) <= maxTokens:
		within = len(g.text) // at most that many tokens, and under the cap
	case g.counts < maxDeltaCounts:
		g.counts++
		cut, _, isCut := b.cut(string(g.text), maxTokens)
		within, g.closed = len(cut), isCut
	default:
		g.closed = true // the rest comes with the reply
		return ""
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

// cut returns text cut to maxTokens tokens and ReplyByteCap(maxTokens)
// bytes, the number of tokens it holds (-1 without a tokenizer), and
// whether it was cut. The byte cap goes first, so that a huge reply is
// never tokenized whole.
func (b Bounded) cut(text string, maxTokens int) (string, int, bool) {
	cut := false
	if c := ReplyByteCap(maxTokens); len(text) > c {
		text, cut = wholeRunes(text[:c]), true
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
