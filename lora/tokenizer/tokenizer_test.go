package tokenizer

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func loadTestdata(t testing.TB, name string) *Tokenizer {
	t.Helper()
	tok, err := Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// testTokenizers are the tokenizers the generic tests run on.
func testTokenizers(t testing.TB) map[string]*Tokenizer {
	return map[string]*Tokenizer{
		"trained":     trainedTokenizer(t),
		"gpt2-tiny":   loadTestdata(t, "gpt2-tiny.json"),
		"llama3-tiny": loadTestdata(t, "llama3-tiny.json"),
	}
}

var roundTripCases = []string{
	"",
	"a",
	"Hello, world! It's 12:30.",
	"Q: 17+25=42\nQ: 100-7=93",
	"  leading and trailing spaces  ",
	"tabs\tand\r\nnewlines\n\n\n",
	"héllo wörld, ça va? 中文字符 Ελληνικά русский",
	"emoji 😀👍🏽👨‍👩‍👧 and flags 🇫🇷",
	"invalid \xff\xfe UTF-8 \xc3 truncated \xe4\xb8 and \xed\xa0\x80 surrogate",
	"NUL \x00 bytes \x00\x00 and controls \x01\x7f",
	"<|im_end|> inside <|im_start|>plain<|endoftext|> text",
	strings.Repeat("a", 1000),
	strings.Repeat("ab ", 400),
	strings.Repeat("\xff", 100),
}

func TestRoundTrip(t *testing.T) {
	for name, tok := range testTokenizers(t) {
		for _, s := range roundTripCases {
			ids := tok.Encode(s)
			if got := tok.Decode(ids); got != s {
				t.Errorf("%s: Decode(Encode(%q)) = %q", name, s, got)
			}
			for _, id := range ids {
				if id < 0 || id >= tok.VocabSize() {
					t.Errorf("%s: Encode(%q) gave id %d outside the vocabulary", name, s, id)
				}
			}
		}
	}
}

func TestSpecialsStayPlain(t *testing.T) {
	tok := trainedTokenizer(t)
	for _, sp := range chatSpecials {
		id, ok := tok.TokenID(sp)
		if !ok || !tok.IsSpecial(id) {
			t.Fatalf("TokenID(%q) = %d, %v; want a special token", sp, id, ok)
		}
		ids := tok.Encode("x" + sp + "y")
		if slices.Contains(ids, id) {
			t.Errorf("Encode of plain text with %q gave the special token: %v", sp, ids)
		}
		for _, i := range ids {
			if tok.IsSpecial(i) {
				t.Errorf("Encode(%q) gave special token %d", sp, i)
			}
		}
		if got := tok.Decode(ids); got != "x"+sp+"y" {
			t.Errorf("round trip = %q", got)
		}
		if got := string(tok.TokenBytes(id)); got != sp {
			t.Errorf("TokenBytes(%d) = %q, want %q", id, got, sp)
		}
	}
}

// The known encodings of the hand-written tokenizer.json files were checked
// against Hugging Face's tokenizers.
func TestKnownEncodings(t *testing.T) {
	for _, c := range []struct {
		file string
		in   string
		want []int
	}{
		{"gpt2-tiny.json", "the", []int{83, 258}},
		{"gpt2-tiny.json", " the", []int{262}},
		{"gpt2-tiny.json", "Hello world", []int{39, 68, 75, 75, 78, 266, 273, 75, 67}},
		{"gpt2-tiny.json", " and the", []int{290, 262}},
		{"gpt2-tiny.json", "it's", []int{270, 6, 82}},
		{"gpt2-tiny.json", "\n", []int{198}},
		{"gpt2-tiny.json", "héllo", []int{71, 127, 102, 75, 75, 78}},
		{"gpt2-tiny.json", "a<sep>b", []int{64, 292, 65}}, // a non-special added token is split out
		{"gpt2-tiny.json", " the<sep><sep> and", []int{262, 292, 292, 290}},
		{"gpt2-tiny.json", "<|endoftext|>", []int{27, 91, 268, 67, 78, 69, 83, 68, 87, 83, 91, 29}}, // special: plain text
		{"llama3-tiny.json", "Hello world", []int{265, 264}},                                        // ignore_merges: whole pre-tokens from the vocab
		{"llama3-tiny.json", "Hellos", []int{72, 263, 115}},
		{"llama3-tiny.json", " the", []int{258}},
		{"llama3-tiny.json", "the", []int{116, 257}},
		{"llama3-tiny.json", "12345", []int{260, 52, 53}},
		{"llama3-tiny.json", "IT'S", []int{73, 84, 39, 83}},
	} {
		tok := loadTestdata(t, c.file)
		if got := tok.Encode(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: Encode(%q) = %v, want %v", c.file, c.in, got, c.want)
		}
	}
	gpt2 := loadTestdata(t, "gpt2-tiny.json")
	if id, ok := gpt2.TokenID("<|endoftext|>"); !ok || id != 291 || !gpt2.IsSpecial(291) {
		t.Errorf("TokenID(<|endoftext|>) = %d, %v", id, ok)
	}
	if id, ok := gpt2.TokenID("<sep>"); !ok || id != 292 || gpt2.IsSpecial(292) {
		t.Errorf("TokenID(<sep>) = %d, %v, special %v", id, ok, gpt2.IsSpecial(292))
	}
	if id, ok := gpt2.TokenID(" the"); !ok || id != 262 {
		t.Errorf("TokenID(\" the\") = %d, %v; want 262 (raw text, not Ġthe)", id, ok)
	}
	if _, ok := gpt2.TokenID("Ġthe"); ok {
		t.Error("TokenID found a byte-level string; it takes raw text")
	}
	if got := gpt2.VocabSize(); got != 293 {
		t.Errorf("VocabSize = %d, want 293", got)
	}
	if _, err := gpt2.Chat(nil, true); err == nil {
		t.Error("Chat worked on a tokenizer without <|im_start|>")
	}
}

func TestMarshalParse(t *testing.T) {
	for name, tok := range testTokenizers(t) {
		js, err := tok.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(js) {
			t.Fatalf("%s: Marshal wrote invalid JSON", name)
		}
		var top map[string]any
		if err := json.Unmarshal(js, &top); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"} {
			if _, ok := top[k]; !ok {
				t.Errorf("%s: Marshal lacks %q", name, k)
			}
		}
		back, err := Parse(js)
		if err != nil {
			t.Fatalf("%s: Parse(Marshal()) = %v", name, err)
		}
		if back.VocabSize() != tok.VocabSize() {
			t.Fatalf("%s: VocabSize %d after the round trip, was %d", name, back.VocabSize(), tok.VocabSize())
		}
		for id := range tok.VocabSize() {
			if !bytes.Equal(back.TokenBytes(id), tok.TokenBytes(id)) || back.IsSpecial(id) != tok.IsSpecial(id) {
				t.Fatalf("%s: token %d differs after the round trip", name, id)
			}
		}
		for _, s := range append(roundTripCases, synthDocs(200, 9)...) {
			if a, b := tok.Encode(s), back.Encode(s); !slices.Equal(a, b) {
				t.Fatalf("%s: Encode(%q) = %v after the round trip, was %v", name, s, b, a)
			}
		}
		again, err := back.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(js, again) {
			t.Errorf("%s: Marshal(Parse(Marshal())) differs from Marshal()", name)
		}
	}
}

func TestMarshalTrainedFormat(t *testing.T) {
	for _, split := range []bool{true, false} {
		tok, err := Train(synthDocs(300, 2), TrainOptions{VocabSize: 300, Specials: chatSpecials, SplitDigits: split})
		if err != nil {
			t.Fatal(err)
		}
		js, _ := tok.Marshal()
		var f struct {
			Version      string          `json:"version"`
			AddedTokens  []addedToken    `json:"added_tokens"`
			PreTokenizer json.RawMessage `json:"pre_tokenizer"`
			Model        struct {
				Type         string         `json:"type"`
				IgnoreMerges *bool          `json:"ignore_merges"`
				Vocab        map[string]int `json:"vocab"`
				Merges       []string       `json:"merges"`
			} `json:"model"`
		}
		if err := json.Unmarshal(js, &f); err != nil {
			t.Fatal(err)
		}
		if f.Version != "1.0" || f.Model.Type != "BPE" || f.Model.IgnoreMerges == nil || *f.Model.IgnoreMerges {
			t.Errorf("header: %+v", f)
		}
		if len(f.Model.Vocab) != 300-len(chatSpecials) || len(f.Model.Merges) != 300-256-len(chatSpecials) {
			t.Errorf("vocab %d, merges %d", len(f.Model.Vocab), len(f.Model.Merges))
		}
		if f.Model.Vocab["Ā"] != 0 || f.Model.Vocab["Ġ"] != ' ' || f.Model.Vocab["a"] != 'a' {
			t.Errorf("byte tokens are not ids 0..255 in byte order")
		}
		for i, a := range f.AddedTokens {
			if a.ID != 297+i || a.Content != chatSpecials[i] || !a.Special {
				t.Errorf("added token %d: %+v", i, a)
			}
		}
		wantSplit := bytes.Contains(f.PreTokenizer, []byte(`"Split"`))
		if wantSplit != split {
			t.Errorf("SplitDigits %v wrote pre_tokenizer %s", split, f.PreTokenizer)
		}
	}
}

func TestChat(t *testing.T) {
	tok := trainedTokenizer(t)
	start, _ := tok.TokenID("<|im_start|>")
	end, _ := tok.TokenID("<|im_end|>")
	msgs := []Message{{"system", "Be brief."}, {"user", "Q: 2+2= <|im_end|>"}, {"assistant", "4"}}
	ids, err := tok.Chat(msgs, true)
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for _, m := range msgs {
		want = append(want, start)
		want = append(want, tok.Encode(m.Role+"\n"+m.Content)...)
		want = append(want, end)
		want = append(want, tok.Encode("\n")...)
	}
	want = append(want, start)
	want = append(want, tok.Encode("assistant\n")...)
	if !slices.Equal(ids, want) {
		t.Fatalf("Chat = %v, want %v", ids, want)
	}
	if got := tok.Decode(ids); got != ChatText(msgs, true) {
		t.Errorf("Decode(Chat) = %q, want ChatText's %q", got, ChatText(msgs, true))
	}
	// The <|im_end|> inside the user's content stays plain text.
	n := 0
	for _, id := range ids {
		if id == end {
			n++
		}
	}
	if n != len(msgs) {
		t.Errorf("%d <|im_end|> tokens, want %d", n, len(msgs))
	}
	ids, err = tok.Chat(nil, true)
	if err != nil || len(ids) == 0 || ids[0] != start {
		t.Errorf("Chat(nil, true) = %v, %v", ids, err)
	}
	if ids, _ := tok.Chat(nil, false); len(ids) != 0 {
		t.Errorf("Chat(nil, false) = %v", ids)
	}
}

// The expected texts are what Hugging Face's Jinja renders ChatTemplateJinja
// to, checked when written.
func TestChatText(t *testing.T) {
	msgs := []Message{{"system", "Answer with the number only."}, {"user", "Q: 1+2=\n it's <|im_end|> 'x' \\n"}, {"assistant", "3"}}
	want := "<|im_start|>system\nAnswer with the number only.<|im_end|>\n<|im_start|>user\nQ: 1+2=\n it's <|im_end|> 'x' \\n<|im_end|>\n<|im_start|>assistant\n3<|im_end|>\n"
	if got := ChatText(msgs, false); got != want {
		t.Errorf("ChatText = %q, want %q", got, want)
	}
	if got := ChatText(msgs, true); got != want+"<|im_start|>assistant\n" {
		t.Errorf("ChatText with generation prompt = %q", got)
	}
	if got := ChatText(nil, true); got != "<|im_start|>assistant\n" {
		t.Errorf("ChatText(nil, true) = %q", got)
	}
	for _, part := range []string{"'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'", "add_generation_prompt", "'<|im_start|>assistant\\n'"} {
		if !strings.Contains(ChatTemplateJinja, part) {
			t.Errorf("ChatTemplateJinja lacks %q", part)
		}
	}
}

func TestConcurrentEncode(t *testing.T) {
	tok, err := Train(synthDocs(500, 4), TrainOptions{VocabSize: 400, Specials: chatSpecials, SplitDigits: true})
	if err != nil {
		t.Fatal(err)
	}
	docs := synthDocs(400, 5)
	want := make([][]int, len(docs))
	for i, d := range docs {
		want[i] = tok.Encode(d)
	}
	tok.cache = newPieceCache() // start cold, so the goroutines fill it together
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range docs {
				i := (k + g*37) % len(docs)
				if got := tok.Encode(docs[i]); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Encode(%q) = %v, want %v", docs[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCacheCollisions(t *testing.T) {
	tok, err := Train(synthDocs(500, 4), TrainOptions{VocabSize: 400, SplitDigits: true})
	if err != nil {
		t.Fatal(err)
	}
	// More distinct pre-tokens than slots: entries replace each other.
	r := rand.New(rand.NewPCG(1, 1))
	var b strings.Builder
	for range 2 * cacheSlots {
		b.WriteString(" w")
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
	}
	s := b.String()
	first := tok.Encode(s)
	if tok.Decode(first) != s {
		t.Fatal("round trip failed")
	}
	if second := tok.Encode(s); !slices.Equal(first, second) {
		t.Error("encoding changed once the cache was full")
	}
}

// mergeSmall and mergeHeap must agree; long pre-tokens use the heap.
func TestMergeMethodsAgree(t *testing.T) {
	tok := trainedTokenizer(t)
	r := rand.New(rand.NewPCG(3, 3))
	docs := synthDocs(300, 8)
	for range 2000 {
		d := docs[r.IntN(len(docs))]
		i := r.IntN(len(d))
		j := min(len(d), i+1+r.IntN(smallWord))
		p := d[i:j]
		syms := make([]int32, len(p))
		for k := range len(p) {
			syms[k] = tok.byteID[p[k]]
		}
		a := tok.mergeSmall(slices.Clone(syms))
		b := tok.mergeHeap(slices.Clone(syms))
		if !slices.Equal(a, b) {
			t.Fatalf("%q: mergeSmall %v, mergeHeap %v", p, a, b)
		}
	}
}

func TestLongPieces(t *testing.T) {
	tok := trainedTokenizer(t)
	// One pre-token of a million letters must not take quadratic time.
	s := strings.Repeat("abcdefgh", 1<<17)
	ids := tok.Encode(s)
	if tok.Decode(ids) != s {
		t.Fatal("long pre-token does not round-trip")
	}
	if len(ids) >= len(s) {
		t.Errorf("no merges in a long pre-token: %d tokens for %d bytes", len(ids), len(s))
	}
}

func TestTokenBytesAndRange(t *testing.T) {
	tok := trainedTokenizer(t)
	for b := range 256 {
		if got := tok.TokenBytes(b); len(got) != 1 || got[0] != byte(b) {
			t.Errorf("TokenBytes(%d) = %q", b, got)
		}
	}
	for _, id := range []int{-1, tok.VocabSize(), 1 << 40} {
		if tok.TokenBytes(id) != nil || tok.IsSpecial(id) {
			t.Errorf("id %d outside the vocabulary has bytes or is special", id)
		}
	}
	if got := tok.Decode([]int{-5, 'h', 1 << 30, 'i'}); got != "hi" {
		t.Errorf("Decode skips unknown ids: got %q", got)
	}
	if _, ok := tok.TokenID("no such token"); ok {
		t.Error("TokenID found a missing token")
	}
}

func TestLoadErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokenizer.json")
	os.WriteFile(path, []byte(`{"model": {"type": "WordPiece"}}`), 0o644)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "model.type") {
		t.Errorf("Load error = %v; want the path and the field", err)
	}
	_, err = Load(filepath.Join(dir, "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "gpt2-tiny.json"))
	if err != nil {
		t.Fatal(err)
	}
	// edit returns the base file with a JSON path set to value.
	edit := func(value any, path ...string) []byte {
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			t.Fatal(err)
		}
		o := m
		for _, p := range path[:len(path)-1] {
			o = o[p].(map[string]any)
		}
		o[path[len(path)-1]] = value
		b, _ := json.Marshal(m)
		return b
	}
	seq := func(steps ...any) map[string]any { return map[string]any{"type": "Sequence", "pretokenizers": steps} }
	split := func(re string) map[string]any {
		return map[string]any{"type": "Split", "pattern": map[string]any{"Regex": re}, "behavior": "Isolated", "invert": false}
	}
	byteLevel := map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}
	for _, c := range []struct {
		name string
		data []byte
		want string // a part of the error
	}{
		{"malformed JSON", []byte(`{"model": `), "malformed JSON"},
		{"not an object", []byte(`[1, 2]`), "malformed JSON"},
		{"null", []byte(`null`), "malformed JSON"},
		{"no model", edit(nil, "model"), "model: missing"},
		{"model type", edit("WordPiece", "model", "type"), "model.type"},
		{"dropout", edit(0.1, "model", "dropout"), "model.dropout"},
		{"byte fallback", edit(true, "model", "byte_fallback"), "model.byte_fallback"},
		{"suffix", edit("</w>", "model", "end_of_word_suffix"), "model.end_of_word_suffix"},
		{"prefix", edit("##", "model", "continuing_subword_prefix"), "model.continuing_subword_prefix"},
		{"merge unknown token", edit([]string{"Ġ t", "Ġ zzz"}, "model", "merges"), "model.merges[1]"},
		{"merged token missing", edit([]string{"x y"}, "model", "merges"), "model.merges[0]: the merged token"},
		{"merge not a pair", edit([]string{"a b c"}, "model", "merges"), "model.merges[0]"},
		{"merge array of three", edit([][]string{{"a", "b", "c"}}, "model", "merges"), "model.merges[0]"},
		{"merges not a list", edit("a b", "model", "merges"), "model.merges"},
		{"vocab not an object", edit([]int{1}, "model", "vocab"), "model.vocab"},
		{"vocab negative id", edit(map[string]any{"a": -1}, "model", "vocab"), "model.vocab"},
		{"vocab huge id", edit(map[string]any{"a": 1 << 40}, "model", "vocab"), "model.vocab"},
		{"vocab duplicate id", edit(map[string]any{"a": 1, "b": 1}, "model", "vocab"), "model.vocab: id 1"},
		{"normalizer", edit(map[string]any{"type": "Lowercase"}, "normalizer"), "normalizer.type"},
		{"decoder", edit(map[string]any{"type": "WordPiece"}, "decoder"), "decoder.type"},
		{"no pre-tokenizer", edit(nil, "pre_tokenizer"), "pre_tokenizer: missing"},
		{"pre-tokenizer type", edit(map[string]any{"type": "Whitespace"}, "pre_tokenizer"), "pre_tokenizer.type"},
		{"prefix space", edit(true, "pre_tokenizer", "add_prefix_space"), "pre_tokenizer.add_prefix_space"},
		{"unknown regex", edit(seq(split(`\w+`), byteLevel), "pre_tokenizer"), "pre_tokenizer.pretokenizers[0].pattern.Regex"},
		{"no byte level", edit(seq(split(patternQwen2)), "pre_tokenizer"), "no ByteLevel"},
		{"split after byte level", edit(seq(byteLevel, split(patternQwen2)), "pre_tokenizer"), "pre_tokenizer.pretokenizers[1]"},
		{"added token id", edit([]any{map[string]any{"id": -3, "content": "x"}}, "added_tokens"), "added_tokens[0]"},
		{"added token empty", edit([]any{map[string]any{"id": 3, "content": ""}}, "added_tokens"), "added_tokens[0]"},
		{"added tokens type", edit("x", "added_tokens"), "added_tokens"},
	} {
		_, err := Parse(c.data)
		if err == nil {
			t.Errorf("%s: Parse succeeded", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not name %q", c.name, err, c.want)
		}
	}
	// Accepted variants.
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"NFC", edit(map[string]any{"type": "NFC"}, "normalizer")},
		{"no decoder", edit(nil, "decoder")},
		{"no type, merges present", edit(nil, "model", "type")},
		{"Qwen2 sequence", edit(seq(split(patternQwen2), byteLevel), "pre_tokenizer")},
		{"merges as arrays", edit([][]string{{"Ġ", "t"}, {"h", "e"}}, "model", "merges")},
	} {
		if _, err := Parse(c.data); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// Without a token for some byte the text cannot round-trip; such bytes are
// dropped, or become the unknown token, as in Hugging Face.
func TestMissingByteTokens(t *testing.T) {
	js := `{"pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE", "unk_token": "a", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}`
	tok, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if got := tok.Encode("abxab"); !slices.Equal(got, []int{2, 0, 2}) {
		t.Errorf("Encode with an unknown byte = %v", got)
	}
	js = strings.Replace(js, `"unk_token": "a", `, "", 1)
	tok, err = Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if got := tok.Encode("abxab"); !slices.Equal(got, []int{2, 2}) {
		t.Errorf("Encode without unk_token = %v", got)
	}
}
