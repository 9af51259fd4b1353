package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/onchain"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/lora/embedded"
)

// devFunds is what each dev wallet starts with: 100 ETH.
var devFunds = new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))

// devChain starts an in-process simulated chain with SpaceStake deployed,
// funds the wallets of keys (and extra addresses), and connects the arena
// to it with the dev operator, the keys' owners staking for house agents.
func devChain(ctx context.Context, a *arena.Arena, keys map[common.Address]*ecdsa.PrivateKey, opts onchain.Options, extra ...common.Address) (*contracts.Dev, *onchain.Bridge, error) {
	alloc := make(map[common.Address]*big.Int)
	for addr := range keys {
		alloc[addr] = devFunds
	}
	for _, addr := range extra {
		alloc[addr] = devFunds
	}
	chain, err := contracts.NewDev(contracts.DevOptions{Alloc: alloc})
	if err != nil {
		return nil, nil, err
	}
	opts.Arena, opts.Chain, opts.Operator, opts.House = a, chain.Client, chain.Operator, keys
	bridge, err := onchain.New(ctx, opts)
	if err != nil {
		chain.Close()
		return nil, nil, err
	}
	return chain, bridge, nil
}

// houseKey is the dev wallet a house agent stakes from on a dev chain.
func houseKey(name string) *ecdsa.PrivateKey { return contracts.DevKey("house " + name) }

// houseOwner is a house agent's owner on a dev chain: its wallet.
func houseOwner(name string) string { return crypto.PubkeyToAddress(houseKey(name).PublicKey).Hex() }

// houseKeys are the house agents' dev wallets, by address.
func houseKeys() map[common.Address]*ecdsa.PrivateKey {
	keys := make(map[common.Address]*ecdsa.PrivateKey)
	for _, ag := range arena.House(embedded.Name) {
		k := houseKey(ag.Name)
		keys[crypto.PubkeyToAddress(k.PublicKey)] = k
	}
	return keys
}

// devKeyAddress is the address of a dev key.
func devKeyAddress(label string) common.Address {
	return crypto.PubkeyToAddress(contracts.DevKey(label).PublicKey)
}

// nodeFlags name an Ethereum node and the SpaceStake contract on it.
type nodeFlags struct {
	rpc, contract *string
}

func addNodeFlags(f *flags) nodeFlags {
	return nodeFlags{
		rpc:      f.String("rpc", "", "JSON-RPC `URL` of an Ethereum node (http, https, ws or wss)"),
		contract: f.String("contract", "", "`address` of the SpaceStake contract"),
	}
}

// dial connects to the contract, refusing a node on a chain other than
// chainID (nil accepts any). A missing or malformed flag is a usage error
// that names it.
func (nf nodeFlags) dial(ctx context.Context, chainID *big.Int) (*contracts.Client, error) {
	if *nf.rpc == "" {
		return nil, usageError{errors.New("--rpc is required: the JSON-RPC URL of a node (or set ARENA_RPC)")}
	}
	if !common.IsHexAddress(*nf.contract) {
		return nil, usageError{fmt.Errorf("--contract %q is not an address (0x and 40 hex digits)", *nf.contract)}
	}
	return contracts.Dial(ctx, *nf.rpc, common.HexToAddress(*nf.contract), chainID)
}

// chainFlags name the chain that takes an arena's stakes and the operator
// key that serves it.
type chainFlags struct {
	nodeFlags
	operatorKey, passwordFile *string
	confirmations, fromBlock  *uint64
}

func addChainFlags(f *flags) chainFlags {
	return chainFlags{
		nodeFlags:     addNodeFlags(f),
		operatorKey:   f.String("operator-key-file", "", "`file` holding the contract operator's key: 64 hex digits, or a keystore V3 file with --operator-password-file"),
		passwordFile:  f.String("operator-password-file", "", "`file` holding the operator keystore's password"),
		confirmations: f.Uint64("confirmations", 2, "blocks an event waits under the head before the arena acts on it"),
		fromBlock:     f.Uint64("from-block", 0, "block to start reading the contract's events from (its deployment)"),
	}
}

// dial connects to the contract on chainID and reads the operator's key,
// filling in the bridge options the flags set.
func (cf chainFlags) dial(ctx context.Context, chainID *big.Int, opts *onchain.Options) (*contracts.Client, error) {
	if *cf.operatorKey == "" {
		return nil, usageError{errors.New("--rpc needs --operator-key-file: the operator signs settlements")}
	}
	key, err := readWalletKey(*cf.operatorKey, *cf.passwordFile)
	if err != nil {
		return nil, err
	}
	c, err := cf.nodeFlags.dial(ctx, chainID)
	if err != nil {
		return nil, err
	}
	opts.Chain, opts.Operator = c, key
	opts.Confirmations, opts.FromBlock = *cf.confirmations, *cf.fromBlock
	return c, nil
}

// loadTrainerKey reads the key that signs this data directory's training
// records, making it on first use.
func loadTrainerKey(path string) (*ecdsa.PrivateKey, error) {
	key, err := crypto.LoadECDSA(path)
	if err == nil {
		return key, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("trainer key %s: %w", path, err)
	}
	if key, err = crypto.GenerateKey(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	return key, crypto.SaveECDSA(path, key)
}
