package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/tokenizer"
)

// runDemo shows the engine on the embedded model. The arena core (Spaces,
// matches, judges, payouts, training) does not exist yet; as it lands the
// demo grows into a whole season.
func runDemo(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("demo", "", "Runs the demo on embedded defaults, with no network. For now it shows the engine: the\nembedded base model answering arithmetic, writing a slogan and playing tic-tac-toe.")
	seed := f.Uint64("seed", 7, "seed for questions and sampling")
	questions := f.Int("questions", 48, "arithmetic questions to ask")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *questions <= 0 {
		return usageError{fmt.Errorf("--questions must be positive, got %d", *questions)}
	}
	fmt.Fprintln(stdout, "Arena demo: the engine only. Spaces, matches, judges, payouts and training are not built yet;")
	fmt.Fprintln(stdout, "this run shows the embedded base model they will use.")
	fmt.Fprintln(stdout)

	m, err := embedded.Model()
	if err != nil {
		return err
	}
	c := m.Config
	fmt.Fprintf(stdout, "model %s: %s, %d layers, hidden %d, %d heads (%d key/value), %.1fM parameters, %d-token vocabulary, %d-token context\n\n",
		embedded.Name, c.ModelType, c.NumHiddenLayers, c.HiddenSize, c.NumAttentionHeads, c.NumKeyValueHeads,
		float64(c.NumParams())/1e6, c.VocabSize, c.MaxPositionEmbeddings)

	// 1. Arithmetic, batched and greedy.
	fmt.Fprintf(stdout, "1. %d two-digit additions in the corpus format, asked together (greedy)\n", *questions)
	problems := lora.RandomAdditions(*questions, *seed)
	bar := progress.New(stdout, "answering", len(problems))
	start := time.Now()
	res, err := lora.AskArithmetic(ctx, m, problems, func(done int) { bar.Update(done, "") })
	bar.Done()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	for i := range min(8, len(problems)) {
		mark := "right"
		if !res.Correct[i] {
			mark = fmt.Sprintf("wrong, %d", problems[i].Answer())
		}
		fmt.Fprintf(stdout, "   %s%-4s %s\n", problems[i].Prompt(), res.Replies[i], mark)
	}
	right := int(res.Accuracy()*float64(len(problems)) + 0.5)
	fmt.Fprintf(stdout, "   %d of %d right (%.0f%%) %s in %s; the corpus had 10%% wrong answers, so there is room to learn\n\n",
		right, len(problems), 100*res.Accuracy(), bars(res.Accuracy(), 20), elapsed.Round(time.Millisecond))

	// 2. A chat, streamed token by token.
	fmt.Fprintln(stdout, "2. A chat, streamed as it is generated (temperature 0.8)")
	msgs := []tokenizer.Message{
		{Role: "system", Content: corpus.ProseSystem},
		{Role: "user", Content: corpus.SloganPrompt("bike shop")},
	}
	ids, err := m.Tokenizer.Chat(msgs, true)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "   user: %s\n   assistant: ", msgs[1].Content)
	start = time.Now()
	out, err := m.Generate(ctx, [][]int{ids}, lora.GenerateOptions{
		Sampling:  lora.Sampling{Temperature: 0.8, TopP: 0.95},
		MaxTokens: 40,
		Seed:      *seed,
		OnText:    func(_ int, delta string) { fmt.Fprint(stdout, delta) },
	})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "\n   (%d tokens, %.0f tokens/s)\n\n", len(out[0].Tokens), float64(len(out[0].Tokens))/el.Seconds())

	// 3. Tic-tac-toe: the model plays X against a random O.
	fmt.Fprintln(stdout, "3. Tic-tac-toe: the model (X, greedy) against a random player (O)")
	board, err := playTicTacToe(ctx, m, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, indent(board, "   "))
	return nil
}

// playTicTacToe lets the model play X by chat against a seeded random O. A
// move that is not a free cell forfeits the game.
func playTicTacToe(ctx context.Context, m *lora.Model, seed uint64) (string, error) {
	rng := rand.New(rand.NewPCG(seed, 0))
	g := corpus.NewTicTacToe()
	for !g.Over() {
		if g.Turn() == corpus.MarkO {
			g.Play(g.RandomMove(rng))
			continue
		}
		ids, err := m.Tokenizer.Chat([]tokenizer.Message{
			{Role: "system", Content: corpus.TicTacToeSystem},
			{Role: "user", Content: g.Prompt()},
		}, true)
		if err != nil {
			return "", err
		}
		out, err := m.Generate(ctx, [][]int{ids}, lora.GenerateOptions{MaxTokens: 4})
		if err != nil {
			return "", err
		}
		cell, ok := corpus.ParseTicTacToeMove(out[0].Text)
		if !ok || !g.Legal(cell) {
			return fmt.Sprintf("%s\nX answered %q, not a free cell: X forfeits", g.Transcript(), out[0].Text), nil
		}
		g.Play(cell)
	}
	return g.Transcript(), nil
}

// bars draws a fraction as a bar of width cells.
func bars(frac float64, width int) string {
	n := int(frac*float64(width) + 0.5)
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "]"
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
