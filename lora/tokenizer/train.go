package tokenizer

import (
	"bytes"
	"encoding/json"

	"fmt"
	"slices"
	"unicode/utf8"
)

// TrainOptions configure Train.
type TrainOptions struct {
	// VocabSize is the number of ids of the result: the 256 byte tokens,
	// the learned merges and the specials. It must leave room for the
	// bytes and the specials.
	VocabSize int
	// Specials are the special tokens, such as "<|endoftext|>", given the
	// last ids in this order.
	Specials []string
	// SplitDigits pre-tokenizes with Qwen2's pattern, which keeps every
	// digit a token of its own; otherwise GPT-2's pattern is used.
	SplitDigits bool
}

// Train learns a byte-level BPE from texts: ids 0..255 are the 256 byte
// tokens, then one token per learned merge in order, then the specials
// (marked special) at the end, VocabSize ids in total. Texts are split into
// pre-tokens as Encode splits them, and the most frequent adjacent pair is
// merged repeatedly; ties go to the pair whose first token's bytes, then
// second token's bytes, sort first, so the same input always gives the same
// tokenizer. When the texts run out of pairs to merge first, the result has
// fewer ids than VocabSize.
func Train(texts []string, opts TrainOptions) (*Tokenizer, error) {
	if err := checkTrainOptions(opts); err != nil {
		return nil, err
	}
	sp := splitter{}
	if opts.SplitDigits {
		sp = splitter{qwen: true, digits: 1}
	}
	counts := map[string]int64{}
	for _, s := range texts {
		for i := 0; i < len(s); {
			j := sp.next(s, i)
			if j-i > 1 { // a single byte has no pair to merge
				counts[s[i:j]]++
			}
			i = j
		}
	}
	tr := newTrainer(counts)
	tr.run(opts.VocabSize - len(opts.Specials))

	vocab := make(map[string]int, len(tr.toks))
	keys := make([]string, len(tr.toks))
	for id, b := range tr.toks {
		keys[id] = byteLevelEncode(b)
		vocab[keys[id]] = id
	}
	merges := make([][2]string, len(tr.merges))
	for i, m := range tr.merges {
		merges[i] = [2]string{keys[m[0]], keys[m[1]]}
	}
	added := make([]addedToken, len(opts.Specials))
	for i, s := range opts.Specials {
		added[i] = addedToken{ID: len(tr.toks) + i, Content: s, Special: true}
	}
	t := &Tokenizer{raw: map[string]json.RawMessage{
		"pre_tokenizer": preTokenizerJSON(sp),
		"decoder":       json.RawMessage(`{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}`),
	}}
	t.stages = []splitter{sp}
	if err := t.build(vocab, merges, added); err != nil {
		return nil, fmt.Errorf("tokenizer: train: %w", err) // not reached: the parts are consistent
	}
	return t, nil
}

func checkTrainOptions(opts TrainOptions) error {
	if min := 256 + len(opts.Specials); opts.VocabSize < min {
		return fmt.Errorf("tokenizer: train: VocabSize %d is too small: the 256 byte tokens and %d specials need at least %d", opts.VocabSize, len(opts.Specials), min)
	}
	seen := map[string]bool{}
	for i, s := range opts.Specials {
		switch {
		case s == "":
			return fmt.Errorf("tokenizer: train: Specials[%d] is empty", i)
		case !utf8.ValidString(s):
			return fmt.Errorf("tokenizer: train: Specials[%d] %q is not valid UTF-8", i, s)
		case seen[s]:
			return fmt.Errorf("tokenizer: train: Specials[%d] %q is a duplicate", i, s)
		}
		seen[s] = true
	}
	return nil
}

// preTokenizerJSON is the tokenizer.json pre_tokenizer of a trained
// tokenizer: GPT-2's ByteLevel, or Qwen2's Split followed by ByteLevel.
func preTokenizerJSON(sp splitter) json.RawMessage {
	if !sp.qwen {
		return json.RawMessage(`{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}`)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"Sequence","pretokenizers":[{"type":"Split","pattern":{"Regex":`)
	writeString(&b, sp.pattern())
	b.WriteString(`},"behavior":"Isolated","invert":false},{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":false,"use_regex":false}]}`)
	return b.Bytes()
}

// trainer holds the state of BPE training.
type trainer struct {
	toks   [][]byte         // token bytes by id
	index  map[string]int32 // token bytes → id
	merges [][2]int32

	words []trainWord
	count map[uint64]int64   // adjacent pair → occurrences, weighted by word frequency
	where map[uint64][]int32 // adjacent pair → words that have (or had) it
	heap  pairHeap
}

// trainWord is a distinct pre-token, as its current symbols.
type trainWord struct {
	syms []int32
	freq int64
}

func newTrainer(counts map[string]int64) *trainer {
	tr := &trainer{
		toks:  make([][]byte, 256),
		index: make(map[string]int32, 1024),
		count: map[uint64]int64{},
		where: map[uint64][]int32{},
	}
	for b := range 256 {
		tr.toks[b] = []byte{byte(b)}
		tr.index[string(tr.toks[b])] = int32(b)
	}
	tr.heap.toks = &tr.toks
	for _, k := range sortedKeys(counts) {
		w := int32(len(tr.words))
		syms := make([]int32, len(k))
		for i := range len(k) {
			syms[i] = int32(k[i])
		}
		f := counts[k]
		tr.words = append(tr.words, trainWord{syms: syms, freq: f})
		for i := range len(syms) - 1 {
			p := pairKey(syms[i], syms[i+1])
			tr.count[p] += f
			tr.where[p] = append(tr.where[p], w)
		}
	}
	for _, p := range sortedPairs(tr.count) {
		tr.heap.push(pairCount{p, tr.count[p]})
	}
	return tr
}

func sortedPairs(m map[uint64]int64) []uint64 {
	ps := make([]uint64, 0, len(m))
	for p := range m {
		ps = append(ps, p)
	}
	// Any order gives the same result (the heap's order is total); sorting
	// only keeps the work the same from run to run.
	slices.Sort(ps)
	return ps
}

// run merges until there are size tokens or no pair is left.
func (tr *trainer) run(size int) {
	stamp := make([]int, len(tr.words))
	delta := map[uint64]int64{}
	for iter := 1; len(tr.toks) < size; iter++ {
		best, ok := tr.popBest()
		if !ok {
			return
		}
		a, b := int32(best>>32), int32(uint32(best))
		nb := append(append([]byte(nil), tr.toks[a]...), tr.toks[b]...)
		id, exists := tr.index[string(nb)]
		if !exists {
			id = int32(len(tr.toks))
			tr.toks = append(tr.toks, nb)
			tr.index[string(nb)] = id
		}
		tr.merges = append(tr.merges, [2]int32{a, b})
		clear(delta)
		for _, w := range tr.where[best] {
			if stamp[w] == iter {
				continue
			}
			stamp[w] = iter
			word := &tr.words[w]
			s, f := word.syms, word.freq
			merged := false
			for i := 0; i < len(s)-1; i++ {
				if s[i] != a || s[i+1] != b {
					continue
				}
				merged = true
				if i > 0 {
					delta[pairKey(s[i-1], a)] -= f
					delta[pairKey(s[i-1], id)] += f
				}
				delta[best] -= f
				if i+2 < len(s) {
					delta[pairKey(b, s[i+2])] -= f
					delta[pairKey(id, s[i+2])] += f
				}
				s[i] = id
				s = append(s[:i+1], s[i+2:]...)
			}
			word.syms = s
			if !merged {
				continue
			}
			for i := range len(s) - 1 {
				if s[i] == id || s[i+1] == id {
					p := pairKey(s[i], s[i+1])
					tr.where[p] = append(tr.where[p], w)
				}
			}
		}
		delete(tr.where, best)
		for p, d := range delta {
			if d == 0 {
				continue
			}
			c := tr.count[p] + d
			if c <= 0 {
				delete(tr.count, p)
				continue
			}
			tr.count[p] = c
			tr.heap.push(pairCount{p, c})
		}
	}
}

// popBest removes and returns the most frequent pair, skipping heap
// entries whose count is out of date.
func (tr *trainer) popBest() (uint64, bool) {
	for len(tr.heap.items) > 0 {
		e := tr.heap.pop()
		if c, ok := tr.count[e.pair]; ok && c == e.count {
			delete(tr.count, e.pair)
			return e.pair, true
		}
	}
	return 0, false
}

// pairCount is a heap entry: a pair and its count when pushed.
type pairCount struct {
	pair  uint64
	count int64
}

// pairHeap orders pairs by count, most first, then by the bytes of their
// first token, then of their second.
type pairHeap struct {
	items []pairCount
	toks  *[][]byte
}

func (h *pairHeap) less(i, j int) bool {
	x, y := h.items[i], h.items[j]
	if x.count != y.count {
		return x.count > y.count
	}
	toks := *h.toks
	if c := bytes.Compare(toks[x.pair>>32], toks[y.pair>>32]); c != 0 {
		return c < 0
	}
	return bytes.Compare(toks[uint32(x.pair)], toks[uint32(y.pair)]) < 0
}

func (h *pairHeap) push(e pairCount) {
	h.items = append(h.items, e)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *pairHeap) pop() pairCount {
	s := h.items
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	h.items = s[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.items) && h.less(l, m) {
			m = l
		}
		if r < len(h.items) && h.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}
