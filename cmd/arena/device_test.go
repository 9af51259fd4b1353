package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/cuda"
)

// fakeGPU stands in for a GPU: it trains with lora/cuda's trainer on the
// CPU backend, under the device name "cuda", so a command's GPU path runs
// end to end and leaves a record that claims a GPU.
type fakeGPU struct{}

// cpuAsCUDA is the CPU backend under the name "cuda".
type cpuAsCUDA struct{ *cuda.CPUBackend }

func (cpuAsCUDA) Device() string { return "cuda" }

func (fakeGPU) String() string { return "Fake GPU (sm_90)" }
func (fakeGPU) Close()         {}
func (fakeGPU) MemoryPeak() uint64 {
	return 1 << 20
}
func (fakeGPU) TrainDPO(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, opts lora.DPOOptions, precision string) (*lora.DPOResult, time.Duration, error) {
	prec, err := cuda.ParsePrecision(precision)
	if err != nil {
		return nil, 0, err
	}
	var ref time.Duration
	res, err := cuda.TrainDPO(ctx, cpuAsCUDA{cuda.NewCPUBackend()}, m, a, pairs, opts, cuda.TrainOptions{Precision: prec, ReferenceTime: &ref})
	return res, ref, err
}

func (fakeGPU) TimeGenerate(m *lora.Model, a *lora.Adapter, prompts [][]int, maxNew int, precision string) ([][]int, time.Duration, error) {
	prec, err := cuda.ParsePrecision(precision)
	if err != nil {
		return nil, 0, err
	}
	return cuda.TimeGenerate(cuda.NewCPUBackend(), m, a, prompts, maxNew, prec)
}

// withGPU makes openGPU report a machine with (found) or without a GPU.
func withGPU(t *testing.T, found bool) {
	t.Helper()
	saved := openGPU
	t.Cleanup(func() { openGPU = saved })
	openGPU = func() (gpuDevice, error) {
		if !found {
			return nil, errors.Join(cuda.ErrNoDevice, errors.New("no NVIDIA driver: libcuda.so.1 not found (tried libcuda.so.1: cannot open)"))
		}
		return fakeGPU{}, nil
	}
}

func TestOpenDeviceWithoutGPU(t *testing.T) {
	withGPU(t, false)
	var log bytes.Buffer
	if g, err := openDevice("cpu", "bf16", &log); g != nil || err != nil || log.Len() != 0 {
		t.Fatalf("cpu: %v, %v, logged %q", g, err, log.String())
	}
	_, err := openDevice("cuda", "bf16", &log)
	if err == nil || !strings.Contains(err.Error(), "--device cuda") || !strings.Contains(err.Error(), "libcuda.so.1 not found") {
		t.Fatalf("cuda without a GPU: %v", err)
	}
	if g, err := openDevice("auto", "bf16", &log); g != nil || err != nil || !strings.Contains(log.String(), "falling back to the CPU") {
		t.Fatalf("auto without a GPU: %v, %v, logged %q", g, err, log.String())
	}
	var ue usageError
	if _, err := openDevice("tpu", "bf16", &log); !errors.As(err, &ue) {
		t.Fatalf("unknown device: %v", err)
	}
}

func TestOpenDeviceWithGPU(t *testing.T) {
	withGPU(t, true)
	for _, c := range []string{"cuda", "auto"} {
		g, err := openDevice(c, "bf16", &bytes.Buffer{})
		if err != nil || g == nil || g.String() != "Fake GPU (sm_90)" {
			t.Errorf("%s with a GPU: %v, %v", c, g, err)
		}
	}
}

// Generation on the (stand-in) GPU decodes greedily and stops where the
// CPU's generator stops; sampling settings are refused, not ignored.
func TestGenerateOnGPU(t *testing.T) {
	withGPU(t, true)
	args := []string{"generate", "--prompt", "Q: 17+25=", "--temperature", "0", "--max-tokens", "12"}
	code, cpu, errOut := runArena(t, args...)
	if code != 0 {
		t.Fatalf("cpu: exit %d: %s", code, errOut)
	}
	code, gpu, errOut := runArena(t, append(args, "--device", "cuda", "--precision", "f32")...)
	if code != 0 {
		t.Fatalf("gpu: exit %d: %s", code, errOut)
	}
	if gpu != cpu || !strings.HasPrefix(cpu, "Q: 17+25=") || len(strings.TrimSpace(cpu)) <= len("Q: 17+25=") {
		t.Errorf("the GPU wrote %q, the CPU %q", gpu, cpu)
	}
	code, _, errOut = runArena(t, "generate", "--prompt", "x", "--device", "cuda", "--temperature", "0.7")
	if code != 2 || !strings.Contains(errOut, "greedily") {
		t.Errorf("sampling on the GPU: exit %d: %s", code, errOut)
	}
}

// The commands refuse --device cuda on this machine with the loader's
// message, before doing any work.
func TestDeviceFlagOnCommands(t *testing.T) {
	withGPU(t, false)
	for _, args := range [][]string{
		{"generate", "--prompt", "x", "--device", "cuda"},
		{"train", "--pairs", "p.jsonl", "--out", t.TempDir(), "--device", "cuda"},
		{"bench", "dpo", "--device", "cuda", "--out", t.TempDir()},
	} {
		code, _, errOut := runArena(t, args...)
		if code == 0 || !strings.Contains(errOut, "--device cuda") || !strings.Contains(errOut, "libcuda.so.1") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	code, _, errOut := runArena(t, "train", "--pairs", "p.jsonl", "--out", t.TempDir(), "--precision", "fp8")
	if code != 2 || !strings.Contains(errOut, `--precision "fp8"`) {
		t.Errorf("--precision fp8: exit %d, stderr %q", code, errOut)
	}
	t.Setenv("ARENA_DEVICE", "tpu")
	code, _, errOut = runArena(t, "generate", "--prompt", "x")
	if code == 0 || !strings.Contains(errOut, `"tpu"`) {
		t.Errorf("ARENA_DEVICE=tpu: exit %d, stderr %q", code, errOut)
	}
}

// arena train --device cuda trains with the GPU trainer and leaves a
// record that says cuda, with its tolerance, which pol verify re-executes
// on the CPU within that tolerance.
func TestTrainOnGPUThenVerify(t *testing.T) {
	withGPU(t, true)
	dir := t.TempDir()
	pairs := filepath.Join(dir, "pairs.jsonl")
	if err := os.WriteFile(pairs, []byte(trainPairs), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "run")
	code, stdout, stderr := runArena(t, "train", "--pairs", pairs, "--out", out, "--epochs", "1", "--batch", "2",
		"--rank", "2", "--targets", "q,v,o", "--checkpoint-every", "1", "--seed", "3", "--device", "cuda")
	if code != 0 {
		t.Fatalf("train: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "on Fake GPU (sm_90) (bf16)") {
		t.Errorf("train does not say it runs on the GPU:\n%s", stdout)
	}
	rec, err := lora.ReadRecord(filepath.Join(out, "record.json"))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Device != "cuda" || rec.Tolerance != cuda.RecordToleranceBF16 {
		t.Errorf("record device %q, tolerance %v", rec.Device, rec.Tolerance)
	}
	code, stdout, stderr = runArena(t, "pol", "verify", filepath.Join(out, "record.json"), "--segments", "5")
	if code != 0 || !strings.Contains(stdout, "verdict: VERIFIED") || !strings.Contains(stdout, "device cuda") ||
		!strings.Contains(stdout, "of the segment's movement") {
		t.Fatalf("verify: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// bench dpo on a GPU (the stand-in) trains with the GPU trainer and
// times batched generation.
func TestBenchDPOOnGPU(t *testing.T) {
	withGPU(t, true)
	code, stdout, stderr := runArena(t, "bench", "dpo", "--size", "tiny", "--out", t.TempDir(), "--pairs", "4", "--batch", "2",
		"--words", "4", "--device", "cuda", "--gen-batch", "3", "--gen-tokens", "5", "--gen-prompt-len", "6")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"device Fake GPU (sm_90), bf16", "tokens/s", "peak GPU memory", "generation: batch 3, 6-token prompts, 15 new tokens"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}
