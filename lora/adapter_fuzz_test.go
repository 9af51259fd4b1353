package lora

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// FuzzAdapterConfig feeds arbitrary bytes to the adapter_config.json
// decoder: it must never panic, every error must name the file, and every
// configuration it accepts must be valid and survive a write and re-read
// unchanged.
func FuzzAdapterConfig(f *testing.F) {
	f.Add([]byte(`{"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 8, "lora_alpha": 16, "lora_dropout": 0.05, "target_modules": ["q_proj", "v_proj"], "bias": "none"}`))
	f.Add([]byte(`{"peft_type": "LORA", "r": 4, "target_modules": "all-linear", "use_rslora": true}`))
	f.Add([]byte(`{"peft_type": "LORA", "r": 0, "target_modules": ["q_proj"]}`))
	f.Add([]byte(`{"peft_type": "LORA", "r": 8, "target_modules": ["q_proj", "lm_head"]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "dir/adapter_config.json"
		cfg, err := ParseAdapterConfig(name, data)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if cfg.Rank <= 0 || cfg.Rank > maxRank || !(cfg.Alpha > 0) || math.IsInf(cfg.Alpha, 0) ||
			!(cfg.Dropout >= 0 && cfg.Dropout < 1) || len(cfg.Targets) == 0 {
			t.Fatalf("accepted an invalid configuration %+v", cfg)
		}
		for _, tg := range cfg.Targets {
			if moduleIndex(tg) < 0 {
				t.Fatalf("accepted target %q", tg)
			}
		}
		a := &Adapter{Config: cfg}
		out, err := a.marshalConfig()
		if err != nil {
			t.Fatalf("cannot write accepted configuration %+v: %v", cfg, err)
		}
		back, err := ParseAdapterConfig(name, out)
		if err != nil {
			t.Fatalf("re-reading %s: %v", out, err)
		}
		if back.Rank != cfg.Rank || back.Alpha != cfg.Alpha || back.Dropout != cfg.Dropout || back.RSLoRA != cfg.RSLoRA ||
			back.BaseModel != cfg.BaseModel || !slices.Equal(back.Targets, cfg.Targets) {
			t.Fatalf("round trip changed %+v into %+v", cfg, back)
		}
	})
}
