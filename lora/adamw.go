package lora

import (
	"math"

	"github.com/rlfc/arena/lora/ops"
)

// AdamW is Adam with decoupled weight decay (Loshchilov and Hutter) and
// optional clipping of the global gradient norm. Zero fields take the
// defaults named on each. It updates exactly the parameters that have a
// gradient buffer, in their fixed order, so a run is reproducible bit for
// bit.
type AdamW struct {
	Beta1 float64 // zero means 0.9
	Beta2 float64 // zero means 0.999
	Eps   float64 // zero means 1e-8
	// WeightDecay is applied to matrices only; norms and biases are not
	// decayed.
	WeightDecay float64
	// ClipNorm scales the gradients down when their global L2 norm exceeds
	// it; zero means no clipping.
	ClipNorm float64

	// Steps is the number of updates made so far.
	Steps int
	// M and V are the first and second moments, one per updated parameter
	// in order; they are exported so that checkpoints can hold them.
	M, V [][]float32
}

// Step applies one update with learning rate lr and returns the global
// gradient norm before clipping.
func (o *AdamW) Step(params []*Param, lr float64) float64 {
	b1, b2, eps := or(o.Beta1, 0.9), or(o.Beta2, 0.999), or(o.Eps, 1e-8)
	var trainable []*Param
	for _, p := range params {
		if p.G != nil {
			trainable = append(trainable, p)
		}
	}
	if o.M == nil {
		for _, p := range trainable {
			o.M = append(o.M, make([]float32, len(p.W)))
			o.V = append(o.V, make([]float32, len(p.W)))
		}
	}
	norm := GradNorm(trainable)
	scale := 1.0
	if o.ClipNorm > 0 && norm > o.ClipNorm {
		scale = o.ClipNorm / norm
	}
	o.Steps++
	c1 := 1 - math.Pow(b1, float64(o.Steps))
	c2 := 1 - math.Pow(b2, float64(o.Steps))
	for i, p := range trainable {
		decay := 0.0
		if len(p.Shape) >= 2 {
			decay = o.WeightDecay
		}
		update(p.W, p.G, o.M[i], o.V[i], lr, b1, b2, eps, c1, c2, decay, scale)
	}
	return norm
}

// update is the elementwise AdamW rule, in float32 with the bias
// corrections folded into two constants. Elements are independent, so
// splitting them across goroutines changes no bits.
func update(w, g, m, v []float32, lr, b1, b2, eps, c1, c2, decay, scale float64) {
	f1, f2, gs := float32(b1), float32(b2), float32(scale)
	step := float32(lr / c1)           // lr·m̂ = step·m
	root := float32(1 / math.Sqrt(c2)) // √v̂ = root·√v
	e, wd := float32(eps), float32(lr*decay)
	ops.Parallel(len(w), 4096, func(lo, hi int) {
		w, g, m, v := w[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi]
		for i := range w {
			gi := g[i] * gs
			mi := f1*m[i] + (1-f1)*gi
			vi := f2*v[i] + (1-f2)*gi*gi
			m[i], v[i] = mi, vi
			w[i] -= step*mi/(float32(math.Sqrt(float64(vi)))*root+e) + wd*w[i]
		}
	})
}

// GradNorm is the global L2 norm of the parameters' gradients, summed in a
// fixed order in float64.
func GradNorm(params []*Param) float64 {
	sum := 0.0
	for _, p := range params {
		for _, g := range p.G {
			sum += float64(g) * float64(g)
		}
	}
	return math.Sqrt(sum)
}

func or(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// orNone is or, except that a negative v means none: 0.
func orNone(v, def float64) float64 {
	if v < 0 {
		return 0
	}
	return or(v, def)
}
