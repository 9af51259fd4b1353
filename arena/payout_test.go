package arena

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// bigs turns decimal strings into big.Ints, for tables.
func bigs(t *testing.T, ss ...string) []*big.Int {
	t.Helper()
	out := make([]*big.Int, len(ss))
	for i, s := range ss {
		v, ok := new(big.Int).SetString(s, 10)
		if !ok {
			t.Fatalf("bad number %q in the table", s)
		}
		out[i] = v
	}
	return out
}

// checkSplit checks what every split must satisfy: one amount per player,
// nothing negative, and the parts adding up to the pool exactly.
func checkSplit(t *testing.T, pool *big.Int, ranks []int, s Split) {
	t.Helper()
	if len(s.Amounts) != len(ranks) {
		t.Fatalf("%d amounts for %d players", len(s.Amounts), len(ranks))
	}
	sum := new(big.Int).Add(s.Rake, s.Remainder)
	if s.Rake.Sign() < 0 || s.Remainder.Sign() < 0 {
		t.Errorf("negative rake %s or remainder %s", s.Rake, s.Remainder)
	}
	for i, a := range s.Amounts {
		if a == nil || a.Sign() < 0 {
			t.Fatalf("player %d paid %v", i, a)
		}
		sum.Add(sum, a)
	}
	if sum.Cmp(pool) != 0 {
		t.Errorf("amounts %v + rake %s + remainder %s = %s, want the pool %s", s.Amounts, s.Rake, s.Remainder, sum, pool)
	}
}

func TestSplitPool(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 200).String()
	for _, c := range []struct {
		name      string
		pool      string
		rakeBPS   int
		shares    []int64
		ranks     []int
		amounts   []string
		rake, rem string
	}{
		{"winner takes all", "1000", 0, []int64{1_000_000}, []int{0, 1}, []string{"1000", "0"}, "0", "0"},
		{"rake and three places", "1000", 500, []int64{600_000, 300_000, 100_000}, []int{2, 0, 1},
			[]string{"95", "570", "285"}, "50", "0"},
		{"tie at first", "1000", 0, []int64{700_000, 300_000}, []int{0, 0, 1}, []string{"500", "500", "0"}, "0", "0"},
		// 1001*0.7 = 700.7 and 1001*0.3 = 300.3 floor to 700 and 300.
		{"tie at first, dust", "1001", 0, []int64{700_000, 300_000}, []int{0, 0, 1}, []string{"500", "500", "0"}, "0", "1"},
		{"tie at last", "1000", 0, []int64{500_000, 300_000, 200_000}, []int{0, 1, 1}, []string{"500", "250", "250"}, "0", "0"},
		{"tie at last past the shares", "1000", 0, []int64{600_000, 400_000}, []int{0, 1, 1}, []string{"600", "200", "200"}, "0", "0"},
		{"1224 ranks", "1000", 0, []int64{500_000, 300_000, 200_000}, []int{0, 1, 1, 3},
			[]string{"500", "250", "250", "0"}, "0", "0"},
		{"all tied", "1000", 0, []int64{500_000, 300_000, 200_000}, []int{0, 0, 0}, []string{"333", "333", "333"}, "0", "1"},
		{"ranks need not start at 0", "100", 0, []int64{1_000_000}, []int{5, 3}, []string{"0", "100"}, "0", "0"},
		{"fewer players than shares", "1000", 0, []int64{500_000, 300_000, 200_000}, []int{1, 0},
			[]string{"300", "500"}, "0", "200"},
		{"one player", "7", 0, []int64{1_000_000}, []int{0}, []string{"7"}, "0", "0"},
		{"1 wei, small rake", "1", 100, []int64{600_000, 400_000}, []int{0, 1}, []string{"0", "0"}, "0", "1"},
		{"1 wei, whole rake", "1", 10_000, []int64{600_000, 400_000}, []int{0, 1}, []string{"0", "0"}, "1", "0"},
		{"1 wei, winner takes all", "1", 0, []int64{1_000_000}, []int{1, 0}, []string{"0", "1"}, "0", "0"},
		{"empty pool", "0", 250, []int64{1_000_000}, []int{0, 1}, []string{"0", "0"}, "0", "0"},
		// 2^200 with a 2.5% rake, computed with Python's integers.
		{"2^200", huge, 250, []int64{500_000, 300_000, 200_000}, []int{1, 0, 2},
			[]string{
				"470029377945754655596023912009790061237744375681466904325652",
				"783382296576257759326706520016316768729573959469111507209421",
				"313352918630503103730682608006526707491829583787644602883768",
			},
			"40173451106474756888549052308529065063055074844569820882534", "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pool := bigs(t, c.pool)[0]
			s, err := SplitPool(pool, c.rakeBPS, c.shares, c.ranks)
			if err != nil {
				t.Fatal(err)
			}
			checkSplit(t, pool, c.ranks, s)
			for i, want := range bigs(t, c.amounts...) {
				if s.Amounts[i].Cmp(want) != 0 {
					t.Errorf("player %d paid %s, want %s", i, s.Amounts[i], want)
				}
			}
			if want := bigs(t, c.rake, c.rem); s.Rake.Cmp(want[0]) != 0 || s.Remainder.Cmp(want[1]) != 0 {
				t.Errorf("rake %s remainder %s, want %s and %s", s.Rake, s.Remainder, c.rake, c.rem)
			}
			if pool.String() != c.pool {
				t.Errorf("SplitPool changed the pool to %s", pool)
			}
		})
	}
}

func TestSplitPoolErrors(t *testing.T) {
	one := []int64{1_000_000}
	for _, c := range []struct {
		name    string
		pool    *big.Int
		rakeBPS int
		shares  []int64
		ranks   []int
		want    string // the message must name this
	}{
		{"nil pool", nil, 0, one, []int{0}, "no pool"},
		{"negative pool", big.NewInt(-5), 0, one, []int{0}, "-5"},
		{"negative rake", big.NewInt(5), -1, one, []int{0}, "-1 bps"},
		{"rake over the whole", big.NewInt(5), 10_001, one, []int{0}, "10001 bps"},
		{"negative share", big.NewInt(5), 0, []int64{999_999, 2, -1}, []int{0}, "share 2 is negative (-1 ppm)"},
		{"share over the whole", big.NewInt(5), 0, []int64{2_000_000, -1_000_000}, []int{0}, "2000000 ppm"},
		{"shares short", big.NewInt(5), 0, []int64{600_000, 399_999}, []int{0}, "sum to 999999 ppm"},
		{"no shares", big.NewInt(5), 0, nil, []int{0}, "sum to 0 ppm"},
		{"no ranks", big.NewInt(5), 0, one, nil, "no ranks"},
		{"negative rank", big.NewInt(5), 0, one, []int{0, -2}, "rank -2 of player 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := SplitPool(c.pool, c.rakeBPS, c.shares, c.ranks)
			if err == nil {
				t.Fatalf("no error; split %+v", s)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
		})
	}
}

// TestSplitPoolRandom checks the invariants on many random splits: the
// parts add up to the pool, nothing is negative, tied players are paid
// alike, and with shares that never grow down the places, a better place
// is never paid less than a worse one.
func TestSplitPoolRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := range 10_000 {
		pool := new(big.Int)
		for range rng.IntN(5) { // up to 256 bits
			pool.Lsh(pool, 64).Or(pool, new(big.Int).SetUint64(rng.Uint64()))
		}
		if rng.IntN(4) == 0 {
			pool.SetInt64(rng.Int64N(10)) // dust-sized pools
		}
		rakeBPS := rng.IntN(10_001)
		// Shares: cut 1e6 at random points, then sort them down for the
		// monotonicity check half the time.
		shares := make([]int64, 1+rng.IntN(6))
		left := int64(1_000_000)
		for i := range len(shares) - 1 {
			shares[i] = rng.Int64N(left + 1)
			left -= shares[i]
		}
		shares[len(shares)-1] = left
		monotone := rng.IntN(2) == 0
		if monotone {
			for i := range shares {
				for j := i + 1; j < len(shares); j++ {
					if shares[j] > shares[i] {
						shares[i], shares[j] = shares[j], shares[i]
					}
				}
			}
		}
		ranks := make([]int, 1+rng.IntN(8))
		for i := range ranks {
			ranks[i] = rng.IntN(5)
		}

		s, err := SplitPool(pool, rakeBPS, shares, ranks)
		if err != nil {
			t.Fatalf("case %d: %v", n, err)
		}
		checkSplit(t, pool, ranks, s)
		for i := range ranks {
			for j := range ranks {
				c := s.Amounts[i].Cmp(s.Amounts[j])
				if ranks[i] == ranks[j] && c != 0 {
					t.Fatalf("case %d: tied players %d and %d paid %s and %s", n, i, j, s.Amounts[i], s.Amounts[j])
				}
				if monotone && ranks[i] < ranks[j] && c < 0 {
					t.Fatalf("case %d: shares %v ranks %v: player %d (rank %d) paid %s, less than player %d (rank %d) %s",
						n, shares, ranks, i, ranks[i], s.Amounts[i], j, ranks[j], s.Amounts[j])
				}
			}
		}
		if t.Failed() {
			t.Fatalf("case %d: pool %s rake %d shares %v ranks %v", n, pool, rakeBPS, shares, ranks)
		}
	}
}
