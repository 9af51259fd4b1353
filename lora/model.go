package lora

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"

	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/safetensors"
	"github.com/rlfc/arena/lora/tokenizer"
)

// Param is one named weight tensor in Hugging Face layout. G holds its
// gradient while it is trainable and is nil while it is frozen.
type Param struct {
	Name  string
	Shape []int
	W     []float32
	G     []float32
}

// Model is a Llama-family causal language model: its configuration, its
// weights and, when it was loaded from a directory that has one, its
// tokenizer. Weights loaded from a file may be memory-mapped read-only; the
// methods that change weights work on models made by New. A Model is safe for
// concurrent generation; training methods must not run concurrently with
// anything else on the same Model.
type Model struct {
	Config    Config
	Tokenizer *tokenizer.Tokenizer

	params []*Param
	byName map[string]*Param
	embed  *Param
	norm   *Param
	lmHead *Param // the same Param as embed when the embeddings are tied
	layers []layer
	rope   *ops.RoPE
	closer io.Closer

	adapter  *Adapter // attached LoRA adapter, or nil
	training bool     // adapter dropout on
}

type layer struct {
	attnNorm, mlpNorm *Param
	q, k, v, o        linear
	gate, up, down    linear
}

// linear is y = x·Wᵀ + b with W stored [out, in] as in torch.nn.Linear,
// plus the LoRA path of an attached adapter. When the base weight is held
// as NF4 (see QuantizeBase), nf4 holds it and w.W is nil.
type linear struct {
	w, b    *Param
	in, out int
	nf4     *NF4
	lora    *loraModule
}

type shape struct {
	name string
	dims []int
}

func (s shape) numel() int {
	n := 1
	for _, d := range s.dims {
		n *= d
	}
	return n
}

// shapes lists every tensor of the model in Hugging Face names and a fixed
// order: the order of gradients, optimizer state and hashes.
func (c *Config) shapes() []shape {
	d, ff, hd := c.HiddenSize, c.IntermediateSize, c.Head()
	qd, kvd := c.NumAttentionHeads*hd, c.NumKeyValueHeads*hd
	s := []shape{{"model.embed_tokens.weight", []int{c.VocabSize, d}}}
	for i := range c.NumHiddenLayers {
		p := fmt.Sprintf("model.layers.%d.", i)
		s = append(s, shape{p + "input_layernorm.weight", []int{d}})
		s = append(s, shape{p + "self_attn.q_proj.weight", []int{qd, d}})
		if c.qkvBias() {
			s = append(s, shape{p + "self_attn.q_proj.bias", []int{qd}})
		}
		s = append(s, shape{p + "self_attn.k_proj.weight", []int{kvd, d}})
		if c.qkvBias() {
			s = append(s, shape{p + "self_attn.k_proj.bias", []int{kvd}})
		}
		s = append(s, shape{p + "self_attn.v_proj.weight", []int{kvd, d}})
		if c.qkvBias() {
			s = append(s, shape{p + "self_attn.v_proj.bias", []int{kvd}})
		}
		s = append(s, shape{p + "self_attn.o_proj.weight", []int{d, qd}})
		if c.oBias() {
			s = append(s, shape{p + "self_attn.o_proj.bias", []int{d}})
		}
		s = append(s, shape{p + "post_attention_layernorm.weight", []int{d}})
		s = append(s, shape{p + "mlp.gate_proj.weight", []int{ff, d}})
		s = append(s, shape{p + "mlp.up_proj.weight", []int{ff, d}})
		s = append(s, shape{p + "mlp.down_proj.weight", []int{d, ff}})
	}
	s = append(s, shape{"model.norm.weight", []int{d}})
	if !c.TieWordEmbeddings {
		s = append(s, shape{"lm_head.weight", []int{c.VocabSize, d}})
	}
	return s
}

// assemble wires params (already holding weights) into a Model.
func assemble(cfg Config, params []*Param) *Model {
	m := &Model{Config: cfg, params: params, byName: make(map[string]*Param, len(params))}
	for _, p := range params {
		m.byName[p.Name] = p
	}
	lin := func(prefix string, in, out int) linear {
		return linear{w: m.byName[prefix+".weight"], b: m.byName[prefix+".bias"], in: in, out: out}
	}
	d, ff, hd := cfg.HiddenSize, cfg.IntermediateSize, cfg.Head()
	qd, kvd := cfg.NumAttentionHeads*hd, cfg.NumKeyValueHeads*hd
	m.embed = m.byName["model.embed_tokens.weight"]
	m.norm = m.byName["model.norm.weight"]
	m.lmHead = m.embed
	if !cfg.TieWordEmbeddings {
		m.lmHead = m.byName["lm_head.weight"]
	}
	m.layers = make([]layer, cfg.NumHiddenLayers)
	for i := range m.layers {
		p := fmt.Sprintf("model.layers.%d.", i)
		m.layers[i] = layer{
			attnNorm: m.byName[p+"input_layernorm.weight"],
			mlpNorm:  m.byName[p+"post_attention_layernorm.weight"],
			q:        lin(p+"self_attn.q_proj", d, qd),
			k:        lin(p+"self_attn.k_proj", d, kvd),
			v:        lin(p+"self_attn.v_proj", d, kvd),
			o:        lin(p+"self_attn.o_proj", qd, d),
			gate:     lin(p+"mlp.gate_proj", d, ff),
			up:       lin(p+"mlp.up_proj", d, ff),
			down:     lin(p+"mlp.down_proj", ff, d),
		}
	}
	m.rope = ops.NewRoPE(hd, cfg.MaxPositionEmbeddings, cfg.RopeTheta)
	return m
}

// New makes a model with freshly initialised weights, seeded: normal(0, 0.02)
// for matrices, with the residual projections (o_proj, down_proj) scaled by
// 1/sqrt(2·layers) as in GPT-2, ones for norms and zeros for biases.
func New(cfg Config, seed uint64) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("lora: new model: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, 0x6c6f7261))
	resid := 0.02 / math.Sqrt(2*float64(cfg.NumHiddenLayers))
	var params []*Param
	for _, s := range cfg.shapes() {
		p := &Param{Name: s.name, Shape: s.dims, W: make([]float32, s.numel())}
		switch {
		case len(s.dims) == 1 && hasSuffix(s.name, "norm.weight"):
			for i := range p.W {
				p.W[i] = 1
			}
		case len(s.dims) == 1: // bias
		default:
			std := 0.02
			if hasSuffix(s.name, "o_proj.weight") || hasSuffix(s.name, "down_proj.weight") {
				std = resid
			}
			for i := range p.W {
				p.W[i] = float32(rng.NormFloat64() * std)
			}
		}
		params = append(params, p)
	}
	return assemble(cfg, params), nil
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// Params returns the model's tensors in their fixed order.
func (m *Model) Params() []*Param { return m.params }

// Param returns the tensor with the given Hugging Face name, or nil.
func (m *Model) Param(name string) *Param { return m.byName[name] }

// SetTrainable gives every parameter a zeroed gradient buffer (on) or drops
// it (off), so the backward pass computes weight gradients or skips them.
// Weights held as NF4 stay frozen. An attached adapter's parameters are
// not the model's: see Adapter.SetTrainable.
func (m *Model) SetTrainable(on bool) {
	for _, p := range m.params {
		if on && p.W != nil {
			p.G = make([]float32, len(p.W))
		} else {
			p.G = nil
		}
	}
}

// ZeroGrad clears the gradients of trainable parameters.
func (m *Model) ZeroGrad() {
	for _, p := range m.params {
		clear(p.G)
	}
}

// Close releases memory-mapped weight files. The model must not be used
// afterwards.
func (m *Model) Close() error {
	if m.closer == nil {
		return nil
	}
	err := m.closer.Close()
	m.closer = nil
	return err
}

// Load reads a Hugging Face model directory: config.json, the weights in
// model.safetensors (or shards listed in model.safetensors.index.json) and,
// when present, tokenizer.json. Weights are memory-mapped where possible.
func Load(dir string) (*Model, error) {
	cfg, err := ReadConfig(dir)
	if err != nil {
		return nil, err
	}
	files, err := openWeights(dir)
	if err != nil {
		return nil, err
	}
	lookup := func(name string) (*safetensors.File, string) {
		for _, f := range files {
			if _, ok := f.file.Info(name); ok {
				return f.file, f.path
			}
		}
		return nil, ""
	}
	m, err := fromTensors(cfg, filepath.Join(dir, "model.safetensors"), lookup)
	if err != nil {
		closeAll(files)
		return nil, err
	}
	m.closer = closerFunc(func() error { return closeAll(files) })
	tokPath := filepath.Join(dir, "tokenizer.json")
	if _, statErr := os.Stat(tokPath); statErr == nil {
		tok, err := tokenizer.Load(tokPath)
		if err != nil {
			m.Close()
			return nil, fmt.Errorf("lora: %w", err)
		}
		if tok.VocabSize() > cfg.VocabSize {
			m.Close()
			return nil, fmt.Errorf("lora: %s: %d tokens do not fit vocab_size %d of config.json", tokPath, tok.VocabSize(), cfg.VocabSize)
		}
		m.Tokenizer = tok
	}
	return m, nil
}

// FromBytes builds a model from in-memory files (as embedded in the binary):
// config.json, model.safetensors and optionally tokenizer.json.
func FromBytes(config, weights, tok []byte) (*Model, error) {
	cfg, err := ParseConfig("config.json", config)
	if err != nil {
		return nil, err
	}
	f, err := safetensors.Parse("model.safetensors", weights)
	if err != nil {
		return nil, fmt.Errorf("lora: %w", err)
	}
	m, err := fromTensors(cfg, "model.safetensors", func(name string) (*safetensors.File, string) {
		if _, ok := f.Info(name); ok {
			return f, "model.safetensors"
		}
		return nil, ""
	})
	if err != nil {
		return nil, err
	}
	if tok != nil {
		t, err := tokenizer.Parse(tok)
		if err != nil {
			return nil, fmt.Errorf("lora: tokenizer.json: %w", err)
		}
		m.Tokenizer = t
	}
	return m, nil
}

type weightFile struct {
	path string
	file *safetensors.File
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

func closeAll(files []weightFile) error {
	var errs []error
	for _, f := range files {
		errs = append(errs, f.file.Close())
	}
	return errors.Join(errs...)
}

// openWeights opens model.safetensors, or the shards named by
// model.safetensors.index.json.
func openWeights(dir string) ([]weightFile, error) {
	index := filepath.Join(dir, "model.safetensors.index.json")
	data, err := os.ReadFile(index)
	if errors.Is(err, os.ErrNotExist) {
		path := filepath.Join(dir, "model.safetensors")
		f, err := safetensors.Open(path)
		if err != nil {
			return nil, fmt.Errorf("lora: %w", err)
		}
		return []weightFile{{path, f}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lora: %w", err)
	}
	var idx struct {
		WeightMap map[string]string `json:"weight_map"`
	}
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("lora: %s: malformed JSON: %w", index, err)
	}
	var shards []string
	for _, s := range idx.WeightMap {
		if filepath.Base(s) != s {
			return nil, fmt.Errorf("lora: %s: shard %q is not a file name in the model directory", index, s)
		}
		if !slices.Contains(shards, s) {
			shards = append(shards, s)
		}
	}
	slices.Sort(shards)
	var files []weightFile
	for _, s := range shards {
		path := filepath.Join(dir, s)
		f, err := safetensors.Open(path)
		if err != nil {
			closeAll(files)
			return nil, fmt.Errorf("lora: %w", err)
		}
		files = append(files, weightFile{path, f})
	}
	return files, nil
}

// fromTensors reads every tensor the configuration calls for, checking
// shapes; errors name the file and the tensor.
func fromTensors(cfg Config, defaultFile string, lookup func(string) (*safetensors.File, string)) (*Model, error) {
	var params []*Param
	for _, s := range cfg.shapes() {
		f, path := lookup(s.name)
		if f == nil {
			return nil, fmt.Errorf("lora: %s: tensor %q missing", defaultFile, s.name)
		}
		info, _ := f.Info(s.name)
		if !slices.Equal(info.Shape, s.dims) {
			return nil, fmt.Errorf("lora: %s: tensor %q has shape %v, config.json implies %v", path, s.name, info.Shape, s.dims)
		}
		w, err := f.Float32(s.name)
		if err != nil {
			return nil, fmt.Errorf("lora: %w", err)
		}
		params = append(params, &Param{Name: s.name, Shape: s.dims, W: w})
	}
	return assemble(cfg, params), nil
}

// Save writes the model as a Hugging Face directory: config.json,
// model.safetensors (F32) and, when the model has a tokenizer,
// tokenizer.json and tokenizer_config.json with the chat template.
func (m *Model) Save(dir string, metadata map[string]string) error {
	if m.Quantized() {
		return fmt.Errorf("lora: save: the model's base weights are NF4; only float32 models can be saved")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	cfg, err := m.Config.Marshal()
	if err != nil {
		return fmt.Errorf("lora: config.json: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, "config.json"), cfg); err != nil {
		return err
	}
	tensors := make([]safetensors.Tensor, len(m.params))
	for i, p := range m.params {
		tensors[i] = safetensors.Tensor{Name: p.Name, Shape: p.Shape, Data: p.W}
	}
	meta := map[string]string{"format": "pt"}
	for k, v := range metadata {
		meta[k] = v
	}
	if err := safetensors.Write(filepath.Join(dir, "model.safetensors"), tensors, meta); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	if m.Tokenizer == nil {
		return nil
	}
	tok, err := m.Tokenizer.Marshal()
	if err != nil {
		return fmt.Errorf("lora: tokenizer.json: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, "tokenizer.json"), tok); err != nil {
		return err
	}
	tc, err := json.MarshalIndent(map[string]any{
		"tokenizer_class":  "PreTrainedTokenizerFast",
		"chat_template":    tokenizer.ChatTemplateJinja,
		"bos_token":        nil,
		"eos_token":        "<|im_end|>",
		"pad_token":        "<|endoftext|>",
		"model_max_length": m.Config.MaxPositionEmbeddings,
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("lora: tokenizer_config.json: %w", err)
	}
	return writeFileAtomic(filepath.Join(dir, "tokenizer_config.json"), append(tc, '\n'))
}

// writeFileAtomic writes through a temporary file and a rename, so a reader
// never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file private; model files are meant to be shared.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("lora: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("lora: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("lora: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	return nil
}
