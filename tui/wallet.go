package tui

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rlfc/arena/contracts"
)

// walletPage shows the wallet's balance on chain and the winnings the
// contract holds for it, and withdraws them after a confirmation.
type walletPage struct {
	s        *session
	chainID  int64
	contract string
	balance  *big.Int
	credit   *big.Int
	quote    *contracts.Quote
	busy     string
	receipt  *types.Receipt
	took     *big.Int
}

type (
	balancesMsg struct {
		chainID         int64
		contract        string
		balance, credit *big.Int
	}
	withdrawQuoteMsg contracts.Quote
	withdrawnMsg     struct {
		amount  *big.Int
		receipt *types.Receipt
	}
)

var keyWithdraw = bind("w", "withdraw winnings")

func newWallet(s *session) (page, tea.Cmd) {
	p := &walletPage{s: s}
	return p, p.load()
}

func (p *walletPage) load() tea.Cmd {
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		chain, info, err := p.s.chainClient(ctx)
		if err != nil {
			return nil, err
		}
		var m balancesMsg
		m.chainID, m.contract = info.ChainID, info.Contract
		if m.balance, err = chain.Balance(ctx, p.s.addr); err != nil {
			return nil, err
		}
		m.credit, err = chain.Credit(ctx, common.Address{}, p.s.addr)
		return m, err
	})
}

func (p *walletPage) typing() bool { return false }

func (p *walletPage) help() []key.Binding {
	if p.quote != nil {
		return []key.Binding{bind("y", "withdraw"), bind("n", "cancel")}
	}
	return []key.Binding{keyWithdraw, keys.Refresh}
}

func (p *walletPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case balancesMsg:
		p.chainID, p.contract, p.balance, p.credit = msg.chainID, msg.contract, msg.balance, msg.credit
	case errMsg:
		p.busy, p.quote = "", nil
	case withdrawQuoteMsg:
		q := contracts.Quote(msg)
		p.busy, p.quote = "", &q
	case withdrawnMsg:
		p.busy, p.receipt, p.took = "", msg.receipt, msg.amount
		return p, p.load()
	case tea.KeyMsg:
		if p.busy != "" {
			return p, nil
		}
		if p.quote != nil {
			switch {
			case key.Matches(msg, keys.Yes):
				p.quote, p.busy = nil, "withdrawing; waiting for the receipt…"
				return p, p.s.do(func(ctx context.Context) (tea.Msg, error) {
					chain, _, err := p.s.chainClient(ctx)
					if err != nil {
						return nil, err
					}
					amount, r, err := chain.Withdraw(ctx, p.s.key, common.Address{})
					return withdrawnMsg{amount, r}, err
				})
			case key.Matches(msg, keys.No):
				p.quote = nil
			}
			return p, nil
		}
		switch {
		case key.Matches(msg, keys.Refresh):
			return p, p.load()
		case key.Matches(msg, keyWithdraw):
			if p.credit == nil || p.credit.Sign() == 0 {
				return p, func() tea.Msg { return statusMsg("nothing to withdraw") }
			}
			p.busy, p.receipt = "pricing the withdrawal…", nil
			return p, p.s.do(func(ctx context.Context) (tea.Msg, error) {
				chain, _, err := p.s.chainClient(ctx)
				if err != nil {
					return nil, err
				}
				q, err := chain.QuoteWithdraw(ctx, p.s.addr, common.Address{})
				return withdrawQuoteMsg(q), err
			})
		}
	}
	return p, nil
}

func (p *walletPage) view(w, h int) string {
	var b strings.Builder
	b.WriteString(headerStyle.Render("Wallet") + "  " + p.s.addr.Hex() + "\n\n")
	if p.balance == nil {
		return b.String() + dimStyle.Render("reading the chain…")
	}
	fmt.Fprintf(&b, "chain %d, SpaceStake %s\n\n", p.chainID, p.contract)
	fmt.Fprintf(&b, "  balance            %s ETH\n", eth(p.balance))
	fmt.Fprintf(&b, "  winnings credited  %s ETH  (held by the contract until withdrawn)\n", eth(p.credit))
	if q := p.quote; q != nil {
		fmt.Fprintf(&b, "\nWithdraw %s ETH to %s?\n", eth(p.credit), p.s.addr.Hex())
		fmt.Fprintf(&b, "gas %s at most, up to %s gwei each: at most %s ETH\n", thousands(q.Gas), gwei(q.FeeCap), eth(q.MaxCost()))
		b.WriteString("Send it? " + headerStyle.Render("y") + "/" + headerStyle.Render("n") + "\n")
	}
	if p.busy != "" {
		b.WriteString("\n" + dimStyle.Render(p.busy) + "\n")
	}
	if p.receipt != nil {
		fmt.Fprintf(&b, "\n%s withdrew %s ETH in block %d (tx %s)\n", goodStyle.Render("✓"), eth(p.took), p.receipt.BlockNumber, short(p.receipt.TxHash.Hex()))
	}
	return b.String()
}
