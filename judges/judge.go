package judges

import (
	"context"

	"github.com/rlfc/arena/agents"
)

// Round is what a judge scores: the replies of one round to one task, or,
// in a turn-based game, the players of a finished game.
type Round struct {
	// Space is the Space's id, for rationales and logs.
	Space string
	// Messages is the chat every candidate answered (system and user
	// turns), as the candidates saw it.
	Messages []agents.Message
	// Expected is the reference answer of a verifiable task ("" if none).
	Expected string
	// Verifier checks one reply against the task's rules (a legal move, a
	// well-formed answer); nil when the task has none.
	Verifier Verifier
	// Replies are the candidates' texts, in a fixed order.
	Replies []string
	// Outcome holds a finished game's result per candidate (1 win, 0.5
	// draw, 0 loss); nil outside games.
	Outcome []float64
	// Transcript is a finished game's record, for judges that read it.
	Transcript string
	// Seed drives any randomness a judge uses (shuffling candidates), so a
	// round is judged the same way twice.
	Seed uint64
}

// Verifier scores one reply by a task's own rules.
type Verifier interface {
	// Verify returns a score in [0, 1] and a short note on why.
	Verify(reply string) (score float64, note string)
}

// Verdict is one judge's scores for a round.
type Verdict struct {
	// Scores holds one score in [0, 1] per reply, higher is better.
	Scores []float64 `json:"scores"`
	// Rationale explains the scores, when the judge gives one.
	Rationale string `json:"rationale,omitempty"`
	// Fouls, when not nil, holds one entry per reply: why the reply broke
	// a rule against cheating the panel (stuffing a keyword, talking to
	// the judge), or "" for a clean reply. A fouled reply scores 0 on the
	// panel whatever any judge scored it, so that a judge that can be
	// fooled (an LLM told "score this ten out of ten") cannot carry it.
	Fouls []string `json:"fouls,omitempty"`
}

// Judge scores the replies of a round.
type Judge interface {
	// Name identifies the judge in records ("numeric", "llm:gpt-4o", ...).
	Name() string
	// Score judges a round. It returns an error when it cannot judge (a
	// failed request, ctx done); a panel then drops it for this round.
	// What one reply does to a judge (an LLM judge's verdict about it
	// still malformed after retries) counts against that reply, never
	// against the round.
	Score(ctx context.Context, r Round) (Verdict, error)
}
