package lora

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/safetensors"
)

// randomizeB gives every B matrix of a random values (a fresh adapter's B
// is zero, which would make A's gradient vanish).
func randomizeB(a *Adapter, std float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	for _, mod := range a.mods {
		for i := range mod.b.W {
			mod.b.W[i] = float32(rng.NormFloat64() * std)
		}
	}
}

// newTestAdapter makes an adapter on every projection with random B and
// attaches it.
func newTestAdapter(t testing.TB, m *Model, cfg AdapterConfig, seed uint64) *Adapter {
	t.Helper()
	a, err := NewAdapter(m, cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	randomizeB(a, 0.5, seed)
	if err := m.SetAdapter(a); err != nil {
		t.Fatal(err)
	}
	return a
}

var allTargets = []string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}

// checkGradients compares the gradients Backward left in params with
// finite differences of the mean loss, at a few random elements of each.
// The difference is Richardson-extrapolated from central differences with
// steps h and h/2, which cancels their h² error: the tiny models used here
// are strongly curved.
func checkGradients(t *testing.T, m *Model, params []*Param, inputs, targets []int, B, T int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(9, 9))
	const h = 1e-2
	for _, prm := range params {
		for range 3 {
			i := rng.IntN(len(prm.W))
			orig := prm.W[i]
			central := func(h float32) float64 {
				prm.W[i] = orig + h
				lp, _ := meanLoss(t, m, inputs, targets, B, T, false)
				prm.W[i] = orig - h
				lm, _ := meanLoss(t, m, inputs, targets, B, T, false)
				prm.W[i] = orig
				return (lp - lm) / float64(2*h)
			}
			num := (4*central(h/2) - central(h)) / 3
			got := float64(prm.G[i])
			if math.Abs(num-got) > 2e-3+0.03*math.Abs(num) {
				t.Errorf("%s[%d]: backward %.6g, finite difference %.6g", prm.Name, i, got, num)
			}
		}
	}
}

// upstream gives the embeddings and norms gradient buffers: their
// gradients reach them only through the input gradients (dx) of the
// projections, so checking them checks dx through base and adapter.
func upstream(m *Model) []*Param {
	var ps []*Param
	for _, p := range m.Params() {
		if len(p.Shape) == 1 || p == m.embed {
			p.G = make([]float32, len(p.W))
			ps = append(ps, p)
		}
	}
	return ps
}

func TestAdapterGradientsMatchFiniteDifferences(t *testing.T) {
	for _, tc := range []struct {
		name    string
		model   string
		dropout float64
		rslora  bool
		nf4     int // 0 float32 base, 1 NF4, 2 NF4 with double quantisation
	}{
		{"llama", "llama", 0, false, 0},
		{"qwen2-rslora", "qwen2", 0, true, 0},
		{"llama-dropout", "llama", 0.3, false, 0},
		{"llama-nf4", "llama", 0, false, 1},
		{"qwen2-nf4-double-dropout", "qwen2", 0.25, false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tinyConfig(tc.model)
			m := tinyModel(t, cfg, 21)
			if tc.nf4 > 0 {
				if err := m.QuantizeBase(tc.nf4 == 2); err != nil {
					t.Fatal(err)
				}
			}
			a := newTestAdapter(t, m, AdapterConfig{Rank: 3, Alpha: 5, Dropout: tc.dropout, Targets: allTargets, RSLoRA: tc.rslora}, 4)
			a.SetTrainable(true)
			a.SetStep(7)
			m.SetTraining(true)
			up := upstream(m)
			const B, T = 2, 5
			inputs := randomTokens(B*T, cfg.VocabSize, 15)
			targets := randomTokens(B*T, cfg.VocabSize, 16)
			_, p := meanLoss(t, m, inputs, targets, B, T, true)
			// A reference pass in between (adapter detached, as DPO does)
			// must not disturb the first pass's backward.
			if err := m.SetAdapter(nil); err != nil {
				t.Fatal(err)
			}
			meanLoss(t, m, inputs, targets, B, T, false)
			p.Backward(p.Logits)
			if err := m.SetAdapter(a); err != nil {
				t.Fatal(err)
			}
			for _, prm := range m.Params() {
				if prm.Name != m.embed.Name && len(prm.Shape) == 2 && prm.G != nil {
					t.Fatalf("base weight %s has a gradient", prm.Name)
				}
			}
			checkGradients(t, m, append(a.Params(), up...), inputs, targets, B, T)
		})
	}
}

func TestDropoutIsStatelessAndSeeded(t *testing.T) {
	x := make([]float32, 10000)
	for i := range x {
		x[i] = 1
	}
	mask := func(seed, step uint64, layer, kind int) []float32 {
		out := make([]float32, len(x))
		dropout(out, x, make([]uint64, len(x)/64+1), dropoutKey(seed, step, layer, kind), 0.25)
		return out
	}
	a := mask(1, 5, 0, modQ)
	if !slices.Equal(a, mask(1, 5, 0, modQ)) {
		t.Fatal("same key, different masks")
	}
	dropped := 0
	for _, v := range a {
		switch v {
		case 0:
			dropped++
		case float32(1 / 0.75):
		default:
			t.Fatalf("kept value %v, want 1/(1-p)", v)
		}
	}
	if dropped < 2300 || dropped > 2700 {
		t.Errorf("dropped %d of 10000 at p = 0.25", dropped)
	}
	for _, other := range [][]float32{mask(2, 5, 0, modQ), mask(1, 6, 0, modQ), mask(1, 5, 1, modQ), mask(1, 5, 0, modK)} {
		if slices.Equal(a, other) {
			t.Error("masks of different seed, step, layer or module are equal")
		}
	}
	// a prefix of a longer stream is the shorter stream
	short := make([]float32, 100)
	dropout(short, x[:100], make([]uint64, 2), dropoutKey(1, 5, 0, modQ), 0.25)
	if !slices.Equal(short, a[:100]) {
		t.Error("the mask of element e depends on the length of the input")
	}
}

// Dropout applies in training mode only, and generation never drops.
func TestDropoutOnlyInTraining(t *testing.T) {
	cfg := tinyConfig("llama")
	m := tinyModel(t, cfg, 2)
	tokens := randomTokens(8, cfg.VocabSize, 1)
	newTestAdapter(t, m, AdapterConfig{Rank: 2, Dropout: 0.5, Targets: allTargets}, 3)
	eval := logitsOf(t, m, tokens)
	m.SetTraining(true)
	train := logitsOf(t, m, tokens)
	if slices.Equal(eval, train) {
		t.Error("dropout 0.5 in training mode changed nothing")
	}
	// generation's cached step ignores training mode
	cache := m.newCache(len(tokens))
	got := m.step(new(scratch), tokens, []span{{cache: cache, rows: len(tokens)}})
	V := cfg.VocabSize
	for i, v := range got {
		want := eval[(len(tokens)-1)*V+i]
		if math.Abs(float64(v-want)) > 1e-4*(1+math.Abs(float64(want))) {
			t.Fatalf("generation logit %d = %v, eval forward %v", i, v, want)
		}
	}
	m.SetTraining(false)
	if again := logitsOf(t, m, tokens); !slices.Equal(again, eval) {
		t.Error("eval logits changed after a training pass")
	}
}

func logitsOf(t testing.TB, m *Model, tokens []int) []float32 {
	t.Helper()
	p, err := m.Forward(nil, tokens, 1, len(tokens))
	if err != nil {
		t.Fatal(err)
	}
	return p.Logits
}

func TestAdapterInitAndSwitching(t *testing.T) {
	cfg := tinyConfig("qwen2")
	m := tinyModel(t, cfg, 5)
	tokens := randomTokens(10, cfg.VocabSize, 2)
	base := logitsOf(t, m, tokens)

	a, err := NewAdapter(m, AdapterConfig{Targets: []string{"v_proj", "q_proj", "down_proj"}}, 11)
	if err != nil {
		t.Fatal(err)
	}
	if a.Config.Rank != 8 || a.Config.Alpha != 16 || !slices.Equal(a.Config.Targets, []string{"q_proj", "v_proj", "down_proj"}) {
		t.Errorf("defaults not filled in: %+v", a.Config)
	}
	if len(a.Params()) != 2*3*cfg.NumHiddenLayers {
		t.Fatalf("%d params", len(a.Params()))
	}
	wantNames := []string{
		"base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
		"base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
		"base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight",
		"base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight",
		"base_model.model.model.layers.0.mlp.down_proj.lora_A.weight",
		"base_model.model.model.layers.0.mlp.down_proj.lora_B.weight",
		"base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight",
	}
	for i, w := range wantNames {
		if a.Params()[i].Name != w {
			t.Errorf("param %d is %s, want %s", i, a.Params()[i].Name, w)
		}
	}
	for _, mod := range a.mods {
		bound := float32(1 / math.Sqrt(float64(mod.in)))
		lo, hi := float32(0), float32(0)
		for _, v := range mod.a.W {
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo < -bound || hi > bound || hi-lo < bound { // spread over most of the range
			t.Errorf("%s spans [%v, %v], want within ±%v", mod.a.Name, lo, hi, bound)
		}
		for _, v := range mod.b.W {
			if v != 0 {
				t.Fatalf("%s is not zero", mod.b.Name)
			}
		}
	}
	b, _ := NewAdapter(m, AdapterConfig{Targets: []string{"q_proj", "v_proj", "down_proj"}}, 11)
	c, _ := NewAdapter(m, AdapterConfig{Targets: []string{"q_proj", "v_proj", "down_proj"}}, 12)
	if !slices.Equal(a.Params()[0].W, b.Params()[0].W) || slices.Equal(a.Params()[0].W, c.Params()[0].W) {
		t.Error("initialisation is not seeded")
	}

	if err := m.SetAdapter(a); err != nil {
		t.Fatal(err)
	}
	if m.Adapter() != a {
		t.Error("Adapter() does not return the attached adapter")
	}
	if got := logitsOf(t, m, tokens); !slices.Equal(got, base) {
		t.Error("a fresh adapter (B = 0) changed the logits")
	}
	randomizeB(a, 0.2, 1)
	with := logitsOf(t, m, tokens)
	if slices.Equal(with, base) {
		t.Error("an adapter with random B left the logits unchanged")
	}
	if err := m.SetAdapter(nil); err != nil {
		t.Fatal(err)
	}
	got := logitsOf(t, m, tokens)
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(base[i]) {
			t.Fatalf("detached logits differ from the base model's at %d: %v vs %v", i, got[i], base[i])
		}
	}
	// generation with the adapter follows the adapter
	m.SetAdapter(a)
	cache := m.newCache(len(tokens))
	last := m.step(new(scratch), tokens, []span{{cache: cache, rows: len(tokens)}})
	V := cfg.VocabSize
	for i, v := range last {
		want := with[(len(tokens)-1)*V+i]
		if math.Abs(float64(v-want)) > 1e-4*(1+math.Abs(float64(want))) {
			t.Fatalf("generation logit %d = %v, forward %v", i, v, want)
		}
	}

	// Clone is deep
	cl := a.Clone()
	cl.Params()[1].W[0] += 1
	if a.Params()[1].W[0] == cl.Params()[1].W[0] || cl.Seed() != a.Seed() {
		t.Error("Clone shares weights or lost the seed")
	}

	// an adapter for another shape is refused
	other := tinyConfig("qwen2")
	other.HiddenSize, other.NumAttentionHeads, other.NumKeyValueHeads = 24, 4, 2
	wrong, err := NewAdapter(tinyModel(t, other, 1), AdapterConfig{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetAdapter(wrong); err == nil || !strings.Contains(err.Error(), "q_proj.lora_A.weight") {
		t.Errorf("SetAdapter of a mismatched adapter: %v", err)
	}
	if m.Adapter() != a {
		t.Error("a refused SetAdapter detached the adapter")
	}
}

func TestNewAdapterRejectsBadConfigs(t *testing.T) {
	m := tinyModel(t, tinyConfig("llama"), 1)
	for _, tc := range []struct {
		cfg  AdapterConfig
		want string
	}{
		{AdapterConfig{Rank: -1}, "rank"},
		{AdapterConfig{Alpha: -2}, "lora_alpha"},
		{AdapterConfig{Alpha: math.NaN()}, "lora_alpha"},
		{AdapterConfig{Dropout: 1}, "lora_dropout"},
		{AdapterConfig{Targets: []string{"q_proj", "lm_head"}}, `"lm_head"`},
		{AdapterConfig{Targets: []string{"q_proj", "q_proj"}}, "twice"},
	} {
		if _, err := NewAdapter(m, tc.cfg, 1); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one mentioning %s", tc.cfg, err, tc.want)
		}
	}
}

func TestAdapterPEFTLayout(t *testing.T) {
	cfg := tinyConfig("llama")
	m := tinyModel(t, cfg, 6)
	a, err := NewAdapter(m, AdapterConfig{Rank: 4, Alpha: 8, Dropout: 0.05, Targets: []string{"q_proj", "v_proj", "gate_proj"}, BaseModel: "arena-base"}, 77)
	if err != nil {
		t.Fatal(err)
	}
	randomizeB(a, 0.1, 2)
	dir := t.TempDir()
	if err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "adapter_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 4.0, "lora_alpha": 8.0, "lora_dropout": 0.05,
		"target_modules": []any{"q_proj", "v_proj", "gate_proj"}, "bias": "none", "base_model_name_or_path": "arena-base",
		"use_rslora": false, "fan_in_fan_out": false, "inference_mode": true, "init_lora_weights": true,
		"modules_to_save": nil, "layers_to_transform": nil,
	}
	for k, v := range want {
		got, ok := doc[k]
		if !ok {
			t.Errorf("adapter_config.json lacks %s", k)
			continue
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(v)
		if string(gj) != string(wj) {
			t.Errorf("%s = %s, want %s", k, gj, wj)
		}
	}

	f, err := safetensors.Open(filepath.Join(dir, "adapter_model.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for l := range cfg.NumHiddenLayers {
		for _, mod := range []struct{ path, in, out string }{{"self_attn.q_proj", "16", "16"}, {"self_attn.v_proj", "16", "8"}, {"mlp.gate_proj", "16", "24"}} {
			p := "base_model.model.model.layers." + string(rune('0'+l)) + "." + mod.path
			names = append(names, p+".lora_A.weight", p+".lora_B.weight")
			checkInfo := func(name string, shape []int) {
				info, ok := f.Info(name)
				if !ok || !slices.Equal(info.Shape, shape) || info.DType != safetensors.F32 {
					t.Errorf("tensor %s: %+v (present %v), want F32 %v", name, info, ok, shape)
				}
			}
			checkInfo(p+".lora_A.weight", []int{4, atoi(mod.in)})
			checkInfo(p+".lora_B.weight", []int{atoi(mod.out), 4})
		}
	}
	slices.Sort(names)
	if got := f.Names(); !slices.Equal(got, names) {
		t.Errorf("tensors %v, want %v", got, names)
	}
	f.Close()

	b, err := LoadAdapter(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	if b.Seed() != 77 || b.Config.Rank != 4 || b.Config.Alpha != 8 || b.Config.Dropout != 0.05 ||
		b.Config.BaseModel != "arena-base" || !slices.Equal(b.Config.Targets, a.Config.Targets) {
		t.Errorf("loaded config %+v seed %d", b.Config, b.Seed())
	}
	for i, p := range a.Params() {
		q := b.Params()[i]
		if p.Name != q.Name || !slices.Equal(p.W, q.W) || !slices.Equal(p.Shape, q.Shape) {
			t.Fatalf("tensor %s differs after the round trip", p.Name)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = 10*n + int(c-'0')
	}
	return n
}

func TestLoadAdapterErrors(t *testing.T) {
	cfg := tinyConfig("llama")
	m := tinyModel(t, cfg, 6)
	a, err := NewAdapter(m, AdapterConfig{Rank: 2}, 1)
	if err != nil {
		t.Fatal(err)
	}
	good := t.TempDir()
	if err := a.Save(good); err != nil {
		t.Fatal(err)
	}
	goodConfig, _ := os.ReadFile(filepath.Join(good, "adapter_config.json"))
	const qA = "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight"
	tensors := func(t *testing.T, dir string, edit func([]safetensors.Tensor) []safetensors.Tensor) {
		var ts []safetensors.Tensor
		for _, p := range a.Params() {
			ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: slices.Clone(p.Shape), Data: p.W})
		}
		if err := safetensors.Write(filepath.Join(dir, "adapter_model.safetensors"), edit(ts), nil); err != nil {
			t.Fatal(err)
		}
	}
	config := func(t *testing.T, dir, from, to string) {
		text := strings.Replace(string(goodConfig), from, to, 1)
		if text == string(goodConfig) && from != "" {
			t.Fatalf("%s not in config", from)
		}
		if err := os.WriteFile(filepath.Join(dir, "adapter_config.json"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	same := func(ts []safetensors.Tensor) []safetensors.Tensor { return ts }
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string
	}{
		{"missing tensor", func(t *testing.T, dir string) {
			config(t, dir, "", "")
			tensors(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				return slices.DeleteFunc(ts, func(x safetensors.Tensor) bool { return x.Name == qA })
			})
		}, []string{"adapter_model.safetensors", qA, "missing"}},
		{"wrong shape", func(t *testing.T, dir string) {
			config(t, dir, "", "")
			tensors(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				for i := range ts {
					if ts[i].Name == qA {
						ts[i].Shape = []int{4, 8}
					}
				}
				return ts
			})
		}, []string{"adapter_model.safetensors", qA, "[4 8]", "[2 16]"}},
		{"unexpected tensor", func(t *testing.T, dir string) {
			config(t, dir, "", "")
			tensors(t, dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				return append(ts, safetensors.Tensor{Name: "base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", Shape: []int{2, 16}, Data: make([]float32, 32)})
			})
		}, []string{"adapter_model.safetensors", "layers.0.mlp.up_proj.lora_A.weight", "unexpected"}},
		{"rank mismatch", func(t *testing.T, dir string) {
			config(t, dir, `"r": 2`, `"r": 3`)
			tensors(t, dir, same)
		}, []string{"adapter_model.safetensors", "layers.0.self_attn.q_proj.lora_A.weight", "[2 16]", "[3 16]"}},
		{"peft type", func(t *testing.T, dir string) {
			config(t, dir, `"LORA"`, `"PREFIX_TUNING"`)
			tensors(t, dir, same)
		}, []string{"adapter_config.json", `peft_type "PREFIX_TUNING"`}},
		{"zero rank", func(t *testing.T, dir string) {
			config(t, dir, `"r": 2`, `"r": 0`)
			tensors(t, dir, same)
		}, []string{"adapter_config.json", "r = 0"}},
		{"unknown target", func(t *testing.T, dir string) {
			config(t, dir, `"q_proj"`, `"qkv_proj"`)
			tensors(t, dir, same)
		}, []string{"adapter_config.json", `"qkv_proj"`}},
		{"bias", func(t *testing.T, dir string) {
			config(t, dir, `"bias": "none"`, `"bias": "lora_only"`)
			tensors(t, dir, same)
		}, []string{"adapter_config.json", `bias "lora_only"`}},
		{"malformed", func(t *testing.T, dir string) {
			config(t, dir, `"r": 2`, `"r": 2,,`)
			tensors(t, dir, same)
		}, []string{"adapter_config.json", "malformed JSON"}},
		{"no weights", func(t *testing.T, dir string) {
			config(t, dir, "", "")
		}, []string{"adapter_model.safetensors"}},
		{"no config", func(t *testing.T, dir string) {
			tensors(t, dir, same)
		}, []string{"adapter_config.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			_, err := LoadAdapter(dir, m)
			if err == nil {
				t.Fatal("LoadAdapter succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestParseAdapterConfigPEFTForms(t *testing.T) {
	c, err := ParseAdapterConfig("x.json", []byte(`{"peft_type": "LORA", "r": 16, "target_modules": "all-linear", "lora_dropout": 0.1}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Alpha != 8 || !slices.Equal(c.Targets, allTargets) || c.Dropout != 0.1 {
		t.Errorf("%+v: want PEFT's default alpha 8 and every projection", c)
	}
	for _, bad := range []string{
		`{"peft_type": "LORA", "r": 8, "target_modules": ".*proj"}`,
		`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj"], "layers_to_transform": [0]}`,
		`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj"], "use_dora": true}`,
		`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj"], "fan_in_fan_out": true}`,
		`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj"], "modules_to_save": ["lm_head"]}`,
		`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj"], "task_type": "SEQ_CLS"}`,
		`{"peft_type": "LORA", "r": 8}`,
		`{"r": 8, "target_modules": ["q_proj"]}`,
		`[1]`,
	} {
		if _, err := ParseAdapterConfig("x.json", []byte(bad)); err == nil || !strings.Contains(err.Error(), "x.json") {
			t.Errorf("%s: error %v", bad, err)
		}
	}
}

func TestMergeMatchesAdapter(t *testing.T) {
	cfg := tinyConfig("qwen2")
	m := tinyModel(t, cfg, 8)
	tokens := randomTokens(12, cfg.VocabSize, 4)
	a := newTestAdapter(t, m, AdapterConfig{Rank: 4, Alpha: 3, Targets: allTargets}, 5)
	for _, mod := range a.mods {
		for i := range mod.b.W {
			mod.b.W[i] *= 0.2
		}
	}
	with := logitsOf(t, m, tokens)
	q := m.Param("model.layers.0.self_attn.q_proj.weight")
	old := q.W
	before := slices.Clone(old)
	if err := m.Merge(a); err != nil {
		t.Fatal(err)
	}
	if m.Adapter() != nil {
		t.Error("the merged adapter is still attached")
	}
	if !slices.Equal(old, before) {
		t.Error("Merge wrote into the original weight slice")
	}
	merged := logitsOf(t, m, tokens)
	worst := 0.0
	for i := range with {
		worst = max(worst, math.Abs(float64(with[i]-merged[i]))/(1+math.Abs(float64(with[i]))))
	}
	if worst > 1e-5 {
		t.Errorf("merged logits differ from base + adapter by %g (relative)", worst)
	}

	n := tinyModel(t, cfg, 8)
	b, _ := NewAdapter(n, AdapterConfig{}, 1)
	if err := n.QuantizeBase(false); err != nil {
		t.Fatal(err)
	}
	if err := n.Merge(b); err == nil || !strings.Contains(err.Error(), "NF4") {
		t.Errorf("Merge into an NF4 base: %v", err)
	}
}
