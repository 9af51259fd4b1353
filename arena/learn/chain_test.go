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
// simulated chain: a bonded trainer's record is anchored, its checkpoint
// is then changed, and the verifier, drawing its challenge from the
// anchoring block, flags the record and takes the trainer's bond.
func TestATamperedRecordIsSlashedOnChain(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	trainer := crypto.PubkeyToAddress(l.opts.Key.PublicKey)
	dev, err := contracts.NewDev(contracts.DevOptions{Alloc: map[common.Address]*big.Int{trainer: big.NewInt(1e18)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dev.Close() })
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
	for _, c := range checked {
		if strings.HasPrefix(c.Check, "flagged: ") {
			flagged++
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
	var slashed []string
	for _, e := range events {
		if e.Name == "Slashed" {
			slashed = append(slashed, e.Log.Topics[2].Hex())
		}
	}
	if len(slashed) != 1 || slashed[0] != common.HexToHash(j.Record).Hex() {
		t.Errorf("Slashed events cite %q, want the record %s", slashed, j.Record)
	}
}
