package arena

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
)

// Payouts are computed in integer base units (wei for ETH, the smallest
// unit of a token) with floor division throughout: the arena never pays
// out a unit it does not hold, and every unit floor division leaves
// behind is accounted for in Split.Remainder rather than lost.

// payoutPPM is one whole in parts per million, the unit of payout shares.
const payoutPPM = 1_000_000

// payoutBPS is one whole in basis points, the unit of the rake.
const payoutBPS = 10_000

// Split is how a match's pool is paid out. The parts always add up to the
// pool exactly: sum(Amounts) + Rake + Remainder == pool.
type Split struct {
	// Amounts is each player's payout, in the order the players were
	// given.
	Amounts []*big.Int
	// Rake is the arena's cut.
	Rake *big.Int
	// Remainder is what rounding down left over, plus the amounts of
	// prize positions no player filled; it goes to the arena's treasury
	// with the rake.
	Remainder *big.Int
}

// SplitPool divides pool (in base units) among the players of one match by
// their ranks (lower is better, equal ranks are ties; ranks need not be
// dense, so the "1224" ranks of Rank work as they are).
//
// The arena first takes rake = floor(pool * rakeBPS / 10000). The rest,
// the prize, is paid by position: sorting the players by rank, position p
// (0 for the best) earns floor(prize * sharesPPM[p] / 1e6), and positions
// beyond the shares earn nothing. Players tied over positions p..p+t-1
// share those positions' earnings equally, each getting floor(sum / t), so
// a tie neither gains nor loses the tied players anything against their
// average place. Whatever the flooring leaves, and the earnings of
// positions with no player (more shares than players), is Remainder,
// which goes to the arena's treasury: so sum(Amounts) + Rake + Remainder
// == pool exactly, and no amount is negative.
//
// It returns an error, naming the bad value, for a nil or negative pool,
// rakeBPS outside 0..10000, a negative share, shares that do not sum to
// 1_000_000, no ranks, or a negative rank.
func SplitPool(pool *big.Int, rakeBPS int, sharesPPM []int64, ranks []int) (Split, error) {
	switch {
	case pool == nil:
		return Split{}, fmt.Errorf("arena: split pool: no pool given")
	case pool.Sign() < 0:
		return Split{}, fmt.Errorf("arena: split pool: pool %s is negative", pool)
	case rakeBPS < 0 || rakeBPS > payoutBPS:
		return Split{}, fmt.Errorf("arena: split pool: rake %d bps is outside 0..%d", rakeBPS, payoutBPS)
	case len(ranks) == 0:
		return Split{}, fmt.Errorf("arena: split pool: no ranks, so no players to pay")
	}
	var total int64
	for p, s := range sharesPPM {
		if s < 0 {
			return Split{}, fmt.Errorf("arena: split pool: share %d is negative (%d ppm)", p, s)
		}
		// A share above the whole can only be part of a wrong sum, and
		// stopping here keeps the sum from overflowing.
		if s > payoutPPM {
			return Split{}, fmt.Errorf("arena: split pool: share %d is %d ppm, more than the whole %d", p, s, payoutPPM)
		}
		total += s
	}
	if total != payoutPPM {
		return Split{}, fmt.Errorf("arena: split pool: shares sum to %d ppm, want %d", total, payoutPPM)
	}
	for i, r := range ranks {
		if r < 0 {
			return Split{}, fmt.Errorf("arena: split pool: rank %d of player %d is negative", r, i)
		}
	}

	rake := new(big.Int).Mul(pool, big.NewInt(int64(rakeBPS)))
	rake.Quo(rake, big.NewInt(payoutBPS))
	prize := new(big.Int).Sub(pool, rake)

	// earns returns what position p earns before ties are shared.
	earns := func(p int) *big.Int {
		if p >= len(sharesPPM) {
			return new(big.Int)
		}
		e := new(big.Int).Mul(prize, big.NewInt(sharesPPM[p]))
		return e.Quo(e, big.NewInt(payoutPPM))
	}

	// Players in rank order; the stable sort keeps tied players in input
	// order, though they are paid alike anyway.
	order := make([]int, len(ranks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ranks[a], ranks[b]) })

	amounts := make([]*big.Int, len(ranks))
	paid := new(big.Int)
	for start := 0; start < len(order); {
		end := start + 1 // the tied group holds positions start..end-1
		for end < len(order) && ranks[order[end]] == ranks[order[start]] {
			end++
		}
		sum := new(big.Int)
		for p := start; p < end; p++ {
			sum.Add(sum, earns(p))
		}
		each := sum.Quo(sum, big.NewInt(int64(end-start)))
		for _, i := range order[start:end] {
			amounts[i] = new(big.Int).Set(each)
			paid.Add(paid, each)
		}
		start = end
	}

	remainder := new(big.Int).Sub(prize, paid)
	return Split{Amounts: amounts, Rake: rake, Remainder: remainder}, nil
}
