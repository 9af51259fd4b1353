package api

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
)

func TestDecodeRunnerCommand(t *testing.T) {
	good := []string{
		`{"type":"generate","id":1,"request":{"messages":[{"role":"user","content":"2+2="}],"sampling":{"temperature":0.7,"max_tokens":8},"n":2,"seed":9,"stop":["\n"],"adapter":"v1"}}`,
		`{"type":"generate","id":18446744073709551615,"request":{"messages":[{"role":"user","content":"hi"}],"sampling":{}}}`,
		`{"type":"cancel","id":3}`,
	}
	for _, s := range good {
		if _, err := DecodeRunnerCommand([]byte(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	c, _ := DecodeRunnerCommand([]byte(good[0]))
	want := agents.Request{Messages: []agents.Message{{Role: "user", Content: "2+2="}},
		Sampling: agents.Sampling{Temperature: 0.7, MaxTokens: 8}, N: 2, Seed: 9, Stop: []string{"\n"}, Adapter: "v1"}
	if got := c.Request.Agents(); !reflect.DeepEqual(got, want) {
		t.Errorf("request = %+v, want %+v", got, want)
	}

	bad := map[string]string{
		``:                            "not a JSON object",
		`null`:                        "not a JSON object",
		`[1]`:                         "not a JSON object",
		`{"id":1}`:                    "no type",
		`{"type":7,"id":1}`:           "type is not a string",
		`{"type":"delta","id":1}`:     `unknown type "delta" (want one of cancel, generate)`,
		`{"type":"cancel"}`:           `runner command "cancel": id is missing or 0`,
		`{"type":"cancel","id":0}`:    "id is missing or 0",
		`{"type":"cancel","id":-1}`:   "cannot unmarshal",
		`{"type":"cancel","id":1.5}`:  "cannot unmarshal",
		`{"type":"cancel","ID":1}`:    `unexpected field "ID"`,
		`{"type":"cancel","id":1} {}`: "not a JSON object",
		`{"type":"generate","id":1}`:  "request is missing",
		`{"type":"generate","id":1,"request":null}`:                                                    "request is missing",
		`{"type":"cancel","id":1,"request":{}}`:                                                        `unexpected field "request" (a cancel has type, id)`,
		`{"type":"generate","id":1,"request":{"messages":[]}}`:                                         "request has no messages",
		`{"type":"generate","id":1,"request":{"messages":[{"role":"user","content":"x"}],"n":65}}`:     "request n is 65",
		`{"type":"generate","id":1,"request":{"messages":[{"role":"user","content":"x"}],"top_p":1}}`:  `unknown field "top_p"`,
		`{"type":"generate","id":1,"request":{"messages":[{"role":"user","content":"x","name":"a"}]}}`: `unknown field "name"`,
	}
	for in, want := range bad {
		_, err := DecodeRunnerCommand([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %q", in, err, want)
		}
	}
}

func TestDecodeRunnerMessage(t *testing.T) {
	good := []string{
		`{"type":"hello","agent":"0190c0de-0000-7000-8000-000000000000","model":"arena-base"}`,
		`{"type":"hello","agent":"a"}`,
		`{"type":"delta","id":4,"sample":1,"text":"4"}`,
		`{"type":"delta","id":4}`,
		`{"type":"done","id":4,"replies":[{"text":"4","tokens":1,"finish_reason":"stop"}]}`,
		`{"type":"error","id":4,"message":"out of memory"}`,
		`{"type":"done","id":4,"replies":[{"text":"4","tokens":1,"finish_reason":"stop","token_ids":[19,151645],"seed":18446744073709551615,"logprobs":[-0.25,0],"model":"arena-base","adapter":"v3"}]}`,
		`{"type":"done","id":4,"replies":[{"text":"4","tokens":1,"finish_reason":"stop","logprobs":[-1e-300]}]}`,
		`{"type":"done","id":4,"replies":[{"text":"4","tokens":1,"finish_reason":"stop","token_ids":[0,16777215]}]}`,
	}
	for _, s := range good {
		if _, err := DecodeRunnerMessage([]byte(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	m, _ := DecodeRunnerMessage([]byte(good[6]))
	want := agents.Reply{Text: "4", Tokens: 1, FinishReason: "stop", TokenIDs: []int{19, 151645}, Seed: 1<<64 - 1,
		LogProbs: []float64{-0.25, 0}, Model: "arena-base", Adapter: "v3"}
	if got := m.Replies[0].Agents(); !reflect.DeepEqual(got, want) {
		t.Errorf("reply = %+v, want %+v", got, want)
	}
	if back := NewRunnerReplies([]agents.Reply{want}); !reflect.DeepEqual(back, m.Replies) {
		t.Errorf("NewRunnerReplies = %+v, want %+v", back, m.Replies)
	}

	ids := func(n int) string { return strings.TrimSuffix(strings.Repeat("7,", n), ",") }
	lps := func(n int) string { return strings.TrimSuffix(strings.Repeat("-0.5,", n), ",") }
	done := func(fields string) string {
		return `{"type":"done","id":1,"replies":[{"text":"x","tokens":1},{"text":"y","tokens":1` + fields + `}]}`
	}

	bad := map[string]string{
		`{"type":"generate","id":1}`:                                            `unknown type "generate" (want one of delta, done, error, hello)`,
		`{"type":"hello"}`:                                                      `runner message "hello": agent is missing`,
		`{"type":"hello","agent":"a","id":1}`:                                   `unexpected field "id"`,
		`{"type":"hello","agent":"` + strings.Repeat("a", 201) + `"}`:           "agent is 201 bytes long",
		`{"type":"delta","sample":0,"text":"x"}`:                                "id is missing",
		`{"type":"delta","id":1,"sample":-1}`:                                   "sample is -1",
		`{"type":"delta","id":1,"sample":64}`:                                   "sample is 64",
		`{"type":"delta","id":1,"text":7}`:                                      "cannot unmarshal number",
		`{"type":"delta","id":1,"message":"x"}`:                                 `unexpected field "message" (a delta has type, id, sample, text)`,
		`{"type":"done","id":1}`:                                                "has 0 replies",
		`{"type":"done","id":1,"replies":[]}`:                                   "has 0 replies",
		`{"type":"done","id":1,"replies":[{"text":"x","tokens":-1}]}`:           "reply 0 has -1 tokens",
		`{"type":"done","id":1,"replies":[{"text":"x","latency":5}]}`:           `unknown field "latency"`,
		`{"type":"error","id":1}`:                                               "message is missing",
		`{"type":"error","id":1,"message":"  "}`:                                "message is missing",
		`{"type":"error","id":1,"message":"` + strings.Repeat("x", 4097) + `"}`: "message is 4097 bytes long",

		// What verification needs, bounded: a runner cannot make the
		// server hold more than a reply's worth, nor claim ids or
		// log-probabilities no model has.
		done(`,"token_ids":[` + ids(4098) + `]`):              "reply 1 token_ids has 4098 ids (at most 4097)",
		done(`,"logprobs":[` + lps(4098) + `]`):               "reply 1 logprobs has 4098 values (at most 4097)",
		done(`,"token_ids":[1,-1]`):                           "reply 1 token_ids[1] is -1 (want 0 to 16777215)",
		done(`,"token_ids":[16777216]`):                       "reply 1 token_ids[0] is 16777216",
		done(`,"token_ids":[1.5]`):                            "cannot unmarshal number 1.5",
		done(`,"logprobs":[-0.5,0.001]`):                      "reply 1 logprobs[1] is 0.001 (want a finite log-probability, at most 0)",
		done(`,"logprobs":[-1e999]`):                          "cannot unmarshal number -1e999",
		done(`,"logprobs":["NaN"]`):                           "cannot unmarshal string",
		done(`,"token_ids":[1,2],"logprobs":[-1]`):            "reply 1 logprobs has 1 values for 2 token_ids",
		done(`,"seed":-1`):                                    "cannot unmarshal number -1",
		done(`,"model":"` + strings.Repeat("m", 201) + `"`):   "reply 1 model is 201 bytes long (at most 200)",
		done(`,"adapter":"` + strings.Repeat("a", 129) + `"`): "reply 1 adapter is 129 bytes long (at most 128)",
		done(`,"check":{"status":"verified"}`):                `unknown field "check"`,
	}
	for in, want := range bad {
		_, err := DecodeRunnerMessage([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.80s: error %v, want one containing %q", in, err, want)
		}
	}
}

// FuzzDecodeRunnerCommand checks that any input decodes to a valid
// command or an error, never a panic, and that what decodes survives a
// round trip through encoding/json unchanged.
func FuzzDecodeRunnerCommand(f *testing.F) {
	f.Add([]byte(`{"type":"cancel","id":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeRunnerCommand(data)
		if err != nil {
			if c.Type != "" || c.Request != nil {
				t.Fatalf("error %v with a non-zero command %+v", err, c)
			}
			return
		}
		if c.ID == 0 || (c.Type == RunnerGenerate) != (c.Request != nil) {
			t.Fatalf("decoded an invalid command %+v", c)
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeRunnerCommand(b)
		if err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", b, err)
		}
		if !reflect.DeepEqual(canonical(t, c), canonical(t, again)) {
			t.Fatalf("round trip changed %+v to %+v", c, again)
		}
	})
}

// FuzzDecodeRunnerMessage is FuzzDecodeRunnerCommand for the runner's
// side.
func FuzzDecodeRunnerMessage(f *testing.F) {
	f.Add([]byte(`{"type":"delta","id":2,"sample":1,"text":"4"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeRunnerMessage(data)
		if err != nil {
			if m.Type != "" || m.Replies != nil {
				t.Fatalf("error %v with a non-zero message %+v", err, m)
			}
			return
		}
		if (m.Type == RunnerHello) != (m.ID == 0) || (m.Type == RunnerDone) != (len(m.Replies) > 0) || m.Sample < 0 {
			t.Fatalf("decoded an invalid message %+v", m)
		}
		for i, r := range m.Replies {
			if err := r.Check(); err != nil {
				t.Fatalf("decoded reply %d out of bounds: %v", i, err)
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeRunnerMessage(b)
		if err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", b, err)
		}
		if !reflect.DeepEqual(canonical(t, m), canonical(t, again)) {
			t.Fatalf("round trip changed %+v to %+v", m, again)
		}
	})
}

// canonical is v's JSON encoding, for comparing values whose empty and
// nil slices differ only in ways JSON does not keep.
func canonical(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
