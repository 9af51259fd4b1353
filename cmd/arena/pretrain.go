package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
)

func runPretrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	def := lora.DefaultConfig()
	f := newFlags("pretrain", "", "Trains a base model from scratch on the seeded synthetic corpus and writes a Hugging Face\nmodel directory (config.json, model.safetensors, tokenizer.json). The defaults are the\nrecipe of the embedded model: 'arena pretrain --out DIR' reproduces it.")
	out := f.String("out", "", "output `dir`ectory (required)")
	seed := f.Uint64("seed", 1, "seed for weights, corpus and tokenizer")
	steps := f.Int("steps", 2400, "optimizer steps")
	batch := f.Int("batch", 16, "sequences per step")
	seqLen := f.Int("seq-len", 128, "tokens per sequence")
	lr := f.Float64("lr", 3e-3, "peak learning rate")
	vocab := f.Int("vocab", 768, "tokenizer vocabulary size")
	hidden := f.Int("hidden", def.HiddenSize, "hidden size")
	ffn := f.Int("ffn", def.IntermediateSize, "MLP intermediate size")
	layers := f.Int("layers", def.NumHiddenLayers, "transformer layers")
	heads := f.Int("heads", def.NumAttentionHeads, "attention heads")
	kvHeads := f.Int("kv-heads", def.NumKeyValueHeads, "key/value heads (grouped-query attention)")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *out == "" {
		return usageError{fmt.Errorf("--out is required")}
	}
	cfg := def
	cfg.HiddenSize, cfg.IntermediateSize, cfg.NumHiddenLayers = *hidden, *ffn, *layers
	cfg.NumAttentionHeads, cfg.NumKeyValueHeads = *heads, *kvHeads
	fmt.Fprintf(stdout, "pretraining a %s model (%d layers, hidden %d, %d heads) on the synthetic corpus, %d steps of %dx%d tokens, seed %d, %d threads\n",
		cfg.ModelType, cfg.NumHiddenLayers, cfg.HiddenSize, cfg.NumAttentionHeads, *steps, *batch, *seqLen, *seed, runtime.GOMAXPROCS(0))
	bar := progress.New(stdout, "pretrain", *steps)
	res, err := lora.Pretrain(ctx, lora.PretrainOptions{
		Config: cfg, Seed: *seed, VocabSize: *vocab, Steps: *steps, Batch: *batch, SeqLen: *seqLen, LR: *lr,
		Progress: func(s lora.PretrainStep) {
			bar.Update(s.Step, fmt.Sprintf("loss %.3f  lr %.2e  %.0f tok/s", s.Loss, s.LR, float64(s.Tokens)/s.Elapsed.Seconds()))
		},
	})
	bar.Done()
	if err != nil {
		return err
	}
	final := meanTail(res.Losses, 50)
	cmdline := "arena pretrain " + strings.Join(args, " ")
	meta := map[string]string{
		"arena.command":    cmdline,
		"arena.seed":       fmt.Sprint(*seed),
		"arena.final_loss": fmt.Sprintf("%.4f", final),
		"arena.eval_loss":  fmt.Sprintf("%.4f", res.EvalLoss),
	}
	if err := res.Model.Save(*out, meta); err != nil {
		return err
	}
	card := fmt.Sprintf(`# %s

A %s model (%d layers, hidden %d, %d heads, %d key/value heads, %d parameters, %d-token vocabulary)
pretrained from scratch on Arena's seeded synthetic corpus (package lora/corpus).

Made by:

    %s

| what | value |
|---|---|
| seed | %d |
| steps | %d of %dx%d tokens (%d tokens) |
| final train loss | %.4f nats/token (mean of the last 50 steps) |
| held-out loss | %.4f nats/token (perplexity %.2f) |
| time | %s on %d threads |

The files are in Hugging Face layout: config.json, model.safetensors (F32), tokenizer.json and
tokenizer_config.json (ChatML chat template).
`, filepath.Base(filepath.Clean(*out)), cfg.ModelType, cfg.NumHiddenLayers, cfg.HiddenSize, cfg.NumAttentionHeads, cfg.NumKeyValueHeads,
		res.Model.Config.NumParams(), res.Model.Config.VocabSize, cmdline, *seed, *steps, *batch, *seqLen, res.Tokens,
		final, res.EvalLoss, math.Exp(res.EvalLoss), progress.Duration(res.Elapsed), runtime.GOMAXPROCS(0))
	if err := os.WriteFile(filepath.Join(*out, "README.md"), []byte(card), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "done in %s: %d parameters, %d tokens, final train loss %.4f (mean of last 50 steps), held-out loss %.4f (perplexity %.2f)\nwrote %s\n",
		progress.Duration(res.Elapsed), res.Model.Config.NumParams(), res.Tokens, final, res.EvalLoss, math.Exp(res.EvalLoss), *out)
	return nil
}

func meanTail(xs []float64, n int) float64 {
	n = min(n, len(xs))
	if n == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs[len(xs)-n:] {
		s += x
	}
	return s / float64(n)
}
