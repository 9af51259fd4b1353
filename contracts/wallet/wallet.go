// Package wallet keeps a player's Ethereum keys in a directory of
// encrypted key files, in the Web3 Secret Storage (keystore V3) format that
// geth and other wallets read. The encryption is go-ethereum's keystore
// code; this package only decides where the files go and how they are
// found.
package wallet

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// ErrWrongPassword is returned (wrapped, with the wallet's address) when a
// key file does not decrypt with the password given.
var ErrWrongPassword = errors.New("wrong password")

// Options say where the wallets live and how hard their encryption is.
type Options struct {
	// Dir is the keystore directory; it is created (mode 0700) if missing.
	Dir string
	// Light uses go-ethereum's light scrypt parameters, which take
	// milliseconds instead of about a second per key. It is for tests:
	// real wallets use the standard parameters.
	Light bool
}

// Wallets is a keystore directory. It holds no keys in memory: every call
// reads the directory, so several processes may share it.
type Wallets struct {
	dir              string
	scryptN, scryptP int
}

// Open opens the keystore directory, creating it if needed.
func Open(opts Options) (*Wallets, error) {
	if opts.Dir == "" {
		return nil, errors.New("wallet: no keystore directory given")
	}
	// 0700: the files are encrypted, but which addresses a player owns is
	// still nobody else's business.
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("wallet: %w", err)
	}
	w := &Wallets{dir: opts.Dir, scryptN: keystore.StandardScryptN, scryptP: keystore.StandardScryptP}
	if opts.Light {
		w.scryptN, w.scryptP = keystore.LightScryptN, keystore.LightScryptP
	}
	return w, nil
}

// Dir is the keystore directory.
func (w *Wallets) Dir() string { return w.dir }

// New makes a wallet with a fresh random key, encrypted with password, and
// returns its address.
func (w *Wallets) New(password string) (common.Address, error) {
	pk, err := crypto.GenerateKey()
	if err != nil {
		return common.Address{}, fmt.Errorf("wallet: generate key: %w", err)
	}
	return w.store(pk, uuid.New(), password)
}

// Import adds an existing key to the wallets and returns its address.
// data is either a hex private key (64 hex digits, optionally with 0x,
// surrounding whitespace ignored) or a keystore JSON file, which is
// decrypted with password; the wallet is stored encrypted with
// newPassword. password is not used for a hex key.
func (w *Wallets) Import(data []byte, password, newPassword string) (common.Address, error) {
	data = bytes.TrimSpace(data)
	if IsKeystoreJSON(data) {
		key, err := keystore.DecryptKey(data, password)
		if err != nil {
			if errors.Is(err, keystore.ErrDecrypt) {
				return common.Address{}, fmt.Errorf("import %s: %w", addressInJSON(data), ErrWrongPassword)
			}
			return common.Address{}, fmt.Errorf("import: not a valid keystore file: %w", err)
		}
		return w.store(key.PrivateKey, key.Id, newPassword)
	}
	pk, err := parseHexKey(data)
	if err != nil {
		return common.Address{}, err
	}
	return w.store(pk, uuid.New(), newPassword)
}

// IsKeystoreJSON reports whether data looks like a keystore JSON file rather
// than a hex key, which is what Import decides by: a JSON object.
func IsKeystoreJSON(data []byte) bool {
	data = bytes.TrimSpace(data)
	return len(data) > 0 && data[0] == '{'
}

// parseHexKey reads a hex private key. Its errors never quote the input,
// which is a secret.
func parseHexKey(data []byte) (*ecdsa.PrivateKey, error) {
	s := strings.TrimPrefix(strings.TrimPrefix(string(data), "0x"), "0X")
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != 32 {
		return nil, errors.New("import: not a hex private key (64 hex digits) or a keystore JSON file")
	}
	pk, err := crypto.ToECDSA(raw)
	clear(raw)
	if err != nil {
		return nil, errors.New("import: the hex key is not a valid secp256k1 private key")
	}
	return pk, nil
}

// addressInJSON names the wallet a keystore file claims to hold, for error
// messages, or "keystore file" when it has no readable address.
func addressInJSON(data []byte) string {
	var head struct {
		Address string `json:"address"`
	}
	if json.Unmarshal(data, &head) != nil || !common.IsHexAddress(head.Address) {
		return "keystore file"
	}
	return "wallet " + common.HexToAddress(head.Address).Hex()
}

// store encrypts the key and writes it to a new file named as geth names
// them, so the directory doubles as a geth keystore.
func (w *Wallets) store(pk *ecdsa.PrivateKey, id uuid.UUID, password string) (common.Address, error) {
	addr := crypto.PubkeyToAddress(pk.PublicKey)
	if password == "" {
		return common.Address{}, fmt.Errorf("wallet %s: a wallet needs a non-empty password", addr.Hex())
	}
	files, err := w.files()
	if err != nil {
		return common.Address{}, err
	}
	if len(files[addr]) > 0 {
		return common.Address{}, fmt.Errorf("wallet %s already exists", addr.Hex())
	}
	blob, err := keystore.EncryptKey(&keystore.Key{Id: id, Address: addr, PrivateKey: pk}, password, w.scryptN, w.scryptP)
	if err != nil {
		return common.Address{}, fmt.Errorf("wallet %s: encrypt: %w", addr.Hex(), err)
	}
	name := fmt.Sprintf("UTC--%s--%s", time.Now().UTC().Format("2006-01-02T15-04-05.000000000Z"), hex.EncodeToString(addr[:]))
	if err := writeFileAtomic(filepath.Join(w.dir, name), blob); err != nil {
		return common.Address{}, fmt.Errorf("wallet %s: %w", addr.Hex(), err)
	}
	return addr, nil
}

// writeFileAtomic writes data to path with mode 0600 through a temporary
// file, so a crash never leaves a half-written key file under a key's name.
func writeFileAtomic(path string, data []byte) error {
	// The leading dot keeps the temporary file out of listings.
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// files maps each address in the directory to the key files that hold it.
// Files that are not key files (hidden files, editor backups, anything
// without an address) are skipped, as geth skips them.
func (w *Wallets) files() (map[common.Address][]string, error) {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		return nil, fmt.Errorf("wallet: %w", err)
	}
	out := map[common.Address][]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		path := filepath.Join(w.dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("wallet: %w", err)
		}
		var head struct {
			Address string `json:"address"`
		}
		if json.Unmarshal(data, &head) != nil || !common.IsHexAddress(head.Address) {
			continue
		}
		addr := common.HexToAddress(head.Address)
		out[addr] = append(out[addr], path)
	}
	return out, nil
}

// List returns the wallets' addresses in ascending order.
func (w *Wallets) List() ([]common.Address, error) {
	files, err := w.files()
	if err != nil {
		return nil, err
	}
	addrs := make([]common.Address, 0, len(files))
	for a := range files {
		addrs = append(addrs, a)
	}
	sort.Slice(addrs, func(i, j int) bool { return bytes.Compare(addrs[i][:], addrs[j][:]) < 0 })
	return addrs, nil
}

// Unlock decrypts the wallet's key with password. A wrong password gives
// an error that wraps ErrWrongPassword and names the address.
func (w *Wallets) Unlock(addr common.Address, password string) (*ecdsa.PrivateKey, error) {
	files, err := w.files()
	if err != nil {
		return nil, err
	}
	paths := files[addr]
	switch len(paths) {
	case 0:
		return nil, fmt.Errorf("no wallet %s in %s", addr.Hex(), w.dir)
	case 1:
	default:
		// Two files for one address may hold different passwords; picking
		// one silently would make a wrong-password error misleading.
		return nil, fmt.Errorf("wallet %s is in several key files: %s", addr.Hex(), strings.Join(paths, ", "))
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		return nil, fmt.Errorf("wallet %s: %w", addr.Hex(), err)
	}
	key, err := keystore.DecryptKey(data, password)
	if errors.Is(err, keystore.ErrDecrypt) {
		return nil, fmt.Errorf("unlock wallet %s: %w", addr.Hex(), ErrWrongPassword)
	}
	if err != nil {
		return nil, fmt.Errorf("unlock wallet %s: %w", addr.Hex(), err)
	}
	// The address in a key file is not covered by its MAC: check that the
	// key really is the wallet's.
	if key.Address != addr {
		return nil, fmt.Errorf("unlock wallet %s: the key file %s holds the key of %s", addr.Hex(), paths[0], key.Address.Hex())
	}
	return key.PrivateKey, nil
}

// Find returns the wallet whose address is s or starts with s (hex, with or
// without 0x, any case). It fails when no wallet or more than one matches.
func (w *Wallets) Find(s string) (common.Address, error) {
	prefix := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
	if prefix == "" {
		return common.Address{}, errors.New("no address or address prefix given")
	}
	if len(prefix) > 40 || strings.Trim(prefix, "0123456789abcdef") != "" {
		return common.Address{}, fmt.Errorf("%q is not an address or an address prefix", s)
	}
	addrs, err := w.List()
	if err != nil {
		return common.Address{}, err
	}
	var found []common.Address
	for _, a := range addrs {
		if strings.HasPrefix(hex.EncodeToString(a[:]), prefix) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return common.Address{}, fmt.Errorf("no wallet matches %s in %s", s, w.dir)
	case 1:
		return found[0], nil
	default:
		names := make([]string, len(found))
		for i, a := range found {
			names[i] = a.Hex()
		}
		return common.Address{}, fmt.Errorf("%s matches %d wallets: %s", s, len(found), strings.Join(names, ", "))
	}
}
