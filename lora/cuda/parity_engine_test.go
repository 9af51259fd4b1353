package cuda

import (
	"os"
	"testing"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// GPU parity of the whole trainer: the Engine on the CUDA backend against
// lora's CPU engine (checkParity), on the embedded model and on a
// ~110M-parameter Llama-layout model with random weights (the shape of
// `arena bench dpo --size 100m`, cmd/arena/bench.go). Like the kernel
// parity tests they skip without a GPU, and fail instead under
// ARENA_CUDA_REQUIRE=1.
//
// Tolerances (relative L2 error ‖gpu − cpu‖/‖cpu‖; for losses absolute
// for the per-pair DPO losses, which are about 0.7, and relative to
// max(1, |loss|) for the losses of a run's steps):
//
//	          logits  loss   first-step LoRA gradients  adapter change after a run
//	f32       1e-4    1e-4   1e-3                       2e-2
//	bf16      3e-2    3e-2   1.5e-1                     5e-1
//
// The f32 path differs from the CPU only in summation order. The bf16
// path rounds the base products' inputs to 8 significant bits, which
// moves logits by about 1%; the trained adapter's change is compared
// loosely because AdamW turns every flipped sign of a near-zero gradient
// into a full step the other way (see RecordToleranceBF16).
var (
	gpuTolF32  = parityTol{logits: 1e-4, loss: 1e-4, grads: 1e-3, adapter: 2e-2}
	gpuTolBF16 = parityTol{logits: 3e-2, loss: 3e-2, grads: 1.5e-1, adapter: 5e-1}
)

// cudaBackend is the CUDA backend of the test GPU. With
// ARENA_PARITY_BACKEND=cpu it is the CPU backend instead (under the name
// "cuda"), which checks these tests themselves on a machine without a GPU,
// slowly.
func cudaBackend(t *testing.T) Backend {
	t.Helper()
	if os.Getenv("ARENA_PARITY_BACKEND") == "cpu" {
		return claimsCUDA{NewCPUBackend()}
	}
	d := gpu(t)
	be, err := NewDeviceBackend(d)
	if err != nil {
		t.Fatal(err)
	}
	return be
}

func TestParityEngineEmbedded(t *testing.T) {
	be := cudaBackend(t)
	for _, c := range []struct {
		prec Precision
		tl   parityTol
	}{{F32, gpuTolF32}, {BF16, gpuTolBF16}} {
		t.Run(c.prec.String(), func(t *testing.T) {
			m, err := embedded.Load()
			if err != nil {
				t.Fatal(err)
			}
			checkParity(t, be, m, c.prec, c.tl, true)
		})
	}
	t.Run("qlora-f32", func(t *testing.T) {
		m, err := embedded.Load()
		if err != nil {
			t.Fatal(err)
		}
		if err := m.QuantizeBase(true); err != nil {
			t.Fatal(err)
		}
		checkParity(t, be, m, F32, gpuTolF32, false)
	})
}

// bench100M is the 100m shape of cmd/arena/bench.go (benchSizes), with
// the embedded tokenizer's vocabulary: 12 layers of 768, about 110M
// parameters with the embeddings.
func bench100M(t *testing.T) *lora.Model {
	t.Helper()
	emb, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	cfg := lora.Config{ModelType: "llama", HiddenSize: 768, IntermediateSize: 2048, NumHiddenLayers: 12,
		NumAttentionHeads: 12, NumKeyValueHeads: 12, VocabSize: emb.Config.VocabSize, MaxPositionEmbeddings: 2048,
		RMSNormEps: 1e-5, RopeTheta: 10000, TieWordEmbeddings: true}
	m, err := lora.New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	m.Tokenizer = emb.Tokenizer
	t.Logf("random-weights model: %.1fM parameters", float64(cfg.NumParams())/1e6)
	return m
}

func TestParityEngine100M(t *testing.T) {
	be := cudaBackend(t)
	m := bench100M(t)
	t.Run("f32", func(t *testing.T) { checkParity(t, be, m, F32, gpuTolF32, true) })
	t.Run("bf16", func(t *testing.T) { checkParity(t, be, m, BF16, gpuTolBF16, false) })
}

// Records of GPU runs, f32 and bf16, verify on lora's CPU engine within
// the tolerance they carry.
func TestGPURecordVerifiesOnCPU(t *testing.T) {
	be := cudaBackend(t)
	for _, prec := range []Precision{F32, BF16} {
		t.Run(prec.String(), func(t *testing.T) {
			m, err := embedded.Load()
			if err != nil {
				t.Fatal(err)
			}
			rep, _ := trainAndVerify(t, be, m, prec)
			if rep.Record.Device != "cuda" || rep.Record.Tolerance != RecordTolerance(prec) {
				t.Errorf("record device %q tolerance %v", rep.Record.Device, rep.Record.Tolerance)
			}
			for _, c := range rep.Checks {
				t.Logf("%s: %s", c.Name, c.Detail)
			}
		})
	}
}

// Greedy generation with the KV cache on the GPU follows lora's: in f32
// at least 3/4 of the tokens agree up to each sequence's first
// difference (a difference comes only from two logits within rounding of
// each other, after which the sequences go their own ways); bf16 is
// logged.
func TestParityGenerate(t *testing.T) {
	be := cudaBackend(t)
	same, total := compareGeneration(t, be, F32, 24, lora.Sampling{})
	t.Logf("f32: %d of %d greedy tokens agree with lora's generator", same, total)
	if 4*same < 3*total {
		t.Errorf("f32: only %d of %d tokens agree", same, total)
	}
	same, total = compareGeneration(t, be, BF16, 24, lora.Sampling{})
	t.Logf("bf16: %d of %d greedy tokens agree with lora's generator", same, total)
}
