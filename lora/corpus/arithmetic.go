package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// ArithmeticSystem is the system prompt of arithmetic chats.
const ArithmeticSystem = "Answer with the number only."

// DefaultSubtractRate is the fraction of arithmetic questions that are
// subtractions; addition stays the large majority.
const DefaultSubtractRate = 0.2

// Problem is one arithmetic question, A Op B, where Op is '+' or '-'.
type Problem struct {
	A, B int
	Op   byte
}

// Answer returns the right answer.
func (p Problem) Answer() int {
	if p.Op == '-' {
		return p.A - p.B
	}
	return p.A + p.B
}

// Prompt returns the question as the corpus and the Spaces write it:
// "Q: 17+25=".
func (p Problem) Prompt() string {
	op := p.Op
	if op != '-' {
		op = '+'
	}
	return "Q: " + strconv.Itoa(p.A) + string(op) + strconv.Itoa(p.B) + "="
}

// Line returns the question followed by an answer: "Q: 17+25=42".
func (p Problem) Line(answer int) string {
	return p.Prompt() + strconv.Itoa(answer)
}

// AdditionPrompt returns the question a+b: AdditionPrompt(17, 25) is
// "Q: 17+25=".
func AdditionPrompt(a, b int) string {
	return Problem{A: a, B: b, Op: '+'}.Prompt()
}

// SubtractionPrompt returns the question a-b: SubtractionPrompt(42, 17) is
// "Q: 42-17=".
func SubtractionPrompt(a, b int) string {
	return Problem{A: a, B: b, Op: '-'}.Prompt()
}

// ParseProblem reads a question at the start of s, exactly as
// [Problem.Prompt] writes it, and returns it with the rest of s (the answer,
// if any, for [ParseAnswer]). Operands are unsigned decimals of at most
// nine digits.
func ParseProblem(s string) (p Problem, rest string, ok bool) {
	s, found := strings.CutPrefix(s, "Q: ")
	if !found {
		return Problem{}, "", false
	}
	a, s, ok := leadingUint(s, 9)
	if !ok || s == "" || (s[0] != '+' && s[0] != '-') {
		return Problem{}, "", false
	}
	op := s[0]
	b, s, ok := leadingUint(s[1:], 9)
	if !ok || s == "" || s[0] != '=' {
		return Problem{}, "", false
	}
	return Problem{A: a, B: b, Op: op}, s[1:], true
}

// ParseAnswer reads the integer a reply starts with, after leading white
// space: "42", " 42\n", "42." and "42 is the answer" all give 42, and "-7"
// gives -7. A reply that does not start with a number, or whose number has
// more than 18 digits, gives ok=false.
func ParseAnswer(reply string) (int, bool) {
	s := strings.TrimLeft(reply, " \t\r\n")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n, _, ok := leadingUint(s, 18)
	if !ok {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// leadingUint reads the decimal digits s starts with (at least one, at most
// maxDigits, so the value cannot overflow) and returns their value and the
// rest of s.
func leadingUint(s string, maxDigits int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i == maxDigits {
			return 0, s, false
		}
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	return n, s[i:], true
}

// RandomProblem draws a question: a subtraction with probability
// subtractRate (larger operand first, so the answer is never negative),
// otherwise an addition. Each operand is two-digit (10–99) four times in
// five and one-digit (1–9) otherwise.
func RandomProblem(r *rand.Rand, subtractRate float64) Problem {
	sub := chance(r, subtractRate)
	a, b := operand(r), operand(r)
	if !sub {
		return Problem{A: a, B: b, Op: '+'}
	}
	if a < b {
		a, b = b, a
	}
	return Problem{A: a, B: b, Op: '-'}
}

func operand(r *rand.Rand) int {
	if chance(r, 0.8) {
		return 10 + r.IntN(90)
	}
	return 1 + r.IntN(9)
}

// WrongAnswer returns a plausible wrong answer to p, the kind of slip a
// learner makes, so that a model learns answers that are close but checked
// wrong rather than noise: a carry or borrow slip (off by ten), the units
// digit off by one, or one digit of the answer off by one. It is never
// negative and never the right answer.
func WrongAnswer(p Problem, r *rand.Rand) int {
	right := p.Answer()
	for {
		var w int
		switch k := r.IntN(10); {
		case k < 4: // carry or borrow slip
			w = right + carrySlip(p)
		case k < 7: // units digit off by one
			w = right + sign(r)
		default: // one digit of the answer off by one
			digits := len(strconv.Itoa(right))
			step := 1
			for range r.IntN(digits) {
				step *= 10
			}
			w = right + step*sign(r)
		}
		// Retry the rare draw that would go below zero; right+1 always
		// qualifies, so the loop ends.
		if w >= 0 && w != right {
			return w
		}
	}
}

// carrySlip is the error made by forgetting a carry (or borrow) from the
// units that was needed, or adding one that was not.
func carrySlip(p Problem) int {
	if p.Op == '-' {
		if p.A%10 < p.B%10 {
			return 10 // forgot to borrow
		}
		return -10 // borrowed for nothing
	}
	if p.A%10+p.B%10 >= 10 {
		return -10 // forgot the carry
	}
	return 10 // carried for nothing
}

func sign(r *rand.Rand) int {
	if r.IntN(2) == 0 {
		return -1
	}
	return 1
}

// ArithmeticSource makes arithmetic documents: plain documents of three to
// six "Q: a+b=c" lines, or one-question chats. Rate fields follow
// [Options]: zero means the default, negative means none.
type ArithmeticSource struct {
	// WrongRate is the fraction of answers that are wrong (default
	// [DefaultWrongRate]).
	WrongRate float64
	// SubtractRate is the fraction of subtractions (default
	// [DefaultSubtractRate]).
	SubtractRate float64
	// ChatRate is the fraction of chats (default [DefaultChatRate]).
	ChatRate float64
	// SystemRate is the fraction of chats with a system prompt (default
	// [DefaultSystemRate]).
	SystemRate float64
}

// Kind returns [KindArithmetic].
func (ArithmeticSource) Kind() Kind { return KindArithmetic }

// Doc makes one arithmetic document.
func (s ArithmeticSource) Doc(r *rand.Rand) Doc {
	wrong := rate(s.WrongRate, DefaultWrongRate)
	sub := rate(s.SubtractRate, DefaultSubtractRate)
	if chance(r, rate(s.ChatRate, DefaultChatRate)) {
		p := RandomProblem(r, sub)
		ans := answer(r, p, wrong)
		return Doc{Kind: KindArithmetic, Chat: chat(r, rate(s.SystemRate, DefaultSystemRate),
			ArithmeticSystem, p.Prompt(), strconv.Itoa(ans))}
	}
	lines := make([]string, 3+r.IntN(4))
	for i := range lines {
		p := RandomProblem(r, sub)
		lines[i] = p.Line(answer(r, p, wrong))
	}
	return Doc{Kind: KindArithmetic, Text: strings.Join(lines, "\n")}
}

// answer is the right answer, or with probability wrong a plausible wrong
// one.
func answer(r *rand.Rand, p Problem, wrong float64) int {
	if chance(r, wrong) {
		return WrongAnswer(p, r)
	}
	return p.Answer()
}
