package judges

import (
	"math"
	"testing"
	"unicode/utf8"
)

func TestParseVerdict(t *testing.T) {
	tests := []struct {
		text     string
		pairwise bool
		ok       bool
		score    float64
		winner   string
	}{
		{`{"score": 7, "reason": "solid"}`, false, true, 7, ""},
		{"  \n{\"score\": 10}\n", false, true, 10, ""},
		{`{"score": 1.5, "reason": "weak", "confidence": 0.9}`, false, true, 1.5, ""},
		{"```json\n{\"score\": 3, \"reason\": \"x\"}\n```", false, true, 3, ""},
		{`{"score": 4, "reason": null}`, false, true, 4, ""},
		{`{"score": 0}`, false, false, 0, ""},
		{`{"score": 11}`, false, false, 0, ""},
		{`{"score": "7"}`, false, false, 0, ""},
		{`{"score": null}`, false, false, 0, ""},
		{`{"score": 7, "reason": 5}`, false, false, 0, ""},
		{`{"reason": "no score"}`, false, false, 0, ""},
		{`Score: 7`, false, false, 0, ""},
		{`I give it {"score": 7}`, false, false, 0, ""},
		{`{"score": 7} and more`, false, false, 0, ""},
		{`{"score": 7}{"score": 2}`, false, false, 0, ""},
		{`[{"score": 7}]`, false, false, 0, ""},
		{`{"score": 7`, false, false, 0, ""},
		{"```json\n{\"score\": 7}\n```\n```json\n{\"score\": 2}\n```", false, false, 0, ""},
		{`{"score": 1e400}`, false, false, 0, ""},
		{``, false, false, 0, ""},
		{`{"score": 11, "score": 2}`, false, false, 0, ""},
		{`{"score": 7, "reason": "a", "reason": "b"}`, false, false, 0, ""},
		{`{"score": 7,}`, false, false, 0, ""},
		{`{"score" 7}`, false, false, 0, ""},
		{`{"score": 7, "extra": {"deep": [1, {"x": null}]}}`, false, true, 7, ""},

		{`{"winner": "A", "reason": "clearer"}`, true, true, 0, "A"},
		{`{"winner": "b"}`, true, true, 0, "B"},
		{`{"winner": "Tie", "reason": "same"}`, true, true, 0, "tie"},
		{`{"winner": "C"}`, true, false, 0, ""},
		{`{"winner": 1}`, true, false, 0, ""},
		{`{"score": 7}`, true, false, 0, ""},
		{`{"winner": "A"} {"winner": "B"}`, true, false, 0, ""},
	}
	for _, tt := range tests {
		v, err := parseVerdict(tt.text, tt.pairwise)
		if (err == nil) != tt.ok {
			t.Errorf("parseVerdict(%q, %v) error = %v, want ok = %v", tt.text, tt.pairwise, err, tt.ok)
			continue
		}
		if tt.ok && (v.Score != tt.score || v.Winner != tt.winner) {
			t.Errorf("parseVerdict(%q) = %+v, want score %v winner %q", tt.text, v, tt.score, tt.winner)
		}
	}
}

// FuzzVerdict checks that no text makes the verdict parser panic or
// accept a verdict outside its ranges.
func FuzzVerdict(f *testing.F) {
	for _, s := range []string{
		`{"score": 7, "reason": "ok"}`,
		`{"winner": "A", "reason": "ok"}`,
		"```json\n{\"score\": 2}\n```",
		`{"score": -1e308}`,
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, pairwise bool) {
		v, err := parseVerdict(text, pairwise)
		if err != nil {
			return
		}
		if pairwise {
			if v.Winner != "A" && v.Winner != "B" && v.Winner != "tie" {
				t.Fatalf("winner %q accepted from %q", v.Winner, text)
			}
			return
		}
		if math.IsNaN(v.Score) || v.Score < 1 || v.Score > 10 {
			t.Fatalf("score %v accepted from %q", v.Score, text)
		}
		if utf8.ValidString(text) && !utf8.ValidString(v.Reason) {
			t.Fatalf("reason %q is not UTF-8", v.Reason)
		}
	})
}
