package arena

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/spaces"
	"github.com/rlfc/arena/store"
)

// The arena's tables. Keys are time-ordered ids (UUIDv7), or a parent's id
// and a fixed-width sequence number, so scans come back in order. The
// tables that hold money are Durable: a transaction that writes one (a
// staked entry, a match's charges, result and settlement) is synced to disk
// before it returns.
var (
	agentTable  = store.NewTable[agents.Agent]("agent")           // agent id
	spaceTable  = store.NewTable[spaces.Spec]("space")            // space id (added Spaces; built-ins are not stored)
	queueTable  = store.NewTable[Ticket]("queue")                 // space/tier/ticket id
	matchTable  = store.NewTable[Match]("match")                  // match id
	playedTable = store.NewTable[string]("played")                // agent id/match id → space id
	roundTable  = store.NewTable[Round]("round")                  // match id/round
	eventTable  = store.NewTable[api.Event]("event")              // match id/seq
	pairTable   = store.NewTable[Pair]("pair")                    // space id/pair id
	ledgerTable = store.NewTable[Entry]("ledger").Durable()       // entry id
	ticketTable = store.NewTable[[]Ticket]("ticketsof").Durable() // match id → the tickets it consumed
	stakeTable  = store.NewTable[Ticket]("stake").Durable()       // on-chain ticket id → its queue ticket
	owedTable   = store.NewTable[Settlement]("owed").Durable()    // match id → what it owes on chain
	unpaidTable = store.NewTable[string]("unpaid").Durable()      // match id of an owed settlement not yet final
)

// Options configures an Arena. The zero value opens nothing: set Dir or
// InMemory.
type Options struct {
	// Dir is the data directory (the Badger database lives in Dir/db).
	Dir string
	// InMemory keeps everything in memory (tests).
	InMemory bool
	// Backends resolves agents to policies.
	Backends agents.Backends
	// Judges holds the operator's LLM-judge settings.
	Judges judges.Env
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Tokenizer counts every agent's reply tokens for the cut at a Space's
	// max_tokens: the base model's (see Engine.Tokenizer for why one for
	// all). Nil cuts replies at the byte cap alone.
	Tokenizer agents.Tokenizer
	// OwnerCap bounds one owner's entries in flight (queued or playing) in
	// each Space, house agents aside; zero means DefaultOwnerCap, and a
	// negative cap turns the bound off.
	OwnerCap int
	// MaxAgentsPerOwner bounds how many agents one owner may create,
	// house agents aside; zero means DefaultMaxAgentsPerOwner, and a
	// negative cap turns the bound off.
	MaxAgentsPerOwner int
}

// Arena is a running arena: its store, match engine, queues and event bus.
// Its methods are safe for concurrent use.
type Arena struct {
	db     *store.DB
	engine *Engine
	bus    Bus
	log    *slog.Logger
	now    func() time.Time
	// mu orders matchmaking, so two callers never take the same tickets.
	mu sync.Mutex
	// kick wakes a Scheduler when an agent enters a queue.
	kick chan struct{}
	// names orders creates and renames, so two agents of one owner can
	// never take one name at once (see checkName).
	names sync.Mutex
	// ownerCap is Options.OwnerCap, its default applied.
	ownerCap int
	// maxAgents is Options.MaxAgentsPerOwner, its default applied.
	maxAgents int

	liveMu sync.Mutex
	live   map[string]*eventLog // running matches' logs, by match id
}

// Open opens (or creates) an arena. Matches that an earlier process left
// running are aborted and their entry fees refunded.
func Open(opts Options) (*Arena, error) {
	if opts.Dir == "" && !opts.InMemory {
		return nil, errors.New("arena: open: no data directory")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir := ""
	if opts.Dir != "" {
		dir = opts.Dir + "/db"
	}
	db, err := store.Open(dir, store.Options{InMemory: opts.InMemory, Logger: log})
	if err != nil {
		return nil, err
	}
	a := &Arena{db: db, log: log, now: opts.Now, kick: make(chan struct{}, 1), live: make(map[string]*eventLog)}
	if a.now == nil {
		a.now = time.Now
	}
	a.ownerCap = or(opts.OwnerCap, DefaultOwnerCap)
	a.maxAgents = or(opts.MaxAgentsPerOwner, DefaultMaxAgentsPerOwner)
	a.engine = &Engine{Policy: opts.Backends.For, Judges: opts.Judges, Now: a.now, Tokenizer: opts.Tokenizer, Log: log}
	if v, ok := opts.Backends.Embedded.(Verifier); ok {
		// The embedded engine re-scores replies that claim its model.
		a.engine.Verifier, a.engine.BaseModel = v, opts.Backends.Model
	}
	if err := a.recover(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Close closes the store.
func (a *Arena) Close() error { return a.db.Close() }

// Now is the arena's clock.
func (a *Arena) Now() time.Time { return a.now() }

// Bus is the arena's event bus, which every match publishes to.
func (a *Arena) Bus() *Bus { return &a.bus }

// Engine is the arena's match engine.
func (a *Arena) Engine() *Engine { return a.engine }

// recover aborts matches left running by a crash and refunds their
// tickets, so no stake is lost to an interrupted match.
func (a *Arena) recover() error {
	return a.db.Update(func(tx *store.Tx) error {
		var stale []Match
		err := matchTable.Scan(tx, "", func(_ string, m Match) error {
			if m.Status == StatusRunning {
				stale = append(stale, m)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, m := range stale {
			m.Status, m.Ended, m.Error = StatusAborted, a.now(), "interrupted by a restart; entries refunded"
			if err := putEnded(tx, m); err != nil {
				return err
			}
			tickets, err := ticketTable.Get(tx, m.ID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if err := a.refund(tx, m, tickets); err != nil {
				return err
			}
			a.log.Warn("aborted an interrupted match", "match", m.ID, "space", m.Space, "refunds", len(tickets))
		}
		return nil
	})
}

// Agents

// CreateAgent validates and stores a new agent, giving it an id. Its
// name must not be shaped like an id nor be another of the owner's
// agents' (ErrAgentName), and a new agent has no adapter versions of its
// own yet, so it starts on the base model (ErrNotOwnAdapter otherwise).
// An owner with Options.MaxAgentsPerOwner agents gets ErrAgentCap.
func (a *Arena) CreateAgent(ag agents.Agent) (agents.Agent, error) {
	ag.ID = agents.NewID()
	ag.Created = a.now().UTC()
	if err := ag.Validate(); err != nil {
		return agents.Agent{}, err
	}
	a.names.Lock()
	defer a.names.Unlock()
	err := a.db.Update(func(tx *store.Tx) error {
		if err := checkNew(tx, ag, a.maxAgents); err != nil {
			return err
		}
		if err := checkAdapter(tx, ag); err != nil {
			return err
		}
		return agentTable.Put(tx, ag.ID, ag)
	})
	return ag, err
}

// Agent finds the agent ref names: the agent with that id; failing that
// (and unless ref is shaped like an id), the one agent whose id starts
// with ref or whose name is ref, in any case. A reference that fits
// several agents is an *AmbiguousError (ErrAmbiguous) listing them; one
// that fits none is store.ErrNotFound. See AgentOf for an owner's side.
func (a *Arena) Agent(ref string) (agents.Agent, error) { return a.AgentOf(ref, "") }

// Agents lists every agent, oldest first.
func (a *Arena) Agents() ([]agents.Agent, error) {
	var out []agents.Agent
	err := a.db.View(func(tx *store.Tx) error {
		return agentTable.Scan(tx, "", func(_ string, ag agents.Agent) error {
			out = append(out, ag)
			return nil
		})
	})
	return out, err
}

// UpdateAgent applies edit to a stored agent and stores the result if it
// is still valid. The id, owner and creation time cannot be edited; a new
// name or adapter is checked as CreateAgent checks them. The arena's
// records of the agent (forfeits, benches, live ratings) are not the
// edit's to change, but a new Model, Endpoint or Remote resets the live
// ratings: a new backend is a new player.
func (a *Arena) UpdateAgent(id string, edit func(*agents.Agent) error) (agents.Agent, error) {
	a.names.Lock()
	defer a.names.Unlock()
	var out agents.Agent
	err := a.db.Update(func(tx *store.Tx) error {
		ag, err := agentTable.Get(tx, id)
		if err != nil {
			return fmt.Errorf("arena: agent %s: %w", id, err)
		}
		next := ag
		next.Ratings = maps(ag.Ratings)
		if err := edit(&next); err != nil {
			return err
		}
		if next.Name != ag.Name {
			if err := checkName(tx, next); err != nil {
				return err
			}
		}
		if next.Adapter != ag.Adapter {
			if err := checkAdapter(tx, next); err != nil {
				return err
			}
		}
		// The arena keeps the forfeit record and the live ratings: no
		// edit lifts a bench or sets a rating.
		next.Forfeits, next.Benches, next.BenchedUntil = ag.Forfeits, ag.Benches, ag.BenchedUntil
		next.Ratings = maps(ag.Ratings)
		// A new backend is a new player: its live ratings start over, so
		// that a rating earned by one model (or by a runner or endpoint
		// the owner could have put anything behind) cannot be handed to
		// another. A new adapter, trained on the agent's own matches, is
		// the same player learning, and keeps them.
		if next.Model != ag.Model || next.Endpoint != ag.Endpoint || next.Remote != ag.Remote {
			next.Ratings = nil
		}
		if next.ID != ag.ID || next.Owner != ag.Owner || !next.Created.Equal(ag.Created) {
			return fmt.Errorf("arena: agent %s: id, owner and creation time cannot change", id)
		}
		if err := next.Validate(); err != nil {
			return err
		}
		out = next
		return agentTable.Put(tx, id, next)
	})
	return out, err
}

func maps[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Spaces

// Spaces lists the built-in Spaces and those added to this arena, by id.
func (a *Arena) Spaces() ([]*spaces.Spec, error) {
	out := spaces.Builtin()
	err := a.db.View(func(tx *store.Tx) error {
		return spaceTable.Scan(tx, "", func(_ string, s spaces.Spec) error {
			out = append(out, &s)
			return nil
		})
	})
	slices.SortFunc(out, func(x, y *spaces.Spec) int { return strings.Compare(x.ID, y.ID) })
	return out, err
}

// Space finds a Space by id.
func (a *Arena) Space(id string) (*spaces.Spec, error) {
	if s, err := spaces.Lookup(id); err == nil {
		return s, nil
	}
	var s spaces.Spec
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		s, err = spaceTable.Get(tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("arena: no space %q (see `arena space list`)", id)
	}
	return &s, err
}

// AddSpace stores a validated Space; its id must not be a built-in's.
func (a *Arena) AddSpace(s *spaces.Spec) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if _, err := spaces.Lookup(s.ID); err == nil {
		return fmt.Errorf("arena: space %q is built in", s.ID)
	}
	return a.db.Update(func(tx *store.Tx) error { return spaceTable.Put(tx, s.ID, *s) })
}

// Matches

// Play runs a planned match (see NextMatch), storing its events as they
// come, then its rounds, pairs, ratings and payouts in one transaction.
func (a *Arena) Play(ctx context.Context, p *Plan) (*Result, error) {
	err := a.db.Update(func(tx *store.Tx) error {
		m, err := matchTable.Get(tx, p.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return a.begin(tx, p) // a match not made by NextMatch
		case err != nil:
			return err
		case m.Status != StatusRunning:
			return fmt.Errorf("arena: match %s is %s", p.ID, m.Status)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	log := &eventLog{db: a.db, bus: &a.bus}
	a.liveMu.Lock()
	a.live[p.ID] = log
	a.liveMu.Unlock()
	defer func() {
		a.liveMu.Lock()
		delete(a.live, p.ID)
		a.liveMu.Unlock()
	}()
	res, err := a.engine.Run(ctx, *p, log.add)
	if err == nil {
		err = log.err
	}
	if err != nil || res.Match.Status != StatusFinished {
		if ferr := log.flush(); ferr != nil && err == nil {
			err = ferr
		}
		a.abandon(p, err)
		return res, err
	}
	if err := a.settle(p, res, log); err != nil {
		a.abandon(p, err)
		return res, err
	}
	return res, nil
}

// abandon aborts a match that could not finish and refunds its tickets.
func (a *Arena) abandon(p *Plan, cause error) {
	err := a.db.Update(func(tx *store.Tx) error {
		m, err := matchTable.Get(tx, p.ID)
		if err != nil {
			return err
		}
		m.Status, m.Ended = StatusAborted, a.now()
		if cause != nil {
			m.Error = cause.Error()
		}
		if err := putEnded(tx, m); err != nil {
			return err
		}
		tickets, err := ticketTable.Get(tx, m.ID)
		if err != nil {
			return err
		}
		return a.refund(tx, m, tickets)
	})
	if err != nil {
		a.log.Error("could not abort match", "match", p.ID, "err", err)
	}
}

// refund gives an aborted match's entry fees back, in the ledger and, for
// entries staked on chain, as a settlement owed there.
func (a *Arena) refund(tx *store.Tx, m Match, tickets []Ticket) error {
	for _, t := range tickets {
		if err := a.post(tx, Entry{Match: m.ID, Space: m.Space, Agent: t.Agent, Account: t.Owner, Kind: EntryRefund, Amount: t.Fee, Currency: t.Currency}); err != nil {
			return err
		}
	}
	return a.owe(tx, m, tickets, nil, nil)
}

// settle stores a finished match: its closing events, rounds, pairs, the
// players' new ratings and the payouts, all or nothing. Only a rated match
// (see Match.Rated) moves ratings. A match whose every round was void
// ranked no one: its entries are refunded as an aborted match's are, on
// chain too, and it pays nothing else.
func (a *Arena) settle(p *Plan, res *Result, log *eventLog) error {
	cur := p.Spec.Entry.Currency
	log.mu.Lock()
	defer log.mu.Unlock()
	var settled Match
	var paid Split
	err := a.db.Update(func(tx *store.Tx) error {
		m, split := res.Match, res.Split // afresh on each try of tx
		tickets, err := ticketTable.Get(tx, m.ID)
		if err != nil {
			return fmt.Errorf("arena: settle %s: tickets: %w", m.ID, err)
		}
		ratings := make([]agents.Rating, len(p.Players))
		stored := make([]agents.Agent, len(p.Players))
		for i, pl := range p.Players {
			ag, err := agentTable.Get(tx, pl.ID)
			if err != nil {
				return fmt.Errorf("arena: settle %s: agent %s: %w", m.ID, pl.ID, err)
			}
			stored[i] = ag
			ratings[i] = DefaultRating()
			if r, ok := ag.Ratings[m.Space]; ok {
				ratings[i] = r
			}
		}
		void := allVoid(res.Rounds)
		if void {
			if m, split, err = refunded(m, tickets); err != nil {
				return err
			}
		}
		m.Rated = !void && distinctOwners(stored)
		if void {
			// The stored result says what was paid: the refunds. (Live
			// subscribers heard the engine's tie.)
			for i := range log.pending {
				if ev := &log.pending[i]; ev.Type == api.MatchResult {
					ev.Payouts, ev.Error = m.Payouts, m.Error
				}
			}
		}
		if err := log.write(tx); err != nil {
			return err
		}
		if err := putEnded(tx, m); err != nil {
			return err
		}
		for _, r := range res.Rounds {
			if err := roundTable.Put(tx, store.Key(m.ID, store.SeqKey(uint64(r.Index))), r); err != nil {
				return err
			}
		}
		for i := range res.Pairs {
			res.Pairs[i].ID = store.NewID()
			if err := pairTable.Put(tx, store.Key(m.Space, res.Pairs[i].ID), res.Pairs[i]); err != nil {
				return err
			}
		}
		if m.Rated {
			ratings = UpdateRatings(ratings, m.Ranks)
		}
		for i, ag := range stored {
			if m.Rated {
				if ag.Ratings == nil {
					ag.Ratings = make(map[string]agents.Rating)
				}
				ag.Ratings[m.Space] = ratings[i]
			}
			if err := a.noteForfeit(tx, &ag, res.Forfeited(i)); err != nil {
				return err
			}
			if err := agentTable.Put(tx, ag.ID, ag); err != nil {
				return err
			}
			if err := playedTable.Put(tx, store.Key(ag.ID, m.ID), m.Space); err != nil {
				return err
			}
			if !void && split.Amounts[i].Sign() > 0 {
				if err := a.post(tx, Entry{Match: m.ID, Space: m.Space, Agent: ag.ID, Account: ag.Owner, Kind: EntryPayout, Amount: split.Amounts[i].String(), Currency: cur}); err != nil {
					return err
				}
			}
		}
		settled, paid = m, split
		if void {
			return a.refund(tx, m, tickets)
		}
		for _, e := range []Entry{
			{Kind: EntryRake, Amount: split.Rake.String()},
			{Kind: EntryRemainder, Amount: split.Remainder.String()},
		} {
			if e.Amount == "0" {
				continue
			}
			e.Match, e.Space, e.Account, e.Currency = m.ID, m.Space, Treasury, cur
			if err := a.post(tx, e); err != nil {
				return err
			}
		}
		return a.owe(tx, m, tickets, split.Amounts, split.Rake)
	})
	if err == nil {
		log.pending = nil // stored with the settlement
		res.Match, res.Split = settled, paid
	}
	return err
}

// Events returns a match's events with Seq > after, in order: those
// stored and, for a running match, those not yet written. Together with a
// Bus subscription made first, it gives a client every event once: replay
// these, then take live events with a greater Seq.
func (a *Arena) Events(match string, after uint64) ([]api.Event, error) {
	a.liveMu.Lock()
	log := a.live[match]
	a.liveMu.Unlock()
	if log != nil {
		// Holding the log keeps it from writing while we read, so that an
		// event is either stored or pending, never neither or both.
		log.mu.Lock()
		defer log.mu.Unlock()
	}
	var out []api.Event
	err := a.db.View(func(tx *store.Tx) error {
		return eventTable.Scan(tx, match+"/", func(_ string, ev api.Event) error {
			if ev.Seq > after {
				out = append(out, ev)
			}
			return nil
		})
	})
	if log != nil {
		for _, ev := range log.pending {
			if ev.Seq > after && (len(out) == 0 || ev.Seq > out[len(out)-1].Seq) {
				out = append(out, ev)
			}
		}
	}
	return out, err
}

// Match returns a stored match.
func (a *Arena) Match(id string) (Match, error) {
	var m Match
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		m, err = matchTable.Get(tx, id)
		return err
	})
	return m, err
}

// Matches lists a Space's matches ("" for all), oldest first.
func (a *Arena) Matches(space string) ([]Match, error) {
	var out []Match
	err := a.db.View(func(tx *store.Tx) error {
		return matchTable.Scan(tx, "", func(_ string, m Match) error {
			if space == "" || m.Space == space {
				out = append(out, m)
			}
			return nil
		})
	})
	return out, err
}

// Rounds returns a match's stored rounds.
func (a *Arena) Rounds(match string) ([]Round, error) {
	var out []Round
	err := a.db.View(func(tx *store.Tx) error {
		return roundTable.Scan(tx, match+"/", func(_ string, r Round) error {
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// Pairs lists a Space's preference pairs, those of one agent (as either
// side) when agent is not "".
func (a *Arena) Pairs(space, agent string) ([]Pair, error) {
	var out []Pair
	err := a.db.View(func(tx *store.Tx) error {
		return pairTable.Scan(tx, space+"/", func(_ string, p Pair) error {
			if agent == "" || p.Agents[0] == agent || p.Agents[1] == agent {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, err
}

// CountPairs counts a Space's pairs ("" for every Space).
func (a *Arena) CountPairs(space string) (int, error) {
	prefix := ""
	if space != "" {
		prefix = space + "/"
	}
	var n int
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		n, err = pairTable.Count(tx, prefix)
		return err
	})
	return n, err
}

// eventLog stores a match's events and publishes them. Events are kept in
// memory until a round ends (or the match does) and then written in one
// transaction, so token deltas do not cost a write each.
type eventLog struct {
	db  *store.DB
	bus *Bus

	mu      sync.Mutex // held while publishing, writing or reading pending
	pending []api.Event
	err     error
}

func (l *eventLog) add(ev api.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bus.Publish(ev)
	l.pending = append(l.pending, ev)
	switch ev.Type {
	// The match's result is written with its settlement, in one
	// transaction, so a stored result always has its payouts.
	case api.MatchStarted, api.RoundRanking, api.RoundVoid, api.MatchAborted:
		if err := l.flushLocked(); err != nil && l.err == nil {
			l.err = err
		}
	}
}

func (l *eventLog) flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flushLocked()
}

func (l *eventLog) flushLocked() error {
	if len(l.pending) == 0 {
		return l.err
	}
	if err := l.db.Update(l.write); err != nil {
		return err
	}
	l.pending = l.pending[:0]
	return l.err
}

// write puts the pending events in tx. It leaves pending as it is, since
// the store may retry tx; the caller empties it once tx has committed.
func (l *eventLog) write(tx *store.Tx) error {
	for _, ev := range l.pending {
		if err := eventTable.Put(tx, store.Key(ev.Match, store.SeqKey(ev.Seq)), ev); err != nil {
			return err
		}
	}
	return nil
}

// Running counts the matches being played now.
func (a *Arena) Running() int {
	a.liveMu.Lock()
	defer a.liveMu.Unlock()
	return len(a.live)
}
