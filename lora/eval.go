package lora

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"

	"github.com/rlfc/arena/lora/corpus"
)

// ArithmeticResult is how a model did on arithmetic questions asked in the
// corpus's plain format.
type ArithmeticResult struct {
	Problems []corpus.Problem
	Replies  []string // the model's greedy continuation of each question
	Correct  []bool
}

// Accuracy is the fraction of questions answered correctly.
func (r ArithmeticResult) Accuracy() float64 {
	if len(r.Correct) == 0 {
		return 0
	}
	n := 0
	for _, c := range r.Correct {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(r.Correct))
}

// RandomAdditions draws n two-digit additions (10–99 each side) from a
// stream seeded with seed.
func RandomAdditions(n int, seed uint64) []corpus.Problem {
	r := rand.New(rand.NewPCG(seed, 0x61646473)) // "adds"
	ps := make([]corpus.Problem, n)
	for i := range ps {
		ps[i] = corpus.Problem{A: 10 + r.IntN(90), B: 10 + r.IntN(90), Op: '+'}
	}
	return ps
}

// AskArithmetic continues "Q: a+b=" for each problem greedily, all in one
// batch, and checks the number each reply starts with. The reply is cut at
// the end of its line. progress, when set, is called as replies finish.
func AskArithmetic(ctx context.Context, m *Model, problems []corpus.Problem, progress func(done int)) (ArithmeticResult, error) {
	if m.Tokenizer == nil {
		return ArithmeticResult{}, errors.New("lora: arithmetic: model has no tokenizer")
	}
	prompts := make([][]int, len(problems))
	for i, p := range problems {
		prompts[i] = m.Tokenizer.Encode(p.Prompt())
	}
	done := 0
	outs, err := m.Generate(ctx, prompts, GenerateOptions{
		MaxTokens: 6,
		Stop:      []string{"\n"},
		OnFinish: func(int) {
			done++
			if progress != nil {
				progress(done)
			}
		},
	})
	if err != nil {
		return ArithmeticResult{}, err
	}
	res := ArithmeticResult{Problems: problems, Replies: make([]string, len(outs)), Correct: make([]bool, len(outs))}
	for i, o := range outs {
		res.Replies[i] = strings.TrimSpace(o.Text)
		got, ok := corpus.ParseAnswer(o.Text)
		res.Correct[i] = ok && got == problems[i].Answer()
	}
	return res, nil
}
