package contracts

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// requireGethEnv makes a missing geth a failure instead of a skip (CI sets it).
const requireGethEnv = "ARENA_REQUIRE_GETH"

// freePort asks the kernel for a free loopback port. Another process could
// take it before geth binds it; the start-up check would then fail loudly.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startGeth runs `geth --dev` on loopback ports in a temporary directory
// until the test ends, and returns its HTTP JSON-RPC URL.
func startGeth(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("geth")
	if err != nil {
		// The geth matching the bindings is the go-ethereum go.mod pins.
		msg := "geth is not on PATH; install the version go.mod pins with\n" +
			"\tgo install github.com/ethereum/go-ethereum/cmd/geth@$(go list -m -f '{{.Version}}' github.com/ethereum/go-ethereum)"
		if os.Getenv(requireGethEnv) == "1" {
			t.Fatal(msg + " (" + requireGethEnv + "=1 makes this a failure)")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	port := freePort(t)
	args := []string{
		"--dev", "--dev.period", "0", "--datadir", filepath.Join(dir, "data"),
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port), "--http.api", "eth,net,web3",
		// The engine API port defaults to 8551: a second geth (another test
		// package running at the same time) would collide on it.
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(freePort(t)),
		"--nodiscover", "--maxpeers", "0", "--ipcdisable", "--verbosity", "2",
	}
	logPath := filepath.Join(dir, "geth.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start geth: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logFile.Close() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	logTail := func() string {
		data, _ := os.ReadFile(logPath)
		if len(data) > 4000 {
			data = data[len(data)-4000:]
		}
		return string(data)
	}

	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	// Bounded: geth --dev is up in about a second; a minute means it is stuck.
	for range 600 {
		select {
		case err := <-exited:
			t.Fatalf("geth exited during start-up (%v):\n%s", err, logTail())
		default:
		}
		if c, err := rpc.Dial(url); err == nil {
			var id hexutil.Big
			err = c.Call(&id, "eth_chainId")
			c.Close()
			if err == nil {
				return url
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("geth did not answer on %s within a minute:\n%s", url, logTail())
	return ""
}

// gethFund sends wei to each account from geth's dev account, which --dev
// creates funded and unlocked, and waits for the transfers to be mined.
func gethFund(t *testing.T, url string, wei *big.Int, to ...common.Address) {
	t.Helper()
	ctx := context.Background()
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var accounts []common.Address
	if err := c.CallContext(ctx, &accounts, "eth_accounts"); err != nil || len(accounts) == 0 {
		t.Fatalf("geth's dev account: %v, %v", accounts, err)
	}
	ec := ethclient.NewClient(c)
	for _, a := range to {
		var hash common.Hash
		tx := map[string]any{"from": accounts[0], "to": a, "value": (*hexutil.Big)(wei)}
		if err := c.CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
			t.Fatalf("fund %s from geth's dev account: %v", a.Hex(), err)
		}
		r, err := newTransactor(ec, big.NewInt(DevChainID)).wait(ctx, hash)
		if err != nil || r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("funding %s: %v, %+v", a.Hex(), err, r)
		}
	}
}

// TestGethDev runs the Client against a real geth --dev node over HTTP: the
// same code paths a deployment uses, with a node's own error formats.
func TestGethDev(t *testing.T) {
	url := startGeth(t)
	ctx := context.Background()
	key := func(label string) *ecdsa.PrivateKey { return testKey("geth " + label) }
	owner, operator, treasury, alice, bob := key("owner"), key("operator"), key("treasury"), key("alice"), key("bob")
	gethFund(t, url, eth(100), addrOf(owner), addrOf(operator), addrOf(treasury), addrOf(alice), addrOf(bob))

	ec, err := ethclient.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	addr, err := Deploy(ctx, ec, owner, addrOf(owner), addrOf(operator), addrOf(treasury))
	if err != nil {
		t.Fatal(err)
	}
	from, err := ec.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := Dial(ctx, url, addr, big.NewInt(1)); err == nil || !strings.Contains(err.Error(), "is on chain 1337, not chain 1") {
		t.Fatalf("Dial with chain id 1 to geth --dev: %v", err)
	}
	if _, err := Dial(ctx, url, addrOf(alice), nil); err == nil || !strings.Contains(err.Error(), "no contract at") {
		t.Fatalf("Dial to an account: %v", err)
	}
	c, err := Dial(ctx, url, addr, big.NewInt(DevChainID))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	fee := new(big.Int).Div(ether, big.NewInt(10))
	space := ChainSpaceID("geth", 0)
	if _, err := c.CreateSpace(ctx, operator, space, ethToken, fee, time.Hour); err != nil {
		t.Fatal(err)
	}
	var tickets []*big.Int
	for i, p := range []*ecdsa.PrivateKey{alice, bob} {
		id, _, err := c.Enter(ctx, p, space, agentKey(t, i), fee)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, id)
	}
	now, err := c.HeadTime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := Settlement{
		MatchID:  crypto.Keccak256Hash([]byte("geth match")),
		SpaceID:  new(big.Int).SetUint64(space),
		Tickets:  tickets,
		Payees:   []common.Address{addrOf(alice)},
		Amounts:  []*big.Int{new(big.Int).Mul(fee, big.NewInt(2))},
		Slashed:  []*big.Int{},
		Rake:     big.NewInt(0),
		Deadline: big.NewInt(now.Add(time.Hour).Unix()),
	}
	sig, err := SignSettlement(operator, c.Domain(), s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Settle(ctx, bob, []SignedSettlement{{s, sig}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Settle(ctx, bob, []SignedSettlement{{s, sig}})
	wantRevert(t, err, "MatchAlreadySettled")

	amount, _, err := c.Withdraw(ctx, alice, ethToken)
	if err != nil {
		t.Fatal(err)
	}
	wantBig(t, "withdrawn", amount, s.Amounts[0])
	if credit, err := c.Credit(ctx, ethToken, addrOf(alice)); err != nil || credit.Sign() != 0 {
		t.Fatalf("credit after withdrawing: %v, %v", credit, err)
	}

	to, err := c.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := c.Events(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ev := range evs {
		names = append(names, ev.Name)
	}
	want := "OwnershipTransferred OperatorChanged TreasuryChanged SpaceCreated Entered Entered Settled Withdrawn"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("events:\n got %s\nwant %s", got, want)
	}
	if e := evs[len(evs)-2].Settled; e == nil || e.MatchId != s.MatchID || len(e.Tickets) != 2 {
		t.Errorf("Settled = %+v", e)
	}
	if e := evs[len(evs)-1].Withdrawn; e == nil || e.Account != addrOf(alice) || e.Amount.Cmp(amount) != 0 {
		t.Errorf("Withdrawn = %+v", e)
	}
}
