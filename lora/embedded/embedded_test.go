package embedded

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/ops"
)

func load(t testing.TB) *lora.Model {
	t.Helper()
	m, err := Model()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestModelCard(t *testing.T) {
	m := load(t)
	if n := m.Config.NumParams(); n < 1_000_000 || n > 5_000_000 {
		t.Errorf("%d parameters, want 1M to 5M", n)
	}
	if m.Tokenizer == nil || m.Tokenizer.VocabSize() != m.Config.VocabSize {
		t.Fatalf("tokenizer missing or of the wrong size")
	}
	readme, err := fs.ReadFile(FS(), "README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"arena pretrain", "seed", "loss"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("model README.md does not record the %s", want)
		}
	}
}

func TestSameSeedSameText(t *testing.T) {
	m := load(t)
	gen := func(seed uint64) string {
		c, err := m.GenerateText(context.Background(), "Q: 17+25=", lora.GenerateOptions{
			Sampling: lora.Sampling{Temperature: 0.7}, MaxTokens: 24, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return c.Text
	}
	a, b := gen(7), gen(7)
	if a != b {
		t.Fatalf("seed 7 twice: %q vs %q", a, b)
	}
	t.Logf("Q: 17+25=%s", a)
}

// MinTokens holds off the end-of-text token the model would choose.
func TestMinTokens(t *testing.T) {
	m := load(t)
	gen := func(minTokens int) lora.Completion {
		c, err := m.GenerateText(context.Background(), "Q: 17+25=", lora.GenerateOptions{MaxTokens: 60, MinTokens: minTokens})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if free := gen(0); free.FinishReason != "stop" || len(free.Tokens) >= 40 {
		t.Fatalf("without MinTokens the model ran %d tokens (%s); the test needs an early stop", len(free.Tokens), free.FinishReason)
	}
	if held := gen(40); len(held.Tokens) < 40 {
		t.Errorf("MinTokens 40 gave %d tokens (%s): %q", len(held.Tokens), held.FinishReason, held.Text)
	}
}

// The corpus holds deliberately wrong answers, so the model answers most
// additions correctly but not all: there is room for the arena to teach it.
func TestArithmeticMostlyRight(t *testing.T) {
	m := load(t)
	res, err := lora.AskArithmetic(context.Background(), m, lora.RandomAdditions(200, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	acc := res.Accuracy()
	t.Logf("accuracy on 200 two-digit additions: %.3f", acc)
	if acc <= 0.5 || acc >= 1 {
		t.Errorf("accuracy %.3f, want most (over half) but not all right", acc)
	}
}

// The model learned the board: it names a free cell more often than a
// uniform guess among the nine cells would.
func TestTicTacToeMovesMostlyLegal(t *testing.T) {
	m := load(t)
	docs := corpus.New(corpus.Options{Seed: 99, Sources: []corpus.Weighted{{Source: corpus.TicTacToeSource{ChatRate: 1}, Weight: 1}}}).Take(40)
	var prompts [][]int
	var games []*corpus.TicTacToe
	for _, d := range docs {
		user := d.Chat[len(d.Chat)-2]
		ids, err := m.Tokenizer.Chat(d.Chat[:len(d.Chat)-1], true)
		if err != nil {
			t.Fatal(err)
		}
		g, err := corpus.ReplayTicTacToe(strings.SplitN(user.Content, "\n", 2)[0])
		if err != nil {
			t.Fatal(err)
		}
		prompts, games = append(prompts, ids), append(games, g)
	}
	out, err := m.Generate(context.Background(), prompts, lora.GenerateOptions{MaxTokens: 3})
	if err != nil {
		t.Fatal(err)
	}
	legal, chance := 0, 0.0
	for i, o := range out {
		if cell, ok := corpus.ParseTicTacToeMove(o.Text); ok && games[i].Legal(cell) {
			legal++
		}
		chance += float64(len(games[i].Moves())) / 9
	}
	t.Logf("%d of %d moves legal; a uniform guess would get %.1f", legal, len(out), chance)
	if float64(legal) <= chance {
		t.Errorf("%d of %d moves legal, no better than a uniform guess (%.1f)", legal, len(out), chance)
	}
}

func procs(b *testing.B, f func(b *testing.B)) {
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", n), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
			f(b)
		})
	}
}

// BenchmarkGenerate measures generation end to end with the embedded model,
// prompt included: 128 new tokens for one sequence, and for eight together.
func BenchmarkGenerate(b *testing.B) {
	m := load(b)
	prompt := m.Tokenizer.Encode("Slogan for a bike shop:")
	for _, batch := range []int{1, 8} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			procs(b, func(b *testing.B) {
				prompts := make([][]int, batch)
				for i := range prompts {
					prompts[i] = prompt
				}
				tokens := 0
				for b.Loop() {
					out, err := m.Generate(context.Background(), prompts, lora.GenerateOptions{
						Sampling: lora.Sampling{Temperature: 1}, MinTokens: 128, MaxTokens: 128, Seed: 1})
					if err != nil {
						b.Fatal(err)
					}
					for _, o := range out {
						tokens += len(o.Tokens)
					}
				}
				b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
			})
		})
	}
}

// BenchmarkTrainStep measures pretraining speed at the embedded model's
// recipe: forward, backward and AdamW on 16 sequences of 128 tokens.
func BenchmarkTrainStep(b *testing.B) {
	cfg := load(b).Config
	const B, T = 16, 128
	procs(b, func(b *testing.B) {
		m, err := lora.New(cfg, 1)
		if err != nil {
			b.Fatal(err)
		}
		m.SetTrainable(true)
		inputs, targets := make([]int, B*T), make([]int, B*T)
		for i := range inputs {
			inputs[i], targets[i] = (i*7)%cfg.VocabSize, (i*7+1)%cfg.VocabSize
		}
		opt := &lora.AdamW{}
		var pass *lora.Pass
		for b.Loop() {
			m.ZeroGrad()
			pass, err = m.Forward(pass, inputs, B, T)
			if err != nil {
				b.Fatal(err)
			}
			ops.CrossEntropy(pass.Logits, pass.Logits, targets, cfg.VocabSize, 1.0/(B*T))
			pass.Backward(pass.Logits)
			opt.Step(m.Params(), 1e-3)
		}
		b.ReportMetric(float64(b.N*B*T)/b.Elapsed().Seconds(), "tokens/s")
	})
}

// An NF4 base (QLoRA) costs the embedded model almost nothing in held-out
// perplexity while storing its projections in about an eighth of the bytes.
func TestNF4HeldOutPerplexity(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the model three times")
	}
	held := corpus.Options{Seed: 424242}
	loss := func(double, quantize bool) (float64, *lora.Model) {
		m, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		if quantize {
			if err := m.QuantizeBase(double); err != nil {
				t.Fatal(err)
			}
		}
		l, err := lora.EvalLoss(m, held, 8, 16, 128)
		if err != nil {
			t.Fatal(err)
		}
		return l, m
	}
	base, _ := loss(false, false)
	for _, double := range []bool{false, true} {
		l, m := loss(double, true)
		q := m.NF4("model.layers.0.mlp.up_proj.weight")
		perParam := float64(q.Bytes()) / float64(q.Rows()*q.Cols())
		t.Logf("double=%v: perplexity %.4f (float32 %.4f), %.4f bytes per quantised parameter", double, math.Exp(l), math.Exp(base), perParam)
		if l > base*1.01 {
			t.Errorf("double=%v: held-out loss rose from %.4f to %.4f", double, base, l)
		}
		if perParam > 0.57 {
			t.Errorf("double=%v: %.4f bytes per parameter", double, perParam)
		}
	}
}
