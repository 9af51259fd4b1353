package lora

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/safetensors"
	"github.com/rlfc/arena/lora/tokenizer"
)

// tinyConfig is a model small enough for finite differences.
func tinyConfig(modelType string) Config {
	return Config{
		ModelType: modelType, HiddenSize: 16, IntermediateSize: 24, NumHiddenLayers: 2,
		NumAttentionHeads: 4, NumKeyValueHeads: 2, VocabSize: 300, MaxPositionEmbeddings: 32,
		RMSNormEps: 1e-5, RopeTheta: 10000,
	}
}

// testTokenizer is a small BPE learned from a few corpus documents.
func testTokenizer(t testing.TB, vocab int) *tokenizer.Tokenizer {
	t.Helper()
	tok, err := TrainTokenizer(corpus.Options{Seed: 3}, 300, vocab)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// tinyModel is a randomly initialised model with weights scaled up so that
// gradients are large enough to check with finite differences in float32.
func tinyModel(t testing.TB, cfg Config, seed uint64) *Model {
	t.Helper()
	m, err := New(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, p := range m.Params() {
		for i := range p.W {
			if len(p.Shape) == 1 {
				p.W[i] = 1 + 0.3*float32(rng.NormFloat64()) // norms and biases away from their init
			} else {
				p.W[i] *= 15
			}
		}
	}
	return m
}

func randomTokens(n, vocab int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 2))
	ts := make([]int, n)
	for i := range ts {
		ts[i] = rng.IntN(vocab)
	}
	return ts
}

// meanLoss runs the model and returns the mean cross-entropy, leaving the
// gradient of that mean in pass.Logits when grad is set.
func meanLoss(t testing.TB, m *Model, inputs, targets []int, B, T int, grad bool) (float64, *Pass) {
	t.Helper()
	p, err := m.Forward(nil, inputs, B, T)
	if err != nil {
		t.Fatal(err)
	}
	var d []float32
	if grad {
		d = p.Logits
	}
	counted := 0
	for _, t := range targets {
		if t >= 0 {
			counted++
		}
	}
	loss, n := ops.CrossEntropy(d, p.Logits, targets, m.Config.VocabSize, 1/float32(counted))
	return loss / float64(n), p
}

func TestGradientsMatchFiniteDifferences(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  func() Config
	}{
		{"llama-tied", func() Config { c := tinyConfig("llama"); c.TieWordEmbeddings = true; return c }},
		{"llama-bias-untied", func() Config { c := tinyConfig("llama"); c.AttentionBias = true; return c }},
		{"qwen2", func() Config { return tinyConfig("qwen2") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg()
			m := tinyModel(t, cfg, 11)
			const B, T = 2, 6
			inputs := randomTokens(B*T, cfg.VocabSize, 5)
			targets := randomTokens(B*T, cfg.VocabSize, 6)
			targets[3] = -1 // an ignored position must not matter
			m.SetTrainable(true)
			_, p := meanLoss(t, m, inputs, targets, B, T, true)
			p.Backward(p.Logits)

			rng := rand.New(rand.NewPCG(9, 9))
			const h = 1e-2
			checked := 0
			for _, prm := range m.Params() {
				for range 3 {
					i := rng.IntN(len(prm.W))
					orig := prm.W[i]
					prm.W[i] = orig + h
					lp, _ := meanLoss(t, m, inputs, targets, B, T, false)
					prm.W[i] = orig - h
					lm, _ := meanLoss(t, m, inputs, targets, B, T, false)
					prm.W[i] = orig
					num := (lp - lm) / (2 * h)
					got := float64(prm.G[i])
					if math.Abs(num-got) > 2e-3+0.03*math.Abs(num) {
						t.Errorf("%s[%d]: backward %.6g, finite difference %.6g", prm.Name, i, got, num)
					}
					checked++
				}
			}
			if checked < 2*len(m.Params()) {
				t.Fatalf("only %d weights checked", checked)
			}
		})
	}
}

// The incremental generation path (KV cache, one token at a time) computes
// the same logits as the training forward pass over the whole sequence.
func TestCachedStepMatchesForward(t *testing.T) {
	cfg := tinyConfig("qwen2")
	m := tinyModel(t, cfg, 4)
	const T = 12
	tokens := randomTokens(T, cfg.VocabSize, 8)
	p, err := m.Forward(nil, tokens, 1, T)
	if err != nil {
		t.Fatal(err)
	}
	cache := m.newCache(T)
	// a prompt of 5 tokens in one step, then one token per step
	sc := new(scratch)
	got := m.step(sc, tokens[:5], []span{{cache: cache, rows: 5}})
	check := func(pos int, logits []float32) {
		want := p.Logits[pos*cfg.VocabSize : (pos+1)*cfg.VocabSize]
		for i := range want {
			if math.Abs(float64(want[i]-logits[i])) > 1e-4*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("position %d logit %d: cached %g, forward %g", pos, i, logits[i], want[i])
			}
		}
	}
	check(4, got)
	for pos := 5; pos < T; pos++ {
		check(pos, m.step(sc, tokens[pos:pos+1], []span{{cache: cache, rows: 1}}))
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	cfg := tinyConfig("qwen2")
	m := tinyModel(t, cfg, 2)
	m.Tokenizer = testTokenizer(t, cfg.VocabSize)
	dir := t.TempDir()
	if err := m.Save(dir, map[string]string{"arena.seed": "2"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("Save wrote no %s: %v", name, err)
		}
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if got.Config.ModelType != "qwen2" || got.Config.NumParams() != cfg.NumParams() {
		t.Errorf("config %+v after round trip", got.Config)
	}
	for _, p := range m.Params() {
		q := got.Param(p.Name)
		if q == nil || !slices.Equal(p.W, q.W) || !slices.Equal(p.Shape, q.Shape) {
			t.Fatalf("tensor %s differs after round trip", p.Name)
		}
	}
	text := "Q: 12+30=42"
	if a, b := m.Tokenizer.Encode(text), got.Tokenizer.Encode(text); !slices.Equal(a, b) {
		t.Errorf("tokenizer differs after round trip: %v vs %v", a, b)
	}
}

// A model directory that is wrong in any way fails to load with an error
// naming the file and, where there is one, the tensor.
func TestLoadRejectsBadModels(t *testing.T) {
	cfg := tinyConfig("llama")
	good := t.TempDir()
	if err := tinyModel(t, cfg, 1).Save(good, nil); err != nil {
		t.Fatal(err)
	}
	weights := func(t *testing.T, dir string, edit func([]safetensors.Tensor) []safetensors.Tensor) {
		f, err := safetensors.Open(filepath.Join(good, "model.safetensors"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var ts []safetensors.Tensor
		for _, name := range f.Names() {
			info, _ := f.Info(name)
			w, err := f.Float32(name)
			if err != nil {
				t.Fatal(err)
			}
			ts = append(ts, safetensors.Tensor{Name: name, Shape: info.Shape, Data: w})
		}
		if err := safetensors.Write(filepath.Join(dir, "model.safetensors"), edit(ts), nil); err != nil {
			t.Fatal(err)
		}
	}
	config := func(t *testing.T, dir, text string) {
		if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goodConfig, err := os.ReadFile(filepath.Join(good, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string // substrings of the error
	}{
		{"malformed config", func(t *testing.T, dir string) {
			config(t, dir, `{"model_type": "llama", "hidden_size": 16,`)
			weights(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor { return ts })
		}, []string{"config.json", "malformed JSON"}},
		{"unsupported model type", func(t *testing.T, dir string) {
			config(t, dir, strings.Replace(string(goodConfig), `"llama"`, `"gpt2"`, 1))
			weights(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor { return ts })
		}, []string{"config.json", `model_type "gpt2"`}},
		{"zero heads", func(t *testing.T, dir string) {
			config(t, dir, strings.Replace(string(goodConfig), `"num_attention_heads": 4`, `"num_attention_heads": 0`, 1))
			weights(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor { return ts })
		}, []string{"config.json", "num_attention_heads must be positive"}},
		{"missing tensor", func(t *testing.T, dir string) {
			config(t, dir, string(goodConfig))
			weights(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				return slices.DeleteFunc(ts, func(x safetensors.Tensor) bool { return x.Name == "model.layers.1.mlp.up_proj.weight" })
			})
		}, []string{"model.safetensors", `"model.layers.1.mlp.up_proj.weight" missing`}},
		{"wrong shape", func(t *testing.T, dir string) {
			config(t, dir, string(goodConfig))
			weights(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				for i := range ts {
					if ts[i].Name == "model.layers.0.self_attn.k_proj.weight" {
						ts[i].Shape = []int{ts[i].Shape[1], ts[i].Shape[0]}
					}
				}
				return ts
			})
		}, []string{"model.safetensors", `"model.layers.0.self_attn.k_proj.weight" has shape [16 8]`, "[8 16]"}},
		{"no weights", func(t *testing.T, dir string) {
			config(t, dir, string(goodConfig))
		}, []string{"model.safetensors"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			m, err := Load(dir)
			if err == nil {
				m.Close()
				t.Fatal("Load succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// Pretraining is bit-for-bit reproducible whatever GOMAXPROCS is, and it
// learns: the loss falls.
func TestPretrainDeterministicAcrossProcs(t *testing.T) {
	tok := testTokenizer(t, 320)
	cfg := DefaultConfig()
	cfg.HiddenSize, cfg.IntermediateSize, cfg.NumHiddenLayers = 64, 176, 2
	cfg.NumAttentionHeads, cfg.NumKeyValueHeads = 4, 2
	opts := PretrainOptions{Config: cfg, Seed: 5, Tokenizer: tok, Steps: 30, Batch: 4, SeqLen: 64, LR: 1e-2, EvalBatches: 1}
	if testing.Short() {
		opts.Steps = 8
	}
	run := func(procs int) *PretrainResult {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := Pretrain(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(1), run(2)
	if !slices.Equal(a.Losses, b.Losses) {
		t.Fatalf("loss curves differ between GOMAXPROCS 1 and 2:\n%v\n%v", a.Losses, b.Losses)
	}
	for _, p := range a.Model.Params() {
		if !slices.Equal(p.W, b.Model.Param(p.Name).W) {
			t.Fatalf("weights of %s differ between GOMAXPROCS 1 and 2", p.Name)
		}
	}
	if a.EvalLoss != b.EvalLoss {
		t.Errorf("held-out loss %v vs %v", a.EvalLoss, b.EvalLoss)
	}
	first, last := a.Losses[0], meanTailLoss(a.Losses, 3)
	if !testing.Short() && last > first-1 {
		t.Errorf("loss fell only from %.3f to %.3f", first, last)
	}
}

func meanTailLoss(xs []float64, n int) float64 {
	s := 0.0
	for _, x := range xs[len(xs)-n:] {
		s += x
	}
	return s / float64(n)
}

func TestAdamWStep(t *testing.T) {
	w := &Param{Name: "w", Shape: []int{2, 2}, W: []float32{1, -1, 0.5, 0}, G: []float32{0.1, -0.2, 0, 3}}
	b := &Param{Name: "b", Shape: []int{2}, W: []float32{1, 1}, G: []float32{1, 0}}
	frozen := &Param{Name: "f", Shape: []int{1}, W: []float32{7}}
	opt := &AdamW{WeightDecay: 0.1, ClipNorm: 1}
	norm := opt.Step([]*Param{w, frozen, b}, 0.01)
	wantNorm := math.Sqrt(0.01 + 0.04 + 9 + 1)
	if math.Abs(norm-wantNorm) > 1e-6 {
		t.Errorf("grad norm %v, want %v", norm, wantNorm)
	}
	// After one step, Adam's bias-corrected update is lr·sign(g) (for g≠0)
	// whatever the clipping; decay adds lr·wd·w for matrices only.
	want := func(w0, g, decay float64) float32 {
		u := 0.0
		if g != 0 {
			s := g / wantNorm
			u = s / (math.Abs(s) + 1e-8)
		}
		return float32(w0 - 0.01*(u+decay*w0))
	}
	for i, x := range []struct{ w0, g float64 }{{1, 0.1}, {-1, -0.2}, {0.5, 0}, {0, 3}} {
		if got, exp := w.W[i], want(x.w0, x.g, 0.1); math.Abs(float64(got-exp)) > 1e-6 {
			t.Errorf("w[%d] = %v, want %v", i, got, exp)
		}
	}
	if got, exp := b.W[0], want(1, 1, 0); math.Abs(float64(got-exp)) > 1e-6 {
		t.Errorf("bias decayed or wrong: %v, want %v", got, exp)
	}
	if frozen.W[0] != 7 || len(opt.M) != 2 {
		t.Errorf("frozen parameter touched (%v) or optimizer state for %d params", frozen.W[0], len(opt.M))
	}
}

func TestLearningRateSchedule(t *testing.T) {
	const steps, warm, peak, low = 100, 10, 1.0, 0.1
	if got := LearningRate(0, steps, warm, peak, low); math.Abs(got-0.1) > 1e-12 {
		t.Errorf("first warm-up step %v", got)
	}
	if got := LearningRate(warm, steps, warm, peak, low); got != peak {
		t.Errorf("after warm-up %v, want peak", got)
	}
	if got := LearningRate(steps-1, steps, warm, peak, low); math.Abs(got-low) > 1e-12 {
		t.Errorf("last step %v, want %v", got, low)
	}
	prev := math.Inf(1)
	for s := warm; s < steps; s++ {
		lr := LearningRate(s, steps, warm, peak, low)
		if lr > prev {
			t.Fatalf("schedule rises at step %d", s)
		}
		prev = lr
	}
}

func TestConfigRoundTrip(t *testing.T) {
	cfg := tinyConfig("qwen2")
	data, err := cfg.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Qwen2ForCausalLM"`, `"hidden_act": "silu"`, `"num_key_value_heads": 2`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("config.json lacks %s:\n%s", want, data)
		}
	}
	got, err := ParseConfig("config.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if got.NumParams() != cfg.NumParams() || got.Head() != 4 {
		t.Errorf("round trip changed the config: %+v", got)
	}
}
