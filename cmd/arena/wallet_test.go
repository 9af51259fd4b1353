package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/wallet"
)

// walletTest sets up a data directory with light scrypt and no terminal to
// prompt on, and returns the directory and a function that writes a
// password file.
func walletTest(t *testing.T) (data string, pwFile func(pw string) string) {
	t.Helper()
	t.Setenv(keystoreLightEnv, "1")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	old := passwordInput
	passwordInput = r
	t.Cleanup(func() { passwordInput = old })
	data = t.TempDir()
	return data, func(pw string) string {
		path := filepath.Join(t.TempDir(), "pw")
		if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
}

// runOK runs arena and returns its stdout, failing the test on a nonzero
// exit.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runArena(t, args...)
	if code != 0 {
		t.Fatalf("arena %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestWalletNewListExport(t *testing.T) {
	data, pwFile := walletTest(t)
	out := runOK(t, "wallet", "new", "--data", data, "--password-file", pwFile("correct horse"))
	addr := strings.TrimSpace(out)
	if !common.IsHexAddress(addr) || common.HexToAddress(addr).Hex() != addr {
		t.Fatalf("wallet new printed %q, want a checksummed address", out)
	}
	if got := runOK(t, "wallet", "list", "--data", data); got != addr+"\n" {
		t.Errorf("wallet list = %q, want %q", got, addr+"\n")
	}
	if got := runOK(t, "wallet", "export-address", "--data", data, strings.ToLower(addr[:8])); got != addr+"\n" {
		t.Errorf("export-address of a prefix = %q, want %q", got, addr+"\n")
	}
	// The key is in <data>/keystore and opens with the password.
	w, err := wallet.Open(wallet.Options{Dir: filepath.Join(data, "keystore")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Unlock(common.HexToAddress(addr), "correct horse"); err != nil {
		t.Error(err)
	}
	// --keystore puts the wallets elsewhere; the password file may come
	// from the flag's environment twin.
	ks := filepath.Join(t.TempDir(), "ks")
	t.Setenv("ARENA_PASSWORD_FILE", pwFile("other"))
	other := strings.TrimSpace(runOK(t, "wallet", "new", "--keystore", ks))
	if got := runOK(t, "wallet", "list", "--keystore", ks); got != other+"\n" {
		t.Errorf("wallet list --keystore = %q, want %q", got, other+"\n")
	}
}

func TestWalletImport(t *testing.T) {
	data, pwFile := walletTest(t)

	pk, _ := crypto.GenerateKey()
	hexFile := filepath.Join(t.TempDir(), "key.hex")
	if err := os.WriteFile(hexFile, []byte(hex.EncodeToString(crypto.FromECDSA(pk))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := crypto.PubkeyToAddress(pk.PublicKey).Hex()
	if got := runOK(t, "wallet", "import", "--data", data, "--password-file", pwFile("pw"), hexFile); got != want+"\n" {
		t.Errorf("import of a hex key printed %q, want %q", got, want)
	}

	pk2, _ := crypto.GenerateKey()
	want2 := crypto.PubkeyToAddress(pk2.PublicKey)
	blob, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: want2, PrivateKey: pk2}, "old secret", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	jsonFile := filepath.Join(t.TempDir(), "key.json")
	if err := os.WriteFile(jsonFile, blob, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runArena(t, "wallet", "import", "--data", data, "--password-file", pwFile("wrong secret"), jsonFile)
	if code != 1 || !strings.Contains(errOut, want2.Hex()) || !strings.Contains(errOut, "wrong password") || strings.Contains(errOut, "secret") {
		t.Errorf("import with a wrong password: exit %d, stderr %q", code, errOut)
	}
	got := runOK(t, "wallet", "import", "--data", data, "--password-file", pwFile("old secret"), "--new-password-file", pwFile("new"), jsonFile)
	if got != want2.Hex()+"\n" {
		t.Errorf("import of a keystore file printed %q, want %q", got, want2.Hex())
	}
	w, err := wallet.Open(wallet.Options{Dir: filepath.Join(data, "keystore")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Unlock(want2, "new"); err != nil {
		t.Errorf("the imported wallet does not open with the new password: %v", err)
	}
	if got := runOK(t, "wallet", "list", "--data", data); strings.Count(got, "\n") != 2 {
		t.Errorf("wallet list after two imports:\n%s", got)
	}
}

func TestWalletUsage(t *testing.T) {
	data, _ := walletTest(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"wallet"}, "no wallet command given"},
		{[]string{"wallet", "frob"}, `unknown command "wallet frob"`},
		{[]string{"wallet", "new", "--data", data, "extra"}, "takes no arguments"},
		{[]string{"wallet", "export-address", "--data", data}, "want one address"},
		{[]string{"wallet", "import", "--data", data}, "want one key file"},
		// No terminal and no password file: the error says what to give.
		{[]string{"wallet", "new", "--data", data}, "--password-file"},
	} {
		code, _, errOut := runArena(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, _, errOut := runArena(t, "wallet", "export-address", "--data", data, "0xabc")
	if code != 1 || !strings.Contains(errOut, "no wallet matches") {
		t.Errorf("export-address of an unknown wallet: exit %d, stderr %q", code, errOut)
	}
	code, out, _ := runArena(t, "wallet", "new", "--help")
	if code != 0 || !strings.Contains(out, "ARENA_PASSWORD_FILE") || strings.Contains(out, "LIGHT") {
		t.Errorf("wallet new --help: exit %d\n%s", code, out)
	}
}

// walletChain is a dev chain served over HTTP JSON-RPC on 127.0.0.1, where
// winner holds 10 ETH and has won credit on the SpaceStake contract.
type walletChain struct {
	dev    *contracts.Dev
	url    string
	credit *big.Int
}

func newWalletChain(t *testing.T, winner common.Address) walletChain {
	t.Helper()
	ctx := context.Background()
	players := []*ecdsa.PrivateKey{contracts.DevKey("wallet test player 0"), contracts.DevKey("wallet test player 1")}
	ten := new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))
	alloc := map[common.Address]*big.Int{winner: ten}
	for _, p := range players {
		alloc[crypto.PubkeyToAddress(p.PublicKey)] = ten
	}
	d, err := contracts.NewDev(contracts.DevOptions{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	url, err := d.ServeRPC("")
	if err != nil {
		t.Fatal(err)
	}
	fee := big.NewInt(7_500_000_000_000_000) // 0.0075 ETH
	space := contracts.ChainSpaceID("wallet test", 0)
	if _, err := d.CreateSpace(ctx, d.Operator, space, common.Address{}, fee, time.Hour); err != nil {
		t.Fatal(err)
	}
	var tickets []*big.Int
	for _, p := range players {
		id, _, err := d.Enter(ctx, p, space, [32]byte{1}, fee)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, id)
	}
	now, err := d.HeadTime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	credit := new(big.Int).Mul(fee, big.NewInt(2))
	s := contracts.Settlement{
		MatchID: common.Hash{1}, SpaceID: new(big.Int).SetUint64(space), Tickets: tickets,
		Payees: []common.Address{winner}, Amounts: []*big.Int{credit}, Slashed: []*big.Int{},
		Rake: big.NewInt(0), Deadline: big.NewInt(now.Add(time.Hour).Unix()),
	}
	sig, err := contracts.SignSettlement(d.Operator, d.Domain(), s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Settle(ctx, d.Operator, []contracts.SignedSettlement{{Settlement: s, Signature: sig}}); err != nil {
		t.Fatal(err)
	}
	return walletChain{dev: d, url: url, credit: credit}
}

func TestWalletBalanceAndWithdraw(t *testing.T) {
	data, pwFile := walletTest(t)
	key := contracts.DevKey("wallet test winner")
	addr := crypto.PubkeyToAddress(key.PublicKey)
	keyFile := filepath.Join(t.TempDir(), "key.hex")
	if err := os.WriteFile(keyFile, []byte(hex.EncodeToString(crypto.FromECDSA(key))), 0o600); err != nil {
		t.Fatal(err)
	}
	pw := pwFile("winner's secret")
	runOK(t, "wallet", "import", "--data", data, "--password-file", pw, keyFile)
	c := newWalletChain(t, addr)
	node := []string{"--rpc", c.url, "--contract", c.dev.Address().Hex(), "--chain-id", "1337"}

	out := runOK(t, append([]string{"wallet", "balance", "--data", data}, node...)...)
	for _, want := range []string{
		"SpaceStake " + c.dev.Address().Hex() + " on chain 1337\n",
		addr.Hex() + "\n",
		"balance   10 ETH (10000000000000000000 wei)\n",
		"winnings  0.015 ETH (15000000000000000 wei)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("wallet balance output lacks %q:\n%s", want, out)
		}
	}
	// Any address, not only the keystore's, and the flags' env twins.
	t.Setenv("ARENA_RPC", c.url)
	t.Setenv("ARENA_CONTRACT", c.dev.Address().Hex())
	other := crypto.PubkeyToAddress(contracts.DevKey("wallet test player 0").PublicKey)
	if out := runOK(t, "wallet", "balance", other.Hex()); !strings.Contains(out, "winnings  0 ETH (0 wei)") || !strings.Contains(out, other.Hex()) {
		t.Errorf("balance of another address:\n%s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"wallet", "balance", "--data", data, "--chain-id", "5"}, 1, "is on chain 1337, not chain 5"},
		{[]string{"wallet", "balance", "--data", data, "--contract", "0x12"}, 2, `--contract "0x12" is not an address`},
		{[]string{"wallet", "balance", "--data", data, "--rpc", ""}, 2, "--rpc is required"},
		{[]string{"wallet", "balance", "--data", data, "--contract", addr.Hex()}, 1, "no contract at " + addr.Hex()},
		// No terminal to confirm on: the error says to give --yes, and nothing is sent.
		{[]string{"wallet", "withdraw", "--data", data, "--password-file", pw}, 2, "give --yes"},
		{[]string{"wallet", "withdraw", "--data", data, "--yes", "--password-file", pwFile("guess")}, 1, "wrong password"},
	} {
		code, _, errOut := runArena(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	ctx := context.Background()
	before, _ := c.dev.Balance(ctx, addr)
	if credit, _ := c.dev.Credit(ctx, common.Address{}, addr); credit.Cmp(c.credit) != 0 {
		t.Fatalf("credit %s after the refused withdrawals, want %s", credit, c.credit)
	}

	out = runOK(t, "wallet", "withdraw", "--data", data, "--yes", "--password-file", pw, addr.Hex()[:10])
	if !strings.Contains(out, "Withdrew 0.015 ETH (15000000000000000 wei) to "+addr.Hex()) || !strings.Contains(out, "transaction 0x") {
		t.Errorf("wallet withdraw output:\n%s", out)
	}
	after, _ := c.dev.Balance(ctx, addr)
	if gain := new(big.Int).Sub(after, before); gain.Sign() <= 0 || gain.Cmp(c.credit) > 0 {
		t.Errorf("balance went from %s to %s after withdrawing %s", before, after, c.credit)
	}
	if credit, _ := c.dev.Credit(ctx, common.Address{}, addr); credit.Sign() != 0 {
		t.Errorf("credit after withdrawing: %s", credit)
	}
	code, _, errOut := runArena(t, "wallet", "withdraw", "--data", data, "--yes", "--password-file", pw)
	if code != 1 || !strings.Contains(errOut, "nothing to withdraw") {
		t.Errorf("second withdraw: exit %d, stderr %q", code, errOut)
	}

	code, out, _ = runArena(t, "wallet", "withdraw", "--help")
	if code != 0 || !strings.Contains(out, "ARENA_RPC") || !strings.Contains(out, "ARENA_CHAIN_ID") || !strings.Contains(out, "--yes") {
		t.Errorf("wallet withdraw --help: exit %d\n%s", code, out)
	}
}
