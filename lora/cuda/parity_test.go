package cuda

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/ops"
)

// GPU parity tests: each kernel against lora's CPU operation (or the
// reference in ref_test.go) on random inputs. They need a GPU and skip
// with the reason otherwise; set ARENA_CUDA_REQUIRE=1 to make a missing
// GPU a failure (on a GPU runner).
//
// Tolerances, |gpu − cpu| ≤ atol + rtol·|cpu|:
//
//	exact     bit for bit: NF4 dequantisation, AdamW, bf16 conversion (the kernels forbid FMA contraction)
//	tight     rtol 1e-5, atol 1e-6: elementwise float32 (RoPE, SwiGLU, which may contract to FMA)
//	reduction rtol 1e-4, atol 1e-5: float32 with sums in a different order (RMSNorm, attention, log-probs, Gemm)
//	bf16      rtol 2e-2, atol 1e-2: bf16 inputs with float32 accumulation (GemmBF16)
type tol struct{ rtol, atol float64 }

var (
	tolTight     = tol{1e-5, 1e-6}
	tolReduction = tol{1e-4, 1e-5}
	tolBF16      = tol{2e-2, 1e-2}
)

var (
	testDev    *Device
	testDevErr error
	testOpened bool
)

func gpu(t *testing.T) *Device {
	t.Helper()
	if !testOpened {
		testOpened = true
		testDev, testDevErr = Open(Options{})
		if testDevErr == nil {
			testDevErr = testDev.Kernels()
		}
	}
	if testDevErr != nil {
		if os.Getenv("ARENA_CUDA_REQUIRE") == "1" {
			t.Fatalf("GPU required (ARENA_CUDA_REQUIRE=1): %v", testDevErr)
		}
		t.Skipf("no GPU, parity not checked: %v", testDevErr)
	}
	return testDev
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testDev != nil {
		testDev.Close()
	}
	os.Exit(code)
}

func randVec(rng *rand.Rand, n int, scale float64) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(rng.NormFloat64() * scale)
	}
	return v
}

func up[T any](t *testing.T, d *Device, s []T) Ptr {
	t.Helper()
	p, err := Upload(d, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Free(p) })
	return p
}

func alloc(t *testing.T, d *Device, floats int) Ptr {
	t.Helper()
	p, err := d.Alloc(uint64(4 * floats))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Zero(p, uint64(4*floats)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Free(p) })
	return p
}

func down(t *testing.T, d *Device, p Ptr, n int) []float32 {
	t.Helper()
	out := make([]float32, n)
	if err := CopyOut(d, out, p); err != nil {
		t.Fatal(err)
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// compare reports the first element outside the tolerance and the
// largest relative error seen.
func compare(t *testing.T, what string, got, want []float32, tl tol) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	worst := 0.0
	for i := range got {
		g, w := float64(got[i]), float64(want[i])
		diff := math.Abs(g - w)
		if !(diff <= tl.atol+tl.rtol*math.Abs(w)) {
			t.Errorf("%s[%d] = %g, CPU %g (|diff| %g > %g + %g·|cpu|)", what, i, g, w, diff, tl.atol, tl.rtol)
			return
		}
		if w != 0 {
			worst = max(worst, diff/math.Abs(w))
		}
	}
	t.Logf("%s: %d values within tolerance, worst relative error %.2e", what, len(got), worst)
}

func compareExact(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s[%d] = %g (%#x), CPU %g (%#x): not bit for bit", what, i, got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

func TestParityRMSNorm(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 1))
	const n, dim = 37, 300
	const eps = 1e-5
	x, w, dy := randVec(rng, n*dim, 1), randVec(rng, dim, 1), randVec(rng, n*dim, 1)
	want := make([]float32, n*dim)
	ops.RMSNorm(want, x, w, n, dim, eps)
	xd, wd, dyd := up(t, d, x), up(t, d, w), up(t, d, dy)
	out, rinv := alloc(t, d, n*dim), alloc(t, d, n)
	must(t, d.RMSNorm(out, rinv, xd, wd, n, dim, eps))
	compare(t, "rmsnorm", down(t, d, out, n*dim), want, tolReduction)

	dx, dw := make([]float32, n*dim), make([]float32, dim)
	ops.RMSNormBackward(dx, dw, dy, x, w, n, dim, eps)
	dxd, dwd := alloc(t, d, n*dim), alloc(t, d, dim)
	must(t, d.RMSNormBackward(dxd, dwd, dyd, xd, wd, rinv, n, dim))
	compare(t, "rmsnorm dx", down(t, d, dxd, n*dim), dx, tolReduction)
	compare(t, "rmsnorm dw", down(t, d, dwd, dim), dw, tolReduction)
}

func TestParityRoPE(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 2))
	const rows, nH, hd, maxPos = 20, 4, 64, 64
	rope := ops.NewRoPE(hd, maxPos, 10000)
	// The CPU's tables: the rotation of a unit vector at each position.
	cos, sin := make([]float32, maxPos*hd/2), make([]float32, maxPos*hd/2)
	for p := range maxPos {
		unit := make([]float32, hd)
		for i := range hd / 2 {
			unit[i] = 1
		}
		rope.Apply(unit, []int{p}, 1)
		for i := range hd / 2 {
			cos[p*hd/2+i], sin[p*hd/2+i] = unit[i], unit[i+hd/2]
		}
	}
	pos := make([]int, rows)
	pos32 := make([]int32, rows)
	for i := range pos {
		pos[i] = rng.IntN(maxPos)
		pos32[i] = int32(pos[i])
	}
	x := randVec(rng, rows*nH*hd, 1)
	for _, inverse := range []bool{false, true} {
		want := append([]float32(nil), x...)
		if inverse {
			rope.Backward(want, pos, nH)
		} else {
			rope.Apply(want, pos, nH)
		}
		xd := up(t, d, x)
		must(t, d.RoPE(xd, up(t, d, pos32), up(t, d, cos), up(t, d, sin), rows, nH, hd, inverse))
		compare(t, fmt.Sprintf("rope inverse=%v", inverse), down(t, d, xd, len(x)), want, tolTight)
	}
}

func TestParitySwiGLU(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 3))
	const n = 5000
	g, u, dout := randVec(rng, n, 2), randVec(rng, n, 1), randVec(rng, n, 1)
	want := make([]float32, n)
	ops.SwiGLU(want, g, u)
	gd, ud, dd := up(t, d, g), up(t, d, u), up(t, d, dout)
	out := alloc(t, d, n)
	must(t, d.SwiGLU(out, gd, ud, n))
	compare(t, "swiglu", down(t, d, out, n), want, tolTight)
	dg, du := make([]float32, n), make([]float32, n)
	ops.SwiGLUBackward(dg, du, dout, g, u)
	dgd, dud := alloc(t, d, n), alloc(t, d, n)
	must(t, d.SwiGLUBackward(dgd, dud, dd, gd, ud, n))
	compare(t, "swiglu dgate", down(t, d, dgd, n), dg, tolTight)
	compare(t, "swiglu dup", down(t, d, dud, n), du, tolTight)
}

func TestParityAttention(t *testing.T) {
	d := gpu(t)
	for _, c := range []struct{ B, T, nH, nKV, hd int }{{2, 37, 4, 2, 32}, {1, 70, 8, 8, 64}, {1, 20, 4, 1, 128}} {
		t.Run(fmt.Sprintf("B%dT%dH%dKV%dD%d", c.B, c.T, c.nH, c.nKV, c.hd), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(c.T), 4))
			qd, kvd := c.nH*c.hd, c.nKV*c.hd
			q, k, v := randVec(rng, c.B*c.T*qd, 1), randVec(rng, c.B*c.T*kvd, 1), randVec(rng, c.B*c.T*kvd, 1)
			dout := randVec(rng, c.B*c.T*qd, 1)
			want, dq, dk, dv := make([]float32, len(q)), make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
			for b := range c.B {
				qs, ks, vs := q[b*c.T*qd:(b+1)*c.T*qd], k[b*c.T*kvd:(b+1)*c.T*kvd], v[b*c.T*kvd:(b+1)*c.T*kvd]
				probs := make([]float32, c.nH*c.T*c.T)
				ops.Attention(want[b*c.T*qd:], probs, qs, ks, vs, c.T, 0, c.nH, c.nKV, c.hd)
				ops.AttentionBackward(dq[b*c.T*qd:], dk[b*c.T*kvd:], dv[b*c.T*kvd:], dout[b*c.T*qd:], probs, qs, ks, vs, c.T, c.nH, c.nKV, c.hd)
			}
			qD, kD, vD, doD := up(t, d, q), up(t, d, k), up(t, d, v), up(t, d, dout)
			out, lse := alloc(t, d, len(q)), alloc(t, d, c.B*c.nH*c.T)
			must(t, d.Attention(out, lse, qD, kD, vD, c.B, c.T, c.nH, c.nKV, c.hd))
			compare(t, "attention", down(t, d, out, len(q)), want, tolReduction)
			dqD, dkD, dvD, scratch := alloc(t, d, len(q)), alloc(t, d, len(k)), alloc(t, d, len(v)), alloc(t, d, c.B*c.nH*c.T)
			must(t, d.AttentionBackward(dqD, dkD, dvD, doD, out, lse, qD, kD, vD, scratch, c.B, c.T, c.nH, c.nKV, c.hd))
			compare(t, "attention dq", down(t, d, dqD, len(q)), dq, tolReduction)
			compare(t, "attention dk", down(t, d, dkD, len(k)), dk, tolReduction)
			compare(t, "attention dv", down(t, d, dvD, len(v)), dv, tolReduction)
		})
	}
}

func TestParityLogProbs(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 5))
	const rows, V = 24, 1000
	logits := randVec(rng, rows*V, 3)
	targets, t32 := make([]int, rows), make([]int32, rows)
	scale := make([]float32, rows)
	for i := range targets {
		targets[i] = rng.IntN(V)
		if i%5 == 0 {
			targets[i] = -1
		}
		t32[i] = int32(targets[i])
		scale[i] = float32(rng.NormFloat64())
	}
	wantLogp := make([]float32, rows)
	wantGrad := make([]float32, rows*V)
	for i := range rows {
		nll, _ := ops.CrossEntropy(wantGrad[i*V:(i+1)*V], logits[i*V:(i+1)*V], targets[i:i+1], V, scale[i])
		wantLogp[i] = float32(-nll)
	}
	lg, tg := up(t, d, logits), up(t, d, t32)
	logp, lse := alloc(t, d, rows), alloc(t, d, rows)
	must(t, d.LogProbs(logp, lse, lg, tg, rows, V))
	compare(t, "logp", down(t, d, logp, rows), wantLogp, tolReduction)
	dl := alloc(t, d, rows*V)
	must(t, d.LogProbsBackward(dl, lg, tg, lse, up(t, d, scale), rows, V))
	compare(t, "dlogits", down(t, d, dl, rows*V), wantGrad, tolReduction)
}

func TestParityNF4(t *testing.T) {
	d := gpu(t)
	dyn := dynamicMap()
	for _, double := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(3, 6))
		r := randomNF4(rng, 64*300+7, double)
		tn := NF4Tensor{N: r.n, Data: up(t, d, r.data), Offset: r.offset}
		if double {
			tn.QAbsmax, tn.Absmax2, tn.DynCode = up(t, d, r.qabsmax), up(t, d, r.absmax2), up(t, d, dyn)
		} else {
			tn.Absmax = up(t, d, r.absmax)
		}
		want := r.dequant()
		out := alloc(t, d, r.n)
		must(t, d.DequantizeNF4(out, tn, false))
		compareExact(t, fmt.Sprintf("nf4 double=%v", double), down(t, d, out, r.n), want)
		ob := alloc(t, d, r.n) // bf16 output fits in half of it
		must(t, d.DequantizeNF4(ob, tn, true))
		wide := alloc(t, d, r.n)
		must(t, d.FromBF16(wide, ob, r.n))
		for i := range want {
			want[i] = bf16Round(want[i])
		}
		compareExact(t, fmt.Sprintf("nf4 bf16 double=%v", double), down(t, d, wide, r.n), want)
	}
}

func TestParityAdamW(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 7))
	const n = 3000
	p := &lora.Param{Name: "a", Shape: []int{30, 100}, W: randVec(rng, n, 0.1), G: randVec(rng, n, 1)}
	w0, g := append([]float32(nil), p.W...), append([]float32(nil), p.G...)
	opt := lora.AdamW{WeightDecay: 0.01, ClipNorm: 0.5}
	wD, gD, mD, vD := up(t, d, w0), up(t, d, g), alloc(t, d, n), alloc(t, d, n)
	for step := 1; step <= 3; step++ {
		norm := opt.Step([]*lora.Param{p}, 1e-3)
		ss, err := d.SumSquares(gD, n)
		must(t, err)
		if math.Abs(math.Sqrt(ss)-norm) > 1e-9*norm {
			t.Fatalf("gradient norm %g on the GPU, %g on the CPU", math.Sqrt(ss), norm)
		}
		clip := 1.0
		if norm > opt.ClipNorm {
			clip = opt.ClipNorm / norm
		}
		must(t, d.AdamWStep(wD, gD, mD, vD, n, 0.9, 0.999, 1e-8, 1e-3, 0.01, clip, step))
		compareExact(t, fmt.Sprintf("adamw step %d", step), down(t, d, wD, n), p.W)
	}
}

func TestParityGemm(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 8))
	const M, N, K = 33, 65, 130
	for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
		ta, tb := tr[0], tr[1]
		a, b, c := randVec(rng, M*K, 1), randVec(rng, K*N, 1), randVec(rng, M*N, 1)
		lda, ldb := K, N
		if ta {
			lda = M
		}
		if tb {
			ldb = K
		}
		want := append([]float32(nil), c...)
		ops.Gemm(ta, tb, M, N, K, a, lda, b, ldb, 1, want, N)
		cD := up(t, d, c)
		aD, bD := up(t, d, a), up(t, d, b)
		must(t, d.Gemm(ta, tb, M, N, K, aD, lda, bD, ldb, 1, cD, N))
		compare(t, fmt.Sprintf("gemm ta=%v tb=%v", ta, tb), down(t, d, cD, M*N), want, tolReduction)

		// bf16 inputs: against the CPU product of the rounded inputs.
		ab, bb := alloc(t, d, M*K), alloc(t, d, K*N)
		must(t, d.ToBF16(ab, aD, M*K))
		must(t, d.ToBF16(bb, bD, K*N))
		ar, br := append([]float32(nil), a...), append([]float32(nil), b...)
		for i := range ar {
			ar[i] = bf16Round(ar[i])
		}
		for i := range br {
			br[i] = bf16Round(br[i])
		}
		want16 := make([]float32, M*N)
		ops.Gemm(ta, tb, M, N, K, ar, lda, br, ldb, 0, want16, N)
		c16 := alloc(t, d, M*N)
		must(t, d.GemmBF16(ta, tb, M, N, K, ab, lda, bb, ldb, 0, c16, N))
		compare(t, fmt.Sprintf("gemm bf16 ta=%v tb=%v", ta, tb), down(t, d, c16, M*N), want16, tolBF16)
	}
}

// Decoding attention against a KV cache: each sequence's row equals
// ops.Attention's row at past = pos[b].
func TestParityAttentionDecode(t *testing.T) {
	d := gpu(t)
	rng := rand.New(rand.NewPCG(3, 9))
	const B, maxLen, nH, nKV, hd = 3, 50, 8, 4, 32
	qd, kvd := nH*hd, nKV*hd
	kc, vc := randVec(rng, B*maxLen*kvd, 1), randVec(rng, B*maxLen*kvd, 1)
	k, v, q := randVec(rng, B*kvd, 1), randVec(rng, B*kvd, 1), randVec(rng, B*qd, 1)
	pos := []int32{0, 17, maxLen - 1}
	kcD, vcD, posD := up(t, d, kc), up(t, d, vc), up(t, d, pos)
	must(t, d.KVAppend(kcD, vcD, up(t, d, k), up(t, d, v), posD, B, maxLen, kvd))
	out := alloc(t, d, B*qd)
	must(t, d.AttentionDecode(out, up(t, d, q), kcD, vcD, posD, B, maxLen, nH, nKV, hd))
	want := make([]float32, B*qd)
	for b := range B {
		p := int(pos[b])
		copy(kc[(b*maxLen+p)*kvd:], k[b*kvd:(b+1)*kvd])
		copy(vc[(b*maxLen+p)*kvd:], v[b*kvd:(b+1)*kvd])
		ops.Attention(want[b*qd:(b+1)*qd], nil, q[b*qd:(b+1)*qd], kc[b*maxLen*kvd:(b*maxLen+p+1)*kvd], vc[b*maxLen*kvd:(b*maxLen+p+1)*kvd], 1, p, nH, nKV, hd)
	}
	compare(t, "decode attention", down(t, d, out, B*qd), want, tolReduction)
	compare(t, "k cache", down(t, d, kcD, B*maxLen*kvd), kc, tol{})
}

// The allocator reuses a freed block on the real device too.
func TestDeviceAllocatorReuse(t *testing.T) {
	d := gpu(t)
	p, err := d.Alloc(12345)
	must(t, err)
	must(t, d.Free(p))
	q, err := d.Alloc(12300) // the same 12800-byte class
	must(t, err)
	defer d.Free(q)
	if p != q {
		t.Errorf("freed block %#x not reused (got %#x)", uint64(p), uint64(q))
	}
	if _, err := d.Alloc(1 << 50); err == nil || !errors.Is(err, resultOutOfMemory) {
		t.Errorf("impossible allocation: %v, want CUDA_ERROR_OUT_OF_MEMORY", err)
	}
}
