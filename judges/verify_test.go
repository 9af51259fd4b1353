package judges

import (
	"context"
	"math"
	"strings"
	"testing"
)

// mustNew builds a judge or fails the test.
func mustNew(t *testing.T, c Config) Judge {
	t.Helper()
	j, err := New(c, Env{})
	if err != nil {
		t.Fatalf("New(%+v): %v", c, err)
	}
	return j
}

// score runs j on r and fails the test on an error.
func score(t *testing.T, j Judge, r Round) Verdict {
	t.Helper()
	v, err := j.Score(context.Background(), r)
	if err != nil {
		t.Fatalf("%s: Score: %v", j.Name(), err)
	}
	if len(v.Scores) != len(r.Replies) {
		t.Fatalf("%s: %d scores for %d replies", j.Name(), len(v.Scores), len(r.Replies))
	}
	return v
}

// near compares scores with a little slack for rounding.
func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestVerifiableKinds(t *testing.T) {
	tests := []struct {
		name     string
		c        Config
		expected string
		replies  []string
		want     []float64
	}{
		{"exact", Config{Kind: "exact"}, "Paris",
			[]string{"Paris", "  Paris\n", "paris", "Paris.", ""}, []float64{1, 1, 0, 0, 0}},
		{"exact ignore case", Config{Kind: "exact", IgnoreCase: true}, " PARIS ",
			[]string{"paris", "Paris", "Lyon"}, []float64{1, 1, 0}},
		{"numeric", Config{Kind: "numeric"}, "42",
			[]string{"42", " 42\n", "42.0", ".5", "41", "-42", "no idea"},
			[]float64{1, 1, 1, 0.25 / (1 + 41.5), 0.25 / 2, 0.25 / 85, 0}},
		// Only the whole trimmed reply counts: a right number with anything
		// around it is not an answer, and scores as no number does.
		{"numeric refuses suffixes", Config{Kind: "numeric"}, "42",
			[]string{"42<|im_end|>payload", "42abc", "42.", "42\nsee you", "42 43", "40 or 42",
				"The answer is 42.", "forty-two", "+42", "4 2", "42e0", "1,042"},
			[]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"numeric decimal and tolerance", Config{Kind: "numeric", Tolerance: 0.01}, "-3.14",
			[]string{"-3.14159", "-3.15", "x = -3.15", "3.14", "-3.2"},
			[]float64{1, 1, 0, 0.25 / (1 + 6.28), 0.25 / (1 + 0.06)}},
		{"numeric float noise", Config{Kind: "numeric"}, "0.3",
			[]string{"0.30000000000000004", "0.3000001"}, []float64{1, 0.25 / (1 + 1e-7)}},
		{"regex", Config{Kind: "regex", Pattern: `^[A-Z][a-z]+!$`},
			"", []string{"Hello!", "hello!", "Hello", "Hi!\n"}, []float64{1, 0, 0, 0}},
		{"json-schema", Config{Kind: "json-schema", Schema: `{
				"type": "object",
				"properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
				"required": ["name", "age"]
			}`}, "",
			[]string{
				`{"name": "Ada", "age": 36}`,
				"```json\n{\"name\": \"Ada\", \"age\": 36}\n```",
				"```\n{\"name\": \"Ada\", \"age\": 36}\n```",
				`{"name": "Ada", "age": "old"}`,
				`{"name": "Ada"}`,
				`[1, 2]`,
				`name: Ada`,
				"Here you go:\n```json\n{\"name\": \"Ada\", \"age\": 36}\n```",
				`{"name": "Ada", "age": 36} {"name": "Bob", "age": 1}`,
				"```json\n{\"name\": \"A\", \"age\": 1}\n```\n```json\n{\"name\": \"B\", \"age\": 2}\n```",
			},
			[]float64{1, 1, 1, 0.25, 0.25, 0.25, 0, 0, 0, 0}},
		{"format rules grade", Config{Kind: "format", MinWords: 2, MaxWords: 4, MaxChars: 20, EndsWith: ".", SingleLine: true}, "",
			[]string{
				"Fast and cheap.",              // all 5 rules
				"Fast and cheap",               // no period: 4 of 5
				"One.",                         // too few words: 4 of 5
				"This line is far too long.",   // 6 words, 26 chars: 3 of 5
				"Two words\nsplit over lines.", // 5 words, 27 chars, two lines: 2 of 5
				"   ",                          // empty
			},
			[]float64{1, 0.8, 0.8, 0.6, 0.4, 0}},
		{"format without rules", Config{Kind: "format"}, "", []string{"anything", ""}, []float64{1, 0}},
		{"format counts runes", Config{Kind: "format", MaxChars: 3}, "", []string{"héé", "hééé"}, []float64{1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := score(t, mustNew(t, tt.c), Round{Expected: tt.expected, Replies: tt.replies})
			if !near(v.Scores, tt.want) {
				t.Errorf("scores = %v, want %v (%s)", v.Scores, tt.want, v.Rationale)
			}
			if v.Rationale == "" {
				t.Error("no rationale")
			}
		})
	}
}

func TestNumericRanksCloserMissesHigher(t *testing.T) {
	v := score(t, mustNew(t, Config{Kind: "numeric"}), Round{Expected: "100", Replies: []string{"100", "99", "90", "-5", "none"}})
	for i := 1; i < len(v.Scores); i++ {
		if !(v.Scores[i-1] > v.Scores[i]) {
			t.Fatalf("scores %v do not fall with distance", v.Scores)
		}
	}
	if v.Scores[1] >= 0.25 || v.Scores[4] != 0 {
		t.Errorf("scores = %v: a miss must stay under 0.25 and no number must score 0", v.Scores)
	}
}

func TestSchemaRationaleNamesViolation(t *testing.T) {
	j := mustNew(t, Config{Kind: "json-schema", Schema: `{"type":"object","properties":{"age":{"type":"integer"}}}`})
	v := score(t, j, Round{Replies: []string{`{"age": "old"}`}})
	if !strings.Contains(v.Rationale, "/age") || !strings.Contains(v.Rationale, "integer") {
		t.Errorf("rationale %q does not name the violation at /age", v.Rationale)
	}
}

// fixedVerifier scores every reply the same.
type fixedVerifier struct {
	score float64
	note  string
}

func (f fixedVerifier) Verify(string) (float64, string) { return f.score, f.note }

func TestFormatAveragesVerifier(t *testing.T) {
	j := mustNew(t, Config{Kind: "format", MaxWords: 3})
	r := Round{Replies: []string{"one two", "one two three four", ""}, Verifier: fixedVerifier{0.5, "half legal"}}
	v := score(t, j, r)
	if want := []float64{0.75, 0.25, 0}; !near(v.Scores, want) {
		t.Errorf("scores = %v, want %v", v.Scores, want)
	}
	if !strings.Contains(v.Rationale, "half legal") {
		t.Errorf("rationale %q lacks the verifier's note", v.Rationale)
	}
	// Without rules of its own, the judge is the verifier.
	v = score(t, mustNew(t, Config{Kind: "format"}), Round{Replies: []string{"x"}, Verifier: fixedVerifier{0.3, ""}})
	if !near(v.Scores, []float64{0.3}) {
		t.Errorf("verifier only: scores = %v, want [0.3]", v.Scores)
	}
	// A verifier's out-of-range score is clamped.
	v = score(t, mustNew(t, Config{Kind: "format"}), Round{Replies: []string{"x"}, Verifier: fixedVerifier{7, ""}})
	if !near(v.Scores, []float64{1}) {
		t.Errorf("clamped: scores = %v, want [1]", v.Scores)
	}
}

func TestOutcome(t *testing.T) {
	j := mustNew(t, Config{Kind: "outcome"})
	v := score(t, j, Round{Replies: []string{"x", "o"}, Outcome: []float64{1, 0}})
	if !near(v.Scores, []float64{1, 0}) {
		t.Errorf("scores = %v", v.Scores)
	}
	for name, r := range map[string]Round{
		"nil outcome":  {Replies: []string{"x", "o"}},
		"wrong length": {Replies: []string{"x", "o"}, Outcome: []float64{0.5}},
		"out of range": {Replies: []string{"x", "o"}, Outcome: []float64{2, -1}},
	} {
		if _, err := j.Score(context.Background(), r); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestVerifiableErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		c Config
		r Round
	}{
		"exact without expected":     {Config{Kind: "exact"}, Round{Replies: []string{"a"}}},
		"numeric expected not a num": {Config{Kind: "numeric"}, Round{Expected: "forty", Replies: []string{"40"}}},
		"numeric expected empty":     {Config{Kind: "numeric"}, Round{Replies: []string{"40"}}},
	} {
		if _, err := mustNew(t, tc.c).Score(context.Background(), tc.r); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestUnfence(t *testing.T) {
	tests := map[string]string{
		"```json\n{}\n```":        "{}",
		"```JSON\n{}```":          "{}",
		"  ```\n{\"a\":1}\n```  ": `{"a":1}`,
		"```python\n{}\n```":      "```python\n{}\n```",
		"```{}```":                "```{}```",
		"{}":                      "{}",
		"``````":                  "``````",
		"```\n```":                "",
	}
	for in, want := range tests {
		if got := unfence(in); got != want {
			t.Errorf("unfence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := New(Config{Kind: "regex", Pattern: "("}, Env{}); err == nil {
		t.Error("New accepted a bad pattern")
	}
	// New does not know the Space's mode: an outcome judge builds.
	if _, err := New(Config{Kind: "outcome"}, Env{}); err != nil {
		t.Errorf("New(outcome) = %v", err)
	}
}
