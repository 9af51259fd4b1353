package tokenizer

import (
	"slices"
	"strings"
	"testing"
)

var (
	gpt2Split   = splitter{}
	qwen2Split  = splitter{qwen: true, digits: 1}
	llama3Split = splitter{qwen: true, digits: 3}
)

// splitCases are hand-written pre-token splits (checked against Hugging
// Face's tokenizers when written).
var splitCases = []struct {
	name string
	sp   splitter
	in   string
	want []string
}{
	{"gpt2", gpt2Split, "", nil},
	{"gpt2", gpt2Split, "Hello world", []string{"Hello", " world"}},
	{"gpt2", gpt2Split, "it's", []string{"it", "'s"}},
	{"gpt2", gpt2Split, "I'm here, they'll see", []string{"I", "'m", " here", ",", " they", "'ll", " see"}},
	{"gpt2", gpt2Split, "IT'S", []string{"IT", "'", "S"}},
	{"gpt2", gpt2Split, "'sam", []string{"'s", "am"}},
	{"gpt2", gpt2Split, "abc123 456", []string{"abc", "123", " 456"}},
	{"gpt2", gpt2Split, "a  b", []string{"a", " ", " b"}},
	{"gpt2", gpt2Split, "a \n b", []string{"a", " \n", " b"}},
	{"gpt2", gpt2Split, "hello   ", []string{"hello", "   "}},
	{"gpt2", gpt2Split, "x!!  ?y", []string{"x", "!!", " ", " ?", "y"}},
	{"gpt2", gpt2Split, "\t\tword", []string{"\t", "\t", "word"}},
	{"gpt2", gpt2Split, "line\nnext", []string{"line", "\n", "next"}},
	{"gpt2", gpt2Split, "héllo wörld", []string{"héllo", " wörld"}},
	{"gpt2", gpt2Split, "2024年", []string{"2024", "年"}},
	{"gpt2", gpt2Split, "😀😀 ok", []string{"😀😀", " ok"}},
	{"gpt2", gpt2Split, "<|im_end|>", []string{"<|", "im", "_", "end", "|>"}},
	{"gpt2", gpt2Split, "a\xffb", []string{"a", "\xff", "b"}},
	{"gpt2", gpt2Split, "a \xff\xfe!", []string{"a", " ", "\xff", "\xfe", "!"}},

	{"qwen2", qwen2Split, "", nil},
	{"qwen2", qwen2Split, "Hello world", []string{"Hello", " world"}},
	{"qwen2", qwen2Split, "IT'S", []string{"IT", "'S"}},
	{"qwen2", qwen2Split, "they'LL", []string{"they", "'LL"}},
	{"qwen2", qwen2Split, "'sam", []string{"'s", "am"}},
	{"qwen2", qwen2Split, "'hello", []string{"'hello"}},
	{"qwen2", qwen2Split, "12345", []string{"1", "2", "3", "4", "5"}},
	{"qwen2", qwen2Split, "Q: 17+25=42", []string{"Q", ":", " ", "1", "7", "+", "2", "5", "=", "4", "2"}},
	{"qwen2", qwen2Split, "(hello)", []string{"(hello", ")"}},
	{"qwen2", qwen2Split, "hello\n\nworld", []string{"hello", "\n\n", "world"}},
	{"qwen2", qwen2Split, "a.\n\nb", []string{"a", ".\n\n", "b"}},
	{"qwen2", qwen2Split, "a  \n  b", []string{"a", "  \n", " ", " b"}},
	{"qwen2", qwen2Split, "x  ", []string{"x", "  "}},
	{"qwen2", qwen2Split, "\tfoo", []string{"\tfoo"}},
	{"qwen2", qwen2Split, "\nfoo", []string{"\n", "foo"}},
	{"qwen2", qwen2Split, " !!!\n\nx", []string{" !!!\n\n", "x"}},
	{"qwen2", qwen2Split, "$100", []string{"$", "1", "0", "0"}},
	{"qwen2", qwen2Split, "X|O|.\n", []string{"X", "|O", "|.\n"}},
	{"qwen2", qwen2Split, "héllo wörld 中文", []string{"héllo", " wörld", " 中文"}},
	{"qwen2", qwen2Split, "<|im_end|>", []string{"<|", "im", "_end", "|>"}},
	{"qwen2", qwen2Split, "a\xffb", []string{"a", "\xff", "b"}},
	{"qwen2", qwen2Split, " \xff", []string{" ", "\xff"}},

	{"llama3", llama3Split, "12345", []string{"123", "45"}},
	{"llama3", llama3Split, "x=1234 5", []string{"x", "=", "123", "4", " ", "5"}},
	{"llama3", llama3Split, "I'M", []string{"I", "'M"}},
}

func TestPreTokenize(t *testing.T) {
	for _, c := range splitCases {
		got := preTokenize([]splitter{c.sp}, c.in)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: got %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestPreTokenizeTiles(t *testing.T) {
	for _, s := range []string{"", "a", "Hello, world!\n\n  It's 12:30 \r\n\tok\xff\xfe😀 ", strings.Repeat(" \n", 50)} {
		for _, sp := range []splitter{gpt2Split, qwen2Split, llama3Split} {
			ps := preTokenize([]splitter{sp}, s)
			if strings.Join(ps, "") != s {
				t.Errorf("%+v %q: pieces %q do not join to the input", sp, s, ps)
			}
			for _, p := range ps {
				if p == "" {
					t.Errorf("%+v %q: empty piece", sp, s)
				}
			}
		}
	}
}

func TestParsePattern(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    splitter
		ok      bool
	}{
		{patternGPT2, gpt2Split, true},
		{patternQwen2, qwen2Split, true},
		{patternLlama3, llama3Split, true},
		{qwenPrefix + `\p{N}+` + qwenSuffix, splitter{qwen: true}, true},
		{qwenPrefix + `\p{N}{1,03}` + qwenSuffix, splitter{}, false},
		{`\s+`, splitter{}, false},
		{"", splitter{}, false},
	} {
		got, ok := parsePattern(c.pattern)
		if ok != c.ok || got != c.want {
			t.Errorf("parsePattern(%q) = %+v, %v; want %+v, %v", c.pattern, got, ok, c.want, c.ok)
		}
		if ok && got.pattern() != c.pattern {
			t.Errorf("pattern() = %q, want %q", got.pattern(), c.pattern)
		}
	}
}

// preTokenize splits s with the splitters in turn.
func preTokenize(stages []splitter, s string) []string {
	pieces := []string{s}
	if s == "" {
		return nil
	}
	for _, sp := range stages {
		var out []string
		for _, p := range pieces {
			for i := 0; i < len(p); {
				j := sp.next(p, i)
				out = append(out, p[i:j])
				i = j
			}
		}
		pieces = out
	}
	return pieces
}
