package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/rlfc/arena/lora"
)

// deviceUsage is the --device flag's help, shared by the commands that
// compute with the model.
const deviceUsage = "compute `device`: cpu; cuda (an NVIDIA GPU, found at run time; an error without one); " +
	"auto (the GPU when there is one, else the CPU)"

// precisionUsage is the --precision flag's help (GPU runs only).
const precisionUsage = "arithmetic of the base model's matrix products on the GPU: bf16 (bf16 inputs, float32 accumulation; " +
	"fast, records verified loosely) or f32 (float32 throughout; close to the CPU, records verified tightly)"

// gpuDevice is an opened GPU as the commands use it. It is an interface
// so that tests can stand in for a machine with a GPU, and so that a
// build with -tags nocuda has no GPU code at all.
type gpuDevice interface {
	// String describes the GPU.
	String() string
	// Close releases it.
	Close()
	// TrainDPO is lora.TrainDPO on the GPU (the trainer of package
	// lora/cuda) with the base model's products in precision ("f32" or
	// "bf16"); its record says device cuda and carries its tolerance.
	// It also returns the time the reference log-probabilities took.
	TrainDPO(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, opts lora.DPOOptions, precision string) (*lora.DPOResult, time.Duration, error)
	// TimeGenerate generates maxNew tokens greedily for every prompt in
	// one batch with a KV cache on the GPU (adapter a applied when not
	// nil), after a warm-up, and returns the tokens and the time taken.
	TimeGenerate(m *lora.Model, a *lora.Adapter, prompts [][]int, maxNew int, precision string) ([][]int, time.Duration, error)
	// MemoryPeak is the most device memory the GPU code has held, in
	// bytes.
	MemoryPeak() uint64
}

// openGPU opens the first GPU. It is set in device_cuda.go (or
// device_nocuda.go under -tags nocuda) and is a variable so tests can
// stand in for a machine with a GPU.
var openGPU func() (gpuDevice, error)

// openDevice resolves --device and checks --precision. It returns nil
// when the work should run on the CPU: for cpu, and for auto on a machine
// without a usable GPU (said on stderr); otherwise the opened GPU, which
// the caller closes.
func openDevice(choice, precision string, stderr io.Writer) (gpuDevice, error) {
	if precision != "bf16" && precision != "f32" {
		return nil, usageError{fmt.Errorf("--precision %q: want bf16 or f32", precision)}
	}
	switch choice {
	case "cpu", "":
		return nil, nil
	case "cuda", "auto":
	default:
		return nil, usageError{fmt.Errorf("--device %q: want cpu, cuda or auto", choice)}
	}
	g, err := openGPU()
	if err != nil {
		if choice == "cuda" {
			return nil, fmt.Errorf("--device cuda: %w", err)
		}
		fmt.Fprintf(stderr, "--device auto: no usable GPU (%v); falling back to the CPU\n", err)
		return nil, nil
	}
	return g, nil
}
