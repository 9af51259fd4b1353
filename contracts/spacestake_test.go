package contracts

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts/internal/testcontracts"
	"github.com/rlfc/arena/contracts/spacestake"
)

var ethToken = common.Address{} // address(0) stands for ETH in the contract

func TestDeploy(t *testing.T) {
	c := newChain(t, 1)
	if got := call(c, c.stake, stakeABI.PackOwner(), stakeABI.UnpackOwner); got != addrOf(c.owner) {
		t.Errorf("owner = %s", got)
	}
	if got := call(c, c.stake, stakeABI.PackOperator(), stakeABI.UnpackOperator); got != addrOf(c.operator) {
		t.Errorf("operator = %s", got)
	}
	if got := call(c, c.stake, stakeABI.PackTreasury(), stakeABI.UnpackTreasury); got != addrOf(c.treasury) {
		t.Errorf("treasury = %s", got)
	}
	wantBig(t, "nextTicketId", call(c, c.stake, stakeABI.PackNextTicketId(), stakeABI.UnpackNextTicketId), big.NewInt(1))
	d := call(c, c.stake, stakeABI.PackEip712Domain(), stakeABI.UnpackEip712Domain)
	if d.Name != DomainName || d.Version != DomainVersion || d.ChainId.Cmp(simChainID) != 0 || d.VerifyingContract != c.addr {
		t.Errorf("eip712Domain = %+v", d)
	}
	sep, err := c.domain.Separator()
	if err != nil {
		t.Fatal(err)
	}
	if got := call(c, c.stake, stakeABI.PackDomainSeparator(), stakeABI.UnpackDomainSeparator); got != sep {
		t.Errorf("domainSeparator = %x, Go computes %x", got, sep)
	}
	if got := call(c, c.stake, stakeABI.PackSETTLEMENTTYPEHASH(), stakeABI.UnpackSETTLEMENTTYPEHASH); got != SettlementTypeHash {
		t.Errorf("SETTLEMENT_TYPEHASH = %x, Go has %x", got, SettlementTypeHash)
	}

	// A zero operator or treasury is refused at deployment.
	_, _, err = bind.DeployContract(c.opts(c.owner, nil), common.FromHex(spacestake.SpaceStakeMetaData.Bin), c.client,
		stakeABI.PackConstructor(addrOf(c.owner), common.Address{}, addrOf(c.treasury)))
	if got := revertName(err); got != "ZeroAddress" {
		t.Errorf("deploy with zero operator: %s", got)
	}
}

func TestSpacesAndEntry(t *testing.T) {
	c := newChain(t, 3)
	alice, bob := c.players[0], c.players[1]
	fee := eth(1)
	day := 24 * time.Hour

	create := func(id int64, token common.Address, fee *big.Int, timeout int64) []byte {
		return stakeABI.PackCreateSpace(big.NewInt(id), token, fee, big.NewInt(timeout))
	}
	c.mustRevert("NotOperator", alice, c.stake, create(1, ethToken, fee, 3600), nil)
	c.mustRevert("ZeroEntryFee", c.operator, c.stake, create(1, ethToken, big.NewInt(0), 3600), nil)
	c.mustRevert("InvalidRefundTimeout", c.operator, c.stake, create(1, ethToken, fee, 0), nil)
	c.mustRevert("InvalidRefundTimeout", c.operator, c.stake, create(1, ethToken, fee, 366*86400), nil)
	c.mustRevert("SpaceIdTooLarge", c.operator, c.stake, stakeABI.PackCreateSpace(new(big.Int).Lsh(big.NewInt(1), 48), ethToken, fee, big.NewInt(3600)), nil)
	c.createSpace(1, ethToken, fee, day)
	c.mustRevert("SpaceAlreadyExists", c.operator, c.stake, create(1, ethToken, fee, 3600), nil)
	sp := call(c, c.stake, stakeABI.PackGetSpace(big.NewInt(1)), stakeABI.UnpackGetSpace)
	if !sp.Exists || sp.Token != ethToken || sp.EntryFee.Cmp(fee) != 0 || sp.RefundTimeout.Int64() != 86400 {
		t.Fatalf("getSpace = %+v", sp)
	}

	// ETH entry: exact fee only, known Space only.
	enter := stakeABI.PackEnter(big.NewInt(1), agentID(addrOf(alice)))
	c.mustRevert("WrongEntryValue", alice, c.stake, enter, eth(2))
	c.mustRevert("WrongEntryValue", alice, c.stake, enter, nil)
	c.mustRevert("SpaceNotFound", alice, c.stake, stakeABI.PackEnter(big.NewInt(9), agentID(addrOf(alice))), fee)
	before := c.balance(c.addr)
	r := c.do(alice, c.stake, enter, fee)
	wantBig(t, "contract balance", c.balance(c.addr), new(big.Int).Add(before, fee))
	var ev *spacestake.SpaceStakeEntered
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackEnteredEvent(l); err == nil {
			ev = e
		}
	}
	if ev == nil || ev.TicketId.Int64() != 1 || ev.SpaceId.Int64() != 1 || ev.AgentId != agentID(addrOf(alice)) ||
		ev.Player != addrOf(alice) || ev.Fee.Cmp(fee) != 0 {
		t.Fatalf("Entered = %+v", ev)
	}
	if id := c.enter(bob, 1, fee); id.Int64() != 2 {
		t.Fatalf("second ticket id = %s, want 2", id)
	}
	tk := call(c, c.stake, stakeABI.PackTickets(big.NewInt(1)), stakeABI.UnpackTickets)
	if tk.Player != addrOf(alice) || tk.SpaceId.Int64() != 1 || tk.RefundAt.Uint64() < c.now() {
		t.Fatalf("tickets(1) = %+v", tk)
	}

	// ERC-20 Space: the token must be allow-listed, and entry pulls the fee.
	tokenAddr := c.deploy(c.owner, testcontracts.TestTokenMetaData.Bin, nil)
	token := tokenABI.Instance(c.client, tokenAddr)
	c.mustRevert("TokenNotAllowed", c.operator, c.stake, create(2, tokenAddr, big.NewInt(500), 3600), nil)
	c.mustRevert("NotOperator", alice, c.stake, stakeABI.PackAllowToken(tokenAddr, true), nil)
	c.mustRevert("ZeroAddress", c.operator, c.stake, stakeABI.PackAllowToken(ethToken, true), nil)
	c.do(c.operator, c.stake, stakeABI.PackAllowToken(tokenAddr, true), nil)
	c.createSpace(2, tokenAddr, big.NewInt(500), time.Hour)
	c.do(alice, token, tokenABI.PackMint(addrOf(alice), big.NewInt(10_000)), nil)
	enter2 := stakeABI.PackEnter(big.NewInt(2), agentID(addrOf(alice)))
	c.mustRevert("ERC20InsufficientAllowance", alice, c.stake, enter2, nil)
	c.do(alice, token, tokenABI.PackApprove(c.addr, big.NewInt(10_000)), nil)
	c.mustRevert("WrongEntryValue", alice, c.stake, enter2, big.NewInt(1))
	c.do(alice, c.stake, enter2, nil)
	wantBig(t, "token balance of contract", call(c, token, tokenABI.PackBalanceOf(c.addr), tokenABI.UnpackBalanceOf), big.NewInt(500))
	// Withdrawing a token from the allow-list stops new entries in its Spaces.
	c.do(c.operator, c.stake, stakeABI.PackAllowToken(tokenAddr, false), nil)
	c.mustRevert("TokenNotAllowed", alice, c.stake, enter2, nil)
}

func TestSettleAndWithdraw(t *testing.T) {
	c := newChain(t, 4)
	fee := eth(1)
	c.createSpace(7, ethToken, fee, time.Hour)
	tickets := c.enterMany(c.players, 7, fee)

	// Pool 4 ETH: 2 + 1 to the top two, rake 0.2, remainder 0.8 to the treasury.
	p0, p1 := addrOf(c.players[0]), addrOf(c.players[1])
	amounts := []*big.Int{eth(2), eth(1)}
	rake := new(big.Int).Div(eth(1), big.NewInt(5))
	s := c.settlement(7, tickets, []common.Address{p0, p1}, amounts, rake)

	// Go's digest is the contract's digest.
	digest, err := SettlementHash(c.domain, s)
	if err != nil {
		t.Fatal(err)
	}
	if got := call(c, c.stake, stakeABI.PackHashSettlement(s.Binding()), stakeABI.UnpackHashSettlement); got != digest {
		t.Fatalf("hashSettlement = %x, Go computes %x", got, digest)
	}

	// Anyone may relay the operator's signature.
	r := c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	var settled *spacestake.SpaceStakeSettled
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackSettledEvent(l); err == nil {
			settled = e
		}
	}
	if settled == nil || settled.MatchId != s.MatchID || settled.SpaceId.Int64() != 7 || len(settled.Tickets) != 4 ||
		len(settled.Payees) != 2 || settled.Payees[0] != p0 || settled.Amounts[1].Cmp(eth(1)) != 0 || settled.Rake.Cmp(rake) != 0 {
		t.Fatalf("Settled = %+v", settled)
	}
	if !call(c, c.stake, stakeABI.PackSettledMatches(s.MatchID), stakeABI.UnpackSettledMatches) {
		t.Fatal("match not marked settled")
	}
	wantBig(t, "credit p0", c.credit(ethToken, p0), eth(2))
	wantBig(t, "credit p1", c.credit(ethToken, p1), eth(1))
	wantBig(t, "credit treasury", c.credit(ethToken, addrOf(c.treasury)), eth(1)) // 0.2 rake + 0.8 remainder
	for _, id := range tickets {
		if tk := call(c, c.stake, stakeABI.PackTickets(id), stakeABI.UnpackTickets); tk.Player != (common.Address{}) {
			t.Fatalf("ticket %s still open after settlement", id)
		}
	}

	// Withdraw pays the whole credit once; a second withdraw reverts clearly.
	before := c.balance(p0)
	r = c.do(c.players[0], c.stake, stakeABI.PackWithdraw(ethToken), nil)
	got := new(big.Int).Sub(c.balance(p0), before)
	wantBig(t, "p0 received", got, new(big.Int).Sub(eth(2), gasCost(r)))
	var w *spacestake.SpaceStakeWithdrawn
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackWithdrawnEvent(l); err == nil {
			w = e
		}
	}
	if w == nil || w.Account != p0 || w.Token != ethToken || w.Amount.Cmp(eth(2)) != 0 {
		t.Fatalf("Withdrawn = %+v", w)
	}
	c.mustRevert("NothingToWithdraw", c.players[0], c.stake, stakeABI.PackWithdraw(ethToken), nil)
	c.mustRevert("NothingToWithdraw", c.players[2], c.stake, stakeABI.PackWithdraw(ethToken), nil)
	c.do(c.players[1], c.stake, stakeABI.PackWithdraw(ethToken), nil)
	c.do(c.treasury, c.stake, stakeABI.PackWithdraw(ethToken), nil)
	wantBig(t, "contract balance after all withdrawals", c.balance(c.addr), big.NewInt(0))
}

func TestSettleReverts(t *testing.T) {
	c := newChain(t, 5)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	c.createSpace(2, ethToken, fee, time.Hour)
	tickets := c.enterMany(c.players[:4], 1, fee)
	other := c.enter(c.players[4], 2, fee)
	p0 := addrOf(c.players[0])
	good := func() Settlement {
		return c.settlement(1, tickets, []common.Address{p0}, []*big.Int{eth(3)}, eth(1))
	}
	settle := func(s Settlement, sig []byte) []byte { return c.settleData(s, sig) }
	mustRevert := func(name string, s Settlement, sig []byte) {
		t.Helper()
		c.mustRevert(name, c.relayer, c.stake, settle(s, sig), nil)
	}

	s := good()
	mustRevert("WrongSigner", s, c.sign(c.players[0], s))
	// A signature over different amounts recovers some other address.
	tampered := s
	tampered.Amounts = []*big.Int{eth(4)}
	mustRevert("WrongSigner", tampered, c.sign(c.operator, s))
	mustRevert("ECDSAInvalidSignatureLength", s, c.sign(c.operator, s)[:64])

	over := c.settlement(1, tickets, []common.Address{p0}, []*big.Int{eth(4)}, big.NewInt(1))
	mustRevert("SettlementOverPool", over, c.sign(c.operator, over))
	overRake := c.settlement(1, tickets, []common.Address{p0}, []*big.Int{big.NewInt(0)}, eth(5))
	mustRevert("SettlementOverPool", overRake, c.sign(c.operator, overRake))

	expired := good()
	expired.Deadline = new(big.Int).SetUint64(c.now() - 1)
	mustRevert("SettlementExpired", expired, c.sign(c.operator, expired))

	wrongSpace := c.settlement(1, []*big.Int{tickets[0], other}, []common.Address{p0}, []*big.Int{eth(1)}, big.NewInt(0))
	mustRevert("TicketNotInSpace", wrongSpace, c.sign(c.operator, wrongSpace))
	unknown := c.settlement(1, []*big.Int{big.NewInt(99)}, []common.Address{p0}, []*big.Int{eth(1)}, big.NewInt(0))
	mustRevert("TicketNotFound", unknown, c.sign(c.operator, unknown))
	dup := c.settlement(1, []*big.Int{tickets[0], tickets[0]}, []common.Address{p0}, []*big.Int{eth(1)}, big.NewInt(0))
	mustRevert("TicketClosed", dup, c.sign(c.operator, dup))
	noSpace := c.settlement(9, tickets, []common.Address{p0}, []*big.Int{eth(1)}, big.NewInt(0))
	mustRevert("SpaceNotFound", noSpace, c.sign(c.operator, noSpace))

	// Shapes Validate rejects are still refused by the contract: sign the raw digest.
	rawSign := func(s Settlement) []byte {
		digest := call(c, c.stake, stakeABI.PackHashSettlement(s.Binding()), stakeABI.UnpackHashSettlement)
		sig, err := crypto.Sign(digest[:], c.operator)
		if err != nil {
			t.Fatal(err)
		}
		sig[64] += 27
		return sig
	}
	empty := c.settlement(1, []*big.Int{}, []common.Address{}, []*big.Int{}, big.NewInt(0))
	mustRevert("EmptySettlement", empty, rawSign(empty))
	mismatch := c.settlement(1, tickets, []common.Address{p0}, []*big.Int{}, big.NewInt(0))
	mustRevert("PayeesAmountsMismatch", mismatch, rawSign(mismatch))
	zeroPayee := c.settlement(1, tickets, []common.Address{{}}, []*big.Int{eth(1)}, big.NewInt(0))
	mustRevert("ZeroAddress", zeroPayee, rawSign(zeroPayee))
	badSlash := c.settlement(1, tickets, []common.Address{p0}, []*big.Int{eth(1)}, big.NewInt(0))
	badSlash.Slashed = []*big.Int{other}
	mustRevert("SlashedTicketNotInSettlement", badSlash, rawSign(badSlash))

	// Batches: lengths must match, and one bad settlement undoes the batch.
	ok := good()
	c.mustRevert("BatchLengthMismatch", c.relayer, c.stake,
		stakeABI.PackSettleBatch([]spacestake.SpaceStakeSettlement{ok.Binding()}, nil), nil)
	overOther := c.settlement(2, []*big.Int{other}, []common.Address{p0}, []*big.Int{eth(2)}, big.NewInt(0))
	c.mustRevert("SettlementOverPool", c.relayer, c.stake, stakeABI.PackSettleBatch(
		[]spacestake.SpaceStakeSettlement{ok.Binding(), overOther.Binding()},
		[][]byte{c.sign(c.operator, ok), c.sign(c.operator, overOther)}), nil)

	// Paused: no settlement.
	c.do(c.operator, c.stake, stakeABI.PackPause(), nil)
	mustRevert("EnforcedPause", ok, c.sign(c.operator, ok))
	c.do(c.owner, c.stake, stakeABI.PackUnpause(), nil)

	// Settles once; the same match again is a replay, and its tickets are spent.
	c.do(c.relayer, c.stake, settle(ok, c.sign(c.operator, ok)), nil)
	mustRevert("MatchAlreadySettled", ok, c.sign(c.operator, ok))
	again := good()
	mustRevert("TicketClosed", again, c.sign(c.operator, again))
}

func TestSettleBatch(t *testing.T) {
	c := newChain(t, 6)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	var batch []spacestake.SpaceStakeSettlement
	var sigs [][]byte
	var ids [][32]byte
	for m := range 3 {
		players := c.players[2*m : 2*m+2]
		tickets := c.enterMany(players, 1, fee)
		s := c.settlement(1, tickets, []common.Address{addrOf(players[0])}, []*big.Int{eth(2)}, big.NewInt(0))
		batch = append(batch, s.Binding())
		sigs = append(sigs, c.sign(c.operator, s))
		ids = append(ids, s.MatchID)
	}
	r := c.do(c.relayer, c.stake, stakeABI.PackSettleBatch(batch, sigs), nil)
	n := 0
	for _, l := range r.Logs {
		if _, err := stakeABI.UnpackSettledEvent(l); err == nil {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d Settled events, want 3", n)
	}
	for m := range 3 {
		wantBig(t, "winner credit", c.credit(ethToken, addrOf(c.players[2*m])), eth(2))
		if !call(c, c.stake, stakeABI.PackSettledMatches(ids[m]), stakeABI.UnpackSettledMatches) {
			t.Fatalf("match %d not settled", m)
		}
	}
}

func TestRefund(t *testing.T) {
	c := newChain(t, 3)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	alice, bob := c.players[0], c.players[1]
	ta := c.enter(alice, 1, fee)
	tb := c.enter(bob, 1, fee)

	c.mustRevert("RefundTooEarly", alice, c.stake, stakeABI.PackRefund(ta), nil)
	c.mustRevert("NotTicketPlayer", bob, c.stake, stakeABI.PackRefund(ta), nil)
	c.mustRevert("TicketNotFound", alice, c.stake, stakeABI.PackRefund(big.NewInt(42)), nil)
	c.advance(time.Hour)

	// Refunds stay open while paused: a player can always get out.
	c.do(c.operator, c.stake, stakeABI.PackPause(), nil)
	before := c.balance(addrOf(alice))
	r := c.do(alice, c.stake, stakeABI.PackRefund(ta), nil)
	wantBig(t, "alice refunded", new(big.Int).Sub(c.balance(addrOf(alice)), before), new(big.Int).Sub(fee, gasCost(r)))
	var ev *spacestake.SpaceStakeRefunded
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackRefundedEvent(l); err == nil {
			ev = e
		}
	}
	if ev == nil || ev.TicketId.Cmp(ta) != 0 || ev.Player != addrOf(alice) || ev.Amount.Cmp(fee) != 0 {
		t.Fatalf("Refunded = %+v", ev)
	}
	c.mustRevert("TicketClosed", alice, c.stake, stakeABI.PackRefund(ta), nil)
	c.do(c.owner, c.stake, stakeABI.PackUnpause(), nil)

	// A refunded ticket cannot be settled; a settled ticket cannot be refunded.
	s := c.settlement(1, []*big.Int{ta}, []common.Address{addrOf(alice)}, []*big.Int{fee}, big.NewInt(0))
	c.mustRevert("TicketClosed", c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	s = c.settlement(1, []*big.Int{tb}, []common.Address{addrOf(bob)}, []*big.Int{fee}, big.NewInt(0))
	c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	c.mustRevert("TicketClosed", bob, c.stake, stakeABI.PackRefund(tb), nil)

	// ERC-20 refunds return the token.
	tokenAddr := c.deploy(c.owner, testcontracts.TestTokenMetaData.Bin, nil)
	token := tokenABI.Instance(c.client, tokenAddr)
	c.do(c.operator, c.stake, stakeABI.PackAllowToken(tokenAddr, true), nil)
	c.createSpace(2, tokenAddr, big.NewInt(700), time.Minute)
	carol := c.players[2]
	c.do(carol, token, tokenABI.PackMint(addrOf(carol), big.NewInt(700)), nil)
	c.do(carol, token, tokenABI.PackApprove(c.addr, big.NewInt(700)), nil)
	r = c.do(carol, c.stake, stakeABI.PackEnter(big.NewInt(2), agentID(addrOf(carol))), nil)
	tc := c.ticketOf(r)
	c.advance(time.Minute)
	c.do(carol, c.stake, stakeABI.PackRefund(tc), nil)
	wantBig(t, "carol tokens", call(c, token, tokenABI.PackBalanceOf(addrOf(carol)), tokenABI.UnpackBalanceOf), big.NewInt(700))
}

func TestBondsAndSlash(t *testing.T) {
	c := newChain(t, 3)
	alice, bob := c.players[0], c.players[1]
	treasury := addrOf(c.treasury)

	c.mustRevert("ZeroAmount", alice, c.stake, stakeABI.PackBond(), nil)
	r := c.do(alice, c.stake, stakeABI.PackBond(), eth(5))
	var bonded *spacestake.SpaceStakeBonded
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackBondedEvent(l); err == nil {
			bonded = e
		}
	}
	if bonded == nil || bonded.Player != addrOf(alice) || bonded.Bond.Cmp(eth(5)) != 0 {
		t.Fatalf("Bonded = %+v", bonded)
	}
	bondOf := func(k common.Address) *big.Int {
		return call(c, c.stake, stakeABI.PackBonds(k), stakeABI.UnpackBonds)
	}

	evidence := crypto.Keccak256Hash([]byte("transcript of the offending match"))
	c.mustRevert("NotOperator", bob, c.stake, stakeABI.PackSlash(addrOf(alice), eth(1), evidence), nil)
	c.mustRevert("SlashExceedsBond", c.operator, c.stake, stakeABI.PackSlash(addrOf(alice), eth(6), evidence), nil)
	c.mustRevert("ZeroAmount", c.operator, c.stake, stakeABI.PackSlash(addrOf(alice), big.NewInt(0), evidence), nil)
	r = c.do(c.operator, c.stake, stakeABI.PackSlash(addrOf(alice), eth(2), evidence), nil)
	var slashed *spacestake.SpaceStakeSlashed
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackSlashedEvent(l); err == nil {
			slashed = e
		}
	}
	if slashed == nil || slashed.Player != addrOf(alice) || slashed.Amount.Cmp(eth(2)) != 0 || slashed.EvidenceHash != evidence {
		t.Fatalf("Slashed = %+v", slashed)
	}
	wantBig(t, "alice bond", bondOf(addrOf(alice)), eth(3))
	wantBig(t, "treasury credit", c.credit(ethToken, treasury), eth(2))

	// Unbonding: delayed, still slashable meanwhile, then credited for withdraw.
	c.mustRevert("NoUnbondRequested", alice, c.stake, stakeABI.PackCompleteUnbond(), nil)
	c.mustRevert("UnbondExceedsBond", alice, c.stake, stakeABI.PackRequestUnbond(eth(4)), nil)
	c.do(alice, c.stake, stakeABI.PackRequestUnbond(eth(3)), nil)
	c.mustRevert("UnbondNotReady", alice, c.stake, stakeABI.PackCompleteUnbond(), nil)
	c.do(c.operator, c.stake, stakeABI.PackSlash(addrOf(alice), eth(1), evidence), nil)
	c.advance(48 * time.Hour)
	c.do(alice, c.stake, stakeABI.PackCompleteUnbond(), nil)
	wantBig(t, "alice bond after unbond", bondOf(addrOf(alice)), big.NewInt(0))
	wantBig(t, "alice credit after unbond", c.credit(ethToken, addrOf(alice)), eth(2))
	c.do(alice, c.stake, stakeABI.PackWithdraw(ethToken), nil)

	// A settlement's slashed ticket takes its player's whole bond.
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	c.do(bob, c.stake, stakeABI.PackBond(), eth(4))
	tickets := c.enterMany(c.players[1:3], 1, fee)
	s := c.settlement(1, tickets, []common.Address{addrOf(c.players[2])}, []*big.Int{eth(2)}, big.NewInt(0))
	s.Slashed = []*big.Int{tickets[0]}
	r = c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	slashed = nil
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackSlashedEvent(l); err == nil {
			slashed = e
		}
	}
	if slashed == nil || slashed.Player != addrOf(bob) || slashed.Amount.Cmp(eth(4)) != 0 || slashed.EvidenceHash != s.MatchID {
		t.Fatalf("settlement Slashed = %+v", slashed)
	}
	wantBig(t, "bob bond", bondOf(addrOf(bob)), big.NewInt(0))
	wantBig(t, "treasury credit", c.credit(ethToken, treasury), eth(2+1+4))

	c.do(c.operator, c.stake, stakeABI.PackPause(), nil)
	c.mustRevert("EnforcedPause", bob, c.stake, stakeABI.PackBond(), eth(1))
}

func TestOperatorRotation(t *testing.T) {
	c := newChain(t, 2)
	c.createSpace(1, ethToken, eth(1), time.Hour)
	next := c.players[1]

	c.mustRevert("OwnableUnauthorizedAccount", c.operator, c.stake, stakeABI.PackProposeOperator(addrOf(next)), nil)
	c.mustRevert("ZeroAddress", c.owner, c.stake, stakeABI.PackProposeOperator(common.Address{}), nil)
	r := c.do(c.owner, c.stake, stakeABI.PackProposeOperator(addrOf(next)), nil)
	proposed, err := stakeABI.UnpackOperatorProposedEvent(r.Logs[0])
	if err != nil || proposed.Operator != addrOf(next) || proposed.ReadyAt.Uint64() != c.now()+2*86400 {
		t.Fatalf("OperatorProposed = %+v, %v (block time %d)", proposed, err, c.now())
	}
	c.mustRevert("NotPendingOperator", c.players[0], c.stake, stakeABI.PackAcceptOperator(), nil)
	c.mustRevert("OperatorTimelockNotElapsed", next, c.stake, stakeABI.PackAcceptOperator(), nil)
	c.advance(47 * time.Hour)
	c.mustRevert("OperatorTimelockNotElapsed", next, c.stake, stakeABI.PackAcceptOperator(), nil)
	c.advance(time.Hour)
	r = c.do(next, c.stake, stakeABI.PackAcceptOperator(), nil)
	changed, err := stakeABI.UnpackOperatorChangedEvent(r.Logs[0])
	if err != nil || changed.PreviousOperator != addrOf(c.operator) || changed.NewOperator != addrOf(next) {
		t.Fatalf("OperatorChanged = %+v, %v", changed, err)
	}
	if got := call(c, c.stake, stakeABI.PackOperator(), stakeABI.UnpackOperator); got != addrOf(next) {
		t.Fatalf("operator = %s", got)
	}
	if got := call(c, c.stake, stakeABI.PackPendingOperator(), stakeABI.UnpackPendingOperator); got != (common.Address{}) {
		t.Fatalf("pendingOperator = %s after accepting", got)
	}

	// The old operator's powers and signatures are gone; the new one's work.
	c.mustRevert("NotOperator", c.operator, c.stake, stakeABI.PackCreateSpace(big.NewInt(2), ethToken, eth(1), big.NewInt(60)), nil)
	ticket := c.enter(c.players[0], 1, eth(1))
	s := c.settlement(1, []*big.Int{ticket}, []common.Address{addrOf(c.players[0])}, []*big.Int{eth(1)}, big.NewInt(0))
	c.mustRevert("WrongSigner", c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	c.do(c.relayer, c.stake, c.settleData(s, c.sign(next, s)), nil)
}

func TestTreasuryPauseAnchor(t *testing.T) {
	c := newChain(t, 1)
	alice := c.players[0]
	newTreasury := testKey("new treasury")

	c.mustRevert("OwnableUnauthorizedAccount", c.operator, c.stake, stakeABI.PackSetTreasury(addrOf(newTreasury)), nil)
	c.mustRevert("ZeroAddress", c.owner, c.stake, stakeABI.PackSetTreasury(common.Address{}), nil)
	r := c.do(c.owner, c.stake, stakeABI.PackSetTreasury(addrOf(newTreasury)), nil)
	if e, err := stakeABI.UnpackTreasuryChangedEvent(r.Logs[0]); err != nil || e.NewTreasury != addrOf(newTreasury) || e.PreviousTreasury != addrOf(c.treasury) {
		t.Fatalf("TreasuryChanged = %+v, %v", e, err)
	}

	c.mustRevert("NotOwnerOrOperator", alice, c.stake, stakeABI.PackPause(), nil)
	c.do(c.operator, c.stake, stakeABI.PackPause(), nil)
	c.mustRevert("EnforcedPause", c.owner, c.stake, stakeABI.PackPause(), nil)
	c.mustRevert("EnforcedPause", c.operator, c.stake, stakeABI.PackAnchor([32]byte{1}, [32]byte{2}), nil)
	c.mustRevert("OwnableUnauthorizedAccount", c.operator, c.stake, stakeABI.PackUnpause(), nil)
	c.do(c.owner, c.stake, stakeABI.PackUnpause(), nil)
	c.mustRevert("ExpectedPause", c.owner, c.stake, stakeABI.PackUnpause(), nil)

	agent := agentID(addrOf(alice))
	record := crypto.Keccak256Hash([]byte("proof-of-learning record"))
	c.mustRevert("NotOperator", alice, c.stake, stakeABI.PackAnchor(agent, record), nil)
	r = c.do(c.operator, c.stake, stakeABI.PackAnchor(agent, record), nil)
	ev, err := stakeABI.UnpackAnchoredEvent(r.Logs[0])
	if err != nil || ev.AgentId != agent || ev.RecordHash != record || ev.BlockNumber.Cmp(r.BlockNumber) != 0 {
		t.Fatalf("Anchored = %+v, %v", ev, err)
	}
	wantBig(t, "anchoredAt", call(c, c.stake, stakeABI.PackAnchoredAt(agent, record), stakeABI.UnpackAnchoredAt), r.BlockNumber)
	if got := call(c, c.stake, stakeABI.PackLatestAnchor(agent), stakeABI.UnpackLatestAnchor); got != record {
		t.Fatalf("latestAnchor = %x", got)
	}
	c.mustRevert("AlreadyAnchored", c.operator, c.stake, stakeABI.PackAnchor(agent, record), nil)
}

// TestReentrancy: a payee contract whose receive() calls withdraw again gets
// ReentrancyGuardReentrantCall on the inner call and is paid exactly once.
func TestReentrancy(t *testing.T) {
	c := newChain(t, 2)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	attackerAddr := c.deploy(c.owner, testcontracts.ReentrantWithdrawerMetaData.Bin, attackerABI.PackConstructor(c.addr))
	attacker := attackerABI.Instance(c.client, attackerAddr)

	r := c.do(c.players[0], attacker, attackerABI.PackEnter(big.NewInt(1), agentID(attackerAddr)), fee)
	ticket := c.ticketOf(r)
	others := c.enterMany(c.players, 1, fee) // more ETH in the contract to steal
	s := c.settlement(1, append([]*big.Int{ticket}, others...), []common.Address{attackerAddr}, []*big.Int{eth(2)}, big.NewInt(0))
	c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)

	before := c.balance(c.addr)
	c.do(c.players[0], attacker, attackerABI.PackAttack(), nil)
	wantBig(t, "attacker balance", c.balance(attackerAddr), eth(2))
	wantBig(t, "contract paid out", new(big.Int).Sub(before, c.balance(c.addr)), eth(2))
	wantBig(t, "attacker credit", c.credit(ethToken, attackerAddr), big.NewInt(0))
	wantBig(t, "reentry attempts", call(c, attacker, attackerABI.PackReentryAttempts(), attackerABI.UnpackReentryAttempts), big.NewInt(1))
	if call(c, attacker, attackerABI.PackReentrySucceeded(), attackerABI.UnpackReentrySucceeded) {
		t.Fatal("re-entrant withdraw succeeded")
	}
	reason := call(c, attacker, attackerABI.PackReentryError(), attackerABI.UnpackReentryError)
	if got := errorNameOf(reason); got != "ReentrancyGuardReentrantCall" {
		t.Fatalf("re-entry failed with %s, want ReentrancyGuardReentrantCall", got)
	}
	// Double withdraw after the attack pays nothing.
	c.mustRevert("NothingToWithdraw", c.players[0], attacker, attackerABI.PackAttack(), nil)
}

// TestRefuseEntry: the operator gives an entry it will not queue back at
// once, with its reason; only the operator may, only for an open ticket, and
// a ticket is never both refused and settled, nor refused twice.
func TestRefuseEntry(t *testing.T) {
	c := newChain(t, 3)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, 24*time.Hour)
	alice, bob := c.players[0], c.players[1]
	reason, err := ReasonCode("agent_key_right_aligned")
	if err != nil {
		t.Fatal(err)
	}
	ta := c.enter(alice, 1, fee)
	tb := c.enter(bob, 1, fee)

	c.mustRevert("NotOperator", alice, c.stake, stakeABI.PackRefuseEntry(ta, reason), nil)
	c.mustRevert("TicketNotFound", c.operator, c.stake, stakeABI.PackRefuseEntry(big.NewInt(42), reason), nil)
	c.mustRevert("TicketNotFound", c.operator, c.stake, stakeABI.PackRefuseEntry(big.NewInt(0), reason), nil)

	// Refused at once, long before the Space's refund timeout, and even
	// while paused; the player pays no gas and gets the whole fee.
	c.do(c.operator, c.stake, stakeABI.PackPause(), nil)
	before, held := c.balance(addrOf(alice)), c.balance(c.addr)
	r := c.do(c.operator, c.stake, stakeABI.PackRefuseEntry(ta, reason), nil)
	wantBig(t, "alice's balance", new(big.Int).Sub(c.balance(addrOf(alice)), before), fee)
	wantBig(t, "contract paid out", new(big.Int).Sub(held, c.balance(c.addr)), fee)
	wantBig(t, "alice's credit", c.credit(ethToken, addrOf(alice)), big.NewInt(0))
	var refunded *spacestake.SpaceStakeRefunded
	var refused *spacestake.SpaceStakeEntryRefused
	for _, l := range r.Logs {
		if e, err := stakeABI.UnpackRefundedEvent(l); err == nil {
			refunded = e
		}
		if e, err := stakeABI.UnpackEntryRefusedEvent(l); err == nil {
			refused = e
		}
	}
	if refunded == nil || refunded.TicketId.Cmp(ta) != 0 || refunded.Player != addrOf(alice) || refunded.Amount.Cmp(fee) != 0 {
		t.Fatalf("Refunded = %+v", refunded)
	}
	if refused == nil || refused.TicketId.Cmp(ta) != 0 || ReasonText(refused.Reason) != "agent_key_right_aligned" || refused.Credited {
		t.Fatalf("EntryRefused = %+v", refused)
	}
	c.mustRevert("TicketClosed", c.operator, c.stake, stakeABI.PackRefuseEntry(ta, reason), nil)
	c.do(c.owner, c.stake, stakeABI.PackUnpause(), nil)

	// A refused ticket cannot be settled or refunded; a settled one cannot
	// be refused.
	c.advance(25 * time.Hour)
	c.mustRevert("TicketClosed", alice, c.stake, stakeABI.PackRefund(ta), nil)
	s := c.settlement(1, []*big.Int{ta}, []common.Address{addrOf(alice)}, []*big.Int{fee}, big.NewInt(0))
	c.mustRevert("TicketClosed", c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	s = c.settlement(1, []*big.Int{tb}, []common.Address{addrOf(bob)}, []*big.Int{fee}, big.NewInt(0))
	c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	c.mustRevert("TicketClosed", c.operator, c.stake, stakeABI.PackRefuseEntry(tb, reason), nil)

	// ERC-20: the token goes back.
	tokenAddr := c.deploy(c.owner, testcontracts.TestTokenMetaData.Bin, nil)
	token := tokenABI.Instance(c.client, tokenAddr)
	c.do(c.operator, c.stake, stakeABI.PackAllowToken(tokenAddr, true), nil)
	c.createSpace(2, tokenAddr, big.NewInt(700), time.Hour)
	carol := c.players[2]
	c.do(carol, token, tokenABI.PackMint(addrOf(carol), big.NewInt(700)), nil)
	c.do(carol, token, tokenABI.PackApprove(c.addr, big.NewInt(700)), nil)
	tc := c.ticketOf(c.do(carol, c.stake, stakeABI.PackEnter(big.NewInt(2), agentID(addrOf(carol))), nil))
	c.do(c.operator, c.stake, stakeABI.PackRefuseEntry(tc, reason), nil)
	wantBig(t, "carol's tokens", call(c, token, tokenABI.PackBalanceOf(addrOf(carol)), tokenABI.UnpackBalanceOf), big.NewInt(700))
}

// TestRefuseEntryToAContract: a player contract is paid when its receive
// hook fits in REFUSAL_PAY_GAS (ReentrantWithdrawer's tries to re-enter
// withdraw and records the failure), and credited when its account refuses
// ETH (RefusingPlayer): either way the refusal goes through and the fee
// leaves the contract's escrow exactly once. A gas limit too low to give the
// payee its whole allowance is refused.
func TestRefuseEntryToAContract(t *testing.T) {
	c := newChain(t, 1)
	fee := eth(1)
	c.createSpace(1, ethToken, fee, time.Hour)
	reason, _ := ReasonCode("unknown_agent")
	refusingBin, err := os.ReadFile(filepath.Join("build", "RefusingPlayer.bin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		bin      string
		credited bool
	}{
		{"ReentrantWithdrawer", testcontracts.ReentrantWithdrawerMetaData.Bin, false},
		{"RefusingPlayer", strings.TrimSpace(string(refusingBin)), true},
	} {
		// Both have ReentrantWithdrawer's constructor and enter.
		playerAddr := c.deploy(c.owner, tc.bin, attackerABI.PackConstructor(c.addr))
		player := attackerABI.Instance(c.client, playerAddr)
		ticket := c.ticketOf(c.do(c.players[0], player, attackerABI.PackEnter(big.NewInt(1), agentID(playerAddr)), fee))

		low := ethereum.CallMsg{From: addrOf(c.operator), To: &c.addr, Gas: 60_000, Data: stakeABI.PackRefuseEntry(ticket, reason)}
		if _, err := c.client.CallContract(t.Context(), low, nil); err == nil || revertName(err) != "GasTooLowForPayee" {
			t.Errorf("%s: refusal with 60k gas: %v", tc.name, err)
		}

		held := c.balance(c.addr)
		r := c.do(c.operator, c.stake, stakeABI.PackRefuseEntry(ticket, reason), nil)
		var refused *spacestake.SpaceStakeEntryRefused
		for _, l := range r.Logs {
			if e, err := stakeABI.UnpackEntryRefusedEvent(l); err == nil {
				refused = e
			}
		}
		if refused == nil || refused.Credited != tc.credited {
			t.Fatalf("%s: EntryRefused = %+v, want credited %v", tc.name, refused, tc.credited)
		}
		paid, credit := c.balance(playerAddr), c.credit(ethToken, playerAddr)
		if tc.credited {
			paid, credit = credit, paid
		}
		wantBig(t, tc.name+" paid", paid, fee)
		wantBig(t, tc.name+" credited otherwise", credit, big.NewInt(0))
		wantBig(t, tc.name+": contract escrow released", new(big.Int).Sub(held, c.balance(c.addr)), c.balance(playerAddr))
	}
}
