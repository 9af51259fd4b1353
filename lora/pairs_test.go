package lora

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/tokenizer"
)

func TestReadPairs(t *testing.T) {
	input := strings.Join([]string{
		`{"prompt":"Q: 1+1=","chosen":"2","rejected":"3","space":"arithmetic","scores":[1,0],"margin":1}`,
		``,
		`{"prompt":[{"role":"user","content":"Q: 2+2="}],"chosen":[{"role":"assistant","content":"4"}],"rejected":[{"role":"assistant","content":"5"}]}`,
		`{"prompt":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],"chosen":"hello","rejected":"go away"}`,
		`{"prompt":"x","chosen":"a",`,
		`{"prompt":"x","rejected":"b"}`,
		`{"prompt":"x","chosen":"","rejected":"b"}`,
		`{"prompt":"x","chosen":"same","rejected":"same"}`,
		`{"prompt":"x","chosen":[{"role":"assistant","content":"a"}],"rejected":"b"}`,
		`{"prompt":[{"role":"user"}],"chosen":"a","rejected":"b"}`,
		`{"prompt":7,"chosen":"a","rejected":"b"}`,
		`[1,2]`,
		`{"prompt":[{"role":"user","content":"q"}],"chosen":[{"role":"user","content":"a"}],"rejected":"b"}`,
		`{"prompt":"crlf","chosen":"a","rejected":"b"}` + "\r",
	}, "\n")
	pairs, skipped, err := ReadPairs(strings.NewReader(input), "pairs.jsonl", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 4 {
		t.Fatalf("%d pairs, want 4: %+v", len(pairs), pairs)
	}
	if p := pairs[0]; p.Conversational() || p.Prompt != "Q: 1+1=" || p.Chosen != "2" || p.Rejected != "3" || p.Line != 1 || p.Source != "pairs.jsonl" {
		t.Errorf("plain pair: %+v", p)
	}
	if p := pairs[1]; !p.Conversational() || p.Line != 3 || p.ChosenMessages[0].Content != "4" {
		t.Errorf("conversational pair: %+v", p)
	}
	want := []tokenizer.Message{{Role: "assistant", Content: "hello"}}
	if p := pairs[2]; !slices.Equal(p.ChosenMessages, want) || len(p.PromptMessages) != 2 {
		t.Errorf("a conversational string completion is one assistant message: %+v", p)
	}
	if pairs[3].Prompt != "crlf" || pairs[3].Line != 14 {
		t.Errorf("CRLF line: %+v", pairs[3])
	}
	wantErrs := []string{
		"pairs.jsonl:5: malformed JSON",
		"pairs.jsonl:6: chosen missing",
		"pairs.jsonl:7: chosen is empty",
		"pairs.jsonl:8: chosen and rejected are the same",
		"pairs.jsonl:9: chosen is a message list but prompt is plain text",
		"pairs.jsonl:10: prompt[0]: content missing",
		"pairs.jsonl:11: prompt must be a string or a list of messages",
		"pairs.jsonl:12: not a JSON object",
		`pairs.jsonl:13: chosen[0] has role "user"`,
	}
	if len(skipped) != len(wantErrs) {
		t.Fatalf("%d skipped lines, want %d: %v", len(skipped), len(wantErrs), skipped)
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(skipped[i].Error(), w) {
			t.Errorf("skipped[%d] = %q, want prefix %q", i, skipped[i], w)
		}
		var pe *PairError
		if !errors.As(skipped[i], &pe) || pe.Source != "pairs.jsonl" {
			t.Errorf("skipped[%d] is not a *PairError: %T", i, skipped[i])
		}
	}

	_, _, err = ReadPairs(strings.NewReader(input), "pairs.jsonl", true)
	if err == nil || !strings.HasPrefix(err.Error(), "pairs.jsonl:5: malformed JSON") {
		t.Errorf("strict: %v", err)
	}
}

// Canonical JSON reads back as the same pair, and writing the read pair
// gives the same bytes.
func TestCanonicalJSONRoundTrip(t *testing.T) {
	for _, p := range []Pair{
		PlainPair("Q: \"quoted\" \\ <tag> & \u2028 \x01 é 🙂", "a\nb\tc", "d"),
		ChatPair([]tokenizer.Message{{Role: "system", Content: "s"}, {Role: "user", Content: "u"}}, "yes", "no"),
		{PromptMessages: []tokenizer.Message{{Role: "user", Content: "u"}},
			ChosenMessages:   []tokenizer.Message{{Role: "assistant", Content: "a"}, {Role: "tool", Content: "t"}},
			RejectedMessages: []tokenizer.Message{{Role: "assistant", Content: ""}, {Role: "assistant", Content: "b"}}},
	} {
		line := p.CanonicalJSON()
		q, err := ParsePairLine(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if got := q.CanonicalJSON(); string(got) != string(line) {
			t.Errorf("round trip:\n%s\n%s", line, got)
		}
	}
	got := string(PlainPair("<a>&\u2028", "x", "y").CanonicalJSON())
	if want := `{"prompt":"<a>&\u2028","chosen":"x","rejected":"y"}`; got != want {
		t.Errorf("canonical form %s, want %s", got, want)
	}
}

func TestPairTokens(t *testing.T) {
	tok := testTokenizer(t, 320)
	eot, _ := tok.TokenID(EndOfText)
	end, _ := tok.TokenID("<|im_end|>")

	plain := PlainPair("Q: 12+7=", "19", "18")
	pt, err := plain.Tokens(tok, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pt.Prompt, tok.Encode("Q: 12+7=")) || !slices.Equal(pt.Chosen, append(tok.Encode("19"), eot)) || !slices.Equal(pt.Rejected, append(tok.Encode("18"), eot)) {
		t.Errorf("plain tokens %+v", pt)
	}

	msgs := []tokenizer.Message{{Role: "user", Content: "Q: 3+4="}}
	chat := ChatPair(msgs, "7", "8")
	ct, err := chat.Tokens(tok, 0)
	if err != nil {
		t.Fatal(err)
	}
	gen, _ := tok.Chat(msgs, true)
	if !slices.Equal(ct.Prompt, gen) || ct.Chosen[len(ct.Chosen)-1] != end {
		t.Errorf("chat tokens %+v", ct)
	}
	// Prompt plus completion are the whole conversation's tokens (without
	// the template's final newline).
	whole, _ := tok.Chat(append(slices.Clone(msgs), tokenizer.Message{Role: "assistant", Content: "7"}), false)
	if got := append(slices.Clone(ct.Prompt), ct.Chosen...); !slices.Equal(got, whole[:len(got)]) || len(whole)-len(got) != len(tok.Encode("\n")) {
		t.Errorf("prompt+completion %v, conversation %v", got, whole)
	}
	multi := Pair{PromptMessages: msgs,
		ChosenMessages:   []tokenizer.Message{{Role: "assistant", Content: "7"}, {Role: "user", Content: "sure?"}, {Role: "assistant", Content: "yes"}},
		RejectedMessages: []tokenizer.Message{{Role: "assistant", Content: "8"}}}
	mt, err := multi.Tokens(tok, 0)
	if err != nil {
		t.Fatal(err)
	}
	whole, _ = tok.Chat(append(slices.Clone(msgs), multi.ChosenMessages...), false)
	if got := append(slices.Clone(mt.Prompt), mt.Chosen...); !slices.Equal(got, whole[:len(got)]) {
		t.Errorf("multi-turn completion %v, conversation %v", got, whole)
	}

	// Truncation keeps the prompt's end and the completions' start.
	long := PlainPair(strings.Repeat("word ", 40)+"end", strings.Repeat("yes ", 30), "no")
	full, _ := long.Tokens(tok, 0)
	const maxLen = 20
	cut, err := long.Tokens(tok, maxLen)
	if err != nil {
		t.Fatal(err)
	}
	if len(cut.Prompt)+max(len(cut.Chosen), len(cut.Rejected)) > maxLen {
		t.Errorf("truncated to %d+%d tokens, max %d", len(cut.Prompt), len(cut.Chosen), maxLen)
	}
	if len(cut.Prompt) != maxLen/2 || !slices.Equal(cut.Prompt, full.Prompt[len(full.Prompt)-maxLen/2:]) {
		t.Errorf("prompt keeps %d tokens %v, want its last %d", len(cut.Prompt), cut.Prompt, maxLen/2)
	}
	if !slices.Equal(cut.Chosen, full.Chosen[:maxLen/2]) || !slices.Equal(cut.Rejected, full.Rejected) {
		t.Errorf("completions %v %v", cut.Chosen, cut.Rejected)
	}
	// A short prompt leaves the rest to the completion.
	short := PlainPair("Q:", strings.Repeat("yes ", 30), "no")
	sp, _ := short.Tokens(tok, maxLen)
	if len(sp.Prompt) != len(tok.Encode("Q:")) || len(sp.Prompt)+len(sp.Chosen) != maxLen {
		t.Errorf("short prompt: %d+%d tokens", len(sp.Prompt), len(sp.Chosen))
	}
}

func FuzzPairLine(f *testing.F) {
	f.Add([]byte(`{"prompt":"Q: 1+1=","chosen":"2","rejected":"3"}`))
	f.Add([]byte(`{"prompt":[{"role":"user","content":"hi"}],"chosen":"a","rejected":[{"role":"assistant","content":"b"}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		p, err := ParsePairLine(line)
		if err != nil {
			if p.Prompt != "" || p.PromptMessages != nil {
				t.Fatalf("error %v with a pair", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("parsed pair does not validate: %v", err)
		}
		canon := p.CanonicalJSON()
		q, err := ParsePairLine(canon)
		if err != nil {
			t.Fatalf("canonical form %s does not parse: %v", canon, err)
		}
		if again := q.CanonicalJSON(); string(again) != string(canon) {
			t.Fatalf("canonical form not stable:\n%s\n%s", canon, again)
		}
	})
}
