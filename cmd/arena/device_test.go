package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/cuda"
)

// withGPU makes openGPU report a machine with (found) or without a GPU.
func withGPU(t *testing.T, found bool) {
	t.Helper()
	saved := openGPU
	t.Cleanup(func() { openGPU = saved })
	openGPU = func() (string, func(), error) {
		if !found {
			return "", nil, errors.Join(cuda.ErrNoDevice, errors.New("no NVIDIA driver: libcuda.so.1 not found (tried libcuda.so.1: cannot open)"))
		}
		return "Fake GPU (sm_90)", func() {}, nil
	}
}

func TestChooseDeviceWithoutGPU(t *testing.T) {
	withGPU(t, false)
	var log bytes.Buffer
	if err := chooseDevice("cpu", "DPO training", &log); err != nil || log.Len() != 0 {
		t.Fatalf("cpu: %v, logged %q", err, log.String())
	}
	err := chooseDevice("cuda", "DPO training", &log)
	if err == nil || !strings.Contains(err.Error(), "--device cuda") || !strings.Contains(err.Error(), "libcuda.so.1 not found") {
		t.Fatalf("cuda without a GPU: %v", err)
	}
	if err := chooseDevice("auto", "DPO training", &log); err != nil {
		t.Fatalf("auto without a GPU: %v", err)
	}
	if !strings.Contains(log.String(), "falling back to the CPU") {
		t.Fatalf("auto did not say it falls back: %q", log.String())
	}
	var ue usageError
	if err := chooseDevice("tpu", "DPO training", &log); !errors.As(err, &ue) {
		t.Fatalf("unknown device: %v", err)
	}
}

func TestChooseDeviceGPUNotWired(t *testing.T) {
	withGPU(t, true)
	for _, c := range []string{"cuda", "auto"} {
		err := chooseDevice(c, "DPO training", &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "not implemented") || !strings.Contains(err.Error(), "Fake GPU") {
			t.Errorf("%s with a GPU: %v", c, err)
		}
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
	t.Setenv("ARENA_DEVICE", "tpu")
	code, _, errOut := runArena(t, "generate", "--prompt", "x")
	if code == 0 || !strings.Contains(errOut, `"tpu"`) {
		t.Errorf("ARENA_DEVICE=tpu: exit %d, stderr %q", code, errOut)
	}
}
