package tokenizer

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"slices"
	"strings"
	"sync/atomic"
)

// Tokenizer is a byte-level BPE tokenizer, made by Load, Parse or Train
// (the zero value is not usable). It is safe for concurrent use.
type Tokenizer struct {
	tokens  []token           // by id; a gap in the ids has a zero token
	rawToID map[string]int    // model vocab: raw bytes → id
	added   map[string]int    // added tokens: content → id
	byteID  [256]int32        // the token of each single byte, or -1
	merges  map[uint64]uint64 // pairKey(a, b) → rank<<32 | merged token
	stages  []splitter        // the pre-tokenizer's splits, applied in turn
	match   []string          // non-special added tokens that Encode splits out

	ignoreMerges bool
	unk          int32 // the unknown token for a byte without a token, or -1
	fuseUnk      bool

	// What Marshal writes back.
	vocabKeys  []string // model vocab key (byte-level string) by id; "" where none
	mergeList  [][2]int32
	addedList  []addedToken
	unkToken   *string
	raw        map[string]json.RawMessage // sections kept as read
	arrayMerge bool                       // merges were written as arrays

	cache pieceCache
}

// token is one id of the vocabulary.
type token struct {
	bytes   []byte
	special bool
}

// addedToken is an entry of tokenizer.json's added_tokens.
type addedToken struct {
	ID         int    `json:"id"`
	Content    string `json:"content"`
	SingleWord bool   `json:"single_word"`
	LStrip     bool   `json:"lstrip"`
	RStrip     bool   `json:"rstrip"`
	Normalized bool   `json:"normalized"`
	Special    bool   `json:"special"`
}

// noRank marks a pair that has no merge.
const noRank = ^uint32(0)

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// merge returns the rank of merging a and b and the token it makes.
func (t *Tokenizer) merge(a, b int32) (rank uint32, id int32) {
	v, ok := t.merges[pairKey(a, b)]
	if !ok {
		return noRank, -1
	}
	return uint32(v >> 32), int32(uint32(v))
}

// Load reads a Hugging Face tokenizer.json file, as Parse does; its errors
// name the file.
func Load(path string) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	t, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %s: %w", path, err)
	}
	return t, nil
}

// Encode returns the tokens of plain text. Special-token strings inside the
// text (such as "<|im_end|>") are encoded as ordinary text, never as their
// special tokens; non-special added tokens are split out as Hugging Face
// does. Decode(Encode(s)) == s for any s, invalid UTF-8 included, as long
// as the vocabulary has the 256 byte tokens (as every byte-level BPE and
// every trained tokenizer does).
func (t *Tokenizer) Encode(text string) []int {
	ids := make([]int, 0, len(text)/3+4)
	if len(t.match) == 0 {
		return t.encodeText(ids, text)
	}
	// Split out the leftmost, then longest, non-special added token.
	next := make([]int, len(t.match)) // where each occurs next; -1 nowhere, -2 not searched
	for k := range next {
		next[k] = -2 // not searched yet
	}
	for i := 0; i < len(text); {
		best, bestLen := -1, 0
		for k, m := range t.match {
			if next[k] == -1 {
				continue
			}
			if next[k] < i {
				if j := strings.Index(text[i:], m); j >= 0 {
					next[k] = i + j
				} else {
					next[k] = -1
					continue
				}
			}
			if best < 0 || next[k] < best || (next[k] == best && len(m) > bestLen) {
				best, bestLen = next[k], len(m)
			}
		}
		if best < 0 {
			ids = t.encodeText(ids, text[i:])
			break
		}
		ids = t.encodeText(ids, text[i:best])
		ids = append(ids, t.added[text[best:best+bestLen]])
		i = best + bestLen
	}
	return ids
}

// encodeText appends the tokens of text without added tokens.
func (t *Tokenizer) encodeText(dst []int, s string) []int {
	if len(t.stages) == 0 {
		if s == "" {
			return dst
		}
		return t.encodePiece(dst, s)
	}
	return t.encodeStage(dst, s, 0)
}

func (t *Tokenizer) encodeStage(dst []int, s string, k int) []int {
	sp := t.stages[k]
	last := k+1 == len(t.stages)
	for i := 0; i < len(s); {
		j := sp.next(s, i)
		if last {
			dst = t.encodePiece(dst, s[i:j])
		} else {
			dst = t.encodeStage(dst, s[i:j], k+1)
		}
		i = j
	}
	return dst
}

// maxCached is the longest pre-token kept in the cache.
const maxCached = 64

// cacheSlots is the size of the cache; a power of two.
const cacheSlots = 1 << 15

// pieceCache maps pre-tokens to their tokens. It is 2-way set-associative:
// a pre-token's hash picks a pair of slots, and a new entry fills an empty
// one or replaces one of the two, so the cache is bounded; it needs no lock
// (entries are immutable and published atomically).
type pieceCache struct {
	seed  maphash.Seed
	slots []atomic.Pointer[cacheEntry]
}

type cacheEntry struct {
	piece string
	ids   []int
}

func newPieceCache() pieceCache {
	return pieceCache{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[cacheEntry], cacheSlots)}
}

// encodePiece appends the tokens of one pre-token.
func (t *Tokenizer) encodePiece(dst []int, p string) []int {
	if len(p) == 1 {
		if id := t.byteID[p[0]]; id >= 0 {
			return append(dst, int(id))
		}
	}
	if len(p) > maxCached {
		return t.bpe(dst, p)
	}
	h := maphash.String(t.cache.seed, p)
	set := t.cache.slots[h&(cacheSlots-1)&^1:][:2]
	e0, e1 := set[0].Load(), set[1].Load()
	if e0 != nil && e0.piece == p {
		return append(dst, e0.ids...)
	}
	if e1 != nil && e1.piece == p {
		return append(dst, e1.ids...)
	}
	start := len(dst)
	dst = t.bpe(dst, p)
	e := &cacheEntry{piece: strings.Clone(p), ids: slices.Clone(dst[start:])}
	switch {
	case e0 == nil:
		set[0].Store(e)
	case e1 == nil:
		set[1].Store(e)
	default: // replace one of the two, picked by another bit of the hash
		set[h>>63].Store(e)
	}
	return dst
}

// smallWord is the longest pre-token merged by the simple quadratic method;
// longer ones use a heap.
const smallWord = 48

// bpe appends the tokens of one pre-token by merging its bytes in rank
// order, the leftmost pair first among equal ranks.
func (t *Tokenizer) bpe(dst []int, p string) []int {
	if t.ignoreMerges {
		if id, ok := t.rawToID[p]; ok {
			return append(dst, id)
		}
	}
	var buf [smallWord]int32
	syms := buf[:0]
	if len(p) > smallWord {
		syms = make([]int32, 0, len(p))
	}
	for i := 0; i < len(p); i++ {
		id := t.byteID[p[i]]
		if id < 0 {
			if t.unk < 0 || (t.fuseUnk && len(syms) > 0 && syms[len(syms)-1] == t.unk) {
				continue
			}
			id = t.unk
		}
		syms = append(syms, id)
	}
	if len(syms) <= smallWord {
		syms = t.mergeSmall(syms)
	} else {
		syms = t.mergeHeap(syms)
	}
	for _, id := range syms {
		dst = append(dst, int(id))
	}
	return dst
}

// mergeSmall merges a short word: it keeps the rank of each adjacent pair
// and merges the lowest, leftmost first, until no pair has a merge.
func (t *Tokenizer) mergeSmall(syms []int32) []int32 {
	n := len(syms)
	if n < 2 {
		return syms
	}
	var ranks [smallWord]uint32
	var made [smallWord]int32
	for i := 0; i < n-1; i++ {
		ranks[i], made[i] = t.merge(syms[i], syms[i+1])
	}
	for n > 1 {
		best, br := -1, noRank
		for i := 0; i < n-1; i++ {
			if ranks[i] < br {
				best, br = i, ranks[i]
			}
		}
		if best < 0 {
			break
		}
		syms[best] = made[best]
		copy(syms[best+1:n], syms[best+2:n])
		copy(ranks[best:n-1], ranks[best+1:n-1])
		copy(made[best:n-1], made[best+1:n-1])
		n--
		if best > 0 {
			ranks[best-1], made[best-1] = t.merge(syms[best-1], syms[best])
		}
		if best < n-1 {
			ranks[best], made[best] = t.merge(syms[best], syms[best+1])
		}
	}
	return syms[:n]
}

// mergeHeap merges a long word with a linked list of symbols and a heap of
// candidate merges ordered by (rank, position). It gives the same result as
// mergeSmall in O(n log n).
func (t *Tokenizer) mergeHeap(syms []int32) []int32 {
	n := len(syms)
	next := make([]int32, n)
	prev := make([]int32, n)
	for i := range n {
		next[i], prev[i] = int32(i+1), int32(i-1)
	}
	next[n-1] = -1
	h := candidateHeap{}
	push := func(i int32) {
		j := next[i]
		if j < 0 {
			return
		}
		if r, id := t.merge(syms[i], syms[j]); r != noRank {
			h.push(candidate{rank: r, pos: i, a: syms[i], b: syms[j], made: id})
		}
	}
	for i := range n - 1 {
		push(int32(i))
	}
	for len(h) > 0 {
		c := h.pop()
		j := next[c.pos]
		if syms[c.pos] != c.a || j < 0 || syms[j] != c.b {
			continue // stale: one of the symbols has changed
		}
		syms[c.pos] = c.made
		syms[j] = -1
		next[c.pos] = next[j]
		if next[j] >= 0 {
			prev[next[j]] = c.pos
		}
		if p := prev[c.pos]; p >= 0 {
			push(p)
		}
		push(c.pos)
	}
	out := syms[:0]
	for i := int32(0); i >= 0; i = next[i] {
		out = append(out, syms[i])
	}
	return out
}

// candidate is a possible merge of the symbols at pos and after it.
type candidate struct {
	rank uint32
	pos  int32
	a, b int32
	made int32
}

// candidateHeap is a binary min-heap of candidates by (rank, pos).
type candidateHeap []candidate

func (h candidateHeap) less(i, j int) bool {
	return h[i].rank < h[j].rank || (h[i].rank == h[j].rank && h[i].pos < h[j].pos)
}

func (h *candidateHeap) push(c candidate) {
	*h = append(*h, c)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if !s.less(i, p) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *candidateHeap) pop() candidate {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(s) && s.less(l, m) {
			m = l
		}
		if r < len(s) && s.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
	*h = s
	return top
}

// Decode returns the text of tokens: the concatenation of their bytes.
// Ids outside the vocabulary are skipped.
func (t *Tokenizer) Decode(ids []int) string {
	n := 0
	for _, id := range ids {
		if id >= 0 && id < len(t.tokens) {
			n += len(t.tokens[id].bytes)
		}
	}
	out := make([]byte, 0, n)
	for _, id := range ids {
		if id >= 0 && id < len(t.tokens) {
			out = append(out, t.tokens[id].bytes...)
		}
	}
	return string(out)
}

// TokenBytes returns the raw bytes token id stands for: for an added or
// special token, its content. It is nil for an id outside the vocabulary.
// The caller must not modify the result.
func (t *Tokenizer) TokenBytes(id int) []byte {
	if id < 0 || id >= len(t.tokens) {
		return nil
	}
	b := t.tokens[id].bytes
	return b[:len(b):len(b)]
}

// IsSpecial reports whether id is a special token (an added token marked
// special, such as <|endoftext|> or <|im_end|>).
func (t *Tokenizer) IsSpecial(id int) bool {
	return id >= 0 && id < len(t.tokens) && t.tokens[id].special
}

// TokenID returns the id of the added or special token with the given
// content, such as "<|endoftext|>"; failing that, the id of the ordinary
// vocabulary token whose raw text is content.
func (t *Tokenizer) TokenID(content string) (int, bool) {
	if id, ok := t.added[content]; ok {
		return id, true
	}
	id, ok := t.rawToID[content]
	return id, ok
}

// VocabSize returns the number of ids: the largest id plus one.
func (t *Tokenizer) VocabSize() int { return len(t.tokens) }

// Chat returns the tokens of ChatText(msgs, addGenerationPrompt), with
// <|im_start|> and <|im_end|> as their special tokens and everything else,
// roles and contents included, encoded as plain text. It fails when the
// tokenizer lacks those tokens; Chat(nil, true) checks for them.
func (t *Tokenizer) Chat(msgs []Message, addGenerationPrompt bool) ([]int, error) {
	start, ok1 := t.added[imStart]
	end, ok2 := t.added[imEnd]
	if !ok1 || !ok2 {
		return nil, errors.New("tokenizer: the chat template needs the special tokens " + imStart + " and " + imEnd + ", which this tokenizer lacks")
	}
	var ids []int
	for _, m := range msgs {
		ids = append(ids, start)
		ids = append(ids, t.Encode(m.Role+"\n"+m.Content)...)
		ids = append(ids, end)
		ids = append(ids, t.Encode("\n")...)
	}
	if addGenerationPrompt {
		ids = append(ids, start)
		ids = append(ids, t.Encode("assistant\n")...)
	}
	return ids, nil
}
