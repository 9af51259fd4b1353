package contracts

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/rlfc/arena/contracts/internal/testcontracts"
	"github.com/rlfc/arena/contracts/spacestake"
)

// simChainID is the simulated backend's fixed chain id.
var simChainID = big.NewInt(1337)

var (
	ether       = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	stakeABI    = spacestake.NewSpaceStake()
	tokenABI    = testcontracts.NewTestToken()
	attackerABI = testcontracts.NewReentrantWithdrawer()
)

// eth returns n ether in wei.
func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), ether) }

// testKey derives a fixed key from a label, so accounts are the same every run.
func testKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("arena test key: " + label)))
	if err != nil {
		panic(err)
	}
	return key
}

func addrOf(key *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(key.PublicKey) }

// chain is a simulated chain running mainnet (Osaka) rules with a deployed
// SpaceStake contract and funded accounts.
type chain struct {
	t        *testing.T
	sim      *simulated.Backend
	client   simulated.Client
	owner    *ecdsa.PrivateKey
	operator *ecdsa.PrivateKey
	treasury *ecdsa.PrivateKey
	relayer  *ecdsa.PrivateKey // an unprivileged account that relays settlements
	players  []*ecdsa.PrivateKey
	addr     common.Address
	stake    *bind.BoundContract
	domain   Domain
	matchSeq int
	// deadline, when set, is every new settlement's deadline instead of an
	// hour from the head block (which follows the wall clock).
	deadline *big.Int
}

func newChain(t *testing.T, players int) *chain {
	t.Helper()
	c := &chain{
		t:        t,
		owner:    testKey("owner"),
		operator: testKey("operator"),
		treasury: testKey("treasury"),
		relayer:  testKey("relayer"),
	}
	for i := range players {
		c.players = append(c.players, testKey(fmt.Sprintf("player %d", i)))
	}
	alloc := types.GenesisAlloc{}
	for _, k := range append([]*ecdsa.PrivateKey{c.owner, c.operator, c.treasury, c.relayer}, c.players...) {
		alloc[addrOf(k)] = types.Account{Balance: eth(1000)}
	}
	cfg := MainnetRulesConfig(simChainID)
	c.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = cfg
	})
	t.Cleanup(func() { c.sim.Close() })
	c.client = c.sim.Client()

	c.addr = c.deploy(c.owner, spacestake.SpaceStakeMetaData.Bin,
		stakeABI.PackConstructor(addrOf(c.owner), addrOf(c.operator), addrOf(c.treasury)))
	c.stake = stakeABI.Instance(c.client, c.addr)
	c.domain = NewDomain(simChainID, c.addr)
	return c
}

func (c *chain) opts(key *ecdsa.PrivateKey, value *big.Int) *bind.TransactOpts {
	opts := bind.NewKeyedTransactor(key, simChainID)
	opts.Value = value
	opts.Context = context.Background()
	return opts
}

// deploy deploys creation code (hex with 0x) with constructor input and mines it.
func (c *chain) deploy(key *ecdsa.PrivateKey, binHex string, ctorInput []byte) common.Address {
	c.t.Helper()
	code := common.FromHex(binHex)
	addr, tx, err := bind.DeployContract(c.opts(key, nil), code, c.client, ctorInput)
	if err != nil {
		c.t.Fatalf("deploy: %v", err)
	}
	c.sim.Commit()
	c.receipt(tx)
	return addr
}

// try sends a transaction to contract `to` and mines it. A transaction that
// would revert is refused at gas estimation; the error is returned with the
// revert decoded (see revertName).
func (c *chain) try(key *ecdsa.PrivateKey, to *bind.BoundContract, data []byte, value *big.Int) (*types.Receipt, error) {
	c.t.Helper()
	tx, err := bind.Transact(to, c.opts(key, value), data)
	if err != nil {
		return nil, err
	}
	c.sim.Commit()
	return c.receipt(tx), nil
}

// do is try for a transaction that must succeed.
func (c *chain) do(key *ecdsa.PrivateKey, to *bind.BoundContract, data []byte, value *big.Int) *types.Receipt {
	c.t.Helper()
	r, err := c.try(key, to, data, value)
	if err != nil {
		c.t.Fatalf("transaction reverted: %s (%v)", revertName(err), err)
	}
	return r
}

// mustRevert sends a transaction that must revert with the named custom error.
func (c *chain) mustRevert(want string, key *ecdsa.PrivateKey, to *bind.BoundContract, data []byte, value *big.Int) {
	c.t.Helper()
	_, err := c.try(key, to, data, value)
	if err == nil {
		c.t.Fatalf("want revert %s, transaction succeeded", want)
	}
	if got := revertName(err); got != want {
		c.t.Fatalf("want revert %s, got %s (%v)", want, got, err)
	}
}

func (c *chain) receipt(tx *types.Transaction) *types.Receipt {
	c.t.Helper()
	r, err := c.client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		c.t.Fatalf("receipt: %v", err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		c.t.Fatalf("transaction %s failed on chain", tx.Hash())
	}
	return r
}

// call runs a view function.
func call[T any](c *chain, to *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	c.t.Helper()
	v, err := bind.Call(to, &bind.CallOpts{Context: context.Background()}, data, unpack)
	if err != nil {
		c.t.Fatalf("call: %s (%v)", revertName(err), err)
	}
	return v
}

func (c *chain) balance(a common.Address) *big.Int {
	c.t.Helper()
	b, err := c.client.BalanceAt(context.Background(), a, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

func (c *chain) now() uint64 {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h.Time
}

// advance mines an empty block d later than the head, moving the chain's clock.
func (c *chain) advance(d time.Duration) {
	c.t.Helper()
	if err := adjustTime(c.sim, d); err != nil {
		c.t.Fatal(err)
	}
}

func (c *chain) credit(token, account common.Address) *big.Int {
	return call(c, c.stake, stakeABI.PackCredits(token, account), stakeABI.UnpackCredits)
}

// createSpace creates a Space as the operator.
func (c *chain) createSpace(id int64, token common.Address, fee *big.Int, timeout time.Duration) {
	c.t.Helper()
	c.do(c.operator, c.stake, stakeABI.PackCreateSpace(big.NewInt(id), token, fee, big.NewInt(int64(timeout/time.Second))), nil)
}

// enter enters player into an ETH Space and returns the ticket id.
func (c *chain) enter(player *ecdsa.PrivateKey, space int64, fee *big.Int) *big.Int {
	c.t.Helper()
	r := c.do(player, c.stake, stakeABI.PackEnter(big.NewInt(space), agentID(addrOf(player))), fee)
	return c.ticketOf(r)
}

// enterMany enters every player in one block and returns the ticket ids in order.
func (c *chain) enterMany(players []*ecdsa.PrivateKey, space int64, fee *big.Int) []*big.Int {
	c.t.Helper()
	var txs []*types.Transaction
	for _, p := range players {
		tx, err := bind.Transact(c.stake, c.opts(p, fee), stakeABI.PackEnter(big.NewInt(space), agentID(addrOf(p))))
		if err != nil {
			c.t.Fatalf("enter: %s (%v)", revertName(err), err)
		}
		txs = append(txs, tx)
	}
	c.sim.Commit()
	var ids []*big.Int
	for _, tx := range txs {
		ids = append(ids, c.ticketOf(c.receipt(tx)))
	}
	return ids
}

func (c *chain) ticketOf(r *types.Receipt) *big.Int {
	c.t.Helper()
	for _, l := range r.Logs {
		if ev, err := stakeABI.UnpackEnteredEvent(l); err == nil {
			return ev.TicketId
		}
	}
	c.t.Fatal("no Entered event")
	return nil
}

func agentID(player common.Address) [32]byte { return crypto.Keccak256Hash([]byte("agent"), player[:]) }

// settlement builds a settlement of tickets paying amounts to payees, with a
// fresh match id and a deadline an hour ahead.
func (c *chain) settlement(space int64, tickets []*big.Int, payees []common.Address, amounts []*big.Int, rake *big.Int) Settlement {
	c.matchSeq++
	deadline := new(big.Int).SetUint64(c.now() + 3600)
	if c.deadline != nil {
		deadline = c.deadline
	}
	return Settlement{
		MatchID:  crypto.Keccak256Hash([]byte(fmt.Sprintf("match %d", c.matchSeq))),
		SpaceID:  big.NewInt(space),
		Tickets:  tickets,
		Payees:   payees,
		Amounts:  amounts,
		Slashed:  []*big.Int{},
		Rake:     rake,
		Deadline: deadline,
	}
}

// sign signs s as the chain's operator (or another key).
func (c *chain) sign(key *ecdsa.PrivateKey, s Settlement) []byte {
	c.t.Helper()
	sig, err := SignSettlement(key, c.domain, s)
	if err != nil {
		c.t.Fatal(err)
	}
	return sig
}

func (c *chain) settleData(s Settlement, sig []byte) []byte {
	return stakeABI.PackSettle(s.Binding(), sig)
}

// errorABIs are the ABIs whose custom errors a revert may carry.
var errorABIs = []abi.ABI{stakeABI.GetABI(), tokenABI.GetABI(), attackerABI.GetABI()}

// revertName returns the custom error's name carried by a revert error, or
// a description of what the error was when it carries none.
func revertName(err error) string {
	re := ParseRevertError(err, errorABIs...)
	if re == nil {
		return "no revert data: " + err.Error()
	}
	return revertNameOf(re)
}

// errorNameOf names the custom error a revert payload starts with.
func errorNameOf(data []byte) string { return revertNameOf(DecodeRevert(data, errorABIs...)) }

func revertNameOf(re *RevertError) string {
	switch {
	case len(re.Data) < 4:
		return fmt.Sprintf("short revert data %x", re.Data)
	case re.Name == "":
		return fmt.Sprintf("unknown error %x", re.Data[:4])
	case re.Name == "Error" && len(re.Args) == 1:
		return fmt.Sprintf("Error(%v)", re.Args[0].Value)
	}
	return re.Name
}

func bigs(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

func wantBig(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s = %s, want %s", what, got, want)
	}
}

// gasCost is what a receipt's transaction cost its sender in wei.
func gasCost(r *types.Receipt) *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}
