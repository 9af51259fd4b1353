package arena

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// plMatches draws n matches of 2 to 4 players among len(strength), each
// ranked by a Plackett-Luce model with the given natural-log strengths:
// adding Gumbel noise to the strengths and sorting samples it exactly.
// Player i is named "p<i>".
func plMatches(strength []float64, n int, seed uint64) []Outcome {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]Outcome, n)
	for m := range out {
		k := 2 + rng.IntN(3)
		who := rng.Perm(len(strength))[:k]
		perf := make([]float64, k)
		names := make([]string, k)
		for j, p := range who {
			u := 1 - rng.Float64() // in (0, 1]
			perf[j] = strength[p] - math.Log(-math.Log(u+1e-300))
			names[j] = fmt.Sprintf("p%d", p)
		}
		out[m] = Outcome{Players: names, Ranks: placesOf(perf)}
	}
	return out
}

// spacedStrengths gives n players strengths step apart, p0 the weakest.
func spacedStrengths(n int, step float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = step * float64(i)
	}
	return s
}

// kendallTau compares two orderings of the same players (no ties): 1 when
// they agree on every pair, -1 when they disagree on every one.
func kendallTau(a, b map[string]float64) float64 {
	names := make([]string, 0, len(a))
	for p := range a {
		names = append(names, p)
	}
	var concordant, discordant float64
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			x := (a[names[i]] - a[names[j]]) * (b[names[i]] - b[names[j]])
			if x > 0 {
				concordant++
			} else if x < 0 {
				discordant++
			}
		}
	}
	return (concordant - discordant) / (concordant + discordant)
}

func TestLeaderboardEmpty(t *testing.T) {
	if got := Leaderboard(nil, LeaderboardOptions{}); got != nil {
		t.Errorf("no results gave %+v, want nil", got)
	}
	bad := []Outcome{{Players: []string{"a", "b"}, Ranks: []int{0}}}
	if got := Leaderboard(bad, LeaderboardOptions{}); got != nil {
		t.Errorf("only malformed results gave %+v, want nil", got)
	}
}

func TestLeaderboardRecoversStrengths(t *testing.T) {
	strength := spacedStrengths(8, 0.4)
	results := plMatches(strength, 2000, 1)
	board := Leaderboard(results, LeaderboardOptions{})
	if len(board) != len(strength) {
		t.Fatalf("%d standings for %d players", len(board), len(strength))
	}

	// The true strengths, centred and on the Elo scale.
	mean := 0.0
	for _, s := range strength {
		mean += s / float64(len(strength))
	}
	truth := map[string]float64{}
	for i, s := range strength {
		truth[fmt.Sprintf("p%d", i)] = 1000 + 400/math.Ln10*(s-mean)
	}
	fitted := map[string]float64{}
	var sum float64
	covered := 0
	for _, s := range board {
		fitted[s.Player] = s.Rating
		sum += s.Rating
		if s.Lo <= truth[s.Player] && truth[s.Player] <= s.Hi {
			covered++
		}
		if !(s.Lo < s.Rating && s.Rating < s.Hi) || s.Hi-s.Lo > 200 {
			t.Errorf("%s: rating %.1f, interval [%.1f, %.1f]: not around it or too wide", s.Player, s.Rating, s.Lo, s.Hi)
		}
		t.Logf("%s: true %7.1f  fitted %7.1f  [%7.1f, %7.1f]  %d matches, %d wins",
			s.Player, truth[s.Player], s.Rating, s.Lo, s.Hi, s.Matches, s.Wins)
	}
	if tau := kendallTau(fitted, truth); tau < 0.9 {
		t.Errorf("Kendall tau %.3f between fitted and true order, want >= 0.9", tau)
	}
	if board[0].Player != "p7" || board[len(board)-1].Player != "p0" {
		t.Errorf("top %s and bottom %s, want p7 and p0", board[0].Player, board[len(board)-1].Player)
	}
	if math.Abs(sum/float64(len(board))-1000) > 1e-6 {
		t.Errorf("mean rating %v, want 1000", sum/float64(len(board)))
	}
	if covered < 6 {
		t.Errorf("only %d of %d intervals hold the true rating", covered, len(board))
	}
	for i := 1; i < len(board); i++ {
		if board[i].Lo > board[i-1].Lo {
			t.Errorf("not sorted by Lo: %s %.1f after %s %.1f", board[i].Player, board[i].Lo, board[i-1].Player, board[i-1].Lo)
		}
	}
	for _, s := range board {
		if s.Provisional {
			t.Errorf("%s is provisional after %d matches", s.Player, s.Matches)
		}
	}

	// Every appearance is a match, and every match has at least one
	// winner.
	appearances, matches, wins := 0, len(results), 0
	for _, r := range results {
		appearances += len(r.Players)
	}
	played := 0
	for _, s := range board {
		played += s.Matches
		wins += s.Wins
	}
	if played != appearances || wins < matches {
		t.Errorf("matches %d (want %d), wins %d (want >= %d)", played, appearances, wins, matches)
	}
}

func TestLeaderboardDeterministic(t *testing.T) {
	results := plMatches(spacedStrengths(5, 0.3), 300, 3)
	a := Leaderboard(results, LeaderboardOptions{})
	b := Leaderboard(results, LeaderboardOptions{})
	if !slices.Equal(a, b) {
		t.Fatalf("same results, different boards:\n%+v\n%+v", a, b)
	}
	// The order matches are listed in changes nothing but rounding.
	shuffled := slices.Clone(results)
	rand.New(rand.NewPCG(4, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	c := Leaderboard(shuffled, LeaderboardOptions{})
	for i := range a {
		if c[i].Player != a[i].Player || math.Abs(c[i].Rating-a[i].Rating) > 1e-6 || math.Abs(c[i].Lo-a[i].Lo) > 1e-6 {
			t.Errorf("shuffled matches changed %+v to %+v", a[i], c[i])
		}
	}
}

// TestLeaderboardByHand checks the fit where the answer is known. With a
// prior so wide that it decides nothing, the fit is maximum likelihood: A
// beats B three times and loses once, so the odds are 3 to 1, theta_A -
// theta_B = ln 3, i.e. 400 log10(3) ~ 190.85 Elo points, split evenly
// around 1000. A tie is half a win each way, so a win and a tie (1.5 wins
// of 2) give the same odds.
func TestLeaderboardByHand(t *testing.T) {
	flat := LeaderboardOptions{PriorElo: 1e9}
	want := 400 * math.Log10(3) / 2
	win := Outcome{Players: []string{"A", "B"}, Ranks: []int{0, 1}}
	loss := Outcome{Players: []string{"B", "A"}, Ranks: []int{0, 1}}
	tie := Outcome{Players: []string{"A", "B"}, Ranks: []int{0, 0}}
	for name, results := range map[string][]Outcome{
		"3-1":     {win, win, loss, win},
		"win+tie": {win, tie},
	} {
		board := Leaderboard(results, flat)
		if board[0].Player != "A" || math.Abs(board[0].Rating-(1000+want)) > 1e-3 || math.Abs(board[1].Rating-(1000-want)) > 1e-3 {
			t.Errorf("%s: got %+v, want A at %.3f and B at %.3f", name, board, 1000+want, 1000-want)
		}
	}
	board := Leaderboard([]Outcome{win, tie}, flat)
	if board[0].Wins != 2 || board[1].Wins != 1 || board[0].Matches != 2 || board[1].Matches != 2 {
		t.Errorf("wins/matches: %+v; a tie for first is a win for each", board)
	}

	// A three-player match is its three pairs: here A > B = C.
	// (Under the prior: with none, A's one win would put it infinitely
	// far ahead.)
	board = Leaderboard([]Outcome{{Players: []string{"C", "A", "B"}, Ranks: []int{1, 0, 1}}}, LeaderboardOptions{})
	if board[0].Player != "A" || math.Abs(board[1].Rating-board[2].Rating) > 1e-6 || board[1].Player != "B" {
		t.Errorf("A > B = C gave %+v", board)
	}
}

// TestLeaderboardNeverWon checks that a player who lost every match gets a
// finite rating below everyone's, thanks to the prior, and so does one
// who won every match above everyone's.
func TestLeaderboardNeverWon(t *testing.T) {
	results := plMatches(spacedStrengths(4, 0.5), 200, 5)
	for i := range 30 {
		rest := fmt.Sprintf("p%d", i%4)
		results = append(results,
			Outcome{Players: []string{"loser", rest}, Ranks: []int{1, 0}},
			Outcome{Players: []string{rest, "champ"}, Ranks: []int{1, 0}},
		)
	}
	board := Leaderboard(results, LeaderboardOptions{})
	for _, s := range board {
		for _, v := range []float64{s.Rating, s.Lo, s.Hi} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: non-finite rating in %+v", s.Player, s)
			}
		}
	}
	if board[0].Player != "champ" || board[len(board)-1].Player != "loser" {
		t.Errorf("champ and loser not at the ends: %+v", board)
	}
	t.Logf("champ %+v", board[0])
	t.Logf("loser %+v", board[len(board)-1])
}

func BenchmarkLeaderboard(b *testing.B) {
	results := plMatches(spacedStrengths(8, 0.4), 2000, 1)
	opts := LeaderboardOptions{}
	for b.Loop() {
		Leaderboard(results, opts)
	}
}
