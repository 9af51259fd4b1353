// Package onchain connects an arena to its SpaceStake contract. Entry
// tickets staked on chain queue their agents, or are refused (with a
// reason the player can read) and refunded by the operator at once; what
// finished and aborted matches owe is signed by the operator, sent in
// batches, and checked against the chain's Settled events; entries
// refunded on chain leave their queues.
//
// Every step is safe to repeat, so a crash anywhere loses nothing and pays
// nothing twice: a stake is queued once (the arena remembers it), a
// refusal is stored before its refund is sent and the contract refunds an
// open ticket once, a settlement is stored with the match's result before
// anything is sent, its signature is stored before it is sent, and the
// contract settles a match at most once.
package onchain

import (
	"cmp"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
)

// Chain is what a Bridge needs of the contract; *contracts.Client has it.
type Chain interface {
	ChainID() *big.Int
	Address() common.Address
	Domain() contracts.Domain
	Head(ctx context.Context) (uint64, error)
	HeadTime(ctx context.Context) (time.Time, error)
	Space(ctx context.Context, id uint64) (contracts.Space, error)
	Settled(ctx context.Context, matchID common.Hash) (bool, error)
	Credit(ctx context.Context, token, account common.Address) (*big.Int, error)
	Treasury(ctx context.Context) (common.Address, error)
	Events(ctx context.Context, from, to uint64) ([]contracts.Event, error)
	CreateSpace(ctx context.Context, key *ecdsa.PrivateKey, id uint64, token common.Address, fee *big.Int, refundTimeout time.Duration) (*types.Receipt, error)
	Enter(ctx context.Context, key *ecdsa.PrivateKey, spaceID uint64, agent [32]byte, value *big.Int) (*big.Int, *types.Receipt, error)
	RefuseEntry(ctx context.Context, key *ecdsa.PrivateKey, ticket *big.Int, reason string) (bool, *types.Receipt, error)
	Settle(ctx context.Context, key *ecdsa.PrivateKey, batch []contracts.SignedSettlement) (*types.Receipt, error)
	Anchor(ctx context.Context, key *ecdsa.PrivateKey, agent, record [32]byte) (*types.Receipt, error)
	Bond(ctx context.Context, player common.Address) (*big.Int, error)
	Slash(ctx context.Context, key *ecdsa.PrivateKey, player common.Address, amount *big.Int, evidence [32]byte) (*types.Receipt, error)
	Backend() contracts.Backend
}

// Options configures a Bridge. Arena, Chain and Operator are required; the
// zero value of every other field means its default.
type Options struct {
	Arena *arena.Arena
	Chain Chain
	// Operator is the contract's operator key: it creates the Spaces,
	// signs settlements and sends them.
	Operator *ecdsa.PrivateKey
	// FromBlock is the first block to read events from: the contract's
	// deployment block (reading starts where it left off after that).
	FromBlock uint64
	// Confirmations is how many blocks an event waits under the head
	// before it is acted on (0 on a dev chain, a few on a real one).
	Confirmations uint64
	// Poll is how often Run reads the chain; zero means 1s.
	Poll time.Duration
	// Batch is the most settlements sent in one transaction; zero means 16.
	Batch int
	// BatchDelay is how long an owed settlement may wait for others to
	// share its transaction; zero sends at once.
	BatchDelay time.Duration
	// RefundTimeout is how long after entry a Space created here lets an
	// unsettled ticket be refunded; zero means 24h.
	RefundTimeout time.Duration
	// Validity is how far ahead of chain time a settlement's signature
	// expires; zero means 1h.
	Validity time.Duration
	// House holds the keys of the house agents' owners. With HouseWait, a
	// queue whose oldest entry has waited that long with too few players
	// is filled by staking house agents, so that every player of a match
	// is staked on chain.
	House     map[common.Address]*ecdsa.PrivateKey
	HouseWait time.Duration
	Logger    *slog.Logger
}

// Space is one fee tier of an arena Space as the contract knows it.
type Space struct {
	Space string
	Tier  int
	ID    uint64   // the contract's space id
	Fee   *big.Int // base units
}

// Bridge moves stakes and settlements between an arena and the chain. Its
// methods may be called from several goroutines; they take turns.
type Bridge struct {
	opts     Options
	a        *arena.Arena
	chain    Chain
	log      *slog.Logger
	operator common.Address
	// epoch names this chain instance (see New); stakes and the cursor are
	// kept under it.
	epoch  string
	spaces map[uint64]Space
	byTier map[string]uint64 // space/tier → contract space id

	mu    sync.Mutex
	house map[string]houseStake // by agent id
	// refundsFailed counts the refunds of refused stakes that reverted or
	// failed for a reason of their own (the node's failures aside), since
	// New; each is logged with the count, and tried again next pass.
	refundsFailed int
}

// New connects an arena to the chain: it names the chain instance, makes
// sure every paid tier of the arena's zero-sum ETH Spaces exists on chain
// (creating the missing ones as the operator), and drops queued entries
// staked on another chain instance.
func New(ctx context.Context, opts Options) (*Bridge, error) {
	switch {
	case opts.Arena == nil:
		return nil, errors.New("onchain: no arena")
	case opts.Chain == nil:
		return nil, errors.New("onchain: no chain")
	case opts.Operator == nil:
		return nil, errors.New("onchain: no operator key")
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Batch <= 0 {
		opts.Batch = 16
	}
	if opts.RefundTimeout <= 0 {
		opts.RefundTimeout = 24 * time.Hour
	}
	if opts.Validity <= 0 {
		opts.Validity = time.Hour
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bridge{
		opts: opts, a: opts.Arena, chain: opts.Chain, log: log.With("chain", opts.Chain.ChainID()),
		operator: crypto.PubkeyToAddress(opts.Operator.PublicKey),
		spaces:   make(map[uint64]Space), byTier: make(map[string]uint64), house: make(map[string]houseStake),
	}
	var err error
	if b.epoch, err = epoch(ctx, opts.Chain); err != nil {
		return nil, err
	}
	if err := b.register(ctx); err != nil {
		return nil, err
	}
	stale, err := b.a.Unqueue(func(t arena.Ticket) bool { return t.Stake != "" && !strings.HasPrefix(t.Stake, b.epoch+":") })
	if err != nil {
		return nil, err
	}
	if len(stale) > 0 {
		b.log.Warn("dropped queued entries staked on another chain instance", "entries", len(stale))
	}
	return b, nil
}

// epoch names a chain instance by its id, the contract's address and the
// hash of block 1, which differs between two runs of a dev chain whose
// ids and addresses are the same. Ticket ids restart with a new instance,
// so a stake is only ever matched with tickets of its own instance.
func epoch(ctx context.Context, c Chain) (string, error) {
	h, err := c.Backend().HeaderByNumber(ctx, big.NewInt(1))
	if err != nil {
		return "", fmt.Errorf("onchain: reading block 1: %w", err)
	}
	id := crypto.Keccak256(c.ChainID().Bytes(), c.Address().Bytes(), h.Hash().Bytes())
	return fmt.Sprintf("%x", id[:6]), nil
}

// Epoch names the chain instance the bridge works on.
func (b *Bridge) Epoch() string { return b.epoch }

// register finds or creates the contract Space of every paid tier of the
// arena's Spaces that can settle on chain: zero-sum Spaces paid in ETH.
// (A sponsored prize could not be paid from the staked pool.)
func (b *Bridge) register(ctx context.Context) error {
	specs, err := b.a.Spaces()
	if err != nil {
		return err
	}
	for _, spec := range specs {
		if !spec.Payout.ZeroSum || !strings.EqualFold(spec.Entry.Currency, "ETH") {
			continue
		}
		for tier := range spec.Entry.Tiers {
			fee, err := spec.Fee(tier)
			if err != nil {
				return err
			}
			if fee.Sign() == 0 {
				continue
			}
			id := contracts.ChainSpaceID(spec.ID, tier)
			got, err := b.chain.Space(ctx, id)
			if err != nil {
				return fmt.Errorf("onchain: space %s tier %d: %w", spec.ID, tier, err)
			}
			if !got.Exists {
				if _, err := b.chain.CreateSpace(ctx, b.opts.Operator, id, common.Address{}, fee, b.opts.RefundTimeout); err != nil {
					return fmt.Errorf("onchain: creating space %s tier %d: %w", spec.ID, tier, err)
				}
				b.log.Info("created space on chain", "space", spec.ID, "tier", tier, "id", id, "fee", fee)
			} else if got.EntryFee.Cmp(fee) != 0 || got.Token != (common.Address{}) {
				return fmt.Errorf("onchain: space %s tier %d: the contract's space %d takes %s of token %s, the spec says %s ETH base units",
					spec.ID, tier, id, got.EntryFee, got.Token, fee)
			}
			s := Space{Space: spec.ID, Tier: tier, ID: id, Fee: fee}
			b.spaces[id] = s
			b.byTier[tierKey(spec.ID, tier)] = id
		}
	}
	return nil
}

func tierKey(space string, tier int) string { return fmt.Sprintf("%s/%d", space, tier) }

// Spaces lists the Space tiers that take stakes on chain.
func (b *Bridge) Spaces() []Space {
	out := make([]Space, 0, len(b.spaces))
	for _, s := range b.spaces {
		out = append(out, s)
	}
	return out
}

// SpaceID returns the contract's id of a Space's fee tier, and whether it
// takes stakes on chain.
func (b *Bridge) SpaceID(space string, tier int) (uint64, bool) {
	id, ok := b.byTier[tierKey(space, tier)]
	return id, ok
}

// Stake enters an agent in a Space's tier on chain, paying the fee from
// key, which must be the agent's owner's. The agent is queued when Sync
// reads the ticket's Entered event.
func (b *Bridge) Stake(ctx context.Context, key *ecdsa.PrivateKey, ag agents.Agent, space string, tier int) (*big.Int, error) {
	id, ok := b.SpaceID(space, tier)
	if !ok {
		return nil, fmt.Errorf("onchain: space %s tier %d takes no stakes on chain", space, tier)
	}
	if from := crypto.PubkeyToAddress(key.PublicKey); !strings.EqualFold(from.Hex(), ag.Owner) {
		return nil, fmt.Errorf("onchain: stake for agent %s: %s does not own it (%s does)", ag.ID, from, ag.Owner)
	}
	agentKey, err := contracts.UUIDKey(ag.ID)
	if err != nil {
		return nil, err
	}
	ticket, _, err := b.chain.Enter(ctx, key, id, agentKey, b.spaces[id].Fee)
	return ticket, err
}

// Run syncs with the chain every Poll until ctx is done, then returns nil.
// A failed pass is logged and tried again.
func (b *Bridge) Run(ctx context.Context) error {
	t := time.NewTicker(b.opts.Poll)
	defer t.Stop()
	for {
		if err := b.Sync(ctx); err != nil && ctx.Err() == nil {
			b.log.Warn("chain sync failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Sync does one pass: house stakes where queues wait, the chain's new
// confirmed events, refunds of the stakes refused, then the settlements
// that are due.
func (b *Bridge) Sync(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.fillWithHouse(ctx); err != nil {
		return err
	}
	if err := b.readEvents(ctx); err != nil {
		return err
	}
	if err := b.refund(ctx); err != nil {
		return err
	}
	return b.settle(ctx, false)
}

// Flush reads the chain's events, refunds the stakes refused and sends
// every owed settlement now.
func (b *Bridge) Flush(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.readEvents(ctx); err != nil {
		return err
	}
	if err := b.refund(ctx); err != nil {
		return err
	}
	if err := b.settle(ctx, true); err != nil {
		return err
	}
	return b.readEvents(ctx)
}

// fillWithHouse stakes house agents into queues whose oldest entry has
// waited HouseWait with fewer players than the Space's minimum.
func (b *Bridge) fillWithHouse(ctx context.Context) error {
	if len(b.opts.House) == 0 || b.opts.HouseWait <= 0 {
		return nil
	}
	for id, p := range b.house {
		if time.Since(p.since) > b.opts.HouseWait+10*time.Minute {
			delete(b.house, id) // its stake was never seen: stop counting it
		}
	}
	var all []agents.Agent
	for _, s := range b.spaces {
		spec, err := b.a.Space(s.Space)
		if err != nil {
			return err
		}
		q, err := b.a.Queue(s.Space, s.Tier)
		if err != nil {
			return err
		}
		need := spec.Players.Min - len(q)
		queued := make(map[string]bool)
		for _, t := range q {
			queued[t.Agent] = true
		}
		for _, p := range b.house {
			if p.space == s.ID {
				need--
			}
		}
		if !spec.House || len(q) == 0 || need <= 0 || time.Since(q[0].Time) < b.opts.HouseWait {
			continue
		}
		if all == nil {
			if all, err = b.a.Agents(); err != nil {
				return err
			}
		}
		for _, ag := range all {
			key := b.opts.House[common.HexToAddress(ag.Owner)]
			if need == 0 || !ag.House || key == nil || queued[ag.ID] || b.house[ag.ID].space != 0 {
				continue
			}
			if _, err := b.Stake(ctx, key, ag, s.Space, s.Tier); err != nil {
				return fmt.Errorf("onchain: house stake for %s: %w", ag.Name, err)
			}
			b.house[ag.ID] = houseStake{space: s.ID, since: time.Now()}
			need--
		}
	}
	return nil
}

// houseStake is a house agent's stake sent but not yet queued.
type houseStake struct {
	space uint64
	since time.Time
}

// Info describes the contract for clients (GET /api/chain); rpc is the
// endpoint they may use, if any.
func (b *Bridge) Info(rpc string) *api.Chain {
	info := &api.Chain{ChainID: b.chain.ChainID().Int64(), Contract: b.chain.Address().Hex(), RPC: rpc, AgentKeyFormat: contracts.UUIDKeyFormat}
	for _, s := range b.Spaces() {
		info.Spaces = append(info.Spaces, api.ChainSpace{Space: s.Space, Tier: s.Tier, ID: s.ID, Fee: s.Fee.String()})
	}
	slices.SortFunc(info.Spaces, func(x, y api.ChainSpace) int {
		return cmp.Or(cmp.Compare(x.Space, y.Space), cmp.Compare(x.Tier, y.Tier))
	})
	return info
}

// Anchor records a proof-of-learning record's hash for an agent on chain,
// as the operator, and returns the transaction's hash.
func (b *Bridge) Anchor(ctx context.Context, agent string, record [32]byte) (string, error) {
	key, err := contracts.UUIDKey(agent)
	if err != nil {
		return "", err
	}
	r, err := b.chain.Anchor(ctx, b.opts.Operator, key, record)
	if err != nil {
		return "", err
	}
	return r.TxHash.Hex(), nil
}

// Challenge is the hash of the block that holds a transaction: for a
// record anchored there, a value its trainer could not know while
// training, which picks the segments a verifier re-executes.
func (b *Bridge) Challenge(ctx context.Context, tx string) ([]byte, error) {
	if len(tx) != 66 || !strings.HasPrefix(tx, "0x") {
		return nil, fmt.Errorf("onchain: %q is not a transaction hash", tx)
	}
	r, err := b.chain.Backend().TransactionReceipt(ctx, common.HexToHash(tx))
	if err != nil {
		return nil, fmt.Errorf("onchain: anchoring transaction %s: %w", tx, err)
	}
	return r.BlockHash.Bytes(), nil
}

// Slash takes a trainer's whole bond, citing evidence (such as the hash
// of a record that failed verification); a trainer with no bond loses
// nothing, and that is no error.
func (b *Bridge) Slash(ctx context.Context, trainer common.Address, evidence [32]byte) (*big.Int, error) {
	bond, err := b.chain.Bond(ctx, trainer)
	if err != nil || bond.Sign() == 0 {
		return new(big.Int), err
	}
	if _, err := b.chain.Slash(ctx, b.opts.Operator, trainer, bond, evidence); err != nil {
		return nil, err
	}
	b.log.Warn("slashed a trainer's bond", "trainer", trainer, "amount", bond, "evidence", common.Hash(evidence))
	return bond, nil
}
