package arena

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/rlfc/arena/agents"
)

// near reports whether a and b agree to within tol.
func ratingNear(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestDefaultRating(t *testing.T) {
	r := DefaultRating()
	if r.Mu != 25 || !ratingNear(r.Sigma, 25.0/3, 1e-15) || r.Matches != 0 {
		t.Fatalf("DefaultRating() = %+v, want mu 25, sigma 25/3, 0 matches", r)
	}
	// A newcomer's ordinal is zero: mu is exactly three sigmas.
	if o := Ordinal(r); !ratingNear(o, 0, 1e-12) {
		t.Errorf("Ordinal(default) = %v, want 0", o)
	}
	if o := Ordinal(agents.Rating{Mu: 30, Sigma: 2}); o != 24 {
		t.Errorf("Ordinal(30, 2) = %v, want 24", o)
	}
}

func TestUpdateRatingsTwoPlayerWin(t *testing.T) {
	in := []agents.Rating{DefaultRating(), DefaultRating()}
	before := slices.Clone(in)
	out := UpdateRatings(in, []int{0, 1})
	if !slices.Equal(in, before) {
		t.Fatalf("UpdateRatings changed its input: %+v", in)
	}
	w, l := out[0], out[1]
	if w.Mu <= 25 || l.Mu >= 25 {
		t.Errorf("winner mu %v, loser mu %v: want winner above 25 and loser below", w.Mu, l.Mu)
	}
	if w.Sigma >= in[0].Sigma || l.Sigma >= in[1].Sigma {
		t.Errorf("sigmas %v, %v: both should shrink from %v", w.Sigma, l.Sigma, in[0].Sigma)
	}
	if w.Matches != 1 || l.Matches != 1 {
		t.Errorf("matches %d, %d, want 1, 1", w.Matches, l.Matches)
	}
	// Equal players: what one gains the other loses, and both learn as
	// much.
	if !ratingNear(w.Mu-25, 25-l.Mu, 1e-12) || !ratingNear(w.Sigma, l.Sigma, 1e-12) {
		t.Errorf("asymmetric update of equal players: %+v, %+v", w, l)
	}
	// By hand: c^2 = 2(sigma^2 + beta^2) = 2(625/9 + 625/36) = 3125/18, so
	// c = 25 sqrt(10)/6; C_0 = {0, 1} with p = 1/2 each, C_1 = {1}.
	// Omega_0 = sigma^2/c (1 - 1/2) = (625/9)/(25 sqrt(10)/6)/2
	//         = 25/(3 sqrt(10)) ~ 2.635231;
	// Delta_0 = gamma sigma^2/c^2 (1/4) with gamma = sigma/c = 2/sqrt(10)
	//         and sigma^2/c^2 = 2/5, so Delta_0 = 1/(5 sqrt(10)) ~ 0.063246,
	// and sigma' = 25/3 sqrt(1 - Delta_0) ~ 8.063958.
	wantMu := 25 + 25/(3*math.Sqrt(10))
	wantSigma := 25.0 / 3 * math.Sqrt(1-1/(5*math.Sqrt(10)))
	if !ratingNear(w.Mu, wantMu, 1e-12) || !ratingNear(w.Sigma, wantSigma, 1e-12) {
		t.Errorf("winner %+v, want mu %v sigma %v", w, wantMu, wantSigma)
	}
}

func TestUpdateRatingsTies(t *testing.T) {
	// Two equal players tied: nothing to learn about who is better.
	out := UpdateRatings([]agents.Rating{DefaultRating(), DefaultRating()}, []int{0, 0})
	if out[0].Mu != out[1].Mu || !ratingNear(out[0].Mu, 25, 1e-12) {
		t.Errorf("tied equal players moved: %+v", out)
	}
	if out[0].Sigma != out[1].Sigma || out[0].Sigma >= DefaultRating().Sigma {
		t.Errorf("tied equal players' sigmas differ or did not shrink: %+v", out)
	}

	// Two equal players tied for first over a third: they stay equal to
	// each other and above the third.
	three := []agents.Rating{DefaultRating(), DefaultRating(), DefaultRating()}
	out = UpdateRatings(three, []int{1, 0, 0})
	if out[1] != out[2] {
		t.Errorf("players tied at first differ: %+v vs %+v", out[1], out[2])
	}
	if out[1].Mu <= out[0].Mu || out[0].Mu >= 25 {
		t.Errorf("tied winners %v should beat the loser %v, who should drop below 25", out[1].Mu, out[0].Mu)
	}

	// Ties between unequal players pull the stronger down and the weaker
	// up.
	out = UpdateRatings([]agents.Rating{{Mu: 30, Sigma: 5}, {Mu: 20, Sigma: 5}}, []int{0, 0})
	if out[0].Mu >= 30 || out[1].Mu <= 20 {
		t.Errorf("tie of 30 and 20 gave %v and %v, want them pulled together", out[0].Mu, out[1].Mu)
	}
}

// TestUpdateRatingsFourPlayersByHand checks Algorithm 4 against a hand
// computation: four new players (mu 25, sigma 25/3, beta 25/6) finishing
// in order 0, 1, 2, 3.
//
//	c^2 = 4 (sigma^2 + beta^2) = 4 (625/9 + 625/36) = 3125/9, c = 25 sqrt(5)/3
//	all mus equal, so p_{i,q} = exp(mu_i/c) / sum_{s in C_q} exp(mu_s/c) = 1/|C_q|,
//	with |C_0..3| = 4, 3, 2, 1; no ties, so every A_q = 1.
//
//	Omega sums over q ranked at or above i of (1[q=i] - p_{i,q}):
//	  i=0: 1-1/4                 =  3/4
//	  i=1: -1/4 + (1-1/3)        =  5/12
//	  i=2: -1/4 - 1/3 + (1-1/2)  = -1/12
//	  i=3: -1/4 - 1/3 - 1/2 + 0  = -13/12   (the four sum to zero)
//	Delta sums p (1-p) over the same q:
//	  i=0: 3/16
//	  i=1: 3/16 + 2/9            = 59/144
//	  i=2: 59/144 + 1/4          = 95/144
//	  i=3: 95/144 + 0            = 95/144
//	Scale factors: sigma^2/c = (625/9) / (25 sqrt(5)/3) = 5 sqrt(5)/3 ~ 3.726780,
//	gamma = sigma/c = 1/sqrt(5), sigma^2/c^2 = 1/5, so gamma sigma^2/c^2 = 1/(5 sqrt(5)).
//
//	mu'    = 25 + 5 sqrt(5)/3 * Omega-sum:
//	         27.795085, 26.552825, 24.689435, 20.962655
//	sigma' = 25/3 sqrt(1 - Delta-sum/(5 sqrt(5))):
//	         8.263161, 8.179214, 8.083731, 8.083731
func TestUpdateRatingsFourPlayersByHand(t *testing.T) {
	in := []agents.Rating{DefaultRating(), DefaultRating(), DefaultRating(), DefaultRating()}
	out := UpdateRatings(in, []int{0, 1, 2, 3})

	r5 := math.Sqrt(5)
	omega := []float64{3.0 / 4, 5.0 / 12, -1.0 / 12, -13.0 / 12}
	delta := []float64{3.0 / 16, 59.0 / 144, 95.0 / 144, 95.0 / 144}
	printed := [][2]float64{
		{27.795085, 8.263161}, {26.552825, 8.179214},
		{24.689435, 8.083731}, {20.962655, 8.083731},
	}
	for i, r := range out {
		wantMu := 25 + 5*r5/3*omega[i]
		wantSigma := 25.0 / 3 * math.Sqrt(1-delta[i]/(5*r5))
		if !ratingNear(r.Mu, wantMu, 1e-12) || !ratingNear(r.Sigma, wantSigma, 1e-12) {
			t.Errorf("player %d: got mu %.9f sigma %.9f, want %.9f %.9f", i, r.Mu, r.Sigma, wantMu, wantSigma)
		}
		if !ratingNear(r.Mu, printed[i][0], 1e-6) || !ratingNear(r.Sigma, printed[i][1], 1e-6) {
			t.Errorf("player %d: got mu %.6f sigma %.6f, hand table says %v", i, r.Mu, r.Sigma, printed[i])
		}
		if r.Matches != 1 {
			t.Errorf("player %d: matches %d, want 1", i, r.Matches)
		}
	}
	// Order is preserved: better places end with higher mu and ordinal.
	for i := 1; i < len(out); i++ {
		if out[i].Mu >= out[i-1].Mu || Ordinal(out[i]) >= Ordinal(out[i-1]) {
			t.Errorf("place %d (mu %v) not below place %d (mu %v)", i, out[i].Mu, i-1, out[i-1].Mu)
		}
	}
}

func TestUpdateRatingsOrderPreserved(t *testing.T) {
	// Players already rated in some order who finish in that order stay in
	// it, and the update does not depend on the order players are listed.
	in := []agents.Rating{
		{Mu: 31, Sigma: 3, Matches: 40},
		{Mu: 27, Sigma: 5, Matches: 12},
		{Mu: 24, Sigma: 6, Matches: 7},
		{Mu: 18, Sigma: 4, Matches: 25},
	}
	out := UpdateRatings(in, []int{0, 1, 2, 3})
	for i := 1; i < len(out); i++ {
		if out[i].Mu >= out[i-1].Mu {
			t.Errorf("place %d mu %v not below place %d mu %v", i, out[i].Mu, i-1, out[i-1].Mu)
		}
	}
	perm := []int{2, 0, 3, 1}
	pin := make([]agents.Rating, 4)
	pranks := make([]int, 4)
	for j, i := range perm {
		pin[j], pranks[j] = in[i], i
	}
	pout := UpdateRatings(pin, pranks)
	for j, i := range perm {
		if !ratingNear(pout[j].Mu, out[i].Mu, 1e-12) || !ratingNear(pout[j].Sigma, out[i].Sigma, 1e-12) {
			t.Errorf("listing order changed player %d: %+v vs %+v", i, pout[j], out[i])
		}
	}
	// Only the order of ranks matters, so "1224" and dense ranks agree.
	a := UpdateRatings(in, []int{0, 1, 1, 3})
	b := UpdateRatings(in, []int{0, 1, 1, 2})
	if !slices.Equal(a, b) {
		t.Errorf("ranks 0113 and 0112 differ: %+v vs %+v", a, b)
	}
}

func TestUpdateRatingsEdges(t *testing.T) {
	if out := UpdateRatings(nil, nil); len(out) != 0 {
		t.Errorf("no players gave %+v", out)
	}
	one := UpdateRatings([]agents.Rating{DefaultRating()}, []int{0})
	if one[0].Mu != 25 || one[0].Sigma != DefaultRating().Sigma || one[0].Matches != 1 {
		t.Errorf("a lone player changed: %+v", one[0])
	}
	// The zero value is a new player.
	z := UpdateRatings([]agents.Rating{{}, DefaultRating()}, []int{0, 1})
	d := UpdateRatings([]agents.Rating{DefaultRating(), DefaultRating()}, []int{0, 1})
	if !slices.Equal(z, d) {
		t.Errorf("zero rating not treated as default: %+v vs %+v", z, d)
	}
	// Extreme ratings must not overflow exp into NaN.
	out := UpdateRatings([]agents.Rating{{Mu: 1e6, Sigma: 1}, {Mu: -1e6, Sigma: 1}}, []int{1, 0})
	for _, r := range out {
		if math.IsNaN(r.Mu) || math.IsInf(r.Mu, 0) || math.IsNaN(r.Sigma) || r.Sigma <= 0 {
			t.Errorf("extreme upset gave %+v", r)
		}
	}
	// Sigma never collapses below sqrt(kappa) of what it was (1 here).
	for _, r := range out {
		if r.Sigma < math.Sqrt(ratingKappa)-1e-15 {
			t.Errorf("sigma %v fell below the kappa floor", r.Sigma)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("mismatched lengths did not panic")
		}
	}()
	UpdateRatings([]agents.Rating{DefaultRating()}, []int{0, 1})
}

// TestUpdateRatingsConverges plays many matches between players of known
// strength and checks that their ordinals end in strength order.
func TestUpdateRatingsConverges(t *testing.T) {
	const players = 8
	rng := rand.New(rand.NewPCG(1, 2))
	strength := make([]float64, players) // player i's true skill, in mu units
	for i := range strength {
		strength[i] = 10 + 3*float64(i)
	}
	ratings := make([]agents.Rating, players)
	for i := range ratings {
		ratings[i] = DefaultRating()
	}
	for range 3000 {
		n := 2 + rng.IntN(3)
		who := rng.Perm(players)[:n]
		perf := make([]float64, n)
		in := make([]agents.Rating, n)
		for j, p := range who {
			perf[j] = strength[p] + ratingBeta*rng.NormFloat64()
			in[j] = ratings[p]
		}
		for j, r := range UpdateRatings(in, placesOf(perf)) {
			ratings[who[j]] = r
		}
	}
	order := make([]int, players)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return Ordinal(ratings[order[a]]) < Ordinal(ratings[order[b]]) })
	for rank, p := range order {
		if p != rank {
			t.Fatalf("ordinals out of strength order: %v (ratings %+v)", order, ratings)
		}
	}
}

// placesOf ranks performances, 0 for the highest, for the simulations.
func placesOf(perf []float64) []int {
	ranks := make([]int, len(perf))
	for i, p := range perf {
		for _, q := range perf {
			if q > p {
				ranks[i]++
			}
		}
	}
	return ranks
}
