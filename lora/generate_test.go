package lora

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// textModel is a random tiny model with a real tokenizer: its text is
// gibberish, but every property of generation can be checked on it.
func textModel(t testing.TB) *Model {
	t.Helper()
	tok := testTokenizer(t, 300)
	cfg := tinyConfig("llama")
	cfg.VocabSize = tok.VocabSize()
	cfg.MaxPositionEmbeddings = 64
	m := tinyModel(t, cfg, 3)
	m.Tokenizer = tok
	return m
}

func TestGenerateIsSeeded(t *testing.T) {
	m := textModel(t)
	prompts := [][]int{m.Tokenizer.Encode("Q: 17+25="), m.Tokenizer.Encode("Slogan for a bakery:")}
	gen := func(seed uint64, s Sampling) []Completion {
		out, err := m.Generate(context.Background(), prompts, GenerateOptions{Sampling: s, MaxTokens: 20, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	hot := Sampling{Temperature: 1, TopK: 50, TopP: 0.95}
	a, b, c := gen(7, hot), gen(7, hot), gen(8, hot)
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Errorf("sequence %d: same seed, different text: %q vs %q", i, a[i].Text, b[i].Text)
		}
	}
	if a[0].Text == c[0].Text && a[1].Text == c[1].Text {
		t.Errorf("seeds 7 and 8 gave the same texts %q", a[0].Text)
	}
	g1, g2 := gen(1, Sampling{}), gen(2, Sampling{})
	if g1[0].Text != g2[0].Text {
		t.Errorf("greedy decoding depends on the seed: %q vs %q", g1[0].Text, g2[0].Text)
	}
	for i, o := range a {
		if o.PromptTokens != len(prompts[i]) || o.FinishReason == "" {
			t.Errorf("sequence %d: %+v", i, o)
		}
		if o.FinishReason == "length" && len(o.Tokens) != 20 {
			t.Errorf("sequence %d finished for length after %d tokens", i, len(o.Tokens))
		}
	}
}

func TestGenerateStreamsAndStops(t *testing.T) {
	m := textModel(t)
	prompt := [][]int{m.Tokenizer.Encode("Pitch for a tea app:")}
	full, err := m.Generate(context.Background(), prompt, GenerateOptions{Sampling: Sampling{Temperature: 1}, MaxTokens: 30, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	text := full[0].Text
	if len(text) < 6 {
		t.Fatalf("too little text to test stops: %q", text)
	}
	stop := text[3:5]
	var streamed strings.Builder
	finished := 0
	out, err := m.Generate(context.Background(), prompt, GenerateOptions{
		Sampling: Sampling{Temperature: 1}, MaxTokens: 30, Seed: 3, Stop: []string{stop},
		OnText: func(seq int, delta string) {
			if finished > 0 {
				t.Error("text after finish")
			}
			streamed.WriteString(delta)
		},
		OnFinish: func(int) { finished++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := text[:strings.Index(text, stop)]
	if out[0].Text != want || out[0].FinishReason != "stop" {
		t.Errorf("with stop %q: %q (%s), want %q", stop, out[0].Text, out[0].FinishReason, want)
	}
	if streamed.String() != out[0].Text || finished != 1 {
		t.Errorf("streamed %q, finished %d times; text %q", streamed.String(), finished, out[0].Text)
	}
}

func TestGenerateRejectsBadPrompts(t *testing.T) {
	m := textModel(t)
	long := make([]int, m.Config.MaxPositionEmbeddings)
	for _, tc := range []struct {
		prompt []int
		want   string
	}{
		{nil, "prompt 0 is empty"},
		{[]int{1, m.Config.VocabSize}, "outside vocabulary"},
		{[]int{-1}, "outside vocabulary"},
		{long, "context window"},
	} {
		_, err := m.Generate(context.Background(), [][]int{tc.prompt}, GenerateOptions{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("prompt %v: error %v, want %q", tc.prompt, err, tc.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Generate(ctx, [][]int{{1, 2}}, GenerateOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestSamplerDistribution(t *testing.T) {
	logits := []float32{2, 1, 0, 0, -1}
	count := func(s Sampling) []float64 {
		sm := newSampler(s, 42)
		counts := make([]int, len(logits))
		const n = 40000
		for range n {
			counts[sm.next(logits)]++
		}
		freq := make([]float64, len(logits))
		for i, c := range counts {
			freq[i] = float64(c) / n
		}
		return freq
	}
	if f := count(Sampling{}); f[0] != 1 {
		t.Errorf("greedy picked %v", f)
	}
	if f := count(Sampling{Temperature: 1, TopK: 1}); f[0] != 1 {
		t.Errorf("top-k 1 picked %v", f)
	}
	// ties are broken by id: logits 2 and 3 are equal, top-k 3 keeps id 2
	if f := count(Sampling{Temperature: 1, TopK: 3}); f[3] != 0 || f[4] != 0 {
		t.Errorf("top-k 3 picked %v", f)
	}
	f := count(Sampling{Temperature: 0.5})
	z := 0.0
	for _, l := range logits {
		z += math.Exp(float64(l) / 0.5)
	}
	for i, l := range logits {
		if want := math.Exp(float64(l)/0.5) / z; math.Abs(f[i]-want) > 0.01 {
			t.Errorf("token %d drawn %.3f of the time, want %.3f", i, f[i], want)
		}
	}
	// top-p 0.8: p = [.867 .117 .016 ...] at temperature 0.5 keeps id 0 only
	if f := count(Sampling{Temperature: 0.5, TopP: 0.8}); f[0] != 1 {
		t.Errorf("top-p 0.8 picked %v", f)
	}
}

func TestEmitNeverSplitsRunesOrStops(t *testing.T) {
	var got []string
	opts := GenerateOptions{OnText: func(_ int, d string) { got = append(got, d) }}
	s := &sequence{}
	for _, piece := range []string{"ab", "\xc3", "\xa9c", "ST", "x"} {
		s.bytes = append(s.bytes, piece...)
		if s.cutAtStop([]string{"STOP"}) {
			t.Fatal("no stop expected")
		}
		s.emit(opts, len("STOP")-1)
	}
	s.finish(opts, "length")
	if strings.Join(got, "") != "ab\u00e9cSTx" {
		t.Fatalf("pieces %q", got)
	}
	for _, p := range got {
		if !utf8.ValidString(p) {
			t.Errorf("piece %q splits a rune", p)
		}
	}
}

// TestProbabilitiesMatchReference checks the sampler's distribution
// against a plain reading of its documented steps: softmax at the
// temperature over the K largest logits, then the shortest run of them
// (largest first) whose probabilities reach P, renormalised.
func TestProbabilitiesMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	logits := make([]float32, 40)
	for c := range 500 {
		for i := range logits {
			logits[i] = float32(rng.NormFloat64() * 3)
		}
		s := Sampling{Temperature: 0.3 + rng.Float64()*1.5, TopK: rng.IntN(45), TopP: rng.Float64()}
		ids := make([]int, len(logits))
		for i := range ids {
			ids[i] = i
		}
		sort.SliceStable(ids, func(a, b int) bool { return logits[ids[a]] > logits[ids[b]] })
		k := len(ids)
		if s.TopK > 0 && s.TopK < k {
			k = s.TopK
		}
		ids = ids[:k]
		p := make([]float64, len(ids))
		z := 0.0
		for j, id := range ids {
			p[j] = math.Exp(float64(logits[id]) / s.Temperature)
			z += p[j]
		}
		keep := len(ids)
		if s.TopP > 0 && s.TopP < 1 {
			cum := 0.0
			for j := range p {
				cum += p[j] / z
				if cum >= s.TopP {
					keep = j + 1
					break
				}
			}
		}
		want := make([]float64, len(logits))
		z = 0
		for j := range keep {
			z += p[j]
		}
		for j := range keep {
			want[ids[j]] = p[j] / z
		}
		got := Probabilities(nil, s, logits)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-9 {
				t.Fatalf("case %d %+v: token %d has probability %v, want %v", c, s, i, got[i], want[i])
			}
		}
	}
}
