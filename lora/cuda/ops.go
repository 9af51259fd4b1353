package cuda

import (
	"fmt"
	"math"
)

// Host-side launchers of the kernels (kernels/*.cu). Each takes device
// pointers and the shapes lora's CPU operation takes, queues the kernel on
// the device's stream and returns without waiting. The math of each is
// the CPU operation's named on it; the parity tests compare the two.

const (
	rowThreads  = 256  // threads per block for one-row-per-block kernels
	flatThreads = 256  // threads per block for elementwise kernels
	maxBlocks   = 4096 // grid-stride kernels need no more blocks than this
)

// flatGrid is the grid of an elementwise kernel over n values.
func flatGrid(n int64) dim {
	b := (n + flatThreads - 1) / flatThreads
	return dim{x: uint32(max(1, min(b, maxBlocks)))}
}

// RMSNorm is ops.RMSNorm over n rows of d values; rinv (may be 0) receives
// each row's 1/rms for RMSNormBackward.
func (d *Device) RMSNorm(out, rinv, x, w Ptr, n, dim_ int, eps float32) error {
	if n == 0 {
		return nil
	}
	return d.launch("rmsnorm_fwd", dim{x: uint32(n)}, dim{x: rowThreads}, out, rinv, x, w, dim_, eps)
}

// RMSNormBF16 is RMSNorm writing bf16 (the input of a bf16 matmul).
func (d *Device) RMSNormBF16(out, rinv, x, w Ptr, n, dim_ int, eps float32) error {
	if n == 0 {
		return nil
	}
	return d.launch("rmsnorm_fwd_bf16", dim{x: uint32(n)}, dim{x: rowThreads}, out, rinv, x, w, dim_, eps)
}

// RMSNormBackward is ops.RMSNormBackward: it overwrites dx and, when dw is
// not 0, adds the weight gradient to dw. rinv is what RMSNorm saved.
func (d *Device) RMSNormBackward(dx, dw, dy, x, w, rinv Ptr, n, dim_ int) error {
	if n == 0 {
		return nil
	}
	if err := d.launch("rmsnorm_bwd", dim{x: uint32(n)}, dim{x: rowThreads}, dx, dy, x, w, rinv, dim_); err != nil {
		return err
	}
	if dw == 0 {
		return nil
	}
	return d.launch("rmsnorm_bwd_dw", dim{x: uint32((dim_ + 127) / 128)}, dim{x: 128}, dw, dy, x, rinv, n, dim_)
}

// RoPE is ops.RoPE.Apply (or, with inverse, Backward) over rows of
// nHeads·hd values, row i at position pos[i] (int32 on the device); cos
// and sin are the CPU's tables uploaded ([positions][hd/2]).
func (d *Device) RoPE(x, pos, cos, sin Ptr, rows, nHeads, hd int, inverse bool) error {
	if rows == 0 {
		return nil
	}
	inv := 0
	if inverse {
		inv = 1
	}
	return d.launch("rope", dim{x: uint32(rows)}, dim{x: 128}, x, pos, cos, sin, nHeads, hd, inv)
}

// SwiGLU is ops.SwiGLU over n values.
func (d *Device) SwiGLU(out, gate, up Ptr, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("swiglu_fwd", flatGrid(int64(n)), dim{x: flatThreads}, out, gate, up, int64(n))
}

// SwiGLUBackward is ops.SwiGLUBackward over n values.
func (d *Device) SwiGLUBackward(dgate, dup, dout, gate, up Ptr, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("swiglu_bwd", flatGrid(int64(n)), dim{x: flatThreads}, dgate, dup, dout, gate, up, int64(n))
}

// AttentionMaxHeadDim is the largest head dimension the attention
// kernels handle.
const AttentionMaxHeadDim = 128

func checkAttn(nH, nKV, hd int) error {
	if hd <= 0 || hd > AttentionMaxHeadDim {
		return fmt.Errorf("cuda: attention: head dimension %d not supported (1 to %d)", hd, AttentionMaxHeadDim)
	}
	if nH <= 0 || nKV <= 0 || nH%nKV != 0 {
		return fmt.Errorf("cuda: attention: %d heads not a multiple of %d kv heads", nH, nKV)
	}
	return nil
}

// Attention is causal grouped-query attention for B sequences of T rows,
// as ops.Attention with past 0 for each sequence: q and out [B·T][nH·hd],
// k and v [B·T][nKV·hd]. lse ([B][nH][T] floats) receives each row's
// log-sum-exp for AttentionBackward.
func (d *Device) Attention(out, lse, q, k, v Ptr, B, T, nH, nKV, hd int) error {
	if err := checkAttn(nH, nKV, hd); err != nil {
		return err
	}
	if B == 0 || T == 0 {
		return nil
	}
	scale := float32(1 / math.Sqrt(float64(hd)))
	return d.launch("attn_fwd", dim{x: uint32((T + 15) / 16), y: uint32(nH), z: uint32(B)}, dim{x: 128},
		out, lse, q, k, v, T, nH, nKV, hd, scale)
}

// AttentionBackward is ops.AttentionBackward for B sequences: it
// overwrites dq, dk and dv. out and lse are Attention's; scratch holds
// B·nH·T floats.
func (d *Device) AttentionBackward(dq, dk, dv, dout, out, lse, q, k, v, scratch Ptr, B, T, nH, nKV, hd int) error {
	if err := checkAttn(nH, nKV, hd); err != nil {
		return err
	}
	if B == 0 || T == 0 {
		return nil
	}
	scale := float32(1 / math.Sqrt(float64(hd)))
	warps := int64(B) * int64(T) * int64(nH)
	if err := d.launch("attn_bwd_dot", dim{x: uint32((warps + 3) / 4)}, dim{x: 128}, scratch, out, dout, B, T, nH, hd); err != nil {
		return err
	}
	tiles := uint32((T + 15) / 16)
	if err := d.launch("attn_bwd_dq", dim{x: tiles, y: uint32(nH), z: uint32(B)}, dim{x: 128},
		dq, q, k, v, dout, lse, scratch, T, nH, nKV, hd, scale); err != nil {
		return err
	}
	return d.launch("attn_bwd_dkdv", dim{x: tiles, y: uint32(nKV), z: uint32(B)}, dim{x: 128},
		dk, dv, q, k, v, dout, lse, scratch, T, nH, nKV, hd, scale)
}

// LogProbs computes, for rows of V logits, each row's log-sum-exp and the
// log-probability of its target (int32; negative means none, giving 0).
func (d *Device) LogProbs(logp, lse, logits, targets Ptr, rows, V int) error {
	if rows == 0 {
		return nil
	}
	return d.launch("logprob_fwd", dim{x: uint32(rows)}, dim{x: rowThreads}, logp, lse, logits, targets, V)
}

// LogProbsBackward writes scale[row]·(softmax − onehot(target)) into
// dlogits (which may be logits), as ops.CrossEntropy does with a scale per
// sequence.
func (d *Device) LogProbsBackward(dlogits, logits, targets, lse, scale Ptr, rows, V int) error {
	if rows == 0 {
		return nil
	}
	return d.launch("logprob_bwd", dim{x: uint32(rows)}, dim{x: rowThreads}, dlogits, logits, targets, lse, scale, V)
}

// NF4Tensor is an NF4 matrix in device memory, in lora's layout (see
// lora.NF4): Data holds (n+1)/2 packed bytes; either Absmax (a float32 per
// 64-value block) or, under double quantisation, QAbsmax (a byte per
// block), Absmax2 (a float32 per 256 blocks), Offset and DynCode (the 256
// float32 entries of the dynamic map).
type NF4Tensor struct {
	N                         int
	Data, Absmax              Ptr
	QAbsmax, Absmax2, DynCode Ptr
	Offset                    float32
}

// DequantizeNF4 writes the n values of t into out, float32 or, with bf16,
// bfloat16 (rounded to nearest even).
func (d *Device) DequantizeNF4(out Ptr, t NF4Tensor, bf16 bool) error {
	if t.N == 0 {
		return nil
	}
	name := "nf4_dequant"
	if bf16 {
		name = "nf4_dequant_bf16"
	}
	return d.launch(name, flatGrid(int64(t.N+1)/2), dim{x: flatThreads},
		out, t.Data, t.Absmax, t.QAbsmax, t.Absmax2, t.DynCode, t.Offset, int64(t.N))
}

// Scale multiplies n values by s in place.
func (d *Device) Scale(x Ptr, s float32, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("scale_inplace", flatGrid(int64(n)), dim{x: flatThreads}, x, s, int64(n))
}

// AddScaled adds s·x to y (n values).
func (d *Device) AddScaled(y, x Ptr, s float32, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("add_scaled", flatGrid(int64(n)), dim{x: flatThreads}, y, x, s, int64(n))
}

// ToBF16 rounds n float32 values to bfloat16 (nearest even).
func (d *Device) ToBF16(out, x Ptr, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("f32_to_bf16_kernel", flatGrid(int64(n)), dim{x: flatThreads}, out, x, int64(n))
}

// FromBF16 widens n bfloat16 values to float32.
func (d *Device) FromBF16(out, x Ptr, n int) error {
	if n == 0 {
		return nil
	}
	return d.launch("bf16_to_f32_kernel", flatGrid(int64(n)), dim{x: flatThreads}, out, x, int64(n))
}

// SumSquares returns Σ x² over n values in float64 (partial sums per block,
// added on the host in order): the global gradient norm's square.
func (d *Device) SumSquares(x Ptr, n int) (float64, error) {
	if n == 0 {
		return 0, nil
	}
	const threads = 1024
	blocks := int(min((int64(n)+threads-1)/threads, 256))
	part, err := d.Alloc(uint64(8 * blocks))
	if err != nil {
		return 0, err
	}
	defer d.Free(part)
	if err := d.launch("sumsq_partial", dim{x: uint32(blocks)}, dim{x: threads}, part, x, int64(n)); err != nil {
		return 0, err
	}
	host := make([]float64, blocks)
	if err := CopyOut(d, host, part); err != nil {
		return 0, err
	}
	s := 0.0
	for _, v := range host {
		s += v
	}
	return s, nil
}

// AdamWStep is one AdamW update of n values, the rule of lora.AdamW.Step
// for one parameter: b1, b2 and eps the betas and epsilon, step the
// 1-based step count, lr the learning rate, decay the weight decay (0 for
// norms and biases) and clip the gradient scale from norm clipping (1 for
// none). The constants are folded on the host in float64 exactly as lora
// folds them.
func (d *Device) AdamWStep(w, g, m, v Ptr, n int, b1, b2, eps, lr, decay, clip float64, step int) error {
	if n == 0 {
		return nil
	}
	c1 := 1 - math.Pow(b1, float64(step))
	c2 := 1 - math.Pow(b2, float64(step))
	return d.launch("adamw", flatGrid(int64(n)), dim{x: flatThreads}, w, g, m, v, int64(n),
		float32(b1), float32(b2), float32(clip), float32(lr/c1), float32(1/math.Sqrt(c2)), float32(eps), float32(lr*decay))
}

// cuBLAS enumerations used here.
const (
	blasOpN     = 0
	blasOpT     = 1
	dataF32     = 0  // CUDA_R_32F
	dataBF16    = 14 // CUDA_R_16BF
	computeF32  = 68 // CUBLAS_COMPUTE_32F
	gemmDefault = -1 // CUBLAS_GEMM_DEFAULT
)

// Gemm is ops.Gemm on the device in float32 (no TF32): row-major
// C = op(A)·op(B) + beta·C, C being M×N, with leading dimensions as in
// ops.Gemm. It is the parity path; training uses GemmBF16.
func (d *Device) Gemm(transA, transB bool, M, N, K int, A Ptr, lda int, B Ptr, ldb int, beta float32, C Ptr, ldc int) error {
	if M == 0 || N == 0 {
		return nil
	}
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	// Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, and a
	// row-major matrix read column-major is its transpose: swap the
	// operands and keep the transpose flags.
	alpha := float32(1)
	if s := d.libs.blas.cublasSgemm(d.blas, blasOp(transB), blasOp(transA), int32(N), int32(M), int32(K),
		&alpha, uint64(B), int32(ldb), uint64(A), int32(lda), &beta, uint64(C), int32(ldc)); s != 0 {
		return &BLASStatus{Call: "cublasSgemm_v2", Status: s}
	}
	return nil
}

// GemmBF16 is Gemm with bfloat16 A and B, float32 accumulation and a
// float32 C: the training path's products.
func (d *Device) GemmBF16(transA, transB bool, M, N, K int, A Ptr, lda int, B Ptr, ldb int, beta float32, C Ptr, ldc int) error {
	if M == 0 || N == 0 {
		return nil
	}
	exit, err := d.enter()
	if err != nil {
		return err
	}
	defer exit()
	alpha := float32(1)
	if s := d.libs.blas.cublasGemmEx(d.blas, blasOp(transB), blasOp(transA), int32(N), int32(M), int32(K),
		ptrOf(&alpha), uint64(B), dataBF16, int32(ldb), uint64(A), dataBF16, int32(lda),
		ptrOf(&beta), uint64(C), dataF32, int32(ldc), computeF32, gemmDefault); s != 0 {
		return &BLASStatus{Call: "cublasGemmEx", Status: s}
	}
	return nil
}

func blasOp(t bool) int32 {
	if t {
		return blasOpT
	}
	return blasOpN
}

// DecodeMaxLen is the longest cache (prompt plus generated tokens) the
// decoding attention kernel handles.
const DecodeMaxLen = 4096

// KVAppend writes B sequences' new k and v rows ([B][kvd]) into a layer's
// cache ([B][maxLen][kvd]) at each sequence's position pos[b] (int32).
func (d *Device) KVAppend(kc, vc, k, v, pos Ptr, B, maxLen, kvd int) error {
	if B == 0 {
		return nil
	}
	return d.launch("gen_kv_append", dim{x: uint32(B)}, dim{x: 128}, kc, vc, k, v, pos, maxLen, kvd)
}

// AttentionDecode is attention of one query row per sequence (q and out
// [B][nH·hd]) against its cache up to and including position pos[b]: a
// row of ops.Attention with past = pos[b].
func (d *Device) AttentionDecode(out, q, kc, vc, pos Ptr, B, maxLen, nH, nKV, hd int) error {
	if err := checkAttn(nH, nKV, hd); err != nil {
		return err
	}
	if maxLen > DecodeMaxLen {
		return fmt.Errorf("cuda: decoding attention: cache of %d positions exceeds %d", maxLen, DecodeMaxLen)
	}
	if B == 0 {
		return nil
	}
	scale := float32(1 / math.Sqrt(float64(hd)))
	return d.launch("gen_attn_decode", dim{x: uint32(nH), y: uint32(B)}, dim{x: 128}, out, q, kc, vc, pos, maxLen, nH, nKV, hd, scale)
}
