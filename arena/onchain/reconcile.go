package onchain

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/rlfc/arena/arena"
)

// Balance is an account's credit in the contract beside what the arena's
// ledger says the chain owes it.
type Balance struct {
	Account  common.Address
	Treasury bool
	Ledger   *big.Int // payouts and refunds (rake and remainders for the treasury) of the settled matches
	Chain    *big.Int // the contract's credit now
}

// Match says whether the chain holds exactly what the ledger says.
func (b Balance) Match() bool { return b.Ledger.Cmp(b.Chain) == 0 }

// Reconciliation compares the ledger with the contract's credits over the
// matches settled on this chain instance.
type Reconciliation struct {
	Balances []Balance // ordered by account, the treasury last
	Settled  int       // matches settled on chain
	Txs      int       // the transactions that settled them
	Unpaid   int       // settlements still owed
	Void     int       // settlements that can never be sent
}

// OK says whether every credit matches the ledger and nothing is owed.
func (r Reconciliation) OK() bool {
	for _, b := range r.Balances {
		if !b.Match() {
			return false
		}
	}
	return r.Unpaid == 0
}

// Reconcile sums the ledger entries of every match settled on this chain
// instance by account and reads each account's credit in the contract. As
// long as nobody has withdrawn, the two agree to the base unit.
func (b *Bridge) Reconcile(ctx context.Context) (Reconciliation, error) {
	var r Reconciliation
	all, err := b.a.Settlements()
	if err != nil {
		return r, err
	}
	settled := make(map[string]bool)
	txs := make(map[string]bool)
	for _, s := range all {
		if len(s.Stakes) == 0 || !strings.HasPrefix(s.Stakes[0], b.epoch+":") {
			continue
		}
		switch s.State {
		case arena.SettlementFinal:
			settled[s.Match] = true
			r.Settled++
			if s.Tx != "" && !txs[s.Tx] {
				txs[s.Tx] = true
				r.Txs++
			}
		case arena.SettlementVoid:
			r.Void++
		default:
			r.Unpaid++
		}
	}
	entries, err := b.a.Ledger("")
	if err != nil {
		return r, err
	}
	treasury, err := b.chain.Treasury(ctx)
	if err != nil {
		return r, err
	}
	owed := make(map[common.Address]*big.Int)
	for _, e := range entries {
		if !settled[e.Match] || e.Kind == arena.EntryFee {
			continue
		}
		acct := treasury
		if e.Account != arena.Treasury {
			if !common.IsHexAddress(e.Account) {
				return r, fmt.Errorf("onchain: ledger entry %s pays %q, which is not an address", e.ID, e.Account)
			}
			acct = common.HexToAddress(e.Account)
		}
		amount, _ := new(big.Int).SetString(e.Amount, 10)
		if owed[acct] == nil {
			owed[acct] = new(big.Int)
		}
		owed[acct].Add(owed[acct], amount)
	}
	for acct, amount := range owed {
		credit, err := b.chain.Credit(ctx, common.Address{}, acct)
		if err != nil {
			return r, err
		}
		r.Balances = append(r.Balances, Balance{Account: acct, Treasury: acct == treasury, Ledger: amount, Chain: credit})
	}
	slices.SortFunc(r.Balances, func(x, y Balance) int {
		if x.Treasury != y.Treasury {
			if x.Treasury {
				return 1
			}
			return -1
		}
		return x.Account.Cmp(y.Account)
	})
	return r, nil
}
