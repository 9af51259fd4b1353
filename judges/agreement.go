package judges

import "math"

// KendallTau returns Kendall's rank correlation tau-b between two score
// lists over the same replies: 1 when they order every pair the same way,
// −1 when they order every pair oppositely. Tau-b corrects for ties, so
// two judges that both call a pair even are not counted as disagreeing.
// It is NaN when undefined: lists of different lengths, fewer than two
// items, a NaN score, or a list with every score tied.
func KendallTau(a, b []float64) float64 {
	if len(a) != len(b) || len(a) < 2 {
		return math.NaN()
	}
	var concordant, discordant, tiedA, tiedB, pairs float64
	for i := range a {
		if math.IsNaN(a[i]) || math.IsNaN(b[i]) {
			return math.NaN()
		}
		for j := i + 1; j < len(a); j++ {
			pairs++
			da, db := sign(a[i]-a[j]), sign(b[i]-b[j])
			switch {
			case da == 0 && db == 0:
				tiedA++
				tiedB++
			case da == 0:
				tiedA++
			case db == 0:
				tiedB++
			case da == db:
				concordant++
			default:
				discordant++
			}
		}
	}
	den := math.Sqrt((pairs - tiedA) * (pairs - tiedB))
	if den == 0 {
		return math.NaN()
	}
	return (concordant - discordant) / den
}

// sign is −1, 0 or 1.
func sign(x float64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// PairAgreement is how well two judges agreed over many rounds.
type PairAgreement struct {
	// A and B are the judges' names, A the one that appears first.
	A, B string
	// Tau is the mean of the rounds' tau-b (see KendallTau).
	Tau float64
	// Rounds is the number of rounds the mean is over.
	Rounds int
}

// Agreement measures, for each pair of judges, the mean Kendall tau-b of
// their scores over the rounds where both answered, so an operator can see
// which judges agree and which one is the odd one out. Rounds where tau is
// undefined (a judge that scored every reply alike, a single reply) are
// skipped, and pairs with no usable round are left out. Judges are matched
// by name and pairs listed in order of the judges' first appearance.
func Agreement(results []Result) []PairAgreement {
	var names []string
	index := map[string]int{}
	for _, res := range results {
		for _, jr := range res.Judges {
			if _, ok := index[jr.Judge]; !ok {
				index[jr.Judge] = len(names)
				names = append(names, jr.Judge)
			}
		}
	}
	n := len(names)
	sums := make([]float64, n*n)
	counts := make([]int, n*n)
	for _, res := range results {
		// scores[k] is judge k's verdict in this round, nil if it had none.
		scores := make([][]float64, n)
		for _, jr := range res.Judges {
			if jr.Err == "" && jr.Scores != nil {
				scores[index[jr.Judge]] = jr.Scores
			}
		}
		for x := range n {
			for y := x + 1; y < n; y++ {
				if scores[x] == nil || scores[y] == nil {
					continue
				}
				if tau := KendallTau(scores[x], scores[y]); !math.IsNaN(tau) {
					sums[x*n+y] += tau
					counts[x*n+y]++
				}
			}
		}
	}
	var out []PairAgreement
	for x := range n {
		for y := x + 1; y < n; y++ {
			if c := counts[x*n+y]; c > 0 {
				out = append(out, PairAgreement{A: names[x], B: names[y], Tau: sums[x*n+y] / float64(c), Rounds: c})
			}
		}
	}
	return out
}
