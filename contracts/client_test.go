package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/rlfc/arena/contracts/internal/testcontracts"
)

// newDev starts a dev chain whose players (DevKey("player 0"), ...) hold
// 100 ETH each.
func newDev(t *testing.T, players int) (*Dev, []*ecdsa.PrivateKey) {
	t.Helper()
	alloc := map[common.Address]*big.Int{}
	var keys []*ecdsa.PrivateKey
	for i := range players {
		k := DevKey(fmt.Sprintf("player %d", i))
		keys = append(keys, k)
		alloc[addrOf(k)] = eth(100)
	}
	d, err := NewDev(DevOptions{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Error(err)
		}
	})
	return d, keys
}

// agentKey is the bytes32 agent id of a fixed UUID numbered i.
func agentKey(t *testing.T, i int) [32]byte {
	t.Helper()
	k, err := UUIDKey(fmt.Sprintf("00000000-0000-4000-8000-%012d", i))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// signed builds and signs (as the dev operator) a settlement of tickets
// paying amounts to payees, due an hour after the head block.
func signed(t *testing.T, d *Dev, match string, space uint64, tickets []*big.Int, payees []common.Address, amounts []*big.Int, rake *big.Int) SignedSettlement {
	t.Helper()
	now, err := d.HeadTime(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := Settlement{
		MatchID:  crypto.Keccak256Hash([]byte(match)),
		SpaceID:  new(big.Int).SetUint64(space),
		Tickets:  tickets,
		Payees:   payees,
		Amounts:  amounts,
		Slashed:  []*big.Int{},
		Rake:     rake,
		Deadline: big.NewInt(now.Add(time.Hour).Unix()),
	}
	sig, err := SignSettlement(d.Operator, d.Domain(), s)
	if err != nil {
		t.Fatal(err)
	}
	return SignedSettlement{Settlement: s, Signature: sig}
}

// wantRevert checks that err is a *RevertError named name.
func wantRevert(t *testing.T, err error, name string) *RevertError {
	t.Helper()
	var re *RevertError
	if !errors.As(err, &re) {
		t.Fatalf("want a %s revert, got %v", name, err)
	}
	if re.Name != name {
		t.Fatalf("want a %s revert, got %s", name, re.Name)
	}
	return re
}

func TestClientCycle(t *testing.T) {
	d, players := newDev(t, 4)
	ctx := context.Background()
	fee := new(big.Int).Div(ether, big.NewInt(100)) // 0.01 ETH
	space := ChainSpaceID("client-test", 1)

	if got := d.ChainID(); got.Cmp(big.NewInt(DevChainID)) != 0 {
		t.Fatalf("ChainID = %s", got)
	}
	if op, err := d.Client.Operator(ctx); err != nil || op != addrOf(d.Operator) {
		t.Fatalf("Operator = %s, %v", op, err)
	}
	if tr, err := d.Client.Treasury(ctx); err != nil || tr != addrOf(d.Treasury) {
		t.Fatalf("Treasury = %s, %v", tr, err)
	}
	if _, err := d.CreateSpace(ctx, d.Operator, space, ethToken, fee, time.Hour); err != nil {
		t.Fatal(err)
	}
	sp, err := d.Space(ctx, space)
	if err != nil {
		t.Fatal(err)
	}
	if !sp.Exists || sp.ID != space || sp.Token != ethToken || sp.EntryFee.Cmp(fee) != 0 || sp.RefundTimeout != time.Hour {
		t.Fatalf("Space = %+v", sp)
	}
	if sp, err := d.Space(ctx, space+1); err != nil || sp.Exists {
		t.Fatalf("Space of a missing id = %+v, %v", sp, err)
	}

	var tickets []*big.Int
	for i, p := range players {
		id, r, err := d.Enter(ctx, p, space, agentKey(t, i), fee)
		if err != nil {
			t.Fatal(err)
		}
		wantBig(t, fmt.Sprintf("ticket %d", i), id, big.NewInt(int64(i+1)))
		if r.Status != 1 {
			t.Fatalf("enter receipt status %d", r.Status)
		}
		tickets = append(tickets, id)
	}
	tk, err := d.Ticket(ctx, tickets[0])
	if err != nil {
		t.Fatal(err)
	}
	head, _ := d.HeadTime(ctx)
	if !tk.Open || tk.Player != addrOf(players[0]) || tk.SpaceID != space ||
		tk.RefundAt.Before(head) || tk.RefundAt.After(head.Add(time.Hour)) {
		t.Fatalf("Ticket = %+v (head at %s)", tk, head)
	}

	// One match settled alone, two in a batch, relayed by a player.
	winner := addrOf(players[0])
	rake := big.NewInt(1000)
	pot := new(big.Int).Sub(new(big.Int).Mul(fee, big.NewInt(2)), rake)
	m1 := signed(t, d, "match 1", space, tickets[:2], []common.Address{winner}, []*big.Int{pot}, rake)
	if _, err := d.Settle(ctx, players[3], []SignedSettlement{m1}); err != nil {
		t.Fatal(err)
	}
	m2 := signed(t, d, "match 2", space, tickets[2:3], []common.Address{winner}, []*big.Int{fee}, big.NewInt(0))
	m3 := signed(t, d, "match 3", space, tickets[3:4], []common.Address{addrOf(players[3])}, []*big.Int{fee}, big.NewInt(0))
	if _, err := d.Settle(ctx, players[3], []SignedSettlement{m2, m3}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []SignedSettlement{m1, m2, m3} {
		if ok, err := d.Settled(ctx, m.Settlement.MatchID); err != nil || !ok {
			t.Fatalf("Settled(%s) = %v, %v", m.Settlement.MatchID, ok, err)
		}
	}
	if tk, err := d.Ticket(ctx, tickets[0]); err != nil || tk.Open {
		t.Fatalf("settled ticket = %+v, %v", tk, err)
	}

	// A replayed settlement is refused with its match id.
	_, err = d.Settle(ctx, players[3], []SignedSettlement{m1})
	re := wantRevert(t, err, "MatchAlreadySettled")
	if v, _ := re.Arg("matchId"); v != [32]byte(m1.Settlement.MatchID) {
		t.Errorf("MatchAlreadySettled matchId = %v", v)
	}
	if want := "SpaceStake reverted: MatchAlreadySettled(matchId=" + m1.Settlement.MatchID.Hex() + ")"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain %q", err, want)
	}

	won := new(big.Int).Add(pot, fee)
	credit, err := d.Credit(ctx, ethToken, winner)
	if err != nil {
		t.Fatal(err)
	}
	wantBig(t, "winner's credit", credit, won)
	before, err := d.Balance(ctx, winner)
	if err != nil {
		t.Fatal(err)
	}
	amount, r, err := d.Withdraw(ctx, players[0], ethToken)
	if err != nil {
		t.Fatal(err)
	}
	wantBig(t, "withdrawn", amount, won)
	after, _ := d.Balance(ctx, winner)
	wantBig(t, "balance after withdrawing", after, new(big.Int).Sub(new(big.Int).Add(before, won), gasCost(r)))
	_, _, err = d.Withdraw(ctx, players[0], ethToken)
	wantRevert(t, err, "NothingToWithdraw")

	// Events come back in chain order, decoded.
	last, err := d.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := d.Events(ctx, 0, last)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var entered, settledIDs []string
	for i, ev := range evs {
		if i > 0 && (ev.Block < evs[i-1].Block || ev.Block == evs[i-1].Block && ev.Index <= evs[i-1].Index) {
			t.Fatalf("event %d (block %d, log %d) is out of order", i, ev.Block, ev.Index)
		}
		names = append(names, ev.Name)
		switch {
		case ev.Entered != nil:
			entered = append(entered, fmt.Sprintf("%s:%s:%x", ev.Entered.TicketId, ev.Entered.Player.Hex(), ev.Entered.AgentId[:2]))
			if ev.Entered.SpaceId.Uint64() != space || ev.Entered.Fee.Cmp(fee) != 0 {
				t.Errorf("Entered = %+v", ev.Entered)
			}
		case ev.Settled != nil:
			settledIDs = append(settledIDs, common.Hash(ev.Settled.MatchId).Hex())
		case ev.Withdrawn != nil:
			if ev.Withdrawn.Account != winner || ev.Withdrawn.Token != ethToken || ev.Withdrawn.Amount.Cmp(won) != 0 {
				t.Errorf("Withdrawn = %+v", ev.Withdrawn)
			}
			if ev.TxHash != r.TxHash || ev.Block != r.BlockNumber.Uint64() {
				t.Errorf("Withdrawn in tx %s block %d, want %s block %s", ev.TxHash, ev.Block, r.TxHash, r.BlockNumber)
			}
		}
	}
	want := "OwnershipTransferred OperatorChanged TreasuryChanged SpaceCreated Entered Entered Entered Entered Settled Settled Settled Withdrawn"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("events:\n got %s\nwant %s", got, want)
	}
	var wantEntered []string
	for i, p := range players {
		wantEntered = append(wantEntered, fmt.Sprintf("%d:%s:0000", i+1, addrOf(p).Hex()))
	}
	if strings.Join(entered, " ") != strings.Join(wantEntered, " ") {
		t.Errorf("Entered events %v, want %v", entered, wantEntered)
	}
	wantSettled := []string{m1.Settlement.MatchID.Hex(), m2.Settlement.MatchID.Hex(), m3.Settlement.MatchID.Hex()}
	if strings.Join(settledIDs, " ") != strings.Join(wantSettled, " ") {
		t.Errorf("Settled events %v, want %v", settledIDs, wantSettled)
	}
	if _, err := d.Events(ctx, 5, 4); err == nil {
		t.Error("Events with to before from: no error")
	}
}

func TestClientRefundAndAnchor(t *testing.T) {
	d, players := newDev(t, 1)
	ctx := context.Background()
	fee := eth(1)
	space := ChainSpaceID("refunds", 0)
	if _, err := d.CreateSpace(ctx, d.Operator, space, ethToken, fee, 90*time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateSpace(ctx, d.Operator, space+1, ethToken, fee, 1500*time.Millisecond); err == nil || !strings.Contains(err.Error(), "whole number of seconds") {
		t.Errorf("a fractional refund timeout: %v", err)
	}
	_, err := d.CreateSpace(ctx, players[0], space+1, ethToken, fee, time.Hour)
	if re := wantRevert(t, err, "NotOperator"); !strings.Contains(re.Error(), "NotOperator(caller="+addrOf(players[0]).Hex()+")") {
		t.Errorf("NotOperator error reads %q", re.Error())
	}
	ticket, _, err := d.Enter(ctx, players[0], space, agentKey(t, 1), fee)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Refund(ctx, players[0], ticket)
	re := wantRevert(t, err, "RefundTooEarly")
	if v, _ := re.Arg("ticketId"); v.(*big.Int).Cmp(ticket) != 0 {
		t.Errorf("RefundTooEarly ticketId = %v", v)
	}
	if err := d.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	r, err := d.Refund(ctx, players[0], ticket)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Refund(ctx, players[0], ticket)
	if re := wantRevert(t, err, "TicketClosed"); re.Error() != "SpaceStake reverted: TicketClosed(ticketId=1)" {
		t.Errorf("TicketClosed error reads %q", re.Error())
	}

	record := crypto.Keccak256Hash([]byte("record"))
	ra, err := d.Anchor(ctx, d.Operator, agentKey(t, 1), record)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := d.Events(ctx, r.BlockNumber.Uint64(), ra.BlockNumber.Uint64())
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Refunded == nil || evs[1].Anchored == nil {
		t.Fatalf("events = %+v", evs)
	}
	if evs[0].Refunded.TicketId.Cmp(ticket) != 0 || evs[0].Refunded.Amount.Cmp(fee) != 0 || evs[0].Refunded.Player != addrOf(players[0]) {
		t.Errorf("Refunded = %+v", evs[0].Refunded)
	}
	if evs[1].Anchored.RecordHash != record || evs[1].Anchored.AgentId != agentKey(t, 1) {
		t.Errorf("Anchored = %+v", evs[1].Anchored)
	}
}

// TestClientConcurrentSends: many goroutines sending from one key get
// distinct nonces, and every transaction is mined.
func TestClientConcurrentSends(t *testing.T) {
	d, players := newDev(t, 2)
	ctx := context.Background()
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := d.Transfer(ctx, players[0], addrOf(players[1]), big.NewInt(int64(i+1)))
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := d.CreateSpace(ctx, d.Operator, uint64(100+i), ethToken, big.NewInt(1), time.Hour)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, _ := d.Balance(ctx, addrOf(players[1]))
	wantBig(t, "receiver's balance", got, new(big.Int).Add(eth(100), big.NewInt(n*(n+1)/2)))
	for i := range n {
		if sp, err := d.Space(ctx, uint64(100+i)); err != nil || !sp.Exists {
			t.Fatalf("space %d: %+v, %v", 100+i, sp, err)
		}
	}
}

// TestDialDevRPC runs the Client over real HTTP JSON-RPC against the dev
// chain's endpoint, and checks what Dial refuses.
func TestDialDevRPC(t *testing.T) {
	d, players := newDev(t, 1)
	ctx := context.Background()
	for _, bad := range []string{"0.0.0.0:0", "192.0.2.1:0", ":0"} {
		if _, err := d.ServeRPC(bad); err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("ServeRPC(%q): %v", bad, err)
		}
	}
	url, err := d.ServeRPC("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("ServeRPC URL %s", url)
	}

	_, err = Dial(ctx, url, d.Address(), big.NewInt(1))
	if err == nil || !strings.Contains(err.Error(), "on chain 1337, not chain 1") {
		t.Fatalf("Dial with the wrong chain id: %v", err)
	}
	if _, err := Dial(ctx, url, addrOf(players[0]), nil); err == nil || !strings.Contains(err.Error(), "no contract at "+addrOf(players[0]).Hex()) {
		t.Fatalf("Dial to an account without code: %v", err)
	}
	c, err := Dial(ctx, url, d.Address(), big.NewInt(DevChainID))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// A transaction sent over HTTP is mined at once, like one sent in process.
	space := ChainSpaceID("over rpc", 0)
	if _, err := c.CreateSpace(ctx, d.Operator, space, ethToken, eth(1), time.Hour); err != nil {
		t.Fatal(err)
	}
	ticket, _, err := c.Enter(ctx, players[0], space, agentKey(t, 7), eth(1))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Refund(ctx, players[0], ticket)
	wantRevert(t, err, "RefundTooEarly") // revert data survives the HTTP hop
	if tk, err := d.Ticket(ctx, ticket); err != nil || !tk.Open {
		t.Fatalf("ticket seen in process: %+v, %v", tk, err)
	}

	// Only eth, net and web3 are served.
	rc, err := rpc.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var info any
	if err := rc.CallContext(ctx, &info, "admin_nodeInfo"); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("admin_nodeInfo over the dev RPC: %v", err)
	}
	var version string
	if err := rc.CallContext(ctx, &version, "net_version"); err != nil || version != "1337" {
		t.Errorf("net_version = %q, %v", version, err)
	}
	batch := []rpc.BatchElem{{Method: "eth_chainId", Result: new(string)}, {Method: "eth_blockNumber", Result: new(string)}}
	if err := rc.BatchCallContext(ctx, batch); err != nil || batch[0].Error != nil || *batch[0].Result.(*string) != "0x539" {
		t.Errorf("batch: %v, %+v", err, batch[0])
	}
}

func TestDecodeRevert(t *testing.T) {
	pack := func(name string, args ...any) []byte {
		e := spaceStakeABI.Errors[name]
		enc, err := e.Inputs.Pack(args...)
		if err != nil {
			t.Fatal(err)
		}
		return append(e.ID[:4:4], enc...)
	}
	errorString := append(crypto.Keccak256([]byte("Error(string)"))[:4:4], must(stringArgs.Pack("nope"))...)
	panic17 := append(crypto.Keccak256([]byte("Panic(uint256)"))[:4:4], must(uint256Args.Pack(big.NewInt(0x11)))...)
	for _, tc := range []struct {
		data []byte
		name string
		text string
	}{
		{pack("TicketClosed", big.NewInt(5)), "TicketClosed", "SpaceStake reverted: TicketClosed(ticketId=5)"},
		{pack("WrongEntryValue", big.NewInt(1), big.NewInt(2)), "WrongEntryValue", "SpaceStake reverted: WrongEntryValue(sent=1, expected=2)"},
		{pack("ZeroAddress"), "ZeroAddress", "SpaceStake reverted: ZeroAddress()"},
		{pack("NotOperator", common.HexToAddress("0x00000000000000000000000000000000000000aa")), "NotOperator",
			"SpaceStake reverted: NotOperator(caller=" + common.HexToAddress("0xaa").Hex() + ")"},
		{errorString, "Error", `SpaceStake reverted: Error(reason="nope")`},
		{panic17, "Panic", "SpaceStake reverted: Panic(code=17): arithmetic underflow or overflow"},
		{[]byte{1, 2, 3, 4, 5}, "", "SpaceStake reverted with unknown error data 0x0102030405"},
		{nil, "", "SpaceStake reverted without a reason"},
		{pack("TicketClosed", big.NewInt(5))[:20], "TicketClosed", "SpaceStake reverted: TicketClosed(undecodable arguments 0x"},
	} {
		re := DecodeRevert(tc.data)
		if re.Name != tc.name || !strings.HasPrefix(re.Error(), tc.text) {
			t.Errorf("DecodeRevert(%x) = %q %q, want %q %q", tc.data, re.Name, re.Error(), tc.name, tc.text)
		}
	}
	if ParseRevertError(errors.New("connection refused")) != nil {
		t.Error("ParseRevertError found revert data in a plain error")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestUUIDKey(t *testing.T) {
	const id = "123e4567-e89b-12d3-a456-426614174000"
	k, err := UUIDKey(id)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := common.Hash(k).Hex(), "0x123e4567e89b12d3a45642661417400000000000000000000000000000000000"; got != want {
		t.Fatalf("UUIDKey(%s) = %s, want %s", id, got, want)
	}
	if back, ok := KeyUUID(k); !ok || back != id {
		t.Fatalf("KeyUUID = %q, %v", back, ok)
	}
	if upper, err := UUIDKey(strings.ToUpper(id)); err != nil || upper != k {
		t.Errorf("upper-case UUID: %x, %v", upper, err)
	}
	for _, bad := range []string{"", "agent-1", "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}", "123e4567-e89b-12d3-a456-42661417400g"} {
		if _, err := UUIDKey(bad); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", bad)) {
			t.Errorf("UUIDKey(%q): %v", bad, err)
		}
	}
	k[31] = 1
	if _, ok := KeyUUID(k); ok {
		t.Error("KeyUUID accepted a key with a non-zero low half")
	}
}

func TestChainSpaceID(t *testing.T) {
	// Golden (checked against js-sha3): changing the mapping would strand
	// every Space created on chain.
	if got, want := ChainSpaceID("arithmetic", 0), uint64(0x5d9f1d6c1900); got != want {
		t.Errorf("ChainSpaceID(arithmetic, 0) = %#x, want %#x", got, want)
	}
	if got, want := ChainSpaceID("arithmetic", 3), uint64(0x5d9f1d6c1903); got != want {
		t.Errorf("ChainSpaceID(arithmetic, 3) = %#x, want %#x", got, want)
	}
	seen := map[uint64]string{}
	for _, s := range []string{"", "arithmetic", "Arithmetic", "trivia", "tic-tac-toe"} {
		for _, tier := range []int{0, 1, 255} {
			id := ChainSpaceID(s, tier)
			if id >= 1<<48 || id&0xff != uint64(tier) {
				t.Errorf("ChainSpaceID(%q, %d) = %#x", s, tier, id)
			}
			if prev, dup := seen[id]; dup {
				t.Errorf("ChainSpaceID(%q, %d) = %#x, same as %s", s, tier, id, prev)
			}
			seen[id] = fmt.Sprintf("%q/%d", s, tier)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("ChainSpaceID with tier 256 did not panic")
		}
	}()
	ChainSpaceID("arithmetic", 256)
}

func TestFormatUnits(t *testing.T) {
	for _, tc := range []struct {
		amount   string
		decimals int
		want     string
	}{
		{"0", 18, "0"},
		{"1", 18, "0.000000000000000001"},
		{"12300000000000000", 18, "0.0123"},
		{"1000000000000000000", 18, "1"},
		{"1500000000000000000", 18, "1.5"},
		{"123456789012345678901234567890", 18, "123456789012.34567890123456789"},
		{"-2500000", 6, "-2.5"},
		{"42", 0, "42"},
	} {
		n, _ := new(big.Int).SetString(tc.amount, 10)
		if got := FormatUnits(n, tc.decimals); got != tc.want {
			t.Errorf("FormatUnits(%s, %d) = %s, want %s", tc.amount, tc.decimals, got, tc.want)
		}
	}
}

func TestTokenInfo(t *testing.T) {
	d, _ := newDev(t, 0)
	ctx := context.Background()
	addr, tx, err := bind.DeployContract(bind.NewKeyedTransactor(d.Owner, big.NewInt(DevChainID)),
		common.FromHex(testcontracts.TestTokenMetaData.Bin), d.Backend(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitDeployed(ctx, d.Backend(), tx.Hash()); err != nil {
		t.Fatal(err)
	}
	tok, err := d.TokenInfo(ctx, addr)
	if err != nil || tok.Symbol != "ATT" || tok.Decimals != 18 {
		t.Fatalf("TokenInfo = %+v, %v", tok, err)
	}
	// SpaceStake is a contract without symbol() or decimals().
	if tok, err := d.TokenInfo(ctx, d.Address()); err != nil || tok.Symbol != "" || tok.Decimals != -1 {
		t.Fatalf("TokenInfo of a non-token = %+v, %v", tok, err)
	}
	if _, err := d.TokenInfo(ctx, addrOf(d.Owner)); err == nil {
		t.Fatal("TokenInfo of an account without code: no error")
	}
	if got := cleanSymbol("US\x1b[2JD"); got != "" {
		t.Errorf("cleanSymbol kept %q", got)
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8545":                  "http://127.0.0.1:8545",
		"https://node.example/v3/secret-api-key": "https://node.example/…",
		"wss://user:pass@node.example":           "wss://node.example/…",
		"https://node.example/?key=secret":       "https://node.example/…",
		"not a url at all":                       "the RPC URL given",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
	// Dial's errors use it.
	_, err := Dial(context.Background(), "http://127.0.0.1:1/v3/secret-api-key", common.Address{}, nil)
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("Dial error leaks the URL's path: %v", err)
	}
}

func TestClientRefuseEntry(t *testing.T) {
	d, players := newDev(t, 1)
	ctx := context.Background()
	fee := eth(1)
	space := ChainSpaceID("refusals", 1)
	if _, err := d.CreateSpace(ctx, d.Operator, space, ethToken, fee, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	player := addrOf(players[0])
	ticket, _, err := d.Enter(ctx, players[0], space, agentKey(t, 1), fee)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.RefuseEntry(ctx, players[0], ticket, "unknown_agent"); err == nil {
		t.Fatal("a player refused its own entry")
	} else {
		wantRevert(t, err, "NotOperator")
	}
	for _, bad := range []string{"", strings.Repeat("x", 33), "tab\there", "é"} {
		if _, r, err := d.RefuseEntry(ctx, d.Operator, ticket, bad); err == nil || r != nil {
			t.Errorf("reason %q: sent (%v)", bad, err)
		}
	}
	before, err := d.Balance(ctx, player)
	if err != nil {
		t.Fatal(err)
	}
	credited, r, err := d.RefuseEntry(ctx, d.Operator, ticket, "agent_key_right_aligned")
	if err != nil || credited {
		t.Fatalf("refuse: credited %v, %v", credited, err)
	}
	after, _ := d.Balance(ctx, player)
	wantBig(t, "fee back at once", new(big.Int).Sub(after, before), fee)
	evs, err := d.Events(ctx, r.BlockNumber.Uint64(), r.BlockNumber.Uint64())
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Refunded == nil || evs[1].EntryRefused == nil {
		t.Fatalf("events = %+v", evs)
	}
	if got := ReasonText(evs[1].EntryRefused.Reason); got != "agent_key_right_aligned" || evs[1].EntryRefused.TicketId.Cmp(ticket) != 0 {
		t.Errorf("EntryRefused = %+v (reason %q)", evs[1].EntryRefused, got)
	}
	if evs[0].Refunded.Player != player || evs[0].Refunded.Amount.Cmp(fee) != 0 {
		t.Errorf("Refunded = %+v", evs[0].Refunded)
	}
	// Twice pays once.
	_, _, err = d.RefuseEntry(ctx, d.Operator, ticket, "agent_key_right_aligned")
	wantRevert(t, err, "TicketClosed")
}

func TestReasonCode(t *testing.T) {
	for _, r := range []string{"a", "unknown_agent", strings.Repeat("z", 32)} {
		code, err := ReasonCode(r)
		if err != nil || ReasonText(code) != r {
			t.Errorf("%q: %x, %v, back %q", r, code, err, ReasonText(code))
		}
	}
}
