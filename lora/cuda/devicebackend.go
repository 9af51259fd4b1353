package cuda

import (
	"fmt"
)

// DeviceBackend is the Backend on a GPU: the kernels of kernels/*.cu and
// cuBLAS, every operation queued on the device's one stream.
type DeviceBackend struct {
	d *Device
}

// NewDeviceBackend returns the backend of an opened device; it compiles the
// kernels first (once per device) so a compiler error shows here.
func NewDeviceBackend(d *Device) (*DeviceBackend, error) {
	if err := d.Kernels(); err != nil {
		return nil, err
	}
	return &DeviceBackend{d: d}, nil
}

// Device is "cuda".
func (c *DeviceBackend) Device() string { return "cuda" }

// Alloc takes device memory from the caching allocator.
func (c *DeviceBackend) Alloc(dt DType, n int) (Buf, error) {
	if n < 0 {
		return Buf{}, fmt.Errorf("cuda: allocating %d elements", n)
	}
	p, err := c.d.Alloc(uint64(n * dt.size()))
	if err != nil {
		return Buf{}, err
	}
	return Buf{dt: dt, n: n, ptr: p}, nil
}

// Free returns the memory to the allocator's cache.
func (c *DeviceBackend) Free(b Buf) {
	if b.ptr != 0 {
		c.d.Free(b.ptr)
	}
}

// Upload copies host values into b; float32 values into a BF16 buffer go
// through a float32 staging buffer and the rounding kernel.
func (c *DeviceBackend) Upload(b Buf, src any) error {
	switch s := src.(type) {
	case []float32:
		if len(s) > b.n {
			return fmt.Errorf("cuda: uploading %d values into %d", len(s), b.n)
		}
		switch b.dt {
		case F32DType:
			return CopyIn(c.d, b.ptr, s)
		case BF16DType:
			tmp, err := Upload(c.d, s)
			if err != nil {
				return err
			}
			defer c.d.Free(tmp)
			return c.d.ToBF16(b.ptr, tmp, len(s))
		}
	case []int32:
		if b.dt == I32DType && len(s) <= b.n {
			return CopyIn(c.d, b.ptr, s)
		}
	case []byte:
		if b.dt == U8DType && len(s) <= b.n {
			return CopyIn(c.d, b.ptr, s)
		}
	}
	return fmt.Errorf("cuda: cannot upload %T into %d %s", src, b.n, b.dt)
}

// Download copies an F32 buffer to the host after what was queued.
func (c *DeviceBackend) Download(dst []float32, b Buf) error {
	if b.dt != F32DType || len(dst) > b.n {
		return fmt.Errorf("cuda: downloading %d float32 values from %d %s", len(dst), b.n, b.dt)
	}
	return CopyOut(c.d, dst, b.ptr)
}

// Zero clears b.
func (c *DeviceBackend) Zero(b Buf) error { return c.d.Zero(b.ptr, uint64(b.n*b.dt.size())) }

// Copy copies src into dst on the device.
func (c *DeviceBackend) Copy(dst, src Buf) error {
	if dst.dt != src.dt || dst.n < src.n {
		return fmt.Errorf("cuda: copying %d %s into %d %s", src.n, src.dt, dst.n, dst.dt)
	}
	return c.d.CopyDtoD(dst.ptr, src.ptr, uint64(src.n*src.dt.size()))
}

// ToBF16 rounds src into dst.
func (c *DeviceBackend) ToBF16(dst, src Buf) error {
	if dst.dt != BF16DType || src.dt != F32DType || dst.n < src.n {
		return fmt.Errorf("cuda: ToBF16 of %d %s into %d %s", src.n, src.dt, dst.n, dst.dt)
	}
	return c.d.ToBF16(dst.ptr, src.ptr, src.n)
}

// Gemm is cublasSgemm for F32 inputs, cublasGemmEx (bf16 in, float32
// accumulation) for BF16 ones.
func (c *DeviceBackend) Gemm(transA, transB bool, M, N, K int, A Buf, lda int, B Buf, ldb int, beta float32, C Buf, ldc int) error {
	if A.dt != B.dt || C.dt != F32DType {
		return fmt.Errorf("cuda: Gemm of %s by %s into %s", A.dt, B.dt, C.dt)
	}
	switch A.dt {
	case F32DType:
		return c.d.Gemm(transA, transB, M, N, K, A.ptr, lda, B.ptr, ldb, beta, C.ptr, ldc)
	case BF16DType:
		return c.d.GemmBF16(transA, transB, M, N, K, A.ptr, lda, B.ptr, ldb, beta, C.ptr, ldc)
	}
	return fmt.Errorf("cuda: Gemm of %s", A.dt)
}

// RMSNorm launches rmsnorm_fwd.
func (c *DeviceBackend) RMSNorm(out, rinv, x, w Buf, n, d int, eps float32) error {
	return c.d.RMSNorm(out.ptr, rinv.ptr, x.ptr, w.ptr, n, d, eps)
}

// RMSNormBackward launches rmsnorm_bwd (no weight gradient).
func (c *DeviceBackend) RMSNormBackward(dx, dy, x, w, rinv Buf, n, d int, eps float32) error {
	return c.d.RMSNormBackward(dx.ptr, 0, dy.ptr, x.ptr, w.ptr, rinv.ptr, n, d)
}

// RoPE launches rope.
func (c *DeviceBackend) RoPE(x, pos, cos, sin Buf, rows, nH, hd int, inverse bool) error {
	return c.d.RoPE(x.ptr, pos.ptr, cos.ptr, sin.ptr, rows, nH, hd, inverse)
}

// SwiGLU launches swiglu_fwd.
func (c *DeviceBackend) SwiGLU(out, gate, up Buf) error {
	return c.d.SwiGLU(out.ptr, gate.ptr, up.ptr, out.n)
}

// SwiGLUBackward launches swiglu_bwd.
func (c *DeviceBackend) SwiGLUBackward(dgate, dup, dout, gate, up Buf) error {
	return c.d.SwiGLUBackward(dgate.ptr, dup.ptr, dout.ptr, gate.ptr, up.ptr, dout.n)
}

// Attention launches attn_fwd.
func (c *DeviceBackend) Attention(out, lse, q, k, v Buf, B, T, nH, nKV, hd int) error {
	return c.d.Attention(out.ptr, lse.ptr, q.ptr, k.ptr, v.ptr, B, T, nH, nKV, hd)
}

// AttentionBackward launches the three backward kernels.
func (c *DeviceBackend) AttentionBackward(dq, dk, dv, dout, out, lse, q, k, v, scratch Buf, B, T, nH, nKV, hd int) error {
	return c.d.AttentionBackward(dq.ptr, dk.ptr, dv.ptr, dout.ptr, out.ptr, lse.ptr, q.ptr, k.ptr, v.ptr, scratch.ptr, B, T, nH, nKV, hd)
}

// SeqLogProbs launches logprob_fwd and adds each sequence's rows on the
// host in float64, in order.
func (c *DeviceBackend) SeqLogProbs(lse, logits, targets Buf, B, T, V int) ([]float64, error) {
	rows := B * T
	logp, err := c.d.Alloc(uint64(4 * rows))
	if err != nil {
		return nil, err
	}
	defer c.d.Free(logp)
	if err := c.d.LogProbs(logp, lse.ptr, logits.ptr, targets.ptr, rows, V); err != nil {
		return nil, err
	}
	host := make([]float32, rows)
	if err := CopyOut(c.d, host, logp); err != nil {
		return nil, err
	}
	out := make([]float64, B)
	for s := range B {
		sum := 0.0
		for _, v := range host[s*T : (s+1)*T] {
			sum += float64(v)
		}
		out[s] = sum
	}
	return out, nil
}

// LogProbsBackward spreads each sequence's scale over its rows and
// launches logprob_bwd.
func (c *DeviceBackend) LogProbsBackward(dlogits, logits, targets, lse Buf, scale []float32, B, T, V int) error {
	rows := make([]float32, B*T)
	for s := range B {
		for t := range T {
			rows[s*T+t] = scale[s]
		}
	}
	sp, err := Upload(c.d, rows)
	if err != nil {
		return err
	}
	defer c.d.Free(sp) // stream order keeps it alive for the kernel
	return c.d.LogProbsBackward(dlogits.ptr, logits.ptr, targets.ptr, lse.ptr, sp, B*T, V)
}

// DequantizeNF4 launches nf4_dequant (or its bf16 twin).
func (c *DeviceBackend) DequantizeNF4(out Buf, t NF4Buf) error {
	tn := NF4Tensor{N: t.N, Data: t.Data.ptr, Offset: t.Offset}
	if t.Double {
		tn.QAbsmax, tn.Absmax2, tn.DynCode = t.QAbsmax.ptr, t.Absmax2.ptr, t.DynCode.ptr
	} else {
		tn.Absmax = t.Absmax.ptr
	}
	return c.d.DequantizeNF4(out.ptr, tn, out.dt == BF16DType)
}

// Scale launches scale_inplace.
func (c *DeviceBackend) Scale(x Buf, s float32) error { return c.d.Scale(x.ptr, s, x.n) }

// AddScaled launches add_scaled.
func (c *DeviceBackend) AddScaled(y, x Buf, s float32) error {
	return c.d.AddScaled(y.ptr, x.ptr, s, y.n)
}

// SumSquares launches sumsq_partial and adds the partials on the host.
func (c *DeviceBackend) SumSquares(x Buf) (float64, error) { return c.d.SumSquares(x.ptr, x.n) }

// AdamW launches adamw.
func (c *DeviceBackend) AdamW(w, g, m, v Buf, b1, b2, eps, lr, decay, clip float64, step int) error {
	return c.d.AdamWStep(w.ptr, g.ptr, m.ptr, v.ptr, w.n, b1, b2, eps, lr, decay, clip, step)
}

// KVAppend launches gen_kv_append.
func (c *DeviceBackend) KVAppend(kc, vc, k, v, pos Buf, B, maxLen, kvd int) error {
	return c.d.KVAppend(kc.ptr, vc.ptr, k.ptr, v.ptr, pos.ptr, B, maxLen, kvd)
}

// AttentionDecode launches gen_attn_decode.
func (c *DeviceBackend) AttentionDecode(out, q, kc, vc, pos Buf, B, maxLen, nH, nKV, hd int) error {
	return c.d.AttentionDecode(out.ptr, q.ptr, kc.ptr, vc.ptr, pos.ptr, B, maxLen, nH, nKV, hd)
}

// Sync waits for the stream.
func (c *DeviceBackend) Sync() error { return c.d.Sync() }

// MemoryInUse is the allocator's memory handed out now and at its peak.
func (c *DeviceBackend) MemoryInUse() (now, peak uint64) {
	s := c.d.Allocator().Stats()
	return s.InUse, s.Peak
}
