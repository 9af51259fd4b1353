package learn

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena/onchain"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/lora/embedded"
)

// TestATamperedRecordIsSlashedOnChain runs the whole path on the
// simulated chain: a trainer, an identity apart from the operator, bonds
// from its own wallet; its record is anchored, its checkpoint is then
// changed, and the verifier, drawing its challenge from the anchoring
// block, flags the record and takes the trainer's bond, not the
// operator's.
func TestATamperedRecordIsSlashedOnChain(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	trainer := crypto.PubkeyToAddress(l.opts.Key.PublicKey)
	dev, err := contracts.NewDev(contracts.DevOptions{Alloc: map[common.Address]*big.Int{trainer: big.NewInt(1e18)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dev.Close() })
	operator := crypto.PubkeyToAddress(dev.Operator.PublicKey)
	if trainer == operator {
		t.Fatalf("the trainer %s is the operator", trainer)
	}
	bridge, err := onchain.New(t.Context(), onchain.Options{Arena: w.a, Chain: dev.Client, Operator: dev.Operator})
	if err != nil {
		t.Fatal(err)
	}
	bond := big.NewInt(1e15)
	if _, err := dev.PostBond(t.Context(), l.opts.Key, bond); err != nil {
		t.Fatal(err)
	}

	w.play(3)
	l.opts.Anchor = bridge.Anchor
	done, err := l.RunOnce(t.Context())
	if err != nil || len(done) == 0 {
		t.Fatalf("trained %v, %v", done, err)
	}
	j := done[0]
	if j.Anchor == "" {
		t.Fatal("the record was not anchored")
	}
	cps, _ := filepath.Glob(filepath.Join(w.dir, "adapters", j.Version, "checkpoints", "*"))
	if len(cps) == 0 {
		t.Fatal("no checkpoints")
	}
	data, err := os.ReadFile(cps[len(cps)-1])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(cps[len(cps)-1], data, 0o644); err != nil {
		t.Fatal(err)
	}

	v := &Verifier{Arena: w.a, Dir: w.dir, Base: embedded.Load, Fraction: 1}
	v.OnChain(bridge)
	checked, err := v.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var flagged int
	var reason string
	for _, c := range checked {
		if why, ok := strings.CutPrefix(c.Check, "flagged: "); ok {
			flagged++
			reason = why
		} else if c.ID == j.ID {
			t.Fatalf("the tampered job %s: %q", j.ID, c.Check)
		}
	}
	if flagged != 1 {
		t.Fatalf("%d records flagged, want 1", flagged)
	}
	if left, err := dev.Bond(t.Context(), trainer); err != nil || left.Sign() != 0 {
		t.Errorf("the trainer's bond after the slash: %v, %v; want 0", left, err)
	}
	head, _ := dev.Head(t.Context())
	events, err := dev.Events(t.Context(), 0, head)
	if err != nil {
		t.Fatal(err)
	}
	var slashed, bonded []string
	for _, e := range events {
		switch e.Name {
		case "Slashed":
			slashed = append(slashed, common.BytesToAddress(e.Log.Topics[1].Bytes()).Hex()+" "+e.Log.Topics[2].Hex())
		case "Bonded":
			bonded = append(bonded, common.BytesToAddress(e.Log.Topics[1].Bytes()).Hex())
		}
	}
	// The evidence binds the record and the failure (here a checkpoint's
	// hash; a re-executed segment's failure names its first differing
	// step, see lora's TestPolicyCheats).
	if want := trainer.Hex() + " " + common.Hash(Evidence(j.Record, reason)).Hex(); len(slashed) != 1 || slashed[0] != want {
		t.Errorf("Slashed events %q, want the trainer and the evidence of the record and its failure: %s", slashed, want)
	}
	if len(bonded) != 1 || bonded[0] != trainer.Hex() {
		t.Errorf("bonds posted by %q, want only the trainer %s, from its own wallet", bonded, trainer.Hex())
	}
	if b, err := dev.Bond(t.Context(), operator); err != nil || b.Sign() != 0 {
		t.Errorf("the operator's bond: %v, %v; the operator is not the trainer and has none", b, err)
	}
}
