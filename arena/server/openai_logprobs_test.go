package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/tokenizer"
)

// embeddedTokenizer is the embedded model's tokenizer, read alone (the
// weights are not needed to spell tokens).
func embeddedTokenizer(t *testing.T) *tokenizer.Tokenizer {
	t.Helper()
	data, err := fs.ReadFile(embedded.FS(), "tokenizer.json")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// sampledPolicy answers every sample with ids, as the embedded policy
// reports a sampled reply: its text, token ids and their log-probs
// (sample i's token j has -(j+1)/(i+2)). It serves tok.
type sampledPolicy struct {
	tok *tokenizer.Tokenizer
	ids []int
}

func (p sampledPolicy) Tokenizer() *tokenizer.Tokenizer { return p.tok }

func (p sampledPolicy) Reply(_ context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	out := make([]agents.Reply, max(req.N, 1))
	for i := range out {
		text := ""
		for _, id := range p.ids {
			if !p.tok.IsSpecial(id) {
				text += string(p.tok.TokenBytes(id))
			}
		}
		if onDelta != nil {
			onDelta(agents.Delta{Sample: i, Text: text})
		}
		out[i] = agents.Reply{Text: text, Tokens: len(p.ids), FinishReason: "stop",
			TokenIDs: p.ids, LogProbs: sampledLogProbs(i, len(p.ids)), Seed: uint64(i)}
	}
	return out, nil
}

func sampledLogProbs(sample, n int) []float64 {
	lps := make([]float64, n)
	for j := range lps {
		lps[j] = -float64(j+1) / float64(sample+2)
	}
	return lps
}

// checkContent checks a choice's logprobs.content against the tokens and
// log-probs of the policy's reply.
func checkContent(t *testing.T, tok *tokenizer.Tokenizer, what string, lp *agents.ChoiceLogprobs, ids []int, lps []float64) {
	t.Helper()
	if lp == nil || len(lp.Content) != len(ids) {
		t.Fatalf("%s: logprobs %+v, want %d tokens", what, lp, len(ids))
	}
	for j, c := range lp.Content {
		b := tok.TokenBytes(ids[j])
		var got []byte
		for _, x := range c.Bytes {
			got = append(got, byte(x))
		}
		text := string(b)
		if !utf8.Valid(b) {
			text = "bytes:"
			for _, x := range b {
				text += fmt.Sprintf(`\x%02x`, x)
			}
		}
		if c.Token != text || !slices.Equal(got, b) || c.Logprob != lps[j] {
			t.Errorf("%s: token %d = %+v, want %q, bytes %v, log-prob %v", what, j, c, text, b, lps[j])
		}
	}
}

// partialToken finds a token whose bytes are part of a character.
func partialToken(t *testing.T, tok *tokenizer.Tokenizer) int {
	t.Helper()
	for id := range tok.VocabSize() {
		if b := tok.TokenBytes(id); len(b) > 0 && !utf8.Valid(b) {
			return id
		}
	}
	t.Fatal("the tokenizer has no token that is part of a character")
	return 0
}

// logprobs: true gives each choice its tokens with their log-probs and
// bytes, from the policy's token ids, streamed or not; usage counts the
// prompt's tokens.
func TestOpenAILogprobsServed(t *testing.T) {
	tok := embeddedTokenizer(t)
	end, ok := tok.TokenID("<|im_end|>")
	if !ok {
		t.Fatal("no <|im_end|>")
	}
	ids := append(tok.Encode("The answer is 42."), partialToken(t, tok), end)
	ts := startV1(t, Options{}, sampledPolicy{tok: tok, ids: ids})
	msgs := []agents.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Six times seven?"}}
	prompt, err := tok.Chat(msgs, true)
	if err != nil {
		t.Fatal(err)
	}

	// Whole.
	resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","n":2,"logprobs":true,"top_logprobs":0,
		"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Six times seven?"}]}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", resp.Status, body)
	}
	var cr agents.ChatResponse
	if err := json.Unmarshal(body, &cr); err != nil {
		t.Fatal(err)
	}
	for i, c := range cr.Choices {
		checkContent(t, tok, "choice", c.Logprobs, ids, sampledLogProbs(i, len(ids)))
	}
	if !strings.Contains(string(body), `"top_logprobs":[]`) {
		t.Errorf("tokens should carry top_logprobs [] as OpenAI's do: %s", body)
	}
	if u := cr.Usage; u == nil || u.PromptTokens != len(prompt) || u.TotalTokens != len(prompt)+2*len(ids) {
		t.Errorf("usage %+v, want %d prompt tokens", u, len(prompt))
	}

	// Streamed: each choice's last chunk has them.
	resp, body = ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","n":2,"logprobs":true,"stream":true,
		"messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", resp.Status, body)
	}
	got := make([]*agents.ChoiceLogprobs, 2)
	for _, data := range sseData(t, body) {
		var chunk agents.ChatChunk
		if data == "[DONE]" || json.Unmarshal([]byte(data), &chunk) != nil || len(chunk.Choices) != 1 {
			continue
		}
		if c := chunk.Choices[0]; c.Logprobs != nil {
			if c.FinishReason == nil || got[c.Index] != nil {
				t.Errorf("log-probs come once, with the finish_reason: %s", data)
			}
			got[c.Index] = c.Logprobs
		}
	}
	for i := range got {
		checkContent(t, tok, "streamed choice", got[i], ids, sampledLogProbs(i, len(ids)))
	}

	// Our own client, as an agent on this endpoint uses it, keeps them
	// (it asks for each sample apart, so each is its request's first).
	for _, stream := range []bool{false, true} {
		replies, err := ts.v1Client(t, "test", stream).Reply(context.Background(), agents.Request{Messages: msgs, N: 2}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range replies {
			if !slices.Equal(r.LogProbs, sampledLogProbs(0, len(ids))) || r.Model != "test" {
				t.Errorf("stream=%v: reply %d has log-probs %v, model %q", stream, i, r.LogProbs, r.Model)
			}
		}
	}

	// Not asked, not given.
	_, body = ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","messages":[{"role":"user","content":"hi"}]}`)
	if strings.Contains(string(body), "logprob") {
		t.Errorf("log-probs without asking: %s", body)
	}
}

// Where the policy reports no token ids, or a log-prob for other than
// each, a choice has none rather than made-up ones; alternatives cannot
// be had.
func TestOpenAILogprobsUnavailable(t *testing.T) {
	tok := embeddedTokenizer(t)
	ts := startV1(t, Options{}, &wordsPolicy{text: answer})
	_, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","logprobs":true,"messages":[{"role":"user","content":"hi"}]}`)
	var cr agents.ChatResponse
	if err := json.Unmarshal(body, &cr); err != nil || len(cr.Choices) != 1 || cr.Choices[0].Logprobs != nil || cr.Choices[0].Message.Content != answer {
		t.Errorf("a policy without token ids: %s", body)
	}

	short := startV1(t, Options{}, lopsided{sampledPolicy{tok: tok, ids: tok.Encode("42")}})
	_, body = short.do(t, "POST", "/v1/chat/completions", `{"model":"test","logprobs":true,"messages":[{"role":"user","content":"hi"}]}`)
	if err := json.Unmarshal(body, &cr); err != nil || len(cr.Choices) != 1 || cr.Choices[0].Logprobs != nil {
		t.Errorf("a policy with a log-prob short: %s", body)
	}

	for _, k := range []string{"1", "20", "-1"} {
		resp, body := ts.do(t, "POST", "/v1/chat/completions", `{"model":"test","logprobs":true,"top_logprobs":`+k+`,"messages":[{"role":"user","content":"hi"}]}`)
		if e := decodeAPIError(t, body); resp.StatusCode != http.StatusBadRequest || !strings.Contains(e.Error.Message, "top_logprobs is "+k+"; only 0 is supported") {
			t.Errorf("top_logprobs %s: %s %s", k, resp.Status, body)
		}
	}
}

// lopsided drops the last log-prob of its policy's replies.
type lopsided struct{ sampledPolicy }

func (p lopsided) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	out, err := p.sampledPolicy.Reply(ctx, req, onDelta)
	for i := range out {
		out[i].LogProbs = out[i].LogProbs[:len(out[i].LogProbs)-1]
	}
	return out, err
}

// The embedded policy's replies give their log-probs on /v1, spelled with
// the embedded model's tokenizer: the tokens' bytes make the reply's
// text, then the special token that ended it, if one did.
func TestOpenAILogprobsEmbedded(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	ts := startV1(t, Options{Policy: agents.NewEmbedded(m, nil), Model: embedded.Name}, nil)
	for _, stream := range []bool{false, true} {
		resp, body := ts.do(t, "POST", "/v1/chat/completions", fmt.Sprintf(`{"model":%q,"n":2,"logprobs":true,"stream":%v,
			"max_tokens":12,"seed":5,"messages":[{"role":"user","content":"What is 12 + 30?"}]}`, embedded.Name, stream))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", resp.Status, body)
		}
		text := make([]string, 2)
		got := make([]*agents.ChoiceLogprobs, 2)
		finish := make([]string, 2)
		if stream {
			for _, data := range sseData(t, body) {
				var chunk agents.ChatChunk
				if data == "[DONE]" || json.Unmarshal([]byte(data), &chunk) != nil || len(chunk.Choices) != 1 {
					continue
				}
				c := chunk.Choices[0]
				text[c.Index] += c.Delta.Content
				if c.Logprobs != nil {
					got[c.Index], finish[c.Index] = c.Logprobs, *c.FinishReason
				}
			}
		} else {
			var cr agents.ChatResponse
			if err := json.Unmarshal(body, &cr); err != nil {
				t.Fatal(err)
			}
			for i, c := range cr.Choices {
				text[i], got[i], finish[i] = c.Message.Content, c.Logprobs, c.FinishReason
			}
		}
		for i := range got {
			if got[i] == nil || len(got[i].Content) == 0 {
				t.Fatalf("stream=%v: choice %d has no log-probs: %s", stream, i, body)
			}
			var spelled []byte
			for j, c := range got[i].Content {
				if c.Logprob > 0 || c.Logprob < -100 {
					t.Errorf("stream=%v: choice %d token %d: log-prob %v", stream, i, j, c.Logprob)
				}
				for _, b := range c.Bytes {
					spelled = append(spelled, byte(b))
				}
			}
			last := got[i].Content[len(got[i].Content)-1].Token
			if finish[i] == "stop" && strings.HasPrefix(last, "<|") {
				spelled = spelled[:len(spelled)-len(last)]
			}
			if string(spelled) != text[i] {
				t.Errorf("stream=%v: choice %d: tokens spell %q, text %q", stream, i, spelled, text[i])
			}
		}
	}
}
