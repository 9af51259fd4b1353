package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/learn"
	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/spaces"
)

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("bench", []command{
		{"learn", "run the learning loop for a budget and report the held-out score before and after", benchLearn},
		{"dpo", "time DPO training of a LoRA adapter on a random-weights Llama-layout model (tokens/s)", benchDPO},
	}, ctx, args, stdout, stderr)
}

// benchTargets are the gains the loop is built to reach on the embedded
// model within 10 minutes on a 2-core machine.
var benchTargets = map[string]float64{"sum-duel": 0.20, "tic-tac-toe": 0.15}

func benchLearn(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("bench learn", "", "Runs the learning loop in a Space for a fixed budget: a learner agent on the embedded model\n"+
		"plays the house agents, trains on the pairs (the Space's training policy), and is scored\n"+
		"on the Space's held-out evaluation set after every cycle. Prints the learning curve and\n"+
		"the change from the first score to the last with a 95% interval.")
	space := f.String("space", "sum-duel", "Space to learn in (it needs a [training] table)")
	budget := f.Duration("budget", 10*time.Minute, "time for the loop; a cycle that has started is finished")
	matches := f.Int("matches", 20, "matches per cycle")
	evalN := f.Int("eval", 100, "held-out tasks (or games) scored after each cycle")
	temperature := f.Float64("temperature", 0.7, "the learner's sampling temperature")
	seed := f.Uint64("seed", 1, "seed for the opponents drawn and the matches")
	data := f.String("data", "", "data directory; empty means a new temporary one")
	plot := f.String("plot", "", "write the learning curve as an SVG `file`")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if *evalN <= 0 || *evalN > arena.EvalSize {
		return usageError{fmt.Errorf("--eval must be 1 to %d, got %d", arena.EvalSize, *evalN)}
	}
	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "arena-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	sf := storeFlags{data: &dir, judgeURL: new(string), judgeModel: new(string), judgeKeyEnv: new(string)}
	a, err := sf.open()
	if err != nil {
		return err
	}
	defer a.Close()
	house, err := a.EnsureHouse(embedded.Name, nil)
	if err != nil {
		return err
	}
	learner, err := learn.BenchLearner(a, embedded.Name, *temperature)
	if err != nil {
		return err
	}
	key, err := loadTrainerKey(filepath.Join(dir, "trainer.key"))
	if err != nil {
		return err
	}
	l, err := learn.New(learn.Options{Arena: a, Dir: dir, Base: embedded.Load, BaseName: embedded.Name, Model: embedded.Name, Key: key,
		Only: func(ag agents.Agent) bool { return ag.ID == learner.ID }})
	if err != nil {
		return err
	}
	spec, err := a.Space(*space)
	if err != nil {
		return usageError{err}
	}
	items := "tasks"
	if spec.Mode == spaces.Turns {
		items = "games against a random mover"
	}
	fmt.Fprintf(stdout, "bench learn: %s, learner at temperature %g against %d house agents, %d matches a cycle, %d held-out %s, budget %s\n",
		*space, *temperature, len(house), *matches, *evalN, items, *budget)
	curve, err := learn.Bench(ctx, l, learn.BenchOptions{
		Space: *space, Learner: learner, Opponents: house, Budget: *budget, Matches: *matches, Eval: *evalN, Seed: *seed,
		Progress: func(p learn.BenchPoint) {
			v := p.Version
			if v == "" {
				v = "base"
			}
			fmt.Fprintf(stdout, "  cycle %2d  %-8s %.3f [%.3f, %.3f]  trained on %4d pairs  %-8s after %s\n",
				p.Cycle, p.Eval.Metric, p.Eval.Score, p.Eval.Lo, p.Eval.Hi, p.Pairs, shortVersion(v), p.Elapsed.Round(time.Second))
		},
	})
	if err != nil {
		return err
	}
	first, last := curve[0].Eval, curve[len(curve)-1].Eval
	mean, lo, hi, err := arena.Change(first, last)
	if err != nil {
		return err
	}
	scores := make([]float64, len(curve))
	for i, p := range curve {
		scores[i] = p.Eval.Score
	}
	fmt.Fprintf(stdout, "curve %s\n", progress.Sparkline(scores))
	fmt.Fprintf(stdout, "%s: %.3f [%.3f, %.3f] -> %.3f [%.3f, %.3f]; change %+.3f, 95%% interval [%+.3f, %+.3f], in %s\n",
		first.Metric, first.Score, first.Lo, first.Hi, last.Score, last.Lo, last.Hi, mean, lo, hi, curve[len(curve)-1].Elapsed.Round(time.Second))
	if target, ok := benchTargets[*space]; ok {
		verdict := "reached"
		if lo <= 0 || mean < target {
			verdict = "NOT reached"
		}
		fmt.Fprintf(stdout, "target: %+.2f with an interval above zero: %s\n", target, verdict)
	}
	if *plot != "" {
		svg := learn.CurveSVG(fmt.Sprintf("%s: held-out %s of the learner by cycle", *space, first.Metric), curve)
		if err := os.WriteFile(*plot, []byte(svg), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the curve to %s\n", *plot)
	}
	return nil
}

// shortVersion abbreviates an adapter version named after its agent's id.
func shortVersion(v string) string {
	if len(v) > 36 {
		return "…" + v[36:]
	}
	return v
}

// benchSizes are the Llama-layout shapes bench dpo builds (vocab_size is
// the embedded tokenizer's, so the pairs can be text); bench/dpo_peft.py
// loads the same directory.
var benchSizes = map[string]lora.Config{
	"tiny": {ModelType: "llama", HiddenSize: 128, IntermediateSize: 352, NumHiddenLayers: 2, NumAttentionHeads: 4, NumKeyValueHeads: 4},
	"100m": {ModelType: "llama", HiddenSize: 768, IntermediateSize: 2048, NumHiddenLayers: 12, NumAttentionHeads: 12, NumKeyValueHeads: 12},
	"300m": {ModelType: "llama", HiddenSize: 1024, IntermediateSize: 2816, NumHiddenLayers: 24, NumAttentionHeads: 16, NumKeyValueHeads: 16},
	"500m": {ModelType: "llama", HiddenSize: 1280, IntermediateSize: 3456, NumHiddenLayers: 24, NumAttentionHeads: 20, NumKeyValueHeads: 20},
}

func benchDPO(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("bench dpo", "", "Times DPO training of a LoRA adapter: writes a random-weights Llama-layout model of --size to\n"+
		"--out in Hugging Face layout (with the embedded tokenizer), makes --pairs random text pairs\n"+
		"(their token ids go to OUT/pairs_ids.jsonl for bench/dpo_peft.py), trains one epoch and reports\n"+
		"tokens/s and the fraction of --peak-tflops reached, counting 6·N FLOPs a token (policy forward\n"+
		"and backward, reference forward), as bench/dpo_peft.py does.")
	size := f.String("size", "100m", "model size: tiny, 100m, 300m or 500m")
	model := f.String("model", "", "use this Hugging Face model `dir`ectory instead of writing a random one")
	out := f.String("out", "", "`dir`ectory for the random model and pairs_ids.jsonl (required without --model)")
	npairs := f.Int("pairs", 32, "preference pairs (one epoch)")
	batch := f.Int("batch", 4, "pairs per step")
	words := f.Int("words", 24, "words of random text in each prompt and completion")
	rank := f.Int("rank", 16, "LoRA rank r")
	targets := f.String("targets", "q,k,v,o", "adapted projections")
	seed := f.Uint64("seed", 1, "seed for the weights, the text and the adapter")
	peak := f.Float64("peak-tflops", 989, "the device's dense bf16 peak in TFLOPS (989: H100 SXM) for the utilisation figure")
	device := f.String("device", "cpu", deviceUsage)
	precision := f.String("precision", "bf16", precisionUsage)
	warmup := f.Int("warmup", 2, "untimed training steps run first on the GPU (cuBLAS picks its kernels, memory is cached)")
	genBatch := f.Int("gen-batch", 32, "then time greedy generation for this many prompts at once (0 skips it)")
	genTokens := f.Int("gen-tokens", 128, "new tokens per prompt in the generation benchmark")
	genPrompt := f.Int("gen-prompt-len", 64, "tokens of each (random) prompt in the generation benchmark")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	gpu, err := openDevice(*device, *precision, stderr)
	if err != nil {
		return err
	}
	if gpu != nil {
		defer gpu.Close()
	}
	if *model == "" && *out == "" {
		return usageError{fmt.Errorf("--out is required without --model")}
	}
	mods, err := parseTargets(*targets)
	if err != nil {
		return usageError{err}
	}
	var m *lora.Model
	if *model != "" {
		if m, err = lora.Load(*model); err != nil {
			return err
		}
		if m.Tokenizer == nil {
			return fmt.Errorf("%s has no tokenizer.json", *model)
		}
	} else {
		cfg, ok := benchSizes[strings.ToLower(*size)]
		if !ok {
			return usageError{fmt.Errorf("--size %q: want tiny, 100m, 300m or 500m", *size)}
		}
		emb, err := embedded.Model()
		if err != nil {
			return err
		}
		cfg.VocabSize = emb.Config.VocabSize
		cfg.MaxPositionEmbeddings = 2048
		cfg.RMSNormEps = 1e-5
		cfg.RopeTheta = 10000
		cfg.TieWordEmbeddings = true
		if m, err = lora.New(cfg, *seed); err != nil {
			return err
		}
		m.Tokenizer = emb.Tokenizer
		if err := m.Save(*out, map[string]string{"arena": "bench dpo random weights"}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote a random-weights %s model (%.1fM parameters) to %s\n", *size, float64(cfg.NumParams())/1e6, *out)
	}
	pairs := randomPairs(*npairs, *words, *seed)
	if *out != "" {
		if err := writePairIDs(filepath.Join(*out, "pairs_ids.jsonl"), pairs, m); err != nil {
			return err
		}
	}
	a, err := lora.NewAdapter(m, lora.AdapterConfig{Rank: *rank, Alpha: float64(2 * *rank), Targets: mods}, *seed)
	if err != nil {
		return err
	}
	n := float64(m.Config.NumParams())
	// train returns the run and the time its reference log-probabilities
	// took.
	train := func(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, o lora.DPOOptions) (*lora.DPOResult, time.Duration, error) {
		start := time.Now()
		res, err := lora.TrainDPO(ctx, m, a, pairs, o)
		if err != nil {
			return nil, 0, err
		}
		return res, time.Since(start) - res.Elapsed, nil
	}
	where := "device cpu"
	if gpu != nil {
		where = fmt.Sprintf("device %s, %s", gpu, *precision)
		train = func(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, o lora.DPOOptions) (*lora.DPOResult, time.Duration, error) {
			return gpu.TrainDPO(ctx, m, a, pairs, o, *precision)
		}
	}
	fmt.Fprintf(stdout, "bench dpo: %.1fM parameters, LoRA r=%d on %v, %d pairs in batches of %d, %s\n", n/1e6, *rank, mods, *npairs, *batch, where)
	if gpu != nil && *warmup > 0 {
		// The same shapes as the timed run, on a copy of the adapter.
		warm := pairs[:min(len(pairs), *warmup**batch)]
		if _, _, err := train(ctx, m, a.Clone(), warm, lora.DPOOptions{Epochs: 1, BatchSize: *batch, Seed: *seed}); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
	res, refTime, err := train(ctx, m, a, pairs, lora.DPOOptions{Epochs: 1, BatchSize: *batch, Seed: *seed})
	if err != nil {
		return err
	}
	// One epoch: every pair gets one reference forward pass and one policy
	// forward and backward pass, the work bench/dpo_peft.py does in each
	// of its steps, so tokens over both times is the comparable rate (the
	// setup, putting the model on the device, is left out on both sides).
	total := refTime + res.Elapsed
	tps := float64(res.Tokens) / total.Seconds()
	fmt.Fprintf(stdout, "trained %d steps, %d tokens in %s plus %s for the reference log-probabilities (last loss %.4f)\n",
		res.Steps, res.Tokens, res.Elapsed.Round(time.Millisecond), refTime.Round(time.Millisecond), res.Losses[len(res.Losses)-1])
	fmt.Fprintf(stdout, "tokens/s %.1f (reference and training; training steps alone %.1f)  model TFLOPS %.3f  fraction of %g TFLOPS peak %.2e\n",
		tps, float64(res.Tokens)/res.Elapsed.Seconds(), 6*n*tps/1e12, *peak, 6*n*tps/(*peak*1e12))
	if gpu != nil {
		fmt.Fprintf(stdout, "peak GPU memory held by the trainer %.2f GiB\n", float64(gpu.MemoryPeak())/(1<<30))
	}
	if *genBatch <= 0 {
		return nil
	}
	return benchGenerate(ctx, stdout, gpu, m, a, *genBatch, *genPrompt, *genTokens, *seed, *precision)
}

// benchGenerate times greedy generation of tokens new tokens for batch
// random prompts of promptLen token ids (as bench/dpo_peft.py does), with
// the trained adapter, on the GPU or with lora's CPU generator.
func benchGenerate(ctx context.Context, stdout io.Writer, gpu gpuDevice, m *lora.Model, a *lora.Adapter, batch, promptLen, tokens int, seed uint64, precision string) error {
	if promptLen <= 0 || tokens <= 0 || promptLen+tokens > m.Config.MaxPositionEmbeddings {
		return usageError{fmt.Errorf("--gen-prompt-len %d and --gen-tokens %d must be positive and fit max_position_embeddings %d", promptLen, tokens, m.Config.MaxPositionEmbeddings)}
	}
	rng := rand.New(rand.NewPCG(seed, 0x67656e))
	prompts := make([][]int, batch)
	for i := range prompts {
		prompts[i] = make([]int, promptLen)
		for j := range prompts[i] {
			prompts[i][j] = rng.IntN(m.Config.VocabSize)
		}
	}
	var el time.Duration
	made := 0
	if gpu != nil {
		out, d, err := gpu.TimeGenerate(m, a, prompts, tokens, precision)
		if err != nil {
			return fmt.Errorf("generation: %w", err)
		}
		el = d
		for _, o := range out {
			made += len(o)
		}
	} else {
		if err := m.SetAdapter(a); err != nil {
			return err
		}
		start := time.Now()
		out, err := m.Generate(ctx, prompts, lora.GenerateOptions{MaxTokens: tokens, MinTokens: tokens})
		if err != nil {
			return fmt.Errorf("generation: %w", err)
		}
		el = time.Since(start)
		for _, o := range out {
			made += len(o.Tokens)
		}
	}
	fmt.Fprintf(stdout, "generation: batch %d, %d-token prompts, %d new tokens in %s: %.1f tokens/s\n",
		batch, promptLen, made, el.Round(time.Millisecond), float64(made)/el.Seconds())
	return nil
}

// randomPairs makes n pairs of seeded random words: shape, not meaning,
// is what a speed benchmark needs.
func randomPairs(n, words int, seed uint64) []lora.Pair {
	vocab := strings.Fields("the of and to in is was for on that with as by at from it an be this are or his which her " +
		"one all were they she has been had but not their what when your can said there use each many some")
	rng := rand.New(rand.NewPCG(seed, 0x62656e6368))
	text := func() string {
		w := make([]string, words)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	pairs := make([]lora.Pair, n)
	for i := range pairs {
		pairs[i] = lora.Pair{Prompt: text(), Chosen: " " + text(), Rejected: " " + text()}
	}
	return pairs
}

// writePairIDs writes the pairs as the token ids the trainer sees, one
// JSON object a line, for bench/dpo_peft.py.
func writePairIDs(path string, pairs []lora.Pair, m *lora.Model) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(file)
	for _, p := range pairs {
		t, err := p.Tokens(m.Tokenizer, min(512, m.Config.MaxPositionEmbeddings))
		if err != nil {
			file.Close()
			return err
		}
		if err := enc.Encode(map[string][]int{"prompt": t.Prompt, "chosen": t.Chosen, "rejected": t.Rejected}); err != nil {
			file.Close()
			return err
		}
	}
	return file.Close()
}
