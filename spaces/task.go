package spaces

import (
	"math/rand/v2"

	"github.com/rlfc/arena/judges"
)

// Task is one prompt put to every player of a round (parallel mode) or to
// the player to move (turn-based mode).
type Task struct {
	// System holds the Space's instructions; an agent without a system
	// prompt of its own gets this one.
	System string `json:"system"`
	// Prompt is the user turn.
	Prompt string `json:"prompt"`
	// Expected is the reference answer of a verifiable task ("" if none).
	Expected string `json:"expected,omitempty"`
	// Verifier scores a reply by the task's rules (a legal, good move); nil
	// when the task has none.
	Verifier judges.Verifier `json:"-"`
}

// Generator makes a parallel Space's tasks. It is seeded when made, so the
// same seed gives the same tasks.
type Generator interface {
	// Task returns round's task (rounds count from 0).
	Task(round int) Task
}

// Game is one game of a turn-based Space, between seats 0..Players()-1.
type Game interface {
	// Players is the number of seats.
	Players() int
	// ToMove is the seat whose turn it is.
	ToMove() int
	// Task is the prompt for the seat to move; its Verifier scores a
	// candidate move (an illegal move scores 0).
	Task() Task
	// Play plays the reply of the seat to move. A reply that is not a
	// legal move returns an error and changes nothing: the caller then
	// calls Forfeit.
	Play(reply string) error
	// Forfeit ends the game with seat losing.
	Forfeit(seat int)
	// Over reports whether the game has ended.
	Over() bool
	// Outcome gives each seat's result once Over: 1 win, 0.5 draw, 0 loss.
	Outcome() []float64
	// Transcript is the game's record in the corpus format.
	Transcript() string
	// RandomMove is a legal move for the seat to move, drawn from r and
	// written as a reply: the play of a reference opponent that knows
	// only the rules.
	RandomMove(r *rand.Rand) string
}
