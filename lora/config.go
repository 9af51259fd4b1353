package lora

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Config holds the fields of a Hugging Face config.json that a Llama or
// Qwen2 model needs. Unknown fields are ignored, as transformers does.
type Config struct {
	Architectures         []string `json:"architectures,omitempty"`
	ModelType             string   `json:"model_type"`
	HiddenSize            int      `json:"hidden_size"`
	IntermediateSize      int      `json:"intermediate_size"`
	NumHiddenLayers       int      `json:"num_hidden_layers"`
	NumAttentionHeads     int      `json:"num_attention_heads"`
	NumKeyValueHeads      int      `json:"num_key_value_heads"`
	HeadDim               int      `json:"head_dim,omitempty"`
	VocabSize             int      `json:"vocab_size"`
	MaxPositionEmbeddings int      `json:"max_position_embeddings"`
	RMSNormEps            float64  `json:"rms_norm_eps"`
	RopeTheta             float64  `json:"rope_theta"`
	TieWordEmbeddings     bool     `json:"tie_word_embeddings"`
	// AttentionBias is Llama's switch for biases on q, k, v and o. Qwen2
	// always has biases on q, k and v (and none on o), whatever it says.
	AttentionBias bool   `json:"attention_bias,omitempty"`
	MLPBias       bool   `json:"mlp_bias,omitempty"`
	HiddenAct     string `json:"hidden_act,omitempty"`
	TorchDtype    string `json:"torch_dtype,omitempty"`
	BOSTokenID    *int   `json:"bos_token_id,omitempty"`
	EOSTokenID    any    `json:"eos_token_id,omitempty"`

	// RopeScaling is kept only to refuse models that need it.
	RopeScaling json.RawMessage `json:"rope_scaling,omitempty"`
}

// ReadConfig reads and validates dir/config.json.
func ReadConfig(dir string) (Config, error) {
	path := filepath.Join(dir, "config.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("lora: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig decodes and validates a config.json; name is used in errors.
func ParseConfig(name string, data []byte) (Config, error) {
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return Config{}, fmt.Errorf("lora: %s: malformed JSON: %w", name, err)
	}
	if c.RMSNormEps == 0 {
		c.RMSNormEps = 1e-6
	}
	if c.RopeTheta == 0 {
		c.RopeTheta = 10000
	}
	if c.NumKeyValueHeads == 0 {
		c.NumKeyValueHeads = c.NumAttentionHeads
	}
	if err := c.Validate(); err != nil {
		return Config{}, fmt.Errorf("lora: %s: %w", name, err)
	}
	return c, nil
}

// Validate reports the first field that makes the configuration unusable.
func (c *Config) Validate() error {
	switch c.ModelType {
	case "llama", "qwen2":
	case "":
		return fmt.Errorf("model_type missing (want \"llama\" or \"qwen2\")")
	default:
		return fmt.Errorf("model_type %q not supported (want \"llama\" or \"qwen2\")", c.ModelType)
	}
	positive := []struct {
		key string
		v   int
	}{
		{"hidden_size", c.HiddenSize},
		{"intermediate_size", c.IntermediateSize},
		{"num_hidden_layers", c.NumHiddenLayers},
		{"num_attention_heads", c.NumAttentionHeads},
		{"num_key_value_heads", c.NumKeyValueHeads},
		{"vocab_size", c.VocabSize},
		{"max_position_embeddings", c.MaxPositionEmbeddings},
	}
	for _, p := range positive {
		if p.v <= 0 {
			return fmt.Errorf("%s must be positive, got %d", p.key, p.v)
		}
	}
	if c.NumAttentionHeads%c.NumKeyValueHeads != 0 {
		return fmt.Errorf("num_attention_heads %d is not a multiple of num_key_value_heads %d", c.NumAttentionHeads, c.NumKeyValueHeads)
	}
	if c.HeadDim == 0 && c.HiddenSize%c.NumAttentionHeads != 0 {
		return fmt.Errorf("hidden_size %d is not a multiple of num_attention_heads %d", c.HiddenSize, c.NumAttentionHeads)
	}
	if c.HeadDim < 0 || c.Head()%2 != 0 {
		return fmt.Errorf("head_dim %d must be positive and even", c.Head())
	}
	if c.RMSNormEps < 0 || c.RopeTheta <= 0 {
		return fmt.Errorf("rms_norm_eps %g and rope_theta %g must be positive", c.RMSNormEps, c.RopeTheta)
	}
	if c.HiddenAct != "" && c.HiddenAct != "silu" {
		return fmt.Errorf("hidden_act %q not supported (want \"silu\")", c.HiddenAct)
	}
	if c.MLPBias {
		return fmt.Errorf("mlp_bias true not supported")
	}
	if len(c.RopeScaling) > 0 && string(c.RopeScaling) != "null" {
		return fmt.Errorf("rope_scaling %s not supported", c.RopeScaling)
	}
	return nil
}

// Head is the per-head dimension.
func (c *Config) Head() int {
	if c.HeadDim > 0 {
		return c.HeadDim
	}
	return c.HiddenSize / c.NumAttentionHeads
}

// qkvBias reports whether q, k and v projections carry a bias.
func (c *Config) qkvBias() bool { return c.ModelType == "qwen2" || c.AttentionBias }

// oBias reports whether the output projection carries a bias.
func (c *Config) oBias() bool { return c.ModelType == "llama" && c.AttentionBias }

// NumParams is the number of parameters (tied embeddings counted once).
func (c *Config) NumParams() int {
	n := 0
	for _, s := range c.shapes() {
		n += s.numel()
	}
	return n
}

// Marshal renders the configuration as a Hugging Face config.json.
func (c *Config) Marshal() ([]byte, error) {
	out := *c
	if len(out.Architectures) == 0 {
		if out.ModelType == "qwen2" {
			out.Architectures = []string{"Qwen2ForCausalLM"}
		} else {
			out.Architectures = []string{"LlamaForCausalLM"}
		}
	}
	if out.HiddenAct == "" {
		out.HiddenAct = "silu"
	}
	if out.TorchDtype == "" {
		out.TorchDtype = "float32"
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
