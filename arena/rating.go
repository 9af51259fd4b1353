package arena

import (
	"fmt"
	"math"
	"slices"

	"github.com/rlfc/arena/agents"
)

// The live rating is the Plackett-Luce model of Weng and Lin, "A Bayesian
// Approximation Method for Online Ranking" (JMLR 12, 2011), Algorithm 4,
// with every player a team of one. Its constants are the paper's (and
// OpenSkill's) defaults, so a rating means the same here as there.
const (
	// ratingMu is a new player's mean skill.
	ratingMu = 25.0
	// ratingSigma is a new player's uncertainty: wide enough that the
	// conservative ordinal mu-3sigma starts at zero.
	ratingSigma = ratingMu / 3
	// ratingBeta is the spread of one performance around the skill: half
	// the starting sigma, so a match tells about as much as it can
	// without a single upset swinging a rating wildly.
	ratingBeta = ratingSigma / 2
	// ratingKappa floors the factor that shrinks sigma^2, so a rating
	// never becomes certain (and can keep learning) however lopsided a
	// match was.
	ratingKappa = 1e-4
)

// DefaultRating is a new player's rating: mu 25, sigma 25/3, no matches.
func DefaultRating() agents.Rating {
	return agents.Rating{Mu: ratingMu, Sigma: ratingSigma}
}

// Ordinal is the rating to display and sort by: mu - 3 sigma, a
// conservative estimate that a player's skill exceeds with about 99.9%
// confidence, so a newcomer with one lucky win does not top a table of
// players who have proved themselves over many matches.
func Ordinal(r agents.Rating) float64 {
	return r.Mu - 3*r.Sigma
}

// UpdateRatings rates one finished match. ratings[i] is player i's rating
// before the match and ranks[i] its place: lower is better (0 is the
// best), equal ranks are ties, and the values need not be dense (the
// "1224" ranks of Rank work as they are). It returns the players' new
// ratings in the same order, each with Matches incremented, and leaves
// ratings untouched.
//
// The update is the Plackett-Luce one of Weng and Lin (2011), Algorithm 4,
// every player a team of one, ties handled as in the paper (each tied
// group's factor of the likelihood raised to 1/size), with gamma = sigma/c
// as OpenSkill uses. A match with one player changes nothing but Matches;
// one where equally rated players all tie moves no mu, but still shrinks
// the sigmas, since a tie is evidence that they are close.
//
// The zero Rating counts as DefaultRating, so a player nobody rated yet
// starts where a new player should rather than stuck at sigma 0, where
// no result could ever move it.
//
// It panics when ratings and ranks differ in length: that is a bug in the
// caller, not bad input from a user.
func UpdateRatings(ratings []agents.Rating, ranks []int) []agents.Rating {
	if len(ratings) != len(ranks) {
		panic(fmt.Sprintf("arena: UpdateRatings: %d ratings but %d ranks", len(ratings), len(ranks)))
	}
	k := len(ratings)
	out := make([]agents.Rating, k)
	if k == 0 {
		return out
	}
	ratings = slices.Clone(ratings) // the caller's slice stays untouched
	for i, r := range ratings {
		if r == (agents.Rating{}) {
			ratings[i] = DefaultRating()
		}
	}

	// c is the spread of the whole match's performances.
	var c2 float64
	for _, r := range ratings {
		c2 += r.Sigma*r.Sigma + ratingBeta*ratingBeta
	}
	c := math.Sqrt(c2)

	// e[i] = exp(mu_i/c). Shifting every exponent by the largest changes
	// no ratio below but keeps exp from overflowing on extreme ratings.
	maxMu := math.Inf(-1)
	for _, r := range ratings {
		maxMu = max(maxMu, r.Mu)
	}
	e := make([]float64, k)
	for i, r := range ratings {
		e[i] = math.Exp((r.Mu - maxMu) / c)
	}

	// For each player q: sumQ[q] sums e over C_q, the players ranked the
	// same as q or worse (those still "in the race" when q's place is
	// decided), and tied[q] is A_q, the size of q's tied group.
	sumQ := make([]float64, k)
	tied := make([]float64, k)
	for q := range k {
		for s := range k {
			if ranks[s] >= ranks[q] {
				sumQ[q] += e[s]
			}
			if ranks[s] == ranks[q] {
				tied[q]++
			}
		}
	}

	for i, r := range ratings {
		// Omega sums the gradient of the log-likelihood in mu_i, Delta
		// its curvature, over every factor of the likelihood that i takes
		// part in: those of the players q ranked the same as i or better.
		var omega, delta float64
		for q := range k {
			if ranks[q] > ranks[i] {
				continue
			}
			p := e[i] / sumQ[q]
			if q == i {
				omega += (1 - p) / tied[q]
			} else {
				omega -= p / tied[q]
			}
			delta += p * (1 - p) / tied[q]
		}
		s2 := r.Sigma * r.Sigma
		gamma := r.Sigma / c
		omega *= s2 / c
		delta *= gamma * s2 / c2
		out[i] = agents.Rating{
			Mu:      r.Mu + omega,
			Sigma:   r.Sigma * math.Sqrt(max(1-delta, ratingKappa)),
			Matches: r.Matches + 1,
		}
	}
	return out
}
