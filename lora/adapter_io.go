package lora

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/rlfc/arena/lora/safetensors"
)

// Adapter files, in PEFT's layout:
//
//	adapter_config.json        LoraConfig fields (peft_type "LORA", r, lora_alpha, target_modules, ...)
//	adapter_model.safetensors  base_model.model.model.layers.{i}.self_attn.q_proj.lora_A.weight [r, in]
//	                           base_model.model.model.layers.{i}.self_attn.q_proj.lora_B.weight [out, r]
//	                           (mlp projections under ...layers.{i}.mlp.gate_proj...)
//
// so that PEFT (PeftModel.from_pretrained) and vLLM load what Save writes.
// The dropout seed, which PEFT has no field for, travels in the
// safetensors metadata as "arena.dropout_seed".

const (
	adapterConfigFile  = "adapter_config.json"
	adapterWeightsFile = "adapter_model.safetensors"
	seedMetadataKey    = "arena.dropout_seed"
)

// peftConfig is the part of PEFT's adapter_config.json this engine reads.
// Fields it cannot honour are decoded so that they can be refused.
type peftConfig struct {
	PeftType          *string          `json:"peft_type"`
	TaskType          *string          `json:"task_type"`
	R                 *int             `json:"r"`
	LoraAlpha         *float64         `json:"lora_alpha"`
	LoraDropout       float64          `json:"lora_dropout"`
	TargetModules     json.RawMessage  `json:"target_modules"`
	Bias              *string          `json:"bias"`
	BaseModel         *string          `json:"base_model_name_or_path"`
	UseRSLoRA         bool             `json:"use_rslora"`
	FanInFanOut       bool             `json:"fan_in_fan_out"`
	UseDoRA           bool             `json:"use_dora"`
	ModulesToSave     json.RawMessage  `json:"modules_to_save"`
	LayersToTransform json.RawMessage  `json:"layers_to_transform"`
	RankPattern       map[string]any   `json:"rank_pattern"`
	AlphaPattern      map[string]any   `json:"alpha_pattern"`
	InitLoraWeights   json.RawMessage  `json:"init_lora_weights"`
	InferenceMode     *json.RawMessage `json:"inference_mode"`
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// ParseAdapterConfig decodes and checks a PEFT adapter_config.json; name
// (the file's path) is used in errors. Only plain LoRA on the seven
// projections, with bias "none" and no per-layer patterns, is accepted.
// A missing lora_alpha means PEFT's default, 8.
func ParseAdapterConfig(name string, data []byte) (AdapterConfig, error) {
	var pc peftConfig
	if err := json.Unmarshal(data, &pc); err != nil {
		return AdapterConfig{}, fmt.Errorf("lora: %s: malformed JSON: %w", name, err)
	}
	bad := func(format string, args ...any) (AdapterConfig, error) {
		return AdapterConfig{}, fmt.Errorf("lora: %s: %s", name, fmt.Sprintf(format, args...))
	}
	switch {
	case pc.PeftType == nil:
		return bad("peft_type missing (want \"LORA\")")
	case *pc.PeftType != "LORA":
		return bad("peft_type %q not supported (want \"LORA\")", *pc.PeftType)
	case pc.TaskType != nil && *pc.TaskType != "CAUSAL_LM":
		return bad("task_type %q not supported (want \"CAUSAL_LM\")", *pc.TaskType)
	case pc.R == nil:
		return bad("r missing")
	case *pc.R <= 0:
		return bad("r = %d must be positive", *pc.R)
	case pc.Bias != nil && *pc.Bias != "none":
		return bad("bias %q not supported (want \"none\")", *pc.Bias)
	case pc.FanInFanOut:
		return bad("fan_in_fan_out true not supported")
	case pc.UseDoRA:
		return bad("use_dora true not supported")
	case !isNull(pc.ModulesToSave):
		return bad("modules_to_save %s not supported (want null)", bytes.TrimSpace(pc.ModulesToSave))
	case !isNull(pc.LayersToTransform):
		return bad("layers_to_transform %s not supported (want null)", bytes.TrimSpace(pc.LayersToTransform))
	case len(pc.RankPattern) > 0:
		return bad("rank_pattern not supported (want {})")
	case len(pc.AlphaPattern) > 0:
		return bad("alpha_pattern not supported (want {})")
	}
	cfg := AdapterConfig{Rank: *pc.R, Alpha: 8, Dropout: pc.LoraDropout, RSLoRA: pc.UseRSLoRA}
	if pc.LoraAlpha != nil {
		cfg.Alpha = *pc.LoraAlpha
		if cfg.Alpha == 0 {
			return bad("lora_alpha 0 must be positive")
		}
	}
	if pc.BaseModel != nil {
		cfg.BaseModel = *pc.BaseModel
	}
	targets, err := parseTargets(pc.TargetModules)
	if err != nil {
		return bad("target_modules: %v", err)
	}
	cfg.Targets = targets
	out, err := cfg.normalized()
	if err != nil {
		return bad("%v", err)
	}
	return out, nil
}

// parseTargets reads target_modules: a list of module names or the string
// "all-linear" (every projection). PEFT also allows a regular expression
// string, which is not supported.
func parseTargets(raw json.RawMessage) ([]string, error) {
	if isNull(raw) {
		return nil, fmt.Errorf("missing")
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		if len(list) == 0 {
			return nil, fmt.Errorf("empty")
		}
		return list, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("%s is neither a list of module names nor a string", bytes.TrimSpace(raw))
	}
	if s == "all-linear" {
		return moduleNames[:], nil
	}
	if moduleIndex(s) >= 0 {
		return []string{s}, nil
	}
	return nil, fmt.Errorf("%q not supported (want a list of module names or \"all-linear\")", s)
}

// marshalConfig renders the adapter's adapter_config.json as PEFT writes
// it (keys sorted, two-space indent).
func (a *Adapter) marshalConfig() ([]byte, error) {
	c := a.Config
	var base any // null when unknown, as PEFT writes it
	if c.BaseModel != "" {
		base = c.BaseModel
	}
	doc := map[string]any{
		"alpha_pattern":           map[string]any{},
		"base_model_name_or_path": base,
		"bias":                    "none",
		"fan_in_fan_out":          false,
		"inference_mode":          true,
		"init_lora_weights":       true,
		"layers_pattern":          nil,
		"layers_to_transform":     nil,
		"lora_alpha":              c.Alpha,
		"lora_dropout":            c.Dropout,
		"modules_to_save":         nil,
		"peft_type":               "LORA",
		"r":                       c.Rank,
		"rank_pattern":            map[string]any{},
		"revision":                nil,
		"target_modules":          c.Targets,
		"task_type":               "CAUSAL_LM",
		"use_dora":                false,
		"use_rslora":              c.RSLoRA,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Save writes the adapter to dir (created if needed) in PEFT's layout:
// adapter_config.json and adapter_model.safetensors (F32). Each file is
// replaced atomically.
func (a *Adapter) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	cfg, err := a.marshalConfig()
	if err != nil {
		return fmt.Errorf("lora: %s: %w", adapterConfigFile, err)
	}
	tensors := make([]safetensors.Tensor, len(a.params))
	for i, p := range a.params {
		tensors[i] = safetensors.Tensor{Name: p.Name, Shape: p.Shape, Data: p.W}
	}
	meta := map[string]string{"format": "pt", seedMetadataKey: strconv.FormatUint(a.seed, 10)}
	if err := safetensors.Write(filepath.Join(dir, adapterWeightsFile), tensors, meta); err != nil {
		return fmt.Errorf("lora: %w", err)
	}
	return writeFileAtomic(filepath.Join(dir, adapterConfigFile), cfg)
}

// LoadAdapter reads a PEFT LoRA adapter directory (adapter_config.json and
// adapter_model.safetensors) for the model m, checking every tensor's shape
// against m; errors name the file and the tensor. F16 and BF16 weights are
// converted to float32. The adapter is not attached: see SetAdapter. Its
// dropout seed is the one Save recorded, or 0 for adapters from elsewhere.
func LoadAdapter(dir string, m *Model) (*Adapter, error) {
	cpath := filepath.Join(dir, adapterConfigFile)
	data, err := os.ReadFile(cpath)
	if err != nil {
		return nil, fmt.Errorf("lora: %w", err)
	}
	cfg, err := ParseAdapterConfig(cpath, data)
	if err != nil {
		return nil, err
	}
	wpath := filepath.Join(dir, adapterWeightsFile)
	f, err := safetensors.Open(wpath)
	if err != nil {
		return nil, fmt.Errorf("lora: %w", err)
	}
	defer f.Close()
	var seed uint64
	if s, ok := f.Metadata()[seedMetadataKey]; ok {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			return nil, fmt.Errorf("lora: %s: metadata %s = %q is not an unsigned integer", wpath, seedMetadataKey, s)
		}
	}
	a := newAdapter(m, cfg, seed)
	want := make(map[string]bool, len(a.params))
	for _, p := range a.params {
		want[p.Name] = true
		info, ok := f.Info(p.Name)
		if !ok {
			return nil, fmt.Errorf("lora: %s: tensor %q missing (adapter_config.json targets %v)", wpath, p.Name, cfg.Targets)
		}
		if !slices.Equal(info.Shape, p.Shape) {
			return nil, fmt.Errorf("lora: %s: tensor %q has shape %v, the model and r = %d imply %v", wpath, p.Name, info.Shape, cfg.Rank, p.Shape)
		}
		w, err := f.Float32(p.Name)
		if err != nil {
			return nil, fmt.Errorf("lora: %w", err)
		}
		copy(p.W, w) // the file's memory goes away at Close
	}
	for _, name := range f.Names() {
		if !want[name] {
			return nil, fmt.Errorf("lora: %s: unexpected tensor %q (not a LoRA matrix of the targeted modules %v of this model)", wpath, name, cfg.Targets)
		}
	}
	return a, nil
}
