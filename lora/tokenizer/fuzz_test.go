package tokenizer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzRoundTrip(f *testing.F) {
	for _, s := range roundTripCases[:len(roundTripCases)-3] {
		f.Add(s)
	}
	toks := testTokenizers(f)
	f.Fuzz(func(t *testing.T, s string) {
		for name, tok := range toks {
			ids := tok.Encode(s)
			if got := tok.Decode(ids); got != s {
				t.Fatalf("%s: Decode(Encode(%q)) = %q (ids %v)", name, s, got, ids)
			}
		}
		for _, sp := range []splitter{gpt2Split, qwen2Split, llama3Split} {
			ps := preTokenize([]splitter{sp}, s)
			if strings.Join(ps, "") != s {
				t.Fatalf("%+v: pre-tokens %q do not join to %q", sp, ps, s)
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"gpt2-tiny.json", "llama3-tiny.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}`))
	f.Add([]byte(`{"pre_tokenizer": {"type": "ByteLevel"}, "added_tokens": [{"id": 3, "content": "<x>"}], "model": {"vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]], "ignore_merges": true, "unk_token": "a", "fuse_unk": true}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := Parse(data)
		if err != nil {
			return
		}
		for _, s := range []string{"", "ab", "Hello, world! 123 <x>", "\xff a\n\n b"} {
			tok.Decode(tok.Encode(s))
		}
		js, err := tok.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Parse(js)
		if err != nil {
			t.Fatalf("Parse(Marshal()) = %v\n%s", err, js)
		}
		if back.VocabSize() != tok.VocabSize() {
			t.Fatalf("VocabSize %d after the round trip, was %d", back.VocabSize(), tok.VocabSize())
		}
	})
}
