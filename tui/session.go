package tui

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/wallet"
)

// requestTimeout bounds one call to the server or the chain.
const requestTimeout = 30 * time.Second

// session is what every page shares: the server, the signed-in wallet
// and, once needed, the chain the server stakes on.
type session struct {
	ctx     context.Context
	api     *client.Client
	wallets *wallet.Wallets
	rpc     string // overrides the server's advertised endpoint

	key  *ecdsa.PrivateKey
	addr common.Address

	mu    sync.Mutex
	chain *contracts.Client
	info  api.Chain
}

// errMsg reports a failed command; the root shows it in the status line.
type errMsg struct{ err error }

// statusMsg is a note for the status line.
type statusMsg string

// do runs f off the UI's goroutine with a timeout, as a command whose
// message is f's result, or an errMsg.
func (s *session) do(f func(ctx context.Context) (tea.Msg, error)) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(s.ctx, requestTimeout)
		defer cancel()
		msg, err := f(ctx)
		if err != nil {
			return errMsg{err}
		}
		return msg
	}
}

// signedIn reports whether a wallet is unlocked and signed in.
func (s *session) signedIn() bool { return s.key != nil && s.api.Token != "" }

// chainClient dials the chain the server names (GET /api/chain), once.
func (s *session) chainClient(ctx context.Context) (*contracts.Client, api.Chain, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chain != nil {
		return s.chain, s.info, nil
	}
	info, err := s.api.Chain(ctx)
	if err != nil {
		return nil, api.Chain{}, fmt.Errorf("the server's chain: %w", err)
	}
	rpc := s.rpc
	if rpc == "" {
		rpc = info.RPC
	}
	if rpc == "" {
		return nil, info, errors.New("the server names no chain endpoint: start arena tui with --rpc URL")
	}
	if !common.IsHexAddress(info.Contract) {
		return nil, info, fmt.Errorf("the server's contract address %q is not an address", info.Contract)
	}
	c, err := contracts.Dial(ctx, rpc, common.HexToAddress(info.Contract), big.NewInt(info.ChainID))
	if err != nil {
		return nil, info, err
	}
	s.chain, s.info = c, info
	return c, info, nil
}

// close releases the chain connection.
func (s *session) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chain != nil {
		s.chain.Close()
		s.chain = nil
	}
}

// explain is an error as one line for the status bar.
func explain(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// owns reports whether the signed-in wallet owns what owner names.
func (s *session) owns(owner string) bool {
	return common.IsHexAddress(owner) && common.HexToAddress(owner) == s.addr
}

// myAgents lists the signed-in player's agents, in full.
func (s *session) myAgents(ctx context.Context) ([]api.Agent, error) {
	all, err := s.api.Agents(ctx)
	if err != nil {
		return nil, err
	}
	var mine []api.Agent
	for _, a := range all {
		if s.owns(a.Owner) {
			mine = append(mine, a)
		}
	}
	return mine, nil
}

// stakeTarget is the chain, and the contract's Space id, that stake a
// Space's paid tier.
func (s *session) stakeTarget(ctx context.Context, space string, tier int) (*contracts.Client, api.Chain, uint64, error) {
	chain, info, err := s.chainClient(ctx)
	if err != nil {
		return nil, info, 0, err
	}
	for _, cs := range info.Spaces {
		if cs.Space == space && cs.Tier == tier {
			return chain, info, cs.ID, nil
		}
	}
	return nil, info, 0, fmt.Errorf("the server stakes no tier %d of %s on chain", tier, space)
}

// stake enters an agent in a Space's paid tier from the wallet, paying
// fee, and returns the ticket's id and the receipt.
func (s *session) stake(ctx context.Context, space string, tier int, agent string, fee *big.Int) (*big.Int, *types.Receipt, error) {
	chain, _, id, err := s.stakeTarget(ctx, space, tier)
	if err != nil {
		return nil, nil, err
	}
	key, err := contracts.UUIDKey(agent)
	if err != nil {
		return nil, nil, err
	}
	return chain.Enter(ctx, s.key, id, key, fee)
}
