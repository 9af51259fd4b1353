package tui

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/spaces"
)

// entry enters one agent in a Space's tier. A free tier is one request;
// a paid one is a stake on chain: it shows the transaction, its fee and
// gas and asks, then sends it and follows it until the ticket is on chain
// and the server has queued the agent (or started its match).
type entry struct {
	s     *session
	spec  *spaces.Spec
	agent api.Agent
	tier  int
	fee   *big.Int

	step     entryStep
	last     string // the agent's latest match before entering
	quote    contracts.Quote
	chainID  uint64 // the contract's Space id for the tier
	contract string
	balance  *big.Int
	ticket   string // the chain's ticket id, or the server's for a free tier
	receipt  *types.Receipt
	sent     time.Time
	match    string // the match the agent plays, once it starts
	problem  string
}

type entryStep int

const (
	entryPreparing entryStep = iota
	entryConfirm
	entrySending
	entryFollowing
	entryQueued
	entryPlaying
	entryFailed
)

// followFor bounds how long an entry is followed before giving up.
const followFor = 3 * time.Minute

type (
	entryPreparedMsg struct {
		last     string
		quote    contracts.Quote
		chainID  uint64
		contract string
		balance  *big.Int
		free     *api.Ticket
	}
	entrySentMsg struct {
		ticket  *big.Int
		receipt *types.Receipt
	}
	entryPollMsg  struct{}
	entryStateMsg struct {
		queued bool
		match  string
	}
)

var keyWatch = bind("w", "watch the match")

func newEntry(s *session, spec *spaces.Spec, agent api.Agent, tier int) (*entry, tea.Cmd) {
	e := &entry{s: s, spec: spec, agent: agent, tier: tier}
	f, err := spec.Fee(tier)
	if err != nil {
		e.fail(err)
		return e, nil
	}
	e.fee = f
	return e, e.prepare()
}

func (e *entry) fail(err error) {
	e.step, e.problem = entryFailed, explain(err)
}

// prepare notes the agent's latest match, then enters a free tier at once
// or prices the stake of a paid one.
func (e *entry) prepare() tea.Cmd {
	return e.s.do(func(ctx context.Context) (tea.Msg, error) {
		var out entryPreparedMsg
		ms, err := e.s.api.AgentMatches(ctx, e.agent.ID, 1)
		if err != nil {
			return nil, err
		}
		if len(ms) > 0 {
			out.last = ms[0].ID
		}
		if e.fee.Sign() == 0 {
			t, err := e.s.api.Enter(ctx, e.spec.ID, e.agent.ID, e.tier)
			out.free = &t
			return out, err
		}
		chain, info, id, err := e.s.stakeTarget(ctx, e.spec.ID, e.tier)
		if err != nil {
			return nil, err
		}
		out.chainID, out.contract = id, info.Contract
		agentKey, err := contracts.UUIDKey(e.agent.ID)
		if err != nil {
			return nil, err
		}
		if out.balance, err = chain.Balance(ctx, e.s.addr); err != nil {
			return nil, err
		}
		out.quote, err = chain.QuoteEnter(ctx, e.s.addr, out.chainID, agentKey, e.fee)
		return out, err
	})
}

func (e *entry) help() []key.Binding {
	switch e.step {
	case entryConfirm:
		return []key.Binding{bind("y", "send"), bind("n", "cancel")}
	case entryPlaying:
		return []key.Binding{keyWatch, bind("esc", "close")}
	case entryFailed, entryQueued:
		return []key.Binding{bind("esc", "close")}
	}
	return nil
}

// update advances the entry; done means the page may drop it.
func (e *entry) update(msg tea.Msg) (*entry, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case errMsg:
		if e.step == entryFollowing || e.step == entryQueued {
			return e, e.poll(), false // a dropped poll: try again
		}
		e.fail(msg.err)
	case entryPreparedMsg:
		e.last, e.quote, e.chainID, e.contract, e.balance = msg.last, msg.quote, msg.chainID, msg.contract, msg.balance
		if msg.free != nil {
			e.ticket, e.sent, e.step = msg.free.ID, time.Now(), entryFollowing
			return e, e.poll(), false
		}
		need := new(big.Int).Add(e.fee, e.quote.MaxCost())
		if e.balance.Cmp(need) < 0 {
			e.fail(fmt.Errorf("the wallet holds %s ETH; the entry needs up to %s ETH with gas", eth(e.balance), eth(need)))
			return e, nil, false
		}
		e.step = entryConfirm
	case entrySentMsg:
		e.ticket, e.receipt, e.sent, e.step = msg.ticket.String(), msg.receipt, time.Now(), entryFollowing
		return e, e.poll(), false
	case entryPollMsg:
		return e, e.check(), false
	case entryStateMsg:
		switch {
		case msg.match != "":
			e.match, e.step = msg.match, entryPlaying
			return e, nil, false
		case msg.queued:
			e.step = entryQueued
		}
		if time.Since(e.sent) > followFor {
			if e.step == entryQueued {
				return e, nil, false // queued and still waiting for players: stop asking
			}
			e.fail(errors.New("the server has not queued the agent in " + followFor.String() + "; the ticket stays refundable on chain after the Space's timeout"))
			return e, nil, false
		}
		return e, e.poll(), false
	case tea.KeyMsg:
		switch e.step {
		case entryConfirm:
			switch {
			case key.Matches(msg, keys.Yes):
				e.step = entrySending
				return e, e.send(), false
			case key.Matches(msg, keys.No):
				return e, nil, true
			}
		case entryPlaying:
			if key.Matches(msg, keyWatch) {
				return e, push(newMatchPage(e.s, e.match)), true
			}
			if msg.String() == "esc" {
				return e, nil, true
			}
		case entryFailed, entryQueued:
			if msg.String() == "esc" {
				return e, nil, true
			}
		}
	}
	return e, nil, false
}

func (e *entry) send() tea.Cmd {
	return e.s.do(func(ctx context.Context) (tea.Msg, error) {
		id, r, err := e.s.stake(ctx, e.spec.ID, e.tier, e.agent.ID, e.fee)
		return entrySentMsg{id, r}, err
	})
}

func (e *entry) poll() tea.Cmd {
	return tea.Tick(400*time.Millisecond, func(time.Time) tea.Msg { return entryPollMsg{} })
}

// check asks the server whether the agent waits in the queue under this
// ticket, or has started a new match.
func (e *entry) check() tea.Cmd {
	return e.s.do(func(ctx context.Context) (tea.Msg, error) {
		ms, err := e.s.api.AgentMatches(ctx, e.agent.ID, 1)
		if err != nil {
			return nil, err
		}
		if len(ms) > 0 && ms[0].ID != e.last {
			return entryStateMsg{match: ms[0].ID}, nil
		}
		q, err := e.s.api.Queue(ctx, e.spec.ID)
		if err != nil {
			return nil, err
		}
		for _, t := range q {
			if t.Agent == e.agent.ID && (t.ID == e.ticket || strings.HasSuffix(t.Stake, ":"+e.ticket)) {
				return entryStateMsg{queued: true}, nil
			}
		}
		return entryStateMsg{}, nil
	})
}

func (e *entry) view(w int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s enters %s, tier %d (%s %s)\n", headerStyle.Render(e.agent.Name), e.spec.ID, e.tier, e.spec.Entry.Tiers[e.tier], e.spec.Entry.Currency)
	switch e.step {
	case entryPreparing:
		b.WriteString(dimStyle.Render("pricing the transaction…"))
	case entryConfirm:
		q := e.quote
		fmt.Fprintf(&b, "transaction  enter(space %d, agent %s)\n", e.chainID, e.agent.Name)
		fmt.Fprintf(&b, "agent id     %s\n", e.agent.ID)
		fmt.Fprintf(&b, "to           %s (SpaceStake)\n", e.contract)
		fmt.Fprintf(&b, "value        %s ETH (the entry fee)\n", eth(e.fee))
		fmt.Fprintf(&b, "gas          %s at most, up to %s gwei each (tip %s gwei)\n", thousands(q.Gas), gwei(q.FeeCap), gwei(q.TipCap))
		fmt.Fprintf(&b, "max gas fee  %s ETH;  wallet holds %s ETH\n", eth(q.MaxCost()), eth(e.balance))
		b.WriteString("\nSend it? " + headerStyle.Render("y") + "/" + headerStyle.Render("n"))
	case entrySending:
		b.WriteString(dimStyle.Render("signing and sending; waiting for the receipt…"))
	case entryFollowing, entryQueued, entryPlaying:
		if e.receipt != nil {
			fmt.Fprintf(&b, "%s ticket %s in block %d (tx %s, gas %s)\n", goodStyle.Render("✓"), e.ticket, e.receipt.BlockNumber, short(e.receipt.TxHash.Hex()), thousands(e.receipt.GasUsed))
		}
		switch e.step {
		case entryFollowing:
			b.WriteString(dimStyle.Render("waiting for the server to queue the agent…"))
		case entryQueued:
			b.WriteString(goodStyle.Render("✓") + " queued; waiting for players…")
		case entryPlaying:
			b.WriteString(goodStyle.Render("✓") + " match " + e.match + " has started: press w to watch")
		}
	case entryFailed:
		b.WriteString(errorStyle.Render("✗ " + e.problem))
	}
	return b.String()
}

// eth formats wei as ETH with up to 6 decimals.
func eth(wei *big.Int) string {
	if wei == nil {
		return "0"
	}
	r := new(big.Rat).SetFrac(wei, big.NewInt(1e18))
	s := strings.TrimRight(r.FloatString(6), "0")
	return strings.TrimSuffix(s, ".")
}

func gwei(wei *big.Int) string {
	r := new(big.Rat).SetFrac(wei, big.NewInt(1e9))
	s := strings.TrimRight(r.FloatString(3), "0")
	return strings.TrimSuffix(s, ".")
}

// thousands writes n with thousands separators.
func thousands(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
