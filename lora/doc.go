// Package lora is the arena's numeric engine: a Llama-family language model
// (Llama and Qwen2 layouts, loaded from Hugging Face model directories) with
// a KV-cache generator, a backward pass and AdamW for training, and the
// pretraining loop that produced the embedded base model.
//
// On top of the model sit the arena's learning step: LoRA adapters in
// PEFT's layout (NewAdapter, LoadAdapter, Model.SetAdapter, Model.Merge), an
// NF4 frozen base for QLoRA (Model.QuantizeBase), preference pairs in TRL's
// JSONL form (ReadPairs), DPO and its sibling losses (TrainDPO), and the
// signed proof-of-learning record every training run leaves, which
// VerifyRecord re-checks by re-executing segments a verifier picks.
//
// Its subpackages are the parts it is built from:
//
//	ops          float32 CPU kernels (matmul, RMSNorm, RoPE, SwiGLU, attention, cross-entropy) and their gradients
//	safetensors  the safetensors file format, read (memory-mapped) and written
//	tokenizer    byte-level BPE compatible with Hugging Face tokenizer.json, its trainer and the chat template
//	corpus       the seeded synthetic corpus the embedded model learns from
//
// Package lora imports nothing of the arena and touches no storage or network
// beyond the model files it is asked to read or write.
package lora
