// Package api holds the wire types that the arena's server and its clients
// share: events streamed from matches, and the records the REST API returns.
package api

import (
	"encoding/json"
	"time"

	"github.com/rlfc/arena/agents"
)

// Event types, in the order a match emits them.
const (
	MatchStarted = "match.started" // Players, Space, Seed
	RoundTask    = "round.task"    // Round, Text (the task's prompt)
	ReplyDelta   = "reply.delta"   // Round, Player, Sample, Text (new text)
	ReplyDone    = "reply.done"    // Round, Player, Sample, Text (whole reply), Check, Error
	GameMove     = "game.move"     // Round, Player, Text (the move played), Error (an illegal move)
	RoundScores  = "round.scores"  // Round, Scores (per player), Judges
	RoundVoid    = "round.void"    // Round, Error (why)
	RoundRanking = "round.ranking" // Round, Ranks (per player)
	MatchResult  = "match.result"  // Ranks, Scores (totals), Payouts
	MatchAborted = "match.aborted" // Error
)

// Event is one message of a match's stream: one JSON object with its type,
// its match and a per-match sequence number counting from 1, so a client
// that reconnects with the last Seq it saw misses nothing.
type Event struct {
	Type  string    `json:"type"`
	Match string    `json:"match"`
	Seq   uint64    `json:"seq"`
	Time  time.Time `json:"time"`
	Space string    `json:"space,omitempty"`

	Round   int       `json:"round,omitempty"`
	Player  string    `json:"player,omitempty"` // an agent id
	Sample  int       `json:"sample,omitempty"`
	Text    string    `json:"text,omitempty"`
	Error   string    `json:"error,omitempty"`
	Players []string  `json:"players,omitempty"`
	Scores  []float64 `json:"scores,omitempty"`
	Ranks   []int     `json:"ranks,omitempty"`
	Payouts []string  `json:"payouts,omitempty"` // base units, per player
	// Judges carries each judge's verdict on a round (judges.JudgeResult).
	Judges json.RawMessage `json:"judges,omitempty"`
	Seed   uint64          `json:"seed,omitempty"`
	// Check is the arena's verdict on a finished reply (reply.done): was
	// it written by the model its agent declares?
	Check *agents.Check `json:"check,omitempty"`
}
