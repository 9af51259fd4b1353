package wallet

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

func openLight(t *testing.T) *Wallets {
	t.Helper()
	w, err := Open(Options{Dir: filepath.Join(t.TempDir(), "keystore"), Light: true})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestNewListUnlock(t *testing.T) {
	w := openLight(t)
	a, err := w.New("first password")
	if err != nil {
		t.Fatal(err)
	}
	b, err := w.New("second password")
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.List()
	if err != nil {
		t.Fatal(err)
	}
	want := []common.Address{a, b}
	slices.SortFunc(want, func(x, y common.Address) int { return x.Cmp(y) })
	if !slices.Equal(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	pk, err := w.Unlock(a, "first password")
	if err != nil {
		t.Fatal(err)
	}
	if crypto.PubkeyToAddress(pk.PublicKey) != a {
		t.Errorf("Unlock(%s) gave the key of %s", a.Hex(), crypto.PubkeyToAddress(pk.PublicKey).Hex())
	}
	// A second Wallets on the same directory sees the same wallets: nothing
	// lives only in memory.
	w2, err := Open(Options{Dir: w.Dir()})
	if err != nil {
		t.Fatal(err)
	}
	if got2, _ := w2.List(); !slices.Equal(got2, want) {
		t.Errorf("reopened List = %v, want %v", got2, want)
	}
}

func TestWrongPassword(t *testing.T) {
	w := openLight(t)
	a, err := w.New("right")
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Unlock(a, "not-the-password")
	if !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("Unlock with a wrong password: %v, want ErrWrongPassword", err)
	}
	if !strings.Contains(err.Error(), a.Hex()) || strings.Contains(err.Error(), "not-the-password") {
		t.Errorf("error %q should name %s and not the password", err, a.Hex())
	}
	if _, err := w.Unlock(common.HexToAddress("0x01"), "right"); err == nil || !strings.Contains(err.Error(), "no wallet") {
		t.Errorf("Unlock of an unknown address: %v", err)
	}
}

func TestFileModes(t *testing.T) {
	w := openLight(t)
	if _, err := w.New("pw"); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(w.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("keystore dir mode %v, want 0700", st.Mode().Perm())
	}
	entries, err := os.ReadDir(w.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("keystore holds %d files, want 1 (no temporary files left)", len(entries))
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", e.Name(), info.Mode().Perm())
		}
		if !strings.HasPrefix(e.Name(), "UTC--") {
			t.Errorf("key file %s is not named as geth names them", e.Name())
		}
	}
}

func TestImportHexKey(t *testing.T) {
	w := openLight(t)
	pk, _ := crypto.GenerateKey()
	want := crypto.PubkeyToAddress(pk.PublicKey)
	data := []byte("0x" + hex.EncodeToString(crypto.FromECDSA(pk)) + "\n")
	got, err := w.Import(data, "ignored", "new")
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Import = %s, want %s", got.Hex(), want.Hex())
	}
	unlocked, err := w.Unlock(got, "new")
	if err != nil {
		t.Fatal(err)
	}
	if !unlocked.Equal(pk) {
		t.Error("the unlocked key differs from the imported one")
	}
	if _, err := w.Import(data, "", "new"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("importing the same key twice: %v", err)
	}
	// The error for a bad key never repeats the file, which may be a
	// nearly right secret.
	secret := strings.Repeat("ab", 31) + "zz"
	if _, err := w.Import([]byte(secret), "", "new"); err == nil || strings.Contains(err.Error(), "ab") {
		t.Errorf("bad hex key: %v", err)
	}
	if _, err := w.Import([]byte(hex.EncodeToString(crypto.FromECDSA(pk))), "", ""); err == nil || !strings.Contains(err.Error(), "non-empty password") {
		t.Errorf("import with an empty password: %v", err)
	}
}

// keystoreJSON encrypts pk as another wallet (geth, say) would have.
func keystoreJSON(t *testing.T, pk *ecdsa.PrivateKey, password string) []byte {
	t.Helper()
	key := &keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(pk.PublicKey), PrivateKey: pk}
	data, err := keystore.EncryptKey(key, password, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportKeystoreJSON(t *testing.T) {
	w := openLight(t)
	pk, _ := crypto.GenerateKey()
	want := crypto.PubkeyToAddress(pk.PublicKey)
	data := keystoreJSON(t, pk, "old")

	_, err := w.Import(data, "wrong", "new")
	if !errors.Is(err, ErrWrongPassword) || !strings.Contains(err.Error(), want.Hex()) {
		t.Fatalf("import with a wrong password: %v; want ErrWrongPassword naming %s", err, want.Hex())
	}
	if addrs, _ := w.List(); len(addrs) != 0 {
		t.Fatalf("a failed import left wallets %v", addrs)
	}
	got, err := w.Import(data, "old", "new")
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Import = %s, want %s", got.Hex(), want.Hex())
	}
	if _, err := w.Unlock(got, "old"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("the old password still unlocks the imported wallet: %v", err)
	}
	unlocked, err := w.Unlock(got, "new")
	if err != nil {
		t.Fatal(err)
	}
	if !unlocked.Equal(pk) {
		t.Error("the unlocked key differs from the imported one")
	}
	if _, err := w.Import([]byte(`{"address": "not json`), "", "new"); err == nil {
		t.Error("importing broken JSON succeeded")
	}
}

// TestGethReadsTheKeystore checks that the directory is a keystore geth's
// own code can use.
func TestGethReadsTheKeystore(t *testing.T) {
	w := openLight(t)
	a, err := w.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	ks := keystore.NewKeyStore(w.Dir(), keystore.LightScryptN, keystore.LightScryptP)
	accs := ks.Accounts()
	if len(accs) != 1 || accs[0].Address != a {
		t.Fatalf("geth's keystore sees %v, want %s", accs, a.Hex())
	}
	if err := ks.Unlock(accs[0], "pw"); err != nil {
		t.Fatal(err)
	}
}

func TestListSkipsOtherFiles(t *testing.T) {
	w := openLight(t)
	a, err := w.New("pw")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		".hidden":      `{"address": "0000000000000000000000000000000000000001"}`,
		"backup~":      `{"address": "0000000000000000000000000000000000000002"}`,
		"notes.txt":    "not a key",
		"nokey.json":   `{"version": 3}`,
		"badaddr.json": `{"address": "xyz"}`,
	} {
		if err := os.WriteFile(filepath.Join(w.Dir(), name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(w.Dir(), "subdir"), 0o700); err != nil {
		t.Fatal(err)
	}
	addrs, err := w.List()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(addrs, []common.Address{a}) {
		t.Errorf("List = %v, want only %s", addrs, a.Hex())
	}
}

func TestFind(t *testing.T) {
	w := openLight(t)
	// Two keys whose addresses share their first hex digit, found among
	// keys made in memory (17 keys guarantee a pair) so only two are
	// encrypted.
	seen := map[byte]*ecdsa.PrivateKey{}
	var pair [2]*ecdsa.PrivateKey
	for pair[0] == nil {
		pk, _ := crypto.GenerateKey()
		first := crypto.PubkeyToAddress(pk.PublicKey)[0] >> 4
		if other, ok := seen[first]; ok {
			pair = [2]*ecdsa.PrivateKey{other, pk}
		}
		seen[first] = pk
	}
	var addrs [2]common.Address
	for i, pk := range pair {
		a, err := w.Import([]byte(hex.EncodeToString(crypto.FromECDSA(pk))), "", "pw")
		if err != nil {
			t.Fatal(err)
		}
		addrs[i] = a
	}
	hexOf := func(a common.Address) string { return hex.EncodeToString(a[:]) }

	_, err := w.Find(hexOf(addrs[0])[:1])
	if err == nil || !strings.Contains(err.Error(), "matches 2 wallets") ||
		!strings.Contains(err.Error(), addrs[0].Hex()) || !strings.Contains(err.Error(), addrs[1].Hex()) {
		t.Errorf("ambiguous prefix: %v", err)
	}
	// The shortest prefix that tells them apart.
	a, b := hexOf(addrs[0]), hexOf(addrs[1])
	n := 0
	for a[n] == b[n] {
		n++
	}
	for _, s := range []string{a[:n+1], "0x" + a[:n+1], strings.ToUpper(a[:n+1]), addrs[0].Hex(), a} {
		got, err := w.Find(s)
		if err != nil || got != addrs[0] {
			t.Errorf("Find(%q) = %s, %v; want %s", s, got.Hex(), err, addrs[0].Hex())
		}
	}
	for _, s := range []string{"", "0x", "zz", a + "00"} {
		if _, err := w.Find(s); err == nil {
			t.Errorf("Find(%q) succeeded", s)
		}
	}
	other := "f"
	if a[0] == 'f' {
		other = "0"
	}
	if _, err := w.Find(other); err == nil || !strings.Contains(err.Error(), "no wallet matches") {
		t.Errorf("Find(%q) with no match: %v", other, err)
	}
}

func TestReadPassword(t *testing.T) {
	dir := t.TempDir()
	for content, want := range map[string]string{
		"secret\n":              "secret",
		"secret\r\nsecond line": "secret",
		"with spaces  \n":       "with spaces  ",
		"no newline":            "no newline",
		"":                      "",
	} {
		path := filepath.Join(dir, "pw")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := ReadPassword(path, func() (string, error) { t.Fatal("prompted despite a file"); return "", nil })
		if err != nil || got != want {
			t.Errorf("password file %q: got %q, %v; want %q", content, got, err, want)
		}
	}
	if _, err := ReadPassword(filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("a missing password file gave no error")
	}
	if _, err := ReadPassword("", nil); err == nil {
		t.Error("no file and no prompt gave no error")
	}
	got, err := ReadPassword("", func() (string, error) { return "typed", nil })
	if err != nil || got != "typed" {
		t.Errorf("prompted password: %q, %v", got, err)
	}
}

func TestTerminalPromptNeedsATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	w.WriteString("piped\n")
	var out strings.Builder
	_, err = ReadPassword("", TerminalPrompt(t.Context(), r, &out, "Password: ", ""))
	if !errors.Is(err, ErrNoTerminal) {
		t.Errorf("prompt on a pipe: %v, want ErrNoTerminal", err)
	}
	if out.Len() != 0 {
		t.Errorf("prompt on a pipe wrote %q", out.String())
	}
}
