// Package ops holds the float32 CPU kernels of the lora engine: matrix
// multiplication, RMSNorm, rotary position embedding, SwiGLU, softmax,
// causal grouped-query attention and cross-entropy, each with the backward
// pass that training needs.
//
// Every matrix is a row-major []float32. The kernels are the hot path of a
// pure-Go language model, so they are written for speed: Gemm packs its
// operands into contiguous panels and runs a register-blocked micro-kernel in
// assembly (AVX-512 or AVX2+FMA on amd64, chosen at start-up), with a
// pure-Go fallback elsewhere.
//
// Determinism is a hard rule here. Work is spread over goroutines (see
// Parallel) only by splitting independent output elements; every output
// element is reduced in one fixed order that does not depend on how the work
// was split. A result is therefore bit-for-bit the same whatever GOMAXPROCS
// is. Different kernels (for example the AVX2 and the pure-Go one) may differ
// in the last bits, but on a given machine the kernel is fixed at start-up.
//
// # How Gemm works
//
// The general path packs op(B) once into nr-column panels, kc = 256 deep
// (transposed operands are turned with in-register block transposes), and
// then runs an mr×nr micro-kernel (12×32 with AVX-512, 6×16 with AVX2, 4×4
// in Go) over blocks of C in parallel. The micro-kernel reads A in place —
// row-major, or k-major when transposed — and packs only short edge panels.
// Each element of C is one chain of fused multiply-adds per kc block, the
// blocks added to C in order, so its value depends on K alone.
//
// x·Wᵀ with few rows (M <= 32, as in generation) skips packing W: it runs
// as dot products of rows of x with rows of W, with SIMD lanes reduced in a
// fixed tree, parallel over the columns of the result.
//
// # Attention
//
// Attention reuses the micro-kernels: scores are q·Kᵀ with Kᵀ packed per kv
// head, the weighted sum reads V in place, and the softmax runs on vector
// exp kernels. Rows computed against a KV cache (past > 0) come out bit for
// bit equal to the same rows of a full past = 0 computation.
//
// # Elementwise kernels
//
// exp, the softmax rows, cross-entropy rows and SwiGLU run on AVX-512 or
// AVX2 vector code (exp as 2^n·p(r) with a degree-7 polynomial), with the
// same Go fallback; sums that the API promises in float64 are accumulated
// in float64 lanes.
package ops
