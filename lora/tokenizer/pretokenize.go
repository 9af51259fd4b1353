package tokenizer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The split patterns recognised in tokenizer.json. Go's regexp has no
// lookahead, so each is implemented by hand as a function that returns the
// end of the match starting at a given position; every position starts a
// match, so the matches tile the text.
const (
	// patternGPT2 is GPT-2's, used by ByteLevel with use_regex=true.
	patternGPT2 = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
	// patternQwen2 is Qwen2's: digits one per pre-token.
	patternQwen2 = qwenPrefix + `\p{N}` + qwenSuffix
	// patternLlama3 is Llama-3's (cl100k): up to three digits together.
	patternLlama3 = qwenPrefix + `\p{N}{1,3}` + qwenSuffix

	qwenPrefix = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|`
	qwenSuffix = `| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// splitter is one recognised split pattern.
type splitter struct {
	qwen   bool // the Qwen2/Llama-3 family rather than GPT-2's
	digits int  // Qwen2/Llama-3: most digits in one pre-token; 0 is no limit
}

// parsePattern recognises a Split regex from tokenizer.json.
func parsePattern(p string) (splitter, bool) {
	if p == patternGPT2 {
		return splitter{}, true
	}
	mid, ok := strings.CutPrefix(p, qwenPrefix)
	if !ok {
		return splitter{}, false
	}
	if mid, ok = strings.CutSuffix(mid, qwenSuffix); !ok {
		return splitter{}, false
	}
	switch mid {
	case `\p{N}`:
		return splitter{qwen: true, digits: 1}, true
	case `\p{N}+`:
		return splitter{qwen: true}, true
	}
	if k, ok := strings.CutPrefix(mid, `\p{N}{1,`); ok {
		if k, ok := strings.CutSuffix(k, `}`); ok {
			if n, err := strconv.Atoi(k); err == nil && n >= 1 && n <= 1000 && strconv.Itoa(n) == k {
				return splitter{qwen: true, digits: n}, true
			}
		}
	}
	return splitter{}, false
}

// pattern returns the regex of the splitter as tokenizer.json writes it.
func (sp splitter) pattern() string {
	if !sp.qwen {
		return patternGPT2
	}
	switch sp.digits {
	case 0:
		return qwenPrefix + `\p{N}+` + qwenSuffix
	case 1:
		return patternQwen2
	}
	return qwenPrefix + `\p{N}{1,` + strconv.Itoa(sp.digits) + `}` + qwenSuffix
}

// class is a character class of the patterns.
type class uint8

const (
	clsOther   class = iota // [^\s\p{L}\p{N}]
	clsLetter               // \p{L}
	clsNumber               // \p{N}
	clsSpace                // \s other than \r and \n
	clsNewline              // \r or \n
	clsInvalid              // a byte that is not valid UTF-8: a pre-token of its own
)

var asciiClass [utf8.RuneSelf]class

func init() {
	for c := range utf8.RuneSelf {
		r := rune(c)
		switch {
		case r == '\r' || r == '\n':
			asciiClass[c] = clsNewline
		case unicode.IsSpace(r):
			asciiClass[c] = clsSpace
		case unicode.IsLetter(r):
			asciiClass[c] = clsLetter
		case unicode.IsNumber(r):
			asciiClass[c] = clsNumber
		default:
			asciiClass[c] = clsOther
		}
	}
}

// classAt returns the class of the character at s[i] and its size in bytes.
func classAt(s string, i int) (class, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c], 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case n == 1:
		return clsInvalid, 1
	case unicode.IsLetter(r):
		return clsLetter, n
	case unicode.IsNumber(r):
		return clsNumber, n
	case unicode.IsSpace(r):
		return clsSpace, n
	}
	return clsOther, n
}

func isSpace(c class) bool { return c == clsSpace || c == clsNewline }

// run returns the end of the run of characters of class c starting at i.
func run(s string, i int, c class) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			if asciiClass[s[i]] != c {
				return i
			}
			i++
			continue
		}
		cc, n := classAt(s, i)
		if cc != c {
			return i
		}
		i += n
	}
	return i
}

// contraction returns the length of the contraction ('s, 't, 're, 've, 'm,
// 'll, 'd) that starts with the apostrophe at s[i], or 0. fold makes it
// case-insensitive, with Unicode's case folding as the regex engine of
// Hugging Face (Oniguruma) applies it.
func contraction(s string, i int, fold bool) int {
	if i+1 >= len(s) {
		return 0
	}
	lower := func(c byte) byte {
		if fold && c >= 'A' && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	if fold && strings.HasPrefix(s[i+1:], "ſ") { // U+017F LONG S folds to s
		return 3
	}
	switch lower(s[i+1]) {
	case 's', 't', 'm', 'd':
		return 2
	case 'r', 'v':
		if i+2 < len(s) && lower(s[i+2]) == 'e' {
			return 3
		}
	case 'l':
		if i+2 < len(s) && lower(s[i+2]) == 'l' {
			return 3
		}
	}
	return 0
}

// spaceEnd ends a match that starts with whitespace at s[i] once the
// earlier alternatives failed. crlf adds Qwen2's \s*[\r\n]+, which ends
// after the last \r or \n of the run. Otherwise \s+(?!\S) takes the whole
// run at the end of the text, or all but its last character (which then
// leads the next match) before a non-space; a single character is \s+.
func spaceEnd(s string, i int, crlf bool) int {
	j, last, nl := i, i, -1
	for j < len(s) {
		c, n := classAt(s, j)
		if !isSpace(c) {
			break
		}
		if c == clsNewline {
			nl = j + n
		}
		last = j
		j += n
	}
	if crlf && nl > 0 {
		return nl
	}
	if j == len(s) || last == i {
		return j
	}
	return last
}

// next returns the end of the pre-token that starts at s[i] (i < len(s)).
func (sp splitter) next(s string, i int) int {
	if sp.qwen {
		return sp.nextQwen(s, i)
	}
	return nextGPT2(s, i)
}

// nextGPT2 matches 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+|
// ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ at s[i].
func nextGPT2(s string, i int) int {
	c, n := classAt(s, i)
	switch c {
	case clsInvalid:
		return i + 1
	case clsLetter, clsNumber:
		return run(s, i+n, c)
	case clsOther:
		if s[i] == '\'' {
			if k := contraction(s, i, false); k > 0 {
				return i + k
			}
		}
		return run(s, i+n, c)
	}
	if s[i] == ' ' && i+1 < len(s) {
		if c2, n2 := classAt(s, i+1); c2 == clsLetter || c2 == clsNumber || c2 == clsOther {
			return run(s, i+1+n2, c2)
		}
	}
	return spaceEnd(s, i, false)
}

// nextQwen matches (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|
// \p{N}{1,digits}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+ at s[i].
func (sp splitter) nextQwen(s string, i int) int {
	c, n := classAt(s, i)
	switch c {
	case clsInvalid:
		return i + 1
	case clsLetter:
		return run(s, i+n, c)
	case clsNumber:
		j := i + n
		for k := 1; (sp.digits == 0 || k < sp.digits) && j < len(s); k++ {
			c2, n2 := classAt(s, j)
			if c2 != clsNumber {
				break
			}
			j += n2
		}
		return j
	case clsOther:
		if s[i] == '\'' {
			if k := contraction(s, i, true); k > 0 {
				return i + k
			}
		}
		if i+n < len(s) {
			if c2, n2 := classAt(s, i+n); c2 == clsLetter {
				return run(s, i+n+n2, c2)
			}
		}
		return crlfRun(s, run(s, i+n, c))
	case clsSpace:
		if i+n < len(s) {
			c2, n2 := classAt(s, i+n)
			if c2 == clsLetter {
				return run(s, i+n+n2, c2)
			}
			if c2 == clsOther && s[i] == ' ' {
				return crlfRun(s, run(s, i+n+n2, c2))
			}
		}
	}
	return spaceEnd(s, i, true)
}

// crlfRun returns the end of the run of \r and \n at s[i:].
func crlfRun(s string, i int) int {
	for i < len(s) && (s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}
