package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// NimSystem is the system prompt of nim chats.
const NimSystem = "You play nim. Whoever takes the last object wins. Answer like B-2."

// Defaults of [NimSource]: three heaps of one to seven objects keep games
// (and documents) short while leaving real choices.
const (
	DefaultNimHeaps   = 3
	DefaultNimMaxHeap = 7
)

// MaxNimHeaps is the most heaps a game may have: heaps are named by the
// letters A–Z.
const MaxNimHeaps = 26

// maxNimCount is the largest heap or take that [ParseNimState] and
// [ParseNimMove] read: four digits.
const maxNimCount = 9999

// nimHeader starts the first line of every nim text.
const nimHeader = "nim"

// NimMove takes Take objects (at least one) from heap Heap, counted from 0
// (heap A).
type NimMove struct {
	Heap, Take int
}

// String writes the move as a player answers it: "C-2" takes 2 from heap C.
func (m NimMove) String() string {
	return heapName(m.Heap) + "-" + strconv.Itoa(m.Take)
}

// heapName is the letter of heap i, or "?" outside A–Z.
func heapName(i int) string {
	if i < 0 || i >= MaxNimHeaps {
		return "?"
	}
	return string(rune('A' + i))
}

// ParseNimMove reads a nim answer: after leading white space, a heap letter
// (A–Z, either case), an optional '-', and the count to take (1 to 9999),
// not followed by another digit. "C-2", " c2\n" and "C-2." give {Heap: 2,
// Take: 2}; "C-0", "2 from C", "-2" and "" are rejected. Whether the heap
// exists and holds enough is for [Nim.Legal] to say.
func ParseNimMove(reply string) (NimMove, bool) {
	s := strings.TrimLeft(reply, " \t\r\n")
	if s == "" {
		return NimMove{}, false
	}
	var heap int
	switch c := s[0]; {
	case c >= 'A' && c <= 'Z':
		heap = int(c - 'A')
	case c >= 'a' && c <= 'z':
		heap = int(c - 'a')
	default:
		return NimMove{}, false
	}
	s = strings.TrimPrefix(s[1:], "-")
	take, _, ok := leadingUint(s, 4)
	if !ok || take < 1 {
		return NimMove{}, false
	}
	return NimMove{Heap: heap, Take: take}, true
}

// Nim is a game of nim under normal play: players take turns to take one
// or more objects from one heap, and whoever takes the last object wins. X
// moves first. Copy it with [Nim.Clone], not by assignment.
type Nim struct {
	start   []int
	heaps   []int
	history []NimMove
}

// NewNim returns a new game with the given heap sizes. It panics if there
// are no heaps, more than [MaxNimHeaps], or a negative heap: those are
// programming errors.
func NewNim(heaps ...int) *Nim {
	if len(heaps) == 0 || len(heaps) > MaxNimHeaps {
		panic(fmt.Sprintf("corpus: nim needs 1 to %d heaps, got %d", MaxNimHeaps, len(heaps)))
	}
	for _, h := range heaps {
		if h < 0 {
			panic(fmt.Sprintf("corpus: nim heap of %d", h))
		}
	}
	return &Nim{start: append([]int(nil), heaps...), heaps: append([]int(nil), heaps...)}
}

// Clone returns an independent copy of the game.
func (n *Nim) Clone() *Nim {
	return &Nim{
		start:   append([]int(nil), n.start...),
		heaps:   append([]int(nil), n.heaps...),
		history: append([]NimMove(nil), n.history...),
	}
}

// Heaps returns the heap sizes now.
func (n *Nim) Heaps() []int { return append([]int(nil), n.heaps...) }

// Start returns the heap sizes the game started with.
func (n *Nim) Start() []int { return append([]int(nil), n.start...) }

// History returns the moves played so far, in order.
func (n *Nim) History() []NimMove { return append([]NimMove(nil), n.history...) }

// Turn returns the player to move.
func (n *Nim) Turn() Mark {
	if len(n.history)%2 == 0 {
		return MarkX
	}
	return MarkO
}

// Over reports whether every heap is empty.
func (n *Nim) Over() bool {
	for _, h := range n.heaps {
		if h > 0 {
			return false
		}
	}
	return true
}

// Winner returns the player who took the last object, or NoMark while the
// game goes on (or if it started with no objects at all).
func (n *Nim) Winner() Mark {
	if !n.Over() || len(n.history) == 0 {
		return NoMark
	}
	return n.Turn().Other()
}

// Result returns the result line of a finished game ([ResultXWins] or
// [ResultOWins]), or "" while it is still going.
func (n *Nim) Result() string {
	w := n.Winner()
	if w == NoMark {
		return ""
	}
	return resultLine(w)
}

// Legal reports whether m names a heap of the game and takes between one
// and all of its objects.
func (n *Nim) Legal(m NimMove) bool {
	return m.Heap >= 0 && m.Heap < len(n.heaps) && m.Take >= 1 && m.Take <= n.heaps[m.Heap]
}

// Play plays m for the player to move. An illegal move is an error and
// leaves the game unchanged.
func (n *Nim) Play(m NimMove) error {
	if !n.Legal(m) {
		switch {
		case m.Heap < 0 || m.Heap >= len(n.heaps):
			return fmt.Errorf("nim: no heap %s", heapName(m.Heap))
		case m.Take < 1:
			return errors.New("nim: a move takes at least one")
		}
		return fmt.Errorf("nim: heap %s has %d, cannot take %d", heapName(m.Heap), n.heaps[m.Heap], m.Take)
	}
	n.heaps[m.Heap] -= m.Take
	n.history = append(n.history, m)
	return nil
}

// Moves returns the legal moves, heap by heap and by count.
func (n *Nim) Moves() []NimMove {
	var moves []NimMove
	for i, h := range n.heaps {
		for take := 1; take <= h; take++ {
			moves = append(moves, NimMove{Heap: i, Take: take})
		}
	}
	return moves
}

// NimSum returns the exclusive or of the heap sizes: the player to move can
// force a win exactly when it is not zero.
func (n *Nim) NimSum() int {
	x := 0
	for _, h := range n.heaps {
		x ^= h
	}
	return x
}

// WinningMoves returns the moves that leave a nim-sum of zero, heap by
// heap; there are none when the player to move is already lost.
func (n *Nim) WinningMoves() []NimMove {
	x := n.NimSum()
	if x == 0 {
		return nil
	}
	var moves []NimMove
	for i, h := range n.heaps {
		if t := h ^ x; t < h {
			moves = append(moves, NimMove{Heap: i, Take: h - t})
		}
	}
	return moves
}

// PerfectMove returns a move of a perfect player: uniform among
// [Nim.WinningMoves], or, in a lost position where every move is as good as
// another, uniform among the legal moves. It panics if the game is over.
func (n *Nim) PerfectMove(r *rand.Rand) NimMove {
	if w := n.WinningMoves(); len(w) > 0 {
		return pick(r, w)
	}
	return n.RandomMove(r)
}

// RandomMove returns a move uniform among the legal moves. It panics if the
// game is over.
func (n *Nim) RandomMove(r *rand.Rand) NimMove {
	return pick(r, n.Moves())
}

// chooseNim is the corpus player: the perfect player with probability
// skill, otherwise the random player. It reports which one chose.
func chooseNim(n *Nim, r *rand.Rand, skill float64) (move NimMove, skilled bool) {
	if chance(r, skill) {
		return n.PerfectMove(r), true
	}
	return n.RandomMove(r), false
}

// State writes the heaps: "A3 B0 C5".
func (n *Nim) State() string { return nimState(n.heaps) }

func nimState(heaps []int) string {
	var b strings.Builder
	for i, h := range heaps {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(heapName(i))
		b.WriteString(strconv.Itoa(h))
	}
	return b.String()
}

// ParseNimState reads heaps written as [Nim.State] writes them: "A3 B0 C5".
// The letters must run A, B, C, ... in order.
func ParseNimState(s string) ([]int, error) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > MaxNimHeaps {
		return nil, fmt.Errorf("nim: state %q needs 1 to %d heaps", s, MaxNimHeaps)
	}
	heaps := make([]int, len(f))
	for i, h := range f {
		name := heapName(i)
		rest, found := strings.CutPrefix(h, name)
		v, tail, ok := leadingUint(rest, 4)
		if !found || !ok || tail != "" {
			return nil, fmt.Errorf("nim: bad heap %q in state %q, want %s and a count", h, s, name)
		}
		heaps[i] = v
	}
	return heaps, nil
}

// Prompt writes the "your move" message a player receives:
//
//	nim A3 B0 C5
//	Your move:
func (n *Nim) Prompt() string {
	return nimHeader + " " + n.State() + "\nYour move:"
}

// Transcript writes the game as a plain document: "nim" and the starting
// heaps, one line per move with the heaps after it ("C-2 A3 B5 C5"), and,
// once the game is over, the result line.
func (n *Nim) Transcript() string {
	var b strings.Builder
	b.WriteString(nimHeader + " " + nimState(n.start))
	heaps := append([]int(nil), n.start...)
	for _, m := range n.history {
		heaps[m.Heap] -= m.Take
		b.WriteString("\n" + m.String() + " " + nimState(heaps))
	}
	if res := n.Result(); res != "" {
		b.WriteString("\n" + res)
	}
	return b.String()
}

// ParseNimTranscript reads a plain nim document (as [Nim.Transcript]
// writes it): it replays every move, checks the heaps written after each,
// and returns the game and the result line as written, which the caller may
// compare with [Nim.Result].
func ParseNimTranscript(text string) (n *Nim, result string, err error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 2 {
		return nil, "", errors.New("nim: transcript too short")
	}
	state, found := strings.CutPrefix(lines[0], nimHeader+" ")
	if !found {
		return nil, "", fmt.Errorf("nim: transcript starts with %q, want %q", lines[0], nimHeader)
	}
	heaps, err := ParseNimState(state)
	if err != nil {
		return nil, "", err
	}
	n = NewNim(heaps...)
	for _, line := range lines[1 : len(lines)-1] {
		mv, after, _ := strings.Cut(line, " ")
		m, ok := ParseNimMove(mv)
		if !ok || m.String() != mv {
			return nil, "", fmt.Errorf("nim: bad move line %q", line)
		}
		if err := n.Play(m); err != nil {
			return nil, "", err
		}
		if after != n.State() {
			return nil, "", fmt.Errorf("nim: line %q, want heaps %q", line, n.State())
		}
	}
	return n, lines[len(lines)-1], nil
}

// NimSource makes nim documents: transcripts of whole games, or chats
// asking for the next move at a position of such a game, answered with the
// move the game went on with. Rate fields follow [Options]: zero means the
// default, negative means none.
type NimSource struct {
	// SkillRate is the fraction of moves by the perfect player (default
	// [DefaultSkillRate]); the rest are uniform among legal moves.
	SkillRate float64
	// ChatRate is the fraction of chats (default [DefaultChatRate]).
	ChatRate float64
	// SystemRate is the fraction of chats with a system prompt (default
	// [DefaultSystemRate]).
	SystemRate float64
	// Heaps is the number of heaps (default [DefaultNimHeaps], at most
	// [MaxNimHeaps]).
	Heaps int
	// MaxHeap is the largest starting heap (default [DefaultNimMaxHeap],
	// at most 9999, the largest heap the parsers read); each heap starts
	// with 1 to MaxHeap objects.
	MaxHeap int
}

// Kind returns [KindNim].
func (NimSource) Kind() Kind { return KindNim }

// Doc makes one nim document.
func (s NimSource) Doc(r *rand.Rand) Doc {
	skill := rate(s.SkillRate, DefaultSkillRate)
	count, most := s.Heaps, s.MaxHeap
	if count <= 0 {
		count = DefaultNimHeaps
	}
	count = min(count, MaxNimHeaps)
	if most <= 0 {
		most = DefaultNimMaxHeap
	}
	most = min(most, maxNimCount)
	heaps := make([]int, count)
	for i := range heaps {
		heaps[i] = 1 + r.IntN(most)
	}
	n := NewNim(heaps...)
	for !n.Over() {
		m, _ := chooseNim(n, r, skill)
		n.Play(m)
	}
	if !chance(r, rate(s.ChatRate, DefaultChatRate)) {
		return Doc{Kind: KindNim, Text: n.Transcript()}
	}
	h := n.History()
	i := r.IntN(len(h))
	pos := NewNim(heaps...)
	for _, m := range h[:i] {
		pos.Play(m)
	}
	return Doc{Kind: KindNim, Chat: chat(r, rate(s.SystemRate, DefaultSystemRate),
		NimSystem, pos.Prompt(), h[i].String())}
}
