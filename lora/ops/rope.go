package ops

import (
	"fmt"
	"math"
)

// RoPE applies rotary position embeddings in the Hugging Face Llama/Qwen2
// convention ("rotate_half"): within each head of headDim values, element i
// is paired with element i+headDim/2 and the pair is rotated by the angle
// pos·θ^(-2i/headDim), i in [0, headDim/2). The cos/sin tables are computed
// in float64 and stored as float32.
type RoPE struct {
	headDim, maxPos int
	cos, sin        []float32 // [maxPos][headDim/2]
}

// NewRoPE precomputes the rotation tables for positions [0, maxPos).
func NewRoPE(headDim, maxPos int, theta float64) *RoPE {
	if headDim <= 0 || headDim%2 != 0 || maxPos < 0 {
		panic(fmt.Sprintf("ops: NewRoPE: head dimension %d must be positive and even, positions %d non-negative", headDim, maxPos))
	}
	half := headDim / 2
	r := &RoPE{headDim: headDim, maxPos: maxPos, cos: make([]float32, maxPos*half), sin: make([]float32, maxPos*half)}
	for i := range half {
		invFreq := math.Pow(theta, -float64(2*i)/float64(headDim))
		for p := range maxPos {
			s, c := math.Sincos(float64(p) * invFreq)
			r.cos[p*half+i] = float32(c)
			r.sin[p*half+i] = float32(s)
		}
	}
	return r
}

// Apply rotates x in place. x is [len(pos), nHeads*headDim]; row i is at
// position pos[i]:
//
//	out[i]      = x[i]·cos − x[i+half]·sin
//	out[i+half] = x[i+half]·cos + x[i]·sin
func (r *RoPE) Apply(x []float32, pos []int, nHeads int) {
	r.rotate(x, pos, nHeads, false)
}

// Backward applies the transpose of Apply (the inverse rotation) to the
// gradient dx in place.
func (r *RoPE) Backward(dx []float32, pos []int, nHeads int) {
	r.rotate(dx, pos, nHeads, true)
}

func (r *RoPE) rotate(x []float32, pos []int, nHeads int, inverse bool) {
	hd, half := r.headDim, r.headDim/2
	width := nHeads * hd
	if nHeads < 0 || len(x) < len(pos)*width {
		panic(fmt.Sprintf("ops: RoPE: %d values for %d rows of %d heads of %d", len(x), len(pos), nHeads, hd))
	}
	for i, p := range pos {
		if p < 0 || p >= r.maxPos {
			panic(fmt.Sprintf("ops: RoPE: position %d of row %d outside [0,%d)", p, i, r.maxPos))
		}
	}
	kn := active
	parallelFor(len(pos), 3*width, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := pos[i]
			kn.rope(x[i*width:(i+1)*width], r.cos[p*half:(p+1)*half], r.sin[p*half:(p+1)*half], nHeads, inverse)
		}
	})
}

// ropeGo rotates the nHeads heads of one row; cos and sin have one value
// per pair.
func ropeGo(row, cs, sn []float32, nHeads int, inverse bool) {
	half := len(cs)
	hd := 2 * half
	sn = sn[:half]
	for h := range nHeads {
		a := row[h*hd : h*hd+half]
		b := row[h*hd+half : (h+1)*hd]
		a = a[:half]
		b = b[:half]
		if inverse {
			for j, c := range cs {
				s := sn[j]
				x1, x2 := a[j], b[j]
				a[j] = x1*c + x2*s
				b[j] = x2*c - x1*s
			}
		} else {
			for j, c := range cs {
				s := sn[j]
				x1, x2 := a[j], b[j]
				a[j] = x1*c - x2*s
				b[j] = x2*c + x1*s
			}
		}
	}
}
