//go:build nocuda

package main

import "errors"

// Built with -tags nocuda: a fully static binary with no GPU backend.
func init() {
	openGPU = func() (gpuDevice, error) {
		return nil, errors.New("this arena binary was built without CUDA support (-tags nocuda)")
	}
}
