package cuda

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rlfc/arena/lora"
)

// Pure-Go references for the kernels whose math lora does not expose as a
// function: bf16 rounding and NF4 dequantisation from raw storage.

// bf16Round is BF16Round, by the name the parity tests use.
func bf16Round(f float32) float32 { return BF16Round(f) }

// nf4Raw is an NF4 matrix's storage as the nf4_dequant kernel reads it.
type nf4Raw struct {
	n       int
	data    []byte
	absmax  []float32
	qabsmax []uint8
	absmax2 []float32
	dyn     []float32
	offset  float32
}

// dynamicMap is bitsandbytes' signed dynamic 8-bit map, as lora uses it
// for double quantisation.
func dynamicMap() []float32 {
	c := lora.NF4DynamicCode()
	return c[:]
}

// randomNF4 makes random NF4 storage for n values, with double
// quantisation when double is set.
func randomNF4(rng *rand.Rand, n int, double bool) nf4Raw {
	nb := (n + 63) / 64
	r := nf4Raw{n: n, data: make([]byte, (n+1)/2)}
	for i := range r.data {
		r.data[i] = byte(rng.IntN(256))
	}
	if !double {
		r.absmax = make([]float32, nb)
		for i := range r.absmax {
			r.absmax[i] = rng.Float32() * 0.1
		}
		return r
	}
	r.dyn = dynamicMap()
	r.qabsmax = make([]uint8, nb)
	for i := range r.qabsmax {
		r.qabsmax[i] = uint8(rng.IntN(256))
	}
	r.absmax2 = make([]float32, (nb+255)/256)
	for i := range r.absmax2 {
		r.absmax2[i] = rng.Float32() * 0.05
	}
	r.offset = 0.03
	return r
}

// dequant is the reference of nf4_dequant (DequantizeNF4Host).
func (r nf4Raw) dequant() []float32 {
	out := make([]float32, r.n)
	DequantizeNF4Host(out, r.data, r.absmax, r.qabsmax, r.absmax2, r.dyn, r.offset)
	return out
}

// The reference reads lora's layout: quantising with lora and re-packing
// what lora's own Dequantize returns gives back the same values. This
// pins the nibble order and the block size without lora's internals:
// each dequantised value is code[i]·absmax for the block's absmax, so the
// index can be recovered and packed as the kernel expects.
func TestNF4ReferenceMatchesLora(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const rows, cols = 8, 100 // 800 values: 12.5 blocks, a ragged tail
	w := make([]float32, rows*cols)
	for i := range w {
		w[i] = float32(rng.NormFloat64())
	}
	q := lora.QuantizeNF4(w, rows, cols, false)
	want := make([]float32, rows*cols)
	q.Dequantize(want)
	code := lora.NF4Code()
	r := nf4Raw{n: len(w), data: make([]byte, (len(w)+1)/2), absmax: make([]float32, (len(w)+63)/64)}
	for b := range r.absmax {
		var m float32
		for _, v := range w[b*64 : min(len(w), (b+1)*64)] {
			m = max(m, float32(math.Abs(float64(v))))
		}
		r.absmax[b] = m
	}
	for e, v := range want {
		idx := -1
		for i, c := range code {
			if c*r.absmax[e/64] == v {
				idx = i
				break
			}
		}
		if idx < 0 {
			t.Fatalf("value %d (%g) is not a code times its block's absmax", e, v)
		}
		if e%2 == 0 {
			r.data[e/2] = byte(idx) << 4
		} else {
			r.data[e/2] |= byte(idx)
		}
	}
	got := r.dequant()
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("value %d: reference %g, lora %g", i, got[i], want[i])
		}
	}
}

func TestBF16Round(t *testing.T) {
	for _, c := range []struct{ in, want float32 }{
		{1, 1},
		{math.Float32frombits(0x3f808000), 1}, // halfway, even stays
		{math.Float32frombits(0x3f818000), math.Float32frombits(0x3f820000)}, // halfway, odd rounds up
		{math.Float32frombits(0x3f808001), math.Float32frombits(0x3f810000)},
		{float32(math.Inf(-1)), float32(math.Inf(-1))},
	} {
		if got := bf16Round(c.in); math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("bf16Round(%#x) = %#x, want %#x", math.Float32bits(c.in), math.Float32bits(got), math.Float32bits(c.want))
		}
	}
	if nan := bf16Round(float32(math.NaN())); nan == nan {
		t.Error("NaN not kept")
	}
}
