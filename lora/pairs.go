package lora

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/rlfc/arena/lora/tokenizer"
)

// Pair is one preference pair in TRL's form: a prompt, the completion that
// was preferred (Chosen) and the one that was not (Rejected).
//
// A plain pair has text in Prompt, Chosen and Rejected; its sequences are
// the prompt's tokens followed by the completion's, as TRL concatenates
// them. A conversational pair has messages in PromptMessages,
// ChosenMessages and RejectedMessages; the prompt goes through the chat
// template with the generation prompt ("<|im_start|>assistant\n") and each
// completion is its assistant message(s) as the template renders them,
// ended by <|im_end|>.
type Pair struct {
	Prompt           string
	Chosen, Rejected string

	PromptMessages                   []tokenizer.Message
	ChosenMessages, RejectedMessages []tokenizer.Message

	// Source and Line say where the pair was read from (zero when it was
	// made in code); they are not part of the pair's content or hash.
	Source string
	Line   int
}

// PlainPair makes a plain pair.
func PlainPair(prompt, chosen, rejected string) Pair {
	return Pair{Prompt: prompt, Chosen: chosen, Rejected: rejected}
}

// ChatPair makes a conversational pair whose completions are one assistant
// message each.
func ChatPair(prompt []tokenizer.Message, chosen, rejected string) Pair {
	return Pair{
		PromptMessages:   prompt,
		ChosenMessages:   []tokenizer.Message{{Role: "assistant", Content: chosen}},
		RejectedMessages: []tokenizer.Message{{Role: "assistant", Content: rejected}},
	}
}

// Conversational reports whether the pair is in conversational form.
func (p Pair) Conversational() bool { return p.PromptMessages != nil }

// Validate reports what makes the pair unusable: an empty prompt, an empty
// chosen or rejected completion, chosen equal to rejected, or a mix of
// plain and conversational fields.
func (p Pair) Validate() error {
	if err := p.checkUTF8(); err != nil {
		return err
	}
	if p.Conversational() {
		if p.Prompt != "" || p.Chosen != "" || p.Rejected != "" {
			return errors.New("pair mixes plain text with conversational messages")
		}
		if len(p.PromptMessages) == 0 {
			return errors.New("prompt is an empty message list")
		}
		for _, f := range []struct {
			name string
			msgs []tokenizer.Message
		}{{"prompt", p.PromptMessages}, {"chosen", p.ChosenMessages}, {"rejected", p.RejectedMessages}} {
			for i, m := range f.msgs {
				if m.Role == "" {
					return fmt.Errorf("%s[%d]: role is empty", f.name, i)
				}
			}
		}
		for _, f := range []struct {
			name string
			msgs []tokenizer.Message
		}{{"chosen", p.ChosenMessages}, {"rejected", p.RejectedMessages}} {
			if len(f.msgs) > 0 && f.msgs[0].Role != "assistant" {
				return fmt.Errorf("%s[0] has role %q; a completion starts with the assistant's reply", f.name, f.msgs[0].Role)
			}
		}
		if isEmptyReply(p.ChosenMessages) {
			return errors.New("chosen is empty")
		}
		if isEmptyReply(p.RejectedMessages) {
			return errors.New("rejected is empty")
		}
		if messagesEqual(p.ChosenMessages, p.RejectedMessages) {
			return errors.New("chosen and rejected are the same")
		}
		return nil
	}
	if p.ChosenMessages != nil || p.RejectedMessages != nil {
		return errors.New("chosen or rejected is a message list but prompt is plain text")
	}
	switch {
	case p.Prompt == "":
		return errors.New("prompt is empty")
	case p.Chosen == "":
		return errors.New("chosen is empty")
	case p.Rejected == "":
		return errors.New("rejected is empty")
	case p.Chosen == p.Rejected:
		return errors.New("chosen and rejected are the same")
	}
	return nil
}

func (p Pair) checkUTF8() error {
	for _, f := range []struct {
		name string
		text string
		msgs []tokenizer.Message
	}{{"prompt", p.Prompt, p.PromptMessages}, {"chosen", p.Chosen, p.ChosenMessages}, {"rejected", p.Rejected, p.RejectedMessages}} {
		ok := utf8.ValidString(f.text)
		for _, m := range f.msgs {
			ok = ok && utf8.ValidString(m.Role) && utf8.ValidString(m.Content)
		}
		if !ok {
			return fmt.Errorf("%s is not valid UTF-8", f.name)
		}
	}
	return nil
}

func isEmptyReply(msgs []tokenizer.Message) bool {
	for _, m := range msgs {
		if m.Content != "" {
			return false
		}
	}
	return true
}

func messagesEqual(a, b []tokenizer.Message) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// CanonicalJSON is the pair's content as one line of TRL JSONL, in a
// canonical form that the dataset hash is computed over:
//
//   - one object with exactly the keys "prompt", "chosen", "rejected", in
//     that order, and no white space outside strings;
//   - plain pairs hold strings; conversational pairs hold lists of objects
//     with exactly the keys "role" and "content", in that order (a
//     conversational completion given as a string is the list of one
//     assistant message);
//   - strings are written as encoding/json writes them with HTML escaping
//     off: '"' and '\' escaped with a backslash, \b \f \n \r \t for those
//     controls, \u00XX (lower-case hex) for other controls below U+0020,
//     \u2028 and \u2029 escaped, and every other character as its UTF-8
//     bytes (pair text is valid UTF-8: Validate checks it);
//   - provenance fields (space, match, agents, scores, ...) are left out.
//
// Reading the line back gives the same pair.
func (p Pair) CanonicalJSON() []byte {
	b := make([]byte, 0, 64+len(p.Prompt)+len(p.Chosen)+len(p.Rejected))
	b = append(b, `{"prompt":`...)
	if p.Conversational() {
		b = appendMessages(b, p.PromptMessages)
		b = append(b, `,"chosen":`...)
		b = appendMessages(b, p.ChosenMessages)
		b = append(b, `,"rejected":`...)
		b = appendMessages(b, p.RejectedMessages)
	} else {
		b = appendJSONString(b, p.Prompt)
		b = append(b, `,"chosen":`...)
		b = appendJSONString(b, p.Chosen)
		b = append(b, `,"rejected":`...)
		b = appendJSONString(b, p.Rejected)
	}
	return append(b, '}')
}

// MarshalJSON writes the canonical form, so that json.Marshal of a Pair is
// a TRL line.
func (p Pair) MarshalJSON() ([]byte, error) { return p.CanonicalJSON(), nil }

func appendMessages(b []byte, msgs []tokenizer.Message) []byte {
	b = append(b, '[')
	for i, m := range msgs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"role":`...)
		b = appendJSONString(b, m.Role)
		b = append(b, `,"content":`...)
		b = appendJSONString(b, m.Content)
		b = append(b, '}')
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping off.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1: // not valid pair text; kept stable
			b = append(b, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// PairError is a line of a pairs file that could not be used.
type PairError struct {
	Source string
	Line   int
	Err    error
}

func (e *PairError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
}

func (e *PairError) Unwrap() error { return e.Err }

// maxPairLine bounds one JSONL line.
const maxPairLine = 64 << 20

// ReadPairs reads preference pairs from JSONL in TRL's form, one object a
// line with "prompt", "chosen" and "rejected" (plain strings, or
// conversational lists of {"role","content"} messages; a conversational
// completion may also be a string, the assistant's reply). Other fields are
// ignored and blank lines skipped. name is used in errors.
//
// A line that cannot be used (malformed JSON, a missing or empty field,
// chosen equal to rejected, ...) is a *PairError naming the file, the line
// and what was wrong. When strict, the first such line ends the read with
// that error; otherwise the line is skipped and its error returned in
// skipped. err reports reading failures (and, when strict, bad lines).
func ReadPairs(r io.Reader, name string, strict bool) (pairs []Pair, skipped []error, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		data, readErr := readLine(br)
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return nil, skipped, fmt.Errorf("lora: %s:%d: %w", name, line, readErr)
		}
		if len(bytes.TrimSpace(data)) > 0 {
			p, perr := ParsePairLine(data)
			if perr != nil {
				e := &PairError{Source: name, Line: line, Err: perr}
				if strict {
					return nil, skipped, e
				}
				skipped = append(skipped, e)
			} else {
				p.Source, p.Line = name, line
				pairs = append(pairs, p)
			}
		}
		if readErr != nil { // io.EOF
			return pairs, skipped, nil
		}
	}
}

// readLine returns the next line without its "\n" (and "\r\n"), io.EOF
// with the last line when the input ends.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxPairLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxPairLine)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		return line, err
	}
}

// ParsePairLine decodes one JSONL line into a pair and validates it.
func ParsePairLine(data []byte) (Pair, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return Pair{}, fmt.Errorf("not a JSON object")
		}
		return Pair{}, fmt.Errorf("malformed JSON: %v", err)
	}
	var p Pair
	fields := [3]field{{name: "prompt"}, {name: "chosen"}, {name: "rejected"}}
	for i := range fields {
		f := &fields[i]
		raw, ok := obj[f.name]
		if !ok || string(raw) == "null" {
			return Pair{}, fmt.Errorf("%s missing", f.name)
		}
		if err := f.decode(raw); err != nil {
			return Pair{}, err
		}
	}
	prompt, chosen, rejected := &fields[0], &fields[1], &fields[2]
	if prompt.isList {
		p.PromptMessages = prompt.msgs
		for _, f := range []*field{chosen, rejected} {
			if !f.isList {
				f.msgs = []tokenizer.Message{{Role: "assistant", Content: f.text}}
			}
		}
		p.ChosenMessages, p.RejectedMessages = chosen.msgs, rejected.msgs
		if p.ChosenMessages == nil {
			p.ChosenMessages = []tokenizer.Message{}
		}
		if p.RejectedMessages == nil {
			p.RejectedMessages = []tokenizer.Message{}
		}
		if len(p.PromptMessages) == 0 {
			p.PromptMessages = []tokenizer.Message{}
		}
	} else {
		for _, f := range []*field{chosen, rejected} {
			if f.isList {
				return Pair{}, fmt.Errorf("%s is a message list but prompt is plain text", f.name)
			}
		}
		p.Prompt, p.Chosen, p.Rejected = prompt.text, chosen.text, rejected.text
	}
	if err := p.Validate(); err != nil {
		return Pair{}, err
	}
	return p, nil
}

// field is one of prompt, chosen and rejected as decoded: a string or a
// message list.
type field struct {
	name   string
	isList bool
	text   string
	msgs   []tokenizer.Message
}

func (f *field) decode(raw json.RawMessage) error {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		if err := json.Unmarshal(raw, &f.text); err != nil {
			return fmt.Errorf("%s: %v", f.name, err)
		}
		return nil
	case len(raw) > 0 && raw[0] == '[':
		f.isList = true
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return fmt.Errorf("%s: %v", f.name, err)
		}
		f.msgs = make([]tokenizer.Message, 0, len(items))
		for i, it := range items {
			m, err := decodeMessage(it)
			if err != nil {
				return fmt.Errorf("%s[%d]: %v", f.name, i, err)
			}
			f.msgs = append(f.msgs, m)
		}
		return nil
	}
	return fmt.Errorf("%s must be a string or a list of messages, got %s", f.name, clipJSON(raw))
}

func decodeMessage(raw json.RawMessage) (tokenizer.Message, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return tokenizer.Message{}, fmt.Errorf("a message must be an object with role and content, got %s", clipJSON(raw))
	}
	var m tokenizer.Message
	for _, k := range []struct {
		key string
		dst *string
	}{{"role", &m.Role}, {"content", &m.Content}} {
		v, ok := obj[k.key]
		if !ok || string(v) == "null" {
			return tokenizer.Message{}, fmt.Errorf("%s missing", k.key)
		}
		if err := json.Unmarshal(v, k.dst); err != nil {
			return tokenizer.Message{}, fmt.Errorf("%s must be a string, got %s", k.key, clipJSON(v))
		}
	}
	if m.Role == "" {
		return tokenizer.Message{}, errors.New("role is empty")
	}
	return m, nil
}

func clipJSON(b []byte) string {
	const n = 40
	if len(b) > n {
		return strconv.Quote(string(b[:n])) + "..."
	}
	return string(b)
}

// SavePairs writes pairs to a JSONL file at path, as WritePairs does.
func SavePairs(path string, pairs []Pair) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WritePairs(f, pairs); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WritePairs writes pairs as canonical TRL JSONL, one line each.
func WritePairs(w io.Writer, pairs []Pair) error {
	bw := bufio.NewWriter(w)
	for i := range pairs {
		bw.Write(pairs[i].CanonicalJSON())
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// PairTokens are a pair's token sequences: the prompt, and the chosen and
// rejected completions that follow it.
type PairTokens struct {
	Prompt, Chosen, Rejected []int
}

// Tokens turns the pair into tokens with tok and cuts them to at most
// maxLen tokens per sequence (prompt plus completion; maxLen <= 0 means no
// limit).
//
// A conversational prompt is tok.Chat(messages, true), which ends by
// opening the assistant's turn; a completion is its first message's content
// followed by <|im_end|>, then any further messages as the chat template
// renders them ("\n<|im_start|>role\ncontent<|im_end|>"), so that prompt
// plus completion are the tokens of the whole conversation. A plain prompt
// and its completions are encoded separately and concatenated, and each
// completion ends with <|endoftext|> when the tokenizer has it (TRL appends
// the tokenizer's EOS).
//
// Truncation: when the prompt plus the longer completion exceed maxLen, the
// completions keep their first tokens and the prompt its last ones. The
// prompt is guaranteed min(its length, maxLen/2) tokens; the completions get
// at most maxLen minus that, and the prompt then keeps the last maxLen −
// (longer completion) tokens.
func (p Pair) Tokens(tok *tokenizer.Tokenizer, maxLen int) (PairTokens, error) {
	if err := p.Validate(); err != nil {
		return PairTokens{}, err
	}
	var t PairTokens
	if p.Conversational() {
		prompt, err := tok.Chat(p.PromptMessages, true)
		if err != nil {
			return PairTokens{}, err
		}
		t.Prompt = prompt
		end, _ := tok.TokenID("<|im_end|>") // Chat checked it exists
		t.Chosen = chatCompletion(tok, p.ChosenMessages, end)
		t.Rejected = chatCompletion(tok, p.RejectedMessages, end)
	} else {
		t.Prompt = tok.Encode(p.Prompt)
		t.Chosen = tok.Encode(p.Chosen)
		t.Rejected = tok.Encode(p.Rejected)
		if eos, ok := tok.TokenID(EndOfText); ok {
			t.Chosen = append(t.Chosen, eos)
			t.Rejected = append(t.Rejected, eos)
		}
	}
	if len(t.Prompt) == 0 {
		return PairTokens{}, errors.New("prompt has no tokens")
	}
	if maxLen > 0 {
		if maxLen < 2 {
			return PairTokens{}, fmt.Errorf("max length %d leaves no room for prompt and completion", maxLen)
		}
		P, C := len(t.Prompt), max(len(t.Chosen), len(t.Rejected))
		if P+C > maxLen {
			budget := maxLen - min(P, maxLen/2)
			t.Chosen = t.Chosen[:min(len(t.Chosen), budget)]
			t.Rejected = t.Rejected[:min(len(t.Rejected), budget)]
			C = max(len(t.Chosen), len(t.Rejected))
			if keep := maxLen - C; P > keep {
				t.Prompt = t.Prompt[P-keep:]
			}
		}
	}
	return t, nil
}

// chatCompletion renders completion messages after a generation prompt.
func chatCompletion(tok *tokenizer.Tokenizer, msgs []tokenizer.Message, end int) []int {
	start, _ := tok.TokenID("<|im_start|>")
	var ids []int
	for i, m := range msgs {
		if i == 0 {
			ids = append(ids, tok.Encode(m.Content)...)
		} else {
			ids = append(ids, tok.Encode("\n")...)
			ids = append(ids, start)
			ids = append(ids, tok.Encode(m.Role+"\n"+m.Content)...)
		}
		ids = append(ids, end)
	}
	return ids
}
