package lora

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/ops"
)

func normalMatrix(n int, std float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	w := make([]float32, n)
	for i := range w {
		w[i] = float32(rng.NormFloat64() * std)
	}
	return w
}

// maxHalfGap is half the largest gap between adjacent NF4 codes.
func maxHalfGap(code []float32) float64 {
	g := 0.0
	for i := 1; i < len(code); i++ {
		g = max(g, float64(code[i])-float64(code[i-1]))
	}
	return g / 2
}

func TestNF4Codes(t *testing.T) {
	c := NF4Code()
	if c[0] != -1 || c[7] != 0 || c[15] != 1 || c[1] != -0.6961928009986877 || c[8] != 0.07958029955625534 {
		t.Errorf("NF4 table %v", c)
	}
	for i := 1; i < 16; i++ {
		if c[i] <= c[i-1] {
			t.Fatalf("NF4 table not increasing at %d", i)
		}
	}
	for i, v := range c {
		if got := nf4Index(v); int(got) != i {
			t.Errorf("code %v maps to index %d, want %d", v, got, i)
		}
	}
	d := dynamicCode
	if d[0] > -0.99 || d[255] != 1 || !slices.Contains(d[:], 0) {
		t.Errorf("dynamic map ends %v %v", d[0], d[255])
	}
	for i := 1; i < 256; i++ {
		if d[i] <= d[i-1] {
			t.Fatalf("dynamic map not increasing at %d: %v %v", i, d[i-1], d[i])
		}
	}
}

// A hand-computed block: the first value of each pair goes in the high
// nibble.
func TestNF4PackingHighNibbleFirst(t *testing.T) {
	w := make([]float32, 65) // two blocks, the second holding one value
	w[0] = 2                 // absmax of block 0 → code 15
	w[1] = -2 * 0.6961928    // → code 1
	w[2] = 0                 // → code 7
	w[3] = 0.1               // 0.05 after scaling: above the 0/0.0796 midpoint → code 8
	w[4] = -2                // → code 0
	w[5] = -0.1              // -0.05: below the -0.091/0 midpoint (-0.0455) → code 6
	w[64] = -3               // block 1: absmax 3, code 0
	q := QuantizeNF4(w, 5, 13, false)
	want := []byte{0xF1, 0x78, 0x06}
	if !slices.Equal(q.data[:3], want) {
		t.Errorf("first bytes % x, want % x", q.data[:3], want)
	}
	for i := 3; i < 32; i++ {
		if q.data[i] != 0x77 {
			t.Fatalf("byte %d = %#x, want 0x77 (two zeros)", i, q.data[i])
		}
	}
	if len(q.data) != 33 || q.data[32] != 0x00 {
		t.Errorf("%d bytes, last %#x: want 33 with the odd value in the high nibble", len(q.data), q.data[32])
	}
	if !slices.Equal(q.absmax, []float32{2, 3}) {
		t.Errorf("absmax %v", q.absmax)
	}
	got := make([]float32, 65)
	q.Dequantize(got)
	c := NF4Code()
	if got[0] != 2 || got[1] != c[1]*2 || got[2] != 0 || got[3] != c[8]*2 || got[5] != c[6]*2 || got[64] != -3 {
		t.Errorf("dequantised %v", got[:6])
	}
	if q.Bytes() != 33+8 {
		t.Errorf("Bytes() = %d, want 41", q.Bytes())
	}
}

func TestNF4RoundTripError(t *testing.T) {
	for _, double := range []bool{false, true} {
		const rows, cols = 37, 129 // blocks straddle rows; odd count
		w := normalMatrix(rows*cols, 0.05, 1)
		w[100] = 0.9 // an outlier makes one block coarse
		for i := 640; i < 704; i++ {
			w[i] = 0 // an all-zero block
		}
		q := QuantizeNF4(w, rows, cols, double)
		got := make([]float32, rows*cols)
		q.Dequantize(got)
		half := maxHalfGap(nf4Code[:])
		halfDyn := maxHalfGap(dynamicCode[:])
		for b := 0; b*NF4BlockSize < len(w); b++ {
			blk := w[b*NF4BlockSize : min(len(w), (b+1)*NF4BlockSize)]
			var amax float64
			for _, v := range blk {
				amax = max(amax, math.Abs(float64(v)))
			}
			deqMax := float64(q.blockAbsmax(b))
			absErr := 0.0
			if double {
				absErr = (halfDyn+1e-6)*float64(q.absmax2[b/NF4AbsmaxBlockSize]) + 1e-7
				if math.Abs(deqMax-amax) > absErr {
					t.Fatalf("block %d: absmax %v restored as %v, more than %v off", b, amax, deqMax, absErr)
				}
			} else if deqMax != amax {
				t.Fatalf("block %d: absmax %v stored as %v", b, amax, deqMax)
			}
			for i, v := range blk {
				e := b*NF4BlockSize + i
				bound := half*amax + absErr + 1e-7
				if d := math.Abs(float64(got[e]) - float64(v)); d > bound {
					t.Fatalf("double=%v: value %d = %v restored as %v (error %g > %g)", double, e, v, got[e], d, bound)
				}
			}
		}
		for i := 640; i < 704 && !double; i++ {
			if got[i] != 0 {
				t.Fatalf("zero block restored as %v", got[i])
			}
		}
	}
}

func TestNF4Bytes(t *testing.T) {
	const rows, cols = 256, 704
	w := normalMatrix(rows*cols, 0.02, 2)
	n := rows * cols
	single, double := QuantizeNF4(w, rows, cols, false), QuantizeNF4(w, rows, cols, true)
	blocks := n / 64
	if got, want := single.Bytes(), n/2+4*blocks; got != want {
		t.Errorf("single: %d bytes, want %d", got, want)
	}
	if got, want := double.Bytes(), n/2+blocks+4*((blocks+255)/256)+4; got != want {
		t.Errorf("double: %d bytes, want %d", got, want)
	}
	t.Logf("bytes per parameter: NF4 %.4f (%.3f bits), with double quantisation %.4f (%.3f bits); float32 4",
		float64(single.Bytes())/float64(n), 8*float64(single.Bytes())/float64(n),
		float64(double.Bytes())/float64(n), 8*float64(double.Bytes())/float64(n))
}

// Multiplying through NF4 gives exactly what ops.Gemm gives with the
// dequantised matrix, and the same bits whatever GOMAXPROCS is.
func TestNF4GemmMatchesDequantized(t *testing.T) {
	for _, sh := range []struct{ rows, cols int }{{24, 16}, {704, 256}, {256, 704}, {70, 33}} {
		q := QuantizeNF4(normalMatrix(sh.rows*sh.cols, 0.05, 3), sh.rows, sh.cols, true)
		w := make([]float32, sh.rows*sh.cols)
		q.Dequantize(w)
		for _, n := range []int{1, 3, 16, 40, 130} {
			x := normalMatrix(n*sh.cols, 1, 4)
			dy := normalMatrix(n*sh.rows, 1, 5)
			run := func(procs int) (y, dx []float32) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				y = make([]float32, n*sh.rows)
				q.MulT(y, x, n, 0)
				dx = normalMatrix(n*sh.cols, 1, 6)
				q.Mul(dx, dy, n, 1)
				return y, dx
			}
			y1, dx1 := run(1)
			y2, dx2 := run(2)
			wantY := make([]float32, n*sh.rows)
			ops.Gemm(false, true, n, sh.rows, sh.cols, x, sh.cols, w, sh.cols, 0, wantY, sh.rows)
			wantDx := normalMatrix(n*sh.cols, 1, 6)
			ops.Gemm(false, false, n, sh.cols, sh.rows, dy, sh.rows, w, sh.cols, 1, wantDx, sh.cols)
			if !slices.Equal(y1, wantY) || !slices.Equal(dx1, wantDx) {
				t.Errorf("%dx%d, n=%d: NF4 product differs from Gemm with the dequantised matrix", sh.rows, sh.cols, n)
			}
			if !slices.Equal(y1, y2) || !slices.Equal(dx1, dx2) {
				t.Errorf("%dx%d, n=%d: NF4 product depends on GOMAXPROCS", sh.rows, sh.cols, n)
			}
		}
	}
}

func TestNF4QuantizeDeterministicAcrossProcs(t *testing.T) {
	w := normalMatrix(300*257, 0.05, 9)
	run := func(procs int) *NF4 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return QuantizeNF4(w, 300, 257, true)
	}
	a, b := run(1), run(2)
	if !slices.Equal(a.data, b.data) || !slices.Equal(a.qabsmax, b.qabsmax) || !slices.Equal(a.absmax2, b.absmax2) || a.offset != b.offset {
		t.Error("quantisation depends on GOMAXPROCS")
	}
}

// A model with an NF4 base computes exactly what the same model with the
// dequantised weights in float32 computes, in training and generation.
func TestQuantizeBaseMatchesDequantizedModel(t *testing.T) {
	cfg := tinyConfig("qwen2")
	m := tinyModel(t, cfg, 12)
	ref := tinyModel(t, cfg, 12)
	if err := m.QuantizeBase(true); err != nil {
		t.Fatal(err)
	}
	if err := m.QuantizeBase(true); err == nil {
		t.Error("quantising twice succeeded")
	}
	if !m.Quantized() || ref.Quantized() {
		t.Fatal("Quantized() wrong")
	}
	for l := range m.layers {
		for k := range numModules {
			lin := m.layers[l].lin(k)
			if lin.w.W != nil || m.NF4(lin.w.Name) != lin.nf4 {
				t.Fatalf("%s still has float32 weights", lin.w.Name)
			}
			lin.nf4.Dequantize(ref.layers[l].lin(k).w.W)
		}
	}
	if m.embed.W == nil || m.norm.W == nil {
		t.Fatal("embeddings or norm quantised")
	}
	tokens := randomTokens(12, cfg.VocabSize, 3)
	if !slices.Equal(logitsOf(t, m, tokens), logitsOf(t, ref, tokens)) {
		t.Error("NF4 model logits differ from the dequantised float32 model's")
	}
	gen := func(m *Model) []float32 {
		cache := m.newCache(len(tokens))
		return slices.Clone(m.step(new(scratch), tokens, []span{{cache: cache, rows: len(tokens)}}))
	}
	if !slices.Equal(gen(m), gen(ref)) {
		t.Error("NF4 model's generation step differs from the dequantised float32 model's")
	}
	m.SetTrainable(true)
	for _, p := range m.Params() {
		if p.W == nil && p.G != nil {
			t.Fatalf("NF4 weight %s got a gradient buffer", p.Name)
		}
	}
	if err := m.Save(t.TempDir(), nil); err == nil {
		t.Error("saving an NF4 model succeeded")
	}
}

// Held-out loss of a small pretrained model before and after NF4
// quantisation of its projections.
func TestNF4HeldOutLoss(t *testing.T) {
	if testing.Short() {
		t.Skip("pretrains a model")
	}
	tok := testTokenizer(t, 320)
	cfg := DefaultConfig()
	cfg.HiddenSize, cfg.IntermediateSize, cfg.NumHiddenLayers = 64, 176, 2
	cfg.NumAttentionHeads, cfg.NumKeyValueHeads = 4, 2
	res, err := Pretrain(context.Background(), PretrainOptions{Config: cfg, Seed: 5, Tokenizer: tok, Steps: 100, Batch: 8, SeqLen: 64, LR: 1e-2, EvalBatches: 1})
	if err != nil {
		t.Fatal(err)
	}
	held := corpus.Options{Seed: 424242}
	eval := func(m *Model) float64 {
		l, err := EvalLoss(m, held, 8, 8, 64)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	base := eval(res.Model)
	losses := map[bool]float64{}
	for _, double := range []bool{false, true} {
		m, err := New(res.Model.Config, 0)
		if err != nil {
			t.Fatal(err)
		}
		m.Tokenizer = tok
		for _, p := range res.Model.Params() {
			copy(m.Param(p.Name).W, p.W)
		}
		if err := m.QuantizeBase(double); err != nil {
			t.Fatal(err)
		}
		losses[double] = eval(m)
	}
	t.Logf("held-out loss (perplexity): float32 %.4f (%.3f), NF4 %.4f (%.3f), NF4+double %.4f (%.3f)",
		base, math.Exp(base), losses[false], math.Exp(losses[false]), losses[true], math.Exp(losses[true]))
	for double, l := range losses {
		if l-base > 0.1 {
			t.Errorf("double=%v: NF4 raised the held-out loss from %.4f to %.4f", double, base, l)
		}
	}
}

// The assembly dequantiser (where there is one) gives the Go loop's bits.
func TestNF4DequantAssemblyMatchesGo(t *testing.T) {
	if !haveNF4AVX512 {
		t.Skip("no assembly dequantiser on this machine")
	}
	for _, double := range []bool{false, true} {
		const rows, cols = 97, 131
		q := QuantizeNF4(normalMatrix(rows*cols, 0.05, 8), rows, cols, double)
		want := make([]float32, rows*cols)
		got := make([]float32, rows*cols)
		haveNF4AVX512 = false
		q.Dequantize(want)
		for _, r := range [][2]int{{0, 64}, {5, 200}, {64, 2000}, {1, 1}, {63, 130}, {640, 640 + 64*40}} {
			q.dequantRange(want[r[0]:r[1]], r[0])
		}
		haveNF4AVX512 = true
		q.Dequantize(got)
		for _, r := range [][2]int{{0, 64}, {5, 200}, {64, 2000}, {1, 1}, {63, 130}, {640, 640 + 64*40}} {
			q.dequantRange(got[r[0]:r[1]], r[0])
		}
		for i := range want {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
				t.Fatalf("double=%v: value %d: assembly %v, Go %v", double, i, got[i], want[i])
			}
		}
	}
}
