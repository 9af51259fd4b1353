package arena

import (
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/spaces"
)

// What one stored copy of reply text and one stored event can cost, for
// MaxMatchBytes.
const (
	// jsonBytesPerByte: the store writes JSON, which spells a byte of text
	// as up to six ("\u003c" for "<").
	jsonBytesPerByte = 6
	// eventEnvelope is an allowance for one stored event without its text:
	// its JSON (type, two ids, a 40-byte Space id, sequence, time, round,
	// sample: about 310 bytes at most), its key and Badger's entry header.
	eventEnvelope = 512
)

// MaxMatchBytes is the most that the replies of one match of spec with
// this many players can add to the database, however its players' backends
// behave: every reply is cut at ReplyByteCap(max_tokens) bytes
// (agents.Bounded, which Engine.policy puts around every backend) before it is streamed, judged, paired or stored.
//
// A parallel Space asks rounds × players × samples replies. Each is stored
// as JSON in its round, in its reply_done event, in its reply_delta events
// (at most agents.MaxDeltas(max_tokens) of them, each with its envelope),
// and in the preference pairs it is part of (at most players × samples - 1),
// so in players × samples + 2 copies. A turn-based Space asks samples
// candidates per move, for at most maxMoves moves a game; a candidate is in
// its move, its reply_done and reply_delta events, the game_move event (when
// played) and the pairs of its move (samples - 1): samples + 3 copies.
//
// For slogan (4 rounds, 2 samples, max_tokens 48, so 768 bytes a reply)
// with 4 players: 32 replies × (10 copies × 768 B × 6 + 113 events × 512 B)
// = 3.3 MB, against the 208 MB one match against an endpoint streaming 4
// MiB replies wrote before replies were cut. For turn-based Spaces the
// bound is loose, since a game's rules end it long before maxMoves (nine
// moves at most in tic-tac-toe). The rest of a match's record
// (tasks, scores, verdicts, the match itself) is the arena's own and does
// not grow with what players send.
func MaxMatchBytes(spec *spaces.Spec, players int) int64 {
	k := int64(spec.SamplesPerTask())
	perCopy := int64(agents.ReplyByteCap(spec.MaxTokens())) * jsonBytesPerByte
	events := int64(agents.MaxDeltas(spec.MaxTokens())) + 1 // the deltas and reply_done
	var replies, copies int64
	if spec.Mode == spaces.Turns {
		replies = int64(spec.Rounds) * maxMoves * k
		copies = k + 3
	} else {
		replies = int64(spec.Rounds) * int64(players) * k
		copies = int64(players)*k + 2
	}
	return replies * (copies*perCopy + events*eventEnvelope)
}
