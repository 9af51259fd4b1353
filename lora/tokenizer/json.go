package tokenizer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The tokenizer.json sections that are kept as read and written back.
var rawSections = []string{"truncation", "padding", "normalizer", "pre_tokenizer", "post_processor", "decoder"}

// Parse reads the bytes of a Hugging Face tokenizer.json. It accepts
// byte-level BPE models: a normalizer that is null or NFC (NFC is not
// applied), a pre-tokenizer made of ByteLevel and Split steps with GPT-2's,
// Qwen2's or Llama-3's regex, and a ByteLevel decoder. Anything else is an
// error that names the field.
func Parse(data []byte) (*Tokenizer, error) {
	t, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	return t, nil
}

func parse(data []byte) (*Tokenizer, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if top == nil {
		return nil, fmt.Errorf("malformed JSON: want an object, got null")
	}
	m, err := parseModel(top["model"])
	if err != nil {
		return nil, err
	}
	t := &Tokenizer{raw: map[string]json.RawMessage{}}
	for _, k := range rawSections {
		if v := top[k]; !isNull(v) {
			t.raw[k] = v
		}
	}
	if err := checkNormalizer(t.raw["normalizer"]); err != nil {
		return nil, err
	}
	var st preState
	if err := st.parse(t.raw["pre_tokenizer"], "pre_tokenizer"); err != nil {
		return nil, err
	}
	if !st.byteLevel {
		return nil, fmt.Errorf("pre_tokenizer: no ByteLevel step; only byte-level BPE is supported")
	}
	t.stages = st.stages
	if err := checkDecoder(t.raw["decoder"]); err != nil {
		return nil, err
	}
	var added []addedToken
	if v := top["added_tokens"]; !isNull(v) {
		if err := json.Unmarshal(v, &added); err != nil {
			return nil, fmt.Errorf("added_tokens: %w", err)
		}
	}
	t.ignoreMerges, t.fuseUnk, t.unkToken, t.arrayMerge = m.ignoreMerges, m.fuseUnk, m.unkToken, m.arrayMerge
	if err := t.build(m.vocab, m.merges, added); err != nil {
		return nil, err
	}
	return t, nil
}

func isNull(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) == 0 || string(v) == "null"
}

// typeOf reads the "type" field of a section.
func typeOf(v json.RawMessage, path string) (string, error) {
	var x struct {
		Type *string `json:"type"`
	}
	if err := json.Unmarshal(v, &x); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if x.Type == nil {
		return "", fmt.Errorf("%s.type: missing", path)
	}
	return *x.Type, nil
}

func checkNormalizer(v json.RawMessage) error {
	if isNull(v) {
		return nil
	}
	typ, err := typeOf(v, "normalizer")
	if err != nil {
		return err
	}
	if typ != "NFC" {
		return fmt.Errorf("normalizer.type: unsupported normalizer %q (only null and NFC are)", typ)
	}
	return nil
}

func checkDecoder(v json.RawMessage) error {
	if isNull(v) {
		return nil
	}
	typ, err := typeOf(v, "decoder")
	if err != nil {
		return err
	}
	if typ != "ByteLevel" {
		return fmt.Errorf("decoder.type: unsupported decoder %q (only ByteLevel is)", typ)
	}
	return nil
}

// preState collects the steps of the pre-tokenizer.
type preState struct {
	stages    []splitter
	byteLevel bool
}

func (st *preState) parse(v json.RawMessage, path string) error {
	if isNull(v) {
		return fmt.Errorf("%s: missing; a byte-level BPE needs a ByteLevel pre-tokenizer", path)
	}
	var p struct {
		Type           *string           `json:"type"`
		AddPrefixSpace bool              `json:"add_prefix_space"`
		UseRegex       *bool             `json:"use_regex"`
		Pretokenizers  []json.RawMessage `json:"pretokenizers"`
		Pattern        *struct {
			Regex  *string `json:"Regex"`
			String *string `json:"String"`
		} `json:"pattern"`
		Behavior string `json:"behavior"`
		Invert   bool   `json:"invert"`
	}
	if err := json.Unmarshal(v, &p); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if p.Type == nil {
		return fmt.Errorf("%s.type: missing", path)
	}
	switch *p.Type {
	case "ByteLevel":
		if st.byteLevel {
			return fmt.Errorf("%s: a second ByteLevel step is not supported", path)
		}
		if p.AddPrefixSpace {
			return fmt.Errorf("%s.add_prefix_space: true is not supported", path)
		}
		st.byteLevel = true
		if p.UseRegex == nil || *p.UseRegex {
			st.stages = append(st.stages, splitter{})
		}
	case "Split":
		if st.byteLevel {
			return fmt.Errorf("%s: a Split after the ByteLevel step is not supported", path)
		}
		if p.Pattern == nil || p.Pattern.Regex == nil {
			return fmt.Errorf("%s.pattern: only a Regex pattern is supported", path)
		}
		sp, ok := parsePattern(*p.Pattern.Regex)
		if !ok {
			return fmt.Errorf("%s.pattern.Regex: unsupported regex %q (GPT-2's, Qwen2's and Llama-3's are supported)", path, *p.Pattern.Regex)
		}
		if p.Behavior != "Isolated" {
			return fmt.Errorf("%s.behavior: unsupported behavior %q (only Isolated is)", path, p.Behavior)
		}
		if p.Invert {
			return fmt.Errorf("%s.invert: true is not supported", path)
		}
		st.stages = append(st.stages, sp)
	case "Sequence":
		for i, q := range p.Pretokenizers {
			if err := st.parse(q, fmt.Sprintf("%s.pretokenizers[%d]", path, i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s.type: unsupported pre-tokenizer %q (ByteLevel, Split and Sequence are supported)", path, *p.Type)
	}
	return nil
}

// model is the parsed "model" section.
type model struct {
	vocab        map[string]int
	merges       [][2]string
	unkToken     *string
	fuseUnk      bool
	ignoreMerges bool
	arrayMerge   bool
}

func parseModel(v json.RawMessage) (*model, error) {
	if isNull(v) {
		return nil, fmt.Errorf("model: missing")
	}
	var x struct {
		Type                    *string         `json:"type"`
		Dropout                 *float64        `json:"dropout"`
		UnkToken                *string         `json:"unk_token"`
		ContinuingSubwordPrefix *string         `json:"continuing_subword_prefix"`
		EndOfWordSuffix         *string         `json:"end_of_word_suffix"`
		FuseUnk                 bool            `json:"fuse_unk"`
		ByteFallback            bool            `json:"byte_fallback"`
		IgnoreMerges            bool            `json:"ignore_merges"`
		Vocab                   json.RawMessage `json:"vocab"`
		Merges                  json.RawMessage `json:"merges"`
	}
	if err := json.Unmarshal(v, &x); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	switch {
	case x.Type == nil && x.Merges == nil:
		return nil, fmt.Errorf("model.type: missing")
	case x.Type != nil && *x.Type != "BPE":
		return nil, fmt.Errorf("model.type: unsupported model %q (only BPE is)", *x.Type)
	case x.Dropout != nil && *x.Dropout != 0:
		return nil, fmt.Errorf("model.dropout: BPE dropout is not supported")
	case x.ContinuingSubwordPrefix != nil && *x.ContinuingSubwordPrefix != "":
		return nil, fmt.Errorf("model.continuing_subword_prefix: %q is not supported", *x.ContinuingSubwordPrefix)
	case x.EndOfWordSuffix != nil && *x.EndOfWordSuffix != "":
		return nil, fmt.Errorf("model.end_of_word_suffix: %q is not supported", *x.EndOfWordSuffix)
	case x.ByteFallback:
		return nil, fmt.Errorf("model.byte_fallback: true is not supported (byte-level BPE needs no fallback)")
	}
	m := &model{unkToken: x.UnkToken, fuseUnk: x.FuseUnk, ignoreMerges: x.IgnoreMerges}
	if !isNull(x.Vocab) {
		if err := json.Unmarshal(x.Vocab, &m.vocab); err != nil {
			return nil, fmt.Errorf("model.vocab: %w", err)
		}
	}
	if isNull(x.Merges) {
		return m, nil
	}
	// Most files have all merges as "a b" strings or all as pairs.
	var strs []string
	if json.Unmarshal(x.Merges, &strs) == nil {
		m.merges = make([][2]string, len(strs))
		for i, s := range strs {
			a, b, ok := strings.Cut(s, " ")
			if !ok || strings.Contains(b, " ") {
				return nil, fmt.Errorf("model.merges[%d]: %q is not two tokens separated by one space", i, s)
			}
			m.merges[i] = [2]string{a, b}
		}
		return m, nil
	}
	var pairs [][]string
	if json.Unmarshal(x.Merges, &pairs) == nil {
		m.merges, m.arrayMerge = make([][2]string, len(pairs)), true
		for i, p := range pairs {
			if len(p) != 2 {
				return nil, fmt.Errorf("model.merges[%d]: want a pair of tokens, got %d", i, len(p))
			}
			m.merges[i] = [2]string{p[0], p[1]}
		}
		return m, nil
	}
	var merges []json.RawMessage
	if err := json.Unmarshal(x.Merges, &merges); err != nil {
		return nil, fmt.Errorf("model.merges: %w", err)
	}
	m.merges = make([][2]string, len(merges))
	for i, r := range merges {
		r = bytes.TrimSpace(r)
		if len(r) > 0 && r[0] == '"' {
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				return nil, fmt.Errorf("model.merges[%d]: %w", i, err)
			}
			a, b, ok := strings.Cut(s, " ")
			if !ok || strings.Contains(b, " ") {
				return nil, fmt.Errorf("model.merges[%d]: %q is not two tokens separated by one space", i, s)
			}
			m.merges[i] = [2]string{a, b}
			continue
		}
		var pair []string
		if err := json.Unmarshal(r, &pair); err != nil || len(pair) != 2 {
			return nil, fmt.Errorf("model.merges[%d]: want \"a b\" or [\"a\", \"b\"], got %s", i, clip(r))
		}
		m.merges[i] = [2]string{pair[0], pair[1]}
		m.arrayMerge = true
	}
	return m, nil
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}

// build fills the vocabulary, merges and added tokens. Vocab keys are
// byte-level strings; merges name vocab keys.
func (t *Tokenizer) build(vocab map[string]int, merges [][2]string, added []addedToken) error {
	maxID := -1
	limit := 2*(len(vocab)+len(added)) + 1<<16
	for k, id := range vocab {
		if id < 0 || id >= limit {
			return fmt.Errorf("model.vocab: %q has id %d, outside 0..%d", k, id, limit-1)
		}
		maxID = max(maxID, id)
	}
	for i, a := range added {
		if a.ID < 0 || a.ID >= limit {
			return fmt.Errorf("added_tokens[%d]: id %d outside 0..%d", i, a.ID, limit-1)
		}
		maxID = max(maxID, a.ID)
	}
	t.tokens = make([]token, maxID+1)
	t.vocabKeys = make([]string, maxID+1)
	t.rawToID = make(map[string]int, len(vocab))
	for k, id := range vocab {
		if k == "" {
			return fmt.Errorf("model.vocab: empty token")
		}
		if o := t.vocabKeys[id]; o != "" {
			a, b := min(k, o), max(k, o)
			return fmt.Errorf("model.vocab: id %d is given to both %q and %q", id, a, b)
		}
		t.vocabKeys[id] = k
		raw, ok := byteLevelDecode(k)
		if ok {
			t.rawToID[string(raw)] = id
		} else {
			raw = []byte(k) // not byte-level: decoded as its UTF-8, as Hugging Face does
		}
		t.tokens[id].bytes = raw
	}
	for b := range 256 {
		t.byteID[b] = -1
		if id, ok := t.rawToID[string([]byte{byte(b)})]; ok {
			t.byteID[b] = int32(id)
		}
	}
	t.cache = newPieceCache()
	t.merges = make(map[uint64]uint64, len(merges))
	t.mergeList = make([][2]int32, len(merges))
	for i, m := range merges {
		a, ok := vocab[m[0]]
		if !ok {
			return fmt.Errorf("model.merges[%d]: %q is not in model.vocab", i, m[0])
		}
		b, ok := vocab[m[1]]
		if !ok {
			return fmt.Errorf("model.merges[%d]: %q is not in model.vocab", i, m[1])
		}
		ab, ok := vocab[m[0]+m[1]]
		if !ok {
			return fmt.Errorf("model.merges[%d]: the merged token %q is not in model.vocab", i, m[0]+m[1])
		}
		// A repeated merge takes its last rank, as in Hugging Face.
		t.merges[pairKey(int32(a), int32(b))] = uint64(i)<<32 | uint64(ab)
		t.mergeList[i] = [2]int32{int32(a), int32(b)}
	}
	t.unk = -1
	if t.unkToken != nil {
		if id, ok := vocab[*t.unkToken]; ok {
			t.unk = int32(id)
		}
	}
	t.added = make(map[string]int, len(added))
	t.addedList = added
	last := make(map[string]int, len(added)) // a content given twice counts by its last entry
	for i, a := range added {
		if a.Content == "" {
			return fmt.Errorf("added_tokens[%d]: empty content", i)
		}
		t.tokens[a.ID] = token{bytes: []byte(a.Content), special: a.Special}
		t.added[a.Content] = a.ID
		last[a.Content] = i
	}
	for i, a := range added {
		if !a.Special && last[a.Content] == i {
			t.match = append(t.match, a.Content)
		}
	}
	return nil
}

// Marshal returns the tokenizer as a Hugging Face tokenizer.json, which
// Hugging Face's Tokenizer.from_file loads and Parse reads back to the same
// tokenizer.
func (t *Tokenizer) Marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("{\n  \"version\": \"1.0\",\n")
	section := func(name string) error {
		b.WriteString("  ")
		writeString(&b, name)
		b.WriteString(": ")
		v := t.raw[name]
		if isNull(v) {
			b.WriteString("null")
		} else if err := json.Indent(&b, v, "  ", "  "); err != nil {
			return fmt.Errorf("tokenizer: %s: %w", name, err)
		}
		b.WriteString(",\n")
		return nil
	}
	for _, s := range rawSections[:2] {
		if err := section(s); err != nil {
			return nil, err
		}
	}
	b.WriteString("  \"added_tokens\": [")
	for i, a := range t.addedList {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\"id\": ")
		b.WriteString(strconv.Itoa(a.ID))
		b.WriteString(", \"content\": ")
		writeString(&b, a.Content)
		fmt.Fprintf(&b, ", \"single_word\": %t, \"lstrip\": %t, \"rstrip\": %t, \"normalized\": %t, \"special\": %t}",
			a.SingleWord, a.LStrip, a.RStrip, a.Normalized, a.Special)
	}
	if len(t.addedList) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n")
	for _, s := range rawSections[2:] {
		if err := section(s); err != nil {
			return nil, err
		}
	}
	b.WriteString("  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": ")
	if t.unkToken == nil {
		b.WriteString("null")
	} else {
		writeString(&b, *t.unkToken)
	}
	fmt.Fprintf(&b, ",\n    \"continuing_subword_prefix\": null,\n    \"end_of_word_suffix\": null,\n    \"fuse_unk\": %t,\n    \"byte_fallback\": false,\n    \"ignore_merges\": %t,\n    \"vocab\": {", t.fuseUnk, t.ignoreMerges)
	first := true
	for id, k := range t.vocabKeys {
		if k == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString("\n      ")
		writeString(&b, k)
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(id))
	}
	b.WriteString("\n    },\n    \"merges\": [")
	arrays := t.arrayMerge
	for _, m := range t.mergeList {
		if strings.Contains(t.vocabKeys[m[0]], " ") || strings.Contains(t.vocabKeys[m[1]], " ") {
			arrays = true
		}
	}
	for i, m := range t.mergeList {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n      ")
		a, c := t.vocabKeys[m[0]], t.vocabKeys[m[1]]
		if arrays {
			b.WriteByte('[')
			writeString(&b, a)
			b.WriteString(", ")
			writeString(&b, c)
			b.WriteByte(']')
		} else {
			writeString(&b, a+" "+c)
		}
	}
	b.WriteString("\n    ]\n  }\n}\n")
	return b.Bytes(), nil
}

// writeString writes s as a JSON string, without escaping HTML characters
// (so "<|endoftext|>" stays readable). Invalid UTF-8 becomes U+FFFD.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
		i++
	}
	b.WriteByte('"')
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
