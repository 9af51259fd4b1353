//go:build !nocuda

package main

import (
	"context"
	"time"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/cuda"
)

// The CUDA backend loads the driver with dlopen (purego), which makes the
// binary use the system's dynamic loader even with CGO_ENABLED=0; build
// with -tags nocuda for a fully static binary without GPU support.
func init() {
	openGPU = func() (gpuDevice, error) {
		d, err := cuda.Open(cuda.Options{})
		if err != nil {
			return nil, err
		}
		return cudaGPU{d}, nil
	}
}

// cudaGPU is a GPU opened through package lora/cuda.
type cudaGPU struct{ d *cuda.Device }

func (g cudaGPU) String() string { return g.d.String() }

func (g cudaGPU) Close() { g.d.Close() }

func (g cudaGPU) TrainDPO(ctx context.Context, m *lora.Model, a *lora.Adapter, pairs []lora.Pair, opts lora.DPOOptions, precision string) (*lora.DPOResult, time.Duration, error) {
	be, prec, err := g.backend(precision)
	if err != nil {
		return nil, 0, err
	}
	var ref time.Duration
	res, err := cuda.TrainDPO(ctx, be, m, a, pairs, opts, cuda.TrainOptions{Precision: prec, ReferenceTime: &ref})
	return res, ref, err
}

func (g cudaGPU) TimeGenerate(m *lora.Model, a *lora.Adapter, prompts [][]int, maxNew int, precision string) ([][]int, time.Duration, error) {
	be, prec, err := g.backend(precision)
	if err != nil {
		return nil, 0, err
	}
	return cuda.TimeGenerate(be, m, a, prompts, maxNew, prec)
}

// backend is the device's operations at the precision named.
func (g cudaGPU) backend(precision string) (*cuda.DeviceBackend, cuda.Precision, error) {
	prec, err := cuda.ParsePrecision(precision)
	if err != nil {
		return nil, prec, err
	}
	be, err := cuda.NewDeviceBackend(g.d)
	return be, prec, err
}

func (g cudaGPU) MemoryPeak() uint64 { return g.d.Allocator().Stats().Peak }
