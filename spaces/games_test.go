package spaces

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/corpus"
)

func mustGame(t *testing.T, id string, seed uint64, game int) Game {
	t.Helper()
	g, err := mustLookup(t, id).NewGame(seed, game)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// play plays replies in order, failing the test on an illegal one.
func play(t *testing.T, g Game, replies ...string) {
	t.Helper()
	for _, r := range replies {
		if err := g.Play(r); err != nil {
			t.Fatalf("Play(%q): %v", r, err)
		}
	}
}

func TestTicTacToeSeats(t *testing.T) {
	for game, x := range []int{0, 1, 0, 1} {
		g := mustGame(t, "tic-tac-toe", 5, game)
		if g.Players() != 2 || g.ToMove() != x {
			t.Errorf("game %d: seat %d moves first, want seat %d", game, g.ToMove(), x)
		}
		task := g.Task()
		if task.System != corpus.TicTacToeSystem || task.Prompt != corpus.NewTicTacToe().Prompt() {
			t.Errorf("game %d: task %+v", game, task)
		}
		play(t, g, "5")
		if g.ToMove() != 1-x || !strings.HasSuffix(g.Task().Prompt, "You are O. Your move:") {
			t.Errorf("game %d: after X's move, seat %d is to move: %q", game, g.ToMove(), g.Task().Prompt)
		}
	}
}

func TestTicTacToeOutcomes(t *testing.T) {
	for _, tc := range []struct {
		game    int
		moves   []string
		outcome []float64
		result  string
	}{
		// The corpus's example game: X wins.
		{0, []string{"5", "1", "9", "3", "2", "7", "8"}, []float64{1, 0}, corpus.ResultXWins},
		{1, []string{"5", "1", "9", "3", "2", "7", "8"}, []float64{0, 1}, corpus.ResultXWins},
		{0, []string{"1", "5", "9", "3", "7", "4", "6", "8", "2"}, []float64{0.5, 0.5}, corpus.ResultDraw},
		// White space around a move is fine.
		{1, []string{" 5\n", "1", "9", "3", "2", "7", "\t8 "}, []float64{0, 1}, corpus.ResultXWins},
	} {
		g := mustGame(t, "tic-tac-toe", 1, tc.game)
		play(t, g, tc.moves[:len(tc.moves)-1]...)
		if g.Over() || g.Outcome() != nil {
			t.Errorf("%v: over before the last move", tc.moves)
		}
		play(t, g, tc.moves[len(tc.moves)-1])
		if !g.Over() || !reflect.DeepEqual(g.Outcome(), tc.outcome) {
			t.Errorf("game %d %v: over %v, outcome %v, want %v", tc.game, tc.moves, g.Over(), g.Outcome(), tc.outcome)
		}
		ttt, result, err := corpus.ParseTicTacToeTranscript(g.Transcript())
		if err != nil || result != tc.result || ttt.Result() != tc.result {
			t.Errorf("transcript %q: %v, result %q", g.Transcript(), err, result)
		}
		if err := g.Play("4"); err == nil {
			t.Error("a move after the end was played")
		}
	}
}

func TestTicTacToeIllegal(t *testing.T) {
	g := mustGame(t, "tic-tac-toe", 1, 1)
	play(t, g, "5")
	before, seat := g.Transcript(), g.ToMove()
	for reply, reason := range map[string]string{
		"5":     "cell 5 is taken",
		"12":    "want the number of a free cell, 1 to 9, and nothing else",
		"O1":    "want the number of a free cell, 1 to 9, and nothing else",
		"":      "want the number of a free cell, 1 to 9, and nothing else",
		"0":     "want the number of a free cell, 1 to 9, and nothing else",
		"seven": "want the number of a free cell, 1 to 9, and nothing else",
		// A legal move with anything after it is not a move.
		"1.":          "want the number of a free cell, 1 to 9, and nothing else",
		"8 is best":   "want the number of a free cell, 1 to 9, and nothing else",
		"1 2":         "want the number of a free cell, 1 to 9, and nothing else",
		"1<|im_end|>": "want the number of a free cell, 1 to 9, and nothing else",
	} {
		err := g.Play(reply)
		var ill *IllegalMoveError
		if !errors.As(err, &ill) || ill.Reply != reply || ill.Reason != reason || ill.Seat != seat || ill.Game != "tic-tac-toe" {
			t.Errorf("Play(%q) = %v, want an IllegalMoveError: %s", reply, err, reason)
		}
		if g.Transcript() != before || g.ToMove() != seat || g.Over() {
			t.Errorf("Play(%q) changed the game", reply)
		}
	}
	err := g.Play("5")
	if want := `tic-tac-toe: seat 0: illegal move "5": cell 5 is taken`; err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestTicTacToeForfeit(t *testing.T) {
	g := mustGame(t, "tic-tac-toe", 1, 1) // seat 1 is X
	play(t, g, "5", "1")
	g.Forfeit(g.ToMove()) // X, seat 1, forfeits
	if !g.Over() || !reflect.DeepEqual(g.Outcome(), []float64{1, 0}) {
		t.Fatalf("after a forfeit: over %v, outcome %v", g.Over(), g.Outcome())
	}
	ttt, result, err := corpus.ParseTicTacToeTranscript(g.Transcript())
	if err != nil || result != corpus.ResultOWins || ttt.HistoryLine() != "tic-tac-toe X5 O1" {
		t.Errorf("transcript %q: %v, result %q", g.Transcript(), err, result)
	}
	if err := g.Play("9"); err == nil {
		t.Error("a move after a forfeit was played")
	}
	g.Forfeit(0) // the game is over: nothing changes
	if !reflect.DeepEqual(g.Outcome(), []float64{1, 0}) {
		t.Errorf("a second forfeit changed the outcome to %v", g.Outcome())
	}
}

func TestTicTacToeVerifier(t *testing.T) {
	// X holds 1 and 2, O holds 4 and 5; X to move wins at 3, and 6 only
	// blocks.
	g := mustGame(t, "tic-tac-toe", 1, 0)
	play(t, g, "1", "4", "2", "5")
	v := g.Task().Verifier
	for reply, want := range map[string]float64{"3": 1, " 3\n": 1, "6": 0.5, "9": 0.5, "1": 0, "4": 0, "x": 0, "": 0,
		"3.": 0, "3 6": 0, "3 wins": 0, "3<|im_end|>": 0} {
		if got, note := v.Verify(reply); got != want || note == "" {
			t.Errorf("Verify(%q) = %v, %q; want %v", reply, got, note, want)
		}
	}
	// The verifier judges the position it was made at, whatever follows.
	play(t, g, "3")
	if got, _ := v.Verify("3"); got != 1 {
		t.Errorf("the verifier follows the game: Verify(3) = %v", got)
	}
	if got, _ := g.Task().Verifier.Verify("6"); got != 0 {
		t.Errorf("a move after the end scores %v", got)
	}
}

func TestNimStarts(t *testing.T) {
	start := func(seed uint64, game int) string {
		return strings.SplitN(mustGame(t, "nim", seed, game).Transcript(), "\n", 2)[0]
	}
	pairsDiffer := false
	for seed := range uint64(20) {
		s0 := start(seed, 0)
		heaps, err := corpus.ParseNimState(strings.TrimPrefix(s0, "nim "))
		if err != nil || len(heaps) != 3 {
			t.Fatalf("seed %d: start %q: %v", seed, s0, err)
		}
		for _, h := range heaps {
			if h < 1 || h > 7 {
				t.Errorf("seed %d: heap %d outside 1..7", seed, h)
			}
		}
		if start(seed, 0) != s0 {
			t.Errorf("seed %d: game 0 is not the same twice", seed)
		}
		if start(seed, 1) != s0 {
			t.Errorf("seed %d: the second game of a pair starts from %q, not %q", seed, start(seed, 1), s0)
		}
		pairsDiffer = pairsDiffer || start(seed, 2) != s0
	}
	if !pairsDiffer {
		t.Error("every pair of games starts from the same heaps")
	}
	for game, first := range []int{0, 1, 0, 1} {
		g := mustGame(t, "nim", 3, game)
		if g.ToMove() != first {
			t.Errorf("game %d: seat %d moves first, want %d", game, g.ToMove(), first)
		}
		task := g.Task()
		if task.System != corpus.NimSystem || !strings.HasSuffix(task.Prompt, "\nYour move:") || !strings.HasPrefix(task.Prompt, "nim ") {
			t.Errorf("game %d: task %+v", game, task)
		}
	}
}

// newNimGame makes a nim game from given heaps, for positions the seeds
// do not happen to give.
func newNimGame(first int, heaps ...int) *nimGame {
	return &nimGame{n: corpus.NewNim(heaps...), seats: seats{first: first, forfeit: -1}}
}

func TestNimPlay(t *testing.T) {
	for first := range 2 {
		g := newNimGame(first, 1, 2)
		play(t, g, "B-1", "a-1")
		if g.Over() {
			t.Fatal("over with one object left")
		}
		last := g.ToMove()
		if last != first {
			t.Errorf("seat %d is to move third, want %d", last, first)
		}
		play(t, g, "B1")
		want := []float64{0, 0}
		want[last] = 1
		if !g.Over() || !reflect.DeepEqual(g.Outcome(), want) {
			t.Errorf("outcome %v, want %v", g.Outcome(), want)
		}
		n, result, err := corpus.ParseNimTranscript(g.Transcript())
		if err != nil || result != n.Result() || result != corpus.ResultXWins {
			t.Errorf("transcript %q: %v, result %q", g.Transcript(), err, result)
		}
	}
}

func TestNimIllegal(t *testing.T) {
	g := newNimGame(0, 3, 5, 7)
	before := g.Transcript()
	for reply, reason := range map[string]string{
		"D-1":  "no heap D",
		"A-4":  "heap A has 3, cannot take 4",
		"A-0":  "want one move and nothing else: a heap letter and a count, like B-2",
		"take": "want one move and nothing else: a heap letter and a count, like B-2",
		"":     "want one move and nothing else: a heap letter and a count, like B-2",
		// A legal move with anything after it is not a move.
		"A-1 B-1":       "want one move and nothing else: a heap letter and a count, like B-2",
		"A-1.":          "want one move and nothing else: a heap letter and a count, like B-2",
		"A-1 please":    "want one move and nothing else: a heap letter and a count, like B-2",
		"A-1<|im_end|>": "want one move and nothing else: a heap letter and a count, like B-2",
	} {
		err := g.Play(reply)
		var ill *IllegalMoveError
		if !errors.As(err, &ill) || ill.Reason != reason || ill.Game != "nim" || ill.Seat != 0 {
			t.Errorf("Play(%q) = %v, want reason %q", reply, err, reason)
		}
		if g.Transcript() != before || g.ToMove() != 0 {
			t.Errorf("Play(%q) changed the game", reply)
		}
	}
}

func TestNimForfeit(t *testing.T) {
	g := newNimGame(1, 3, 5, 7) // seat 1 is X and moves first
	play(t, g, "C-1")
	g.Forfeit(0) // O forfeits
	if !reflect.DeepEqual(g.Outcome(), []float64{0, 1}) {
		t.Errorf("outcome %v, want [0 1]", g.Outcome())
	}
	if _, result, err := corpus.ParseNimTranscript(g.Transcript()); err != nil || result != corpus.ResultXWins {
		t.Errorf("transcript %q: %v, result %q", g.Transcript(), err, result)
	}
}

func TestNimVerifier(t *testing.T) {
	// 3^5^7 = 1: taking one from any heap leaves a nim-sum of 0.
	v := newNimGame(0, 3, 5, 7).Task().Verifier
	for reply, want := range map[string]float64{"A-1": 1, "b1": 1, " C-1\n": 1, "C-2": 0.5, "A-3": 0.5, "A-4": 0, "D-1": 0, "?": 0,
		"A-1 A-1": 0, "A-1.": 0, "A-1 wins": 0, "A-1<|im_end|>": 0} {
		if got, note := v.Verify(reply); got != want || note == "" {
			t.Errorf("Verify(%q) = %v, %q; want %v", reply, got, note, want)
		}
	}
	// 1^2^3 = 0: no move wins, so every legal move is as good.
	lost := newNimGame(0, 1, 2, 3).Task().Verifier
	for reply, want := range map[string]float64{"A-1": 0.75, "C-3": 0.75, "C-4": 0} {
		if got, _ := lost.Verify(reply); got != want {
			t.Errorf("lost position: Verify(%q) = %v; want %v", reply, got, want)
		}
	}
}

// TestGamesToTheEnd plays whole games by always taking the first move the
// verifier rates best, and checks the transcripts parse.
func TestGamesToTheEnd(t *testing.T) {
	for _, id := range []string{"tic-tac-toe", "nim"} {
		for game := range 4 {
			g := mustGame(t, id, 11, game)
			for moves := 0; !g.Over(); moves++ {
				if moves > 100 {
					t.Fatalf("%s: game %d does not end", id, game)
				}
				play(t, g, bestReply(g.Task()))
			}
			out := g.Outcome()
			if len(out) != 2 || out[0]+out[1] != 1 {
				t.Errorf("%s: outcome %v", id, out)
			}
			switch id {
			case "tic-tac-toe":
				if _, r, err := corpus.ParseTicTacToeTranscript(g.Transcript()); err != nil || r != corpus.ResultDraw {
					t.Errorf("perfect tic-tac-toe: %q: %v", r, err)
				}
			case "nim":
				if _, _, err := corpus.ParseNimTranscript(g.Transcript()); err != nil {
					t.Errorf("nim: %v", err)
				}
			}
		}
	}
}

// bestReply is the first candidate move with the top verifier score.
func bestReply(task Task) string {
	var candidates []string
	for c := 1; c <= 9; c++ {
		candidates = append(candidates, corpus.TicTacToeMove(c))
	}
	for h := range 3 {
		for take := 1; take <= 7; take++ {
			candidates = append(candidates, corpus.NimMove{Heap: h, Take: take}.String())
		}
	}
	best, top := "", -1.0
	for _, c := range candidates {
		if s, _ := task.Verifier.Verify(c); s > top {
			best, top = c, s
		}
	}
	return best
}

func TestRandomMovesAreLegal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, id := range []string{"tic-tac-toe", "nim"} {
		spec, _ := Lookup(id)
		for game := range 20 {
			g, err := spec.NewGame(7, game)
			if err != nil {
				t.Fatal(err)
			}
			for moves := 0; !g.Over(); moves++ {
				if moves > 100 {
					t.Fatalf("%s game %d: no end after 100 random moves", id, game)
				}
				if m := g.RandomMove(r); g.Play(m) != nil {
					t.Fatalf("%s game %d: random move %q is illegal", id, game, m)
				}
			}
		}
	}
}
