package main

import (
	"log/slog"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts"
)

// TestTrainerIsNotTheOperatorAndBondsItself: serve --train's trainer key is made in
// the data directory, apart from the operator's; it bonds from its own
// wallet (the dev allocation funds it), and a trainer key that is the
// operator's is refused.
func TestTrainerIsNotTheOperatorAndBondsItself(t *testing.T) {
	trainer, err := loadTrainerKey(filepath.Join(t.TempDir(), "trainer.key"))
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(trainer.PublicKey)
	dev, err := contracts.NewDev(contracts.DevOptions{Alloc: map[common.Address]*big.Int{addr: devFunds}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dev.Close() })
	log := slog.New(slog.DiscardHandler)

	err = bondTrainer(t.Context(), dev.Client, dev.Operator, dev.Operator, devTrainerBond, log)
	if err == nil || !strings.Contains(err.Error(), "is the operator's") {
		t.Fatalf("the operator's key as the trainer's: %v", err)
	}
	if b, _ := dev.Bond(t.Context(), crypto.PubkeyToAddress(dev.Operator.PublicKey)); b.Sign() != 0 {
		t.Errorf("refusing the operator's key still bonded %v", b)
	}

	if err := bondTrainer(t.Context(), dev.Client, dev.Operator, trainer, devTrainerBond, log); err != nil {
		t.Fatal(err)
	}
	if b, err := dev.Bond(t.Context(), addr); err != nil || b.Cmp(devTrainerBond) != 0 {
		t.Errorf("the trainer's bond: %v, %v; want %v", b, err, devTrainerBond)
	}
	if bal, _ := dev.Balance(t.Context(), addr); bal.Cmp(new(big.Int).Sub(devFunds, devTrainerBond)) >= 0 {
		t.Errorf("the trainer's wallet holds %v: the bond was not paid from it", bal)
	}
	// A restart tops up; it does not bond again.
	if err := bondTrainer(t.Context(), dev.Client, dev.Operator, trainer, devTrainerBond, log); err != nil {
		t.Fatal(err)
	}
	if b, _ := dev.Bond(t.Context(), addr); b.Cmp(devTrainerBond) != 0 {
		t.Errorf("after a second start the trainer's bond is %v, want %v", b, devTrainerBond)
	}
}
