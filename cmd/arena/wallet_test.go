package main

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

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
