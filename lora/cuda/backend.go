package cuda

import "fmt"

// DType is the element type of a Buf.
type DType uint8

// The element types the trainer uses.
const (
	F32DType  DType = iota // float32
	BF16DType              // bfloat16: 2 bytes on a GPU; float32 values rounded to bf16 on the CPU backend
	I32DType               // int32 (token targets, positions)
	U8DType                // bytes (NF4 codes)
)

// size is the bytes one element takes on a GPU.
func (t DType) size() int {
	switch t {
	case BF16DType:
		return 2
	case U8DType:
		return 1
	}
	return 4
}

// String names the type: f32, bf16, i32 or u8.
func (t DType) String() string {
	return [...]string{"f32", "bf16", "i32", "u8"}[t]
}

// Buf is a buffer of a Backend: device memory on the CUDA backend, Go
// slices on the CPU one. It is a value (a view): Slice gives a view of
// part of it, and views share memory with the buffer they came from.
type Buf struct {
	dt  DType
	n   int
	ptr Ptr       // CUDA: the first element
	f   []float32 // CPU: F32 and BF16 (bf16 held as rounded float32)
	i   []int32   // CPU: I32
	u   []byte    // CPU: U8
}

// Len is the number of elements.
func (b Buf) Len() int { return b.n }

// DType is the element type.
func (b Buf) DType() DType { return b.dt }

// Slice is the view of n elements from element off.
func (b Buf) Slice(off, n int) Buf {
	if off < 0 || n < 0 || off+n > b.n {
		panic(fmt.Sprintf("cuda: Buf.Slice(%d, %d) of %d elements", off, n, b.n))
	}
	s := Buf{dt: b.dt, n: n}
	switch {
	case b.ptr != 0:
		s.ptr = b.ptr + Ptr(off*b.dt.size())
	case b.f != nil:
		s.f = b.f[off : off+n]
	case b.i != nil:
		s.i = b.i[off : off+n]
	case b.u != nil:
		s.u = b.u[off : off+n]
	}
	return s
}

// NF4Buf is an NF4 matrix held by a Backend, in lora's layout (see
// lora.NF4Storage): N values; Data the packed codes; Absmax a float32 per
// 64-value block, or under double quantisation QAbsmax a byte per block,
// Absmax2 a float32 per 256 blocks, DynCode the dynamic map and Offset.
type NF4Buf struct {
	N                              int
	Data, Absmax, QAbsmax, Absmax2 Buf
	DynCode                        Buf
	Offset                         float32
	Double                         bool
}

// Backend is the set of device operations the GPU trainer (Engine) is
// written against. Two implement it: DeviceBackend, on a GPU through the
// kernels and cuBLAS, and CPUBackend, in Go with lora's CPU operations, so
// that the trainer's orchestration is tested on any machine and the GPU
// differs from it only in arithmetic. Operations are queued in order and
// may run asynchronously; Download and the methods returning host values
// wait for what was queued before them. Shapes follow lora/ops (row-major,
// the names of the CUDA launchers in ops.go).
type Backend interface {
	// Device is what proof-of-learning records call the backend: "cuda"
	// for a GPU.
	Device() string
	// Alloc returns a buffer of n elements (contents undefined).
	Alloc(dt DType, n int) (Buf, error)
	// Free gives a buffer from Alloc back.
	Free(b Buf)
	// Upload copies host values into b (F32 from []float32, I32 from
	// []int32, U8 from []byte; BF16 from []float32, rounded).
	Upload(b Buf, src any) error
	// Download copies an F32 buffer into dst.
	Download(dst []float32, b Buf) error
	// Zero sets every element of b to zero.
	Zero(b Buf) error
	// Copy copies src into dst (same type, dst at least as long).
	Copy(dst, src Buf) error
	// ToBF16 rounds the F32 src into the BF16 dst (nearest even).
	ToBF16(dst, src Buf) error
	// Gemm is ops.Gemm: C = op(A)·op(B) + beta·C, C F32; A and B are both
	// F32 (float32 products) or both BF16 (bf16 inputs, float32
	// accumulation).
	Gemm(transA, transB bool, M, N, K int, A Buf, lda int, B Buf, ldb int, beta float32, C Buf, ldc int) error
	// RMSNorm is ops.RMSNorm over n rows of d; rinv (n values) keeps each
	// row's 1/rms for the backward pass.
	RMSNorm(out, rinv, x, w Buf, n, d int, eps float32) error
	// RMSNormBackward is ops.RMSNormBackward without a weight gradient
	// (the norms are frozen): it overwrites dx.
	RMSNormBackward(dx, dy, x, w, rinv Buf, n, d int, eps float32) error
	// RoPE rotates rows of nH heads of hd values in place (the inverse
	// rotation with inverse), row i at position pos[i], with the tables of
	// lora.RoPETables.
	RoPE(x, pos, cos, sin Buf, rows, nH, hd int, inverse bool) error
	// SwiGLU is ops.SwiGLU.
	SwiGLU(out, gate, up Buf) error
	// SwiGLUBackward is ops.SwiGLUBackward.
	SwiGLUBackward(dgate, dup, dout, gate, up Buf) error
	// Attention is causal grouped-query attention over B sequences of T
	// rows each (ops.Attention with past 0 per sequence); lse keeps
	// B·nH·T row statistics for the backward pass.
	Attention(out, lse, q, k, v Buf, B, T, nH, nKV, hd int) error
	// AttentionBackward overwrites dq, dk and dv; scratch holds B·nH·T
	// values.
	AttentionBackward(dq, dk, dv, dout, out, lse, q, k, v, scratch Buf, B, T, nH, nKV, hd int) error
	// SeqLogProbs returns, for B sequences of T rows of V logits, the sum
	// over each sequence's rows with a target (I32, negative for none) of
	// the target's log-probability, added in row order in float64 as
	// lora's CPU engine adds them; lse (B·T values) keeps each row's
	// log-sum-exp for LogProbsBackward.
	SeqLogProbs(lse, logits, targets Buf, B, T, V int) ([]float64, error)
	// LogProbsBackward overwrites dlogits (which may be logits) with
	// scale[s]·(softmax − onehot(target)) on each row of sequence s, zero
	// on rows without a target: the gradient of Σ_s −scale[s]·logp(s).
	LogProbsBackward(dlogits, logits, targets, lse Buf, scale []float32, B, T, V int) error
	// DequantizeNF4 writes t's values into out (F32, or BF16 rounded).
	DequantizeNF4(out Buf, t NF4Buf) error
	// Scale multiplies x by s in place.
	Scale(x Buf, s float32) error
	// AddScaled adds s·x to y.
	AddScaled(y, x Buf, s float32) error
	// SumSquares is Σ x² in float64.
	SumSquares(x Buf) (float64, error)
	// AdamW is one step of lora.AdamW's update on w with gradient g and
	// moments m and v (see Device.AdamWStep for the arguments).
	AdamW(w, g, m, v Buf, b1, b2, eps, lr, decay, clip float64, step int) error
	// KVAppend writes B sequences' new k and v rows ([B][kvd]) into a
	// layer's cache kc, vc ([B][maxLen][kvd]) at each one's position
	// pos[b] (I32).
	KVAppend(kc, vc, k, v, pos Buf, B, maxLen, kvd int) error
	// AttentionDecode is attention of one query row per sequence (q and
	// out [B][nH·hd]) against its cache up to and including pos[b]: the
	// row ops.Attention computes with past = pos[b].
	AttentionDecode(out, q, kc, vc, pos Buf, B, maxLen, nH, nKV, hd int) error
	// Sync waits for everything queued.
	Sync() error
	// MemoryInUse is the memory the backend's buffers take now and at
	// most so far, in bytes.
	MemoryInUse() (now, peak uint64)
}
