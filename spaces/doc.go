// Package spaces holds Space specs (strict TOML), their validation, the
// built-in Spaces, their seeded task generators and the turn-based games.
//
// It describes matches; it does not run them.
//
// # Specs
//
// A Space is written in TOML and read with [Parse] or [Load]:
//
//	id = "sum-duel"            # a slug: a-z, 0-9 and -, at most 40
//	name = "Sum Duel"
//	mode = "parallel"          # or "turns"
//	rounds = 8                 # rounds, or games in a turn-based Space
//	samples = 2                # replies per agent per task (best-of-k)
//
//	[players]
//	min = 2
//	max = 4
//
//	[task]
//	generator = "arithmetic"   # arithmetic, slogan, pitch | tic-tac-toe, nim
//
//	[[judges]]                 # one table per judge of the panel
//	kind = "numeric"
//
//	[entry]
//	currency = "ETH"
//	tiers = ["0", "0.001"]     # fees in whole units, as decimal strings
//
//	[payout]
//	shares = [0.7, 0.3]        # per rank, summing to 1
//	rake_bps = 500
//	zero_sum = true
//
// Decoding is strict: an unknown key or table is an error, like a bad
// value. Every problem is an [*Error] that names the file, the line and
// the key ("judges[1].weight", "entry.tiers[0]"), and Parse reports all of
// a spec's problems at once, first by line, so that an operator fixes a
// spec in one pass. Key paths index arrays and [[judges]] tables from 0.
//
// # Rules
//
// [Spec.Validate] checks: the id is a slug and the name is not blank; mode
// is parallel or turns; 2 <= players.min <= players.max <= 16, and a game
// has exactly its seats (2 for tic-tac-toe and nim); 1 to 1000 rounds; 0
// to 16 samples; the generator exists and serves the mode, and its
// parameters are in range and its own (subtract_rate 0 to 1; heaps 1 to 26;
// max_heap 1 to 9999); at least one judge, each passing its kind's own
// check for the mode (judges.Config.Check); a quorum of 0 to the panel's
// size; a currency, 0 to 36 decimals, and at least one tier, each a plain
// decimal with no more fraction digits than the currency has, strictly
// increasing; 1 to players.max shares, each in [0, 1] and a whole number
// of parts per million, summing to 1; a rake of 0 to 10000 basis points; a
// prize above 0 exactly when the pool is not zero-sum; at most 600 seconds
// and 4096 tokens per reply; a margin in [0, 1]; a training.chosen_pattern,
// when set, of at most 1000 bytes that compiles (RE2) and does not match
// an empty reply.
//
// Zero means "the default" for samples (1), quorum (every required judge),
// decimals (18), reply_seconds (30), max_tokens (32), margin (0.1) and the
// generator parameters (the corpus's defaults); the methods of [Spec]
// resolve them, so that no caller repeats a default.
//
// # Answers and training pairs
//
// An answer is the whole reply, with white space trimmed from both ends:
// a sum's answer is an integer alone ("57", not "57." or "57 apples"), a
// tic-tac-toe move a cell number alone, a nim move one move alone ("B-2").
// The task verifiers and the games read nothing else, so a right answer
// cannot carry a second move, words to the judge or a payload past a
// special token: such a reply scores as a wrong one, and in a game it is
// an illegal move. A pair's chosen reply must moreover match the Space's
// training.chosen_pattern exactly (see [Training]); the built-in Spaces
// set one each, and their format judges refuse the tricks the reward-hack
// tables in testdata/hacks list (see hacks_test.go).
//
// # Tasks and games
//
// Tasks speak the formats of lora/corpus, which the embedded model was
// trained on, and its rules decide what is legal and what is good play;
// this package adds only seats, forfeits and seeding. A task or game is a
// function of the match seed, the Space and its index alone, so any of
// them can be made again for a replay or an audit.
package spaces
