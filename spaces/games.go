package spaces

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/rlfc/arena/lora/corpus"
)

// IllegalMoveError is a reply that is not a legal move: unreadable, or
// against the rules. The game is left as it was.
type IllegalMoveError struct {
	Game   string // "tic-tac-toe" or "nim"
	Seat   int    // the seat that replied
	Reply  string // the reply as given
	Reason string // why it is not a legal move
}

// Error names the game, the seat, the reply (shortened) and the reason.
func (e *IllegalMoveError) Error() string {
	reply := e.Reply
	if len(reply) > 40 {
		reply = reply[:40] + "..."
	}
	return fmt.Sprintf("%s: seat %d: illegal move %s: %s", e.Game, e.Seat, strconv.Quote(reply), e.Reason)
}

// A move is the whole reply: with white space trimmed from both ends, it
// must be one move written the way the corpus reads one, and nothing else.
// The corpus's parsers read the move a reply starts with ("5." and "8 is
// best" give 5 and 8, "B-2 A-1" gives B-2), which let a legal move carry
// any text (a second move, words to the judge, a payload after a special
// token) into the game's record and into the preference pairs drawn from
// its candidates. So the games read a move only when it is all there is.
var (
	// cellRE is a tic-tac-toe move: one cell digit.
	cellRE = regexp.MustCompile(`^[1-9]$`)
	// nimMoveRE is a nim move: a heap letter, an optional dash and a
	// count of up to four digits ("B-2", "b2").
	nimMoveRE = regexp.MustCompile(`^[A-Za-z]-?[0-9]{1,4}$`)
)

// parseCell reads a tic-tac-toe reply that is one cell number alone.
func parseCell(reply string) (int, bool) {
	s := strings.TrimSpace(reply)
	if !cellRE.MatchString(s) {
		return 0, false
	}
	return corpus.ParseTicTacToeMove(s)
}

// parseNimMove reads a nim reply that is one move alone.
func parseNimMove(reply string) (corpus.NimMove, bool) {
	s := strings.TrimSpace(reply)
	if !nimMoveRE.MatchString(s) {
		return corpus.NimMove{}, false
	}
	return corpus.ParseNimMove(s)
}

// NewGame returns game number game (counting from 0) of a match of a
// turn-based Space. Seat 0 moves first in even games and second in odd
// ones, so that a match of an even number of games gives both seats the
// same chances. The same seed and game number give the same game.
func (s *Spec) NewGame(seed uint64, game int) (Game, error) {
	if s.Mode != Turns {
		return nil, fmt.Errorf("space %s: mode %q has a task generator, not games: use Generator", s.ID, s.Mode)
	}
	if err := s.taskError(); err != nil {
		return nil, err
	}
	u := uint64(game)
	first := int(u % 2) // the seat that moves first: X
	switch s.Task.Generator {
	case "tic-tac-toe":
		return &ticTacToeGame{seats: seats{first: first, forfeit: -1}}, nil
	case "nim":
		heaps, most := s.Task.Heaps, s.Task.MaxHeap
		if heaps == 0 {
			heaps = corpus.DefaultNimHeaps
		}
		if most == 0 {
			most = corpus.DefaultNimMaxHeap
		}
		// Both games of a pair start from the same heaps with the seats
		// swapped: a start that favours whoever moves first (or second)
		// then favours neither seat over the pair. Pairs differ.
		r := seeded{seed, s.stream()}.rand(u / 2)
		start := make([]int, heaps)
		for i := range start {
			start[i] = 1 + r.IntN(most)
		}
		return &nimGame{n: corpus.NewNim(start...), seats: seats{first: first, forfeit: -1}}, nil
	}
	return nil, fmt.Errorf("space %s: generator %q has no game", s.ID, s.Task.Generator)
}

// seats maps the two seats of a game onto the corpus's marks and keeps a
// forfeit, which the corpus games do not know.
type seats struct {
	first   int // the seat playing X, who moves first
	forfeit int // the seat that forfeited, or -1
}

func (s seats) seatOf(m corpus.Mark) int {
	if m == corpus.MarkX {
		return s.first
	}
	return 1 - s.first
}

func (s seats) markOf(seat int) corpus.Mark {
	if seat == s.first {
		return corpus.MarkX
	}
	return corpus.MarkO
}

// Players is 2: both games have two seats.
func (s seats) Players() int { return 2 }

// outcome gives each seat's result of a game won by winner (NoMark: a
// draw), or lost by the forfeiting seat.
func (s seats) outcome(winner corpus.Mark) []float64 {
	out := []float64{0.5, 0.5}
	if s.forfeit >= 0 {
		winner = s.markOf(1 - s.forfeit)
	}
	if winner != corpus.NoMark {
		out[s.seatOf(winner)] = 1
		out[s.seatOf(winner.Other())] = 0
	}
	return out
}

// forfeitLine is the result line of a forfeited game: the corpus writes
// one only for a finished board, and a transcript should say how it ended.
func (s seats) forfeitLine() string {
	if s.markOf(1-s.forfeit) == corpus.MarkX {
		return corpus.ResultXWins
	}
	return corpus.ResultOWins
}

// ticTacToeGame is a game of tic-tac-toe between two seats.
type ticTacToeGame struct {
	seats
	t corpus.TicTacToe
}

// ToMove is the seat whose mark is to play.
func (g *ticTacToeGame) ToMove() int { return g.seatOf(g.t.Turn()) }

// Over reports a win, a full board or a forfeit.
func (g *ticTacToeGame) Over() bool { return g.forfeit >= 0 || g.t.Over() }

// Task asks the seat to move for a cell.
func (g *ticTacToeGame) Task() Task {
	return Task{
		System:   corpus.TicTacToeSystem,
		Prompt:   g.t.Prompt(),
		Verifier: ticTacToeVerifier{pos: g.t, over: g.Over()},
	}
}

// Play plays the cell the reply names.
func (g *ticTacToeGame) Play(reply string) error {
	illegal := func(reason string) error {
		return &IllegalMoveError{Game: "tic-tac-toe", Seat: g.ToMove(), Reply: reply, Reason: reason}
	}
	if g.Over() {
		return illegal("the game is over")
	}
	cell, ok := parseCell(reply)
	if !ok {
		return illegal("want the number of a free cell, 1 to 9, and nothing else")
	}
	if err := g.t.Play(cell); err != nil {
		return illegal(strings.TrimPrefix(err.Error(), "tic-tac-toe: "))
	}
	return nil
}

// RandomMove names a free cell at random.
func (g *ticTacToeGame) RandomMove(r *rand.Rand) string {
	return corpus.TicTacToeMove(g.t.RandomMove(r))
}

// Forfeit ends the game, seat losing; a finished game stays as it ended.
func (g *ticTacToeGame) Forfeit(seat int) {
	if !g.Over() && (seat == 0 || seat == 1) {
		g.forfeit = seat
	}
}

// Outcome gives each seat 1, 0.5 or 0; nil until the game is over.
func (g *ticTacToeGame) Outcome() []float64 {
	if !g.Over() {
		return nil
	}
	return g.outcome(g.t.Winner())
}

// Transcript is the corpus's record of the game, with a result line for a
// forfeit too.
func (g *ticTacToeGame) Transcript() string {
	if g.forfeit >= 0 {
		return g.t.Transcript() + "\n" + g.forfeitLine()
	}
	return g.t.Transcript()
}

// ticTacToeVerifier scores a move at one position: perfect play scores 1,
// any other legal move 0.5, so that a reply is rewarded for playing well
// and not just for obeying the rules.
type ticTacToeVerifier struct {
	pos  corpus.TicTacToe
	over bool
}

// Verify scores reply as the next move at the position.
func (v ticTacToeVerifier) Verify(reply string) (float64, string) {
	if v.over || v.pos.Over() {
		return 0, "the game is over"
	}
	cell, ok := parseCell(reply)
	if !ok {
		return 0, "not a cell number 1 to 9 alone"
	}
	if !v.pos.Legal(cell) {
		return 0, fmt.Sprintf("cell %d is taken", cell)
	}
	best := v.pos.BestMoves()
	for _, b := range best {
		if b == cell {
			return 1, fmt.Sprintf("%d is a best move", cell)
		}
	}
	return 0.5, fmt.Sprintf("legal, but a perfect player plays %s", joinInts(best))
}

// nimGame is a game of nim between two seats.
type nimGame struct {
	seats
	n *corpus.Nim
}

// ToMove is the seat whose mark is to play.
func (g *nimGame) ToMove() int { return g.seatOf(g.n.Turn()) }

// Over reports that the last object is taken, or a forfeit.
func (g *nimGame) Over() bool { return g.forfeit >= 0 || g.n.Over() }

// Task asks the seat to move for a move.
func (g *nimGame) Task() Task {
	return Task{
		System:   corpus.NimSystem,
		Prompt:   g.n.Prompt(),
		Verifier: nimVerifier{pos: g.n.Clone(), over: g.Over()},
	}
}

// Play plays the move the reply names.
func (g *nimGame) Play(reply string) error {
	illegal := func(reason string) error {
		return &IllegalMoveError{Game: "nim", Seat: g.ToMove(), Reply: reply, Reason: reason}
	}
	if g.Over() {
		return illegal("the game is over")
	}
	m, ok := parseNimMove(reply)
	if !ok {
		return illegal("want one move and nothing else: a heap letter and a count, like B-2")
	}
	if err := g.n.Play(m); err != nil {
		return illegal(strings.TrimPrefix(err.Error(), "nim: "))
	}
	return nil
}

// RandomMove takes a random legal count from a random heap.
func (g *nimGame) RandomMove(r *rand.Rand) string { return g.n.RandomMove(r).String() }

// Forfeit ends the game, seat losing; a finished game stays as it ended.
func (g *nimGame) Forfeit(seat int) {
	if !g.Over() && (seat == 0 || seat == 1) {
		g.forfeit = seat
	}
}

// Outcome gives the winner 1 and the loser 0 (nim has no draws); nil
// until the game is over.
func (g *nimGame) Outcome() []float64 {
	if !g.Over() {
		return nil
	}
	return g.outcome(g.n.Winner())
}

// Transcript is the corpus's record of the game, with a result line for a
// forfeit too.
func (g *nimGame) Transcript() string {
	if g.forfeit >= 0 {
		return g.n.Transcript() + "\n" + g.forfeitLine()
	}
	return g.n.Transcript()
}

// nimVerifier scores a move at one position: a move to a nim-sum of zero
// (the winning strategy) scores 1, another legal move 0.5; where no move
// wins, every legal move is as good as another and scores 0.75, so that a
// lost position does not punish a player for what it cannot change.
type nimVerifier struct {
	pos  *corpus.Nim
	over bool
}

// Verify scores reply as the next move at the position.
func (v nimVerifier) Verify(reply string) (float64, string) {
	if v.over || v.pos.Over() {
		return 0, "the game is over"
	}
	m, ok := parseNimMove(reply)
	if !ok {
		return 0, "not one move like B-2 alone"
	}
	if !v.pos.Legal(m) {
		return 0, fmt.Sprintf("%s is not legal at %s", m, v.pos.State())
	}
	wins := v.pos.WinningMoves()
	if len(wins) == 0 {
		return 0.75, "legal; no move wins from here"
	}
	names := make([]string, len(wins))
	for i, w := range wins {
		if w == m {
			return 1, fmt.Sprintf("%s leaves a nim-sum of 0", m)
		}
		names[i] = w.String()
	}
	return 0.5, "legal, but " + strings.Join(names, " or ") + " would leave a nim-sum of 0"
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, " or ")
}
