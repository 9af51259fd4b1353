package arena

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/internal/refusal"
	"github.com/rlfc/arena/spaces"
	"github.com/rlfc/arena/store"
)

// Ticket is an agent's place in a Space's queue, and then its entry in a
// match. The stored record is the API's wire form.
type Ticket = api.Ticket

func queueKey(space string, tier int) string { return store.Key(space, fmt.Sprintf("%02d", tier)) }

// Enter queues an agent for a Space at a fee tier. An agent waits in one
// queue of a Space at a time, so it can never be matched against itself.
// A benched agent is refused with ErrBenched, and an entry past its
// owner's cap on entries in flight in the Space with ErrOwnerCap (house
// agents are exempt from both).
func (a *Arena) Enter(spaceID string, tier int, agentID string) (Ticket, error) {
	return a.enter(spaceID, tier, agentID, "")
}

// EnterStaked queues an agent whose entry fee is escrowed on chain by the
// entry ticket stake (its id there). A stake is queued once: entering the
// same stake again returns its ticket and ErrStakeKnown, so whoever reads
// the chain's events may read them twice. It refuses as Enter does
// (ErrBenched, ErrOwnerCap); whoever reads the chain refunds a refused stake.
func (a *Arena) EnterStaked(spaceID string, tier int, agentID, stake string) (Ticket, error) {
	if stake == "" {
		return Ticket{}, fmt.Errorf("arena: enter %s: empty stake", spaceID)
	}
	return a.enter(spaceID, tier, agentID, stake)
}

// ErrStakeKnown says that an on-chain entry was queued before.
var ErrStakeKnown = errors.New("arena: stake already entered")

// ErrAlreadyQueued says that an entry was refused because its agent
// already waits in a queue of the Space.
var ErrAlreadyQueued = errors.New("already queued")

func (a *Arena) enter(spaceID string, tier int, agentID, stake string) (Ticket, error) {
	spec, err := a.Space(spaceID)
	if err != nil {
		return Ticket{}, err
	}
	fee, err := spec.Fee(tier)
	if err != nil {
		return Ticket{}, fmt.Errorf("arena: enter %s: %w", spaceID, err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var t Ticket
	err = a.db.Update(func(tx *store.Tx) error {
		if stake != "" {
			switch known, err := stakeTable.Get(tx, stake); {
			case err == nil:
				t = known
				return ErrStakeKnown
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
		}
		ag, err := agentTable.Get(tx, agentID)
		if err != nil {
			return fmt.Errorf("arena: enter %s: agent %s: %w", spaceID, agentID, err)
		}
		if err := RolloutsError(spec, tier, ag, a.engine.BaseModel); err != nil {
			return err
		}
		queued := 0 // the owner's tickets in the Space, for admit
		err = queueTable.Scan(tx, spaceID+"/", func(_ string, q Ticket) error {
			if q.Agent == agentID {
				return fmt.Errorf("arena: enter %s: agent %s is %w (tier %d)", spaceID, agentID, ErrAlreadyQueued, q.Tier)
			}
			if strings.EqualFold(q.Owner, ag.Owner) {
				queued++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := a.admit(tx, spaceID, ag, queued); err != nil {
			return err
		}
		t = Ticket{ID: store.NewID(), Space: spaceID, Tier: tier, Agent: ag.ID, Owner: ag.Owner, Fee: fee.String(), Currency: spec.Entry.Currency, Time: a.now().UTC(), Stake: stake}
		if stake != "" {
			if err := stakeTable.Put(tx, stake, t); err != nil {
				return err
			}
		}
		return queueTable.Put(tx, store.Key(queueKey(spaceID, tier), t.ID), t)
	})
	switch {
	case err == nil:
		select {
		case a.kick <- struct{}{}:
		default: // a wake-up is already pending
		}
	case errors.Is(err, ErrOwnerCap):
		refusal.Count(refusal.OwnerCap)
	case errors.Is(err, ErrBenched):
		refusal.Count(refusal.Benched)
	}
	return t, err
}

// Queue lists the tickets waiting in a Space's tier, oldest first.
func (a *Arena) Queue(spaceID string, tier int) ([]Ticket, error) {
	var out []Ticket
	err := a.db.View(func(tx *store.Tx) error {
		return queueTable.Scan(tx, queueKey(spaceID, tier)+"/", func(_ string, t Ticket) error {
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// Leave takes an agent out of a Space's queues.
func (a *Arena) Leave(spaceID, agentID string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.db.Update(func(tx *store.Tx) error {
		var keys []string
		err := queueTable.Scan(tx, spaceID+"/", func(k string, t Ticket) error {
			if t.Agent == agentID {
				keys = append(keys, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			return fmt.Errorf("arena: agent %s is not queued in %s", agentID, spaceID)
		}
		for _, k := range keys {
			if err := queueTable.Delete(tx, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// Matchmaking says when a queue makes a match.
type Matchmaking struct {
	// Wait is how long the oldest ticket waits for a full match before a
	// match starts with fewer players (at least the Space's minimum).
	Wait time.Duration
	// House fills a match with house agents, where the Space allows it,
	// once the oldest ticket has waited Wait and too few players queue.
	House bool
	// Staked, when set, names the tiers whose entries are staked on chain:
	// there the house never fills a match off chain (its agents stake
	// like any player's, see onchain.Options.House).
	Staked func(space string, tier int) bool
	// Seed is the match's seed; it also chooses the house agents.
	Seed uint64
}

// ErrNoMatch says that a queue cannot make a match yet.
var ErrNoMatch = errors.New("arena: not enough agents queued")

// NextMatch forms the next match of a Space's tier from its queue, oldest
// tickets first: at once when the Space's maximum of players is queued;
// with fewer (at least the minimum) when the oldest has waited mm.Wait;
// with house agents added when mm.House allows. The match is recorded as
// running, its entries charged and its tickets taken from the queue in one
// transaction; play it with Play.
//
// A match never holds two agents of one owner, in any tier, paid or free:
// a ticket whose owner already has an agent in the forming match is
// passed over and stays queued for a later match. An owner's agents
// playing one another prove nothing (such a match would not be rated, see
// Match.Rated) and could pass a pool or a win between them. Only the
// house's own agents (owner HouseOwner), which the arena runs and no
// player controls, may meet one another; those matches are unrated.
func (a *Arena) NextMatch(spaceID string, tier int, mm Matchmaking) (*Plan, error) {
	spec, err := a.Space(spaceID)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var plan *Plan
	err = a.db.Update(func(tx *store.Tx) error {
		var keys []string
		var players []agents.Agent
		var queued []Ticket
		var oldest time.Time
		err := queueTable.Scan(tx, queueKey(spaceID, tier)+"/", func(k string, t Ticket) error {
			if len(players) == spec.Players.Max {
				return store.Stop
			}
			ag, err := agentTable.Get(tx, t.Agent)
			if err != nil {
				return fmt.Errorf("arena: queue %s: ticket %s: agent %s: %w", spaceID, t.ID, t.Agent, err)
			}
			if ownerIn(players, ag.Owner) && !strings.EqualFold(ag.Owner, HouseOwner) {
				return nil // waits for a match without its owner's other agent
			}
			if oldest.IsZero() {
				oldest = t.Time
			}
			keys = append(keys, k)
			players = append(players, ag)
			queued = append(queued, t)
			return nil
		})
		if err != nil {
			return err
		}
		waited := len(players) > 0 && a.now().Sub(oldest) >= mm.Wait
		switch {
		case len(players) == spec.Players.Max:
		case len(players) >= spec.Players.Min && waited:
		case len(players) > 0 && waited && mm.House && spec.House && (mm.Staked == nil || !mm.Staked(spaceID, tier)):
			house, err := a.houseFill(tx, spec, players, spec.Players.Min-len(players), mm.Seed)
			if err != nil {
				return err
			}
			players = append(players, house...)
		default:
			return ErrNoMatch
		}
		for _, k := range keys {
			if err := queueTable.Delete(tx, k); err != nil {
				return err
			}
		}
		plan = &Plan{ID: store.NewID(), Spec: spec, Tier: tier, Players: players, Queued: queued, Seed: mm.Seed}
		return a.begin(tx, plan)
	})
	return plan, err
}

// houseFill picks n house agents not already in the match, at random by
// seed, each of an owner not yet in the match where it can: house agents
// with wallets of their own (as on a chain) then keep the match rated.
// When the Space needs more house agents than there are such owners, as
// when every house agent is HouseOwner's and a match takes three or more
// players, it adds the others too, and the match is unrated (see
// Match.Rated); a player is never refused a match for it.
func (a *Arena) houseFill(tx *store.Tx, spec *spaces.Spec, in []agents.Agent, n int, seed uint64) ([]agents.Agent, error) {
	taken := make(map[string]bool)
	for _, ag := range in {
		taken[ag.ID] = true
	}
	var pool []agents.Agent
	err := agentTable.Scan(tx, "", func(_ string, ag agents.Agent) error {
		if ag.House && !taken[ag.ID] {
			pool = append(pool, ag)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pool) < n {
		return nil, fmt.Errorf("arena: space %s needs %d house agents, %d are free", spec.ID, n, len(pool))
	}
	r := rand.New(rand.NewPCG(seed, 0x686f757365)) // "house"
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	players := slices.Clone(in)
	var out, rest []agents.Agent
	for _, ag := range pool {
		if len(out) < n && !ownerIn(players, ag.Owner) {
			out = append(out, ag)
			players = append(players, ag)
		} else {
			rest = append(rest, ag)
		}
	}
	return append(out, rest[:n-len(out)]...), nil
}

// ownerIn reports whether one of players is owner's (addresses compared
// in any case).
func ownerIn(players []agents.Agent, owner string) bool {
	return slices.ContainsFunc(players, func(ag agents.Agent) bool { return strings.EqualFold(ag.Owner, owner) })
}

// begin records a match as running and charges its players' entries, so
// that a crash from here on refunds them (see recover).
func (a *Arena) begin(tx *store.Tx, p *Plan) error {
	if ok, err := matchTable.Has(tx, p.ID); err != nil || ok {
		if ok {
			err = fmt.Errorf("arena: match %s already exists", p.ID)
		}
		return err
	}
	fee, err := p.Spec.Fee(p.Tier)
	if err != nil {
		return fmt.Errorf("arena: match %s: %w", p.ID, err)
	}
	m := Match{ID: p.ID, Space: p.Spec.ID, Tier: p.Tier, Seed: p.Seed, Status: StatusRunning, Started: a.now().UTC()}
	var tickets []Ticket
	for i, ag := range p.Players {
		m.Players = append(m.Players, ag.ID)
		t := Ticket{ID: store.NewID(), Space: p.Spec.ID, Tier: p.Tier, Agent: ag.ID, Owner: ag.Owner, Fee: fee.String(), Currency: p.Spec.Entry.Currency, Time: m.Started}
		if i < len(p.Queued) {
			t.ID, t.Stake = p.Queued[i].ID, p.Queued[i].Stake
		}
		tickets = append(tickets, t)
		if fee.Sign() > 0 {
			if err := a.post(tx, Entry{Match: p.ID, Space: p.Spec.ID, Agent: ag.ID, Account: ag.Owner, Kind: EntryFee, Amount: "-" + t.Fee, Currency: t.Currency}); err != nil {
				return err
			}
		}
	}
	if err := ticketTable.Put(tx, p.ID, tickets); err != nil {
		return err
	}
	if err := markRunning(tx, p); err != nil {
		return err
	}
	return matchTable.Put(tx, p.ID, m)
}
