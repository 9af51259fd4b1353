package judges

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	const schema = `{"type": "object", "required": ["name"]}`
	tests := []struct {
		name      string
		c         Config
		turnBased bool
		key       string // "" when valid
		msg       string // a part of the message, when set
	}{
		{"exact ok", Config{Kind: "exact", IgnoreCase: true, Weight: 2}, false, "", ""},
		{"numeric ok", Config{Kind: "numeric", Tolerance: 0.01}, false, "", ""},
		{"regex ok", Config{Kind: "regex", Pattern: `^\d+$`}, false, "", ""},
		{"schema ok", Config{Kind: "json-schema", Schema: schema}, false, "", ""},
		{"format ok", Config{Kind: "format", MinWords: 3, MaxWords: 10, MaxChars: 80, EndsWith: ".", SingleLine: true}, false, "", ""},
		{"format no rules ok", Config{Kind: "format"}, false, "", ""},
		{"format min = max ok", Config{Kind: "format", MinWords: 5, MaxWords: 5}, false, "", ""},
		{"format min without max ok", Config{Kind: "format", MinWords: 5}, false, "", ""},
		{"format cheat rules ok", Config{Kind: "format", MinWords: 3, MaxWords: 12, MaxRepeats: 3, NoJudgeTalk: true}, false, "", ""},
		{"outcome ok", Config{Kind: "outcome"}, true, "", ""},
		{"llm ok", Config{Kind: "llm", Endpoint: "http://127.0.0.1:8000/v1", Model: "m", APIKeyEnv: "JUDGE_KEY",
			Method: "pairwise", Rubric: "r", Optional: true, TimeoutSeconds: 600, Retries: 10}, false, "", ""},
		{"llm bare ok", Config{Kind: "llm"}, false, "", ""},

		{"no kind", Config{}, false, "kind", "missing"},
		{"unknown kind", Config{Kind: "vibes"}, false, "kind", `unknown kind "vibes"`},
		{"negative weight", Config{Kind: "exact", Weight: -1}, false, "weight", ""},
		{"NaN weight", Config{Kind: "exact", Weight: math.NaN()}, false, "weight", ""},
		{"infinite weight", Config{Kind: "exact", Weight: math.Inf(1)}, false, "weight", ""},

		{"exact in a game", Config{Kind: "exact"}, true, "kind", "parallel"},
		{"numeric in a game", Config{Kind: "numeric"}, true, "kind", "parallel"},
		{"regex in a game", Config{Kind: "regex", Pattern: "x"}, true, "kind", "parallel"},
		{"schema in a game", Config{Kind: "json-schema", Schema: schema}, true, "kind", "parallel"},
		{"format in a game", Config{Kind: "format"}, true, "kind", "parallel"},
		{"llm in a game", Config{Kind: "llm"}, true, "kind", "parallel Spaces only"},
		{"outcome in parallel", Config{Kind: "outcome"}, false, "kind", "turn-based Spaces only"},

		{"pattern on numeric", Config{Kind: "numeric", Pattern: "x"}, false, "pattern", `"regex" setting`},
		{"tolerance on exact", Config{Kind: "exact", Tolerance: 1}, false, "tolerance", ""},
		{"ignore_case on regex", Config{Kind: "regex", Pattern: "x", IgnoreCase: true}, false, "ignore_case", ""},
		{"schema on format", Config{Kind: "format", Schema: schema}, false, "schema", ""},
		{"max_words on exact", Config{Kind: "exact", MaxWords: 3}, false, "max_words", ""},
		{"single_line on llm", Config{Kind: "llm", SingleLine: true}, false, "single_line", ""},
		{"rubric on outcome", Config{Kind: "outcome", Rubric: "be good"}, true, "rubric", ""},
		{"optional on exact", Config{Kind: "exact", Optional: true}, false, "optional", ""},
		{"retries on numeric", Config{Kind: "numeric", Retries: 1}, false, "retries", ""},

		{"negative tolerance", Config{Kind: "numeric", Tolerance: -0.1}, false, "tolerance", ""},
		{"NaN tolerance", Config{Kind: "numeric", Tolerance: math.NaN()}, false, "tolerance", ""},
		{"no pattern", Config{Kind: "regex"}, false, "pattern", "needs a pattern"},
		{"bad pattern", Config{Kind: "regex", Pattern: `(a`}, false, "pattern", "RE2"},
		{"perl-only pattern", Config{Kind: "regex", Pattern: `(?=x)`}, false, "pattern", "RE2"},
		{"no schema", Config{Kind: "json-schema"}, false, "schema", "needs a schema"},
		{"schema not JSON", Config{Kind: "json-schema", Schema: `{type: object}`}, false, "schema", "not JSON"},
		{"schema invalid", Config{Kind: "json-schema", Schema: `{"type": 5}`}, false, "schema", "not a valid JSON Schema"},
		{"schema remote ref", Config{Kind: "json-schema", Schema: `{"$ref": "https://example.com/s.json"}`}, false, "schema", ""},
		{"negative min_words", Config{Kind: "format", MinWords: -1}, false, "min_words", ""},
		{"negative max_words", Config{Kind: "format", MaxWords: -1}, false, "max_words", ""},
		{"negative max_chars", Config{Kind: "format", MaxChars: -5}, false, "max_chars", ""},
		{"min over max", Config{Kind: "format", MinWords: 6, MaxWords: 5}, false, "min_words", "more than max_words"},
		{"min words over max chars", Config{Kind: "format", MinWords: 6, MaxChars: 5}, false, "min_words", "max_chars"},
		{"negative max_repeats", Config{Kind: "format", MaxRepeats: -2}, false, "max_repeats", "negative"},
		{"max_repeats on exact", Config{Kind: "exact", MaxRepeats: 2}, false, "max_repeats", `"format" setting`},
		{"no_judge_talk on llm", Config{Kind: "llm", NoJudgeTalk: true}, false, "no_judge_talk", `"format" setting`},
		{"bad method", Config{Kind: "llm", Method: "vibes"}, false, "method", ""},
		{"negative timeout", Config{Kind: "llm", TimeoutSeconds: -1}, false, "timeout_seconds", ""},
		{"timeout too long", Config{Kind: "llm", TimeoutSeconds: 601}, false, "timeout_seconds", ""},
		{"negative retries", Config{Kind: "llm", Retries: -1}, false, "retries", ""},
		{"too many retries", Config{Kind: "llm", Retries: 11}, false, "retries", ""},
		{"endpoint not a URL", Config{Kind: "llm", Endpoint: "localhost:8000"}, false, "endpoint", ""},
		{"endpoint ftp", Config{Kind: "llm", Endpoint: "ftp://host/v1"}, false, "endpoint", ""},
		{"key pasted as env name", Config{Kind: "llm", APIKeyEnv: "sk-abc123"}, false, "api_key_env", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Check(tt.turnBased)
			if tt.key == "" {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Check = %v (%T), want a *ConfigError", err, err)
			}
			if ce.Key != tt.key {
				t.Errorf("Key = %q, want %q (%v)", ce.Key, tt.key, err)
			}
			if !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("Msg = %q, want it to contain %q", ce.Msg, tt.msg)
			}
		})
	}
}
