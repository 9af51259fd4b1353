package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
)

// DevChainID is the dev chain's id (1337): the simulated backend's, and
// geth --dev's.
const DevChainID = 1337

// DevKey derives a fixed, publicly known key from a label
// (keccak256("arena dev key: "+label)). Anyone can compute it, so it is for
// dev chains only: funds sent to it on a real chain can be taken by anyone.
func DevKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("arena dev key: " + label)))
	if err != nil {
		// Only if the hash were zero or not below the curve order: odds of
		// about 2^-128 per label.
		panic(fmt.Sprintf("contracts.DevKey(%q): %v", label, err))
	}
	return key
}

// devFunds is what each dev role key starts with.
var devFunds = new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))

// DevOptions configure a dev chain.
type DevOptions struct {
	// Alloc funds accounts at genesis (wei); the dev owner, operator and
	// treasury keys are always funded with 1000 ETH (plus anything Alloc
	// gives them).
	Alloc map[common.Address]*big.Int
}

// Dev is an in-process chain running mainnet's rules with SpaceStake
// deployed, for development and tests. Every transaction sent through its
// Client (or its ServeRPC endpoint) is mined at once into its own block, as
// geth --dev does, so a send returns with its receipt.
type Dev struct {
	*Client
	// Sim is the simulated chain. Transactions sent through Sim.Client()
	// directly are not mined until Sim.Commit().
	Sim *simulated.Backend
	// Owner, Operator and Treasury are DevKey("owner"), DevKey("operator")
	// and DevKey("treasury"), the contract's roles.
	Owner, Operator, Treasury *ecdsa.PrivateKey

	miner *autoMiner

	mu      sync.Mutex
	servers []*http.Server // ServeRPC's
}

// NewDev starts a dev chain and deploys SpaceStake on it.
func NewDev(opts DevOptions) (*Dev, error) {
	d := &Dev{Owner: DevKey("owner"), Operator: DevKey("operator"), Treasury: DevKey("treasury")}
	alloc := types.GenesisAlloc{}
	for addr, wei := range opts.Alloc {
		if wei == nil || wei.Sign() < 0 {
			return nil, fmt.Errorf("dev chain: genesis balance of %s is %v, want a non-negative amount", addr.Hex(), wei)
		}
		alloc[addr] = types.Account{Balance: new(big.Int).Set(wei)}
	}
	for _, k := range []*ecdsa.PrivateKey{d.Owner, d.Operator, d.Treasury} {
		addr := crypto.PubkeyToAddress(k.PublicKey)
		bal := new(big.Int).Set(devFunds)
		if a, ok := alloc[addr]; ok {
			bal.Add(bal, a.Balance)
		}
		alloc[addr] = types.Account{Balance: bal}
	}
	cfg := MainnetRulesConfig(big.NewInt(DevChainID))
	d.Sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = cfg
	})
	d.miner = &autoMiner{Client: d.Sim.Client(), sim: d.Sim}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addr, err := Deploy(ctx, d.miner, d.Owner, crypto.PubkeyToAddress(d.Owner.PublicKey),
		crypto.PubkeyToAddress(d.Operator.PublicKey), crypto.PubkeyToAddress(d.Treasury.PublicKey))
	if err != nil {
		d.Sim.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	if d.Client, err = NewClient(ctx, d.miner, addr); err != nil {
		d.Sim.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	return d, nil
}

// Close stops the RPC endpoints and the chain.
func (d *Dev) Close() error {
	d.mu.Lock()
	servers := d.servers
	d.servers = nil
	d.mu.Unlock()
	var err error
	for _, s := range servers {
		err = errors.Join(err, s.Close())
	}
	return errors.Join(err, d.Sim.Close())
}

// AdjustTime mines an empty block dur (whole seconds) later than the head,
// moving chain time forward, as refund timeouts and settlement deadlines
// need in tests.
func (d *Dev) AdjustTime(dur time.Duration) error {
	d.miner.mu.Lock()
	defer d.miner.mu.Unlock()
	if err := adjustTime(d.Sim, dur); err != nil {
		return fmt.Errorf("dev chain: adjust time by %s: %w", dur, err)
	}
	return nil
}

// adjustTime moves a simulated chain's clock. The simulated beacon refuses
// while its transaction pool lists pending transactions, and the pool
// forgets a mined one only when its reset, which runs in the background
// after each block, is done: so a refusal is retried for a while.
func adjustTime(sim *simulated.Backend, dur time.Duration) error {
	for tries := 0; ; tries++ {
		err := sim.AdjustTime(dur)
		if err == nil || tries == 200 || !strings.Contains(err.Error(), "non-empty block") {
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// autoMiner is the simulated chain's client with a SendTransaction that also
// mines the transaction into a block of its own. The lock makes concurrent
// sends take turns, so each block holds exactly one transaction and
// AdjustTime never meets a pending one.
type autoMiner struct {
	simulated.Client
	sim *simulated.Backend
	mu  sync.Mutex
}

// SendTransaction sends tx and mines it.
func (m *autoMiner) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	return m.mined(func() error { return m.Client.SendTransaction(ctx, tx) })
}

// mined runs send and, if it succeeded, seals a block with what it sent.
func (m *autoMiner) mined(send func() error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := send(); err != nil {
		return err
	}
	m.sim.Commit()
	return nil
}
