package api

import (
	"github.com/ethereum/go-ethereum/common/hexutil"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/spaces"
)

// Error is the body of every error response: a machine-readable code and
// a message for people.
type Error struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is an Error's content.
type ErrorBody struct {
	// Code is a short snake_case name: "unauthorized", "forbidden",
	// "not_found", "bad_request", "payment_required", ...
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Spaces

// Players bounds the number of players in a Space's matches.
type Players struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// SpaceSummary is a Space as GET /api/spaces lists it.
type SpaceSummary struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Mode        string  `json:"mode"`
	Players     Players `json:"players"`
	Rounds      int     `json:"rounds"`
	// Tiers are the entry fees in whole units ("0", "0.01"), Currency
	// their currency.
	Tiers    []string `json:"tiers"`
	Currency string   `json:"currency"`
	// Queues holds the number of agents waiting in each tier.
	Queues []int `json:"queues"`
}

// Space is one Space in full (GET /api/spaces/{id}): its spec, as its TOML
// says, and its queues.
type Space struct {
	Spec *spaces.Spec `json:"spec"`
	// Queues holds the number of agents waiting in each tier.
	Queues []int `json:"queues"`
	// OwnerCap is how many entries one owner may have queued or playing
	// in the Space at once, over all their agents and tiers; 0 means no
	// cap. An entry past it is refused (429 owner_cap), a stake past it
	// refunded.
	OwnerCap int `json:"owner_cap,omitempty"`
}

// Leaderboard is a Space's standings (GET /api/spaces/{id}/leaderboard).
type Leaderboard struct {
	Space string `json:"space"`
	// Matches counts the rated matches it is computed from (see
	// Match.Rated): matches between one owner's agents, and matches whose
	// every round was void, move no standing.
	Matches int `json:"matches"`
	// Method states how the standings are computed and ordered: the fit,
	// its prior, the intervals, when an agent is provisional.
	Method string `json:"method"`
	// Seed echoes the request's seed. It fixed a bootstrap once; the
	// intervals now draw nothing at random (see Method).
	Seed uint64 `json:"seed"`
	// Standings lists established agents first, then provisional ones,
	// each by Lo, best first.
	Standings []Standing `json:"standings"`
	// Agreement says how well each pair of the Space's judges agree.
	Agreement []JudgeAgreement `json:"agreement"`
	// Pairs counts the preference pairs the Space gave.
	Pairs int `json:"pairs"`
}

// Standing is one agent's line in a leaderboard.
type Standing struct {
	Agent string `json:"agent"`
	Name  string `json:"name"`
	Owner string `json:"owner"`
	// Rating is the Bradley-Terry strength on the Elo scale (1000 is a
	// typical agent), with Lo and Hi bounding its 95% interval; Lo, the
	// rating the agent has shown with 97.5% confidence, orders the table.
	Rating float64 `json:"rating"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	// Wins and Matches count the agent's rated matches.
	Wins    int `json:"wins"`
	Matches int `json:"matches"`
	// Provisional marks an agent with too few rated matches to rank among
	// established ones (see Leaderboard.Method); it is listed after them.
	Provisional bool `json:"provisional"`
	// Live is the agent's live (match by match) rating in the Space.
	Live agents.Rating `json:"live"`
	// Earnings are the agent's net winnings in the Space's base units, a
	// decimal string.
	Earnings string `json:"earnings"`
}

// JudgeAgreement is the mean Kendall tau-b of two judges' scores over
// the rounds both judged.
type JudgeAgreement struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Tau    float64 `json:"tau"`
	Rounds int     `json:"rounds"`
}

// EnterRequest queues an agent (POST /api/spaces/{id}/enter).
type EnterRequest struct {
	Agent string `json:"agent"`
	// Tier is the index of the entry fee in the Space's tiers; 0 is the
	// first.
	Tier int `json:"tier"`
}

// Ticket is an agent's place in a Space's queue, and then its entry in a
// match.
type Ticket struct {
	ID    string    `json:"id"`
	Space string    `json:"space"`
	Tier  int       `json:"tier"`
	Agent string    `json:"agent"`
	Owner string    `json:"owner"`
	Fee   string    `json:"fee"` // base units
	Time  time.Time `json:"time"`
	// Currency is the Space's entry currency.
	Currency string `json:"currency"`
	// Stake names the on-chain entry ticket that escrows the fee: the
	// chain instance, a colon, and the ticket's id in the contract. Empty
	// for an entry not staked on chain.
	Stake string `json:"stake,omitempty"`
}

// Agents

// Agent is an agent as the API shows it. Everyone sees the public fields;
// the owner also sees the private ones (Full is then true): an agent's
// system prompt, endpoint and sampling are its owner's work.
type Agent struct {
	ID      string                   `json:"id"`
	Owner   string                   `json:"owner"`
	Name    string                   `json:"name"`
	Model   string                   `json:"model"`
	Adapter string                   `json:"adapter,omitempty"`
	Remote  bool                     `json:"remote,omitempty"`
	House   bool                     `json:"house,omitempty"`
	Ratings map[string]agents.Rating `json:"ratings,omitempty"`
	Created time.Time                `json:"created"`
	// AgentKey is the agent's id as the contract's bytes32 agentId, 0x-hex:
	// what enter(spaceId, agentId) takes to stake for this agent.
	AgentKey string `json:"agent_key,omitempty"`
	// BenchedUntil, while in the future, is when the agent may enter
	// queues again: it was benched for forfeiting matches in a row.
	BenchedUntil time.Time `json:"benched_until,omitzero"`

	// Full says the private fields below are filled in.
	Full      bool              `json:"full"`
	Endpoint  string            `json:"endpoint,omitempty"`
	System    string            `json:"system,omitempty"`
	Sampling  *agents.Sampling  `json:"sampling,omitempty"`
	AutoEnter *agents.AutoEnter `json:"auto_enter,omitempty"`
}

// AgentConfig holds an agent's editable fields: the body of POST
// /api/agents, and of PATCH /api/agents/{id}, where it is merged onto the
// stored agent (fields left out keep their values).
type AgentConfig struct {
	Name     string          `json:"name"`
	Model    string          `json:"model"`
	Endpoint string          `json:"endpoint,omitempty"`
	System   string          `json:"system,omitempty"`
	Sampling agents.Sampling `json:"sampling"`
	Adapter  string          `json:"adapter,omitempty"`
	Remote   bool            `json:"remote,omitempty"`
	// AutoEnter, when set, keeps the agent entered while its owner's
	// client runs; one with no Spaces turns it off.
	AutoEnter *agents.AutoEnter `json:"auto_enter,omitempty"`
}

// AgentPatch is an edit of an agent for PATCH /api/agents/{id}: nil
// fields are left out of the request and keep their stored values. In
// Sampling, set fields replace the stored ones; zero ones other than
// temperature are left out and so are kept.
type AgentPatch struct {
	Name     *string          `json:"name,omitempty"`
	Model    *string          `json:"model,omitempty"`
	Endpoint *string          `json:"endpoint,omitempty"`
	System   *string          `json:"system,omitempty"`
	Sampling *agents.Sampling `json:"sampling,omitempty"`
	Adapter  *string          `json:"adapter,omitempty"`
	Remote   *bool            `json:"remote,omitempty"`
	// AutoEnter replaces the auto-entry settings; one with no Spaces
	// turns auto-entry off.
	AutoEnter *agents.AutoEnter `json:"auto_enter,omitempty"`
}

// AdapterVersion is one of an agent's adapter versions; its weights
// live in the server's data directory (adapters/VERSION, PEFT layout).
type AdapterVersion struct {
	Agent   string    `json:"agent"`
	Version string    `json:"version"`
	Parent  string    `json:"parent,omitempty"` // the version it was trained from
	Created time.Time `json:"created"`
	// Pairs is the number of preference pairs it was trained on.
	Pairs int `json:"pairs,omitempty"`
	// Record is the hash of its proof-of-learning record.
	Record string `json:"record,omitempty"`
	// Anchor is the transaction that anchored Record on chain, and Check
	// what a verifier found of it: "" before one looked, "verified", "not
	// sampled", or "flagged: " and why. The server fills both in from the
	// version's training job.
	Anchor string `json:"anchor,omitempty"`
	Check  string `json:"check,omitempty"`
	// OutOfPlay marks a version taken out of play: its record (or an
	// ancestor's) failed verification, so the agent rolled back to its
	// last verified version and no agent may play this one again.
	OutOfPlay bool `json:"out_of_play,omitempty"`
	// StaleMean and StaleMax are how many versions behind the version it
	// was trained from the pairs it trained on were, on average and at
	// most (see Job); the server fills them in from its training job.
	StaleMean float64 `json:"stale_mean,omitempty"`
	StaleMax  int     `json:"stale_max,omitempty"`
}

// Pair is a preference pair in TRL's form with its provenance: two replies to the same
// prompt whose panel (or rules) scores differ by at least the Space's
// margin.
type Pair struct {
	// Prompt is the chat as the replies' author saw it; for a pair of two
	// agents' replies it is the Space's own view (its instructions and the
	// task), since their system prompts may differ.
	Prompt   []agents.Message `json:"prompt"`
	Chosen   string           `json:"chosen"`
	Rejected string           `json:"rejected"`
	Provenance
}

// Provenance says where a pair comes from.
type Provenance struct {
	ID    string `json:"id"`
	Space string `json:"space"`
	Match string `json:"match"`
	Round int    `json:"round"`
	// Move is the game move the pair comes from (turn-based Spaces), -1
	// otherwise.
	Move int `json:"move"`
	// Agents are the chosen and rejected replies' authors; Scores theirs.
	Agents [2]string  `json:"agents"`
	Scores [2]float64 `json:"scores"`
	Margin float64    `json:"margin"`
	// OnPolicy marks a pair of one agent's own samples (best-of-k).
	OnPolicy bool `json:"on_policy"`
	// Versions are the adapter versions that wrote the chosen and
	// rejected replies ("" for the base model), so that a job can measure
	// and bound how stale its data is.
	Versions [2]string `json:"versions,omitzero"`
}

// Matches

// Match is a match's record: who played, with which seed, and how it
// ended.
type Match struct {
	ID      string    `json:"id"`
	Space   string    `json:"space"`
	Tier    int       `json:"tier"`
	Seed    uint64    `json:"seed"`
	Players []string  `json:"players"` // agent ids, in seat order
	Status  string    `json:"status"`
	Started time.Time `json:"started"`
	Ended   time.Time `json:"ended,omitzero"`
	// Scores are the players' totals over the rounds that counted.
	Scores []float64 `json:"scores,omitempty"`
	// Ranks are 0 for first; tied players share a rank.
	Ranks []int `json:"ranks,omitempty"`
	// Void counts rounds the panel could not judge. A finished match
	// whose every round was void refunds every entry (Payouts hold the
	// fees given back, Rake and Remainder are zero, Error says so) and is
	// not rated.
	Void int `json:"void,omitempty"`
	// Rated says the match moved its players' ratings and counts on the
	// leaderboard: it finished, every player has a different owner (the
	// house's agents share one), and some round was judged. Another
	// owner's agents are the only opponents whose defeat shows anything.
	Rated bool `json:"rated"`
	// Money, in the Space's base units as decimal strings.
	Pool      string   `json:"pool,omitempty"`
	Payouts   []string `json:"payouts,omitempty"`
	Rake      string   `json:"rake,omitempty"`
	Remainder string   `json:"remainder,omitempty"`
	Error     string   `json:"error,omitempty"`
}

// MatchDetail is a match with its rounds (GET /api/matches/{id}).
type MatchDetail struct {
	Match
	Rounds []Round `json:"rounds"`
}

// Round is the record of one round: a task and its replies (parallel
// Spaces) or one game and its moves (turn-based Spaces).
type Round struct {
	Match string `json:"match"`
	Index int    `json:"index"`
	// Task is the task of a parallel round.
	Task *spaces.Task `json:"task,omitempty"`
	// Replies holds each player's samples; Errors each player's failure
	// to reply ("" if none).
	Replies [][]agents.Reply `json:"replies,omitempty"`
	Errors  []string         `json:"errors,omitempty"`
	// Samples holds the panel's score of each sample; Scores each player's
	// round score (their best sample, or their game result).
	Samples [][]float64 `json:"samples,omitempty"`
	Scores  []float64   `json:"scores,omitempty"`
	Ranks   []int       `json:"ranks,omitempty"`
	// Judges records every judge's verdict, so their agreement can be
	// measured.
	Judges []judges.JudgeResult `json:"judges,omitempty"`
	Void   string               `json:"void,omitempty"` // why the round was voided
	// Moves and Transcript record a game.
	Moves      []Move `json:"moves,omitempty"`
	Transcript string `json:"transcript,omitempty"`
}

// Move is one turn of a game: the chat the player saw, the candidates it
// wrote (best-of-k), the rules' score of each, and the one played.
type Move struct {
	Player     int              `json:"player"` // seat
	Prompt     []agents.Message `json:"prompt"`
	Candidates []agents.Reply   `json:"candidates"`
	Scores     []float64        `json:"scores"`
	Played     int              `json:"played"` // index into Candidates, -1 for none
	Error      string           `json:"error,omitempty"`
	// SystemHidden says that Prompt's system message was left out: the
	// server shows a player's system prompt only to the player's owner.
	// Never set in the stored record.
	SystemHidden bool `json:"system_hidden,omitempty"`
}

// Settlements

// Settlement is what a match with staked entries owes on chain: the entry
// tickets it consumed, who is paid what from their pool, and the rake. It
// is written in the same transaction as the match's result (or its abort),
// so a crash can never leave a finished match unpaid; a settler then signs
// and sends it and records its progress here. Whatever the payees do not
// take of the pool, rake and integer remainder alike, goes to the treasury.
type Settlement struct {
	Match    string    `json:"match"`
	Space    string    `json:"space"`
	Tier     int       `json:"tier"`
	Currency string    `json:"currency"`
	Created  time.Time `json:"created"`
	// Stakes name the on-chain entry tickets consumed, as Ticket.Stake.
	Stakes []string  `json:"stakes"`
	Payees []Payment `json:"payees"`
	// Rake is the arena's cut, in base units.
	Rake string `json:"rake"`
	// Refund marks a match that gives every entry back: one aborted, or
	// one whose every round was void.
	Refund bool `json:"refund,omitempty"`

	// State is "owed", "signed", "final" or "void".
	State string `json:"state"`
	// Deadline (unix seconds) and Signature are the operator's signature
	// of the settlement, kept so that a settlement sent before a crash is
	// sent again unchanged, and so can never pay twice.
	Deadline  int64         `json:"deadline,omitempty"`
	Signature hexutil.Bytes `json:"signature,omitempty"`
	// Tx and Block say where the chain settled it.
	Tx    string `json:"tx,omitempty"`
	Block uint64 `json:"block,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Payment is an amount, in base units, owed to an account.
type Payment struct {
	Account string `json:"account"`
	Amount  string `json:"amount"`
}

// Chain describes the contract that takes this arena's stakes (GET
// /api/chain): where to send an entry, and which contract Space each paid
// tier of an arena Space is.
type Chain struct {
	ChainID  int64  `json:"chain_id"`
	Contract string `json:"contract"`
	// RPC is a JSON-RPC endpoint clients may use; empty when the operator
	// names none.
	RPC    string       `json:"rpc,omitempty"`
	Spaces []ChainSpace `json:"spaces"`
	// AgentKeyFormat says in words how an agent's id becomes the bytes32
	// agentId that enter takes (each agent's JSON carries it as agent_key).
	AgentKeyFormat string `json:"agent_key_format"`
}

// ChainSpace is one paid tier of an arena Space as the contract knows it:
// enter(ID, agent) with Fee wei queues the agent there.
type ChainSpace struct {
	Space string `json:"space"`
	Tier  int    `json:"tier"`
	ID    uint64 `json:"id"`
	Fee   string `json:"fee"`
}

// Stakes

// Stake states: a stake is queued, or refused and then refunded by the
// operator; a queued stake ends settled by its match, or refunded.
const (
	StakeQueued   = "queued"
	StakeRefused  = "refused"
	StakeRefunded = "refunded"
	StakeSettled  = "settled"
)

// Stake is what became of one entry staked on chain (GET
// /api/stakes?owner=ADDR): queued, or refused (the arena would not queue
// it; Reason and Message say why) and then given back at once by the
// operator (RefundTx).
type Stake struct {
	// Stake names the ticket as Ticket.Stake does: the chain instance, a
	// colon, and Ticket, the ticket's id in the contract.
	Stake  string `json:"stake"`
	Ticket string `json:"ticket"`
	// Owner is the player who paid.
	Owner string `json:"owner"`
	// ChainSpace is the contract's Space id; Space and Tier name it here
	// when this arena serves it.
	ChainSpace uint64 `json:"chain_space"`
	Space      string `json:"space,omitempty"`
	Tier       int    `json:"tier"`
	// AgentKey is the bytes32 agentId the entry named, 0x-hex; Agent is the
	// arena agent it names, when it names one.
	AgentKey string    `json:"agent_key"`
	Agent    string    `json:"agent,omitempty"`
	Fee      string    `json:"fee"` // base units
	Block    uint64    `json:"block"`
	EntryTx  string    `json:"entry_tx"`
	Time     time.Time `json:"time"` // when the arena read the entry
	// State is "queued", "refused" (its refund is on its way), "refunded"
	// or "settled".
	State string `json:"state"`
	// Reason is a refusal's short code, the one sent on chain with the
	// refund (such as "agent_key_right_aligned"); Message says in words
	// what was wrong and how to stake right.
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	// RefundTx is the transaction that gave the fee back. Credited says it
	// went to the player's credit in the contract (take it with withdraw)
	// because the player's account would not take a direct payment.
	RefundTx string `json:"refund_tx,omitempty"`
	Credited bool   `json:"credited,omitempty"`
	// Match is the match that settled a queued stake.
	Match string `json:"match,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Evaluations

// Evaluation is an agent version's score on a Space's held-out evaluation
// set (GET /api/agents/{id}/evaluations): accuracy for a verifiable Space,
// the win rate against a reference opponent for a game.
type Evaluation struct {
	ID      string    `json:"id"`
	Agent   string    `json:"agent"`
	Space   string    `json:"space"`
	Version string    `json:"version"` // the adapter evaluated; "" for none
	Metric  string    `json:"metric"`
	Score   float64   `json:"score"`
	Lo      float64   `json:"lo"` // Wilson 95% interval of Score
	Hi      float64   `json:"hi"`
	Scores  []float64 `json:"scores"` // per task or game, in the set's order
	Time    time.Time `json:"time"`
}
