package judges

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The verifiable judges: each scores a reply by a rule anyone can re-run,
// so they never fail for reasons outside the round.

// exactJudge scores 1 when the trimmed reply equals the expected answer.
type exactJudge struct{ ignoreCase bool }

func (exactJudge) Name() string { return KindExact }

func (j exactJudge) Score(_ context.Context, r Round) (Verdict, error) {
	want := strings.TrimSpace(r.Expected)
	if want == "" {
		return Verdict{}, errors.New("exact: the round has no expected answer")
	}
	scores := make([]float64, len(r.Replies))
	right := 0
	for i, reply := range r.Replies {
		got := strings.TrimSpace(reply)
		if got == want || (j.ignoreCase && strings.EqualFold(got, want)) {
			scores[i] = 1
			right++
		}
	}
	return Verdict{Scores: scores, Rationale: fmt.Sprintf("%d of %d replies match the expected answer", right, len(r.Replies))}, nil
}

// numericJudge scores the first number of a reply against the expected
// number.
//
// A number within the tolerance scores 1. A wrong number scores
// 0.25/(1+|diff|): always below a right answer, above a reply with no
// number at all (0), and higher the closer it is, so the ranking (and the
// preference pairs drawn from it) still prefers near misses to wild
// guesses.
type numericJudge struct{ tolerance float64 }

// numberRE finds integers and decimals with an optional leading minus
// ("42", "-3.5", "0.25", ".5"). Exponents and thousands separators are not
// read: the arithmetic Spaces ask for plain numbers.
var numberRE = regexp.MustCompile(`-?(?:\d+(?:\.\d+)?|\.\d+)`)

// firstNumber returns the first number in s.
func firstNumber(s string) (float64, bool) {
	m := numberRE.FindString(s)
	if m == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(m, 64)
	if err != nil || math.IsInf(v, 0) { // hundreds of digits overflow
		return 0, false
	}
	return v, true
}

func (numericJudge) Name() string { return KindNumeric }

func (j numericJudge) Score(_ context.Context, r Round) (Verdict, error) {
	want, err := strconv.ParseFloat(strings.TrimSpace(r.Expected), 64)
	if err != nil || math.IsNaN(want) || math.IsInf(want, 0) {
		return Verdict{}, fmt.Errorf("numeric: the expected answer %q is not a number", r.Expected)
	}
	// A sliver of slack for answers like 0.1+0.2 written out in full; it
	// is far below any tolerance a Space would set.
	slack := j.tolerance + 1e-9*math.Max(1, math.Abs(want))
	scores := make([]float64, len(r.Replies))
	right, none := 0, 0
	for i, reply := range r.Replies {
		got, ok := firstNumber(reply)
		if !ok {
			none++
			continue
		}
		diff := math.Abs(got - want)
		if diff <= slack {
			scores[i] = 1
			right++
		} else {
			scores[i] = 0.25 / (1 + diff)
		}
	}
	return Verdict{Scores: scores, Rationale: fmt.Sprintf("expected %v: %d right, %d wrong, %d without a number",
		want, right, len(r.Replies)-right-none, none)}, nil
}

// regexJudge scores 1 when a reply matches its pattern.
type regexJudge struct{ re *regexp.Regexp }

func (regexJudge) Name() string { return KindRegex }

func (j regexJudge) Score(_ context.Context, r Round) (Verdict, error) {
	scores := make([]float64, len(r.Replies))
	n := 0
	for i, reply := range r.Replies {
		if j.re.MatchString(reply) {
			scores[i] = 1
			n++
		}
	}
	return Verdict{Scores: scores, Rationale: fmt.Sprintf("%d of %d replies match /%s/", n, len(r.Replies), j.re)}, nil
}

// schemaJudge scores a reply that is JSON valid under its schema 1, JSON
// that breaks the schema 0.25 (closer to the goal than prose) and anything
// else 0.
type schemaJudge struct{ schema *jsonschema.Schema }

// schemaURL is where a judge's schema lives in the compiler's memory; the
// compiler has no loader, so a schema can reach neither files nor network.
const schemaURL = "mem://judge/schema.json"

// compileSchema compiles a JSON Schema document (draft 2020-12 unless it
// names another with $schema), with "format" asserted because a Space
// that writes "format": "email" means it.
func compileSchema(src string) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("cannot be loaded: %v", err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("is not a valid JSON Schema: %v", err)
	}
	return s, nil
}

// unfence returns the inside of s when s is exactly one Markdown code
// fence (``` or ```json, any case), else s unchanged. Models often wrap
// JSON in a fence even when told not to; accepting exactly one fence and
// nothing around it keeps that leniency from letting prose through.
func unfence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") || !strings.HasSuffix(s, "```") || len(s) < 6 {
		return s
	}
	inner := s[3 : len(s)-3]
	nl := strings.IndexByte(inner, '\n')
	if nl < 0 {
		return s
	}
	if tag := strings.TrimSpace(inner[:nl]); tag != "" && !strings.EqualFold(tag, "json") {
		return s
	}
	inner = inner[nl+1:]
	if strings.Contains(inner, "```") { // two fences, or one with prose between
		return s
	}
	return strings.TrimSpace(inner)
}

func (schemaJudge) Name() string { return KindJSONSchema }

func (j schemaJudge) Score(_ context.Context, r Round) (Verdict, error) {
	scores := make([]float64, len(r.Replies))
	var notes []string
	for i, reply := range r.Replies {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(unfence(reply)))
		if err != nil {
			notes = append(notes, fmt.Sprintf("#%d not JSON", i+1))
			continue
		}
		if err := j.schema.Validate(doc); err != nil {
			scores[i] = 0.25
			notes = append(notes, fmt.Sprintf("#%d %s", i+1, firstViolation(err)))
			continue
		}
		scores[i] = 1
		notes = append(notes, fmt.Sprintf("#%d valid", i+1))
	}
	return Verdict{Scores: scores, Rationale: strings.Join(notes, "; ")}, nil
}

// firstViolation names the first leaf of a validation error's tree ("at
// '/age': got string, want integer"), which is the actual broken rule; the
// root only says that validation failed.
func firstViolation(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	for len(ve.Causes) > 0 {
		ve = ve.Causes[0]
	}
	return ve.Error() // a leaf prints as "at '/path': what is wrong"
}

// formatJudge grades a reply's length and shape: its score is the share
// of configured rules the reply keeps, averaged with the task's own
// Verifier when the round has one. An empty reply scores 0.
type formatJudge struct {
	minWords, maxWords, maxChars int
	endsWith                     string
	singleLine                   bool
}

func (formatJudge) Name() string { return KindFormat }

func (j formatJudge) Score(_ context.Context, r Round) (Verdict, error) {
	scores := make([]float64, len(r.Replies))
	var notes []string
	for i, reply := range r.Replies {
		s, note := j.grade(reply, r.Verifier)
		scores[i] = s
		notes = append(notes, fmt.Sprintf("#%d %s", i+1, note))
	}
	return Verdict{Scores: scores, Rationale: strings.Join(notes, "; ")}, nil
}

// grade scores one reply and says which rules it broke.
func (j formatJudge) grade(reply string, v Verifier) (float64, string) {
	text := strings.TrimSpace(reply)
	if text == "" {
		return 0, "empty"
	}
	words := len(strings.Fields(text))
	rules := []struct {
		on, ok bool
		broke  string
	}{
		{j.minWords > 0, words >= j.minWords, fmt.Sprintf("%d words < %d", words, j.minWords)},
		{j.maxWords > 0, words <= j.maxWords, fmt.Sprintf("%d words > %d", words, j.maxWords)},
		{j.maxChars > 0, utf8.RuneCountInString(text) <= j.maxChars, fmt.Sprintf("%d chars > %d", utf8.RuneCountInString(text), j.maxChars)},
		{j.endsWith != "", strings.HasSuffix(text, j.endsWith), fmt.Sprintf("does not end with %q", j.endsWith)},
		{j.singleLine, !strings.ContainsAny(text, "\r\n"), "more than one line"},
	}
	var broken []string
	on, kept := 0, 0
	for _, rule := range rules {
		if !rule.on {
			continue
		}
		on++
		if rule.ok {
			kept++
		} else {
			broken = append(broken, rule.broke)
		}
	}
	var parts []float64
	if on > 0 {
		parts = append(parts, float64(kept)/float64(on))
	}
	if v != nil {
		s, note := v.Verify(reply)
		if math.IsNaN(s) {
			s = 0
		}
		parts = append(parts, math.Min(1, math.Max(0, s)))
		if note != "" {
			broken = append(broken, "task: "+note)
		}
	}
	if len(parts) == 0 {
		return 1, "non-empty" // no rules at all: only emptiness counts
	}
	sum := 0.0
	for _, p := range parts {
		sum += p
	}
	note := "ok"
	if len(broken) > 0 {
		note = strings.Join(broken, ", ")
	}
	return sum / float64(len(parts)), note
}

// outcomeJudge passes a finished game's result through: 1 win, 0.5 draw,
// 0 loss, as the game's rules decided.
type outcomeJudge struct{}

func (outcomeJudge) Name() string { return KindOutcome }

func (outcomeJudge) Score(_ context.Context, r Round) (Verdict, error) {
	if r.Outcome == nil {
		return Verdict{}, errors.New("outcome: the round has no game outcome")
	}
	if len(r.Outcome) != len(r.Replies) {
		return Verdict{}, fmt.Errorf("outcome: %d results for %d players", len(r.Outcome), len(r.Replies))
	}
	for i, s := range r.Outcome {
		if math.IsNaN(s) || s < 0 || s > 1 {
			return Verdict{}, fmt.Errorf("outcome: player %d's result %v is outside [0, 1]", i+1, s)
		}
	}
	return Verdict{Scores: append([]float64(nil), r.Outcome...), Rationale: "game outcome"}, nil
}
