package onchain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/spacestake"
	"github.com/rlfc/arena/internal/refusal"
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

// handle acts on one event. An entry the arena will not queue is refused
// and its fee given back by the operator at once (see entered and
// refund).
func (b *Bridge) handle(ev contracts.Event) error {
	switch {
	case ev.Entered != nil:
		return b.entered(ev)

	case ev.Settled != nil:
		if err := b.settled(ev.Settled, ev.TxHash, ev.Block); err != nil {
			return err
		}
		return b.stakesSettled(ev.Settled)

	case ev.Refunded != nil:
		stake := b.stake(ev.Refunded.TicketId)
		out, err := b.a.Unqueue(func(t arena.Ticket) bool { return t.Stake == stake })
		if len(out) > 0 {
			b.log.Info("refunded stake left its queue", "ticket", ev.Refunded.TicketId, "agent", out[0].Agent)
		}
		if err != nil {
			return err
		}
		return b.updateStake(stake, func(s *arena.Stake) {
			s.State = api.StakeRefunded
			if s.RefundTx == "" {
				s.RefundTx = ev.TxHash.Hex()
			}
		})

	case ev.EntryRefused != nil:
		if !ev.EntryRefused.Credited {
			return nil
		}
		return b.updateStake(b.stake(ev.EntryRefused.TicketId), func(s *arena.Stake) { s.Credited = true })
	}
	return nil
}

// updateStake edits a stake's fate, when the arena has one for it (stakes
// read before fates were kept have none).
func (b *Bridge) updateStake(stake string, edit func(*arena.Stake)) error {
	_, err := b.a.UpdateStake(stake, func(s *arena.Stake) error { edit(s); return nil })
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// entered queues a staked entry's agent, or refuses the stake: in a Space
// this arena does not serve, for an agentId that is no UUID key (such as
// one right-aligned), an unknown agent or someone else's, with a wrong fee,
// or whatever EnterStaked refuses (an agent already queued, benched, or
// over its owner's cap). The stake's fate is recorded either way; a
// refusal first, with its reason, and refund sends the fee back. Reading
// the event again changes nothing.
func (b *Bridge) entered(ev contracts.Event) error {
	e := ev.Entered
	rec := arena.Stake{Stake: b.stake(e.TicketId), Ticket: e.TicketId.String(), Owner: e.Player.Hex(),
		AgentKey: hexutil.Encode(e.AgentId[:]), Fee: e.Fee.String(), Block: ev.Block, EntryTx: ev.TxHash.Hex(), Time: b.a.Now().UTC()}
	switch _, err := b.a.StakeFate(rec.Stake); {
	case err == nil:
		return nil // read before
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if e.SpaceId.IsUint64() {
		rec.ChainSpace = e.SpaceId.Uint64()
	}
	s, ok := b.spaces[rec.ChainSpace]
	if !ok || !e.SpaceId.IsUint64() {
		return b.refuse(rec, "space_not_served", fmt.Sprintf("contract Space %s is not a paid tier this arena serves (GET /api/chain lists them)", e.SpaceId))
	}
	rec.Space, rec.Tier = s.Space, s.Tier
	id, ok := contracts.KeyUUID(e.AgentId)
	if !ok {
		reason, message := badKey(e.AgentId)
		return b.refuse(rec, reason, message)
	}
	rec.Agent = id
	ag, err := b.a.Agent(id)
	switch {
	case errors.Is(err, store.ErrNotFound) || err == nil && ag.ID != id:
		return b.refuse(rec, "unknown_agent", fmt.Sprintf("no agent %s in this arena (agentId %s)", id, rec.AgentKey))
	case err != nil:
		return err
	case !strings.EqualFold(ag.Owner, e.Player.Hex()):
		return b.refuse(rec, "not_agent_owner", fmt.Sprintf("agent %s belongs to %s, not to %s who paid: only its owner may stake for it", id, ag.Owner, e.Player.Hex()))
	case e.Fee.Cmp(s.Fee) != 0:
		return b.refuse(rec, "wrong_fee", fmt.Sprintf("fee %s, the tier costs %s", e.Fee, s.Fee))
	}
	delete(b.house, ag.ID)
	_, err = b.a.EnterStaked(s.Space, s.Tier, ag.ID, rec.Stake)
	if err == nil || errors.Is(err, arena.ErrStakeKnown) {
		_, err := b.a.RecordQueued(rec)
		return err
	}
	reason, message, ok := b.refusalOf(rec, err)
	if !ok {
		return err // the store failed: read the event again
	}
	return b.refuse(rec, reason, message)
}

// refuse records a stake as refused, for refund to give back. A stake the
// arena queued meanwhile is recorded as queued instead, and never refunded.
func (b *Bridge) refuse(rec arena.Stake, reason, message string) error {
	rec.Reason, rec.Message = onChainReason(reason), message
	_, err := b.a.RefuseStake(rec)
	switch {
	case errors.Is(err, arena.ErrStakeKnown):
		_, err = b.a.RecordQueued(rec)
		return err
	case errors.Is(err, arena.ErrStakeRefused):
		return nil
	case err != nil:
		return err
	}
	refusal.Count(refusal.StakeRefused)
	b.log.Warn("stake refused; refunding it", "ticket", rec.Ticket, "player", rec.Owner, "reason", reason, "why", message)
	return nil
}

// refusalOf names why EnterStaked refused rec's stake and says so in
// words fit to publish (GET /api/stakes shows them to anyone), or reports
// false when the error is the store's failure, not a refusal: then the
// event is read again rather than the stake refunded. The errors of the
// arena's own refusals are written for players; any other error's text is
// the server's, so it goes to the log and the player reads a fixed message.
func (b *Bridge) refusalOf(rec arena.Stake, err error) (reason, message string, ok bool) {
	switch {
	case errors.Is(err, arena.ErrAlreadyQueued):
		return "already_queued", err.Error(), true
	case errors.Is(err, arena.ErrOwnerCap):
		return "owner_cap", err.Error(), true
	case errors.Is(err, arena.ErrBenched):
		return "benched", err.Error(), true
	case errors.Is(err, arena.ErrRollouts):
		return "unverifiable", err.Error(), true
	case storeFailed(err):
		return "", "", false
	}
	// Something was not found, or the arena would not take the entry for a
	// reason its error does not name: ask which of the two lookups fails
	// now rather than guess from the error.
	switch _, serr := b.a.Space(rec.Space); {
	case storeFailed(serr):
		return "", "", false
	case serr != nil:
		return "space_not_served", fmt.Sprintf("Space %s (contract Space %d) is no longer served by this arena", rec.Space, rec.ChainSpace), true
	}
	switch _, aerr := b.a.Agent(rec.Agent); {
	case storeFailed(aerr):
		return "", "", false
	case errors.Is(aerr, store.ErrNotFound):
		return "unknown_agent", fmt.Sprintf("no agent %s in this arena (agentId %s)", rec.Agent, rec.AgentKey), true
	}
	b.log.Error("stake refused for an unexpected error", "ticket", rec.Ticket, "agent", rec.Agent, "err", err)
	return "refused", "the arena could not queue this entry (the operator's log says why); its fee is refunded", true
}

// storeFailed reports whether err is the store's failure (storage, a
// closed or conflicting database), which may pass when tried again.
func storeFailed(err error) bool {
	switch store.KindOf(err) {
	case store.IO, store.Closed, store.Conflict, store.Schema:
		return true
	}
	return false
}

// onChainReason is reason when the contract can carry it (see
// contracts.ReasonCode), else "refused": a reason the contract would
// refuse must never be recorded, for its refund could then never be sent.
func onChainReason(reason string) string {
	if _, err := contracts.ReasonCode(reason); err != nil {
		return "refused"
	}
	return reason
}

// badKey says what is wrong with an agentId that holds no UUID key, and
// how to form it.
func badKey(k [32]byte) (reason, message string) {
	how := "the contract's agentId is the agent id's 16 UUID bytes first, then 16 zero bytes " +
		"(GET /api/chain says how; every agent's JSON carries it as agent_key)"
	if [16]byte(k[:16]) == ([16]byte{}) {
		var fixed [32]byte
		copy(fixed[:16], k[16:])
		id, _ := contracts.KeyUUID(fixed)
		return "agent_key_right_aligned", fmt.Sprintf("agentId %s is right-aligned, as ethers' zeroPadValue pads; "+
			"for agent %s stake with agentId %s: %s", hexutil.Encode(k[:]), id, hexutil.Encode(fixed[:]), how)
	}
	return "agent_key_not_uuid", fmt.Sprintf("agentId %s names no agent: its last 16 bytes must be zero; %s", hexutil.Encode(k[:]), how)
}

// refund gives back, as the operator, the fees of the stakes refused. A
// refusal is recorded before its refund is sent, so a restart sends what a
// crash cut short; the contract refunds an open ticket only, so a refund
// sent twice pays once (the second reverts TicketClosed), and the arena
// refuses only tickets it never queued. A refund that cannot be sent now
// is logged and tried on the next pass; it never holds up settlements,
// and one that fails for a reason of its own never holds up the refunds
// after it (only the node's or the connection's failure ends the pass).
func (b *Bridge) refund(ctx context.Context) error {
	due, err := b.a.RefundsDue()
	if err != nil {
		return err
	}
	for _, s := range due {
		ep, n, _ := strings.Cut(s.Stake, ":")
		ticket, ok := new(big.Int).SetString(n, 10)
		if ep != b.epoch || !ok {
			note := fmt.Sprintf("staked on another chain instance (this one is %s): refund it with refund() after the Space's timeout", b.epoch)
			if err := b.a.DropRefund(s.Stake, note); err != nil {
				return err
			}
			continue
		}
		// The reason is checked when recorded; onChainReason here
		// covers records of older builds.
		credited, r, err := b.chain.RefuseEntry(ctx, b.opts.Operator, ticket, onChainReason(s.Reason))
		var rev *contracts.RevertError
		switch {
		case err == nil:
			err = b.updateStake(s.Stake, func(st *arena.Stake) {
				st.State, st.RefundTx, st.Credited = api.StakeRefunded, r.TxHash.Hex(), credited
			})
			if err != nil {
				return err
			}
			b.log.Info("refunded a refused stake", "ticket", ticket, "player", s.Owner, "reason", s.Reason, "tx", r.TxHash, "credited", credited)
		case errors.As(err, &rev) && rev.Name == "TicketClosed":
			// Refunded before a crash, or by its player after the timeout:
			// the Refunded event names the transaction.
			if err := b.updateStake(s.Stake, func(st *arena.Stake) { st.State, st.Note = api.StakeRefunded, "found refunded on chain" }); err != nil {
				return err
			}
		case errors.As(err, &rev) && rev.Name == "TicketNotFound":
			if err := b.a.DropRefund(s.Stake, "the chain has no such ticket"); err != nil {
				return err
			}
			b.log.Error("refused stake's ticket not found on chain", "ticket", ticket)
		case errors.As(err, &rev):
			// Such as NotOperator after an operator rotation: try again.
			b.refundsFailed++
			b.log.Error("refund of a refused stake reverted; will retry", "ticket", ticket, "err", err, "failures", b.refundsFailed)
		case mayPass(err):
			// The node, the connection or ctx: the refunds after this one
			// would fail too. Try again on the next pass, and let the
			// settlements go ahead meanwhile.
			b.log.Warn("refund of a refused stake not sent; will retry", "ticket", ticket, "err", err)
			return nil
		default:
			// A failure of this refund alone: it must not hold up the
			// refunds queued after it. It stays due, for the next pass.
			b.refundsFailed++
			b.log.Error("refund of a refused stake failed; will retry", "ticket", ticket, "err", err, "failures", b.refundsFailed)
		}
	}
	return nil
}

// mayPass reports whether err may pass when tried again and would fail
// any other transaction meanwhile: ctx ended, the connection failed, or
// the node answered with an error (out of gas money, overloaded, a nonce
// race).
func mayPass(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, rpc.ErrNoResult) {
		return true
	}
	var netErr net.Error
	var rpcErr rpc.Error
	var httpErr rpc.HTTPError
	return errors.As(err, &netErr) || errors.As(err, &rpcErr) || errors.As(err, &httpErr)
}

// stakesSettled records the stakes a Settled event consumed as settled.
func (b *Bridge) stakesSettled(e *spacestake.SpaceStakeSettled) error {
	match, _ := contracts.KeyUUID(e.MatchId)
	stakes := make([]string, len(e.Tickets))
	for i, t := range e.Tickets {
		stakes[i] = b.stake(t)
	}
	return b.a.StakesSettled(stakes, match)
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
