package corpus

import (
	"strconv"
	"strings"
	"testing"
)

// arithmeticStats counts what the arithmetic documents of a source hold.
type arithmeticStats struct {
	answers, wrong, subtractions, oneDigit, operands int
}

// checkArithmeticLine checks one "Q: a+b=c" line (or, with an empty
// answer, a bare question) and adds it to st.
func checkArithmeticLine(t *testing.T, line string, st *arithmeticStats) (Problem, int) {
	t.Helper()
	p, rest, ok := ParseProblem(line)
	if !ok {
		t.Fatalf("line %q does not parse", line)
	}
	if p.Op != '+' && p.Op != '-' {
		t.Fatalf("line %q has operator %q", line, p.Op)
	}
	for _, v := range []int{p.A, p.B} {
		if v < 1 || v > 99 {
			t.Fatalf("line %q has operand %d outside 1-99", line, v)
		}
		st.operands++
		if v < 10 {
			st.oneDigit++
		}
	}
	if p.Op == '-' {
		st.subtractions++
		if p.A < p.B {
			t.Fatalf("subtraction %q goes below zero", line)
		}
	}
	ans, ok := ParseAnswer(rest)
	if !ok || rest != strconv.Itoa(ans) {
		t.Fatalf("line %q: answer %q is not a plain number", line, rest)
	}
	if ans < 0 {
		t.Fatalf("line %q has a negative answer", line)
	}
	if p.Line(ans) != line {
		t.Fatalf("line %q is not written as Line writes it (%q)", line, p.Line(ans))
	}
	st.answers++
	if ans != p.Answer() {
		st.wrong++
	}
	return p, ans
}

// arithmeticDocs makes n documents of src and checks every one.
func arithmeticDocs(t *testing.T, src ArithmeticSource, n int, seed uint64) arithmeticStats {
	t.Helper()
	var st arithmeticStats
	r := newRand(seed)
	for range n {
		d := src.Doc(r)
		if len(d.Chat) == 0 {
			lines := strings.Split(d.Text, "\n")
			if len(lines) < 3 || len(lines) > 6 {
				t.Fatalf("plain document has %d lines: %q", len(lines), d.Text)
			}
			for _, line := range lines {
				checkArithmeticLine(t, line, &st)
			}
			continue
		}
		_, user, assistant := chatParts(t, d, ArithmeticSystem)
		p, rest, ok := ParseProblem(user)
		if !ok || rest != "" || p.Prompt() != user {
			t.Fatalf("user message %q is not a bare question", user)
		}
		checkArithmeticLine(t, user+assistant, &st)
	}
	return st
}

func TestArithmeticDocuments(t *testing.T) {
	n := many(8000)
	tests := []struct {
		src       ArithmeticSource
		wrong     float64
		subtracts float64
	}{
		{ArithmeticSource{}, DefaultWrongRate, DefaultSubtractRate},
		{ArithmeticSource{WrongRate: -1}, 0, DefaultSubtractRate},
		{ArithmeticSource{WrongRate: 0.5, SubtractRate: 0.6}, 0.5, 0.6},
		{ArithmeticSource{WrongRate: 1, SubtractRate: -1}, 1, 0},
	}
	for _, tt := range tests {
		st := arithmeticDocs(t, tt.src, n, 10)
		within(t, "wrong-answer rate", float64(st.wrong)/float64(st.answers), tt.wrong, tol(tt.wrong, st.answers))
		within(t, "subtraction rate", float64(st.subtractions)/float64(st.answers), tt.subtracts, tol(tt.subtracts, st.answers))
		within(t, "one-digit operand rate", float64(st.oneDigit)/float64(st.operands), 0.2, tol(0.2, st.operands))
	}
}

// TestWrongRateOption checks that Options.WrongRate reaches the default
// mix: zero is the default rate, negative is none.
func TestWrongRateOption(t *testing.T) {
	n := many(6000)
	for _, tt := range []struct{ opt, want float64 }{{0, DefaultWrongRate}, {-1, 0}, {0.3, 0.3}} {
		g := New(Options{Seed: 11, WrongRate: tt.opt})
		var st arithmeticStats
		for range n {
			d := g.Next()
			if d.Kind != KindArithmetic {
				continue
			}
			if len(d.Chat) > 0 {
				_, user, assistant := chatParts(t, d, ArithmeticSystem)
				checkArithmeticLine(t, user+assistant, &st)
				continue
			}
			for _, line := range strings.Split(d.Text, "\n") {
				checkArithmeticLine(t, line, &st)
			}
		}
		within(t, "wrong-answer rate", float64(st.wrong)/float64(st.answers), tt.want, tol(tt.want, st.answers))
	}
}

func TestWrongAnswer(t *testing.T) {
	r := newRand(12)
	// Every question the corpus can ask, and some edge cases.
	var problems []Problem
	for a := 1; a <= 99; a++ {
		for b := 1; b <= 99; b++ {
			problems = append(problems, Problem{A: a, B: b, Op: '+'})
			if a >= b {
				problems = append(problems, Problem{A: a, B: b, Op: '-'})
			}
		}
	}
	problems = append(problems, Problem{A: 0, B: 0, Op: '+'}, Problem{A: 5, B: 5, Op: '-'}, Problem{A: 999, B: 1, Op: '+'})
	tries := 3
	if testing.Short() {
		tries = 1
	}
	for _, p := range problems {
		right := p.Answer()
		for range tries {
			w := WrongAnswer(p, r)
			if w == right || w < 0 {
				t.Fatalf("WrongAnswer(%s) = %d (right %d)", p.Prompt(), w, right)
			}
			// Plausible: close to the right answer.
			if d := w - right; d != 1 && d != -1 && d != 10 && d != -10 && d != 100 && d != -100 && d != 1000 && d != -1000 {
				t.Fatalf("WrongAnswer(%s) = %d, off by %d", p.Prompt(), w, d)
			}
		}
	}
}

func TestPrompts(t *testing.T) {
	tests := []struct{ got, want string }{
		{AdditionPrompt(17, 25), "Q: 17+25="},
		{SubtractionPrompt(42, 17), "Q: 42-17="},
		{Problem{A: 3, B: 4}.Prompt(), "Q: 3+4="}, // the zero operator is addition
		{Problem{A: 63, B: 8, Op: '-'}.Line(55), "Q: 63-8=55"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if got := (Problem{A: 63, B: 8, Op: '-'}).Answer(); got != 55 {
		t.Errorf("63-8 = %d", got)
	}
}

func TestParseProblem(t *testing.T) {
	tests := []struct {
		in   string
		p    Problem
		rest string
		ok   bool
	}{
		{"Q: 17+25=", Problem{17, 25, '+'}, "", true},
		{"Q: 17+25=42", Problem{17, 25, '+'}, "42", true},
		{"Q: 63-8=55\nQ: 1+1=2", Problem{63, 8, '-'}, "55\nQ: 1+1=2", true},
		{"Q: 0+0=", Problem{0, 0, '+'}, "", true},
		{"Q: 123456789+1=", Problem{123456789, 1, '+'}, "", true},
		{"Q: 1234567890+1=", Problem{}, "", false}, // ten digits
		{"Q: 17*25=", Problem{}, "", false},
		{"Q: 17+25", Problem{}, "", false},
		{"Q:17+25=", Problem{}, "", false},
		{" Q: 17+25=", Problem{}, "", false},
		{"Q: 17 + 25 =", Problem{}, "", false},
		{"Q: -17+25=", Problem{}, "", false},
		{"Q: +25=", Problem{}, "", false},
		{"Q: 17+=", Problem{}, "", false},
		{"", Problem{}, "", false},
	}
	for _, tt := range tests {
		p, rest, ok := ParseProblem(tt.in)
		if p != tt.p || rest != tt.rest || ok != tt.ok {
			t.Errorf("ParseProblem(%q) = %+v, %q, %v; want %+v, %q, %v", tt.in, p, rest, ok, tt.p, tt.rest, tt.ok)
		}
	}
}
