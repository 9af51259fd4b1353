package agents_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/openaitest"
)

// logprobsBody is a completion of tokens with log-probs lps, as a whole
// response (stream false) or as a stream of one chunk per token; model is
// the model the answer names.
func logprobsBody(stream bool, model string, tokens []string, lps []string) string {
	entry := func(i int) string {
		var ints []int
		for _, c := range []byte(tokens[i]) {
			ints = append(ints, int(c))
		}
		bs, _ := json.Marshal(ints)
		tok, _ := json.Marshal(tokens[i])
		return fmt.Sprintf(`{"token":%s,"logprob":%s,"bytes":%s,"top_logprobs":[{"token":"x","logprob":-9,"bytes":[120]}]}`, tok, lps[i], bs)
	}
	if !stream {
		var content []string
		for i := range tokens {
			content = append(content, entry(i))
		}
		text, _ := json.Marshal(strings.Join(tokens, ""))
		return fmt.Sprintf(`{"id":"c","object":"chat.completion","model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop","logprobs":{"content":[%s]}}],"usage":{"completion_tokens":%d}}`,
			model, text, strings.Join(content, ","), len(tokens))
	}
	var b strings.Builder
	for i := range tokens {
		text, _ := json.Marshal(tokens[i])
		fmt.Fprintf(&b, "data: {\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"logprobs\":{\"content\":[%s]}}]}\n\n", model, text, entry(i))
	}
	fmt.Fprintf(&b, "data: {\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n", model)
	return b.String()
}

// The client asks for logprobs and keeps them, with the model the answer
// names, streamed or not.
func TestOpenAILogprobs(t *testing.T) {
	tokens := []string{"The", " answer", " is", " 4", "."}
	lps := []string{"-0.5", "-1.25", "0", "-3e-7", "-9999.0"}
	want := []float64{-0.5, -1.25, 0, -3e-7, -9999}
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				return openaitest.Reply{Raw: logprobsBody(stream, "test-model-2024", tokens, lps)}
			})
			o := client(t, srv.URL, stream)
			replies, err := o.Reply(context.Background(), agents.Request{Messages: chat, Sampling: agents.Sampling{MaxTokens: 8}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := replies[0]
			if r.Text != "The answer is 4." || !reflect.DeepEqual(r.LogProbs, want) || r.Model != "test-model-2024" {
				t.Errorf("reply %+v, want log-probs %v and model test-model-2024", r, want)
			}
			if req := srv.Requests()[0]; req.Logprobs == nil || !*req.Logprobs || req.TopLogprobs != nil {
				t.Errorf("request asked logprobs %v, top_logprobs %v; want true and nothing", req.Logprobs, req.TopLogprobs)
			}
		})
	}
}

// Log-probs out of bounds are dropped, and the reply stands: a server
// cannot make the arena store what no model reports, nor more of it than
// a reply has tokens.
func TestOpenAILogprobsOutOfBoundsAreDropped(t *testing.T) {
	many := make([]string, agents.MaxReplyTokens+2)
	manyLps := make([]string, len(many))
	for i := range many {
		many[i], manyLps[i] = "a", "-0.5"
	}
	for _, tc := range []struct {
		name   string
		tokens []string
		lps    []string
	}{
		{"positive", []string{"4", "2"}, []string{"-0.5", "0.25"}},
		{"beyond float64", []string{"4", "2"}, []string{"-1e999", "-0.5"}},
		{"null", []string{"4", "2"}, []string{"null", "-0.5"}},
		{"too many", many, manyLps},
	} {
		for _, stream := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/stream=%v", tc.name, stream), func(t *testing.T) {
				srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
					return openaitest.Reply{Raw: logprobsBody(stream, "m", tc.tokens, tc.lps)}
				})
				o := client(t, srv.URL, stream)
				replies, err := o.Reply(context.Background(), agents.Request{Messages: chat, Sampling: agents.Sampling{MaxTokens: agents.MaxReplyTokens}}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if r := replies[0]; r.Text != strings.Join(tc.tokens, "") || r.LogProbs != nil {
					t.Errorf("reply of %d bytes with %d log-probs; want the text and none", len(r.Text), len(r.LogProbs))
				}
			})
		}
	}
}

// A reply cut at its byte cap keeps no log-probs: they would describe
// tokens it no longer holds.
func TestOpenAILogprobsOfCutReplyAreDropped(t *testing.T) {
	tokens := []string{strings.Repeat("x", agents.BytesPerToken), strings.Repeat("y", agents.BytesPerToken), "z"}
	lps := []string{"-0.5", "-0.5", "-0.5"}
	for _, stream := range []bool{false, true} {
		srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
			return openaitest.Reply{Raw: logprobsBody(stream, "m", tokens, lps)}
		})
		o := client(t, srv.URL, stream)
		replies, err := o.Reply(context.Background(), agents.Request{Messages: chat, Sampling: agents.Sampling{MaxTokens: 2}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r := replies[0]; r.FinishReason != "length" || len(r.Text) != 2*agents.BytesPerToken || r.LogProbs != nil {
			t.Errorf("stream=%v: reply %+v; want it cut with no log-probs", stream, r)
		}
	}
}

// Log-probs fit in the bounds on what the client reads: a reply as long
// as its request allows, of text JSON spells six bytes a byte, with its
// log-probs and an alternative per token, is read whole.
func TestOpenAILogprobsFitTheReadLimits(t *testing.T) {
	const maxTokens = 512
	tokens := make([]string, maxTokens)
	lps := make([]string, maxTokens)
	for i := range tokens {
		tokens[i], lps[i] = strings.Repeat("<", agents.BytesPerToken), "-0.12345678901234567"
	}
	for _, stream := range []bool{false, true} {
		srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
			return openaitest.Reply{Raw: logprobsBody(stream, "m", tokens, lps)}
		})
		o := client(t, srv.URL, stream)
		replies, err := o.Reply(context.Background(), agents.Request{Messages: chat, Sampling: agents.Sampling{MaxTokens: maxTokens}}, nil)
		if err != nil {
			t.Fatalf("stream=%v: %v", stream, err)
		}
		if r := replies[0]; len(r.Text) != maxTokens*agents.BytesPerToken || len(r.LogProbs) != maxTokens {
			t.Errorf("stream=%v: %d bytes and %d log-probs, want %d and %d", stream, len(r.Text), len(r.LogProbs), maxTokens*agents.BytesPerToken, maxTokens)
		}
	}
}

// A server that refuses the logprobs field is asked again without it,
// once, and never again with it; one that refuses the request for
// another reason is not asked again.
func TestOpenAILogprobsRefused(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprintf("stream=%v", stream), func(t *testing.T) {
			srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
				if req.Logprobs != nil {
					return openaitest.Reply{Status: 400, Text: "Unrecognized request argument supplied: logprobs"}
				}
				return openaitest.Reply{Text: "4"}
			})
			o := client(t, srv.URL, stream)
			for range 2 {
				replies, err := o.Reply(context.Background(), agents.Request{Messages: chat}, nil)
				if err != nil || replies[0].Text != "4" || replies[0].LogProbs != nil {
					t.Fatalf("reply %+v, %v; want the text without log-probs", replies, err)
				}
			}
			var asked []bool
			for _, r := range srv.Requests() {
				asked = append(asked, r.Logprobs != nil)
			}
			if !reflect.DeepEqual(asked, []bool{true, false, false}) {
				t.Errorf("requests asked for logprobs %v; want once, then never", asked)
			}
		})
	}

	srv := openaitest.New(t, func(req agents.ChatRequest, call int) openaitest.Reply {
		return openaitest.Reply{Status: 400, Text: "max_tokens is too large"}
	})
	if _, err := client(t, srv.URL, false).Reply(context.Background(), agents.Request{Messages: chat}, nil); err == nil {
		t.Fatal("no error")
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests for a refusal that is not about logprobs, want 1", n)
	}
}

// FuzzTokenLogprob checks that any logprobs entry decodes or fails without
// a panic, and that what decodes re-encodes (a log-prob JSON cannot spell
// is out of bounds, and a reply drops it: see
// TestOpenAILogprobsOutOfBoundsAreDropped) and decodes to the same.
func FuzzTokenLogprob(f *testing.F) {
	f.Add([]byte(`{"token":" 4","logprob":-0.25,"bytes":[32,52],"top_logprobs":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tl agents.TokenLogprob
		if json.Unmarshal(data, &tl) != nil {
			return
		}
		if math.IsNaN(tl.Logprob) || math.IsInf(tl.Logprob, 0) {
			return
		}
		b, err := json.Marshal(tl)
		if err != nil {
			t.Fatalf("%+v does not encode: %v", tl, err)
		}
		var again agents.TokenLogprob
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", b, err)
		}
		if again.Token != tl.Token || again.Logprob != tl.Logprob || !slices.Equal(again.Bytes, tl.Bytes) {
			t.Fatalf("round trip changed %+v to %+v", tl, again)
		}
	})
}
