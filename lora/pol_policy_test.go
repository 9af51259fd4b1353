package lora_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/cuda"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/ops"
)

// Tests of the verification policy on the embedded model: cross-kernel
// drift of honest CPU records, and the cheats a "cuda" record could try,
// with cuda records made on lora/cuda's CPU backend under the name cuda.

func polPairs() []lora.Pair {
	return []lora.Pair{
		lora.PlainPair("Q: 2+3=", " 5", " 6"),
		lora.PlainPair("Q: 7+1=", " 8", " 9 or so"),
		lora.PlainPair("Q: 4+4=", " 8", " 44"),
		lora.PlainPair("Say hi:", " hi there", " no"),
	}
}

// claimsCUDA is the CPU backend under the name "cuda".
type claimsCUDA struct{ *cuda.CPUBackend }

func (claimsCUDA) Device() string { return "cuda" }

// polRun trains on base (the model trained on; its hash is baseHash, the
// hash the record claims) with be (nil: lora.TrainDPO on the CPU) in
// precision prec, seed seed, saves the adapter and the signed record and
// returns the record's path.
func polRun(t *testing.T, be cuda.Backend, base *lora.Model, baseHash string, prec cuda.Precision, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	a, err := lora.NewAdapter(base, lora.AdapterConfig{Rank: 4, Targets: []string{"q_proj", "v_proj"}}, seed)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	for _, p := range a.Params() {
		if strings.Contains(p.Name, "lora_B") {
			for i := range p.W {
				p.W[i] = float32(rng.NormFloat64() * 0.02)
			}
		}
	}
	opts := lora.DPOOptions{Seed: seed, BatchSize: 2, Epochs: 2, LR: 1e-2, RPOAlpha: 0.5, WeightDecay: 0.01,
		CheckpointEvery: 2, CheckpointDir: filepath.Join(dir, "checkpoints"), BaseName: "arena-base", BaseHash: baseHash}
	var res *lora.DPOResult
	if be == nil {
		res, err = lora.TrainDPO(context.Background(), base, a, polPairs(), opts)
	} else {
		res, err = cuda.TrainDPO(context.Background(), be, base, a, polPairs(), opts, cuda.TrainOptions{Precision: prec})
	}
	if err != nil {
		t.Fatal(err)
	}
	base.SetAdapter(nil)
	if err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	if err := res.Record.Save(filepath.Join(dir, "record.json"), dir, key); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "record.json")
}

func polVerify(t *testing.T, path string, m *lora.Model, kernels string) (*lora.VerifyReport, error) {
	t.Helper()
	return lora.VerifyRecord(context.Background(), path, m, polPairs(), lora.VerifyOptions{Challenge: []byte{1}, Segments: 1 << 10, Kernels: kernels})
}

func loadBase(t *testing.T) (*lora.Model, string) {
	t.Helper()
	m, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	h, err := lora.BaseHash(m)
	if err != nil {
		t.Fatal(err)
	}
	return m, h
}

// Honest CPU records made with each kernel set this machine runs verify
// with every other set within the policy's cross-set bound, and bit for
// bit with their own; the worst drift is what DefaultVerifyPolicy's
// CPUCrossSet is calibrated from (logged; run with -v and POL_MEASURE=1
// to see it over three seeds).
func TestCrossKernelDrift(t *testing.T) {
	sets := ops.KernelSets()
	if len(sets) < 2 {
		t.Skip("this machine runs one kernel set")
	}
	if testing.Short() {
		sets = []string{sets[0], sets[len(sets)-1]} // the fastest and pure Go
	}
	m, h := loadBase(t)
	var worst lora.VerifyBound
	seeds := []uint64{1} // POL_MEASURE=1: the three seeds the policy was measured over
	if os.Getenv("POL_MEASURE") != "" {
		seeds = []uint64{1, 2, 3}
	}
	for _, seed := range seeds {
		for _, train := range sets {
			useKernels(t, train)
			path := polRun(t, nil, m, h, cuda.F32, seed)
			rec, err := lora.ReadRecord(path)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Kernels != train {
				t.Fatalf("record names kernels %q, trained with %q", rec.Kernels, train)
			}
			for _, ver := range sets {
				rep, err := polVerify(t, path, m, ver)
				if err != nil {
					t.Fatalf("seed %d: %s record re-executed with %s: %v", seed, train, ver, err)
				}
				if rep.Kernels != ver || (ver == train) != (rep.Tolerance == 0) {
					t.Errorf("re-executed with %q at tolerance %v", rep.Kernels, rep.Tolerance)
				}
				if ops.Kernels() != train {
					t.Errorf("the verifier left kernel set %q in use, not %q", ops.Kernels(), train)
				}
				t.Logf("seed %d: %-6s record on %-6s: state drift %.3g, loss %.3g, reference %.3g", seed, train, ver, rep.DriftOf["state"], rep.DriftOf["loss"], rep.DriftOf["reference"])
				worst.State = max(worst.State, rep.DriftOf["state"], rep.DriftOf["loss"])
				worst.Reference = max(worst.Reference, rep.DriftOf["reference"])
			}
		}
	}
	bound := lora.DefaultVerifyPolicy.CPUCrossSet
	t.Logf("worst cross-set drift %+v; policy bound %+v", worst, bound)
	if worst.State*10 > bound.State || worst.Reference*10 > bound.Reference {
		t.Errorf("worst honest cross-set drift %+v leaves less than a factor 10 below the policy's bound %+v", worst, bound)
	}
}

// An honest record made with AVX-512 (or AVX2) verifies on a verifier
// that has only the pure-Go kernels (what an arm64 machine runs); held
// bit for bit, as before records named their kernels, it does not.
func TestVectorRecordVerifiesWithGoKernels(t *testing.T) {
	train := ops.KernelSets()[0]
	if train == "go" {
		t.Skip("this machine runs no vector kernels")
	}
	m, h := loadBase(t)
	useKernels(t, train)
	path := polRun(t, nil, m, h, cuda.F32, 1)
	rep, err := polVerify(t, path, m, "go")
	if err != nil {
		t.Fatalf("honest %s record re-executed with go: %v", train, err)
	}
	if rep.Kernels != "go" || rep.Tolerance != lora.DefaultVerifyPolicy.CPUCrossSet.State {
		t.Errorf("kernels %q tolerance %v", rep.Kernels, rep.Tolerance)
	}
	zero := lora.VerifyPolicy{}
	_, err = lora.VerifyRecord(context.Background(), path, m, polPairs(), lora.VerifyOptions{Segments: 1 << 10, Kernels: "go", Policy: &zero})
	var ve *lora.VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("held bit for bit across kernel sets, the record verified: %v", err)
	}
	t.Logf("bit for bit: %v", err)
}

// resign rewrites a record after change and signs it again, as a trainer
// would.
func resign(t *testing.T, path string, change func(*lora.Record)) {
	t.Helper()
	rec, err := lora.ReadRecord(path)
	if err != nil {
		t.Fatal(err)
	}
	change(rec)
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	if err := rec.Sign(key); err != nil {
		t.Fatal(err)
	}
	data, _ := json.MarshalIndent(rec, "", "  ")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// perturbed returns a copy of m whose weights are each scaled by
// 1 + rel·N(0,1) (fixed seed): another base.
func perturbed(t *testing.T, rel float64) *lora.Model {
	t.Helper()
	o, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, p := range o.Params() {
		for i := range p.W {
			p.W[i] *= float32(1 + rel*rng.NormFloat64())
		}
	}
	return o
}

const polKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// polKind is a kind of record: cpu (lora.TrainDPO), or cuda in f32 or
// bf16 (lora/cuda's CPU backend under the name cuda).
type polKind struct {
	name string
	be   cuda.Backend
	prec cuda.Precision
}

var polKinds = []polKind{{"cpu", nil, cuda.F32}, {"cuda f32", claimsCUDA{cuda.NewCPUBackend()}, cuda.F32}, {"cuda bf16", claimsCUDA{cuda.NewCPUBackend()}, cuda.BF16}}

// wantCaught checks that a record failed verification as evidence (not
// noise), mentioning each of want, and, when step, that the failure names
// the first differing step.
func wantCaught(t *testing.T, rep *lora.VerifyReport, err error, step bool, want ...string) {
	t.Helper()
	var ve *lora.VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("the cheat verified: %v", err)
	}
	if ve.Noise {
		t.Errorf("the cheat's failure counts as noise, not evidence: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("failure %q does not mention %q", err, w)
		}
	}
	if step {
		if d := ve.Dispute; d == nil || d.Step < 1 || d.Noise || rep.Dispute != d || !strings.Contains(err.Error(), "first differing step") {
			t.Errorf("dispute %+v in %v", ve.Dispute, err)
		} else {
			t.Logf("disputed: %v", d)
		}
	}
}

func l2(a, b []*lora.Param) float64 {
	s := 0.0
	for i := range a {
		for j := range a[i].W {
			d := float64(a[i].W[j]) - float64(b[i].W[j])
			s += d * d
		}
	}
	return math.Sqrt(s)
}

func cloneParams(ps []*lora.Param) []*lora.Param {
	out := make([]*lora.Param, len(ps))
	for i, p := range ps {
		out[i] = &lora.Param{Name: p.Name, Shape: p.Shape, W: slices.Clone(p.W)}
	}
	return out
}

// The cheats of issue 17 on cpu and cuda records alike, each caught as
// evidence; where a defence is the policy's, verifying under the policy it
// replaced (the record's own claim, one tolerance for everything) shows the
// cheat passing.
func TestPolicyCheats(t *testing.T) {
	m, h := loadBase(t)
	for _, k := range polKinds {
		t.Run(k.name, func(t *testing.T) {
			if testing.Short() && k.be != nil {
				t.Skip("cuda records are checked without -short (the race run skips them)")
			}
			claimed := 0.0 // what the trainer would claim: the bound for its kind
			if k.be != nil {
				claimed = cuda.RecordTolerance(k.prec)
			}
			rep, err := polVerify(t, polRun(t, k.be, m, h, k.prec, 1), m, "")
			if err != nil {
				t.Fatalf("honest record: %v", err)
			}
			t.Logf("honest: drift %v", rep.DriftOf)

			// No training: checkpoints that random-walk as far as training
			// moves, with the honest losses.
			noTraining := func(claim float64) string {
				path := polRun(t, k.be, m, h, k.prec, 1)
				rng := rand.New(rand.NewPCG(4, 4))
				var honestPrev []*lora.Param
				lora.ForgeCheckpoints(t, path, m, polKey, func(i int, prev, ps []*lora.Param) {
					if honestPrev == nil {
						honestPrev = cloneParams(prev)
					}
					n := 0
					for _, p := range ps {
						n += len(p.W)
					}
					sigma := l2(ps, honestPrev) / math.Sqrt(float64(n))
					honestPrev = cloneParams(ps)
					for j, p := range ps {
						for e := range p.W {
							p.W[e] = prev[j].W[e] + float32(sigma*rng.NormFloat64())
						}
					}
				}, func(r *lora.Record) { r.Tolerance = claim })
				return path
			}
			// A random adapter at every checkpoint.
			randomAdapter := func(claim float64) string {
				path := polRun(t, k.be, m, h, k.prec, 1)
				rng := rand.New(rand.NewPCG(5, 5))
				lora.ForgeCheckpoints(t, path, m, polKey, func(i int, prev, ps []*lora.Param) {
					for _, p := range ps {
						for e := range p.W {
							p.W[e] = float32(0.05 * rng.NormFloat64())
						}
					}
				}, func(r *lora.Record) { r.Tolerance = claim })
				return path
			}
			if k.be != nil {
				for name, forge := range map[string]func(float64) string{"no training": noTraining, "random adapter": randomAdapter} {
					path := forge(10)
					rep, err := polVerify(t, path, m, "")
					wantCaught(t, rep, err, false, "claims tolerance 10, above the verifier's bound")
					trusting := lora.VerifyPolicy{CUDAF32: lora.VerifyBound{State: 10, Reference: 10}, CUDABF16: lora.VerifyBound{State: 10, Reference: 10}}
					if _, err := lora.VerifyRecord(context.Background(), path, m, polPairs(), lora.VerifyOptions{Segments: 1 << 10, Policy: &trusting}); err != nil {
						t.Errorf("%s: with the record's claim of 10 trusted, the cheat fails anyway (so the test shows no defence): %v", name, err)
					}
				}
			}
			rep, err = polVerify(t, noTraining(claimed), m, "")
			wantCaught(t, rep, err, true)
			rep, err = polVerify(t, randomAdapter(claimed), m, "")
			wantCaught(t, rep, err, true)

			// Another base, named as the official one: its hash gives it
			// away.
			other := perturbed(t, 0.01)
			oh, err := lora.BaseHash(other)
			if err != nil {
				t.Fatal(err)
			}
			rep, err = polVerify(t, polRun(t, k.be, other, oh, k.prec, 1), m, "")
			wantCaught(t, rep, err, false, "base model hash mismatch")

			// A base 1% or 0.1% away, recorded with the official hash:
			// the reference log-probabilities give it away, at the
			// bound the trainer claims; under one tolerance for state and
			// reference (the record's claim, before the policy) a bf16
			// record passes.
			for _, rel := range []float64{0.01, 0.001} {
				path := polRun(t, k.be, perturbed(t, rel), h, k.prec, 1)
				rep, err := polVerify(t, path, m, "")
				wantCaught(t, rep, err, true)
				t.Logf("base %v away: drift %v", rel, rep.DriftOf)
				if k.be != nil {
					if rep.Dispute.What != "reference" {
						t.Errorf("base %v away: disputed %s, want reference", rel, rep.Dispute.What)
					}
					one := lora.VerifyBound{State: claimed, Reference: claimed}
					old := lora.VerifyPolicy{CUDAF32: one, CUDABF16: one}
					_, err := lora.VerifyRecord(context.Background(), path, m, polPairs(), lora.VerifyOptions{Segments: 1 << 10, Policy: &old})
					if k.prec == cuda.BF16 && err == nil {
						t.Logf("base %v away: verifies under one tolerance %v for state and reference, as before the policy", rel, claimed)
					} else if k.prec == cuda.BF16 {
						t.Errorf("base %v away: fails under one tolerance %v too (so the test shows no defence): %v", rel, claimed, err)
					}
				}
			}
		})
	}
}

// A failure beyond a record's own tighter claim but within the policy's
// bound is noise: the record fails, but it is no evidence.
func TestPolicyNoise(t *testing.T) {
	m, h := loadBase(t)
	path := polRun(t, claimsCUDA{cuda.NewCPUBackend()}, m, h, cuda.BF16, 1)
	resign(t, path, func(r *lora.Record) { r.Tolerance = 1e-9 })
	rep, err := polVerify(t, path, m, "")
	var ve *lora.VerifyError
	if !errors.As(err, &ve) || !ve.Noise || ve.Dispute == nil || !ve.Dispute.Noise || rep.Tolerance != 1e-9 || rep.Bound != lora.DefaultVerifyPolicy.CUDABF16.State {
		t.Fatalf("report %+v, error %v", rep, err)
	}
}

// The honest H200 records of bench/results/h200/cli-train (only their
// verification output is kept, not the records) drifted within the
// policy's bounds for their precision: under DefaultVerifyPolicy they
// still verify.
func TestH200DriftWithinPolicy(t *testing.T) {
	re := regexp.MustCompile(`([0-9.e+-]+) of the segment's movement`)
	for file, kernels := range map[string]string{
		"2-verify-qlora-bf16.txt": "cuda sm_90 bf16", "4-verify-qlora-f32.txt": "cuda sm_90 f32", "6-verify-auto-f32.txt": "cuda sm_90 f32",
	} {
		data, err := os.ReadFile(filepath.Join("..", "bench", "results", "h200", "cli-train", file))
		if err != nil {
			t.Fatal(err)
		}
		bound, err := lora.DefaultVerifyPolicy.Tolerance(kernels, "avx2")
		if err != nil {
			t.Fatal(err)
		}
		ms := re.FindAllStringSubmatch(string(data), -1)
		if len(ms) == 0 {
			t.Fatalf("%s: no drift figures", file)
		}
		for _, m := range ms {
			d, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			if d > bound {
				t.Errorf("%s: honest H200 drift %v exceeds the policy's bound %v for %s", file, d, bound, kernels)
			}
		}
	}
}
