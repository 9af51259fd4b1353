package spaces

import "github.com/rlfc/arena/judges"

// Mode is how a Space's matches are played.
type Mode string

const (
	// Parallel: every player answers the same task each round.
	Parallel Mode = "parallel"
	// Turns: the players play a game, acting in turn and seeing each
	// other's moves.
	Turns Mode = "turns"
)

// Spec is a Space: its rules, tasks, judges, stakes and payouts, decoded
// from strict TOML.
type Spec struct {
	ID          string `toml:"id" json:"id"`
	Name        string `toml:"name" json:"name"`
	Description string `toml:"description" json:"description"`
	Mode        Mode   `toml:"mode" json:"mode"`
	// Players bounds the players per match.
	Players Players `toml:"players" json:"players"`
	// Rounds is the number of rounds (parallel) or games (turns) per match.
	Rounds int `toml:"rounds" json:"rounds"`
	// Samples is how many replies each agent writes per task (best-of-k);
	// zero means 1.
	Samples int             `toml:"samples,omitempty" json:"samples,omitempty"`
	Task    TaskConfig      `toml:"task" json:"task"`
	Judges  []judges.Config `toml:"judges" json:"judges"`
	// Quorum is the fewest judges that must return a verdict for a round
	// to count; zero means all the panel's required (non-optional) judges.
	Quorum int    `toml:"quorum,omitempty" json:"quorum,omitempty"`
	Entry  Entry  `toml:"entry" json:"entry"`
	Payout Payout `toml:"payout" json:"payout"`
	Limits Limits `toml:"limits" json:"limits"`
	// House lets house agents fill a match when too few players queue.
	House bool `toml:"house,omitempty" json:"house,omitempty"`
	// Margin is the least difference of panel scores that makes two
	// replies a preference pair; zero means 0.1.
	Margin float64 `toml:"margin,omitempty" json:"margin,omitempty"`
	// Rollouts is the least status (agents.Check) a reply of an agent the
	// arena does not run must reach to count in a match at a paid tier:
	// "verified" (re-drawn from the seed by the declared model),
	// "checked" (a statistical test against the declared base) or "any";
	// empty means any. Free tiers take any reply. Whatever it says, only
	// verified replies become training pairs.
	Rollouts string `toml:"rollouts,omitempty" json:"rollouts,omitempty"`
	// Training is how the Space's pairs train its agents.
	Training Training `toml:"training,omitempty" json:"training,omitzero"`
}

// Training is a Space's training policy: when an agent has gathered
// MinPairs new preference pairs here, a job trains its adapter on them
// with DPO, and the agent plays its next match with the new version.
type Training struct {
	// MinPairs is how many new pairs start a job; zero never trains.
	MinPairs int `toml:"min_pairs,omitempty" json:"min_pairs,omitempty"`
	// MaxPairs caps one job's pairs, newest first; zero means 4×MinPairs.
	MaxPairs int `toml:"max_pairs,omitempty" json:"max_pairs,omitempty"`
	// Peers also trains an agent on the pairs between other agents'
	// replies to the tasks it played (shared rollouts), not only on pairs
	// with a reply of its own.
	Peers bool `toml:"peers,omitempty" json:"peers,omitempty"`
	// MaxStaleness bounds, in adapter versions, how old a job's pairs may
	// be: a pair whose reply was written by a version more than this many
	// versions behind its author's current one is left out, since DPO on
	// a policy's old samples teaches what it no longer does. Zero means
	// unlimited.
	MaxStaleness int `toml:"max_staleness,omitempty" json:"max_staleness,omitempty"`
	// MinChosen keeps only pairs whose chosen reply scored at least this
	// (0 to 1): with partial credit, a close wrong answer can beat a
	// right but wordy one, and learning to prefer it unlearns arithmetic.
	MinChosen float64 `toml:"min_chosen,omitempty" json:"min_chosen,omitempty"`
	// Method is the loss: "dpo" (the default), "ipo", "hinge" or "robust".
	Method string `toml:"method,omitempty" json:"method,omitempty"`
	// Beta, LR, Epochs and Rank: zero means 0.1, 5e-4, 2 and 8.
	Beta   float64 `toml:"beta,omitempty" json:"beta,omitempty"`
	LR     float64 `toml:"lr,omitempty" json:"lr,omitempty"`
	Epochs int     `toml:"epochs,omitempty" json:"epochs,omitempty"`
	Rank   int     `toml:"rank,omitempty" json:"rank,omitempty"`
	// Batch is the number of pairs per optimiser step; zero means 4.
	Batch int `toml:"batch,omitempty" json:"batch,omitempty"`
	// Targets are the projections a new adapter adapts (PEFT's
	// target_modules); empty means q_proj and v_proj.
	Targets []string `toml:"targets,omitempty" json:"targets,omitempty"`
	// FullPrecision trains over a float32 base instead of the default NF4
	// one (QLoRA).
	FullPrecision bool `toml:"full_precision,omitempty" json:"full_precision,omitempty"`
	// ChosenPattern is the Space's answer format, a Go regular expression
	// (RE2) that the whole chosen reply of a preference pair must match
	// (it is anchored at both ends, and white space around the reply is
	// not trimmed): a pair whose chosen reply does not match is dropped,
	// so that nothing but an answer in the Space's own format, such as
	// "-?[0-9]+" for a sum, is ever taught. Empty checks no format.
	ChosenPattern string `toml:"chosen_pattern,omitempty" json:"chosen_pattern,omitempty"`
}

// Players bounds the number of players in a match.
type Players struct {
	Min int `toml:"min" json:"min"`
	Max int `toml:"max" json:"max"`
}

// TaskConfig chooses a Space's task generator and its parameters; which
// parameters apply depends on the generator.
type TaskConfig struct {
	// Generator is one of "arithmetic", "tic-tac-toe", "nim", "slogan",
	// "pitch".
	Generator string `toml:"generator" json:"generator"`
	// arithmetic: share of subtraction problems (0 to 1).
	SubtractRate float64 `toml:"subtract_rate,omitempty" json:"subtract_rate,omitempty"`
	// nim: number of heaps and the largest starting heap.
	Heaps   int `toml:"heaps,omitempty" json:"heaps,omitempty"`
	MaxHeap int `toml:"max_heap,omitempty" json:"max_heap,omitempty"`
}

// Entry is what entering a match costs.
type Entry struct {
	// Currency is "ETH" or the symbol of an allow-listed ERC-20 token.
	Currency string `toml:"currency" json:"currency"`
	// Decimals is the currency's number of decimals; zero means 18.
	Decimals int `toml:"decimals,omitempty" json:"decimals,omitempty"`
	// Tiers are the entry fees, in whole units as decimal strings ("0",
	// "0.01"); each tier has its own queue. The first is the default.
	Tiers []string `toml:"tiers" json:"tiers"`
}

// Payout says how a match's pool is shared.
type Payout struct {
	// Shares gives the pool's share per rank (first place first); they sum
	// to 1.
	Shares []float64 `toml:"shares" json:"shares"`
	// RakeBPS is the arena's cut of the entry fees, in basis points.
	RakeBPS int `toml:"rake_bps,omitempty" json:"rake_bps,omitempty"`
	// ZeroSum is true when the players' fees are the whole pool; false
	// when a sponsor adds Prize (whole units, decimal string) to it.
	ZeroSum bool   `toml:"zero_sum" json:"zero_sum"`
	Prize   string `toml:"prize,omitempty" json:"prize,omitempty"`
}

// Limits bound the players' replies.
type Limits struct {
	// ReplySeconds is the time allowed per reply; zero means 30.
	ReplySeconds float64 `toml:"reply_seconds,omitempty" json:"reply_seconds,omitempty"`
	// MaxTokens caps each reply; zero means 32.
	MaxTokens int `toml:"max_tokens,omitempty" json:"max_tokens,omitempty"`
}
