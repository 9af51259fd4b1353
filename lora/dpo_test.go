package lora

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/corpus"
	"github.com/rlfc/arena/lora/tokenizer"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Each loss against values worked out by hand for one pair with policy
// log-probabilities πc = −5, πr = −7 and reference rc = rr = −6, so that
// h = (πc − rc) − (πr − rr) = 1 − (−1) = 2.
func TestPairLossHandComputed(t *testing.T) {
	const pc, rc, pr, rr = -5.0, -6.0, -7.0, -6.0
	// σ(0.2) = 0.549834, −log σ(0.2) = log(1 + e^−0.2) = 0.598139,
	// −log σ(−0.2) = 0.798139, σ(−0.2) = 0.450166.
	for _, tc := range []struct {
		name           string
		method         string
		beta, eps      float64
		nc, nr         int
		loss, dc, dr   float64
		lossTol, dTol  float64
		explainFormula string
	}{
		// β h = 0.2: −log σ(0.2); d/dπc = −β σ(−0.2) = −0.0450166.
		{"dpo", MethodDPO, 0.1, 0, 3, 3, 0.598139, -0.0450166, 0.0450166, 1e-6, 1e-7, ""},
		// 0.9·0.598139 + 0.1·0.798139 = 0.618139; −0.9·0.1·0.450166 + 0.1·0.1·0.549834 = −0.0350166.
		{"dpo-label-smoothing", MethodDPO, 0.1, 0.1, 3, 3, 0.618139, -0.0350166, 0.0350166, 1e-6, 1e-7, ""},
		// Per-token: h = 1/2 − (−1)/4 = 0.75; 1/(2β) = 5; (0.75 − 5)² = 18.0625;
		// dL/dh = 2·(−4.25) = −8.5, so d/dπc = −8.5/2 and d/dπr = 8.5/4.
		{"ipo", MethodIPO, 0.1, 0, 2, 4, 18.0625, -4.25, 2.125, 1e-12, 1e-12, ""},
		// 1 − βh = 0.8 > 0: loss 0.8, d/dπc = −β.
		{"hinge", MethodHinge, 0.1, 0, 3, 3, 0.8, -0.1, 0.1, 1e-12, 1e-12, ""},
		// 1 − βh = −1 ≤ 0: no loss, no gradient.
		{"hinge-satisfied", MethodHinge, 1, 0, 3, 3, 0, 0, 0, 0, 0, ""},
		// (0.9·0.598139 − 0.1·0.798139)/0.8 = 0.573139;
		// (−0.9·0.1·0.450166 − 0.1·0.1·0.549834)/0.8 = −0.0575166.
		{"robust", MethodRobust, 0.1, 0.1, 3, 3, 0.573139, -0.0575166, 0.0575166, 1e-6, 1e-7, ""},
	} {
		loss, dc, dr := pairLoss(tc.method, tc.beta, tc.eps, pc, rc, pr, rr, tc.nc, tc.nr)
		if !near(loss, tc.loss, tc.lossTol) || !near(dc, tc.dc, tc.dTol) || !near(dr, tc.dr, tc.dTol) {
			t.Errorf("%s: loss %.7g dπc %.7g dπr %.7g; want %.7g %.7g %.7g", tc.name, loss, dc, dr, tc.loss, tc.dc, tc.dr)
		}
	}
}

// The derivatives pairLoss returns are those of its loss.
func TestPairLossDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, method := range []string{MethodDPO, MethodIPO, MethodHinge, MethodRobust} {
		for range 50 {
			beta := 0.05 + rng.Float64()
			eps := 0.3 * rng.Float64()
			pc, rc, pr, rr := -20*rng.Float64(), -20*rng.Float64(), -20*rng.Float64(), -20*rng.Float64()
			nc, nr := 1+rng.IntN(9), 1+rng.IntN(9)
			_, dc, dr := pairLoss(method, beta, eps, pc, rc, pr, rr, nc, nr)
			const h = 4e-3
			f := func(pc, pr float64) float64 {
				l, _, _ := pairLoss(method, beta, eps, pc, rc, pr, rr, nc, nr)
				return l
			}
			numC := (f(pc+h, pr) - f(pc-h, pr)) / (2 * h)
			numR := (f(pc, pr+h) - f(pc, pr-h)) / (2 * h)
			if method == MethodHinge && math.Abs(1-beta*((pc-rc)-(pr-rr))) < 1e-4 {
				continue // the kink
			}
			if !near(numC, dc, 1e-5*(1+math.Abs(dc))) || !near(numR, dr, 1e-5*(1+math.Abs(dr))) {
				t.Errorf("%s: derivatives %.8g %.8g, finite differences %.8g %.8g", method, dc, dr, numC, numR)
			}
		}
	}
	// Extreme margins stay finite.
	for _, x := range []float64{-1e4, 1e4} {
		for _, method := range []string{MethodDPO, MethodRobust} {
			l, dc, _ := pairLoss(method, 1, 0.1, x, 0, 0, 0, 1, 1)
			if math.IsNaN(l) || math.IsInf(l, 0) || math.IsNaN(dc) {
				t.Errorf("%s at h=%g: loss %v, derivative %v", method, x, l, dc)
			}
		}
	}
}

// dpoFixture is a tiny model with a tokenizer and a rank-2 adapter whose B
// is not zero, so that every adapter tensor has a gradient.
func dpoFixture(t testing.TB) (*Model, *Adapter, []Pair) {
	t.Helper()
	tok := testTokenizer(t, 300)
	cfg := tinyConfig("llama")
	cfg.VocabSize = tok.VocabSize()
	m := tinyModel(t, cfg, 4)
	m.Tokenizer = tok
	a, err := NewAdapter(m, AdapterConfig{Rank: 2, Targets: []string{"q_proj", "v_proj", "down_proj"}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	for _, p := range a.Params() {
		for i := range p.W {
			p.W[i] = float32(0.5 * rng.NormFloat64())
		}
	}
	pairs := []Pair{
		PlainPair("Q: 12+7=", "19", "18"),
		ChatPair([]tokenizer.Message{{Role: "user", Content: "Q: 3+4="}}, "7", "8"),
		PlainPair("The cat", " sat.", " ran away fast."),
	}
	return m, a, pairs
}

// The gradient TrainDPO feeds back (onehot − softmax on completion rows,
// scaled by each pair's coefficient) is the gradient of the batch loss with
// respect to the adapter, for every method.
func TestDPOGradientMatchesFiniteDifferences(t *testing.T) {
	m, a, pairs := dpoFixture(t)
	for _, tc := range []struct {
		method string
		rpo    float64
	}{{MethodDPO, 0}, {MethodIPO, 0}, {MethodHinge, 0}, {MethodRobust, 0}, {MethodDPO, 1}} {
		method := tc.method
		name := method
		if tc.rpo > 0 {
			name += "+rpo"
		}
		t.Run(name, func(t *testing.T) {
			beta := 0.5
			if method == MethodIPO {
				beta = 5 // keeps the squared loss, and float32 noise in it, small
			}
			o, err := (&DPOOptions{Method: method, Beta: beta, RPOAlpha: tc.rpo}).withDefaults(m)
			if err != nil {
				t.Fatal(err)
			}
			seqs, err := tokenizePairs(m.Tokenizer, pairs, o.MaxLen, m.Config.VocabSize)
			if err != nil {
				t.Fatal(err)
			}
			// A reference that differs from the policy, so that margins are
			// away from zero and the hinge is active.
			ref, err := PolicyLogProbs(context.Background(), m, pairs, 0)
			if err != nil {
				t.Fatal(err)
			}
			for i := range ref {
				ref[i].Chosen += 0.5 + float64(i)
				ref[i].Rejected -= 1.5
			}
			m.SetAdapter(a)
			defer m.SetAdapter(nil)
			run := newDPORun(m, a, o, seqs, ref, defaultAdam(&o))
			idx := []int{0, 1, 2}
			a.SetTrainable(true)
			defer a.SetTrainable(false)
			if _, err := run.lossAndGrad(idx, 0); err != nil {
				t.Fatal(err)
			}
			grads := make([][]float32, len(a.Params()))
			for i, p := range a.Params() {
				grads[i] = slices.Clone(p.G)
			}
			loss := func() float64 {
				st, err := run.lossAndGrad(idx, 0)
				if err != nil {
					t.Fatal(err)
				}
				return st.loss
			}
			rng := rand.New(rand.NewPCG(7, 7))
			const h = 4e-3
			for pi, p := range a.Params() {
				for range 3 {
					i := rng.IntN(len(p.W))
					orig := p.W[i]
					p.W[i] = orig + h
					lp := loss()
					p.W[i] = orig - h
					lm := loss()
					p.W[i] = orig
					num := (lp - lm) / (2 * h)
					got := float64(grads[pi][i])
					if math.Abs(num-got) > 2e-3+0.03*math.Abs(num) {
						t.Errorf("%s[%d]: backward %.6g, finite difference %.6g", p.Name, i, got, num)
					}
				}
			}
		})
	}
}

func TestPairOrderIsAPermutationAndSeeded(t *testing.T) {
	a, b := pairOrder(50, 3, 0), pairOrder(50, 3, 0)
	if !slices.Equal(a, b) {
		t.Fatal("same seed and epoch, different orders")
	}
	if slices.Equal(a, pairOrder(50, 3, 1)) || slices.Equal(a, pairOrder(50, 4, 0)) {
		t.Error("epoch or seed does not change the order")
	}
	s := slices.Clone(a)
	slices.Sort(s)
	for i, v := range s {
		if v != i {
			t.Fatalf("not a permutation: %v", a)
		}
	}
	// Pinned, so that the order (which records depend on) cannot change
	// unnoticed.
	if got := pairOrder(8, 1, 0); !slices.Equal(got, pinnedOrder) {
		t.Errorf("pairOrder(8, 1, 0) = %v, pinned %v", got, pinnedOrder)
	}
}

var pinnedOrder = []int{1, 5, 4, 6, 7, 2, 0, 3}

// Training is bit-for-bit reproducible whatever GOMAXPROCS is, reports
// what it did, and writes one metrics line per step.
func TestTrainDPODeterministicAcrossProcs(t *testing.T) {
	m0, a0, pairs := dpoFixture(t)
	for i := range 5 {
		pairs = append(pairs, PlainPair("Q: "+strconv.Itoa(i)+"+1=", strconv.Itoa(i+1), strconv.Itoa(i+2)))
	}
	run := func(procs int) (*DPOResult, *Adapter, string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		a := a0.Clone()
		a.Config.Dropout = 0.1 // dropout masks must be reproducible too
		var metrics bytes.Buffer
		steps := 0
		res, err := TrainDPO(context.Background(), m0, a, pairs, DPOOptions{Seed: 9, BatchSize: 3, Epochs: 2, Metrics: &metrics,
			Progress: func(s DPOStep) { steps = s.Step }})
		if err != nil {
			t.Fatal(err)
		}
		if steps != res.Steps || res.Steps != 6 {
			t.Errorf("%d steps reported, %d in result, want 6", steps, res.Steps)
		}
		m0.SetAdapter(nil)
		return res, a, metrics.String()
	}
	r1, a1, metrics := run(1)
	r2, a2, _ := run(2)
	if !slices.Equal(r1.Losses, r2.Losses) {
		t.Fatalf("losses differ between GOMAXPROCS 1 and 2:\n%v\n%v", r1.Losses, r2.Losses)
	}
	for i, p := range a1.Params() {
		if !slices.Equal(p.W, a2.Params()[i].W) {
			t.Fatalf("%s differs between GOMAXPROCS 1 and 2", p.Name)
		}
	}
	lines := strings.Split(strings.TrimSpace(metrics), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d metrics lines, want 6:\n%s", len(lines), metrics)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"step", "loss", "reward_margin", "reward_accuracy", "tokens_per_s"} {
		if _, ok := first[k]; !ok {
			t.Errorf("metrics line lacks %q: %s", k, lines[0])
		}
	}
	// The first step starts from the reference (the adapter's B is
	// random here, so not exactly): the loss is finite and positive.
	if !(r1.Losses[0] > 0) {
		t.Errorf("first loss %v", r1.Losses[0])
	}
}

func TestTrainDPORejectsBadOptions(t *testing.T) {
	m, a, pairs := dpoFixture(t)
	for _, tc := range []struct {
		opts DPOOptions
		want string
	}{
		{DPOOptions{Method: "kto"}, `unknown method "kto"`},
		{DPOOptions{Beta: -1}, "beta"},
		{DPOOptions{LabelSmoothing: 0.5}, "label smoothing"},
		{DPOOptions{MaxLen: 1 << 20}, "max length"},
	} {
		_, err := TrainDPO(context.Background(), m, a, pairs, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opts, err, tc.want)
		}
	}
	if _, err := TrainDPO(context.Background(), m, a, nil, DPOOptions{}); err == nil || !strings.Contains(err.Error(), "no pairs") {
		t.Errorf("no pairs: %v", err)
	}
}

// arithmeticPairs makes n addition pairs: the right answer chosen, a
// plausible slip (corpus.WrongAnswer) rejected; plain or in chat form.
func arithmeticPairs(n int, seed uint64, chat bool) []Pair {
	r := rand.New(rand.NewPCG(seed, 1))
	var ps []Pair
	for _, p := range RandomAdditions(n, seed) {
		right, wrong := strconv.Itoa(p.Answer()), strconv.Itoa(corpus.WrongAnswer(p, r))
		if chat {
			ps = append(ps, ChatPair([]tokenizer.Message{{Role: "system", Content: corpus.ArithmeticSystem}, {Role: "user", Content: p.Prompt()}}, right, wrong))
		} else {
			ps = append(ps, PlainPair(p.Prompt(), right, wrong))
		}
	}
	return ps
}
