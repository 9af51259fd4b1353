//go:build !nocuda

package main

import "github.com/rlfc/arena/lora/cuda"

// The CUDA backend loads the driver with dlopen (purego), which makes the
// binary use the system's dynamic loader even with CGO_ENABLED=0; build
// with -tags nocuda for a fully static binary without GPU support.
func init() {
	openGPU = func() (string, func(), error) {
		d, err := cuda.Open(cuda.Options{})
		if err != nil {
			return "", nil, err
		}
		return d.String(), func() { d.Close() }, nil
	}
}
