package cuda

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// The trainer's orchestration, checked on the CPU backend against
// lora.TrainDPO on the embedded model. The CPU backend runs lora's own
// operations in lora's order, so the two agree to float32 rounding; in
// practice they agree bit for bit, and the record check below relies on
// that (a "cpu" record re-executes bit for bit).
//
// Tolerance (relative L2 error ‖got − want‖/‖want‖, and absolute for
// losses): cpuTol = 1e-6.
const cpuTol = 1e-6

// relL2 is ‖got − want‖₂/‖want‖₂ (the absolute norm when want is zero).
func relL2(got, want []float32) float64 {
	var num, den float64
	for i := range want {
		d := float64(got[i]) - float64(want[i])
		num += d * d
		den += float64(want[i]) * float64(want[i])
	}
	if den == 0 {
		return math.Sqrt(num)
	}
	return math.Sqrt(num / den)
}

func maxAbs(got, want []float32) float64 {
	m := 0.0
	for i := range want {
		m = max(m, math.Abs(float64(got[i])-float64(want[i])))
	}
	return m
}

// testPairs are short pairs, so the CPU tests take well under a second.
func testPairs() []lora.Pair {
	return []lora.Pair{
		lora.PlainPair("Q: 2+3=", " 5", " 6"),
		lora.PlainPair("Q: 7+1=", " 8", " 9 or so"),
		lora.PlainPair("Q: 4+4=", " 8", " 44"),
		lora.PlainPair("Say hi:", " hi there", " no"),
	}
}

// testAdapter is a rank-4 adapter on attention and MLP projections whose
// B is random (a fresh adapter's B is zero, which would make A's first
// gradient zero and the comparison of it empty).
func testAdapter(t testing.TB, m *lora.Model, targets []string) *lora.Adapter {
	t.Helper()
	a, err := lora.NewAdapter(m, lora.AdapterConfig{Rank: 4, Targets: targets}, 7)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range a.Params() {
		if strings.Contains(p.Name, "lora_B") {
			for i := range p.W {
				p.W[i] = float32(rng.NormFloat64() * 0.02)
			}
		}
	}
	return a
}

var testTargets = []string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "down_proj"}

func testOptions() lora.DPOOptions {
	return lora.DPOOptions{Seed: 5, BatchSize: 2, Epochs: 2, LR: 1e-2, RPOAlpha: 0.5, WeightDecay: 0.01}
}

// parity is what one comparison of an engine with lora's CPU engine
// found; checkParity fills it and fails the test beyond tol.
type parity struct {
	logits, loss, grads, adapter float64
}

// checkParity compares, on m (float32 or NF4) and pairs, an Engine on be
// in precision prec against lora's CPU engine: the logits of the first
// training batch with the adapter, every pair's DPO loss, the adapter's
// gradients of the first step, and (when steps) the losses of a whole
// run and the adapter it ends with. Tolerances are relative L2 errors,
// absolute for the per-pair DPO losses (about 0.7) and relative to
// max(1, |loss|) for a run's losses (which carry the RPO term); the
// adapter is compared by its change from where it started.
func checkParity(t *testing.T, be Backend, m *lora.Model, prec Precision, tl parityTol, steps bool) parity {
	t.Helper()
	ctx := context.Background()
	pairs := testPairs()
	a0 := testAdapter(t, m, testTargets)
	opts := testOptions()
	o, err := opts.Resolved(m)
	if err != nil {
		t.Fatal(err)
	}
	seqs, err := lora.TokenizePairs(m, pairs, o.MaxLen)
	if err != nil {
		t.Fatal(err)
	}
	pad := lora.PadToken(m)
	idx := lora.PairOrder(len(seqs), o.Seed, 0)[:o.BatchSize]
	b := lora.NewDPOBatch(seqs, idx, pad)
	var got parity

	// Logits of the first batch, with the adapter.
	aCPU := a0.Clone()
	if err := m.SetAdapter(aCPU); err != nil {
		t.Fatal(err)
	}
	pass, err := m.Forward(nil, b.Tokens, b.B, b.T)
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(be, m, prec)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	adam := lora.DPOAdamW(&o)
	aEng := a0.Clone()
	if err := e.Attach(aEng, &adam); err != nil {
		t.Fatal(err)
	}
	if err := e.Forward(b.Tokens, b.B, b.T, true); err != nil {
		t.Fatal(err)
	}
	logits, err := e.Logits()
	if err != nil {
		t.Fatal(err)
	}
	got.logits = relL2(logits, pass.Logits)
	t.Logf("logits of a %d×%d batch: relative L2 error %.2e, max |diff| %.2e", b.B, b.T, got.logits, maxAbs(logits, pass.Logits))
	if !(got.logits <= tl.logits) {
		t.Errorf("logits: relative error %.3g > %.3g", got.logits, tl.logits)
	}

	// Every pair's loss: policy and reference log-probabilities, a pair at
	// a time as lora computes them.
	wantPol, err := lora.PolicyLogProbs(ctx, m, pairs, o.MaxLen)
	if err != nil {
		t.Fatal(err)
	}
	wantRef, err := lora.ReferenceLogProbs(ctx, m, pairs, o.MaxLen)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := e.reference(ctx, seqs, pad, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pairs {
		pb := lora.NewDPOBatch(seqs, []int{i}, pad)
		if err := e.Forward(pb.Tokens, pb.B, pb.T, true); err != nil {
			t.Fatal(err)
		}
		lp, err := e.SeqLogProbs(pb.Targets)
		if err != nil {
			t.Fatal(err)
		}
		lw, _, _ := lora.PairLoss(o.Method, o.Beta, 0, wantPol[i].Chosen, wantRef[i].Chosen, wantPol[i].Rejected, wantRef[i].Rejected, pb.Counts[0], pb.Counts[1])
		lg, _, _ := lora.PairLoss(o.Method, o.Beta, 0, lp[0], ref[i].Chosen, lp[1], ref[i].Rejected, pb.Counts[0], pb.Counts[1])
		d := math.Abs(lg - lw)
		got.loss = max(got.loss, d)
		t.Logf("pair %d: DPO loss %.6f, CPU %.6f; log-probs %.4f/%.4f, CPU %.4f/%.4f", i, lg, lw, lp[0], lp[1], wantPol[i].Chosen, wantPol[i].Rejected)
	}
	if !(got.loss <= tl.loss) {
		t.Errorf("per-pair DPO loss differs by %.3g > %.3g", got.loss, tl.loss)
	}

	// The first step's gradients: lora's are in the adapter when its
	// Progress callback runs.
	var wantGrads [][]float32
	var wantLosses []float64
	aRun := a0.Clone()
	cpuOpts := opts
	cpuOpts.Progress = func(s lora.DPOStep) {
		if s.Step == 1 {
			for _, p := range aRun.Params() {
				wantGrads = append(wantGrads, append([]float32(nil), p.G...))
			}
		}
	}
	if !steps {
		cpuOpts.Epochs = 1
	}
	res, err := lora.TrainDPO(ctx, m, aRun, pairs, cpuOpts)
	if err != nil {
		t.Fatal(err)
	}
	wantLosses = res.Losses
	if _, err := e.dpoStep(seqs, idx, ref, pad, &o, &adam); err != nil {
		t.Fatal(err)
	}
	grads, err := e.Gradients()
	if err != nil {
		t.Fatal(err)
	}
	var gAll, wAll []float32
	for i := range grads {
		gAll, wAll = append(gAll, grads[i]...), append(wAll, wantGrads[i]...)
	}
	got.grads = relL2(gAll, wAll)
	t.Logf("first-step LoRA gradients (%d values): relative L2 error %.2e", len(gAll), got.grads)
	if !(got.grads <= tl.grads) {
		t.Errorf("gradients: relative error %.3g > %.3g", got.grads, tl.grads)
	}
	if !steps {
		return got
	}

	// A whole run: every step's loss, and where the adapter ends up.
	aTrain := a0.Clone()
	gres, err := TrainDPO(ctx, be, m, aTrain, pairs, opts, TrainOptions{Precision: prec})
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range gres.Losses {
		if d := math.Abs(l - wantLosses[i]); !(d <= tl.loss*math.Max(1, math.Abs(wantLosses[i]))) {
			t.Errorf("step %d loss %.6f, CPU %.6f", i+1, l, wantLosses[i])
		}
	}
	var dg, dw []float32
	for i, p := range aTrain.Params() {
		w0, w := a0.Params()[i].W, aRun.Params()[i].W
		for j := range p.W {
			dg = append(dg, p.W[j]-w0[j])
			dw = append(dw, w[j]-w0[j])
		}
	}
	got.adapter = relL2(dg, dw)
	t.Logf("adapter after %d steps: its change from the start differs by relative L2 %.2e", gres.Steps, got.adapter)
	if !(got.adapter <= tl.adapter) {
		t.Errorf("trained adapter: relative error %.3g > %.3g", got.adapter, tl.adapter)
	}
	return got
}

// parityTol are the tolerances of checkParity.
type parityTol struct{ logits, loss, grads, adapter float64 }

func TestEngineMatchesLoraOnCPU(t *testing.T) {
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	checkParity(t, NewCPUBackend(), m, F32, parityTol{cpuTol, cpuTol, cpuTol, cpuTol}, true)
}

// QLoRA: an NF4 base, dequantised per product.
func TestEngineMatchesLoraOnCPUQLoRA(t *testing.T) {
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.QuantizeBase(true); err != nil {
		t.Fatal(err)
	}
	checkParity(t, NewCPUBackend(), m, F32, parityTol{cpuTol, cpuTol, cpuTol, cpuTol}, true)
}

// A run on the CPU backend leaves a "cpu" record that lora re-executes
// bit for bit.
func TestCPUBackendRecordVerifies(t *testing.T) {
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := trainAndVerify(t, NewCPUBackend(), m, F32)
	if rep.Record.Device != "cpu" || rep.Record.Tolerance != 0 {
		t.Errorf("record device %q tolerance %v", rep.Record.Device, rep.Record.Tolerance)
	}
}

// claimsCUDA is the CPU backend under the name "cuda": its runs leave
// records that claim a GPU, verified within tolerance.
type claimsCUDA struct{ *CPUBackend }

func (claimsCUDA) Device() string { return "cuda" }

// A bf16 run's record, claiming device cuda, verifies on lora's float32
// CPU engine within its tolerance (so RecordToleranceBF16 covers what
// bf16 rounding does to a segment), and a checkpoint moved beyond the
// tolerance does not.
func TestBF16RecordVerifiesOnCPU(t *testing.T) {
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	rep, key := trainAndVerify(t, claimsCUDA{NewCPUBackend()}, m, BF16)
	if rep.Record.Device != "cuda" || rep.Record.Tolerance != RecordToleranceBF16 {
		t.Fatalf("record device %q tolerance %v", rep.Record.Device, rep.Record.Tolerance)
	}
	for _, c := range rep.Checks {
		if strings.HasPrefix(c.Name, "segment") {
			t.Log(c.Detail)
		}
	}

	// The same record claiming a tolerance far below what bf16 does does
	// not verify: the tolerance is what lets it through.
	path := filepath.Join(rep.Record.Dir(), "record.json")
	rec, err := lora.ReadRecord(path)
	if err != nil {
		t.Fatal(err)
	}
	rec.Tolerance = 1e-9
	if err := rec.Sign(key); err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = lora.VerifyRecord(context.Background(), path, m, testPairs(), lora.VerifyOptions{Segments: 1 << 10})
	if err == nil || !strings.Contains(err.Error(), "differ") {
		t.Fatalf("bf16 record held to tolerance 1e-9: %v", err)
	}
}

// trainAndVerify trains on be, saves the adapter and the signed record,
// and verifies every segment with lora.VerifyRecord on m.
func trainAndVerify(t *testing.T, be Backend, m *lora.Model, prec Precision) (*lora.VerifyReport, *ecdsa.PrivateKey) {
	t.Helper()
	dir := t.TempDir()
	baseHash, err := lora.BaseHash(m)
	if err != nil {
		t.Fatal(err)
	}
	a := testAdapter(t, m, []string{"q_proj", "v_proj"})
	opts := testOptions()
	opts.CheckpointEvery = 2
	opts.CheckpointDir = filepath.Join(dir, "checkpoints")
	opts.BaseName, opts.BaseHash = "arena-base", baseHash
	res, err := TrainDPO(context.Background(), be, m, a, testPairs(), opts, TrainOptions{Precision: prec})
	if err != nil {
		t.Fatal(err)
	}
	m.SetAdapter(nil)
	if err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Record.Save(filepath.Join(dir, "record.json"), dir, key); err != nil {
		t.Fatal(err)
	}
	rep, err := lora.VerifyRecord(context.Background(), filepath.Join(dir, "record.json"), m, testPairs(), lora.VerifyOptions{Segments: 1 << 10})
	if err != nil {
		t.Fatalf("record of a %s run on %s does not verify: %v", prec, be.Device(), err)
	}
	return rep, key
}

// compareGeneration generates with sampling settings s (seeded) with an
// engine on be and with lora's generator, from prompts of different
// lengths, with the adapter;
// it returns how many tokens of all agree (up to each sequence's first
// difference) and the total.
func compareGeneration(t *testing.T, be Backend, prec Precision, n int, s lora.Sampling) (same, total int) {
	t.Helper()
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := testAdapter(t, m, testTargets)
	if err := m.SetAdapter(a); err != nil {
		t.Fatal(err)
	}
	var prompts [][]int
	for _, s := range []string{"Q: 2+3=", "Once upon a time, there was a", "The", "Say hi to the arena:"} {
		prompts = append(prompts, m.Tokenizer.Encode(s))
	}
	var ban []int
	for id := range m.Config.VocabSize {
		if m.Tokenizer.IsSpecial(id) {
			ban = append(ban, id)
		}
	}
	want, err := m.Generate(context.Background(), prompts, lora.GenerateOptions{Sampling: s, MaxTokens: n, MinTokens: n, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(be, m, prec)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Attach(a, &lora.AdamW{}); err != nil {
		t.Fatal(err)
	}
	got, err := e.Generate(prompts, n, true, ban, s, 11)
	if err != nil {
		t.Fatal(err)
	}
	for i := range prompts {
		w := want[i].Tokens
		total += len(w)
		for j := range w {
			if j >= len(got[i]) || got[i][j] != w[j] {
				t.Logf("sequence %d differs from token %d: %v, lora %v", i, j, got[i], w)
				break
			}
			same++
		}
	}
	return same, total
}

// Greedy generation with the KV cache on the CPU backend is lora's.
func TestEngineGenerateMatchesLora(t *testing.T) {
	same, total := compareGeneration(t, NewCPUBackend(), F32, 12, lora.Sampling{})
	t.Logf("%d of %d generated tokens agree", same, total)
	if same != total || total != 4*12 {
		t.Errorf("%d of %d tokens agree", same, total)
	}
}

// Sampled generation on the CPU backend draws as lora's sampler does:
// the same seed gives the same tokens (lora.Sampling's verifiable draws).
func TestEngineSamplesLikeLora(t *testing.T) {
	same, total := compareGeneration(t, NewCPUBackend(), F32, 12, lora.Sampling{Temperature: 0.8, TopP: 0.9})
	t.Logf("%d of %d sampled tokens agree", same, total)
	if same != total || total != 4*12 {
		t.Errorf("%d of %d tokens agree", same, total)
	}
}
