package learn

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena"
)

// Chain is what the loop asks of a chain (onchain.Bridge has it): records
// anchored, challenges drawn from the anchoring blocks, and the bonds of
// trainers whose records fail taken. A trainer's bond is its own: posted
// from its key's address (the record's signer), never the operator's.
type Chain interface {
	Anchor(ctx context.Context, agent string, record [32]byte) (string, error)
	Challenge(ctx context.Context, anchor string) ([]byte, error)
	Slash(ctx context.Context, trainer common.Address, evidence [32]byte) (*big.Int, error)
}

// OnChain makes v draw each anchored record's challenge from the block
// that anchored it, and slash through c the bond of a trainer whose record
// fails, citing the record's hash. The learner anchors with
// Options.Anchor = c.Anchor. Use it only on a chain whose blocks neither
// the operator nor the trainers make (a public chain): there the block's
// hash is unknown while training and anyone can recompute it. On a chain
// the operator makes (the dev chain, geth --dev), use SlashOnChain: the
// operator could pick its blocks' hashes. A record that was not anchored
// is challenged with the verifier's beacon.
func (v *Verifier) OnChain(c Chain) {
	v.SlashOnChain(c)
	v.Challenge = func(ctx context.Context, j arena.Job) ([]byte, error) {
		if j.Anchor == "" {
			return v.beaconChallenge(j) // trained with no chain: the verifier's own randomness
		}
		return c.Challenge(ctx, j.Anchor)
	}
}

// SlashOnChain makes v slash through c the bond of a trainer whose record
// fails, and leaves the challenge to the verifier's beacon: for a chain
// whose blocks the operator makes, where an anchoring block's hash is not
// outside its control. The Slashed event's evidence is Evidence of the
// record and the failure.
func (v *Verifier) SlashOnChain(c Chain) {
	v.Challenge = nil
	v.Flag = func(ctx context.Context, j arena.Job, signer, reason string) error {
		if !common.IsHexAddress(signer) {
			return nil // an unsigned record has no bond to take
		}
		_, err := c.Slash(ctx, common.HexToAddress(signer), Evidence(j.Record, reason))
		return err
	}
}

// Evidence is what a slashing cites: Keccak-256 of the record's hash and
// the failure's text, which names what failed and, for a re-executed
// segment, the segment and its first differing step (lora.StepDispute).
// The job's check (GET /api/jobs) holds the text, so anyone can recompute
// the evidence and re-run that one step.
func Evidence(record, reason string) [32]byte {
	return crypto.Keccak256Hash(common.HexToHash(record).Bytes(), []byte(reason))
}
