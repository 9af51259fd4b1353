package arena

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// sybilOutcomes is the Sybil scenario as the leaderboard sees it: "star"
// beat "throwaway" once, and "honest" won 24 of 30 matches against ten
// other agents ("o0".."o9", three matches each), who also played one
// another in a round robin, so that they are rated too.
func sybilOutcomes() []Outcome {
	results := []Outcome{{Players: []string{"star", "throwaway"}, Ranks: []int{0, 1}}}
	for m := range 30 {
		opp := fmt.Sprintf("o%d", m%10)
		ranks := []int{0, 1}
		if m%5 == 4 { // matches 4, 9, ..., 29: six losses
			ranks = []int{1, 0}
		}
		results = append(results, Outcome{Players: []string{"honest", opp}, Ranks: ranks})
	}
	for i := range 10 {
		for j := i + 1; j < 10; j++ {
			ranks := []int{0, 1}
			if (i+j)%2 == 0 {
				ranks = []int{1, 0}
			}
			results = append(results, Outcome{Players: []string{fmt.Sprintf("o%d", i), fmt.Sprintf("o%d", j)}, Ranks: ranks})
		}
	}
	return results
}

// The Sybil scenario on the leaderboard alone, even if the one match were
// rated: a single 1-0 win leaves "star" provisional, with a wide interval,
// and below the player who won 24 of 30; and that by the prior and the
// conservative order both, not by the provisional rule alone.
func TestRankSybilOnTheLeaderboard(t *testing.T) {
	board := Leaderboard(sybilOutcomes(), LeaderboardOptions{})
	place := map[string]int{}
	for i, s := range board {
		place[s.Player] = i
		t.Logf("%2d %-9s %7.1f [%7.1f, %7.1f] %2d matches %2d wins provisional %v", i, s.Player, s.Rating, s.Lo, s.Hi, s.Matches, s.Wins, s.Provisional)
	}
	star, honest := board[place["star"]], board[place["honest"]]
	if !star.Provisional || honest.Provisional {
		t.Errorf("star provisional %v, honest provisional %v: want true, false", star.Provisional, honest.Provisional)
	}
	if place["star"] < place["honest"] {
		t.Errorf("star (1 win of 1) placed %d, above honest (24 of 30) at %d", place["star"], place["honest"])
	}
	if place["honest"] != 0 {
		t.Errorf("honest placed %d, want first", place["honest"])
	}
	// Without the provisional rule too: by lower bound and by rating,
	// honest leads.
	if star.Lo >= honest.Lo || star.Rating >= honest.Rating {
		t.Errorf("star %.1f [%.1f, ...] vs honest %.1f [%.1f, ...]: one win should show less than 24 of 30", star.Rating, star.Lo, honest.Rating, honest.Lo)
	}
	if star.Hi-star.Lo < 500 {
		t.Errorf("star's interval [%.1f, %.1f] after one match is narrow", star.Lo, star.Hi)
	}
}

// One match gives both its players an interval of non-zero width, wide
// enough to say that one match shows little (the old fit gave 1988.7 with
// interval [1988.7, 1988.7]), and the fit is the posterior mode worked out
// by hand.
func TestRankOneMatchIsWide(t *testing.T) {
	board := Leaderboard([]Outcome{{Players: []string{"A", "B"}, Ranks: []int{0, 1}}}, LeaderboardOptions{})
	if len(board) != 2 || board[0].Player != "A" {
		t.Fatalf("board %+v", board)
	}
	for _, s := range board {
		if !(s.Hi-s.Lo > 0) || !s.Provisional || s.Matches != 1 {
			t.Errorf("%+v: want a provisional player with an interval of positive width", s)
		}
	}
	// By hand: with l = 1/sd^2 (sd the prior's in natural-log odds) and
	// theta_A = -theta_B = t at the mode, the gradient in theta_A is
	// -sigmoid(-2t) + l t = 0. In d = theta_A - theta_B and the mean m,
	// the negative log-posterior is softplus(-d) + d^2 l/4 + m^2 l, so
	// d's curvature is w + l/2 with w = sigmoid(2t) sigmoid(-2t), and
	// theta_A - m = d/2 has variance 1/(4w + 2l).
	sd := DefaultPriorElo / eloScale
	l := 1 / (sd * sd)
	lo, hi := 0.0, 5.0
	for range 200 {
		mid := (lo + hi) / 2
		if btSigmoid(-2*mid) > l*mid {
			lo = mid
		} else {
			hi = mid
		}
	}
	tt := (lo + hi) / 2
	w := btSigmoid(2*tt) * btSigmoid(-2*tt)
	half := intervalZ * math.Sqrt(1/(4*w+2*l)) * eloScale
	a := board[0]
	if math.Abs(a.Rating-(1000+eloScale*tt)) > 1e-3 || math.Abs(a.Hi-a.Lo-2*half) > 1e-3 {
		t.Errorf("A: %.4f [%.4f, %.4f], want %.4f +- %.4f", a.Rating, a.Lo, a.Hi, 1000+eloScale*tt, half)
	}
	if a.Rating > 1150 || a.Hi-a.Lo < 400 {
		t.Errorf("one win gave %.1f [%.1f, %.1f]: it should move little and stay wide", a.Rating, a.Lo, a.Hi)
	}
	t.Logf("one 1-0 win: %.1f [%.1f, %.1f]", a.Rating, a.Lo, a.Hi)

	// No player's interval is wider than the prior's, which one who met
	// no one keeps.
	alone := Leaderboard([]Outcome{{Players: []string{"solo"}, Ranks: []int{0}}}, LeaderboardOptions{})
	if w := alone[0].Hi - alone[0].Lo; math.Abs(w-2*intervalZ*DefaultPriorElo) > 1e-6 || alone[0].Rating != 1000 {
		t.Errorf("a player compared with no one: %+v, want 1000 +- %.1f", alone[0], intervalZ*DefaultPriorElo)
	}
}

// Established players come before provisional ones whatever their lower
// bounds, and each group is ordered by lower bound.
func TestRankProvisionalAfterEstablished(t *testing.T) {
	var results []Outcome
	// "new" wins its nine matches against "weak"; "steady" and "weak"
	// share ten matches evenly.
	for range ProvisionalMatches - 1 {
		results = append(results, Outcome{Players: []string{"new", "weak"}, Ranks: []int{0, 1}})
	}
	for m := range ProvisionalMatches {
		results = append(results, Outcome{Players: []string{"steady", "weak"}, Ranks: []int{m % 2, 1 - m%2}})
	}
	board := Leaderboard(results, LeaderboardOptions{})
	var order []string
	for _, s := range board {
		order = append(order, s.Player)
	}
	if got := strings.Join(order, " "); got != "weak steady new" && got != "steady weak new" {
		t.Errorf("order %q: want the two established players, then new", got)
	}
	nw := board[2]
	if !nw.Provisional || nw.Matches != ProvisionalMatches-1 || board[0].Provisional || board[1].Provisional {
		t.Errorf("provisional flags wrong: %+v", board)
	}
	if nw.Lo <= board[0].Lo {
		t.Errorf("test setup: new's lower bound %.1f should beat the established %.1f, to show the rule orders them", nw.Lo, board[0].Lo)
	}
	if !strings.Contains(LeaderboardOptions{}.Method(), fmt.Sprint(ProvisionalMatches)) {
		t.Errorf("the method does not state the provisional rule: %s", LeaderboardOptions{}.Method())
	}
}

// The 95% intervals hold the true rating about 95% of the time (a little
// more: they lean wide) on matches of 2 to 4 players drawn from a
// Plackett-Luce model, from few matches to many.
func TestRankIntervalsCover(t *testing.T) {
	strength := spacedStrengths(8, 0.4)
	mean := 0.0
	for _, s := range strength {
		mean += s / float64(len(strength))
	}
	for _, n := range []int{50, 300, 2000} {
		covered, total := 0, 0
		for seed := range uint64(30) {
			for _, s := range Leaderboard(plMatches(strength, n, seed+100), LeaderboardOptions{}) {
				var i int
				fmt.Sscanf(s.Player, "p%d", &i)
				truth := eloMean + eloScale*(strength[i]-mean)
				total++
				if s.Lo <= truth && truth <= s.Hi {
					covered++
				}
			}
		}
		rate := float64(covered) / float64(total)
		t.Logf("%d matches: coverage %.3f", n, rate)
		if rate < 0.93 || rate > 0.995 {
			t.Errorf("%d matches: 95%% intervals held the truth %.3f of the time", n, rate)
		}
	}
}
