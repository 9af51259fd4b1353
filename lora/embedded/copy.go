package embedded

import (
	"io/fs"

	"github.com/rlfc/arena/lora"
)

// Load decodes a fresh, private copy of the embedded base model: unlike
// Model's shared one, its weights and state (attached adapters,
// quantisation) belong to the caller, so it can be trained on or changed.
func Load() (*lora.Model, error) {
	var files [3][]byte
	for i, name := range []string{"config.json", "model.safetensors", "tokenizer.json"} {
		b, err := fs.ReadFile(FS(), name) // a copy of the embedded bytes
		if err != nil {
			return nil, err
		}
		files[i] = b
	}
	return lora.FromBytes(files[0], files[1], files[2])
}
