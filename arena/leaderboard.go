package arena

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat"
)

// The leaderboard is the method of Chatbot Arena (Chiang et al., 2024): a
// Bradley-Terry model fitted by maximum likelihood to every pairwise
// comparison the matches imply, shown on the Elo scale, with confidence
// intervals from a bootstrap over the matches. Unlike the live rating
// (UpdateRatings), it does not depend on the order matches were played,
// so it is the fair table to publish at the end of a season.

// Outcome is one finished match as the leaderboard sees it: who played and
// how they placed. Ranks[i] is Players[i]'s place, lower is better (0 is
// the best) and equal ranks are ties, as in UpdateRatings. (It is not
// called Result: that is a finished match with all its rounds.)
type Outcome struct {
	Players []string
	Ranks   []int
}

// Standing is one player's line in the leaderboard.
type Standing struct {
	Player string
	// Rating is the Bradley-Terry strength on the Elo scale: a player
	// rated 400 above another is expected to beat it 10 times to 1.
	// Ratings are anchored so that their mean over all players is 1000.
	Rating float64
	// Lo and Hi bound a 95% bootstrap confidence interval for Rating (the
	// 2.5% and 97.5% quantiles of the ratings refitted to resampled
	// matches). With no bootstrap they equal Rating. A player missing
	// from a resample is rated there by the ridge alone, at the mean, so
	// players with few matches get wide intervals, as they should.
	Lo, Hi float64
	// Matches counts the matches the player took part in, Wins those in
	// which it ranked first (a tie for first is a win for each).
	Matches, Wins int
}

// LeaderboardOptions tunes Leaderboard.
type LeaderboardOptions struct {
	// Bootstrap is the number of resamples behind Lo and Hi: zero means
	// 200, negative means none (Lo = Hi = Rating).
	Bootstrap int
	// Seed fixes the resampling, so a leaderboard is reproducible.
	Seed uint64
	// L2 is the ridge penalty L2 * sum(theta^2) on the natural-log
	// strengths. It makes the fit unique (Bradley-Terry only sees
	// differences) and keeps a player who never won, or never lost,
	// finite. It should stay tiny next to the number of comparisons, so
	// that it decides nothing the data can; zero or negative means 1e-6.
	L2 float64
}

const (
	// leaderboardBootstrap is the default number of resamples, Chatbot
	// Arena's: enough for stable 95% quantiles.
	leaderboardBootstrap = 200
	// leaderboardL2 is the default ridge: far below one comparison's
	// weight, so it only decides what the data leave open.
	leaderboardL2 = 1e-6
	// eloScale turns a natural-log odds difference into Elo points: 400
	// points are a factor of 10 in the odds.
	eloScale = 400 / math.Ln10
	// eloMean is where the mean rating is anchored.
	eloMean = 1000
)

// Leaderboard ranks the players of results by a Bradley-Terry fit. A match
// of n players counts as its n(n-1)/2 pairs: i beats j when i ranked
// better, and a tie is half a win each way. The point ratings come from
// the whole data; the intervals from refitting to the matches resampled
// with replacement (matches, not pairs, since one match's pairs share a
// task and are not independent). The result is sorted by Rating, best
// first, then by Player; it is the same for the same results and Seed.
// No results gives nil. An outcome whose Players and Ranks differ in
// length is malformed and is left out of everything.
func Leaderboard(results []Outcome, opts LeaderboardOptions) []Standing {
	l2 := opts.L2
	if l2 <= 0 {
		l2 = leaderboardL2
	}
	boots := opts.Bootstrap
	if boots == 0 {
		boots = leaderboardBootstrap
	}

	d := newBTData(results)
	if len(d.names) == 0 {
		return nil
	}
	fit := btFitter{pairs: d.pairs, l2: l2}
	n := len(d.names)

	// The point estimate, from every match once.
	ones := make([]float64, len(d.matches))
	for m := range ones {
		ones[m] = 1
	}
	wins, totals := d.aggregate(ones, nil, nil)
	theta := fit.fit(make([]float64, n), wins, totals)
	rating := toElo(theta, nil)

	standings := make([]Standing, n)
	for i, name := range d.names {
		standings[i] = Standing{
			Player: name, Rating: rating[i], Lo: rating[i], Hi: rating[i],
			Matches: d.played[i], Wins: d.won[i],
		}
	}

	if boots > 0 && len(d.matches) > 0 {
		// samples[i][b] is player i's rating in resample b.
		samples := make([][]float64, n)
		for i := range samples {
			samples[i] = make([]float64, boots)
		}
		rng := rand.New(rand.NewPCG(opts.Seed, 0x6c6561646572)) // "leader"
		counts := make([]float64, len(d.matches))
		elo := make([]float64, n)
		for b := range boots {
			clear(counts)
			for range d.matches {
				counts[rng.IntN(len(d.matches))]++
			}
			wins, totals = d.aggregate(counts, wins, totals)
			// Warm-started from the full fit: a resample moves the
			// optimum only a little, so few iterations are needed.
			elo = toElo(fit.fit(slices.Clone(theta), wins, totals), elo)
			for i := range n {
				samples[i][b] = elo[i]
			}
		}
		for i := range standings {
			slices.Sort(samples[i])
			standings[i].Lo = stat.Quantile(0.025, stat.LinInterp, samples[i], nil)
			standings[i].Hi = stat.Quantile(0.975, stat.LinInterp, samples[i], nil)
		}
	}

	slices.SortFunc(standings, func(a, b Standing) int {
		if c := cmp.Compare(b.Rating, a.Rating); c != 0 {
			return c
		}
		return cmp.Compare(a.Player, b.Player)
	})
	return standings
}

// btData is the matches reduced to what Bradley-Terry needs: for each
// match, what it adds to each pair of players that met in it, so that any
// weighting of the matches (a bootstrap resample) aggregates quickly into
// per-pair totals without revisiting the rankings.
type btData struct {
	names         []string // players, sorted; a player's index is its place here
	played, won   []int    // per player
	pairs         [][2]int // distinct pairs (i < j) that ever met
	matches       [][]btContribution
	contributions []btContribution // backing store of matches
}

// btContribution is one match's comparison of one pair: pair indexes
// btData.pairs, and win is 1, 1/2 or 0 as its first player beat, tied or
// lost to its second.
type btContribution struct {
	pair int
	win  float64
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
				d.contributions = append(d.contributions, btContribution{pair: k, win: win})
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

// aggregate sums the matches, match m counted weight[m] times, into wins
// (of each pair's first player, ties as halves) and totals per pair,
// reusing the given slices when they are big enough.
func (d *btData) aggregate(weight, wins, totals []float64) ([]float64, []float64) {
	wins = slices.Grow(wins[:0], len(d.pairs))[:len(d.pairs)]
	totals = slices.Grow(totals[:0], len(d.pairs))[:len(d.pairs)]
	clear(wins)
	clear(totals)
	for m, cs := range d.matches {
		w := weight[m]
		if w == 0 {
			continue
		}
		for _, c := range cs {
			wins[c.pair] += w * c.win
			totals[c.pair] += w
		}
	}
	return wins, totals
}

// btFitter fits Bradley-Terry strengths theta (natural-log odds: player i
// beats j with probability 1/(1+exp(theta_j-theta_i))) by minimising the
// negative log-likelihood of the pair totals plus the ridge.
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

// toElo puts strengths on the Elo scale with mean eloMean, into dst when it
// is big enough.
func toElo(theta, dst []float64) []float64 {
	dst = slices.Grow(dst[:0], len(theta))[:len(theta)]
	mean := stat.Mean(theta, nil)
	for i, t := range theta {
		dst[i] = eloMean + eloScale*(t-mean)
	}
	return dst
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
