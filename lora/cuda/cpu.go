package cuda

import (
	"fmt"
	"math"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/ops"
)

// CPUBackend is the Backend in plain Go: every operation is lora's CPU
// operation (lora/ops) or, where lora has none as a function, the
// reference the GPU kernels are parity-tested against (bf16 rounding, NF4
// dequantisation from raw storage, the AdamW rule). The trainer on it
// computes what lora.TrainDPO computes, in the same order, so it checks
// the trainer's orchestration on a machine without a GPU; with BF16 it
// also shows what bf16 matmul inputs do to a run. It is not fast.
type CPUBackend struct {
	inUse, peak uint64
}

// NewCPUBackend returns a CPU backend.
func NewCPUBackend() *CPUBackend { return &CPUBackend{} }

// Device is "cpu".
func (c *CPUBackend) Device() string { return "cpu" }

// Alloc returns zeroed slices.
func (c *CPUBackend) Alloc(dt DType, n int) (Buf, error) {
	if n < 0 {
		return Buf{}, fmt.Errorf("cuda: cpu backend: allocating %d elements", n)
	}
	b := Buf{dt: dt, n: n}
	switch dt {
	case F32DType, BF16DType:
		b.f = make([]float32, n)
	case I32DType:
		b.i = make([]int32, n)
	default:
		b.u = make([]byte, n)
	}
	c.inUse += uint64(n * dt.size())
	c.peak = max(c.peak, c.inUse)
	return b, nil
}

// Free forgets the buffer (the garbage collector frees it).
func (c *CPUBackend) Free(b Buf) { c.inUse -= uint64(b.n * b.dt.size()) }

// Upload copies src into b.
func (c *CPUBackend) Upload(b Buf, src any) error {
	switch s := src.(type) {
	case []float32:
		if b.dt != F32DType && b.dt != BF16DType || len(s) > b.n {
			return fmt.Errorf("cuda: cpu backend: uploading %d float32 values into %d %s", len(s), b.n, b.dt)
		}
		copy(b.f, s)
		if b.dt == BF16DType {
			for i := range s {
				b.f[i] = BF16Round(b.f[i])
			}
		}
	case []int32:
		if b.dt != I32DType || len(s) > b.n {
			return fmt.Errorf("cuda: cpu backend: uploading %d int32 values into %d %s", len(s), b.n, b.dt)
		}
		copy(b.i, s)
	case []byte:
		if b.dt != U8DType || len(s) > b.n {
			return fmt.Errorf("cuda: cpu backend: uploading %d bytes into %d %s", len(s), b.n, b.dt)
		}
		copy(b.u, s)
	default:
		return fmt.Errorf("cuda: cpu backend: cannot upload %T", src)
	}
	return nil
}

// Download copies an F32 buffer out.
func (c *CPUBackend) Download(dst []float32, b Buf) error {
	if b.dt != F32DType || len(dst) > b.n {
		return fmt.Errorf("cuda: cpu backend: downloading %d float32 values from %d %s", len(dst), b.n, b.dt)
	}
	copy(dst, b.f)
	return nil
}

// Zero clears b.
func (c *CPUBackend) Zero(b Buf) error {
	clear(b.f)
	clear(b.i)
	clear(b.u)
	return nil
}

// Copy copies src into dst.
func (c *CPUBackend) Copy(dst, src Buf) error {
	if dst.dt != src.dt || dst.n < src.n {
		return fmt.Errorf("cuda: cpu backend: copying %d %s into %d %s", src.n, src.dt, dst.n, dst.dt)
	}
	copy(dst.f, src.f)
	copy(dst.i, src.i)
	copy(dst.u, src.u)
	return nil
}

// ToBF16 rounds src into dst.
func (c *CPUBackend) ToBF16(dst, src Buf) error {
	if dst.dt != BF16DType || src.dt != F32DType || dst.n < src.n {
		return fmt.Errorf("cuda: cpu backend: ToBF16 of %d %s into %d %s", src.n, src.dt, dst.n, dst.dt)
	}
	for i, v := range src.f {
		dst.f[i] = BF16Round(v)
	}
	return nil
}

// Gemm is ops.Gemm; bf16 inputs are already rounded values.
func (c *CPUBackend) Gemm(transA, transB bool, M, N, K int, A Buf, lda int, B Buf, ldb int, beta float32, C Buf, ldc int) error {
	if A.dt != B.dt || (A.dt != F32DType && A.dt != BF16DType) || C.dt != F32DType {
		return fmt.Errorf("cuda: cpu backend: Gemm of %s by %s into %s", A.dt, B.dt, C.dt)
	}
	ops.Gemm(transA, transB, M, N, K, A.f, lda, B.f, ldb, beta, C.f, ldc)
	return nil
}

// RMSNorm is ops.RMSNorm (rinv is not needed: the backward pass
// recomputes the row scale as ops does).
func (c *CPUBackend) RMSNorm(out, rinv, x, w Buf, n, d int, eps float32) error {
	ops.RMSNorm(out.f, x.f, w.f, n, d, eps)
	return nil
}

// RMSNormBackward is ops.RMSNormBackward.
func (c *CPUBackend) RMSNormBackward(dx, dy, x, w, rinv Buf, n, d int, eps float32) error {
	ops.RMSNormBackward(dx.f, nil, dy.f, x.f, w.f, n, d, eps)
	return nil
}

// RoPE rotates as ops.RoPE does (the same operations in the same order,
// so the same bits).
func (c *CPUBackend) RoPE(x, pos, cos, sin Buf, rows, nH, hd int, inverse bool) error {
	half := hd / 2
	for r := range rows {
		p := int(pos.i[r])
		cs, sn := cos.f[p*half:(p+1)*half], sin.f[p*half:(p+1)*half]
		row := x.f[r*nH*hd : (r+1)*nH*hd]
		for h := range nH {
			a, b := row[h*hd:h*hd+half], row[h*hd+half:(h+1)*hd]
			for j := range half {
				x1, x2, cj, sj := a[j], b[j], cs[j], sn[j]
				if inverse {
					a[j] = x1*cj + x2*sj
					b[j] = x2*cj - x1*sj
				} else {
					a[j] = x1*cj - x2*sj
					b[j] = x2*cj + x1*sj
				}
			}
		}
	}
	return nil
}

// SwiGLU is ops.SwiGLU.
func (c *CPUBackend) SwiGLU(out, gate, up Buf) error {
	ops.SwiGLU(out.f, gate.f, up.f)
	return nil
}

// SwiGLUBackward is ops.SwiGLUBackward.
func (c *CPUBackend) SwiGLUBackward(dgate, dup, dout, gate, up Buf) error {
	ops.SwiGLUBackward(dgate.f, dup.f, dout.f, gate.f, up.f)
	return nil
}

// Attention is ops.Attention per sequence, as lora's training pass calls
// it (with a probabilities buffer, which picks the same code path). lse
// is not needed: the backward pass recomputes the probabilities, which
// gives the same bits.
func (c *CPUBackend) Attention(out, lse, q, k, v Buf, B, T, nH, nKV, hd int) error {
	qd, kvd := nH*hd, nKV*hd
	probs := make([]float32, nH*T*T)
	for b := range B {
		ops.Attention(out.f[b*T*qd:(b+1)*T*qd], probs, q.f[b*T*qd:(b+1)*T*qd], k.f[b*T*kvd:(b+1)*T*kvd], v.f[b*T*kvd:(b+1)*T*kvd], T, 0, nH, nKV, hd)
	}
	return nil
}

// AttentionBackward recomputes each sequence's probabilities with
// ops.Attention and runs ops.AttentionBackward.
func (c *CPUBackend) AttentionBackward(dq, dk, dv, dout, out, lse, q, k, v, scratch Buf, B, T, nH, nKV, hd int) error {
	qd, kvd := nH*hd, nKV*hd
	probs := make([]float32, nH*T*T)
	tmp := make([]float32, T*qd)
	for b := range B {
		qs, ks, vs := q.f[b*T*qd:(b+1)*T*qd], k.f[b*T*kvd:(b+1)*T*kvd], v.f[b*T*kvd:(b+1)*T*kvd]
		ops.Attention(tmp, probs, qs, ks, vs, T, 0, nH, nKV, hd)
		ops.AttentionBackward(dq.f[b*T*qd:(b+1)*T*qd], dk.f[b*T*kvd:(b+1)*T*kvd], dv.f[b*T*kvd:(b+1)*T*kvd],
			dout.f[b*T*qd:(b+1)*T*qd], probs, qs, ks, vs, T, nH, nKV, hd)
	}
	return nil
}

// targetsOf widens a row range of I32 targets.
func targetsOf(t Buf, lo, hi int) []int {
	out := make([]int, hi-lo)
	for i := range out {
		out[i] = int(t.i[lo+i])
	}
	return out
}

// SeqLogProbs is lora's: ops.CrossEntropy over each sequence's rows.
func (c *CPUBackend) SeqLogProbs(lse, logits, targets Buf, B, T, V int) ([]float64, error) {
	out := make([]float64, B)
	for s := range B {
		nll, _ := ops.CrossEntropy(nil, logits.f[s*T*V:(s+1)*T*V], targetsOf(targets, s*T, (s+1)*T), V, 1)
		out[s] = -nll
	}
	return out, nil
}

// LogProbsBackward is lora's: ops.CrossEntropy's gradient per sequence
// with the sequence's scale.
func (c *CPUBackend) LogProbsBackward(dlogits, logits, targets, lse Buf, scale []float32, B, T, V int) error {
	for s := range B {
		ops.CrossEntropy(dlogits.f[s*T*V:(s+1)*T*V], logits.f[s*T*V:(s+1)*T*V], targetsOf(targets, s*T, (s+1)*T), V, scale[s])
	}
	return nil
}

// DequantizeNF4 is DequantizeNF4Host.
func (c *CPUBackend) DequantizeNF4(out Buf, t NF4Buf) error {
	DequantizeNF4Host(out.f[:t.N], t.Data.u, t.Absmax.f, t.QAbsmax.u, t.Absmax2.f, t.DynCode.f, t.Offset)
	if out.dt == BF16DType {
		for i, v := range out.f[:t.N] {
			out.f[i] = BF16Round(v)
		}
	}
	return nil
}

// Scale multiplies in place, as lora scales the LoRA path.
func (c *CPUBackend) Scale(x Buf, s float32) error {
	for i := range x.f {
		x.f[i] *= s
	}
	return nil
}

// AddScaled adds s·x to y. With s = 1 it is lora's elementwise add.
func (c *CPUBackend) AddScaled(y, x Buf, s float32) error {
	xs := x.f[:len(y.f)]
	if s == 1 {
		for i := range y.f {
			y.f[i] += xs[i]
		}
		return nil
	}
	for i := range y.f {
		y.f[i] += s * xs[i]
	}
	return nil
}

// SumSquares sums in order in float64, as lora.GradNorm does.
func (c *CPUBackend) SumSquares(x Buf) (float64, error) {
	s := 0.0
	for _, v := range x.f {
		s += float64(v) * float64(v)
	}
	return s, nil
}

// AdamW is AdamWHost.
func (c *CPUBackend) AdamW(w, g, m, v Buf, b1, b2, eps, lr, decay, clip float64, step int) error {
	AdamWHost(w.f, g.f, m.f, v.f, b1, b2, eps, lr, decay, clip, step)
	return nil
}

// KVAppend copies the rows into the cache.
func (c *CPUBackend) KVAppend(kc, vc, k, v, pos Buf, B, maxLen, kvd int) error {
	for b := range B {
		dst := (b*maxLen + int(pos.i[b])) * kvd
		copy(kc.f[dst:dst+kvd], k.f[b*kvd:(b+1)*kvd])
		copy(vc.f[dst:dst+kvd], v.f[b*kvd:(b+1)*kvd])
	}
	return nil
}

// AttentionDecode is ops.Attention of one row at past = pos[b], as lora's
// generator calls it.
func (c *CPUBackend) AttentionDecode(out, q, kc, vc, pos Buf, B, maxLen, nH, nKV, hd int) error {
	qd, kvd := nH*hd, nKV*hd
	for b := range B {
		p := int(pos.i[b])
		ops.Attention(out.f[b*qd:(b+1)*qd], nil, q.f[b*qd:(b+1)*qd], kc.f[b*maxLen*kvd:(b*maxLen+p+1)*kvd],
			vc.f[b*maxLen*kvd:(b*maxLen+p+1)*kvd], 1, p, nH, nKV, hd)
	}
	return nil
}

// Sync does nothing: the CPU backend runs each operation as it is called.
func (c *CPUBackend) Sync() error { return nil }

// MemoryInUse reports the bytes of live buffers (as a GPU would hold them).
func (c *CPUBackend) MemoryInUse() (now, peak uint64) { return c.inUse, c.peak }

// BF16Round rounds f to the nearest bfloat16 (ties to even) and widens it
// back: f32_to_bf16 then bf16_to_f32 of kernels/common.cuh. NaN stays a
// quiet NaN.
func BF16Round(f float32) float32 {
	u := math.Float32bits(f)
	if u&0x7fffffff > 0x7f800000 {
		return math.Float32frombits((u | 0x400000) &^ 0xffff)
	}
	u += 0x7fff + (u>>16)&1
	return math.Float32frombits(u &^ 0xffff)
}

// DequantizeNF4Host is the nf4_dequant kernel in Go: value e is
// code[index]·absmax of its 64-block, the first value of each byte in the
// high nibble; under double quantisation (qabsmax not nil) a block's
// absmax is dyn[qabsmax[b]]·absmax2[b/256] + offset. It writes len(out)
// values, the same bits as lora.NF4.Dequantize.
func DequantizeNF4Host(out []float32, data []byte, absmax []float32, qabsmax []uint8, absmax2, dyn []float32, offset float32) {
	code := lora.NF4Code()
	for e := range out {
		b := e / 64
		var a float32
		if qabsmax == nil {
			a = absmax[b]
		} else {
			a = dyn[qabsmax[b]]*absmax2[b/256] + offset
		}
		c := data[e/2]
		idx := c >> 4
		if e%2 == 1 {
			idx = c & 15
		}
		out[e] = code[idx] * a
	}
}

// AdamWHost is lora.AdamW's elementwise update in Go (the adamw kernel's
// reference): the bias corrections folded into two constants exactly as
// lora folds them, every operation rounded to float32.
func AdamWHost(w, g, m, v []float32, b1, b2, eps, lr, decay, clip float64, step int) {
	c1 := 1 - math.Pow(b1, float64(step))
	c2 := 1 - math.Pow(b2, float64(step))
	f1, f2, gs := float32(b1), float32(b2), float32(clip)
	st := float32(lr / c1)
	root := float32(1 / math.Sqrt(c2))
	e, wd := float32(eps), float32(lr*decay)
	for i := range w {
		gi := g[i] * gs
		mi := f1*m[i] + (1-f1)*gi
		vi := f2*v[i] + (1-f2)*gi*gi
		m[i], v[i] = mi, vi
		w[i] -= st*mi/(float32(math.Sqrt(float64(vi)))*root+e) + wd*w[i]
	}
}
