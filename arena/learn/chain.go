package learn

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/rlfc/arena/arena"
)

// Chain is what the loop asks of a chain (onchain.Bridge has it): records
// anchored, challenges drawn from the anchoring blocks, and the bonds of
// trainers whose records fail taken.
type Chain interface {
	Anchor(ctx context.Context, agent string, record [32]byte) (string, error)
	Challenge(ctx context.Context, anchor string) ([]byte, error)
	Slash(ctx context.Context, trainer common.Address, evidence [32]byte) (*big.Int, error)
}

// OnChain makes v draw each record's challenge from the block that
// anchored it and slash the bond of a trainer whose record fails, citing
// the record's hash. The learner anchors with Options.Anchor = c.Anchor.
func (v *Verifier) OnChain(c Chain) {
	v.Challenge = func(ctx context.Context, j arena.Job) ([]byte, error) {
		if j.Anchor == "" {
			return nil, nil // trained with no chain: nothing unforeseeable to draw from
		}
		return c.Challenge(ctx, j.Anchor)
	}
	v.Flag = func(ctx context.Context, j arena.Job, signer, _ string) error {
		if !common.IsHexAddress(signer) {
			return nil // an unsigned record has no bond to take
		}
		_, err := c.Slash(ctx, common.HexToAddress(signer), common.HexToHash(j.Record))
		return err
	}
}
