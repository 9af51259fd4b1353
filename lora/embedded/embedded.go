// Package embedded carries Arena's base model inside the binary, so that
// generation works with no files and no network. The model directory,
// model/, is in Hugging Face layout (config.json, model.safetensors,
// tokenizer.json, tokenizer_config.json) and its README.md records how
// `arena pretrain` made it.
package embedded

import (
	"embed"
	"io/fs"
	"sync"

	"github.com/rlfc/arena/lora"
)

//go:embed model
var files embed.FS

// Name is the model's name where a model is named (APIs, records).
const Name = "arena-base"

// FS is the model directory.
func FS() fs.FS {
	sub, err := fs.Sub(files, "model")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

var (
	once    sync.Once
	model   *lora.Model
	errLoad error
)

// Model returns the embedded base model. It is decoded once and shared:
// callers must treat its weights as read-only.
func Model() (*lora.Model, error) {
	once.Do(func() {
		read := func(name string) []byte {
			b, err := fs.ReadFile(FS(), name)
			if err != nil && errLoad == nil {
				errLoad = err
			}
			return b
		}
		cfg, weights, tok := read("config.json"), read("model.safetensors"), read("tokenizer.json")
		if errLoad != nil {
			return
		}
		model, errLoad = lora.FromBytes(cfg, weights, tok)
	})
	return model, errLoad
}
