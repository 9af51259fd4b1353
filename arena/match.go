package arena

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/spaces"
)

// Match statuses.
const (
	StatusRunning  = "running"
	StatusFinished = "finished"
	StatusAborted  = "aborted" // interrupted; stakes are refunded
)

// Match is a match's record: who played, with which seed, and how it ended.
// The stored record is the API's wire form.
type Match = api.Match

// Round is the record of one round: a task and its replies (parallel
// Spaces) or one game and its moves (turn-based Spaces). The stored record
// is the API's wire form.
type Round = api.Round

// Move is one turn of a game: the candidates the player wrote (best-of-k),
// the rules' score of each, and the one played.
type Move = api.Move

// Plan is a match to run.
type Plan struct {
	ID      string
	Spec    *spaces.Spec
	Tier    int
	Players []agents.Agent
	// Queued are the queue tickets of the first len(Queued) players (house
	// agents that fill a match have none).
	Queued []Ticket
	Seed   uint64
}

// Result is a finished match with its rounds and the preference pairs they
// gave.
type Result struct {
	Match  Match
	Rounds []Round
	Pairs  []Pair
	Split  Split // the pool's split, as Match records it
	// Forfeits holds, by seat, whether the player forfeited: a reply ran
	// out of the Space's reply limit, so it was not asked again.
	Forfeits []bool
}

// Forfeited reports whether player i forfeited the match.
func (r *Result) Forfeited(i int) bool { return i < len(r.Forfeits) && r.Forfeits[i] }

// Payouts splits the pool of a match of spec at fee tier by its ranks: the
// entry fees of every player, plus the sponsor's prize when the Space is
// not zero-sum.
func Payouts(spec *spaces.Spec, tier int, ranks []int) (Split, *big.Int, error) {
	fee, err := spec.Fee(tier)
	if err != nil {
		return Split{}, nil, err
	}
	pool := new(big.Int).Mul(fee, big.NewInt(int64(len(ranks))))
	if !spec.Payout.ZeroSum {
		prize, err := spec.PrizeBase()
		if err != nil {
			return Split{}, nil, err
		}
		pool.Add(pool, prize)
	}
	split, err := SplitPool(pool, spec.Payout.RakeBPS, spec.SharesPPM(), ranks)
	return split, pool, err
}

// Engine runs matches. It asks the players' policies, the Space's game
// rules and its judge panel, ranks the players and reports every step as
// an event; it keeps no state between matches and touches no storage, so
// it can be benchmarked and tested alone.
type Engine struct {
	// Policy resolves an agent's backend.
	Policy func(agents.Agent) (agents.Policy, error)
	// Judges holds the operator's settings for LLM judges.
	Judges judges.Env
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Tokenizer counts reply tokens for the cut at a Space's max_tokens
	// (agents.Bounded); nil cuts at the byte cap alone. It is the base
	// model's, and counts every agent's replies, whatever model an
	// endpoint or runner serves: the arena cannot know a remote model's
	// tokenizer (nor trust what it says it counted), and one count for
	// everyone makes the limit the same text for every player. Today the
	// only base is the embedded model.
	Tokenizer agents.Tokenizer
	// Verifier checks the replies of agents the arena does not run whose
	// Model is BaseModel (see Verifier); nil, or another model, leaves
	// them unverified.
	Verifier  Verifier
	BaseModel string
	// Log receives what match records leave out: a failed reply's full
	// error, which may hold whatever its backend sent. Nil discards it.
	Log *slog.Logger
}

func (e *Engine) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Run plays the match p. emit, when not nil, receives every event in
// order (Seq counting from 1) from one goroutine at a time. The returned
// error is for a match that could not run (bad plan, ctx done); replies that
// fail or time out only cost their player the reply.
func (e *Engine) Run(ctx context.Context, p Plan, emit func(api.Event)) (*Result, error) {
	if err := e.check(p); err != nil {
		return nil, err
	}
	panel, err := judges.NewPanel(p.Spec.Judges, p.Spec.Quorum, e.Judges)
	if err != nil {
		return nil, fmt.Errorf("arena: match %s: space %s: judges: %w", p.ID, p.Spec.ID, err)
	}
	limits := make([]*limitWatch, len(p.Players))
	ids := make([]string, len(p.Players))
	for i, a := range p.Players {
		policy, err := e.policy(a)
		if err != nil {
			return nil, fmt.Errorf("arena: match %s: agent %s: %w", p.ID, a.ID, err)
		}
		limits[i] = &limitWatch{Policy: policy, limit: p.Spec.ReplyTimeout(), owned: !runsInProcess(a)}
		ids[i] = a.ID
	}
	m := &match{
		Engine: e, plan: p, panel: panel, limits: limits,
		events: &emitter{match: p.ID, space: p.Spec.ID, emit: emit, now: e.now},
	}
	if p.Spec.Mode == spaces.Parallel {
		if m.gen, err = p.Spec.Generator(p.Seed); err != nil {
			return nil, fmt.Errorf("arena: match %s: %w", p.ID, err)
		}
	}
	m.res.Match = Match{ID: p.ID, Space: p.Spec.ID, Tier: p.Tier, Seed: p.Seed, Players: ids, Status: StatusRunning, Started: e.now()}
	m.events.send(api.Event{Type: api.MatchStarted, Players: ids, Seed: p.Seed})

	totals := make([]float64, len(p.Players))
	for r := range p.Spec.Rounds {
		if err := ctx.Err(); err != nil {
			m.abort(err)
			return &m.res, err
		}
		if m.allForfeited() {
			break // nobody is left to ask: the rounds played decide
		}
		var round Round
		if p.Spec.Mode == spaces.Turns {
			round, err = m.game(ctx, r)
		} else {
			round, err = m.parallel(ctx, r)
		}
		if err != nil {
			m.abort(err)
			return &m.res, err
		}
		if round.Void != "" {
			m.res.Match.Void++
			m.events.send(api.Event{Type: api.RoundVoid, Round: r, Error: round.Void})
		} else {
			for i, s := range round.Scores {
				totals[i] += s
			}
			m.events.send(api.Event{Type: api.RoundRanking, Round: r, Ranks: round.Ranks, Scores: round.Scores})
		}
		m.res.Rounds = append(m.res.Rounds, round)
	}
	for i := range p.Players {
		m.res.Forfeits = append(m.res.Forfeits, m.forfeited(i) || m.limits[i].failedCheck.Load())
	}
	ranks := Rank(totals)
	split, pool, err := Payouts(p.Spec, p.Tier, ranks)
	if err != nil {
		err = fmt.Errorf("arena: match %s: payouts: %w", p.ID, err)
		m.abort(err)
		return &m.res, err
	}
	mr := &m.res.Match
	mr.Status, mr.Ended, mr.Scores, mr.Ranks = StatusFinished, e.now(), totals, ranks
	mr.Pool, mr.Rake, mr.Remainder = pool.String(), split.Rake.String(), split.Remainder.String()
	for _, amt := range split.Amounts {
		mr.Payouts = append(mr.Payouts, amt.String())
	}
	m.res.Split = split
	result := api.Event{Type: api.MatchResult, Ranks: ranks, Scores: totals, Payouts: mr.Payouts}
	if allVoid(m.res.Rounds) {
		// Nobody was ranked: the arena refunds the entries (see settle),
		// so a live viewer must not read the tie's split as paid.
		result.Payouts, result.Error = nil, voidNote
	}
	m.events.send(result)
	return &m.res, nil
}

func (e *Engine) check(p Plan) error {
	switch {
	case p.Spec == nil:
		return fmt.Errorf("arena: match %s: no space", p.ID)
	case len(p.Players) < p.Spec.Players.Min || len(p.Players) > p.Spec.Players.Max:
		return fmt.Errorf("arena: match %s: %d players, space %s takes %d to %d", p.ID, len(p.Players), p.Spec.ID, p.Spec.Players.Min, p.Spec.Players.Max)
	case e.Policy == nil:
		return fmt.Errorf("arena: match %s: engine has no policy resolver", p.ID)
	}
	seen := make(map[string]bool)
	for _, a := range p.Players {
		if seen[a.ID] {
			return fmt.Errorf("arena: match %s: agent %s would play itself", p.ID, a.ID)
		}
		seen[a.ID] = true
	}
	return nil
}

// policy resolves an agent's backend, its replies cut at their request's
// max_tokens and byte cap (agents.Bounded). Matches and evaluations get
// their policies here, so that neither can skip the cut.
func (e *Engine) policy(a agents.Agent) (agents.Policy, error) {
	p, err := e.Policy(a)
	if err != nil {
		return nil, err
	}
	return agents.Bounded{Policy: p, Tokenizer: e.Tokenizer}, nil
}

// match is one running match.
type match struct {
	*Engine
	plan   Plan
	panel  *judges.Panel
	limits []*limitWatch    // each player's policy (bounded, see Engine.policy), watched for forfeits
	gen    spaces.Generator // parallel Spaces only
	events *emitter
	res    Result
}

// limitWatch is a player's policy, watched for failed replies that hold
// the match: one that runs out of the Space's reply limit (the deadline
// ask sets), or failures that together took as long. Such a player
// forfeits the rest of the match, so that an endpoint that hangs, or
// fails just before the limit, holds a match (and a scheduler slot) for
// about one reply limit, not one per round.
//
// Only a backend the owner runs (an endpoint, a runner) is watched: an
// agent on the arena's own model that runs out of time waited for the
// arena, and is not made to pay for it.
type limitWatch struct {
	agents.Policy
	limit  time.Duration
	owned  bool
	failed atomic.Int64 // time its failed replies took, in nanoseconds
	hit    atomic.Bool
	// failedCheck is set when a reply failed verification: the player
	// plays on, but the match counts as forfeited towards a bench.
	failedCheck atomic.Bool
}

// Reply asks the policy and notes whether a failure used up the limit.
func (w *limitWatch) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	start := time.Now()
	replies, err := w.Policy.Reply(ctx, req, onDelta)
	if err != nil && w.owned {
		failed := time.Duration(w.failed.Add(int64(time.Since(start))))
		if errors.Is(ctx.Err(), context.DeadlineExceeded) || failed >= w.limit {
			w.hit.Store(true)
		}
	}
	return replies, err
}

// forfeitMsg is the error kind of a player who was not asked because a
// reply of theirs ran out of the reply limit earlier in the match.
const forfeitMsg = "forfeited"

// forfeited reports whether player i has forfeited the match.
func (m *match) forfeited(i int) bool { return m.limits[i].hit.Load() }

// allForfeited reports whether every player has forfeited the match.
func (m *match) allForfeited() bool {
	for i := range m.limits {
		if !m.forfeited(i) {
			return false
		}
	}
	return true
}

func (m *match) abort(err error) {
	m.res.Match.Status = StatusAborted
	m.res.Match.Error = err.Error()
	m.res.Match.Ended = m.now()
	m.events.send(api.Event{Type: api.MatchAborted, Error: err.Error()})
}

// messages is the chat a player sees for a task: its own system prompt, or
// the Space's when it has none.
func messages(a agents.Agent, t spaces.Task) []agents.Message {
	system := a.System
	if system == "" {
		system = t.System
	}
	var msgs []agents.Message
	if system != "" {
		msgs = append(msgs, agents.Message{Role: "system", Content: system})
	}
	return append(msgs, agents.Message{Role: "user", Content: t.Prompt})
}

// ask gets player i's samples for a chat, within the Space's time limit,
// and checks them (see check): a reply that fails verification, or falls
// short of the Space's rollouts setting, costs the player the round as a
// failed reply does, but is kept, with its check, for the record.
// A failure is returned as the player's error and empty replies, never as
// the match's: one player's backend must not stop everyone's match. The
// error is a kind (agents.ErrorKind: "timeout", "status 403", ...), since
// match records are public and a backend's error text is whatever its
// server sent; the full error goes to the log. Replies are cut at the
// Space's max_tokens and byte cap (agents.Bounded) before anything else
// sees them: events, judges, pairs and storage get the cut text only (see
// MaxMatchBytes for what that bounds).
func (m *match) ask(ctx context.Context, round, i int, msgs []agents.Message, seed uint64) ([]agents.Reply, string) {
	spec, a := m.plan.Spec, m.plan.Players[i]
	k := spec.SamplesPerTask()
	sampling := a.Sampling
	if sampling.MaxTokens <= 0 || sampling.MaxTokens > spec.MaxTokens() {
		sampling.MaxTokens = spec.MaxTokens()
	}
	ctx, cancel := context.WithTimeout(ctx, spec.ReplyTimeout())
	defer cancel()
	req := agents.Request{Messages: msgs, Sampling: sampling, N: k, Seed: seed, Adapter: a.Adapter}
	replies, err := m.limits[i].Reply(ctx, req, func(d agents.Delta) {
		m.events.send(api.Event{Type: api.ReplyDelta, Round: round, Player: a.ID, Sample: d.Sample, Text: d.Text})
	})
	if err == nil && len(replies) != k {
		err = fmt.Errorf("backend returned %d replies, want %d: %w", len(replies), k, agents.ErrBadResponse)
	}
	if err != nil {
		msg := agents.ErrorKind(err)
		if msg == "failed" && a.Remote {
			msg = "runner error" // a runner's errors are its player's text
		}
		m.log().Warn("a reply failed", "match", m.plan.ID, "round", round, "agent", a.ID, "kind", msg, "err", err)
		m.events.send(api.Event{Type: api.ReplyDone, Round: round, Player: a.ID, Error: msg})
		return make([]agents.Reply, k), msg
	}
	bad := m.check(ctx, a, req, replies)
	if bad == "failed verification" {
		m.limits[i].failedCheck.Store(true)
	}
	for s := range replies {
		if replies[s].Adapter == "" {
			replies[s].Adapter = a.Adapter // the version asked for: every stored reply names its version
		}
	}
	for s, r := range replies {
		m.events.send(api.Event{Type: api.ReplyDone, Round: round, Player: a.ID, Sample: s, Text: r.Text, Check: r.Check, Error: bad})
	}
	return replies, bad
}

// parallel plays round r of a parallel Space: every player answers the
// same task at once, and the panel scores every sample.
func (m *match) parallel(ctx context.Context, r int) (Round, error) {
	spec, players := m.plan.Spec, m.plan.Players
	task := m.gen.Task(r)
	round := Round{Match: m.plan.ID, Index: r, Task: &task,
		Replies: make([][]agents.Reply, len(players)), Errors: make([]string, len(players))}
	m.events.send(api.Event{Type: api.RoundTask, Round: r, Text: task.Prompt})

	var wg sync.WaitGroup
	for i := range players {
		if m.forfeited(i) {
			round.Replies[i], round.Errors[i] = make([]agents.Reply, spec.SamplesPerTask()), forfeitMsg
			m.events.send(api.Event{Type: api.ReplyDone, Round: r, Player: players[i].ID, Error: forfeitMsg})
			continue
		}
		wg.Go(func() {
			seed := Derive(m.plan.Seed, uint64(r), uint64(i))
			round.Replies[i], round.Errors[i] = m.ask(ctx, r, i, messages(players[i], task), seed)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return round, err
	}

	var texts []string
	for _, rs := range round.Replies {
		for _, rep := range rs {
			texts = append(texts, rep.Text)
		}
	}
	verdict := m.panel.Score(ctx, judges.Round{
		Space: spec.ID, Messages: messages(agents.Agent{}, task), Expected: task.Expected,
		Verifier: task.Verifier, Replies: texts, Seed: Derive(m.plan.Seed, uint64(r), 1<<32),
	})
	round.Judges = verdict.Judges
	if verdict.Void {
		round.Void = verdict.Reason
		return round, nil
	}
	k := spec.SamplesPerTask()
	round.Samples = make([][]float64, len(players))
	round.Scores = make([]float64, len(players))
	for i := range players {
		round.Samples[i] = verdict.Scores[i*k : (i+1)*k]
		if round.Errors[i] != "" {
			// A player who did not answer scores nothing, whatever the
			// judges make of an empty reply.
			round.Samples[i] = make([]float64, k)
		}
		round.Scores[i] = slices.Max(round.Samples[i])
	}
	round.Ranks = Rank(round.Scores)
	judged, _ := json.Marshal(verdict.Judges)
	m.events.send(api.Event{Type: api.RoundScores, Round: r, Scores: round.Scores, Judges: judged})
	m.res.Pairs = append(m.res.Pairs, parallelPairs(m.plan, round)...)
	return round, nil
}

// maxMoves bounds a game whatever its rules say, so that a game with a bug
// cannot run a match forever.
const maxMoves = 1000

// game plays game r of a turn-based Space. Player i sits in seat i; the
// Space's game alternates who opens. For each move the player writes its
// best-of-k candidates, the game's rules score them, and the best is
// played; an illegal move or no reply forfeits the game.
func (m *match) game(ctx context.Context, r int) (Round, error) {
	spec, players := m.plan.Spec, m.plan.Players
	g, err := spec.NewGame(m.plan.Seed, r)
	if err != nil {
		return Round{}, err
	}
	if g.Players() != len(players) {
		return Round{}, fmt.Errorf("space %s: game has %d seats for %d players", spec.ID, g.Players(), len(players))
	}
	round := Round{Match: m.plan.ID, Index: r}
	m.events.send(api.Event{Type: api.RoundTask, Round: r, Text: g.Task().Prompt})
	for n := 0; !g.Over(); n++ {
		if n == maxMoves {
			return round, fmt.Errorf("space %s: game %d still not over after %d moves", spec.ID, r, maxMoves)
		}
		seat := g.ToMove()
		task := g.Task()
		msgs := messages(players[seat], task)
		var replies []agents.Reply
		failed := forfeitMsg
		if !m.forfeited(seat) {
			replies, failed = m.ask(ctx, r, seat, msgs, Derive(m.plan.Seed, uint64(r), uint64(n)))
		}
		if err := ctx.Err(); err != nil {
			return round, err
		}
		mv := Move{Player: seat, Prompt: msgs, Candidates: replies, Scores: make([]float64, len(replies)), Played: -1, Error: failed}
		if failed == "" {
			for c, rep := range replies {
				if task.Verifier != nil {
					mv.Scores[c], _ = task.Verifier.Verify(rep.Text)
				}
			}
			mv.Played = argmax(mv.Scores)
			if err := g.Play(replies[mv.Played].Text); err != nil {
				mv.Error = err.Error()
			}
		}
		if mv.Error != "" {
			g.Forfeit(seat)
		}
		played := ""
		if mv.Played >= 0 {
			played = replies[mv.Played].Text
		}
		m.events.send(api.Event{Type: api.GameMove, Round: r, Player: players[seat].ID, Text: played, Error: mv.Error})
		round.Moves = append(round.Moves, mv)
	}
	round.Transcript = g.Transcript()

	// Each player's moves, for judges that read them.
	texts := make([]string, len(players))
	for _, mv := range round.Moves {
		if mv.Played >= 0 {
			texts[mv.Player] += strings.TrimSpace(mv.Candidates[mv.Played].Text) + "\n"
		}
	}
	verdict := m.panel.Score(ctx, judges.Round{
		Space: spec.ID, Replies: texts, Outcome: g.Outcome(), Transcript: round.Transcript,
		Seed: Derive(m.plan.Seed, uint64(r), 1<<32),
	})
	round.Judges = verdict.Judges
	if verdict.Void {
		round.Void = verdict.Reason
		return round, nil
	}
	round.Scores = verdict.Scores
	round.Ranks = Rank(round.Scores)
	judged, _ := json.Marshal(verdict.Judges)
	m.events.send(api.Event{Type: api.RoundScores, Round: r, Scores: round.Scores, Judges: judged})
	m.res.Pairs = append(m.res.Pairs, gamePairs(m.plan, round)...)
	return round, nil
}

// argmax returns the index of the first largest value.
func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

// Rank turns scores into ranks, 0 for the best; equal scores share a rank
// and the next rank skips ("1224" competition ranking), so a rank is the
// number of players who did strictly better.
func Rank(scores []float64) []int {
	ranks := make([]int, len(scores))
	for i, s := range scores {
		for _, t := range scores {
			if t > s {
				ranks[i]++
			}
		}
	}
	return ranks
}

// Derive mixes a seed with indices into a new seed (SplitMix64's
// finaliser), so each round, player and move draws from its own stream.
func Derive(seed uint64, idx ...uint64) uint64 {
	z := seed
	for _, i := range idx {
		z += 0x9e3779b97f4a7c15 + i*0xbf58476d1ce4e5b9
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
	}
	return z
}

// emitter numbers a match's events and hands them on one at a time.
type emitter struct {
	mu    sync.Mutex
	match string
	space string
	seq   uint64
	emit  func(api.Event)
	now   func() time.Time
}

func (e *emitter) send(ev api.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seq++
	ev.Match, ev.Space, ev.Seq, ev.Time = e.match, e.space, e.seq, e.now()
	if e.emit != nil {
		e.emit(ev)
	}
}
