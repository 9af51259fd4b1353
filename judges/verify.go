package judges

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
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

// numericJudge scores a reply that is a number against the expected
// number.
//
// The reply, with white space trimmed from both ends, must be one number
// and nothing else: an optional minus sign, digits and an optional
// decimal part ("42", "-3.5", "0.25", ".5"). Anything more is not an
// answer and scores 0, the same as no number at all: a unit, a word, a
// trailing period ("42."), a second number ("42 43"), a number spelled
// out, or a right number followed by text ("42<|im_end|>..."). Reading
// the first number of a reply instead would let a right answer carry any
// payload, and a preference pair would then teach the payload.
//
// A number within the tolerance scores 1. A wrong number scores
// 0.25/(1+|diff|): always below a right answer, above a reply that is not
// a number (0), and higher the closer it is, so the ranking (and the
// preference pairs drawn from it) still prefers near misses to wild
// guesses.
type numericJudge struct{ tolerance float64 }

// numberRE is a whole reply that is one integer or decimal with an
// optional leading minus. Exponents and thousands separators are not
// read: the arithmetic Spaces ask for plain numbers.
var numberRE = regexp.MustCompile(`^-?(?:\d+(?:\.\d+)?|\.\d+)$`)

// wholeNumber returns the number s is, after trimming white space; ok is
// false when s is anything else.
func wholeNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !numberRE.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
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
		got, ok := wholeNumber(reply)
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
	return Verdict{Scores: scores, Rationale: fmt.Sprintf("expected %v: %d right, %d wrong, %d not a number alone",
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
//
// Two rules are not about shape but about cheating the panel, and a reply
// that breaks one is a foul (see Verdict.Fouls), which the panel scores 0
// whatever its other judges say: repeating one word more than maxRepeats
// times (stuffing a keyword that a judge rewards) and, with noJudgeTalk,
// text that speaks to the judge (see judgeTalkRE). An LLM judge on the
// same panel may be fooled by either; the foul keeps the reply from
// winning anyway.
type formatJudge struct {
	minWords, maxWords, maxChars int
	maxRepeats                   int
	endsWith                     string
	singleLine                   bool
	noJudgeTalk                  bool
}

// judgeTalkRE finds phrases that address a judge or its instructions
// rather than the task's reader: "ignore the rubric", "score this ten out
// of ten", "10/10", "system prompt", "as an AI". It is a fixed list of
// phrases, chosen so that no slogan, pitch or answer of the corpus
// matches one (spaces tests it on every corpus template); bare words
// that honest text uses ("judge a book", "prompt delivery", "sewing
// instructions") are not on it.
var judgeTalkRE = regexp.MustCompile(`(?i)\b(?:` + strings.Join([]string{
	`ignor(?:e|ing) (?:the|all|any|every|previous|prior|your|above|these|those|earlier|that)`,
	`disregard(?:ing)?`,
	`rubrics?`,
	`(?:the|dear|to the|you|all|hey|hi|attention) (?:judges?|graders?|evaluators?)`,
	`judging`,
	`graders?`,
	`evaluators?`,
	`(?:score|scoring|rate|rating|grade|grading) (?:this|me|it|us|my|our|the reply|the answer|the slogan|the response)`,
	`out of (?:ten|10|a hundred|100)`,
	`\d+ ?/ ?10`,
	`full marks`,
	`(?:system|previous|prior|above|earlier|new|these|my|following|your) (?:prompt|instructions?)`,
	`as an ai`,
	`language model`,
}, "|") + `)\b`)

// wordKey is how a word counts towards maxRepeats: lower case, letters
// and digits only, so that "Bike", "bike," and "BIKE!" are one word.
func wordKey(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, w)
}

// mostRepeated returns the word of fields that appears most often, and
// how often (ties go to the first).
func mostRepeated(fields []string) (string, int) {
	counts := map[string]int{}
	best, most := "", 0
	for _, f := range fields {
		k := wordKey(f)
		if k == "" {
			continue
		}
		counts[k]++
		if counts[k] > most {
			best, most = k, counts[k]
		}
	}
	return best, most
}

func (formatJudge) Name() string { return KindFormat }

func (j formatJudge) Score(_ context.Context, r Round) (Verdict, error) {
	scores := make([]float64, len(r.Replies))
	var (
		notes []string
		fouls []string
	)
	for i, reply := range r.Replies {
		s, note, foul := j.grade(reply, r.Verifier)
		scores[i] = s
		notes = append(notes, fmt.Sprintf("#%d %s", i+1, note))
		if foul != "" {
			if fouls == nil {
				fouls = make([]string, len(r.Replies))
			}
			fouls[i] = foul
		}
	}
	return Verdict{Scores: scores, Rationale: strings.Join(notes, "; "), Fouls: fouls}, nil
}

// grade scores one reply and says which rules it broke, and, when it
// broke a rule against cheating, why that is a foul.
func (j formatJudge) grade(reply string, v Verifier) (score float64, note, foul string) {
	text := strings.TrimSpace(reply)
	if text == "" {
		return 0, "empty", ""
	}
	fields := strings.Fields(text)
	words := len(fields)
	word, repeats := mostRepeated(fields)
	talk := ""
	if j.noJudgeTalk {
		talk = judgeTalkRE.FindString(text)
	}
	rules := []struct {
		on, ok bool
		broke  string
		foul   bool
	}{
		{j.minWords > 0, words >= j.minWords, fmt.Sprintf("%d words < %d", words, j.minWords), false},
		{j.maxWords > 0, words <= j.maxWords, fmt.Sprintf("%d words > %d", words, j.maxWords), false},
		{j.maxChars > 0, utf8.RuneCountInString(text) <= j.maxChars, fmt.Sprintf("%d chars > %d", utf8.RuneCountInString(text), j.maxChars), false},
		{j.maxRepeats > 0, repeats <= j.maxRepeats, fmt.Sprintf("%q %d times > %d", clip(word, 40), repeats, j.maxRepeats), true},
		{j.endsWith != "", strings.HasSuffix(text, j.endsWith), fmt.Sprintf("does not end with %q", j.endsWith), false},
		{j.singleLine, !strings.ContainsAny(text, "\r\n"), "more than one line", false},
		{j.noJudgeTalk, talk == "", fmt.Sprintf("speaks to the judge (%q)", clip(talk, 40)), true},
	}
	var broken, fouls []string
	on, kept := 0, 0
	for _, rule := range rules {
		if !rule.on {
			continue
		}
		on++
		switch {
		case rule.ok:
			kept++
		case rule.foul:
			fouls = append(fouls, rule.broke)
			broken = append(broken, "foul: "+rule.broke)
		default:
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
	foul = strings.Join(fouls, ", ")
	if len(parts) == 0 {
		return 1, "non-empty", foul // no rules at all: only emptiness counts
	}
	sum := 0.0
	for _, p := range parts {
		sum += p
	}
	note = "ok"
	if len(broken) > 0 {
		note = strings.Join(broken, ", ")
	}
	return sum / float64(len(parts)), note, foul
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
