package onchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/spacestake"
	"github.com/rlfc/arena/store"
)

// eventChunk bounds the blocks asked for in one log query; public nodes
// refuse much larger ranges.
const eventChunk = 2000

// stake names an on-chain ticket in the arena: the chain instance, then
// the ticket's id.
func (b *Bridge) stake(ticket *big.Int) string { return b.epoch + ":" + ticket.String() }

func (b *Bridge) cursorName() string { return "chain/" + b.epoch }

// readEvents acts on the contract's events from the cursor up to the
// newest block with enough confirmations, a chunk at a time, moving the
// cursor after each. Acting on an event twice does no harm, so a crash
// between acting and moving the cursor loses nothing.
func (b *Bridge) readEvents(ctx context.Context) error {
	head, err := b.chain.Head(ctx)
	if err != nil {
		return err
	}
	if head < b.opts.Confirmations {
		return nil
	}
	safe := head - b.opts.Confirmations
	next, err := b.a.Cursor(b.cursorName())
	if err != nil {
		return err
	}
	next = max(next, b.opts.FromBlock)
	for next <= safe {
		to := min(next+eventChunk-1, safe)
		events, err := b.chain.Events(ctx, next, to)
		if err != nil {
			return fmt.Errorf("onchain: events of blocks %d-%d: %w", next, to, err)
		}
		for _, ev := range events {
			if err := b.handle(ev); err != nil {
				return fmt.Errorf("onchain: event in block %d (tx %s): %w", ev.Block, ev.TxHash, err)
			}
		}
		next = to + 1
		if err := b.a.SetCursor(b.cursorName(), next); err != nil {
			return err
		}
	}
	return nil
}

// handle acts on one event. A stake the arena cannot take (an unknown
// agent, someone else's agent, a wrong fee, an agent already queued) is
// logged and left alone: its player gets it back with refund() after
// the Space's timeout.
func (b *Bridge) handle(ev contracts.Event) error {
	switch {
	case ev.Entered != nil:
		e := ev.Entered
		log := b.log.With("ticket", e.TicketId, "block", ev.Block)
		s, ok := b.spaces[e.SpaceId.Uint64()]
		if !ok || !e.SpaceId.IsUint64() {
			log.Warn("stake in a space the arena does not serve", "space", e.SpaceId)
			return nil
		}
		id, ok := contracts.KeyUUID(e.AgentId)
		if !ok {
			log.Warn("stake for an agent id that is not a UUID", "agent", common.Hash(e.AgentId))
			return nil
		}
		ag, err := b.a.Agent(id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			log.Warn("stake for an unknown agent", "agent", id)
			return nil
		case err != nil:
			return err
		case ag.ID != id:
			log.Warn("stake for an unknown agent", "agent", id)
			return nil
		case !strings.EqualFold(ag.Owner, e.Player.Hex()):
			log.Warn("stake for an agent its player does not own", "agent", id, "player", e.Player, "owner", ag.Owner)
			return nil
		case e.Fee.Cmp(s.Fee) != 0:
			log.Warn("stake with the wrong fee", "fee", e.Fee, "want", s.Fee)
			return nil
		}
		delete(b.house, ag.ID)
		_, err = b.a.EnterStaked(s.Space, s.Tier, ag.ID, b.stake(e.TicketId))
		if err != nil && !errors.Is(err, arena.ErrStakeKnown) {
			log.Warn("stake not queued", "agent", id, "err", err)
		}
		return nil

	case ev.Settled != nil:
		return b.settled(ev.Settled, ev.TxHash, ev.Block)

	case ev.Refunded != nil:
		stake := b.stake(ev.Refunded.TicketId)
		out, err := b.a.Unqueue(func(t arena.Ticket) bool { return t.Stake == stake })
		if len(out) > 0 {
			b.log.Info("refunded stake left its queue", "ticket", ev.Refunded.TicketId, "agent", out[0].Agent)
		}
		return err
	}
	return nil
}

// settled marks a match's settlement final when the chain has it, and
// checks that the chain paid what the arena's ledger says.
func (b *Bridge) settled(e *spacestake.SpaceStakeSettled, tx common.Hash, block uint64) error {
	match, ok := contracts.KeyUUID(e.MatchId)
	if !ok {
		b.log.Warn("settlement of a match id that is not a UUID", "match", common.Hash(e.MatchId))
		return nil
	}
	_, err := b.a.UpdateSettlement(match, func(s *arena.Settlement) error {
		if diff := differ(s, e); diff != "" {
			s.Note = "the chain paid otherwise than the ledger: " + diff
			b.log.Error("settlement on chain differs from the ledger", "match", match, "diff", diff)
		}
		s.State, s.Tx, s.Block = arena.SettlementFinal, tx.Hex(), block
		return nil
	})
	switch {
	case errors.Is(err, arena.ErrSettled):
		return nil
	case errors.Is(err, store.ErrNotFound):
		b.log.Warn("settlement of a match this arena does not know", "match", match, "tx", tx)
		return nil
	}
	return err
}

// differ says how a Settled event differs from the settlement the arena
// owes, or "" when it does not.
func differ(s *arena.Settlement, e *spacestake.SpaceStakeSettled) string {
	var want []string
	for _, p := range s.Payees {
		want = append(want, strings.ToLower(p.Account)+"="+p.Amount)
	}
	var got []string
	for i, p := range e.Payees {
		amount := "?"
		if i < len(e.Amounts) {
			amount = e.Amounts[i].String()
		}
		got = append(got, strings.ToLower(p.Hex())+"="+amount)
	}
	if w, g := strings.Join(want, ","), strings.Join(got, ","); w != g {
		return fmt.Sprintf("payees %s, ledger %s", g, w)
	}
	if e.Rake.String() != s.Rake {
		return fmt.Sprintf("rake %s, ledger %s", e.Rake, s.Rake)
	}
	if len(e.Tickets) != len(s.Stakes) {
		return fmt.Sprintf("%d tickets, ledger %d", len(e.Tickets), len(s.Stakes))
	}
	return ""
}

// settle signs and sends the owed settlements, Batch to a transaction:
// at once when all is set, else once Batch of them wait or the oldest has
// waited BatchDelay.
func (b *Bridge) settle(ctx context.Context, all bool) error {
	unpaid, err := b.a.Unpaid()
	if err != nil || len(unpaid) == 0 {
		return err
	}
	if !all && b.opts.BatchDelay > 0 && len(unpaid) < b.opts.Batch && b.a.Now().Sub(unpaid[0].Created) < b.opts.BatchDelay {
		return nil
	}
	for len(unpaid) > 0 {
		n := min(len(unpaid), b.opts.Batch)
		if err := b.send(ctx, unpaid[:n]); err != nil {
			return err
		}
		unpaid = unpaid[n:]
	}
	return nil
}

// send signs what needs signing, then settles the lot in one transaction;
// when the contract refuses the batch, each is sent alone so that one bad
// settlement cannot hold up the others.
func (b *Bridge) send(ctx context.Context, owed []arena.Settlement) error {
	now, err := b.chain.HeadTime(ctx)
	if err != nil {
		return err
	}
	var batch []contracts.SignedSettlement
	var matches []string
	for _, s := range owed {
		cs, err := b.contractSettlement(s)
		if err != nil {
			if err := b.finish(s.Match, arena.SettlementVoid, nil, err.Error()); err != nil {
				return err
			}
			b.log.Error("settlement can never be sent", "match", s.Match, "err", err)
			continue
		}
		if s.State == arena.SettlementSigned {
			// It may have been sent before a crash, and mined.
			done, err := b.chain.Settled(ctx, cs.MatchID)
			if err != nil {
				return err
			}
			if done {
				if err := b.finish(s.Match, arena.SettlementFinal, nil, "found settled on chain"); err != nil {
					return err
				}
				continue
			}
		}
		sig := s.Signature
		if s.State != arena.SettlementSigned || s.Deadline < now.Unix()+int64(b.opts.Validity.Seconds()/4) {
			// A new deadline: the old signature, if any, has expired (or
			// soon will) without being mined, and the contract settles a
			// match once, so two signed versions can never both pay.
			deadline := now.Unix() + int64(b.opts.Validity.Seconds())
			cs.Deadline = big.NewInt(deadline)
			if sig, err = contracts.SignSettlement(b.opts.Operator, b.chain.Domain(), cs); err != nil {
				return err
			}
			_, err = b.a.UpdateSettlement(s.Match, func(x *arena.Settlement) error {
				x.State, x.Deadline, x.Signature = arena.SettlementSigned, deadline, sig
				return nil
			})
			if err != nil {
				return err
			}
		} else {
			cs.Deadline = big.NewInt(s.Deadline)
		}
		batch = append(batch, contracts.SignedSettlement{Settlement: cs, Signature: sig})
		matches = append(matches, s.Match)
	}
	if len(batch) == 0 {
		return nil
	}
	r, err := b.chain.Settle(ctx, b.opts.Operator, batch)
	if err == nil {
		return b.finishAll(matches, r)
	}
	var rev *contracts.RevertError
	if !errors.As(err, &rev) || len(batch) == 1 {
		return b.refused(matches[0], err)
	}
	b.log.Warn("batch refused; settling one by one", "settlements", len(batch), "err", err)
	for i, one := range batch {
		r, err := b.chain.Settle(ctx, b.opts.Operator, []contracts.SignedSettlement{one})
		if err == nil {
			err = b.finishAll(matches[i:i+1], r)
		} else {
			err = b.refused(matches[i], err)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// finishAll marks settlements final in the transaction r.
func (b *Bridge) finishAll(matches []string, r *types.Receipt) error {
	for _, m := range matches {
		if err := b.finish(m, arena.SettlementFinal, r, ""); err != nil {
			return err
		}
	}
	b.log.Info("settled on chain", "matches", len(matches), "tx", r.TxHash, "gas", r.GasUsed)
	return nil
}

func (b *Bridge) finish(match, state string, r *types.Receipt, note string) error {
	_, err := b.a.UpdateSettlement(match, func(s *arena.Settlement) error {
		s.State, s.Note = state, note
		if r != nil {
			s.Tx, s.Block = r.TxHash.Hex(), r.BlockNumber.Uint64()
		}
		return nil
	})
	if errors.Is(err, arena.ErrSettled) {
		return nil
	}
	return err
}

// refused decides what a refused settlement becomes. A match already
// settled is final; one whose tickets or pool the contract rejects can
// never be settled and is void (its players refund their tickets after
// the timeout); anything else (an expired deadline, a pause, a rotated
// operator, a lost connection) is tried again on the next pass.
func (b *Bridge) refused(match string, err error) error {
	var rev *contracts.RevertError
	if !errors.As(err, &rev) {
		return err
	}
	switch rev.Name {
	case "MatchAlreadySettled":
		return b.finish(match, arena.SettlementFinal, nil, "found settled on chain")
	case "TicketClosed", "TicketNotFound", "TicketNotInSpace", "SettlementOverPool", "SpaceNotFound",
		"EmptySettlement", "PayeesAmountsMismatch", "ZeroAddress":
		b.log.Error("settlement refused for good; its tickets are refundable", "match", match, "err", err)
		return b.finish(match, arena.SettlementVoid, nil, err.Error())
	}
	b.log.Warn("settlement refused; will retry", "match", match, "err", err)
	return nil
}

// contractSettlement turns what a match owes into the contract's form,
// deadline unset.
func (b *Bridge) contractSettlement(s arena.Settlement) (contracts.Settlement, error) {
	var cs contracts.Settlement
	id, ok := b.SpaceID(s.Space, s.Tier)
	if !ok {
		return cs, fmt.Errorf("space %s tier %d takes no stakes on chain", s.Space, s.Tier)
	}
	key, err := contracts.UUIDKey(s.Match)
	if err != nil {
		return cs, err
	}
	cs.MatchID, cs.SpaceID = common.Hash(key), new(big.Int).SetUint64(id)
	for _, st := range s.Stakes {
		ep, n, _ := strings.Cut(st, ":")
		if ep != b.epoch {
			return cs, fmt.Errorf("stake %s was made on another chain instance (this one is %s)", st, b.epoch)
		}
		t, ok := new(big.Int).SetString(n, 10)
		if !ok {
			return cs, fmt.Errorf("stake %q is not a ticket id", st)
		}
		cs.Tickets = append(cs.Tickets, t)
	}
	for _, p := range s.Payees {
		amount, ok := new(big.Int).SetString(p.Amount, 10)
		if !common.IsHexAddress(p.Account) || !ok || amount.Sign() < 0 {
			return cs, fmt.Errorf("payment %s to %s cannot be paid on chain", p.Amount, p.Account)
		}
		cs.Payees = append(cs.Payees, common.HexToAddress(p.Account))
		cs.Amounts = append(cs.Amounts, amount)
	}
	rake, ok := new(big.Int).SetString(s.Rake, 10)
	if !ok {
		return cs, fmt.Errorf("rake %q is not an amount", s.Rake)
	}
	cs.Rake = rake
	cs.Slashed = []*big.Int{}
	cs.Deadline = new(big.Int)
	return cs, nil
}
