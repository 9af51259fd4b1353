// Package cuda is the GPU backend of package lora: it finds the NVIDIA
// driver and libraries at run time, owns device memory, streams and a
// caching allocator, and compiles the engine's CUDA C kernels for the GPU
// it finds.
//
// Nothing here needs cgo or a CUDA toolkit at build time. The driver
// (libcuda.so.1), NVRTC (libnvrtc) and cuBLAS (libcublas) are opened with
// dlopen through github.com/ebitengine/purego when Open is called, so the
// arena binary builds with CGO_ENABLED=0 everywhere and only a machine that
// asks for a GPU needs the libraries. A missing piece is reported by a
// typed error that names it (LibraryError, Result, NVRTCError,
// BLASStatus).
//
// The kernels are CUDA C files embedded in the binary (kernels/*.cu). They
// include no headers, because NVRTC is handed none: the helpers they share
// live in kernels/common.cuh, which is prepended to every program. NVRTC
// compiles them for the exact architecture of the device (a CUBIN), so a
// driver never has to JIT PTX newer than itself.
//
// Package lora does not import this package; the command line chooses the
// device (see the --device flag of arena train and arena bench dpo).
//
// On the kernels sits the GPU trainer. Engine holds a model (float32,
// bf16 or NF4 base) and a LoRA adapter with its AdamW state on a Backend
// and runs the training forward pass, the reference pass (adapter off),
// the backward pass into the adapter's gradients and the optimizer step;
// TrainDPO strings them into lora.TrainDPO's run (same batches, loss,
// clipping, metrics and proof-of-learning record, the record saying
// device "cuda" with the tolerance a CPU re-execution must meet), and
// Engine.Generate decodes batches greedily with a KV cache. Backend has
// two implementations: DeviceBackend (the kernels and cuBLAS) and
// CPUBackend (lora's own CPU operations), on which the trainer's
// orchestration is tested without a GPU: there it reproduces
// lora.TrainDPO bit for bit. The GPU parity tests compare the CUDA
// backend with lora's CPU engine within tolerances stated in
// parity_engine_test.go.
//
// Not supported on the GPU yet: adapter dropout, projection biases
// (Qwen2), sampling other than greedy in generation.
package cuda
