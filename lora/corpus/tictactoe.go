package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
)

// Mark is a player of a two-player game: [MarkX] moves first, [MarkO]
// second. Tic-tac-toe and nim both use it, so seats read the same in every
// game.
type Mark byte

// The marks; NoMark is an empty cell, or no winner.
const (
	NoMark Mark = 0
	MarkX  Mark = 'X'
	MarkO  Mark = 'O'
)

// Other returns the opponent of m (NoMark for NoMark).
func (m Mark) Other() Mark {
	switch m {
	case MarkX:
		return MarkO
	case MarkO:
		return MarkX
	}
	return NoMark
}

// String returns "X", "O" or "-".
func (m Mark) String() string {
	if m == MarkX || m == MarkO {
		return string(rune(m))
	}
	return "-"
}

// Result lines that end a finished game.
const (
	ResultXWins = "X wins"
	ResultOWins = "O wins"
	ResultDraw  = "draw"
)

// resultLine writes the result of a finished game with winner w (NoMark for
// a draw).
func resultLine(w Mark) string {
	switch w {
	case MarkX:
		return ResultXWins
	case MarkO:
		return ResultOWins
	}
	return ResultDraw
}

// TicTacToeSystem is the system prompt of tic-tac-toe chats.
const TicTacToeSystem = "You play tic-tac-toe. Answer with the number of a free cell."

// ticTacToeHeader starts the history line of every tic-tac-toe text.
const ticTacToeHeader = "tic-tac-toe"

// ticTacToeLines are the eight winning lines, as cell indexes 0–8.
var ticTacToeLines = [8][3]int{
	{0, 1, 2}, {3, 4, 5}, {6, 7, 8},
	{0, 3, 6}, {1, 4, 7}, {2, 5, 8},
	{0, 4, 8}, {2, 4, 6},
}

// TicTacToe is a game of tic-tac-toe: cells 1–9 row by row, X first, three
// in a row wins. The zero value is a new game. It is a small value: copy it
// to explore a line of play without touching the original.
type TicTacToe struct {
	cells   [9]Mark
	history [9]int8
	n       int // moves played
}

// NewTicTacToe returns a new game.
func NewTicTacToe() *TicTacToe { return &TicTacToe{} }

// Turn returns the player to move (meaningless once the game is over).
func (t *TicTacToe) Turn() Mark {
	if t.n%2 == 0 {
		return MarkX
	}
	return MarkO
}

// Cell returns the mark on a cell 1–9, NoMark if it is free or out of range.
func (t *TicTacToe) Cell(cell int) Mark {
	if cell < 1 || cell > 9 {
		return NoMark
	}
	return t.cells[cell-1]
}

// Winner returns the player with three in a row, or NoMark.
func (t *TicTacToe) Winner() Mark {
	for _, l := range ticTacToeLines {
		if m := t.cells[l[0]]; m != NoMark && m == t.cells[l[1]] && m == t.cells[l[2]] {
			return m
		}
	}
	return NoMark
}

// Over reports whether the game has ended, by a win or a full board.
func (t *TicTacToe) Over() bool {
	return t.n == 9 || t.Winner() != NoMark
}

// Result returns the result line of a finished game ([ResultXWins],
// [ResultOWins] or [ResultDraw]), or "" while it is still going.
func (t *TicTacToe) Result() string {
	if !t.Over() {
		return ""
	}
	return resultLine(t.Winner())
}

// Legal reports whether the player to move may play on cell move: it is in
// 1–9, free, and the game is not over.
func (t *TicTacToe) Legal(move int) bool {
	return move >= 1 && move <= 9 && t.cells[move-1] == NoMark && !t.Over()
}

// Play plays move for the player to move. An illegal move is an error and
// leaves the game unchanged.
func (t *TicTacToe) Play(move int) error {
	if !t.Legal(move) {
		switch {
		case move < 1 || move > 9:
			return fmt.Errorf("tic-tac-toe: no cell %d", move)
		case t.Over():
			return errors.New("tic-tac-toe: the game is over")
		}
		return fmt.Errorf("tic-tac-toe: cell %d is taken", move)
	}
	t.cells[move-1] = t.Turn()
	t.history[t.n] = int8(move)
	t.n++
	return nil
}

// Moves returns the legal moves, ascending (none once the game is over).
func (t *TicTacToe) Moves() []int {
	if t.Over() {
		return nil
	}
	moves := make([]int, 0, 9-t.n)
	for c := 1; c <= 9; c++ {
		if t.cells[c-1] == NoMark {
			moves = append(moves, c)
		}
	}
	return moves
}

// History returns the moves played so far, in order.
func (t *TicTacToe) History() []int {
	h := make([]int, t.n)
	for i := range h {
		h[i] = int(t.history[i])
	}
	return h
}

// HistoryLine writes the game so far: "tic-tac-toe X5 O1 X9".
func (t *TicTacToe) HistoryLine() string {
	var b strings.Builder
	b.WriteString(ticTacToeHeader)
	for i := range t.n {
		b.WriteByte(' ')
		if i%2 == 0 {
			b.WriteByte('X')
		} else {
			b.WriteByte('O')
		}
		b.WriteByte('0' + byte(t.history[i]))
	}
	return b.String()
}

// Board writes the board as three lines, free cells showing their number:
// "O23\n4X6\n78X". The free digits are exactly the legal moves, which a
// small model can copy rather than work out.
func (t *TicTacToe) Board() string {
	b := make([]byte, 0, 11)
	for i, m := range t.cells {
		if i > 0 && i%3 == 0 {
			b = append(b, '\n')
		}
		if m == NoMark {
			b = append(b, '1'+byte(i))
		} else {
			b = append(b, byte(m))
		}
	}
	return string(b)
}

// Prompt writes the "your move" message a player receives: the history
// line, the board and the side to play.
//
//	tic-tac-toe X5 O1 X9
//	O23
//	4X6
//	78X
//	You are O. Your move:
func (t *TicTacToe) Prompt() string {
	return t.HistoryLine() + "\n" + t.Board() + "\nYou are " + t.Turn().String() + ". Your move:"
}

// Transcript writes the game as a plain document: the history line, the
// board and, once the game is over, the result line.
func (t *TicTacToe) Transcript() string {
	s := t.HistoryLine() + "\n" + t.Board()
	if res := t.Result(); res != "" {
		s += "\n" + res
	}
	return s
}

// TicTacToeMove writes a move as a player answers it: the cell digit.
func TicTacToeMove(cell int) string { return strconv.Itoa(cell) }

// ParseTicTacToeMove reads a tic-tac-toe answer: after leading white space,
// one digit 1–9 not followed by another digit ("5", " 5\n", "5." give 5;
// "12", "0", "X5" and "" are rejected). Whether the cell is free is for
// [TicTacToe.Legal] to say.
func ParseTicTacToeMove(reply string) (int, bool) {
	s := strings.TrimLeft(reply, " \t\r\n")
	if s == "" || s[0] < '1' || s[0] > '9' {
		return 0, false
	}
	if len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
		return 0, false
	}
	return int(s[0] - '0'), true
}

// ReplayTicTacToe reads a history line ("tic-tac-toe X5 O1 X9", as
// [TicTacToe.HistoryLine] writes it) and plays it from a new game. Marks
// must alternate from X and every move must be legal.
func ReplayTicTacToe(line string) (*TicTacToe, error) {
	f := strings.Fields(line)
	if len(f) == 0 || f[0] != ticTacToeHeader {
		return nil, fmt.Errorf("tic-tac-toe: history %q does not start with %q", line, ticTacToeHeader)
	}
	t := NewTicTacToe()
	for _, mv := range f[1:] {
		if len(mv) != 2 || Mark(mv[0]) != t.Turn() || mv[1] < '1' || mv[1] > '9' {
			return nil, fmt.Errorf("tic-tac-toe: bad move %q, want %s and a cell 1-9", mv, t.Turn())
		}
		if err := t.Play(int(mv[1] - '0')); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// ParseTicTacToeTranscript reads a plain tic-tac-toe document (as
// [TicTacToe.Transcript] writes it): it replays the history, checks the
// board, and returns the game and the result line as written, which the
// caller may compare with [TicTacToe.Result].
func ParseTicTacToeTranscript(text string) (t *TicTacToe, result string, err error) {
	lines := strings.Split(text, "\n")
	if len(lines) != 5 {
		return nil, "", fmt.Errorf("tic-tac-toe: transcript has %d lines, want 5", len(lines))
	}
	t, err = ReplayTicTacToe(lines[0])
	if err != nil {
		return nil, "", err
	}
	if board := strings.Join(lines[1:4], "\n"); board != t.Board() {
		return nil, "", fmt.Errorf("tic-tac-toe: board %q does not match the history (%q)", board, t.Board())
	}
	return t, lines[4], nil
}

// ticTacToeSolved holds the minimax score of every reachable position,
// indexed by [TicTacToe.key], from the view of the player to move: positive
// means a win, larger the sooner; negative a loss; zero a draw. It is
// computed once, on first use, and only read afterwards, so it is safe for
// concurrent use.
var ticTacToeSolved struct {
	once  sync.Once
	score [19683]int8 // 3^9 boards
	done  [19683]bool
}

// key numbers the board in base 3 (free 0, X 1, O 2). The board alone fixes
// the player to move, so it is a complete key.
func (t *TicTacToe) key() int {
	k := 0
	for i := 8; i >= 0; i-- {
		k *= 3
		switch t.cells[i] {
		case MarkX:
			k++
		case MarkO:
			k += 2
		}
	}
	return k
}

// solve fills the score table by negamax from t.
func solve(t *TicTacToe) int8 {
	k := t.key()
	if ticTacToeSolved.done[k] {
		return ticTacToeSolved.score[k]
	}
	var s int8
	switch {
	case t.Winner() != NoMark:
		// The previous player won; the sooner, the worse for the one to move.
		s = -int8(10 - t.n)
	case t.n == 9:
		s = 0
	default:
		s = -127
		for c := 1; c <= 9; c++ {
			if t.cells[c-1] != NoMark {
				continue
			}
			child := *t
			child.Play(c)
			s = max(s, -solve(&child))
		}
	}
	ticTacToeSolved.score[k] = s
	ticTacToeSolved.done[k] = true
	return s
}

// score returns the minimax score of t (see ticTacToeSolved).
func (t *TicTacToe) score() int8 {
	ticTacToeSolved.once.Do(func() { solve(&TicTacToe{}) })
	return ticTacToeSolved.score[t.key()]
}

// Value returns the outcome of perfect play from here for the player to
// move: 1 a win, 0 a draw, -1 a loss (-1 also once the game has been won,
// 0 once drawn).
func (t *TicTacToe) Value() int {
	switch s := t.score(); {
	case s > 0:
		return 1
	case s < 0:
		return -1
	}
	return 0
}

// BestMoves returns the moves a perfect player may choose, ascending: those
// keeping the best outcome, winning soonest or losing latest.
func (t *TicTacToe) BestMoves() []int {
	var best []int
	bestScore := int8(-127)
	for _, c := range t.Moves() {
		child := *t
		child.Play(c)
		s := -child.score()
		if s > bestScore {
			best, bestScore = best[:0], s
		}
		if s == bestScore {
			best = append(best, c)
		}
	}
	return best
}

// PerfectMove returns a move of a perfect player, uniform among
// [TicTacToe.BestMoves] so that perfect games still vary. It panics if the
// game is over.
func (t *TicTacToe) PerfectMove(r *rand.Rand) int {
	return pick(r, t.BestMoves())
}

// RandomMove returns a move uniform among the legal moves. It panics if the
// game is over.
func (t *TicTacToe) RandomMove(r *rand.Rand) int {
	return pick(r, t.Moves())
}

func pick[T any](r *rand.Rand, xs []T) T {
	if len(xs) == 0 {
		panic("corpus: no legal move: the game is over")
	}
	return xs[r.IntN(len(xs))]
}

// chooseTicTacToe is the corpus player: the perfect player with probability
// skill, otherwise the random player. It reports which one chose.
func chooseTicTacToe(t *TicTacToe, r *rand.Rand, skill float64) (move int, skilled bool) {
	if chance(r, skill) {
		return t.PerfectMove(r), true
	}
	return t.RandomMove(r), false
}

// TicTacToeSource makes tic-tac-toe documents: transcripts of whole games,
// or chats asking for the next move at a position of such a game, answered
// with the move the game went on with. Rate fields follow [Options]: zero
// means the default, negative means none.
type TicTacToeSource struct {
	// SkillRate is the fraction of moves by the perfect player (default
	// [DefaultSkillRate]); the rest are uniform among legal moves.
	SkillRate float64
	// ChatRate is the fraction of chats (default [DefaultChatRate]).
	ChatRate float64
	// SystemRate is the fraction of chats with a system prompt (default
	// [DefaultSystemRate]).
	SystemRate float64
}

// Kind returns [KindTicTacToe].
func (TicTacToeSource) Kind() Kind { return KindTicTacToe }

// Doc makes one tic-tac-toe document.
func (s TicTacToeSource) Doc(r *rand.Rand) Doc {
	skill := rate(s.SkillRate, DefaultSkillRate)
	var t TicTacToe
	for !t.Over() {
		m, _ := chooseTicTacToe(&t, r, skill)
		t.Play(m)
	}
	if !chance(r, rate(s.ChatRate, DefaultChatRate)) {
		return Doc{Kind: KindTicTacToe, Text: t.Transcript()}
	}
	h := t.History()
	i := r.IntN(len(h))
	var pos TicTacToe
	for _, m := range h[:i] {
		pos.Play(m)
	}
	return Doc{Kind: KindTicTacToe, Chat: chat(r, rate(s.SystemRate, DefaultSystemRate),
		TicTacToeSystem, pos.Prompt(), TicTacToeMove(h[i]))}
}
