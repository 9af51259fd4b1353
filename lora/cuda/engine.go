package cuda

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rlfc/arena/lora"
)

// Precision is the arithmetic of the engine's large matrix products.
type Precision int

const (
	// F32 computes every product in float32 (cuBLAS SGEMM, no TF32): the
	// parity path, close to lora's CPU engine.
	F32 Precision = iota
	// BF16 rounds the inputs of the base model's products (activations,
	// weights, output gradients; the LM head included) to bfloat16 and
	// accumulates in float32, as PyTorch's bf16 autocast does; the LoRA
	// path, norms, attention, softmax and the optimizer stay float32.
	BF16
)

// String is "f32" or "bf16", as ParsePrecision reads them.
func (p Precision) String() string {
	if p == BF16 {
		return "bf16"
	}
	return "f32"
}

// ParsePrecision reads "f32" (or "fp32", "float32") and "bf16" (or
// "bfloat16").
func ParsePrecision(s string) (Precision, error) {
	switch strings.ToLower(s) {
	case "f32", "fp32", "float32":
		return F32, nil
	case "bf16", "bfloat16":
		return BF16, nil
	}
	return F32, fmt.Errorf("precision %q: want f32 or bf16", s)
}

// linW is one base projection held by the engine: its weight in the
// engine's precision, or its NF4 storage (dequantised before each
// product, so the base stays 4-bit in memory).
type linW struct {
	in, out int
	w       Buf
	nf4     *NF4Buf
}

// adMod is the adapter's pair of matrices on one projection: views into
// the engine's flat weight and gradient buffers.
type adMod struct {
	in, out    int
	a, b       Buf
	ga, gb     Buf
	paramIndex int // of A in Adapter.Params (B follows)
}

// Engine holds a Llama-family model, and optionally one LoRA adapter with
// its AdamW state, on a Backend, and runs the training forward pass (with
// or without the adapter) and the backward pass into the adapter's
// gradients. Its passes compute what lora.Model.Forward and Pass.Backward
// compute, operation for operation; the base model is frozen.
//
// It supports what lora's DPO trainer needs for Llama layouts: any target
// modules, NF4 bases (QLoRA, with or without double quantisation), tied or
// untied LM heads and grouped-query attention with head dimensions up to
// AttentionMaxHeadDim; not biases (Qwen2) nor adapter dropout.
type Engine struct {
	be   Backend
	m    *lora.Model
	cfg  lora.Config
	prec Precision
	wdt  DType // the base weights' type: F32 or BF16

	embed              []float32 // host: the embedding lookup runs on the host
	attnNorm, mlpNorm  []Buf
	norm               Buf
	lin                [][]linW // [layer][module]
	head               Buf      // LM head [V, d] in the weights' type
	cos, sin           Buf
	dyn                Buf
	wScratch           Buf // one dequantised NF4 weight
	owned              []Buf
	adapter            *lora.Adapter
	rank               int
	scale              float32
	mods               [][]*adMod // [layer][module], nil where not adapted
	flatW, flatG       Buf
	flatM, flatV       Buf
	paramOff, paramLen []int

	pass *passBufs
}

// numMods is the number of projection kinds (q, k, v, o, gate, up, down).
const numMods = 7

var modNames = lora.Modules()

// modulePath is the Hugging Face path of projection kind of layer l.
func modulePath(l, kind int) string {
	group := "self_attn."
	if kind >= 4 {
		group = "mlp."
	}
	return fmt.Sprintf("model.layers.%d.%s%s", l, group, modNames[kind])
}

// NewEngine puts m's base on be in precision prec. m must not change
// while the engine lives.
func NewEngine(be Backend, m *lora.Model, prec Precision) (*Engine, error) {
	c := m.Config
	if c.AttentionBias || c.MLPBias || c.ModelType == "qwen2" {
		return nil, errors.New("cuda: engine: projection biases (Qwen2, attention_bias, mlp_bias) are not supported on the GPU yet")
	}
	if hd := c.Head(); hd > AttentionMaxHeadDim {
		return nil, fmt.Errorf("cuda: engine: head dimension %d exceeds the attention kernels' %d", hd, AttentionMaxHeadDim)
	}
	e := &Engine{be: be, m: m, cfg: c, prec: prec, wdt: F32DType}
	if prec == BF16 {
		e.wdt = BF16DType
	}
	ok := false
	defer func() {
		if !ok {
			e.Close()
		}
	}()
	emb := m.Param("model.embed_tokens.weight")
	if emb == nil || emb.W == nil {
		return nil, errors.New("cuda: engine: the model has no float32 embeddings")
	}
	e.embed = emb.W
	var err error
	upload := func(dt DType, vals []float32) (Buf, error) {
		b, err := e.alloc(dt, len(vals))
		if err != nil {
			return b, err
		}
		return b, be.Upload(b, vals)
	}
	param := func(name string) ([]float32, error) {
		p := m.Param(name)
		if p == nil || p.W == nil {
			return nil, fmt.Errorf("cuda: engine: the model has no float32 %s", name)
		}
		return p.W, nil
	}
	L := c.NumHiddenLayers
	e.attnNorm, e.mlpNorm = make([]Buf, L), make([]Buf, L)
	e.lin = make([][]linW, L)
	d, ff, hd := c.HiddenSize, c.IntermediateSize, c.Head()
	qd, kvd := c.NumAttentionHeads*hd, c.NumKeyValueHeads*hd
	dims := [numMods][2]int{{d, qd}, {d, kvd}, {d, kvd}, {qd, d}, {d, ff}, {d, ff}, {ff, d}} // in, out
	maxW, anyNF4 := 0, false
	for l := range L {
		for i, name := range []string{"input_layernorm", "post_attention_layernorm"} {
			w, err := param(fmt.Sprintf("model.layers.%d.%s.weight", l, name))
			if err != nil {
				return nil, err
			}
			b, err := upload(F32DType, w)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				e.attnNorm[l] = b
			} else {
				e.mlpNorm[l] = b
			}
		}
		e.lin[l] = make([]linW, numMods)
		for k := range numMods {
			lw := linW{in: dims[k][0], out: dims[k][1]}
			name := modulePath(l, k) + ".weight"
			maxW = max(maxW, lw.in*lw.out)
			if q := m.NF4(name); q != nil {
				if lw.nf4, err = e.uploadNF4(q.Storage()); err != nil {
					return nil, err
				}
				anyNF4 = true
			} else {
				w, err := param(name)
				if err != nil {
					return nil, err
				}
				if lw.w, err = upload(e.wdt, w); err != nil {
					return nil, err
				}
			}
			e.lin[l][k] = lw
		}
	}
	nw, err := param("model.norm.weight")
	if err != nil {
		return nil, err
	}
	if e.norm, err = upload(F32DType, nw); err != nil {
		return nil, err
	}
	headName := "lm_head.weight"
	if c.TieWordEmbeddings {
		headName = "model.embed_tokens.weight"
	}
	hw, err := param(headName)
	if err != nil {
		return nil, err
	}
	if e.head, err = upload(e.wdt, hw); err != nil {
		return nil, err
	}
	cos, sin := lora.RoPETables(m)
	if e.cos, err = upload(F32DType, cos); err != nil {
		return nil, err
	}
	if e.sin, err = upload(F32DType, sin); err != nil {
		return nil, err
	}
	if anyNF4 {
		if e.wScratch, err = e.alloc(e.wdt, maxW); err != nil {
			return nil, err
		}
	}
	ok = true
	return e, nil
}

// alloc allocates a buffer the engine frees on Close.
func (e *Engine) alloc(dt DType, n int) (Buf, error) {
	b, err := e.be.Alloc(dt, n)
	if err != nil {
		return b, err
	}
	e.owned = append(e.owned, b)
	return b, nil
}

func (e *Engine) uploadNF4(s lora.NF4Storage) (*NF4Buf, error) {
	t := &NF4Buf{N: s.Rows * s.Cols, Offset: s.Offset, Double: s.QAbsmax != nil}
	var err error
	if t.Data, err = e.alloc(U8DType, len(s.Data)); err != nil {
		return nil, err
	}
	if err := e.be.Upload(t.Data, s.Data); err != nil {
		return nil, err
	}
	if !t.Double {
		if t.Absmax, err = e.alloc(F32DType, len(s.Absmax)); err != nil {
			return nil, err
		}
		return t, e.be.Upload(t.Absmax, s.Absmax)
	}
	if t.QAbsmax, err = e.alloc(U8DType, len(s.QAbsmax)); err != nil {
		return nil, err
	}
	if err := e.be.Upload(t.QAbsmax, s.QAbsmax); err != nil {
		return nil, err
	}
	if t.Absmax2, err = e.alloc(F32DType, len(s.Absmax2)); err != nil {
		return nil, err
	}
	if err := e.be.Upload(t.Absmax2, s.Absmax2); err != nil {
		return nil, err
	}
	if e.dyn.n == 0 {
		code := lora.NF4DynamicCode()
		if e.dyn, err = e.alloc(F32DType, len(code)); err != nil {
			return nil, err
		}
		if err := e.be.Upload(e.dyn, code[:]); err != nil {
			return nil, err
		}
	}
	t.DynCode = e.dyn
	return t, nil
}

// Close frees everything the engine holds on the backend.
func (e *Engine) Close() {
	e.freePass()
	for _, b := range e.owned {
		e.be.Free(b)
	}
	e.owned = nil
}

// Attach puts adapter a (its current weights) on the backend with zeroed
// gradients, and the optimizer state of adam (zeros when adam has none
// yet). The adapter must have no dropout.
func (e *Engine) Attach(a *lora.Adapter, adam *lora.AdamW) error {
	if e.adapter != nil {
		return errors.New("cuda: engine: an adapter is already attached")
	}
	if a.Config.Dropout > 0 {
		return fmt.Errorf("cuda: engine: adapter dropout %v is not supported on the GPU yet (train with dropout 0)", a.Config.Dropout)
	}
	params := a.Params()
	kinds := map[string]int{}
	for i, n := range modNames {
		kinds[n] = i
	}
	e.mods = make([][]*adMod, e.cfg.NumHiddenLayers)
	for l := range e.mods {
		e.mods[l] = make([]*adMod, numMods)
	}
	total := 0
	e.paramOff, e.paramLen = make([]int, len(params)), make([]int, len(params))
	for i, p := range params {
		e.paramOff[i], e.paramLen[i] = total, len(p.W)
		total += len(p.W)
	}
	// Params are by layer, then module, A before B.
	i := 0
	for l := range e.cfg.NumHiddenLayers {
		for _, t := range a.Config.Targets {
			k, ok := kinds[t]
			if !ok || i+1 >= len(params) {
				return fmt.Errorf("cuda: engine: adapter target %q not understood", t)
			}
			want := modulePath(l, k) + ".lora_A.weight"
			if !strings.HasSuffix(params[i].Name, want) || !strings.HasSuffix(params[i+1].Name, modulePath(l, k)+".lora_B.weight") {
				return fmt.Errorf("cuda: engine: adapter tensor %s where %s was expected", params[i].Name, want)
			}
			lw := e.lin[l][k]
			e.mods[l][k] = &adMod{in: lw.in, out: lw.out, paramIndex: i}
			i += 2
		}
	}
	if i != len(params) {
		return fmt.Errorf("cuda: engine: adapter has %d tensors, its targets account for %d", len(params), i)
	}
	e.freePass() // its buffers have no room for the LoRA path
	var err error
	for _, b := range []*Buf{&e.flatW, &e.flatG, &e.flatM, &e.flatV} {
		if *b, err = e.alloc(F32DType, total); err != nil {
			return err
		}
	}
	host := make([]float32, total)
	for i, p := range params {
		copy(host[e.paramOff[i]:], p.W)
	}
	if err := e.be.Upload(e.flatW, host); err != nil {
		return err
	}
	for _, st := range []struct {
		dst Buf
		src [][]float32
	}{{e.flatM, adam.M}, {e.flatV, adam.V}} {
		if st.src == nil {
			if err := e.be.Zero(st.dst); err != nil {
				return err
			}
			continue
		}
		clear(host)
		for i, s := range st.src {
			copy(host[e.paramOff[i]:], s)
		}
		if err := e.be.Upload(st.dst, host); err != nil {
			return err
		}
	}
	if err := e.be.Zero(e.flatG); err != nil {
		return err
	}
	for l := range e.mods {
		for _, md := range e.mods[l] {
			if md == nil {
				continue
			}
			ia, ib := md.paramIndex, md.paramIndex+1
			md.a, md.b = e.flatW.Slice(e.paramOff[ia], e.paramLen[ia]), e.flatW.Slice(e.paramOff[ib], e.paramLen[ib])
			md.ga, md.gb = e.flatG.Slice(e.paramOff[ia], e.paramLen[ia]), e.flatG.Slice(e.paramOff[ib], e.paramLen[ib])
		}
	}
	e.adapter = a
	e.rank = a.Config.Rank
	e.scale = float32(a.Config.Scale())
	return nil
}

// SyncAdapter copies the adapter's weights back into its host tensors
// and, when adam is not nil, the moments into adam.M and adam.V.
func (e *Engine) SyncAdapter(adam *lora.AdamW) error {
	if e.adapter == nil {
		return errors.New("cuda: engine: no adapter attached")
	}
	params := e.adapter.Params()
	host := make([]float32, e.flatW.n)
	if err := e.be.Download(host, e.flatW); err != nil {
		return err
	}
	for i, p := range params {
		copy(p.W, host[e.paramOff[i]:e.paramOff[i]+e.paramLen[i]])
	}
	if adam == nil {
		return nil
	}
	for _, st := range []struct {
		src Buf
		dst *[][]float32
	}{{e.flatM, &adam.M}, {e.flatV, &adam.V}} {
		if err := e.be.Download(host, st.src); err != nil {
			return err
		}
		if *st.dst == nil {
			*st.dst = make([][]float32, len(params))
		}
		for i := range params {
			if len((*st.dst)[i]) != e.paramLen[i] {
				(*st.dst)[i] = make([]float32, e.paramLen[i])
			}
			copy((*st.dst)[i], host[e.paramOff[i]:e.paramOff[i]+e.paramLen[i]])
		}
	}
	return nil
}

// Gradients returns the adapter's gradients from the last backward pass,
// one slice per tensor of Adapter.Params.
func (e *Engine) Gradients() ([][]float32, error) {
	if e.adapter == nil {
		return nil, errors.New("cuda: engine: no adapter attached")
	}
	host := make([]float32, e.flatG.n)
	if err := e.be.Download(host, e.flatG); err != nil {
		return nil, err
	}
	out := make([][]float32, len(e.paramOff))
	for i := range out {
		out[i] = host[e.paramOff[i] : e.paramOff[i]+e.paramLen[i]]
	}
	return out, nil
}

// passBufs are a pass's activations (kept for the backward pass) and the
// backward pass's scratch, sized for up to cap rows.
type passBufs struct {
	cap, B, T                                               int
	adapter                                                 bool
	tokens                                                  []int
	x                                                       []Buf // residual stream entering each layer (L+1)
	xn1, q, k, v, att, lse, mid, xn2, gate, up, act, r1, r2 []Buf
	h                                                       [][]Buf // [layer][module] the LoRA path's rank-r activation
	xf, rf                                                  Buf
	logits                                                  Buf
	rowLse                                                  Buf // each logits row's log-sum-exp (SeqLogProbs)
	targets                                                 Buf
	pos                                                     Buf
	posT                                                    int

	dx, dmid, dxn, dtmp, dq, datt, dk, dv, dgate, dup, dact, g, ascr Buf
	xb, dyb                                                          Buf // bf16 staging
	bufs                                                             []Buf
}

func (e *Engine) freePass() {
	if e.pass == nil {
		return
	}
	for _, b := range e.pass.bufs {
		e.be.Free(b)
	}
	e.pass = nil
}

// ensurePass makes the pass buffers hold at least n rows.
func (e *Engine) ensurePass(n int) error {
	if e.pass != nil && e.pass.cap >= n {
		return nil
	}
	e.freePass()
	c := &e.cfg
	L, d, ff, hd, V := c.NumHiddenLayers, c.HiddenSize, c.IntermediateSize, c.Head(), c.VocabSize
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	p := &passBufs{cap: n}
	var err error
	al := func(dt DType, k int) Buf {
		if err != nil {
			return Buf{}
		}
		var b Buf
		b, err = e.be.Alloc(dt, k)
		if err == nil {
			p.bufs = append(p.bufs, b)
		}
		return b
	}
	layer := func(k int) []Buf {
		s := make([]Buf, L)
		for i := range s {
			s[i] = al(F32DType, k)
		}
		return s
	}
	p.x = make([]Buf, L+1)
	for i := range p.x {
		p.x[i] = al(F32DType, n*d)
	}
	p.xn1, p.q, p.k, p.v = layer(n*d), layer(n*qd), layer(n*kvd), layer(n*kvd)
	p.att, p.lse, p.mid, p.xn2 = layer(n*qd), layer(n*nH), layer(n*d), layer(n*d)
	p.gate, p.up, p.act = layer(n*ff), layer(n*ff), layer(n*ff)
	p.r1, p.r2 = layer(n), layer(n)
	p.h = make([][]Buf, L)
	for l := range L {
		p.h[l] = make([]Buf, numMods)
		for k := range numMods {
			if e.mods != nil && e.mods[l][k] != nil {
				p.h[l][k] = al(F32DType, n*e.rank)
			}
		}
	}
	p.xf, p.rf, p.logits, p.rowLse = al(F32DType, n*d), al(F32DType, n), al(F32DType, n*V), al(F32DType, n)
	p.targets, p.pos = al(I32DType, n), al(I32DType, n)
	p.dx, p.dmid, p.dxn, p.dtmp = al(F32DType, n*d), al(F32DType, n*d), al(F32DType, n*d), al(F32DType, n*d)
	p.dq, p.datt, p.dk, p.dv = al(F32DType, n*qd), al(F32DType, n*qd), al(F32DType, n*kvd), al(F32DType, n*kvd)
	p.dgate, p.dup, p.dact = al(F32DType, n*ff), al(F32DType, n*ff), al(F32DType, n*ff)
	p.g, p.ascr = al(F32DType, n*max(e.rank, 1)), al(F32DType, n*nH)
	if e.prec == BF16 {
		wide := n * max(d, qd, ff, V)
		p.xb, p.dyb = al(BF16DType, wide), al(BF16DType, wide)
	}
	if err != nil {
		for _, b := range p.bufs {
			e.be.Free(b)
		}
		return err
	}
	e.pass = p
	return nil
}

// weight returns projection lw's weight in the engine's type, dequantising
// an NF4 one into the scratch buffer.
func (e *Engine) weight(lw *linW) (Buf, error) {
	if lw.nf4 == nil {
		return lw.w, nil
	}
	w := e.wScratch.Slice(0, lw.in*lw.out)
	return w, e.be.DequantizeNF4(w, *lw.nf4)
}

// linFwd computes y = x·Wᵀ for n rows, plus the LoRA path when the pass
// uses the adapter; xb is x rounded to bf16 (BF16 only), shared by the
// projections that read the same input.
func (e *Engine) linFwd(l, k int, y, x, xb Buf, n int) error {
	lw := &e.lin[l][k]
	W, err := e.weight(lw)
	if err != nil {
		return err
	}
	in, out := lw.in, lw.out
	if e.prec == BF16 {
		err = e.be.Gemm(false, true, n, out, in, xb, in, W, in, 0, y, out)
	} else {
		err = e.be.Gemm(false, true, n, out, in, x, in, W, in, 0, y, out)
	}
	if err != nil {
		return err
	}
	md := e.modOf(l, k)
	if md == nil || !e.pass.adapter {
		return nil
	}
	r := e.rank
	h := e.pass.h[l][k].Slice(0, n*r)
	if err := e.be.Gemm(false, true, n, r, in, x, in, md.a, in, 0, h, r); err != nil {
		return err
	}
	if err := e.be.Scale(h, e.scale); err != nil {
		return err
	}
	return e.be.Gemm(false, true, n, out, r, h, r, md.b, r, 1, y, out)
}

func (e *Engine) modOf(l, k int) *adMod {
	if e.mods == nil {
		return nil
	}
	return e.mods[l][k]
}

// linBwd writes (beta 0) or adds (beta 1) dy·W into dx when needDx, plus
// the LoRA path's input gradient, and accumulates the adapter's
// gradients, in the order lora's backward pass takes them.
func (e *Engine) linBwd(l, k int, dx, dy, x Buf, n int, beta float32, needDx bool) error {
	lw := &e.lin[l][k]
	in, out := lw.in, lw.out
	if needDx {
		W, err := e.weight(lw)
		if err != nil {
			return err
		}
		if e.prec == BF16 {
			dyb := e.pass.dyb.Slice(0, n*out)
			if err := e.be.ToBF16(dyb, dy); err != nil {
				return err
			}
			err = e.be.Gemm(false, false, n, in, out, dyb, out, W, in, beta, dx, in)
		} else {
			err = e.be.Gemm(false, false, n, in, out, dy, out, W, in, beta, dx, in)
		}
		if err != nil {
			return err
		}
	}
	md := e.modOf(l, k)
	if md == nil {
		return nil
	}
	r := e.rank
	h := e.pass.h[l][k].Slice(0, n*r)
	g := e.pass.g.Slice(0, n*r)
	if err := e.be.Gemm(true, false, out, r, n, dy, out, h, r, 1, md.gb, r); err != nil { // dB += dyᵀ·h
		return err
	}
	if err := e.be.Gemm(false, false, n, r, out, dy, out, md.b, r, 0, g, r); err != nil { // g = dy·B
		return err
	}
	if err := e.be.Scale(g, e.scale); err != nil {
		return err
	}
	if err := e.be.Gemm(true, false, r, in, n, g, r, x, in, 1, md.ga, in); err != nil { // dA += gᵀ·x
		return err
	}
	if !needDx {
		return nil
	}
	return e.be.Gemm(false, false, n, in, r, g, r, md.a, in, 1, dx, in) // dx += g·A
}

// toBF16 rounds x into the bf16 staging buffer (BF16 only) and returns
// the staged view.
func (e *Engine) toBF16(x Buf) (Buf, error) {
	if e.prec != BF16 {
		return Buf{}, nil
	}
	xb := e.pass.xb.Slice(0, x.n)
	return xb, e.be.ToBF16(xb, x)
}

// Forward runs the model over B sequences of T tokens (row-major), with
// the attached adapter or without (the reference), keeping what Backward
// needs; the logits stay on the backend (Logits).
func (e *Engine) Forward(tokens []int, B, T int, withAdapter bool) error {
	c := &e.cfg
	N := B * T
	if len(tokens) != N || B <= 0 || T <= 0 {
		return fmt.Errorf("cuda: forward: %d tokens for %d sequences of %d", len(tokens), B, T)
	}
	if T > c.MaxPositionEmbeddings {
		return fmt.Errorf("cuda: forward: %d tokens exceed max_position_embeddings %d", T, c.MaxPositionEmbeddings)
	}
	if withAdapter && e.adapter == nil {
		return errors.New("cuda: forward: no adapter attached")
	}
	d, ff, hd, V := c.HiddenSize, c.IntermediateSize, c.Head(), c.VocabSize
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)
	for i, t := range tokens {
		if t < 0 || t >= V {
			return fmt.Errorf("cuda: forward: token %d at %d outside vocabulary of %d", t, i, V)
		}
	}
	if err := e.ensurePass(N); err != nil {
		return err
	}
	p := e.pass
	p.B, p.T, p.adapter = B, T, withAdapter
	p.tokens = append(p.tokens[:0], tokens...)
	be := e.be
	if p.posT != T {
		pos := make([]int32, p.cap)
		for i := range pos {
			pos[i] = int32(i % T)
		}
		if err := be.Upload(p.pos, pos); err != nil {
			return err
		}
		p.posT = T
	}
	pos := p.pos.Slice(0, N)
	x0 := make([]float32, N*d)
	for i, t := range tokens {
		copy(x0[i*d:(i+1)*d], e.embed[t*d:(t+1)*d])
	}
	if err := be.Upload(p.x[0], x0); err != nil {
		return err
	}
	sl := func(b Buf, k int) Buf { return b.Slice(0, N*k) }
	for l := range c.NumHiddenLayers {
		x, xn1, q, k, v := sl(p.x[l], d), sl(p.xn1[l], d), sl(p.q[l], qd), sl(p.k[l], kvd), sl(p.v[l], kvd)
		att, mid, xn2 := sl(p.att[l], qd), sl(p.mid[l], d), sl(p.xn2[l], d)
		gate, up, act, next := sl(p.gate[l], ff), sl(p.up[l], ff), sl(p.act[l], ff), sl(p.x[l+1], d)
		if err := be.RMSNorm(xn1, p.r1[l], x, e.attnNorm[l], N, d, eps); err != nil {
			return err
		}
		xb, err := e.toBF16(xn1)
		if err != nil {
			return err
		}
		for _, pr := range []struct {
			k int
			y Buf
		}{{0, q}, {1, k}, {2, v}} {
			if err := e.linFwd(l, pr.k, pr.y, xn1, xb, N); err != nil {
				return err
			}
		}
		if err := be.RoPE(q, pos, e.cos, e.sin, N, nH, hd, false); err != nil {
			return err
		}
		if err := be.RoPE(k, pos, e.cos, e.sin, N, nKV, hd, false); err != nil {
			return err
		}
		if err := be.Attention(att, sl(p.lse[l], nH), q, k, v, B, T, nH, nKV, hd); err != nil {
			return err
		}
		if xb, err = e.toBF16(att); err != nil {
			return err
		}
		if err := e.linFwd(l, 3, mid, att, xb, N); err != nil {
			return err
		}
		if err := be.AddScaled(mid, x, 1); err != nil {
			return err
		}
		if err := be.RMSNorm(xn2, p.r2[l], mid, e.mlpNorm[l], N, d, eps); err != nil {
			return err
		}
		if xb, err = e.toBF16(xn2); err != nil {
			return err
		}
		if err := e.linFwd(l, 4, gate, xn2, xb, N); err != nil {
			return err
		}
		if err := e.linFwd(l, 5, up, xn2, xb, N); err != nil {
			return err
		}
		if err := be.SwiGLU(act, gate, up); err != nil {
			return err
		}
		if xb, err = e.toBF16(act); err != nil {
			return err
		}
		if err := e.linFwd(l, 6, next, act, xb, N); err != nil {
			return err
		}
		if err := be.AddScaled(next, mid, 1); err != nil {
			return err
		}
	}
	xf, logits := sl(p.xf, d), sl(p.logits, V)
	if err := be.RMSNorm(xf, p.rf, sl(p.x[c.NumHiddenLayers], d), e.norm, N, d, eps); err != nil {
		return err
	}
	if e.prec == BF16 {
		xb, err := e.toBF16(xf)
		if err != nil {
			return err
		}
		return be.Gemm(false, true, N, V, d, xb, d, e.head, d, 0, logits, V)
	}
	return be.Gemm(false, true, N, V, d, xf, d, e.head, d, 0, logits, V)
}

// Logits downloads the last forward pass's logits ([B·T, vocab]).
func (e *Engine) Logits() ([]float32, error) {
	if e.pass == nil || e.pass.B == 0 {
		return nil, errors.New("cuda: no forward pass yet")
	}
	p := e.pass
	out := make([]float32, p.B*p.T*e.cfg.VocabSize)
	return out, e.be.Download(out, p.logits.Slice(0, len(out)))
}

// SeqLogProbs returns each sequence's summed log-probability of its
// targets (ints, −1 for none, as lora.DPOBatch lays them out) under the
// last forward pass.
func (e *Engine) SeqLogProbs(targets []int) ([]float64, error) {
	p := e.pass
	if p == nil || p.B == 0 {
		return nil, errors.New("cuda: no forward pass yet")
	}
	N := p.B * p.T
	if len(targets) != N {
		return nil, fmt.Errorf("cuda: %d targets for %d rows", len(targets), N)
	}
	t32 := make([]int32, N)
	for i, t := range targets {
		t32[i] = int32(t)
	}
	if err := e.be.Upload(p.targets, t32); err != nil {
		return nil, err
	}
	V := e.cfg.VocabSize
	return e.be.SeqLogProbs(p.rowLse.Slice(0, N), p.logits.Slice(0, N*V), p.targets.Slice(0, N), p.B, p.T, V)
}

// Backward takes the derivative of the loss with respect to each
// sequence's summed log-probability (the targets of the last
// SeqLogProbs call) and leaves the adapter's gradients in the engine
// (zeroed first). The last forward pass must have used the adapter.
func (e *Engine) Backward(dlogp []float64) error {
	p := e.pass
	if p == nil || p.B == 0 || !p.adapter {
		return errors.New("cuda: backward: no forward pass with the adapter")
	}
	if len(dlogp) != p.B {
		return fmt.Errorf("cuda: backward: %d derivatives for %d sequences", len(dlogp), p.B)
	}
	c := &e.cfg
	B, T := p.B, p.T
	N := B * T
	L, d, ff, hd, V := c.NumHiddenLayers, c.HiddenSize, c.IntermediateSize, c.Head(), c.VocabSize
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)
	be := e.be
	sl := func(b Buf, k int) Buf { return b.Slice(0, N*k) }
	scale := make([]float32, B)
	for s, g := range dlogp {
		scale[s] = float32(-g)
	}
	if err := be.Zero(e.flatG); err != nil {
		return err
	}
	logits := sl(p.logits, V)
	if err := be.LogProbsBackward(logits, logits, sl(p.targets, 1), sl(p.rowLse, 1), scale, B, T, V); err != nil {
		return err
	}
	dx, dmid, dxn, dtmp := sl(p.dx, d), sl(p.dmid, d), sl(p.dxn, d), sl(p.dtmp, d)
	dq, datt, dk, dv := sl(p.dq, qd), sl(p.datt, qd), sl(p.dk, kvd), sl(p.dv, kvd)
	dgate, dup, dact := sl(p.dgate, ff), sl(p.dup, ff), sl(p.dact, ff)
	// logits = xf·headᵀ
	if e.prec == BF16 {
		db := p.dyb.Slice(0, N*V)
		if err := be.ToBF16(db, logits); err != nil {
			return err
		}
		if err := be.Gemm(false, false, N, d, V, db, V, e.head, d, 0, dxn, d); err != nil {
			return err
		}
	} else if err := be.Gemm(false, false, N, d, V, logits, V, e.head, d, 0, dxn, d); err != nil {
		return err
	}
	if err := be.RMSNormBackward(dx, dxn, sl(p.x[L], d), e.norm, p.rf, N, d, eps); err != nil {
		return err
	}
	for l := L - 1; l >= 0; l-- {
		x, xn1, q, k, v := sl(p.x[l], d), sl(p.xn1[l], d), sl(p.q[l], qd), sl(p.k[l], kvd), sl(p.v[l], kvd)
		att, mid, xn2 := sl(p.att[l], qd), sl(p.mid[l], d), sl(p.xn2[l], d)
		gate, up, act := sl(p.gate[l], ff), sl(p.up[l], ff), sl(p.act[l], ff)
		// Below layer 0 nothing is trained, so its input gradient is not
		// needed; the adapter's gradients are the same either way.
		needDx := l > 0
		if err := e.linBwd(l, 6, dact, dx, act, N, 0, true); err != nil {
			return err
		}
		if err := be.SwiGLUBackward(dgate, dup, dact, gate, up); err != nil {
			return err
		}
		if err := e.linBwd(l, 4, dxn, dgate, xn2, N, 0, true); err != nil {
			return err
		}
		if err := e.linBwd(l, 5, dxn, dup, xn2, N, 1, true); err != nil {
			return err
		}
		if err := be.RMSNormBackward(dtmp, dxn, mid, e.mlpNorm[l], p.r2[l], N, d, eps); err != nil {
			return err
		}
		if err := be.Copy(dmid, dx); err != nil {
			return err
		}
		if err := be.AddScaled(dmid, dtmp, 1); err != nil {
			return err
		}
		if err := e.linBwd(l, 3, datt, dmid, att, N, 0, true); err != nil {
			return err
		}
		if err := be.AttentionBackward(dq, dk, dv, datt, att, sl(p.lse[l], nH), q, k, v, sl(p.ascr, nH), B, T, nH, nKV, hd); err != nil {
			return err
		}
		if err := be.RoPE(dq, sl(p.pos, 1), e.cos, e.sin, N, nH, hd, true); err != nil {
			return err
		}
		if err := be.RoPE(dk, sl(p.pos, 1), e.cos, e.sin, N, nKV, hd, true); err != nil {
			return err
		}
		if err := e.linBwd(l, 0, dxn, dq, xn1, N, 0, needDx); err != nil {
			return err
		}
		if err := e.linBwd(l, 1, dxn, dk, xn1, N, 1, needDx); err != nil {
			return err
		}
		if err := e.linBwd(l, 2, dxn, dv, xn1, N, 1, needDx); err != nil {
			return err
		}
		if !needDx {
			break
		}
		if err := be.RMSNormBackward(dtmp, dxn, x, e.attnNorm[l], p.r1[l], N, d, eps); err != nil {
			return err
		}
		if err := be.Copy(dx, dmid); err != nil {
			return err
		}
		if err := be.AddScaled(dx, dtmp, 1); err != nil {
			return err
		}
	}
	return nil
}

// GradNormSquared is Σ g² over the adapter's gradients, in float64.
func (e *Engine) GradNormSquared() (float64, error) { return e.be.SumSquares(e.flatG) }

// Step applies one AdamW update of adam's settings (Steps counts it) with
// learning rate lr to the adapter, given the gradient norm before
// clipping: lora.AdamW.Step on the backend.
func (e *Engine) Step(adam *lora.AdamW, lr, norm float64) error {
	or := func(v, def float64) float64 {
		if v == 0 {
			return def
		}
		return v
	}
	clip := 1.0
	if adam.ClipNorm > 0 && norm > adam.ClipNorm {
		clip = adam.ClipNorm / norm
	}
	adam.Steps++
	// Every adapter tensor is a matrix, so all take the weight decay.
	return e.be.AdamW(e.flatW, e.flatG, e.flatM, e.flatV, or(adam.Beta1, 0.9), or(adam.Beta2, 0.999), or(adam.Eps, 1e-8),
		lr, adam.WeightDecay, clip, adam.Steps)
}
