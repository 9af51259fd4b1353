package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/tokenizer"
)

func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("generate", "", "Streams a continuation of --prompt from the embedded model, or from the Hugging Face\nmodel directory given by --model (Llama or Qwen2 layout).")
	prompt := f.String("prompt", "", "text to continue (required)")
	model := f.String("model", "", "Hugging Face model `dir`ectory; empty means the embedded model")
	seed := f.Uint64("seed", 0, "sampling seed: the same seed gives the same text")
	maxTokens := f.Int("max-tokens", 64, "most tokens to generate")
	temperature := f.Float64("temperature", 0.7, "sampling temperature; 0 is greedy")
	topK := f.Int("top-k", 0, "sample among the K most likely tokens; 0 is all")
	topP := f.Float64("top-p", 0, "nucleus sampling mass; 0 is off")
	chat := f.Bool("chat", false, "send the prompt as a user message through the chat template")
	system := f.String("system", "", "system prompt (with --chat)")
	var stops stringList
	f.Var(&stops, "stop", "stop `sequence` (repeatable)")
	stats := f.Bool("stats", false, "print token counts and speed to stderr")
	device := f.String("device", "cpu", deviceUsage+"; the GPU decodes greedily (--temperature 0) and prints the text when it is done")
	precision := f.String("precision", "bf16", precisionUsage)
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *prompt == "" {
		return usageError{fmt.Errorf("--prompt is required")}
	}
	gpu, err := openDevice(*device, *precision, stderr)
	if err != nil {
		return err
	}
	if gpu != nil {
		defer gpu.Close()
		// The GPU's generator is greedy: say so rather than ignore a
		// sampling setting.
		if *temperature != 0 || *topK != 0 || *topP != 0 {
			return usageError{fmt.Errorf("--device %s: the GPU decodes greedily; give --temperature 0 (and no --top-k or --top-p), or --device cpu to sample", *device)}
		}
	}
	m, err := loadModel(*model)
	if err != nil {
		return err
	}
	if m.Tokenizer == nil {
		return fmt.Errorf("%s has no tokenizer.json", *model)
	}
	var ids []int
	if *chat {
		var msgs []tokenizer.Message
		if *system != "" {
			msgs = append(msgs, tokenizer.Message{Role: "system", Content: *system})
		}
		msgs = append(msgs, tokenizer.Message{Role: "user", Content: *prompt})
		if ids, err = m.Tokenizer.Chat(msgs, true); err != nil {
			return err
		}
	} else {
		ids = m.Tokenizer.Encode(*prompt)
		fmt.Fprint(stdout, *prompt)
	}
	if gpu != nil {
		return generateOnGPU(gpu, m, ids, *maxTokens, stops, *precision, *stats, stdout, stderr)
	}
	start := time.Now()
	out, err := m.Generate(ctx, [][]int{ids}, lora.GenerateOptions{
		Sampling:  lora.Sampling{Temperature: *temperature, TopK: *topK, TopP: *topP},
		MaxTokens: *maxTokens,
		Stop:      stops,
		Seed:      *seed,
		OnText:    func(_ int, delta string) { fmt.Fprint(stdout, delta) },
	})
	fmt.Fprintln(stdout)
	if err != nil {
		return err
	}
	if *stats {
		el := time.Since(start)
		fmt.Fprintf(stderr, "%d prompt tokens, %d generated (%s) in %v: %.0f tokens/s\n",
			out[0].PromptTokens, len(out[0].Tokens), out[0].FinishReason, el.Round(time.Millisecond), float64(len(out[0].Tokens))/el.Seconds())
	}
	return nil
}

// loadModel loads a Hugging Face model directory, or the embedded model
// when dir is empty.
func loadModel(dir string) (*lora.Model, error) {
	if dir == "" {
		return embedded.Model()
	}
	return lora.Load(dir)
}

// generateOnGPU decodes greedily on the GPU, then cuts the text where the
// CPU's generator would stop: at a special token or a stop string.
func generateOnGPU(gpu gpuDevice, m *lora.Model, ids []int, maxTokens int, stops []string, precision string, stats bool, stdout, stderr io.Writer) error {
	out, took, err := gpu.TimeGenerate(m, nil, [][]int{ids}, maxTokens, precision)
	if err != nil {
		return err
	}
	toks, finish := out[0], "length"
	for i, t := range toks {
		if m.Tokenizer.IsSpecial(t) {
			toks, finish = toks[:i], "stop"
			break
		}
	}
	text := m.Tokenizer.Decode(toks)
	for _, s := range stops {
		if i := strings.Index(text, s); i >= 0 {
			text, finish = text[:i], "stop"
		}
	}
	fmt.Fprintln(stdout, text)
	if stats {
		fmt.Fprintf(stderr, "%d prompt tokens, %d generated (%s) on %s in %v: %.0f tokens/s\n",
			len(ids), len(toks), finish, gpu, took.Round(time.Millisecond), float64(len(out[0]))/took.Seconds())
	}
	return nil
}
