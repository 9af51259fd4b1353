package main

import (
	"context"
	"crypto/ecdsa"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("train", "", "Trains a LoRA adapter on preference pairs (TRL JSONL: prompt, chosen, rejected) with DPO\n"+
		"or a sibling loss, and writes to --out the adapter in PEFT layout, metrics.jsonl, the pairs\n"+
		"trained on (pairs.jsonl), and a signed proof-of-learning record (record.json and checkpoints/)\n"+
		"that 'arena pol verify' re-checks.")
	pairsFile := f.String("pairs", "", "preference pairs, TRL JSONL `file` (required)")
	base := f.String("base", "", "base model: Hugging Face model `dir`ectory; empty means the embedded model")
	adapterDir := f.String("adapter", "", "start from this PEFT adapter `dir`ectory instead of a fresh adapter")
	out := f.String("out", "", "output `dir`ectory (required)")
	method := f.String("method", "dpo", "loss: dpo, ipo, hinge or robust")
	beta := f.Float64("beta", 0.1, "DPO beta: strength of the pull towards the base model")
	lr := f.Float64("lr", 5e-4, "learning rate (constant)")
	epochs := f.Int("epochs", 2, "passes over the pairs")
	batch := f.Int("batch", 4, "pairs per step")
	maxLen := f.Int("max-len", 0, "most tokens of prompt plus completion; 0 means min(512, the model's context)")
	rpo := f.Float64("rpo-alpha", 1, "weight of an NLL term on the chosen completions (RPO, TRL's rpo_alpha); it keeps DPO from\n"+
		"        lowering the likelihood of right answers when chosen and rejected differ in a few tokens; 0 is plain DPO")
	smoothing := f.Float64("label-smoothing", 0, "label smoothing for dpo, or the label-noise rate for robust (0 means 0.1 there)")
	weightDecay := f.Float64("weight-decay", 0, "AdamW weight decay")
	clip := f.Float64("clip-norm", 1, "gradient norm clipping; 0 means none")
	rank := f.Int("rank", 8, "LoRA rank r")
	alpha := f.Float64("alpha", 0, "LoRA alpha; 0 means 2·rank")
	dropout := f.Float64("dropout", 0, "LoRA dropout")
	targets := f.String("targets", "q,v", "adapted projections, comma-separated: q, k, v, o, gate, up, down (or q_proj, ...)")
	rslora := f.Bool("rslora", false, "scale by alpha/√r (rsLoRA)")
	qlora := f.Bool("qlora", false, "hold the frozen base in NF4 (QLoRA)")
	doubleQuant := f.Bool("double-quant", false, "with --qlora, quantise the NF4 scales too")
	seed := f.Uint64("seed", 1, "seed for the adapter's initialisation, dropout and the order of pairs")
	strict := f.Bool("strict", false, "stop at the first bad line of --pairs instead of skipping it")
	every := f.Int("checkpoint-every", 10, "steps between proof-of-learning checkpoints")
	keyFile := f.String("key", "", "trainer's secp256k1 private key, a `file` of hex; empty means generate one into OUT/trainer.key")
	device := f.String("device", "cpu", deviceUsage)
	precision := f.String("precision", "bf16", precisionUsage)
	if err := f.parseNone(args, stdout); err != nil {
		return err
	}
	if *pairsFile == "" {
		return usageError{fmt.Errorf("--pairs is required")}
	}
	if *out == "" {
		return usageError{fmt.Errorf("--out is required")}
	}
	if *doubleQuant && !*qlora {
		return usageError{fmt.Errorf("--double-quant needs --qlora")}
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if *adapterDir != "" {
		for _, name := range []string{"rank", "alpha", "dropout", "targets", "rslora"} {
			if set[name] {
				return usageError{fmt.Errorf("--%s cannot be combined with --adapter, whose adapter_config.json sets it", name)}
			}
		}
	}
	mods, err := parseTargets(*targets)
	if err != nil {
		return usageError{err}
	}
	// Before any work: the device decides whether there is work to do here.
	gpu, err := openDevice(*device, *precision, stderr)
	if err != nil {
		return err
	}
	if gpu != nil {
		defer gpu.Close()
	}

	pairs, err := readPairsFile(*pairsFile, *strict, stderr)
	if err != nil {
		return err
	}
	m, baseName, err := loadPrivateModel(*base)
	if err != nil {
		return err
	}
	if m.Tokenizer == nil {
		return fmt.Errorf("%s has no tokenizer.json", *base)
	}
	baseHash, err := lora.BaseHash(m)
	if err != nil {
		return err
	}
	var a *lora.Adapter
	if *adapterDir != "" {
		if a, err = lora.LoadAdapter(*adapterDir, m); err != nil {
			return err
		}
	} else {
		cfg := lora.AdapterConfig{Rank: *rank, Alpha: *alpha, Dropout: *dropout, Targets: mods, RSLoRA: *rslora, BaseModel: baseName}
		if a, err = lora.NewAdapter(m, cfg, *seed); err != nil {
			return err
		}
	}
	if *qlora {
		if err := m.QuantizeBase(*doubleQuant); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	key, err := trainerKey(*keyFile, *out, stdout)
	if err != nil {
		return err
	}
	if err := lora.SavePairs(filepath.Join(*out, "pairs.jsonl"), pairs); err != nil {
		return err
	}
	metrics, err := os.Create(filepath.Join(*out, "metrics.jsonl"))
	if err != nil {
		return err
	}
	defer metrics.Close()

	base4 := ""
	if *qlora {
		base4 = " (NF4)"
	}
	fmt.Fprintf(stdout, "training a rank-%d LoRA adapter on %v of %s%s with %s (beta %g, rpo alpha %g, lr %g): %d pairs, %d epochs of batches of %d, seed %d, %d threads\n",
		a.Config.Rank, a.Config.Targets, baseName, base4, *method, *beta, *rpo, *lr, len(pairs), *epochs, *batch, *seed, runtime.GOMAXPROCS(0))
	train := lora.TrainDPO
	where := "the CPU"
	if gpu != nil {
		where = fmt.Sprintf("%s (%s)", gpu, *precision)
		train = func(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, o lora.DPOOptions) (*lora.DPOResult, error) {
			res, _, err := gpu.TrainDPO(ctx, m, a, pairs, o, *precision)
			return res, err
		}
	}
	fmt.Fprintf(stdout, "on %s: computing the reference log-probabilities of %d pairs\n", where, len(pairs))
	var bar *progress.Bar
	res, err := train(ctx, m, a, pairs, lora.DPOOptions{
		Method: *method, Beta: *beta, LR: *lr, Epochs: *epochs, BatchSize: *batch, Seed: *seed, MaxLen: *maxLen,
		LabelSmoothing: *smoothing, RPOAlpha: *rpo, WeightDecay: *weightDecay, ClipNorm: noneIfZero(*clip), CheckpointEvery: *every,
		CheckpointDir: filepath.Join(*out, "checkpoints"), BaseName: baseName, BaseHash: baseHash, Metrics: metrics,
		Progress: func(s lora.DPOStep) {
			if bar == nil {
				bar = progress.New(stdout, "train", s.Steps)
			}
			bar.Update(s.Step, fmt.Sprintf("loss %.4f  margin %+.3f  acc %3.0f%%  %.0f tok/s", s.Loss, s.Margin, 100*s.Accuracy, s.TokensPerSec))
		},
	})
	if bar != nil {
		bar.Done()
	}
	if err != nil {
		return err
	}
	if err := metrics.Close(); err != nil {
		return err
	}
	if err := a.Save(*out); err != nil {
		return err
	}
	recPath := filepath.Join(*out, "record.json")
	if err := res.Record.Save(recPath, *out, key); err != nil {
		return err
	}
	h, err := res.Record.Hash()
	if err != nil {
		return err
	}
	n := min(len(res.Losses), max(1, res.Steps/(*epochs)))
	fmt.Fprintf(stdout, "done in %s: %d steps, %d tokens; last epoch: mean loss %.4f, mean reward margin %+.4f\n",
		progress.Duration(res.Elapsed), res.Steps, res.Tokens, meanTail(res.Losses, n), meanTail(res.Margins, n))
	fmt.Fprintf(stdout, "wrote the adapter (PEFT) to %s, metrics to %s\n", *out, filepath.Join(*out, "metrics.jsonl"))
	fmt.Fprintf(stdout, "proof-of-learning record %s (hash 0x%x, %d checkpoints), signed by %s\n", recPath, h, len(res.Record.Checkpoints), res.Record.Signer)
	fmt.Fprintf(stdout, "check it with: arena pol verify %s\n", recPath)
	return nil
}

// noneIfZero maps the command line's "0 means none" onto the option's
// "negative means none".
func noneIfZero(v float64) float64 {
	if v == 0 {
		return -1
	}
	return v
}

// parseTargets turns "q,v" or "q_proj,v_proj" into module names.
func parseTargets(s string) ([]string, error) {
	var mods []string
	for _, t := range strings.Split(s, ",") {
		t = strings.TrimSpace(t)
		switch t {
		case "":
			continue
		case "q", "k", "v", "o", "gate", "up", "down":
			t += "_proj"
		}
		mods = append(mods, t)
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("--targets is empty")
	}
	return mods, nil
}

// readPairsFile reads preference pairs, reporting skipped lines on stderr.
func readPairsFile(path string, strict bool, stderr io.Writer) ([]lora.Pair, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	pairs, skipped, err := lora.ReadPairs(file, path, strict)
	if err != nil {
		return nil, err
	}
	for i, e := range skipped {
		if i == 5 {
			fmt.Fprintf(stderr, "... and %d more\n", len(skipped)-i)
			break
		}
		fmt.Fprintf(stderr, "skipped %v\n", e)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stderr, "skipped %d bad lines of %s (--strict makes them fatal)\n", len(skipped), path)
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%s holds no usable pairs", path)
	}
	return pairs, nil
}

// loadPrivateModel loads a model the caller may change (attach adapters,
// quantise): a Hugging Face directory, or a private copy of the embedded
// model when dir is empty. It returns the model's name too.
func loadPrivateModel(dir string) (*lora.Model, string, error) {
	if dir == "" {
		m, err := embedded.Load()
		return m, embedded.Name, err
	}
	m, err := lora.Load(dir)
	return m, filepath.Base(filepath.Clean(dir)), err
}

// trainerKey loads the signing key, or makes one and saves it to
// out/trainer.key.
func trainerKey(path, out string, stdout io.Writer) (*ecdsa.PrivateKey, error) {
	if path != "" {
		key, err := crypto.LoadECDSA(path)
		if err != nil {
			return nil, fmt.Errorf("--key %s: %w", path, err)
		}
		return key, nil
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	path = filepath.Join(out, "trainer.key")
	if err := crypto.SaveECDSA(path, key); err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "no --key: generated signing key %s (address %s); keep it to sign later runs as the same trainer\n",
		path, crypto.PubkeyToAddress(key.PublicKey).Hex())
	return key, nil
}
