package main

import (
	"fmt"
	"io"
)

// deviceUsage is the --device flag's help, shared by the commands that
// compute with the model.
const deviceUsage = "compute `device`: cpu; cuda (an NVIDIA GPU, found at run time; an error without one); " +
	"auto (the GPU when there is one, else the CPU)"

// openGPU opens the first GPU and describes it; close releases it. It is
// set in device_cuda.go (or device_nocuda.go under -tags nocuda) and is a
// variable so tests can stand in for a machine with a GPU.
var openGPU func() (desc string, close func(), err error)

// chooseDevice resolves --device for a command whose work is named by
// what ("DPO training"). It returns nil when the command should run on
// the CPU: for cpu, and for auto on a machine without a usable GPU (said
// on stderr). With a GPU found it returns an error, because the GPU path
// of these commands is not wired end to end yet (lora/cuda has the device
// runtime and the kernels): better a clear refusal than a silent run on
// the CPU that the operator believes is on the GPU.
func chooseDevice(choice, what string, stderr io.Writer) error {
	switch choice {
	case "cpu", "":
		return nil
	case "cuda", "auto":
	default:
		return usageError{fmt.Errorf("--device %q: want cpu, cuda or auto", choice)}
	}
	desc, closeGPU, err := openGPU()
	if err != nil {
		if choice == "cuda" {
			return fmt.Errorf("--device cuda: %w", err)
		}
		fmt.Fprintf(stderr, "--device auto: no usable GPU (%v); falling back to the CPU\n", err)
		return nil
	}
	closeGPU()
	return fmt.Errorf("--device %s: found %s, but %s on the GPU is not implemented yet "+
		"(lora/cuda has the device runtime and kernels, not the end-to-end path); run with --device cpu", choice, desc, what)
}
