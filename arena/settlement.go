package arena

import (
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/store"
)

// Settlement states. A settlement is Owed when its match ends, Signed once
// a settler has signed it (and may have sent it), and then Final (the chain
// has it) or Void (it can never be settled; Note says why).
const (
	SettlementOwed   = "owed"
	SettlementSigned = "signed"
	SettlementFinal  = "final"
	SettlementVoid   = "void"
)

// Settlement is what a match with staked entries owes on chain: the entry
// tickets it consumed, who is paid what from their pool, and the rake. It
// is written in the same transaction as the match's result (or its abort),
// so a crash can never leave a finished match unpaid; a settler then signs
// and sends it and records its progress here. The stored record is the
// API's wire form.
type Settlement = api.Settlement

// Payment is an amount, in base units, owed to an account.
type Payment = api.Payment

// done says whether a settlement needs no more work.
func done(s Settlement) bool { return s.State == SettlementFinal || s.State == SettlementVoid }

// owe records what a match owes on chain when any of its tickets was
// staked there. pay gives each ticket's payout (nil: refund every fee).
func (a *Arena) owe(tx *store.Tx, m Match, tickets []Ticket, pay []*big.Int, rake *big.Int) error {
	s := Settlement{Match: m.ID, Space: m.Space, Tier: m.Tier, Created: a.now().UTC(), Rake: "0", State: SettlementOwed, Refund: pay == nil}
	for i, t := range tickets {
		s.Currency = t.Currency
		if t.Stake != "" {
			s.Stakes = append(s.Stakes, t.Stake)
		}
		amount := t.Fee
		if pay != nil {
			amount = pay[i].String()
		}
		if amount != "0" {
			s.Payees = append(s.Payees, Payment{Account: t.Owner, Amount: amount})
		}
	}
	if len(s.Stakes) == 0 {
		return nil // nothing was staked on chain
	}
	if rake != nil {
		s.Rake = rake.String()
	}
	if len(s.Stakes) != len(tickets) {
		// The chain's pool would be smaller than the ledger's: settling it
		// could not match the ledger, so it is left for the tickets'
		// refund timeout and flagged.
		s.State = SettlementVoid
		s.Note = fmt.Sprintf("only %d of %d entries were staked on chain; the staked ones are refundable after the Space's timeout", len(s.Stakes), len(tickets))
		a.log.Error("match mixes staked and unstaked entries", "match", m.ID, "staked", len(s.Stakes), "entries", len(tickets))
	}
	if err := owedTable.Put(tx, m.ID, s); err != nil {
		return err
	}
	if done(s) {
		return nil
	}
	return unpaidTable.Put(tx, m.ID, m.ID)
}

// voidNote is the Error of a finished match whose every round was void.
const voidNote = "every round void: no one was ranked; entries refunded"

// allVoid reports whether no round of a match was judged: then it ranked
// no one (its ranks are a tie of zeros), so it must neither pay by them
// nor move a rating.
func allVoid(rounds []Round) bool {
	for _, r := range rounds {
		if r.Void == "" {
			return false
		}
	}
	return true
}

// distinctOwners reports whether no two of a match's players have one
// owner (addresses compared in any case; the house's agents share
// HouseOwner). Only such a match is rated: an owner's agents playing one
// another show nothing about either, and would let one throwaway agent's
// defeat lift its sibling up the leaderboard.
func distinctOwners(players []agents.Agent) bool {
	seen := make(map[string]bool, len(players))
	for _, ag := range players {
		owner := strings.ToLower(ag.Owner)
		if seen[owner] {
			return false
		}
		seen[owner] = true
	}
	return true
}

// refunded is a match whose every round was void as it is settled: each
// entry's fee paid back (its tickets are in seat order), no rake, no
// remainder, no sponsor's prize, and Error saying why. Its Status stays
// finished and its Ranks the engine's tie, so clients that read a finished
// match's ranks and payouts by seat keep working.
func refunded(m Match, tickets []Ticket) (Match, Split, error) {
	if len(tickets) != len(m.Players) {
		return m, Split{}, fmt.Errorf("arena: settle %s: %d tickets for %d players", m.ID, len(tickets), len(m.Players))
	}
	split := Split{Rake: new(big.Int), Remainder: new(big.Int)}
	pool := new(big.Int)
	m.Payouts = nil
	for _, t := range tickets {
		fee, ok := new(big.Int).SetString(t.Fee, 10)
		if !ok {
			return m, Split{}, fmt.Errorf("arena: settle %s: ticket %s: fee %q is not an integer", m.ID, t.ID, t.Fee)
		}
		split.Amounts = append(split.Amounts, fee)
		pool.Add(pool, fee)
		m.Payouts = append(m.Payouts, fee.String())
	}
	m.Pool, m.Rake, m.Remainder, m.Error = pool.String(), "0", "0", voidNote
	return m, split, nil
}

// Unpaid lists the settlements that are not final yet, oldest match first.
func (a *Arena) Unpaid() ([]Settlement, error) {
	var out []Settlement
	err := a.db.View(func(tx *store.Tx) error {
		return unpaidTable.Scan(tx, "", func(_ string, match string) error {
			s, err := owedTable.Get(tx, match)
			if err != nil {
				return fmt.Errorf("arena: unpaid settlement %s: %w", match, err)
			}
			out = append(out, s)
			return nil
		})
	})
	return out, err
}

// Settlement returns what a match owes on chain; store.ErrNotFound when it
// had no staked entries.
func (a *Arena) Settlement(match string) (Settlement, error) {
	var s Settlement
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		s, err = owedTable.Get(tx, match)
		return err
	})
	return s, err
}

// Settlements lists every settlement, oldest match first.
func (a *Arena) Settlements() ([]Settlement, error) {
	var out []Settlement
	err := a.db.View(func(tx *store.Tx) error {
		return owedTable.Scan(tx, "", func(_ string, s Settlement) error {
			out = append(out, s)
			return nil
		})
	})
	return out, err
}

// UpdateSettlement changes a settlement's progress in one transaction. A
// settlement that is done stays done: edit is not called for it and
// ErrSettled is returned.
func (a *Arena) UpdateSettlement(match string, edit func(*Settlement) error) (Settlement, error) {
	var s Settlement
	err := a.db.Update(func(tx *store.Tx) error {
		var err error
		if s, err = owedTable.Get(tx, match); err != nil {
			return fmt.Errorf("arena: settlement %s: %w", match, err)
		}
		if done(s) {
			return ErrSettled
		}
		if err := edit(&s); err != nil {
			return err
		}
		if err := owedTable.Put(tx, match, s); err != nil {
			return err
		}
		if done(s) {
			return unpaidTable.Delete(tx, match)
		}
		return nil
	})
	return s, err
}

// ErrSettled says a settlement is already final or void.
var ErrSettled = errors.New("arena: settlement is already done")

// cursorTable is not Durable: a cursor that a power cut rolls back only
// makes its reader act on some events again, which does no harm.
var cursorTable = store.NewTable[uint64]("cursor") // name → position

// Cursor returns a named position a reader of outside events keeps (such
// as the last chain block read), zero when there is none yet.
func (a *Arena) Cursor(name string) (uint64, error) {
	var v uint64
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		v, err = cursorTable.Get(tx, name)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	return v, err
}

// SetCursor stores a named position.
func (a *Arena) SetCursor(name string, v uint64) error {
	return a.db.Update(func(tx *store.Tx) error { return cursorTable.Put(tx, name, v) })
}

// Unqueue takes out of every queue the tickets drop picks, such as entries
// refunded on chain, and returns them.
func (a *Arena) Unqueue(drop func(Ticket) bool) ([]Ticket, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []Ticket
	err := a.db.Update(func(tx *store.Tx) error {
		var err error
		out, err = unqueue(tx, drop)
		return err
	})
	return out, err
}

// unqueue takes out of every queue, in tx, the tickets drop picks, and
// returns them.
func unqueue(tx *store.Tx, drop func(Ticket) bool) ([]Ticket, error) {
	var out []Ticket
	var keys []string
	err := queueTable.Scan(tx, "", func(k string, t Ticket) error {
		if drop(t) {
			keys = append(keys, k)
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := queueTable.Delete(tx, k); err != nil {
			return nil, err
		}
	}
	return out, nil
}
