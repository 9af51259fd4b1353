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
// device (see the --device flag of arena train and arena generate).
//
// Status: the device runtime (loader, memory, streams, allocator, kernel
// compilation and launch, cuBLAS matmuls) and the kernels are written;
// the end-to-end GPU trainer and generator that string them into a model's
// forward and backward passes are not, and the command line says so.
package cuda
