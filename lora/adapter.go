package lora

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/rlfc/arena/lora/ops"
)

// LoRA adapters (Hu et al. 2021) in PEFT's conventions.
//
// An adapter adds to chosen projections of every layer a low-rank path:
//
//	y = x·Wᵀ + b + scale·(dropout(x)·Aᵀ)·Bᵀ,  A [r, in], B [out, r]
//
// with scale = alpha/r (or alpha/√r with rsLoRA). A starts as
// Kaiming-uniform with a = √5, i.e. U(−1/√in, 1/√in), as PEFT initialises
// it, and B starts at zero, so a fresh adapter leaves the model unchanged.
//
// Dropout is stateless: whether element e (row·in + column) of a
// projection's input is dropped at a given step is a hash of (adapter seed,
// step, layer, module, e) — see dropoutKey — so any training step can be
// re-run from a checkpoint and give the same bits. It applies only in
// training mode (Model.SetTraining); generation never drops.

// Module names, in their fixed order.
const (
	modQ = iota
	modK
	modV
	modO
	modGate
	modUp
	modDown
	numModules
)

var moduleNames = [numModules]string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}

// Modules returns the names of the projections an adapter can target, in
// model order.
func Modules() []string { return slices.Clone(moduleNames[:]) }

// moduleIndex returns the index of a module name, or -1.
func moduleIndex(name string) int {
	for i, n := range moduleNames {
		if n == name {
			return i
		}
	}
	return -1
}

// modulePath is the Hugging Face path of a module inside layer l.
func modulePath(l, kind int) string {
	group := "self_attn."
	if kind >= modGate {
		group = "mlp."
	}
	return fmt.Sprintf("model.layers.%d.%s%s", l, group, moduleNames[kind])
}

// lin returns the projection of the given kind.
func (ly *layer) lin(kind int) *linear {
	switch kind {
	case modQ:
		return &ly.q
	case modK:
		return &ly.k
	case modV:
		return &ly.v
	case modO:
		return &ly.o
	case modGate:
		return &ly.gate
	case modUp:
		return &ly.up
	default:
		return &ly.down
	}
}

// AdapterConfig describes a LoRA adapter. Zero fields take the defaults
// named on each.
type AdapterConfig struct {
	// Rank is r; zero means 8.
	Rank int
	// Alpha is lora_alpha; zero means 2·Rank (a scale of 2). PEFT's own
	// default is 8 whatever the rank.
	Alpha float64
	// Dropout is the probability of dropping an input element of the LoRA
	// path in training, in [0, 1).
	Dropout float64
	// Targets are the module names to adapt, from "q_proj", "k_proj",
	// "v_proj", "o_proj", "gate_proj", "up_proj" and "down_proj"; empty
	// means q_proj and v_proj (PEFT's default for Llama).
	Targets []string
	// RSLoRA scales by alpha/√r instead of alpha/r.
	RSLoRA bool
	// BaseModel is written to adapter_config.json as
	// base_model_name_or_path.
	BaseModel string
}

// maxRank bounds the rank, so that a bad configuration cannot ask for
// absurd allocations.
const maxRank = 1 << 16

// normalized fills in defaults, puts Targets in module order and checks
// the configuration.
func (c AdapterConfig) normalized() (AdapterConfig, error) {
	if c.Rank == 0 {
		c.Rank = 8
	}
	if c.Alpha == 0 {
		c.Alpha = 2 * float64(c.Rank)
	}
	if len(c.Targets) == 0 {
		c.Targets = []string{"q_proj", "v_proj"}
	}
	switch {
	case c.Rank < 0 || c.Rank > maxRank:
		return c, fmt.Errorf("rank r = %d must be in [1, %d]", c.Rank, maxRank)
	case math.IsNaN(c.Alpha) || math.IsInf(c.Alpha, 0) || c.Alpha <= 0:
		return c, fmt.Errorf("lora_alpha %v must be positive and finite", c.Alpha)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return c, fmt.Errorf("lora_dropout %v must be in [0, 1)", c.Dropout)
	}
	var seen [numModules]bool
	for _, t := range c.Targets {
		i := moduleIndex(t)
		if i < 0 {
			return c, fmt.Errorf("unknown target module %q (want some of %v)", t, moduleNames)
		}
		if seen[i] {
			return c, fmt.Errorf("target module %q listed twice", t)
		}
		seen[i] = true
	}
	c.Targets = nil
	for i, on := range seen {
		if on {
			c.Targets = append(c.Targets, moduleNames[i])
		}
	}
	return c, nil
}

// Scale is the factor of the LoRA path: Alpha/Rank, or Alpha/√Rank with
// RSLoRA.
func (c *AdapterConfig) Scale() float64 {
	if c.RSLoRA {
		return c.Alpha / math.Sqrt(float64(c.Rank))
	}
	return c.Alpha / float64(c.Rank)
}

// Adapter is a LoRA adapter for a model of a given shape. Its Config must
// not be changed after it is made. An Adapter may be attached to a Model
// (SetAdapter) and trained through it; it must not be used concurrently
// with a training step that updates it.
type Adapter struct {
	Config AdapterConfig

	seed   uint64
	step   uint64
	layers int
	mods   []*loraModule // in Params order
	params []*Param
}

// loraModule is the adapter's pair of matrices on one projection.
type loraModule struct {
	ad           *Adapter
	layer, kind  int
	in, out      int
	a, b         *Param
	aName, bName string
}

// peftName is the tensor name PEFT uses for a LoRA matrix ("A" or "B").
func peftName(l, kind int, which string) string {
	return "base_model.model." + modulePath(l, kind) + ".lora_" + which + ".weight"
}

// newAdapter makes an adapter with zeroed matrices for the model's shape.
func newAdapter(m *Model, cfg AdapterConfig, seed uint64) *Adapter {
	a := &Adapter{Config: cfg, seed: seed, layers: len(m.layers)}
	r := cfg.Rank
	for l := range m.layers {
		for _, t := range cfg.Targets {
			kind := moduleIndex(t)
			lin := m.layers[l].lin(kind)
			mod := &loraModule{ad: a, layer: l, kind: kind, in: lin.in, out: lin.out}
			mod.a = &Param{Name: peftName(l, kind, "A"), Shape: []int{r, lin.in}, W: make([]float32, r*lin.in)}
			mod.b = &Param{Name: peftName(l, kind, "B"), Shape: []int{lin.out, r}, W: make([]float32, lin.out*r)}
			a.mods = append(a.mods, mod)
			a.params = append(a.params, mod.a, mod.b)
		}
	}
	return a
}

// NewAdapter makes an adapter for m, initialised as PEFT does (A
// Kaiming-uniform, B zero) from a stream seeded with seed; seed also seeds
// the dropout masks. The returned Config has its defaults filled in.
func NewAdapter(m *Model, cfg AdapterConfig, seed uint64) (*Adapter, error) {
	c, err := cfg.normalized()
	if err != nil {
		return nil, fmt.Errorf("lora: new adapter: %w", err)
	}
	a := newAdapter(m, c, seed)
	rng := rand.New(rand.NewPCG(seed, 0x6c6f72612d41)) // "lora-A"
	for _, mod := range a.mods {
		// kaiming_uniform_(a=√5): bound = √(2/(1+5))·√(3/fan_in) = 1/√fan_in.
		bound := 1 / math.Sqrt(float64(mod.in))
		for i := range mod.a.W {
			mod.a.W[i] = float32(bound * (2*rng.Float64() - 1))
		}
	}
	return a, nil
}

// Params returns the adapter's tensors in a fixed order — by layer, then
// module (q, k, v, o, gate, up, down), A before B — named as PEFT names
// them.
func (a *Adapter) Params() []*Param { return a.params }

// SetTrainable gives the adapter's tensors zeroed gradient buffers (on) or
// drops them (off). The base model's tensors are not touched.
func (a *Adapter) SetTrainable(on bool) {
	for _, p := range a.params {
		if on {
			p.G = make([]float32, len(p.W))
		} else {
			p.G = nil
		}
	}
}

// ZeroGrad clears the adapter's gradients.
func (a *Adapter) ZeroGrad() {
	for _, p := range a.params {
		clear(p.G)
	}
}

// SetStep sets the position of the dropout stream: the masks of a training
// forward pass depend on the seed and this step only. A trainer calls it
// before each forward pass.
func (a *Adapter) SetStep(step uint64) { a.step = step }

// Step is the dropout stream position set by SetStep.
func (a *Adapter) Step() uint64 { return a.step }

// Seed is the seed the adapter was made with; it seeds the dropout masks.
func (a *Adapter) Seed() uint64 { return a.seed }

// Clone returns a deep copy of the adapter (weights, gradients, seed and
// step), attached to no model.
func (a *Adapter) Clone() *Adapter {
	c := &Adapter{Config: a.Config, seed: a.seed, step: a.step, layers: a.layers}
	c.Config.Targets = slices.Clone(a.Config.Targets)
	clone := func(p *Param) *Param {
		q := &Param{Name: p.Name, Shape: slices.Clone(p.Shape), W: slices.Clone(p.W)}
		if p.G != nil {
			q.G = slices.Clone(p.G)
		}
		return q
	}
	for _, mod := range a.mods {
		n := *mod
		n.ad = c
		n.a, n.b = clone(mod.a), clone(mod.b)
		c.mods = append(c.mods, &n)
		c.params = append(c.params, n.a, n.b)
	}
	return c
}

// checkShape reports whether the adapter fits the model, naming the first
// tensor that does not.
func (a *Adapter) checkShape(m *Model) error {
	if a.layers != len(m.layers) {
		return fmt.Errorf("adapter has %d layers, the model %d", a.layers, len(m.layers))
	}
	for _, mod := range a.mods {
		lin := m.layers[mod.layer].lin(mod.kind)
		if mod.in != lin.in || mod.out != lin.out {
			return fmt.Errorf("tensors %s %v and %s %v do not fit the model's %s [%d %d]",
				mod.a.Name, mod.a.Shape, mod.b.Name, mod.b.Shape, modulePath(mod.layer, mod.kind), lin.out, lin.in)
		}
	}
	return nil
}

// SetAdapter attaches a (after checking that it fits the model), so that
// Forward and Generate compute base + adapter; nil detaches the current
// adapter, giving back the base model exactly. Switching is cheap, so a
// trainer can detach the adapter around reference passes. A Pass keeps the
// adapter it was computed with, so its Backward is unaffected by a later
// switch. SetAdapter must not run concurrently with Forward or Generate.
func (m *Model) SetAdapter(a *Adapter) error {
	if a != nil {
		if err := a.checkShape(m); err != nil {
			return fmt.Errorf("lora: set adapter: %w", err)
		}
	}
	for l := range m.layers {
		for k := range numModules {
			m.layers[l].lin(k).lora = nil
		}
	}
	m.adapter = a
	if a == nil {
		return nil
	}
	for _, mod := range a.mods {
		m.layers[mod.layer].lin(mod.kind).lora = mod
	}
	return nil
}

// Adapter returns the attached adapter, or nil.
func (m *Model) Adapter() *Adapter { return m.adapter }

// SetTraining switches training mode (adapter dropout) on or off; it is off
// by default. Generation never applies dropout.
func (m *Model) SetTraining(on bool) { m.training = on }

// Training reports whether training mode is on.
func (m *Model) Training() bool { return m.training }

// Merge adds the adapter into the base weights, W += scale·B·A, so that the
// model without an adapter computes what it computed with a attached. The
// merged weights are fresh copies (weights memory-mapped from a file stay
// untouched), and a is detached if it was attached. Models with an NF4 base
// cannot be merged into.
func (m *Model) Merge(a *Adapter) error {
	if err := a.checkShape(m); err != nil {
		return fmt.Errorf("lora: merge: %w", err)
	}
	for _, mod := range a.mods {
		if m.layers[mod.layer].lin(mod.kind).nf4 != nil {
			return fmt.Errorf("lora: merge: %s.weight is NF4; merging needs float32 base weights", modulePath(mod.layer, mod.kind))
		}
	}
	scale := float32(a.Config.Scale())
	r := a.Config.Rank
	var tmp []float32
	for _, mod := range a.mods {
		w := m.layers[mod.layer].lin(mod.kind).w
		tmp = grow(tmp, mod.out*mod.in)
		ops.Gemm(false, false, mod.out, mod.in, r, mod.b.W, r, mod.a.W, mod.in, 0, tmp, mod.in)
		merged := slices.Clone(w.W)
		ops.Axpy(scale, tmp, merged)
		w.W = merged
	}
	if m.adapter == a {
		return m.SetAdapter(nil)
	}
	return nil
}

// loraState is what one projection's LoRA path keeps from a forward pass
// for the backward pass.
type loraState struct {
	mod   *loraModule // the module used; nil when the projection had none
	scale float32
	p     float64   // dropout probability applied; 0 when none
	key   uint64    // dropout stream of this projection and step
	h     []float32 // [n, r]: scale·dropout(x)·Aᵀ
	xd    []float32 // [n, in]: dropout(x), when p > 0
	mask  []uint64  // the dropout mask of xd, one bit per element
}

// loraScratch is backward-pass scratch shared by all projections.
type loraScratch struct {
	g, t []float32
}

// prepare readies st for a forward pass through mod (nil for none), with
// dropout when train is set and the adapter has any.
func (st *loraState) prepare(mod *loraModule, train bool) *loraState {
	st.mod, st.p = mod, 0
	if mod == nil {
		return st
	}
	st.scale = float32(mod.ad.Config.Scale())
	if train && mod.ad.Config.Dropout > 0 {
		st.p = mod.ad.Config.Dropout
		st.key = dropoutKey(mod.ad.seed, mod.ad.step, mod.layer, mod.kind)
	}
	return st
}

// forward adds the LoRA path for n rows of x to y.
func (st *loraState) forward(y, x []float32, n int) {
	mod := st.mod
	r := mod.ad.Config.Rank
	xd := x
	if st.p > 0 {
		st.xd = grow(st.xd, n*mod.in)
		if words := (n*mod.in + 63) / 64; cap(st.mask) < words {
			st.mask = make([]uint64, words)
		} else {
			st.mask = st.mask[:words]
		}
		dropout(st.xd, x[:n*mod.in], st.mask, st.key, st.p)
		xd = st.xd
	}
	st.h = grow(st.h, n*r)
	ops.Gemm(false, true, n, r, mod.in, xd, mod.in, mod.a.W, mod.in, 0, st.h, r)
	for i := range st.h {
		st.h[i] *= st.scale
	}
	ops.Gemm(false, true, n, mod.out, r, st.h, r, mod.b.W, r, 1, y, mod.out)
}

// backward adds the LoRA path's input gradient to dx and accumulates the
// gradients of A and B when they are trainable. x is the forward input.
func (st *loraState) backward(dx, dy, x []float32, n int, sc *loraScratch) {
	mod := st.mod
	r := mod.ad.Config.Rank
	in, out := mod.in, mod.out
	if mod.b.G != nil {
		// dB += dyᵀ·h
		ops.Gemm(true, false, out, r, n, dy, out, st.h, r, 1, mod.b.G, r)
	}
	// g = scale·dy·B
	sc.g = grow(sc.g, n*r)
	g := sc.g
	ops.Gemm(false, false, n, r, out, dy, out, mod.b.W, r, 0, g, r)
	for i := range g {
		g[i] *= st.scale
	}
	if mod.a.G != nil {
		xd := x
		if st.p > 0 {
			xd = st.xd
		}
		// dA += gᵀ·dropout(x)
		ops.Gemm(true, false, r, in, n, g, r, xd, in, 1, mod.a.G, in)
	}
	if st.p == 0 {
		ops.Gemm(false, false, n, in, r, g, r, mod.a.W, in, 1, dx, in)
		return
	}
	sc.t = grow(sc.t, n*in)
	t := sc.t
	ops.Gemm(false, false, n, in, r, g, r, mod.a.W, in, 0, t, in)
	addMasked(dx[:n*in], t, st.mask, float32(1/(1-st.p)))
}

// mix64 is SplitMix64's output function, a bijection of uint64 that
// scrambles every input bit into every output bit.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}

const golden = 0x9e3779b97f4a7c15

// dropoutKey names the dropout stream of one projection at one step:
//
//	k = mix(seed + γ); k = mix(k ^ mix(step + 2γ)); k = mix(k ^ mix(layer·256 + module + 3γ))
//
// with mix = SplitMix64's output function, γ = 0x9e3779b97f4a7c15 and
// module the index in q, k, v, o, gate, up, down order. Element e of the
// projection's [rows, in] input takes a uniform 32-bit number u from
// h = mix(k + (⌊e/2⌋+1)·γ) — the high half of h for even e, the low half
// for odd e — and is dropped when u < round(p·2³²); kept elements are
// scaled by 1/(1−p).
func dropoutKey(seed, step uint64, layer, kind int) uint64 {
	g := uint64(golden) // wrapping arithmetic from here on
	k := mix64(seed + g)
	k = mix64(k ^ mix64(step+2*g))
	return mix64(k ^ mix64(uint64(layer)<<8+uint64(kind)+3*g))
}

// dropout writes src with elements dropped (zero) or kept and scaled by
// 1/(1−p) into dst (dst may be src), and the mask, one bit per element (1
// kept, element e at bit e%64 of word e/64), into mask.
func dropout(dst, src []float32, mask []uint64, key uint64, p float64) {
	n := len(dst)
	src, mask = src[:n], mask[:(n+63)/64]
	thr := uint64(math.Round(p * (1 << 32)))
	keep := float32(1 / (1 - p))
	g := uint64(golden)
	ops.Parallel(len(mask), 64, func(lo, hi int) {
		for w := lo; w < hi; w++ {
			var bits uint64
			e0 := 64 * w
			for j := range 32 {
				h := mix64(key + uint64(e0/2+j+1)*g)
				if h>>32 >= thr {
					bits |= 1 << (2 * j)
				}
				if h&0xffffffff >= thr {
					bits |= 1 << (2*j + 1)
				}
			}
			if e1 := n - e0; e1 < 64 {
				bits &= 1<<e1 - 1
			}
			mask[w] = bits
			applyMask(dst[e0:min(n, e0+64)], src[e0:min(n, e0+64)], bits, keep, false)
		}
	})
}

// applyMask stores (or, with add, adds) src·keep into dst where the bit of
// the element in bits is set, and zero (nothing) where it is not; at most
// 64 elements.
func applyMask(dst, src []float32, bits uint64, keep float32, add bool) {
	src = src[:len(dst)]
	for i := range dst {
		v := src[i] * keep
		if bits>>i&1 == 0 {
			v = 0
		}
		if add {
			dst[i] += v
		} else {
			dst[i] = v
		}
	}
}

// addMasked adds src·mask·keep to dst.
func addMasked(dst, src []float32, mask []uint64, keep float32) {
	n := len(dst)
	src = src[:n]
	ops.Parallel((n+63)/64, 256, func(lo, hi int) {
		for w := lo; w < hi; w++ {
			e0, e1 := 64*w, min(n, 64*w+64)
			applyMask(dst[e0:e1], src[e0:e1], mask[w], keep, true)
		}
	})
}
