package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts"
)

// devTrainerBond is what the trainer key bonds on a dev chain: 1 ETH of the
// 100 the dev chain gives it.
var devTrainerBond = big.NewInt(1e18)

// bondTrainer makes sure the key that signs training records is an
// identity of its own with a bond of its own: it refuses the operator's
// key (a slash would then take the operator's bond, and the operator would
// be judging itself), and tops the trainer's bond up to want from the
// trainer's own wallet. A nil want posts nothing; a trainer left with no
// bond is warned about, since a record of it that fails then costs
// nothing.
func bondTrainer(ctx context.Context, c *contracts.Client, operator, trainer *ecdsa.PrivateKey, want *big.Int, log *slog.Logger) error {
	addr := crypto.PubkeyToAddress(trainer.PublicKey)
	if addr == crypto.PubkeyToAddress(operator.PublicKey) {
		return fmt.Errorf("the trainer key (%s) is the operator's: training records must be signed and bonded by an identity of their own; remove trainer.key from the data directory and a new one is made", addr.Hex())
	}
	bond, err := c.Bond(ctx, addr)
	if err != nil {
		return fmt.Errorf("reading the bond of trainer %s: %w", addr.Hex(), err)
	}
	if want != nil && bond.Cmp(want) < 0 {
		if _, err := c.PostBond(ctx, trainer, new(big.Int).Sub(want, bond)); err != nil {
			return fmt.Errorf("bonding trainer %s from its own wallet: %w", addr.Hex(), err)
		}
		bond = want
	}
	if bond.Sign() == 0 {
		log.Warn("the trainer key has no bond: a record of it that fails verification costs nothing; fund it and call bond() from it", "trainer", addr.Hex())
		return nil
	}
	log.Info("trainer bonded", "trainer", addr.Hex(), "bond", contracts.FormatUnits(bond, 18))
	return nil
}
