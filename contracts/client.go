package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/rlfc/arena/contracts/spacestake"
)

// Backend is the chain connection a Client uses: *ethclient.Client and
// simulated.Client both satisfy it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
}

// stakeBinding packs and unpacks SpaceStake calls, events and errors.
var stakeBinding = spacestake.NewSpaceStake()

// Client talks to one deployed SpaceStake contract. Safe for concurrent use;
// it serialises sends so nonces never collide.
type Client struct {
	b       Backend
	addr    common.Address
	chainID *big.Int
	closer  func() // closes a connection Dial opened; nil otherwise
	tx      *transactor
}

// Dial connects to a JSON-RPC node at url (http, https, ws or wss) and returns
// a Client for the SpaceStake contract at contract. When chainID is not nil a
// node on another chain is refused, so a key is never used on a chain its
// owner did not mean. An address without code is refused too. Its errors
// show the URL's scheme and host only: providers put API keys in the rest.
func Dial(ctx context.Context, url string, contract common.Address, chainID *big.Int) (*Client, error) {
	if url == "" {
		return nil, errors.New("no RPC URL given")
	}
	ec, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, redactError(fmt.Errorf("connect to %s: %w", redactURL(url), err), url)
	}
	got, err := ec.ChainID(ctx)
	if err != nil {
		ec.Close()
		return nil, redactError(fmt.Errorf("ask the node at %s for its chain id: %w", redactURL(url), err), url)
	}
	if chainID != nil && got.Cmp(chainID) != 0 {
		ec.Close()
		return nil, fmt.Errorf("the node at %s is on chain %s, not chain %s", redactURL(url), got, chainID)
	}
	c, err := newClient(ctx, ec, contract, got)
	if err != nil {
		ec.Close()
		return nil, redactError(err, url)
	}
	c.closer = ec.Close
	return c, nil
}

// redactedError is an error whose message has the RPC URL hidden; it still
// unwraps to the original, for errors.Is and errors.As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redactError hides url in err's message: net/http quotes the whole URL in
// its errors.
func redactError(err error, url string) error {
	if err == nil || !strings.Contains(err.Error(), url) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), url, redactURL(url)), err: err}
}

// redactURL keeps an RPC URL's scheme and host only: providers put API keys
// in the path or the user info, and errors end up in logs.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "the RPC URL given"
	}
	if u.User == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == "" {
		return raw
	}
	return u.Scheme + "://" + u.Host + "/…"
}

// NewClient returns a Client for the SpaceStake contract at contract on the
// chain b is connected to. It reads the chain id from b and refuses an
// address that holds no SpaceStake.
func NewClient(ctx context.Context, b Backend, contract common.Address) (*Client, error) {
	id, err := b.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the chain id: %w", err)
	}
	return newClient(ctx, b, contract, id)
}

func newClient(ctx context.Context, b Backend, contract common.Address, chainID *big.Int) (*Client, error) {
	code, err := b.CodeAt(ctx, contract, nil)
	if err != nil {
		return nil, fmt.Errorf("read the code at %s: %w", contract.Hex(), err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("no contract at %s on chain %s", contract.Hex(), chainID)
	}
	c := &Client{b: b, addr: contract, chainID: new(big.Int).Set(chainID), tx: newTransactor(b, chainID)}
	// Settlements are signed for a domain naming the contract: checking the
	// contract's own domain catches a wrong address before anything is signed.
	d, err := viewCall(ctx, c, stakeBinding.PackEip712Domain(), stakeBinding.UnpackEip712Domain)
	if err != nil || d.Name != DomainName || d.Version != DomainVersion {
		return nil, fmt.Errorf("the contract at %s on chain %s is not a SpaceStake", contract.Hex(), chainID)
	}
	if d.ChainId == nil || d.ChainId.Cmp(chainID) != 0 || d.VerifyingContract != contract {
		return nil, fmt.Errorf("the SpaceStake at %s reports domain chain %v, contract %s; want chain %s, contract %s",
			contract.Hex(), d.ChainId, d.VerifyingContract.Hex(), chainID, contract.Hex())
	}
	return c, nil
}

// Deploy deploys a SpaceStake contract signed by key, waits until it is
// mined and returns its address. The owner rotates the operator and sets the
// treasury; the operator signs settlements and creates Spaces; the treasury
// is credited rakes.
func Deploy(ctx context.Context, b Backend, key *ecdsa.PrivateKey, owner, operator, treasury common.Address) (common.Address, error) {
	chainID, err := b.ChainID(ctx)
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy SpaceStake: read the chain id: %w", err)
	}
	code := append(common.FromHex(spacestake.SpaceStakeMetaData.Bin), stakeBinding.PackConstructor(owner, operator, treasury)...)
	r, err := newTransactor(b, chainID).send(ctx, key, nil, code, nil)
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy SpaceStake: %w", err)
	}
	if got, err := b.CodeAt(ctx, r.ContractAddress, nil); err != nil || len(got) == 0 {
		return common.Address{}, fmt.Errorf("deploy SpaceStake: no code at %s after transaction %s", r.ContractAddress.Hex(), r.TxHash.Hex())
	}
	return r.ContractAddress, nil
}

// Address is the contract's address.
func (c *Client) Address() common.Address { return c.addr }

// ChainID is the id of the chain the contract is on.
func (c *Client) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Domain is the EIP-712 domain settlements for this contract are signed under.
func (c *Client) Domain() Domain { return NewDomain(c.chainID, c.addr) }

// Backend is the chain connection.
func (c *Client) Backend() Backend { return c.b }

// Close closes the RPC connection Dial opened; for a Client made with
// NewClient it does nothing, as the caller owns the backend.
func (c *Client) Close() {
	if c.closer != nil {
		c.closer()
	}
}

// Head is the number of the chain's latest block.
func (c *Client) Head(ctx context.Context) (uint64, error) {
	n, err := c.b.BlockNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("read the head block number: %w", err)
	}
	return n, nil
}

// HeadTime is the latest block's timestamp. Settlement deadlines and refund
// times are judged by the contract against chain time, which can differ from
// the local clock (on a dev chain by a lot), so they should be set from this.
func (c *Client) HeadTime(ctx context.Context) (time.Time, error) {
	h, err := c.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("read the head block: %w", err)
	}
	return time.Unix(int64(h.Time), 0), nil
}

// Balance is account's native (ETH) balance at the head block.
func (c *Client) Balance(ctx context.Context, account common.Address) (*big.Int, error) {
	b, err := c.b.BalanceAt(ctx, account, nil)
	if err != nil {
		return nil, fmt.Errorf("read the balance of %s: %w", account.Hex(), err)
	}
	return b, nil
}

// Credit is what account can withdraw from the contract in token
// (the zero address for ETH).
func (c *Client) Credit(ctx context.Context, token, account common.Address) (*big.Int, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackCredits(token, account), stakeBinding.UnpackCredits)
	if err != nil {
		return nil, fmt.Errorf("read the credit of %s: %w", account.Hex(), err)
	}
	return v, nil
}

// Operator is the account whose signature settles matches.
func (c *Client) Operator(ctx context.Context) (common.Address, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackOperator(), stakeBinding.UnpackOperator)
	if err != nil {
		return common.Address{}, fmt.Errorf("read the operator: %w", err)
	}
	return v, nil
}

// Treasury is the account credited rakes and pool remainders.
func (c *Client) Treasury(ctx context.Context) (common.Address, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackTreasury(), stakeBinding.UnpackTreasury)
	if err != nil {
		return common.Address{}, fmt.Errorf("read the treasury: %w", err)
	}
	return v, nil
}

// Space is a Space's settings on chain. Exists is false (and the rest zero)
// for an id never created.
type Space struct {
	ID            uint64
	Token         common.Address // the zero address for ETH
	EntryFee      *big.Int
	RefundTimeout time.Duration
	Exists        bool
}

// Space reads the Space with the given id.
func (c *Client) Space(ctx context.Context, id uint64) (Space, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackGetSpace(new(big.Int).SetUint64(id)), stakeBinding.UnpackGetSpace)
	if err != nil {
		return Space{}, fmt.Errorf("read space %d: %w", id, err)
	}
	return Space{
		ID:            id,
		Token:         v.Token,
		EntryFee:      v.EntryFee,
		RefundTimeout: time.Duration(v.RefundTimeout.Int64()) * time.Second, // at most 365 days, by the contract
		Exists:        v.Exists,
	}, nil
}

// Settled reports whether the match has been settled.
func (c *Client) Settled(ctx context.Context, matchID common.Hash) (bool, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackSettledMatches(matchID), stakeBinding.UnpackSettledMatches)
	if err != nil {
		return false, fmt.Errorf("read whether match %s is settled: %w", matchID.Hex(), err)
	}
	return v, nil
}

// Ticket is an entry ticket. The contract deletes a ticket once it is settled
// or refunded, so a closed (or never issued) ticket has Open false and the
// other fields zero.
type Ticket struct {
	ID       *big.Int
	Player   common.Address
	SpaceID  uint64
	RefundAt time.Time // when the player may take the fee back if the ticket is still open
	Open     bool
}

// Ticket reads the ticket with the given id.
func (c *Client) Ticket(ctx context.Context, id *big.Int) (Ticket, error) {
	if id == nil || id.Sign() < 0 || id.BitLen() > 256 {
		return Ticket{}, fmt.Errorf("read ticket: %v is not a ticket id (a uint256)", id)
	}
	v, err := viewCall(ctx, c, stakeBinding.PackTickets(id), stakeBinding.UnpackTickets)
	if err != nil {
		return Ticket{}, fmt.Errorf("read ticket %s: %w", id, err)
	}
	t := Ticket{ID: new(big.Int).Set(id), Player: v.Player, Open: v.Player != common.Address{}}
	if t.Open {
		t.SpaceID = v.SpaceId.Uint64()                // a uint48
		t.RefundAt = time.Unix(v.RefundAt.Int64(), 0) // a uint48
	}
	return t, nil
}

// viewCall runs a view function at the head block. A revert comes back as a
// *RevertError.
func viewCall[T any](ctx context.Context, c *Client, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := c.b.CallContract(ctx, ethereum.CallMsg{To: &c.addr, Data: data}, nil)
	if err != nil {
		if re := ParseRevertError(err); re != nil {
			return zero, re
		}
		return zero, err
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("decode the answer: %w", err)
	}
	return v, nil
}

// CreateSpace creates a Space (key must be the operator's): entries cost fee
// in token (the zero address for ETH), and tickets not settled within
// refundTimeout (whole seconds, at most 365 days) can be refunded.
func (c *Client) CreateSpace(ctx context.Context, key *ecdsa.PrivateKey, id uint64, token common.Address, fee *big.Int, refundTimeout time.Duration) (*types.Receipt, error) {
	what := fmt.Sprintf("create space %d", id)
	if refundTimeout <= 0 || refundTimeout%time.Second != 0 {
		return nil, fmt.Errorf("%s: refund timeout %s is not a positive whole number of seconds", what, refundTimeout)
	}
	if fee == nil {
		return nil, fmt.Errorf("%s: no entry fee given", what)
	}
	data, err := stakeBinding.TryPackCreateSpace(new(big.Int).SetUint64(id), token, fee, big.NewInt(int64(refundTimeout/time.Second)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c.transact(ctx, what, key, data, nil)
}

// Enter escrows one ticket for agent in a Space, paying value (the entry fee
// for an ETH Space; nil or zero for a token Space, whose fee must have been
// approved). It returns the new ticket's id, read from the Entered event.
func (c *Client) Enter(ctx context.Context, key *ecdsa.PrivateKey, spaceID uint64, agent [32]byte, value *big.Int) (*big.Int, *types.Receipt, error) {
	what := fmt.Sprintf("enter space %d", spaceID)
	r, err := c.transact(ctx, what, key, stakeBinding.PackEnter(new(big.Int).SetUint64(spaceID), agent), value)
	if err != nil {
		return nil, r, err
	}
	for _, l := range r.Logs {
		if l.Address != c.addr {
			continue
		}
		if ev, err := stakeBinding.UnpackEnteredEvent(l); err == nil {
			return ev.TicketId, r, nil
		}
	}
	return nil, r, fmt.Errorf("%s: transaction %s has no Entered event", what, r.TxHash.Hex())
}

// QuoteEnter prices Enter for the account from, before it is signed: a
// wallet shows this and asks.
func (c *Client) QuoteEnter(ctx context.Context, from common.Address, spaceID uint64, agent [32]byte, value *big.Int) (Quote, error) {
	return c.tx.quote(ctx, from, &c.addr, stakeBinding.PackEnter(new(big.Int).SetUint64(spaceID), agent), value)
}

// QuoteWithdraw prices Withdraw of token (the zero address for ETH) for
// the account from.
func (c *Client) QuoteWithdraw(ctx context.Context, from, token common.Address) (Quote, error) {
	return c.tx.quote(ctx, from, &c.addr, stakeBinding.PackWithdraw(token), nil)
}

// Settle relays signed settlements: settle() for one, settleBatch() (all or
// none) for more. Every settlement is validated before anything is sent.
func (c *Client) Settle(ctx context.Context, key *ecdsa.PrivateKey, batch []SignedSettlement) (*types.Receipt, error) {
	if len(batch) == 0 {
		return nil, errors.New("settle: no settlements given")
	}
	for i, s := range batch {
		if err := s.Settlement.Validate(); err != nil {
			return nil, fmt.Errorf("settle: settlement %d (match %s): %w", i, s.Settlement.MatchID.Hex(), err)
		}
	}
	var (
		what string
		data []byte
		err  error
	)
	if len(batch) == 1 {
		what = "settle match " + batch[0].Settlement.MatchID.Hex()
		data, err = stakeBinding.TryPackSettle(batch[0].Settlement.Binding(), batch[0].Signature)
	} else {
		what = fmt.Sprintf("settle %d matches", len(batch))
		ss := make([]spacestake.SpaceStakeSettlement, len(batch))
		sigs := make([][]byte, len(batch))
		for i, s := range batch {
			ss[i], sigs[i] = s.Settlement.Binding(), s.Signature
		}
		data, err = stakeBinding.TryPackSettleBatch(ss, sigs)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c.transact(ctx, what, key, data, nil)
}

// Withdraw pays key's account everything credited to it in token (the zero
// address for ETH) and returns the amount, read from the Withdrawn event.
func (c *Client) Withdraw(ctx context.Context, key *ecdsa.PrivateKey, token common.Address) (*big.Int, *types.Receipt, error) {
	what := "withdraw"
	r, err := c.transact(ctx, what, key, stakeBinding.PackWithdraw(token), nil)
	if err != nil {
		return nil, r, err
	}
	for _, l := range r.Logs {
		if l.Address != c.addr {
			continue
		}
		if ev, err := stakeBinding.UnpackWithdrawnEvent(l); err == nil {
			return ev.Amount, r, nil
		}
	}
	return nil, r, fmt.Errorf("%s: transaction %s has no Withdrawn event", what, r.TxHash.Hex())
}

// Bond is a player's slashable bond in the contract.
func (c *Client) Bond(ctx context.Context, player common.Address) (*big.Int, error) {
	v, err := viewCall(ctx, c, stakeBinding.PackBonds(player), stakeBinding.UnpackBonds)
	if err != nil {
		return nil, fmt.Errorf("read the bond of %s: %w", player.Hex(), err)
	}
	return v, nil
}

// PostBond adds value wei to key's bond.
func (c *Client) PostBond(ctx context.Context, key *ecdsa.PrivateKey, value *big.Int) (*types.Receipt, error) {
	return c.transact(ctx, "bond", key, stakeBinding.PackBond(), value)
}

// Slash takes amount of a player's bond to the treasury, citing evidence
// (key must be the operator's).
func (c *Client) Slash(ctx context.Context, key *ecdsa.PrivateKey, player common.Address, amount *big.Int, evidence [32]byte) (*types.Receipt, error) {
	return c.transact(ctx, fmt.Sprintf("slash %s of %s", amount, player.Hex()), key, stakeBinding.PackSlash(player, amount, evidence), nil)
}

// Refund takes back the fee of an open ticket whose refund time has passed.
func (c *Client) Refund(ctx context.Context, key *ecdsa.PrivateKey, ticket *big.Int) (*types.Receipt, error) {
	if ticket == nil || ticket.Sign() < 0 || ticket.BitLen() > 256 {
		return nil, fmt.Errorf("refund: %v is not a ticket id (a uint256)", ticket)
	}
	return c.transact(ctx, "refund ticket "+ticket.String(), key, stakeBinding.PackRefund(ticket), nil)
}

// RefuseEntry gives an open ticket's fee back at once (key must be the
// operator's), for an entry the arena will not queue; reason is a short
// code saying why (at most 32 bytes of printable ASCII), kept in the
// EntryRefused event. The player is paid directly, or credited when its
// account refuses the payment: credited says which, read from the event.
// A ticket already settled or refunded reverts TicketClosed.
func (c *Client) RefuseEntry(ctx context.Context, key *ecdsa.PrivateKey, ticket *big.Int, reason string) (credited bool, r *types.Receipt, err error) {
	if ticket == nil || ticket.Sign() < 0 || ticket.BitLen() > 256 {
		return false, nil, fmt.Errorf("refuse entry: %v is not a ticket id (a uint256)", ticket)
	}
	what := "refuse entry " + ticket.String()
	code, err := ReasonCode(reason)
	if err != nil {
		return false, nil, fmt.Errorf("%s: %w", what, err)
	}
	r, err = c.transact(ctx, what, key, stakeBinding.PackRefuseEntry(ticket, code), nil)
	if err != nil {
		return false, r, err
	}
	for _, l := range r.Logs {
		if l.Address != c.addr {
			continue
		}
		if ev, err := stakeBinding.UnpackEntryRefusedEvent(l); err == nil {
			return ev.Credited, r, nil
		}
	}
	return false, r, fmt.Errorf("%s: transaction %s has no EntryRefused event", what, r.TxHash.Hex())
}

// ReasonCode packs a refusal reason into the contract's bytes32: its
// bytes left-aligned, zero-padded. It takes 1 to 32 bytes of printable
// ASCII, so that ReasonText gives back the same string.
func ReasonCode(reason string) ([32]byte, error) {
	var code [32]byte
	if reason == "" || len(reason) > len(code) {
		return code, fmt.Errorf("reason %q must be 1 to 32 bytes long", reason)
	}
	for i := range len(reason) {
		if reason[i] < 0x20 || reason[i] > 0x7e {
			return code, fmt.Errorf("reason %q is not printable ASCII", reason)
		}
	}
	copy(code[:], reason)
	return code, nil
}

// ReasonText is the reverse of ReasonCode: the reason a bytes32 holds,
// its trailing zero bytes dropped.
func ReasonText(code [32]byte) string {
	return strings.TrimRight(string(code[:]), "\x00")
}

// Anchor records a proof-of-learning record hash for an agent (key must be
// the operator's).
func (c *Client) Anchor(ctx context.Context, key *ecdsa.PrivateKey, agent, record [32]byte) (*types.Receipt, error) {
	return c.transact(ctx, fmt.Sprintf("anchor record %x", record), key, stakeBinding.PackAnchor(agent, record), nil)
}

// Transfer sends amount wei from key's account to to: a plain ETH transfer,
// for funding accounts.
func (c *Client) Transfer(ctx context.Context, key *ecdsa.PrivateKey, to common.Address, amount *big.Int) (*types.Receipt, error) {
	r, err := c.tx.send(ctx, key, &to, nil, amount)
	if err != nil {
		return r, fmt.Errorf("transfer to %s: %w", to.Hex(), err)
	}
	return r, nil
}

// transact sends a call to the contract and waits for it.
func (c *Client) transact(ctx context.Context, what string, key *ecdsa.PrivateKey, data []byte, value *big.Int) (*types.Receipt, error) {
	r, err := c.tx.send(ctx, key, &c.addr, data, value)
	if err != nil {
		return r, fmt.Errorf("%s: %w", what, err)
	}
	return r, nil
}

// Event is one SpaceStake log, decoded. Exactly one of the pointers is set
// for the kinds decoded here; other kinds have only Name (and Log).
type Event struct {
	Block  uint64
	TxHash common.Hash
	Index  uint   // the log's index in its block
	Name   string // the event's name in the ABI, "" if unknown
	Log    types.Log

	Entered   *spacestake.SpaceStakeEntered
	Settled   *spacestake.SpaceStakeSettled
	Refunded  *spacestake.SpaceStakeRefunded
	Withdrawn *spacestake.SpaceStakeWithdrawn
	Anchored  *spacestake.SpaceStakeAnchored
	// EntryRefused follows the Refunded event of a ticket the operator
	// refused (RefuseEntry), with the reason.
	EntryRefused *spacestake.SpaceStakeEntryRefused
}

// eventsChunk bounds the blocks one eth_getLogs asks for: public nodes refuse
// wide ranges.
const eventsChunk = 5000

// Events returns every SpaceStake log in blocks from..to (inclusive), decoded
// and ordered by block and log index.
func (c *Client) Events(ctx context.Context, from, to uint64) ([]Event, error) {
	if to < from {
		return nil, fmt.Errorf("events: block range %d..%d is empty (to before from)", from, to)
	}
	var out []Event
	for lo := from; ; lo += eventsChunk {
		hi := min(to, lo+eventsChunk-1)
		logs, err := c.b.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(lo),
			ToBlock:   new(big.Int).SetUint64(hi),
			Addresses: []common.Address{c.addr},
		})
		if err != nil {
			return nil, fmt.Errorf("events in blocks %d..%d: %w", lo, hi, err)
		}
		for _, l := range logs {
			ev, err := decodeEvent(l)
			if err != nil {
				return nil, fmt.Errorf("events: block %d log %d: %w", l.BlockNumber, l.Index, err)
			}
			out = append(out, ev)
		}
		if hi == to {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Block != out[j].Block {
			return out[i].Block < out[j].Block
		}
		return out[i].Index < out[j].Index
	})
	return out, nil
}

func decodeEvent(l types.Log) (Event, error) {
	ev := Event{Block: l.BlockNumber, TxHash: l.TxHash, Index: l.Index, Log: l}
	if len(l.Topics) == 0 {
		return ev, nil
	}
	abiEv, err := spaceStakeABI.EventByID(l.Topics[0])
	if err != nil {
		return ev, nil // not one of ours (an anonymous event, say): keep it unnamed
	}
	ev.Name = abiEv.Name
	switch ev.Name {
	case spacestake.SpaceStakeEnteredEventName:
		ev.Entered, err = stakeBinding.UnpackEnteredEvent(&l)
	case spacestake.SpaceStakeSettledEventName:
		ev.Settled, err = stakeBinding.UnpackSettledEvent(&l)
	case spacestake.SpaceStakeRefundedEventName:
		ev.Refunded, err = stakeBinding.UnpackRefundedEvent(&l)
	case spacestake.SpaceStakeWithdrawnEventName:
		ev.Withdrawn, err = stakeBinding.UnpackWithdrawnEvent(&l)
	case spacestake.SpaceStakeAnchoredEventName:
		ev.Anchored, err = stakeBinding.UnpackAnchoredEvent(&l)
	case spacestake.SpaceStakeEntryRefusedEventName:
		ev.EntryRefused, err = stakeBinding.UnpackEntryRefusedEvent(&l)
	}
	if err != nil {
		return ev, fmt.Errorf("decode %s: %w", ev.Name, err)
	}
	return ev, nil
}

// transactor signs, sends and waits for transactions. While an account has
// transactions in flight it remembers the account's next nonce, because a
// node's pending nonce can lag a transaction it has just accepted, and two
// sends with one nonce would replace or refuse each other. Once none is in
// flight it forgets it and asks the node again, so a transaction the node
// dropped cannot leave a nonce gap behind for good.
type transactor struct {
	b       Backend
	chainID *big.Int
	signer  types.Signer

	mu       sync.Mutex // held from nonce choice to send
	nonces   map[common.Address]uint64
	inflight map[common.Address]int
}

func newTransactor(b Backend, chainID *big.Int) *transactor {
	return &transactor{
		b: b, chainID: chainID, signer: types.LatestSignerForChainID(chainID),
		nonces: map[common.Address]uint64{}, inflight: map[common.Address]int{},
	}
}

// landed marks one of from's transactions as no longer in flight.
func (t *transactor) landed(from common.Address) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.inflight[from]--; t.inflight[from] <= 0 {
		delete(t.inflight, from)
		delete(t.nonces, from)
	}
}

// gasMargin is added to the estimate (in percent): state can change between
// estimation and inclusion (a payee's credit slot going from zero to
// non-zero costs more), and unused gas is not charged.
const gasMargin = 20

// send signs and sends a transaction from key's account to to (nil creates a
// contract), waits until it is mined and returns its receipt. A transaction
// the chain would revert is caught at gas estimation and returned as a
// *RevertError; one mined but failed is an error too, with its receipt.
func (t *transactor) send(ctx context.Context, key *ecdsa.PrivateKey, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	if key == nil {
		return nil, errors.New("no key to sign with")
	}
	if value == nil {
		value = new(big.Int)
	}
	if value.Sign() < 0 {
		return nil, fmt.Errorf("value %s wei is negative", value)
	}
	tx, err := t.signAndSend(ctx, key, to, data, value)
	if err != nil {
		return nil, err
	}
	r, err := t.wait(ctx, tx.Hash())
	t.landed(crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		return nil, err
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, t.failure(ctx, crypto.PubkeyToAddress(key.PublicKey), to, data, value, r)
	}
	return r, nil
}

func (t *transactor) signAndSend(ctx context.Context, key *ecdsa.PrivateKey, to *common.Address, data []byte, value *big.Int) (*types.Transaction, error) {
	from := crypto.PubkeyToAddress(key.PublicKey)
	t.mu.Lock()
	defer t.mu.Unlock()

	q, err := t.quote(ctx, from, to, data, value)
	if err != nil {
		return nil, err
	}

	nonce, err := t.b.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("read the nonce of %s: %w", from.Hex(), err)
	}
	if next, ok := t.nonces[from]; ok && next > nonce {
		nonce = next
	}
	tx, err := types.SignNewTx(key, t.signer, &types.DynamicFeeTx{
		ChainID:   t.chainID,
		Nonce:     nonce,
		GasTipCap: q.TipCap,
		GasFeeCap: q.FeeCap,
		Gas:       q.Gas,
		To:        to,
		Value:     value,
		Data:      data,
	})
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if err := t.b.SendTransaction(ctx, tx); err != nil {
		// The node knows better now: ask it again next time.
		delete(t.nonces, from)
		return nil, fmt.Errorf("send transaction from %s: %w", from.Hex(), err)
	}
	t.nonces[from] = nonce + 1
	t.inflight[from]++
	return tx, nil
}

// Quote is what a transaction would cost: its gas limit (the estimate
// plus a margin) and its EIP-1559 fees per gas.
type Quote struct {
	Gas            uint64
	TipCap, FeeCap *big.Int
}

// MaxCost is the most the transaction's gas can cost, in wei: Gas at
// FeeCap. It usually costs less, as the base fee is charged as it is.
func (q Quote) MaxCost() *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(q.Gas), q.FeeCap)
}

// quote prices a transaction; a call the contract would refuse comes back
// as a *RevertError.
func (t *transactor) quote(ctx context.Context, from common.Address, to *common.Address, data []byte, value *big.Int) (Quote, error) {
	head, err := t.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return Quote{}, fmt.Errorf("read the head block: %w", err)
	}
	if head.BaseFee == nil {
		return Quote{}, errors.New("the chain has no base fee (it predates London); only EIP-1559 chains are supported")
	}
	tip, err := t.b.SuggestGasTipCap(ctx)
	if err != nil {
		return Quote{}, fmt.Errorf("suggest a gas tip: %w", err)
	}
	// Twice the base fee leaves room for six full blocks of base fee rises.
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	gas, err := t.b.EstimateGas(ctx, ethereum.CallMsg{From: from, To: to, GasFeeCap: feeCap, GasTipCap: tip, Value: value, Data: data})
	if err != nil {
		if re := ParseRevertError(err); re != nil {
			return Quote{}, re
		}
		return Quote{}, fmt.Errorf("estimate gas: %w", err)
	}
	return Quote{Gas: gas + gas*gasMargin/100, TipCap: tip, FeeCap: feeCap}, nil
}

// wait polls for the receipt, quickly at first: a dev chain mines at once, a
// real one takes seconds.
func (t *transactor) wait(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	delay := 10 * time.Millisecond
	for {
		r, err := t.b.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		// NotFound means not mined yet; other errors (a node still indexing,
		// a dropped connection) may pass too, so both are retried until ctx ends.
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, fmt.Errorf("wait for transaction %s: %w (last answer: %v)", hash.Hex(), ctx.Err(), err)
		case <-timer.C:
		}
		delay = min(2*delay, time.Second)
	}
}

// failure describes a mined transaction that failed. It replays the call on
// the state before its block to find the revert reason; that state can
// differ from what the transaction met, so the reason is a best guess.
func (t *transactor) failure(ctx context.Context, from common.Address, to *common.Address, data []byte, value *big.Int, r *types.Receipt) error {
	err := fmt.Errorf("transaction %s failed in block %s (gas used %d)", r.TxHash.Hex(), r.BlockNumber, r.GasUsed)
	if r.BlockNumber == nil || r.BlockNumber.Sign() == 0 {
		return err
	}
	parent := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
	_, cerr := t.b.CallContract(ctx, ethereum.CallMsg{From: from, To: to, Value: value, Data: data}, parent)
	if re := ParseRevertError(cerr); re != nil {
		return fmt.Errorf("%w: %w", err, re)
	}
	return err
}
