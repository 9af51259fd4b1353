package lora

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/rlfc/arena/lora/ops"
)

// NF4 storage (QLoRA, Dettmers et al. 2023, as bitsandbytes lays it out).
//
// A matrix is flattened row-major and cut into blocks of NF4BlockSize (64)
// values. Each block keeps its absolute maximum (absmax) and each value the
// index of the nearest of the 16 NF4 code values to value/absmax. Two 4-bit
// indices share a byte, the first value of the pair in the HIGH nibble, as
// bitsandbytes packs them. A value is restored as code[index]·absmax.
//
// Double quantisation (bitsandbytes' compress_statistics) stores the absmax
// values themselves in 8 bits: their mean is subtracted, and the centred
// values are quantised in blocks of NF4AbsmaxBlockSize (256) with
// bitsandbytes' blockwise scheme — a float32 absmax per 256-block and, per
// value, the index of the nearest entry of the signed "dynamic" 8-bit code
// map (create_dynamic_map(signed=True) in bitsandbytes). The map is built
// here in float64 and rounded to float32, so an entry may differ from
// bitsandbytes' float32 table in its last bit; the NF4 codes themselves are
// bitsandbytes' exact float32 constants.
//
// Matrix products never materialise the float32 matrix: MulT and Mul
// dequantise panels of about 128 KiB into per-goroutine buffers and hand
// them to ops.Gemm. On amd64 with AVX-512, whole blocks are dequantised by
// an assembly kernel (nf4_amd64.s) that computes the same bits as the Go
// loop (one float32 multiply code·absmax per value).

// NF4BlockSize is the number of values that share one absmax.
const NF4BlockSize = 64

// NF4AbsmaxBlockSize is the number of absmax values that share one float32
// scale under double quantisation.
const NF4AbsmaxBlockSize = 256

// nf4Code is bitsandbytes' NF4 table (the normal-float quantiles of QLoRA),
// exactly as its float32 constants.
var nf4Code = [16]float32{
	-1.0,
	-0.6961928009986877,
	-0.5250730514526367,
	-0.39491748809814453,
	-0.28444138169288635,
	-0.18477343022823334,
	-0.09105003625154495,
	0.0,
	0.07958029955625534,
	0.16093020141124725,
	0.24611230194568634,
	0.33791524171829224,
	0.44070982933044434,
	0.5626170039176941,
	0.7229568362236023,
	1.0,
}

// NF4Code returns the 16 NF4 code values, in index order.
func NF4Code() [16]float32 { return nf4Code }

// nf4Mid holds the midpoints between adjacent codes (in float64): a
// normalised value above nf4Mid[i] maps to an index above i.
var nf4Mid = func() [15]float64 {
	var m [15]float64
	for i := range m {
		m[i] = (float64(nf4Code[i]) + float64(nf4Code[i+1])) / 2
	}
	return m
}()

// nf4Index returns the index of the code nearest to x (x in [-1, 1]); a
// value exactly between two codes takes the lower one, as bitsandbytes'
// comparisons (x > midpoint) do.
func nf4Index(x float32) byte {
	v := float64(x)
	lo, hi := 0, 15 // the answer lies in [lo, hi]
	for lo < hi {
		mid := (lo + hi) / 2
		if v > nf4Mid[mid] {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return byte(lo)
}

// dynamicCode is bitsandbytes' signed dynamic 8-bit map: for exponent
// i = 0..6, the midpoints of linspace(0.1, 1, 2^i+1) scaled by 10^(i-6),
// with both signs, plus 0 and 1; 256 values, sorted.
var dynamicCode = func() [256]float32 {
	var vals []float64
	for i := range 7 {
		items := 1<<i + 1
		scale := math.Pow(10, float64(i-6))
		for j := range items - 1 {
			a := 0.1 + 0.9*float64(j)/float64(items-1)
			b := 0.1 + 0.9*float64(j+1)/float64(items-1)
			m := (a + b) / 2 * scale
			vals = append(vals, m, -m)
		}
	}
	vals = append(vals, 0, 1)
	slices.Sort(vals)
	var c [256]float32
	for i, v := range vals {
		c[i] = float32(v)
	}
	return c
}()

// dynamicIndex returns the index of the dynamic-map entry nearest to x
// (ties go to the lower entry).
func dynamicIndex(x float32) uint8 {
	i, _ := slices.BinarySearch(dynamicCode[:], x) // first entry >= x
	switch {
	case i == 0:
		return 0
	case i == len(dynamicCode):
		return uint8(len(dynamicCode) - 1)
	}
	if float64(dynamicCode[i])-float64(x) < float64(x)-float64(dynamicCode[i-1]) {
		return uint8(i)
	}
	return uint8(i - 1)
}

// NF4 is a rows×cols float32 matrix stored in NF4 (see the package notes
// above): about 4.5 bits per value, or about 4.13 with double quantisation.
// It is immutable once made and safe for concurrent use.
type NF4 struct {
	rows, cols int
	data       []byte    // packed indices, first value of each pair in the high nibble
	absmax     []float32 // one per block; nil under double quantisation
	// double quantisation
	qabsmax []uint8   // one dynamic-map index per block
	absmax2 []float32 // one scale per NF4AbsmaxBlockSize blocks
	offset  float32   // mean of the absmax values, subtracted before quantising
}

// QuantizeNF4 quantises w, a rows×cols row-major matrix, to NF4 with blocks
// of 64 values, and, when double is set, quantises the per-block absmax
// values to 8 bits in blocks of 256 (see the notes on NF4). A block whose
// values are all zero gets absmax 0 and decodes to zeros.
func QuantizeNF4(w []float32, rows, cols int, double bool) *NF4 {
	n := rows * cols
	if rows < 0 || cols < 0 || len(w) != n {
		panic("lora: QuantizeNF4: matrix size does not match its data")
	}
	nb := (n + NF4BlockSize - 1) / NF4BlockSize
	q := &NF4{rows: rows, cols: cols, data: make([]byte, (n+1)/2)}
	absmax := make([]float32, nb)
	// Blocks are independent and a block's 64 values fill 32 whole bytes,
	// so splitting the work over goroutines changes nothing.
	ops.Parallel(nb, 64, func(lo, hi int) {
		for b := lo; b < hi; b++ {
			vals := w[b*NF4BlockSize : min(n, (b+1)*NF4BlockSize)]
			var m float32
			for _, v := range vals {
				m = max(m, float32(math.Abs(float64(v))))
			}
			absmax[b] = m
			var inv float32
			if m > 0 {
				inv = 1 / m
			}
			for i, v := range vals {
				e := b*NF4BlockSize + i
				idx := nf4Index(v * inv)
				if e%2 == 0 {
					q.data[e/2] = idx << 4
				} else {
					q.data[e/2] |= idx
				}
			}
		}
	})
	if !double {
		q.absmax = absmax
		return q
	}
	sum := 0.0
	for _, a := range absmax {
		sum += float64(a)
	}
	if nb > 0 {
		q.offset = float32(sum / float64(nb))
	}
	q.qabsmax = make([]uint8, nb)
	q.absmax2 = make([]float32, (nb+NF4AbsmaxBlockSize-1)/NF4AbsmaxBlockSize)
	for j := range q.absmax2 {
		blk := absmax[j*NF4AbsmaxBlockSize : min(nb, (j+1)*NF4AbsmaxBlockSize)]
		var m float32
		for _, a := range blk {
			m = max(m, float32(math.Abs(float64(a-q.offset))))
		}
		q.absmax2[j] = m
		var inv float32
		if m > 0 {
			inv = 1 / m
		}
		for i, a := range blk {
			q.qabsmax[j*NF4AbsmaxBlockSize+i] = dynamicIndex((a - q.offset) * inv)
		}
	}
	return q
}

// Rows is the number of rows of the matrix.
func (q *NF4) Rows() int { return q.rows }

// Cols is the number of columns of the matrix.
func (q *NF4) Cols() int { return q.cols }

// Double reports whether the absmax values are double-quantised.
func (q *NF4) Double() bool { return q.qabsmax != nil }

// Bytes is the storage the quantised matrix takes: the packed codes, the
// absmax values (float32, or 8-bit plus a float32 per 256 blocks and the
// float32 mean under double quantisation).
func (q *NF4) Bytes() int {
	n := len(q.data) + 4*len(q.absmax)
	if q.Double() {
		n += len(q.qabsmax) + 4*len(q.absmax2) + 4
	}
	return n
}

// blockAbsmax is the (dequantised) absmax of block b.
func (q *NF4) blockAbsmax(b int) float32 {
	if q.absmax != nil {
		return q.absmax[b]
	}
	return dynamicCode[q.qabsmax[b]]*q.absmax2[b/NF4AbsmaxBlockSize] + q.offset
}

// Dequantize writes the rows×cols values into dst (which must hold that
// many).
func (q *NF4) Dequantize(dst []float32) {
	n := q.rows * q.cols
	if len(dst) < n {
		panic("lora: NF4.Dequantize: destination too short")
	}
	nb := (n + NF4BlockSize - 1) / NF4BlockSize
	ops.Parallel(nb, 256, func(lo, hi int) {
		e0 := lo * NF4BlockSize
		e1 := min(n, hi*NF4BlockSize)
		q.dequantRange(dst[e0:e1], e0)
	})
}

// dequantRange writes the values at flat indices [e0, e0+len(dst)) into
// dst.
func (q *NF4) dequantRange(dst []float32, e0 int) {
	var lut [16]float32
	var amax [32]float32
	e, end := e0, e0+len(dst)
	for e < end {
		b := e / NF4BlockSize
		if nb := (end - e) / NF4BlockSize; haveNF4AVX512 && e == b*NF4BlockSize && nb > 0 {
			// Whole blocks through the assembly kernel, same bits.
			var abs []float32
			if q.absmax != nil {
				abs = q.absmax[b : b+nb]
			} else {
				abs = amax[:min(nb, len(amax))]
				for i := range abs {
					abs[i] = q.blockAbsmax(b + i)
				}
			}
			dequantBlocks(dst[e-e0:], q.data[e/2:], abs)
			e += len(abs) * NF4BlockSize
			continue
		}
		a := q.blockAbsmax(b)
		for i, c := range nf4Code {
			lut[i] = c * a
		}
		stop := min(end, (b+1)*NF4BlockSize)
		if e == b*NF4BlockSize && stop-e == NF4BlockSize {
			// A whole block: 32 bytes to 64 values, free of bounds checks.
			src := (*[NF4BlockSize / 2]byte)(q.data[e/2:])
			out := (*[NF4BlockSize]float32)(dst[e-e0:])
			for j, c := range src {
				out[2*j] = lut[c>>4]
				out[2*j+1] = lut[c&15]
			}
			e = stop
			continue
		}
		out := dst[e-e0 : stop-e0]
		i := 0
		if e%2 == 1 { // starts on a low nibble
			out[0] = lut[q.data[e/2]&15]
			i = 1
		}
		data := q.data[(e+i)/2:]
		for ; i+1 < len(out); i += 2 {
			c := data[0]
			data = data[1:]
			out[i] = lut[c>>4]
			out[i+1] = lut[c&15]
		}
		if i < len(out) { // ends on a high nibble
			out[i] = lut[data[0]>>4]
		}
		e = stop
	}
}

// nf4Scratch holds per-goroutine dequantisation panels.
var nf4Scratch sync.Pool

func nf4Buf(n int) *[]float32 {
	p, _ := nf4Scratch.Get().(*[]float32)
	if p == nil {
		p = new([]float32)
	}
	if cap(*p) < n {
		*p = make([]float32, n)
	}
	*p = (*p)[:n]
	return p
}

// nf4PanelFloats is the target size of one dequantised panel (128 KiB; a
// panel is at least 64 rows or columns), so that it stays in cache while
// ops.Gemm reads it.
const nf4PanelFloats = 1 << 15

// panelSize is the number of rows (or columns) of a panel of the given
// width: a multiple of 64 (a column panel of a matrix whose rows are whole
// blocks is then whole blocks too) filling about nf4PanelFloats.
func panelSize(width, total int) int {
	p := max(1, nf4PanelFloats/max(1, width)/NF4BlockSize) * NF4BlockSize
	return min(p, total)
}

// MulT computes y = x·Wᵀ (beta 0) or y += x·Wᵀ (beta 1) for n rows of x
// ([n, cols]), y being [n, rows]. Panels of rows of W are dequantised into
// small per-goroutine buffers and multiplied with ops.Gemm, so the whole
// float32 matrix never exists. Each output element is reduced by ops.Gemm
// over the full inner dimension, so the result is the same as ops.Gemm
// with the dequantised matrix, whatever GOMAXPROCS is.
func (q *NF4) MulT(y, x []float32, n int, beta float32) {
	rows, cols := q.rows, q.cols
	if n == 0 || rows == 0 {
		return
	}
	P := panelSize(cols, rows)
	npan := (rows + P - 1) / P
	cost := P * cols * (2*n + 4) // multiply-adds plus dequantisation
	ops.Parallel(npan, max(1, (1<<16)/cost), func(lo, hi int) {
		buf := nf4Buf(P * cols)
		defer nf4Scratch.Put(buf)
		for pi := lo; pi < hi; pi++ {
			r0 := pi * P
			r1 := min(rows, r0+P)
			w := (*buf)[:(r1-r0)*cols]
			q.dequantRange(w, r0*cols)
			ops.Gemm(false, true, n, r1-r0, cols, x, cols, w, cols, beta, y[r0:], rows)
		}
	})
}

// Mul computes dx = dy·W (beta 0) or dx += dy·W (beta 1) for n rows of dy
// ([n, rows]), dx being [n, cols]: the input gradient of y = x·Wᵀ. Panels
// of columns of W are dequantised into small per-goroutine buffers; as for
// MulT, the result equals ops.Gemm with the dequantised matrix whatever
// GOMAXPROCS is.
func (q *NF4) Mul(dx, dy []float32, n int, beta float32) {
	rows, cols := q.rows, q.cols
	if n == 0 || cols == 0 {
		return
	}
	P := panelSize(rows, cols)
	npan := (cols + P - 1) / P
	cost := P * rows * (2*n + 4)
	ops.Parallel(npan, max(1, (1<<16)/cost), func(lo, hi int) {
		buf := nf4Buf(P * rows)
		defer nf4Scratch.Put(buf)
		for pi := lo; pi < hi; pi++ {
			c0 := pi * P
			c1 := min(cols, c0+P)
			wd := c1 - c0
			w := (*buf)[:rows*wd]
			for r := range rows {
				q.dequantRange(w[r*wd:(r+1)*wd], r*cols+c0)
			}
			ops.Gemm(false, false, n, wd, rows, dy, rows, w, wd, beta, dx[c0:], cols)
		}
	})
}

// QuantizeBase replaces the weight of every projection of every layer (q,
// k, v, o, gate, up and down) by its NF4 form and drops the float32 copy:
// those weights are frozen from then on (their Param keeps its name and
// shape, with W and G nil). Embeddings, norms, biases and the LM head stay
// float32. Forward, Backward (input gradients) and Generate work as before,
// dequantising panels of the weights on the fly; adapters attach as usual.
// A model whose base is NF4 cannot be saved or merged into.
func (m *Model) QuantizeBase(double bool) error {
	if m.Quantized() {
		return fmt.Errorf("lora: quantize base: the model is already quantised")
	}
	for l := range m.layers {
		for k := range numModules {
			lin := m.layers[l].lin(k)
			if len(lin.w.W) != lin.out*lin.in {
				return fmt.Errorf("lora: quantize base: %s has %d values, want %d", lin.w.Name, len(lin.w.W), lin.out*lin.in)
			}
		}
	}
	for l := range m.layers {
		for k := range numModules {
			lin := m.layers[l].lin(k)
			lin.nf4 = QuantizeNF4(lin.w.W, lin.out, lin.in, double)
			lin.w.W, lin.w.G = nil, nil
		}
	}
	return nil
}

// Quantized reports whether the model's base projections are held as NF4.
func (m *Model) Quantized() bool {
	return len(m.layers) > 0 && m.layers[0].q.nf4 != nil
}

// NF4 returns the NF4 form of the named weight (a Hugging Face name such as
// "model.layers.0.self_attn.q_proj.weight"), or nil when it is not held as
// NF4.
func (m *Model) NF4(name string) *NF4 {
	for l := range m.layers {
		for k := range numModules {
			if lin := m.layers[l].lin(k); lin.w.Name == name {
				return lin.nf4
			}
		}
	}
	return nil
}
