package arena

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat"
)

// The leaderboard is the method of Chatbot Arena (Chiang et al., 2024) made
// Bayesian: a Bradley-Terry model of every pairwise comparison the rated
// matches imply, fitted as the posterior mode under a Gaussian prior on
// each player's strength, shown on the Elo scale, with 95% intervals from
// the Laplace approximation of the posterior. Unlike the live rating
// (UpdateRatings), it does not depend on the order matches were played,
// so it is the fair table to publish at the end of a season.
//
// The prior is what makes the table honest about small samples. Maximum
// likelihood puts a player who won its only match infinitely far ahead
// (a ridge of 1e-6 used to stop it at ~1989, with an interval of zero
// width, above players who won 24 of 30); with the prior, one win moves a
// newcomer about 100 points and leaves it an interval 500 to 850 points
// wide, and only many matches against many opponents narrow it. Players
// with fewer than ProvisionalMatches matches are provisional and listed
// after the established ones, and each group is ordered by the interval's
// lower bound, the rating a player has shown with 97.5% confidence, so
// that luck over a few matches cannot top the table.

// Outcome is one finished match as the leaderboard sees it: who played and
// how they placed. Ranks[i] is Players[i]'s place, lower is better (0 is
// the best) and equal ranks are ties, as in UpdateRatings. (It is not
// called Result: that is a finished match with all its rounds.) The
// caller passes rated matches only (see Match.Rated): the leaderboard
// trusts every outcome it is given.
type Outcome struct {
	Players []string
	Ranks   []int
}

// Standing is one player's line in the leaderboard.
type Standing struct {
	Player string
	// Rating is the Bradley-Terry strength on the Elo scale, the mode of
	// the posterior: a player rated 400 above another is expected to beat
	// it 10 times to 1. 1000 is the prior's mean, a typical player; since
	// every player has the same prior, the ratings' mean is 1000 too.
	Rating float64
	// Lo and Hi bound a 95% interval for Rating, as a rating against the
	// field's mean: the mode plus or minus 1.96 posterior standard
	// deviations of the player's strength less the mean strength, from
	// the inverse of the negative log-posterior's Hessian at the mode (the
	// Laplace approximation; see btFitter.variances). The prior bounds
	// the width by 2 x 1.96 x PriorElo, and in a field of two or more no
	// number of matches brings it to zero.
	Lo, Hi float64
	// Matches counts the matches the player took part in, Wins those in
	// which it ranked first (a tie for first is a win for each).
	Matches, Wins int
	// Provisional marks a player with fewer than ProvisionalMatches
	// matches: its rating rests on too little to rank it among players
	// who have proved themselves, so it is listed after them.
	Provisional bool
}

// LeaderboardOptions tunes Leaderboard.
type LeaderboardOptions struct {
	// PriorElo is the standard deviation of the prior on a player's
	// strength, in Elo points; zero or negative means DefaultPriorElo.
	// Tests set it huge to recover maximum likelihood.
	PriorElo float64
}

const (
	// DefaultPriorElo is the prior's standard deviation, 250 Elo points
	// (1.44 in natural-log odds). Chatbot Arena's chat models span about
	// +-300 points around their middle, and agents on one base model that
	// differ in prompt, sampling or adapter span less, so 250 leaves room
	// for every real gap (a player 2 sd above a typical one beats it 18
	// times to 1) while saying that a player is much more likely typical
	// than extreme until matches show otherwise. It makes one win worth
	// about 90 points, and a record of 24 wins in 30 about 200.
	DefaultPriorElo = 250.0
	// ProvisionalMatches is how many rated matches a player needs before
	// its standing is established; fewer and it is Provisional. Ten
	// two-player matches against typical opponents narrow a player's
	// interval to about 40% of the prior's, and each needs an opponent of
	// another owner, which an owner's throwaway agent cannot be (only
	// matches between different owners are rated).
	ProvisionalMatches = 10
	// intervalZ is the standard normal's 97.5% quantile: Lo and Hi bound
	// a 95% interval.
	intervalZ = 1.959963984540054
	// eloScale turns a natural-log odds difference into Elo points: 400
	// points are a factor of 10 in the odds.
	eloScale = 400 / math.Ln10
	// eloMean is the rating of the prior's mean, a typical player.
	eloMean = 1000
)

// priorElo is the prior's standard deviation in Elo points, defaults
// applied.
func (o LeaderboardOptions) priorElo() float64 {
	if o.PriorElo > 0 {
		return o.PriorElo
	}
	return DefaultPriorElo
}

// Method states in words how Leaderboard rates and orders players, for
// the API to show beside the table.
func (o LeaderboardOptions) Method() string {
	return fmt.Sprintf("Bradley-Terry fit to the pairs of players of each rated match "+
		"(rated: every player has a different owner and some round was judged; "+
		"a tie is half a win each way; each pair of an n-player match counts 2/n of a comparison), "+
		"as the posterior mode under a Gaussian prior on each agent's strength with mean %d "+
		"(a typical agent, and the ratings' mean) and standard deviation %g Elo points. "+
		"Lo and Hi are a 95%% Laplace interval: the rating plus or minus %.2f posterior "+
		"standard deviations of the agent's strength against the field's mean, from the inverse "+
		"Hessian of the negative log-posterior. An agent with fewer than %d rated matches is "+
		"provisional. Standings list the established agents first, then the provisional ones, "+
		"each by the lower bound Lo, best first (then by rating, then by agent id).",
		eloMean, o.priorElo(), intervalZ, ProvisionalMatches)
}

// Leaderboard ranks the players of results by a Bradley-Terry fit with a
// Gaussian prior (see LeaderboardOptions.Method for the whole statement).
// A match of n players counts as its n(n-1)/2 pairs, each weighing 2/n of
// a comparison (see pairWeight): i beats j when i ranked better, and a
// tie is half a win each way. The result lists the
// established players, then the provisional ones, each by Lo, best first,
// then by Rating and Player; it is the same for the same results in any
// order. No results gives nil. An outcome whose Players and Ranks differ
// in length is malformed and is left out of everything.
func Leaderboard(results []Outcome, opts LeaderboardOptions) []Standing {
	d := newBTData(results)
	if len(d.names) == 0 {
		return nil
	}
	sd := opts.priorElo() / eloScale // in natural-log odds
	fit := btFitter{pairs: d.pairs, l2: 1 / (2 * sd * sd)}
	n := len(d.names)

	wins, totals := d.aggregate()
	theta := fit.fit(make([]float64, n), wins, totals)
	// At the exact mode the strengths sum to zero (the likelihood's
	// gradient sums to zero, leaving the prior's, sum(theta)/sd^2), and
	// shifting them all to make it so only lowers the prior's penalty:
	// this removes the optimizer's rounding, not information.
	mean := stat.Mean(theta, nil)
	for i := range theta {
		theta[i] -= mean
	}
	variance := fit.variances(theta, totals)

	standings := make([]Standing, n)
	for i, name := range d.names {
		half := intervalZ * math.Sqrt(variance[i]) * eloScale
		rating := eloMean + eloScale*theta[i]
		standings[i] = Standing{
			Player: name, Rating: rating, Lo: rating - half, Hi: rating + half,
			Matches: d.played[i], Wins: d.won[i], Provisional: d.played[i] < ProvisionalMatches,
		}
	}
	slices.SortFunc(standings, func(a, b Standing) int {
		return cmp.Or(
			compareBool(a.Provisional, b.Provisional), // established first
			cmp.Compare(b.Lo, a.Lo),
			cmp.Compare(b.Rating, a.Rating),
			cmp.Compare(a.Player, b.Player),
		)
	})
	return standings
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// btData is the matches reduced to what Bradley-Terry needs: for each
// match, what it adds to each pair of players that met in it.
type btData struct {
	names         []string // players, sorted; a player's index is its place here
	played, won   []int    // per player
	pairs         [][2]int // distinct pairs (i < j) that ever met
	matches       [][]btContribution
	contributions []btContribution // backing store of matches
}

// btContribution is one match's comparison of one pair: pair indexes
// btData.pairs, win is 1, 1/2 or 0 as its first player beat, tied or lost
// to its second, and weight is what the comparison counts for (see
// pairWeight).
type btContribution struct {
	pair   int
	win    float64
	weight float64
}

func newBTData(results []Outcome) *btData {
	index := map[string]int{}
	for _, r := range results {
		if len(r.Players) != len(r.Ranks) {
			continue
		}
		for _, p := range r.Players {
			index[p] = 0
		}
	}
	d := &btData{names: make([]string, 0, len(index))}
	for p := range index {
		d.names = append(d.names, p)
	}
	slices.Sort(d.names) // map order is random; indices must not be
	for i, p := range d.names {
		index[p] = i
	}
	d.played = make([]int, len(d.names))
	d.won = make([]int, len(d.names))

	pairIndex := map[[2]int]int{}
	var bounds []int // match m's contributions are contributions[bounds[m]:bounds[m+1]]
	for _, r := range results {
		if len(r.Players) != len(r.Ranks) {
			continue
		}
		best := math.MaxInt
		for _, rank := range r.Ranks {
			best = min(best, rank)
		}
		for a, p := range r.Players {
			d.played[index[p]]++
			if r.Ranks[a] == best {
				d.won[index[p]]++
			}
		}
		bounds = append(bounds, len(d.contributions))
		for a := range r.Players {
			for b := a + 1; b < len(r.Players); b++ {
				i, j := index[r.Players[a]], index[r.Players[b]]
				ri, rj := r.Ranks[a], r.Ranks[b]
				if i == j {
					continue // a player listed twice learns nothing from itself
				}
				if i > j {
					i, j, ri, rj = j, i, rj, ri
				}
				key := [2]int{i, j}
				k, ok := pairIndex[key]
				if !ok {
					k = len(d.pairs)
					pairIndex[key] = k
					d.pairs = append(d.pairs, key)
				}
				win := 0.5
				if ri < rj {
					win = 1
				} else if ri > rj {
					win = 0
				}
				d.contributions = append(d.contributions, btContribution{pair: k, win: win, weight: pairWeight(len(r.Players))})
			}
		}
	}
	bounds = append(bounds, len(d.contributions))
	d.matches = make([][]btContribution, len(bounds)-1)
	for m := range d.matches {
		d.matches[m] = d.contributions[bounds[m]:bounds[m+1]]
	}
	return d
}

// aggregate sums the matches into wins (of each pair's first player, ties
// as halves) and totals per pair, each comparison counted by its weight.
func (d *btData) aggregate() (wins, totals []float64) {
	wins = make([]float64, len(d.pairs))
	totals = make([]float64, len(d.pairs))
	for _, cs := range d.matches {
		for _, c := range cs {
			wins[c.pair] += c.weight * c.win
			totals[c.pair] += c.weight
		}
	}
	return wins, totals
}

// btFitter fits Bradley-Terry strengths theta (natural-log odds: player i
// beats j with probability 1/(1+exp(theta_j-theta_i))) by minimising the
// negative log-posterior: the negative log-likelihood of the pair totals
// plus l2 * sum(theta^2), which is the Gaussian prior N(0, 1/(2 l2)) on
// each strength up to a constant.
type btFitter struct {
	pairs [][2]int
	l2    float64
}

// fit returns the strengths that best explain wins and totals, starting the
// search at init (which it may overwrite).
func (f *btFitter) fit(init, wins, totals []float64) []float64 {
	var comparisons float64
	for _, t := range totals {
		comparisons += t
	}
	problem := optimize.Problem{
		Func: func(theta []float64) float64 {
			var nll float64
			for k, p := range f.pairs {
				if totals[k] == 0 {
					continue
				}
				diff := theta[p[0]] - theta[p[1]]
				// -log P(first wins) = softplus(-diff), and the
				// other way round for its losses.
				nll += wins[k]*btSoftplus(-diff) + (totals[k]-wins[k])*btSoftplus(diff)
			}
			for _, t := range theta {
				nll += f.l2 * t * t
			}
			return nll
		},
		Grad: func(grad, theta []float64) {
			for i, t := range theta {
				grad[i] = 2 * f.l2 * t
			}
			for k, p := range f.pairs {
				if totals[k] == 0 {
					continue
				}
				// Expected wins of the first player minus its actual
				// wins.
				g := totals[k]*btSigmoid(theta[p[0]]-theta[p[1]]) - wins[k]
				grad[p[0]] += g
				grad[p[1]] -= g
			}
		},
	}
	// The gradient counts comparisons, so its tolerance scales with
	// them; 1e-9 per comparison pins theta far below anything shown.
	method := &optimize.LBFGS{GradStopThreshold: 1e-9 * max(comparisons, 1)}
	settings := &optimize.Settings{MajorIterations: 1000}
	// An error here is almost always a line search that can make no more
	// progress, which happens at the optimum to within floating point; the
	// result then holds the best point found, which is what we want. Only
	// a result that is missing or not finite is unusable.
	res, _ := optimize.Minimize(problem, init, settings, method)
	if res == nil || slices.ContainsFunc(res.X, func(t float64) bool { return math.IsNaN(t) || math.IsInf(t, 0) }) {
		return init
	}
	return res.X
}

// variances returns, for each player, the posterior variance of its
// strength relative to the mean strength (theta_i - mean(theta)), under
// the Laplace approximation: the posterior as a Gaussian whose covariance
// is the inverse of the negative log-posterior's Hessian H at the mode.
//
// H is the comparisons' weighted graph Laplacian L (each pair's totals
// times p(1-p)) plus the prior's 1/sd^2 on the diagonal. L does not see
// the mean, so along the all-ones direction H is the prior alone: the
// absolute level, sd^2/n in variance, is the same guess for everyone, and
// a rating is anchored to the field's mean (see Leaderboard). What is left
// is Var(theta_i - mean) = (H^-1)_ii - sd^2/n. To get it without
// subtracting two large numbers, the all-ones direction's eigenvalue is
// set to 1 (H + (1 - 1/sd^2) 11'/n) before inverting, and 1/n taken off.
//
// A player's variance is below the prior's sd^2 (the data only narrow
// it) and above zero, since in a field of two or more no comparison pins
// a strength exactly; a field of one, compared with no one, gets the
// prior's.
func (f *btFitter) variances(theta, totals []float64) []float64 {
	n := len(theta)
	prior := 1 / (2 * f.l2) // sd^2
	out := make([]float64, n)
	if n == 1 {
		out[0] = prior
		return out
	}
	h := mat.NewSymDense(n, nil)
	shift := (1 - 1/prior) / float64(n)
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, shift)
		}
		h.SetSym(i, i, shift+1/prior)
	}
	for k, p := range f.pairs {
		if totals[k] == 0 {
			continue
		}
		q := btSigmoid(theta[p[0]] - theta[p[1]])
		w := totals[k] * q * (1 - q)
		i, j := p[0], p[1]
		h.SetSym(i, i, h.At(i, i)+w)
		h.SetSym(j, j, h.At(j, j)+w)
		h.SetSym(i, j, h.At(i, j)-w)
	}
	var chol mat.Cholesky
	var inv mat.SymDense
	if !chol.Factorize(h) || chol.InverseTo(&inv) != nil {
		// Cannot happen for a Laplacian plus a positive definite part;
		// should rounding make it so, the prior's variance is the honest
		// answer.
		for i := range out {
			out[i] = prior
		}
		return out
	}
	for i := range out {
		// Rounding aside, this is in (0, prior); keep it there.
		out[i] = min(max(inv.At(i, i)-1/float64(n), math.SmallestNonzeroFloat64), prior)
	}
	return out
}

// btSoftplus is log(1+e^x), computed without overflow for large x.
func btSoftplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// btSigmoid is 1/(1+e^-x), computed without overflow for large |x|.
func btSigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// pairWeight is what each pair of an n-player match counts for, in
// comparisons: 2/n, so a two-player match is one comparison and each
// player's n-1 pairs of a bigger one weigh 2(n-1)/n together, between one
// and two. The pairs of one ranking share a task and a judging and are
// not independent; counted as n(n-1)/2 full comparisons they made the
// intervals too narrow. On simulated Plackett-Luce matches of 2 to 4 of 8
// players (100 seeds), 95% intervals held the true rating 90% of the time
// after 2,000 matches unweighted; weighted, 96.5% after 2,000, 97.5% after
// 300 and 98.4% after 50 (see TestRankIntervalsCover).
func pairWeight(n int) float64 { return 2 / float64(n) }
