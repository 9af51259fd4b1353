package spaces

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// PPM is the whole of a pool in parts per million, the unit of
// [Spec.SharesPPM]: integer shares let a payout be split in base units
// exactly, with no float rounding that two parties could disagree on.
const PPM = 1_000_000

// maxAmount is the largest amount a uint256, the chain's integer, holds.
var maxAmount = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// amount is a fee or prize read from its whole-unit decimal text.
type amount struct {
	text string
	base *big.Int // in the currency's base units
}

// parseAmount reads a non-negative decimal in whole units ("0", "0.01")
// into base units of a currency with the given decimals. Exponents, signs
// and bare points are refused: an amount of money is written the way a
// person reads it, and must convert exactly.
func parseAmount(s string, decimals int) (amount, *problem) {
	whole, frac, point := strings.Cut(s, ".")
	if !digits(whole) || (point && !digits(frac)) {
		return amount{}, &problem{got: fmt.Sprintf("%q is not a decimal number", s),
			want: `digits with an optional fraction, like "0.01"`}
	}
	if len(frac) > decimals {
		return amount{}, &problem{got: fmt.Sprintf("%q has %d decimal places", s, len(frac)),
			want: fmt.Sprintf("at most %d, the currency's decimals", decimals)}
	}
	b, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", decimals-len(frac)), 10)
	if !ok || b.Cmp(maxAmount) > 0 {
		return amount{}, &problem{got: fmt.Sprintf("%q is too large", s),
			want: "an amount that fits in 256 bits of base units"}
	}
	return amount{text: s, base: b}, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decimals is the currency's number of decimals, zero meaning 18 (ETH's).
func (e Entry) decimals() int {
	if e.Decimals == 0 {
		return defaultDecimals
	}
	return e.Decimals
}

// Fee returns the entry fee of a tier (0 is the default tier) in the
// currency's base units (wei for ETH).
func (s *Spec) Fee(tier int) (*big.Int, error) {
	if tier < 0 || tier >= len(s.Entry.Tiers) {
		return nil, fmt.Errorf("space %s: no fee tier %d; it has tiers 0 to %d (%s)",
			s.ID, tier, len(s.Entry.Tiers)-1, strings.Join(s.Entry.Tiers, ", "))
	}
	a, p := parseAmount(s.Entry.Tiers[tier], s.Entry.decimals())
	if p != nil {
		return nil, fmt.Errorf("space %s: entry.tiers[%d]: %s", s.ID, tier, p.message(true))
	}
	return a.base, nil
}

// PrizeBase returns the sponsor's prize in base units; zero when there is
// none (a zero-sum Space).
func (s *Spec) PrizeBase() (*big.Int, error) {
	if s.Payout.Prize == "" {
		return new(big.Int), nil
	}
	a, p := parseAmount(s.Payout.Prize, s.Entry.decimals())
	if p != nil {
		return nil, fmt.Errorf("space %s: payout.prize: %s", s.ID, p.message(true))
	}
	return a.base, nil
}

// TierIndex returns the tier whose fee is fee, compared by value so that
// "0.010" finds the tier written "0.01".
func (s *Spec) TierIndex(fee string) (int, error) {
	a, p := parseAmount(fee, s.Entry.decimals())
	if p != nil {
		return 0, fmt.Errorf("space %s: fee %s", s.ID, p.message(true))
	}
	for i := range s.Entry.Tiers {
		if f, err := s.Fee(i); err == nil && f.Cmp(a.base) == 0 {
			return i, nil
		}
	}
	return 0, fmt.Errorf("space %s: no tier with fee %s %s; its tiers are %s",
		s.ID, fee, s.Entry.Currency, strings.Join(s.Entry.Tiers, ", "))
}

// SharesPPM returns the payout shares in parts per million; for a valid
// spec they sum to exactly [PPM]. Shares that Validate would refuse come
// out as 0.
func (s *Spec) SharesPPM() []int64 {
	out := make([]int64, len(s.Payout.Shares))
	for i, x := range s.Payout.Shares {
		out[i], _ = sharePPM(x)
	}
	return out
}

// sharePPM converts a share to parts per million, reporting whether it is
// a whole number of them (within float error) and in [0, 1].
func sharePPM(x float64) (int64, bool) {
	if !(x >= 0 && x <= 1) {
		return 0, false
	}
	v := x * PPM
	r := math.Round(v)
	if math.Abs(v-r) > 1e-6 {
		return 0, false
	}
	return int64(r), true
}
