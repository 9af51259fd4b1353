package arena

import (
	"fmt"
	"math/big"
	"time"

	"github.com/rlfc/arena/store"
)

// Ledger entry kinds.
const (
	EntryFee       = "fee"       // a player's entry, charged when its match begins (negative)
	EntryPayout    = "payout"    // a player's winnings
	EntryRefund    = "refund"    // an entry given back when its match is aborted or every round was void
	EntryRake      = "rake"      // the arena's cut, to Treasury
	EntryRemainder = "remainder" // what integer division left, to Treasury
)

// Treasury is the ledger account of the arena's rake and of the remainders
// that integer division leaves, so that no base unit goes missing.
const Treasury = "treasury"

// Entry is one line of the off-chain ledger: an amount, in base units of
// Currency, credited (positive) or charged (negative) to an account. The
// chain settles these; until then the ledger is the record.
type Entry struct {
	ID       string    `json:"id"`
	Time     time.Time `json:"time"`
	Match    string    `json:"match"`
	Space    string    `json:"space"`
	Agent    string    `json:"agent,omitempty"`
	Account  string    `json:"account"` // an owner's address, or Treasury
	Kind     string    `json:"kind"`
	Amount   string    `json:"amount"`
	Currency string    `json:"currency"`
}

func (a *Arena) post(tx *store.Tx, e Entry) error {
	if _, ok := new(big.Int).SetString(e.Amount, 10); !ok {
		return fmt.Errorf("arena: ledger: amount %q is not an integer", e.Amount)
	}
	e.ID = store.NewID()
	e.Time = a.now().UTC()
	return ledgerTable.Put(tx, e.ID, e)
}

// Ledger lists the ledger's entries of a Space ("" for all), oldest
// first.
func (a *Arena) Ledger(space string) ([]Entry, error) {
	var out []Entry
	err := a.db.View(func(tx *store.Tx) error {
		return ledgerTable.Scan(tx, "", func(_ string, e Entry) error {
			if space == "" || e.Space == space {
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}

// Earnings sums each agent's ledger entries in a Space ("" for all):
// payouts and refunds less fees. The treasury's entries are left out.
func (a *Arena) Earnings(space string) (map[string]*big.Int, error) {
	entries, err := a.Ledger(space)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*big.Int)
	for _, e := range entries {
		if e.Agent == "" {
			continue
		}
		amt, _ := new(big.Int).SetString(e.Amount, 10)
		if out[e.Agent] == nil {
			out[e.Agent] = new(big.Int)
		}
		out[e.Agent].Add(out[e.Agent], amt)
	}
	return out, nil
}
