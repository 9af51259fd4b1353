package arena

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/store"
)

// Stake is what became of one entry staked on chain: queued, or refused
// and then refunded. The stored record is the API's wire form.
type Stake = api.Stake

// The fates of stakes. A refusal is recorded before its refund is sent
// and stays in refundDueTable until the chain shows the ticket closed, so
// a restart finishes every refund that was begun. All three are Durable:
// they say whose money the contract still holds.
var (
	stakeFateTable  = store.NewTable[Stake]("stakefate").Durable()  // stake → its fate
	stakeOwnerTable = store.NewTable[string]("stakeby").Durable()   // owner (lower case)/stake → stake
	refundDueTable  = store.NewTable[string]("refunddue").Durable() // stake of a refused entry not yet refunded → stake
)

// ErrStakeRefused says that a stake was refused before: reading the
// chain's events again must not queue it.
var ErrStakeRefused = errors.New("arena: stake already refused")

// RecordQueued records that the stake s names was queued (see
// EnterStaked). Recording it again changes nothing.
func (a *Arena) RecordQueued(s Stake) (Stake, error) {
	s.State, s.Reason, s.Message = api.StakeQueued, "", ""
	var out Stake
	err := a.db.Update(func(tx *store.Tx) error {
		switch known, err := stakeFateTable.Get(tx, s.Stake); {
		case err == nil:
			out = known
			return nil
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		out = s
		return putStake(tx, s)
	})
	return out, err
}

// RefuseStake records that the stake s names is refused, for Reason (a
// short code) and Message (what was wrong, in words), and that its fee is
// owed back (see RefundsDue). A stake that was queued is never refused:
// that returns its queue ticket's stake record and ErrStakeKnown. A stake
// refused before keeps its first record and returns ErrStakeRefused.
func (a *Arena) RefuseStake(s Stake) (Stake, error) {
	if s.Stake == "" || s.Reason == "" {
		return Stake{}, fmt.Errorf("arena: refuse stake %q: no stake or no reason", s.Stake)
	}
	s.State = api.StakeRefused
	a.mu.Lock() // entries are queued under a.mu: none can slip in between
	defer a.mu.Unlock()
	var out Stake
	err := a.db.Update(func(tx *store.Tx) error {
		switch _, err := stakeTable.Get(tx, s.Stake); {
		case err == nil:
			return ErrStakeKnown
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		switch known, err := stakeFateTable.Get(tx, s.Stake); {
		case err == nil:
			out = known
			return ErrStakeRefused
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		out = s
		if err := putStake(tx, s); err != nil {
			return err
		}
		return refundDueTable.Put(tx, s.Stake, s.Stake)
	})
	return out, err
}

// putStake writes a stake's fate and its owner's index entry.
func putStake(tx *store.Tx, s Stake) error {
	if err := stakeFateTable.Put(tx, s.Stake, s); err != nil {
		return err
	}
	return stakeOwnerTable.Put(tx, store.Key(strings.ToLower(s.Owner), s.Stake), s.Stake)
}

// StakeFate returns what became of a stake; store.ErrNotFound when the
// arena has not read its entry (or read it before stakes were recorded).
func (a *Arena) StakeFate(stake string) (Stake, error) {
	var s Stake
	err := a.db.View(func(tx *store.Tx) error {
		var err error
		s, err = stakeFateTable.Get(tx, stake)
		return err
	})
	return s, err
}

// UpdateStake changes a stake's fate in one transaction; store.ErrNotFound
// when there is none. A refused stake that edit marks refunded leaves the
// refunds due.
func (a *Arena) UpdateStake(stake string, edit func(*Stake) error) (Stake, error) {
	var s Stake
	err := a.db.Update(func(tx *store.Tx) error {
		var err error
		if s, err = stakeFateTable.Get(tx, stake); err != nil {
			return err
		}
		if err := edit(&s); err != nil {
			return err
		}
		if err := stakeFateTable.Put(tx, stake, s); err != nil {
			return err
		}
		if s.State != api.StakeRefused {
			return refundDueTable.Delete(tx, stake)
		}
		return nil
	})
	return s, err
}

// DropRefund takes a refused stake off the refunds due without refunding
// it, when the refund can never be sent (its chain is gone); note says
// why. Its player can still refund the ticket after the Space's timeout.
func (a *Arena) DropRefund(stake, note string) error {
	return a.db.Update(func(tx *store.Tx) error {
		s, err := stakeFateTable.Get(tx, stake)
		if err != nil {
			return err
		}
		s.Note = note
		if err := stakeFateTable.Put(tx, stake, s); err != nil {
			return err
		}
		return refundDueTable.Delete(tx, stake)
	})
}

// RefundsDue lists the refused stakes whose refunds are not yet seen on
// chain.
func (a *Arena) RefundsDue() ([]Stake, error) {
	var out []Stake
	err := a.db.View(func(tx *store.Tx) error {
		return refundDueTable.Scan(tx, "", func(_ string, stake string) error {
			s, err := stakeFateTable.Get(tx, stake)
			if err != nil {
				return fmt.Errorf("arena: refund due of stake %s: %w", stake, err)
			}
			out = append(out, s)
			return nil
		})
	})
	return out, err
}

// Stakes lists an owner's stakes, newest entry first, at most limit of
// them (all when limit <= 0).
func (a *Arena) Stakes(owner string, limit int) ([]Stake, error) {
	var out []Stake
	err := a.db.View(func(tx *store.Tx) error {
		return stakeOwnerTable.Scan(tx, store.Key(strings.ToLower(owner), ""), func(_ string, stake string) error {
			s, err := stakeFateTable.Get(tx, stake)
			if err != nil {
				return fmt.Errorf("arena: stake %s of %s: %w", stake, owner, err)
			}
			out = append(out, s)
			return nil
		})
	})
	// Keys sort as text; entries are ordered by block, then ticket id.
	slices.SortFunc(out, func(x, y Stake) int {
		return cmp.Or(cmp.Compare(y.Block, x.Block), ticketNumber(y).Cmp(ticketNumber(x)))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// ticketNumber is a stake's ticket id as a number (zero if it is none).
func ticketNumber(s Stake) *big.Int {
	n, ok := new(big.Int).SetString(s.Ticket, 10)
	if !ok {
		return new(big.Int)
	}
	return n
}

// StakesSettled records that a match's settlement consumed the stakes on
// chain. Stakes with no fate recorded are left alone.
func (a *Arena) StakesSettled(stakes []string, match string) error {
	return a.db.Update(func(tx *store.Tx) error {
		for _, stake := range stakes {
			s, err := stakeFateTable.Get(tx, stake)
			if errors.Is(err, store.ErrNotFound) || err == nil && s.State == api.StakeSettled {
				continue
			}
			if err != nil {
				return err
			}
			s.State, s.Match = api.StakeSettled, match
			if err := stakeFateTable.Put(tx, stake, s); err != nil {
				return err
			}
		}
		return nil
	})
}
