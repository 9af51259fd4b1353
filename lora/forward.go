package lora

import (
	"fmt"

	"github.com/rlfc/arena/lora/ops"
)

// Pass is one training forward pass over a batch of B sequences of T tokens
// each, all starting at position 0, kept so that Backward can run. Logits
// holds the output, [B·T, vocab]. A Pass may be handed back to Forward to
// reuse its buffers for a batch of the same shape.
type Pass struct {
	m      *Model
	B, T   int
	tokens []int
	pos    []int
	x      [][]float32 // residual stream entering each layer; x[L] leaves the last one
	acts   []layerActs
	xf     []float32 // final norm output
	Logits []float32

	// scratch for the backward pass
	dx, dmid, dxn, dtmp, dq, dk, dv, datt, dgate, dup, dact []float32
	lsc                                                     loraScratch
}

type layerActs struct {
	xn1, q, k, v, att, probs, mid, xn2, gate, up, act []float32
	lo                                                [numModules]loraState // the adapter's path, per projection
}

// Forward runs the model over tokens (B sequences of T tokens, row-major)
// and keeps what Backward needs. reuse may be nil or an earlier Pass. With
// an adapter attached the pass computes base + adapter, with the adapter's
// dropout in training mode (SetTraining) at its current step (SetStep).
func (m *Model) Forward(reuse *Pass, tokens []int, B, T int) (*Pass, error) {
	c := &m.Config
	if len(tokens) != B*T || B <= 0 || T <= 0 {
		return nil, fmt.Errorf("lora: forward: %d tokens for %d sequences of %d", len(tokens), B, T)
	}
	if T > c.MaxPositionEmbeddings {
		return nil, fmt.Errorf("lora: forward: %d tokens exceed max_position_embeddings %d", T, c.MaxPositionEmbeddings)
	}
	for i, t := range tokens {
		if t < 0 || t >= c.VocabSize {
			return nil, fmt.Errorf("lora: forward: token %d at %d outside vocabulary of %d", t, i, c.VocabSize)
		}
	}
	p := reuse
	if p == nil || p.m != m || p.B != B || p.T != T {
		p = m.newPass(B, T)
	}
	copy(p.tokens, tokens)
	N, d, hd := B*T, c.HiddenSize, c.Head()
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)

	train := m.training
	x0 := p.x[0]
	for i, t := range tokens {
		copy(x0[i*d:(i+1)*d], m.embed.W[t*d:(t+1)*d])
	}
	for l := range m.layers {
		ly, a, x := &m.layers[l], &p.acts[l], p.x[l]
		ops.RMSNorm(a.xn1, x, ly.attnNorm.W, N, d, eps)
		ly.q.forward(a.q, a.xn1, N, a.lo[modQ].prepare(ly.q.lora, train))
		ly.k.forward(a.k, a.xn1, N, a.lo[modK].prepare(ly.k.lora, train))
		ly.v.forward(a.v, a.xn1, N, a.lo[modV].prepare(ly.v.lora, train))
		m.rope.Apply(a.q, p.pos, nH)
		m.rope.Apply(a.k, p.pos, nKV)
		for b := range B {
			ops.Attention(a.att[b*T*qd:(b+1)*T*qd], a.probs[b*nH*T*T:(b+1)*nH*T*T],
				a.q[b*T*qd:(b+1)*T*qd], a.k[b*T*kvd:(b+1)*T*kvd], a.v[b*T*kvd:(b+1)*T*kvd], T, 0, nH, nKV, hd)
		}
		ly.o.forward(a.mid, a.att, N, a.lo[modO].prepare(ly.o.lora, train))
		addInto(a.mid, x)
		ops.RMSNorm(a.xn2, a.mid, ly.mlpNorm.W, N, d, eps)
		ly.gate.forward(a.gate, a.xn2, N, a.lo[modGate].prepare(ly.gate.lora, train))
		ly.up.forward(a.up, a.xn2, N, a.lo[modUp].prepare(ly.up.lora, train))
		ops.SwiGLU(a.act, a.gate, a.up)
		next := p.x[l+1]
		ly.down.forward(next, a.act, N, a.lo[modDown].prepare(ly.down.lora, train))
		addInto(next, a.mid)
	}
	ops.RMSNorm(p.xf, p.x[len(m.layers)], m.norm.W, N, d, eps)
	ops.Gemm(false, true, N, c.VocabSize, d, p.xf, d, m.lmHead.W, d, 0, p.Logits, c.VocabSize)
	return p, nil
}

func (m *Model) newPass(B, T int) *Pass {
	c := &m.Config
	N, d, ff, hd := B*T, c.HiddenSize, c.IntermediateSize, c.Head()
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	p := &Pass{m: m, B: B, T: T, tokens: make([]int, N), pos: make([]int, N)}
	for i := range p.pos {
		p.pos[i] = i % T
	}
	p.x = make([][]float32, len(m.layers)+1)
	for i := range p.x {
		p.x[i] = make([]float32, N*d)
	}
	p.acts = make([]layerActs, len(m.layers))
	for i := range p.acts {
		p.acts[i] = layerActs{
			xn1: make([]float32, N*d), q: make([]float32, N*qd), k: make([]float32, N*kvd), v: make([]float32, N*kvd),
			att: make([]float32, N*qd), probs: make([]float32, B*nH*T*T), mid: make([]float32, N*d),
			xn2: make([]float32, N*d), gate: make([]float32, N*ff), up: make([]float32, N*ff), act: make([]float32, N*ff),
		}
	}
	p.xf = make([]float32, N*d)
	p.Logits = make([]float32, N*c.VocabSize)
	p.dx, p.dmid, p.dxn, p.dtmp = make([]float32, N*d), make([]float32, N*d), make([]float32, N*d), make([]float32, N*d)
	p.dq, p.datt = make([]float32, N*qd), make([]float32, N*qd)
	p.dk, p.dv = make([]float32, N*kvd), make([]float32, N*kvd)
	p.dgate, p.dup, p.dact = make([]float32, N*ff), make([]float32, N*ff), make([]float32, N*ff)
	return p
}

// Backward takes the gradient of the loss with respect to Logits and
// accumulates weight gradients into every parameter that has a gradient
// buffer (see SetTrainable and Adapter.SetTrainable), the matrices of the
// adapter the pass was computed with included; NF4 weights are frozen.
// dlogits may be p.Logits itself.
func (p *Pass) Backward(dlogits []float32) {
	m := p.m
	c := &m.Config
	B, T := p.B, p.T
	N, d, hd := B*T, c.HiddenSize, c.Head()
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)

	// logits = xf · lmHeadᵀ
	ops.Gemm(false, false, N, d, c.VocabSize, dlogits, c.VocabSize, m.lmHead.W, d, 0, p.dxn, d)
	if m.lmHead.G != nil {
		ops.Gemm(true, false, c.VocabSize, d, N, dlogits, c.VocabSize, p.xf, d, 1, m.lmHead.G, d)
	}
	ops.RMSNormBackward(p.dx, gradOf(m.norm), p.dxn, p.x[len(m.layers)], m.norm.W, N, d, eps)

	for l := len(m.layers) - 1; l >= 0; l-- {
		ly, a := &m.layers[l], &p.acts[l]
		// x[l+1] = mid + down(swiglu(gate(xn2), up(xn2))), xn2 = norm(mid)
		ly.down.backward(p.dact, p.dx, a.act, N, 0, &a.lo[modDown], &p.lsc)
		ops.SwiGLUBackward(p.dgate, p.dup, p.dact, a.gate, a.up)
		ly.gate.backward(p.dxn, p.dgate, a.xn2, N, 0, &a.lo[modGate], &p.lsc)
		ly.up.backward(p.dxn, p.dup, a.xn2, N, 1, &a.lo[modUp], &p.lsc)
		ops.RMSNormBackward(p.dtmp, gradOf(ly.mlpNorm), p.dxn, a.mid, ly.mlpNorm.W, N, d, eps)
		copy(p.dmid, p.dx)
		addInto(p.dmid, p.dtmp)

		// mid = x + o(attention(rope(q(xn1)), rope(k(xn1)), v(xn1))), xn1 = norm(x)
		ly.o.backward(p.datt, p.dmid, a.att, N, 0, &a.lo[modO], &p.lsc)
		for b := range B {
			ops.AttentionBackward(p.dq[b*T*qd:(b+1)*T*qd], p.dk[b*T*kvd:(b+1)*T*kvd], p.dv[b*T*kvd:(b+1)*T*kvd],
				p.datt[b*T*qd:(b+1)*T*qd], a.probs[b*nH*T*T:(b+1)*nH*T*T],
				a.q[b*T*qd:(b+1)*T*qd], a.k[b*T*kvd:(b+1)*T*kvd], a.v[b*T*kvd:(b+1)*T*kvd], T, nH, nKV, hd)
		}
		m.rope.Backward(p.dq, p.pos, nH)
		m.rope.Backward(p.dk, p.pos, nKV)
		ly.q.backward(p.dxn, p.dq, a.xn1, N, 0, &a.lo[modQ], &p.lsc)
		ly.k.backward(p.dxn, p.dk, a.xn1, N, 1, &a.lo[modK], &p.lsc)
		ly.v.backward(p.dxn, p.dv, a.xn1, N, 1, &a.lo[modV], &p.lsc)
		ops.RMSNormBackward(p.dtmp, gradOf(ly.attnNorm), p.dxn, p.x[l], ly.attnNorm.W, N, d, eps)
		copy(p.dx, p.dmid)
		addInto(p.dx, p.dtmp)
	}
	if g := m.embed.G; g != nil {
		for i, t := range p.tokens {
			ops.Axpy(1, p.dx[i*d:(i+1)*d], g[t*d:(t+1)*d])
		}
	}
}

func gradOf(p *Param) []float32 {
	if p == nil {
		return nil
	}
	return p.G
}

// forward computes y = x·Wᵀ + b for n rows, plus the LoRA path of st's
// module when st (prepared for this projection) has one; st keeps what
// backward needs.
func (l *linear) forward(y, x []float32, n int, st *loraState) {
	if l.nf4 != nil {
		l.nf4.MulT(y, x, n, 0)
	} else {
		ops.Gemm(false, true, n, l.out, l.in, x, l.in, l.w.W, l.in, 0, y, l.out)
	}
	if l.b != nil {
		for r := range n {
			addInto(y[r*l.out:(r+1)*l.out], l.b.W)
		}
	}
	if st != nil && st.mod != nil {
		st.forward(y, x, n)
	}
}

// backward writes (beta 0) or adds (beta 1) dy·W into dx, plus the LoRA
// path's input gradient when the forward pass had one (st), and accumulates
// the gradients of trainable weights, bias and adapter matrices.
func (l *linear) backward(dx, dy, x []float32, n int, beta float32, st *loraState, sc *loraScratch) {
	if l.nf4 != nil {
		l.nf4.Mul(dx, dy, n, beta)
	} else {
		ops.Gemm(false, false, n, l.in, l.out, dy, l.out, l.w.W, l.in, beta, dx, l.in)
		if l.w.G != nil {
			ops.Gemm(true, false, l.out, l.in, n, dy, l.out, x, l.in, 1, l.w.G, l.in)
		}
	}
	if l.b != nil && l.b.G != nil {
		for r := range n {
			addInto(l.b.G, dy[r*l.out:(r+1)*l.out])
		}
	}
	if st != nil && st.mod != nil {
		st.backward(dx, dy, x, n, sc)
	}
}

// addInto adds src to dst elementwise.
func addInto(dst, src []float32) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += src[i]
	}
}
