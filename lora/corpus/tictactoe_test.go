package corpus

import (
	"slices"
	"strings"
	"testing"
)

// parseTicTacToePrompt reads a "your move" message back into the game it
// shows, failing the test if it is not exactly what Prompt writes.
func parseTicTacToePrompt(t *testing.T, prompt string) *TicTacToe {
	t.Helper()
	lines := strings.Split(prompt, "\n")
	if len(lines) != 5 {
		t.Fatalf("prompt %q has %d lines, want 5", prompt, len(lines))
	}
	g, err := ReplayTicTacToe(lines[0])
	if err != nil {
		t.Fatalf("prompt %q: %v", prompt, err)
	}
	if g.Over() {
		t.Fatalf("prompt %q asks for a move in a finished game", prompt)
	}
	if g.Prompt() != prompt {
		t.Fatalf("prompt %q, but the game's Prompt is %q", prompt, g.Prompt())
	}
	if want := "You are " + g.Turn().String() + ". Your move:"; lines[4] != want {
		t.Fatalf("prompt ends %q, want %q", lines[4], want)
	}
	return g
}

func TestTicTacToeDocuments(t *testing.T) {
	n := many(4000)
	r := newRand(20)
	results := map[string]int{}
	var moves, legal int
	for _, src := range []TicTacToeSource{{}, {SkillRate: -1}, {SkillRate: 1}} {
		for range n {
			d := src.Doc(r)
			if len(d.Chat) == 0 {
				g, result, err := ParseTicTacToeTranscript(d.Text)
				if err != nil {
					t.Fatalf("transcript %q: %v", d.Text, err)
				}
				if !g.Over() || result != g.Result() {
					t.Fatalf("transcript %q ends %q, but the replay gives %q", d.Text, result, g.Result())
				}
				if g.Transcript() != d.Text {
					t.Fatalf("transcript %q is not as Transcript writes it (%q)", d.Text, g.Transcript())
				}
				if src.SkillRate == 1 && result != ResultDraw {
					t.Fatalf("perfect players did not draw: %q", d.Text)
				}
				results[result]++
				continue
			}
			_, user, assistant := chatParts(t, d, TicTacToeSystem)
			g := parseTicTacToePrompt(t, user)
			cell, ok := ParseTicTacToeMove(assistant)
			if !ok || TicTacToeMove(cell) != assistant {
				t.Fatalf("answer %q is not a cell digit", assistant)
			}
			moves++
			if g.Legal(cell) {
				legal++
			}
			if src.SkillRate == 1 && !slices.Contains(g.BestMoves(), cell) {
				t.Fatalf("perfect player answered %d to %q, best are %v", cell, user, g.BestMoves())
			}
		}
	}
	if legal != moves {
		t.Errorf("%d of %d answers are illegal moves", moves-legal, moves)
	}
	for _, res := range []string{ResultXWins, ResultOWins, ResultDraw} {
		if results[res] == 0 {
			t.Errorf("no game ended %q: %v", res, results)
		}
	}
	if len(results) != 3 {
		t.Errorf("results %v, want only the three result lines", results)
	}
}

// TestTicTacToePerfectNeverLoses walks every game a perfect player can
// play against any opponent: the perfect player choosing any of its best
// moves, the opponent any legal move. The perfect player never loses, and
// each of its best moves keeps the value of the position.
func TestTicTacToePerfectNeverLoses(t *testing.T) {
	for _, perfect := range []Mark{MarkX, MarkO} {
		var games int
		var walk func(g TicTacToe)
		walk = func(g TicTacToe) {
			if g.Over() {
				games++
				if g.Winner() == perfect.Other() {
					t.Fatalf("perfect %s lost: %s", perfect, g.HistoryLine())
				}
				return
			}
			moves := g.Moves()
			if g.Turn() == perfect {
				moves = g.BestMoves()
				if len(moves) == 0 {
					t.Fatalf("no best move in %s", g.HistoryLine())
				}
				// Perfect play keeps the value the position had.
				v := g.Value()
				for _, m := range moves {
					child := g
					if err := child.Play(m); err != nil {
						t.Fatal(err)
					}
					if cv := -child.Value(); cv != v {
						t.Fatalf("best move %d in %s gives value %d, position has %d", m, g.HistoryLine(), cv, v)
					}
				}
			}
			for _, m := range moves {
				child := g
				if err := child.Play(m); err != nil {
					t.Fatal(err)
				}
				walk(child)
			}
		}
		walk(TicTacToe{})
		if games < 1000 {
			t.Errorf("perfect %s: only %d games walked", perfect, games)
		}
	}
}

func TestTicTacToePerfectVersusRandom(t *testing.T) {
	r := newRand(21)
	n := many(2000)
	for _, perfect := range []Mark{MarkX, MarkO} {
		wins := 0
		for range n {
			g := NewTicTacToe()
			for !g.Over() {
				m := g.RandomMove(r)
				if g.Turn() == perfect {
					m = g.PerfectMove(r)
				}
				if err := g.Play(m); err != nil {
					t.Fatal(err)
				}
			}
			switch g.Winner() {
			case perfect.Other():
				t.Fatalf("perfect %s lost to random: %s", perfect, g.HistoryLine())
			case perfect:
				wins++
			}
		}
		// Random play blunders often; the perfect player should punish it.
		if wins < n/2 {
			t.Errorf("perfect %s won only %d of %d games against random", perfect, wins, n)
		}
	}
}

func TestTicTacToeRules(t *testing.T) {
	g := NewTicTacToe()
	if g.Value() != 0 {
		t.Errorf("the empty board has value %d, want a draw", g.Value())
	}
	if got := g.Prompt(); got != "tic-tac-toe\n123\n456\n789\nYou are X. Your move:" {
		t.Errorf("Prompt() = %q", got)
	}
	for _, m := range []int{5, 1, 9} {
		if err := g.Play(m); err != nil {
			t.Fatal(err)
		}
	}
	want := "tic-tac-toe X5 O1 X9\nO23\n4X6\n78X\nYou are O. Your move:"
	if got := g.Prompt(); got != want {
		t.Errorf("Prompt() = %q, want %q", got, want)
	}
	for _, bad := range []int{0, 10, -1, 5, 1} {
		before := *g
		if err := g.Play(bad); err == nil {
			t.Errorf("Play(%d) accepted", bad)
		}
		if *g != before {
			t.Errorf("a refused Play(%d) changed the game", bad)
		}
	}
	if g.Cell(5) != MarkX || g.Cell(1) != MarkO || g.Cell(2) != NoMark || g.Cell(0) != NoMark || g.Cell(10) != NoMark {
		t.Error("Cell reads the board wrong")
	}
	// The example game of the package documentation.
	done, err := ReplayTicTacToe("tic-tac-toe X5 O1 X9 O3 X2 O7 X8")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := done.Transcript(), "tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOXX\nX wins"; got != want {
		t.Errorf("doc example: Transcript() = %q, want %q", got, want)
	}
	if err := done.Play(4); err == nil {
		t.Error("a move after the end was accepted")
	}
	if done.Moves() != nil {
		t.Errorf("Moves() after the end = %v", done.Moves())
	}
	if done.Value() != -1 {
		t.Errorf("Value() after a win = %d, want -1", done.Value())
	}
	if got := done.History(); !slices.Equal(got, []int{5, 1, 9, 3, 2, 7, 8}) {
		t.Errorf("History() = %v", got)
	}
	for _, f := range []func(){func() { done.PerfectMove(newRand(1)) }, func() { done.RandomMove(newRand(1)) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("a move was chosen in a finished game")
				}
			}()
			f()
		}()
	}
	if MarkX.Other() != MarkO || MarkO.Other() != MarkX || NoMark.Other() != NoMark {
		t.Error("Other is wrong")
	}
	if MarkX.String() != "X" || MarkO.String() != "O" || NoMark.String() != "-" {
		t.Error("String is wrong")
	}
}

func TestReplayTicTacToeRejects(t *testing.T) {
	for _, line := range []string{
		"",
		"tictactoe X5",
		"tic-tac-toe O5",                // O does not start
		"tic-tac-toe X5 X1",             // X twice
		"tic-tac-toe X5 O5",             // taken
		"tic-tac-toe X0",                // no cell 0
		"tic-tac-toe X10",               // two digits
		"tic-tac-toe x5",                // lower case
		"tic-tac-toe X5,O1",             // no space
		"X5 O1",                         // no header
		"tic-tac-toe X1 O4 X2 O5 X3 O6", // a move after X won
	} {
		if g, err := ReplayTicTacToe(line); err == nil {
			t.Errorf("ReplayTicTacToe(%q) accepted: %s", line, g.HistoryLine())
		}
	}
	for _, text := range []string{
		"tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOXX",               // no result line
		"tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOX9\nX wins",       // wrong board
		"tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOXX\nX wins\n",     // trailing newline
		"tic-tac-toe X5 O1 X9 O3 X2 O7 X8 O4\nOXO\nOX6\nOXX\nX wins",    // move after the end
		"tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOXX\nX wins\nmore", // six lines
	} {
		if _, _, err := ParseTicTacToeTranscript(text); err == nil {
			t.Errorf("ParseTicTacToeTranscript(%q) accepted", text)
		}
	}
}
