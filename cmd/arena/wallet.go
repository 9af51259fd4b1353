package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rlfc/arena/contracts/wallet"
)

// runWallet handles `arena wallet new|import|list|export-address`: the
// player's keystore, which needs no chain.
func runWallet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("wallet", []command{
		{"new", "make a wallet with a fresh key and print its address", walletNew},
		{"import", "import a hex private key or a keystore JSON file", walletImport},
		{"list", "list the wallets' addresses", walletList},
		{"export-address", "print a wallet's checksummed address (ADDR may be a prefix)", walletExportAddress},
	}, ctx, args, stdout, stderr)
}

// passwordInput is where password prompts read from; tests replace it.
var passwordInput = os.Stdin

// keystoreLightEnv, when set to 1, makes the commands encrypt with light
// scrypt parameters. It is for tests only, which would otherwise spend a
// second per key; it is deliberately not a flag, so it stays out of --help.
const keystoreLightEnv = "ARENA_KEYSTORE_LIGHT"

// walletFlags are the flags every wallet command shares.
type walletFlags struct {
	data, keystore *string
}

func addWalletFlags(f *flags) walletFlags {
	return walletFlags{
		data:     f.String("data", defaultDataDir(), "data directory (the keystore is its keystore/ folder)"),
		keystore: f.String("keystore", "", "keystore directory (empty: <data>/keystore)"),
	}
}

// open opens the keystore the flags name.
func (wf walletFlags) open() (*wallet.Wallets, error) {
	dir := *wf.keystore
	if dir == "" {
		dir = filepath.Join(*wf.data, "keystore")
	}
	return wallet.Open(wallet.Options{Dir: dir, Light: os.Getenv(keystoreLightEnv) == "1"})
}

// readPassword reads a password from file, or else asks on the terminal
// with msg (and repeat, to confirm a new password). Without a terminal the
// error says which flag gives the password instead.
func readPassword(ctx context.Context, file, flagName, msg, repeat string, stderr io.Writer) (string, error) {
	pw, err := wallet.ReadPassword(file, wallet.TerminalPrompt(ctx, passwordInput, stderr, msg, repeat))
	if errors.Is(err, wallet.ErrNoTerminal) {
		return "", usageError{fmt.Errorf("%w: give --%s (or %s)", err, flagName, envName(flagName))}
	}
	return pw, err
}

func walletNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("wallet new", "", "Makes a wallet with a fresh random key, encrypted with a password\n"+
		"(asked for on the terminal, or the first line of --password-file), and\n"+
		"prints its address. Without the password the wallet cannot be opened.")
	wf := addWalletFlags(f)
	pwFile := f.String("password-file", "", "read the new wallet's password from this file's first line")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if f.NArg() != 0 {
		return usageError{fmt.Errorf("wallet new takes no arguments, got %d", f.NArg())}
	}
	w, err := wf.open()
	if err != nil {
		return err
	}
	pw, err := readPassword(ctx, *pwFile, "password-file", "Password for the new wallet: ", "Repeat the password: ", stderr)
	if err != nil {
		return err
	}
	addr, err := w.New(pw)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, addr.Hex())
	return nil
}

func walletImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("wallet import", "FILE", "Imports a key into the keystore and prints its address. FILE holds a hex\n"+
		"private key, or a keystore JSON file (geth's, for example) that is opened\n"+
		"with its password and stored again with the new password; without\n"+
		"--new-password-file a keystore file keeps its password.")
	wf := addWalletFlags(f)
	pwFile := f.String("password-file", "", "read FILE's password from this file's first line (for a hex key: the new password)")
	newPwFile := f.String("new-password-file", "", "read the imported wallet's new password from this file's first line")
	path, err := f.parseOne(args, stdout, "key file")
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	w, err := wf.open()
	if err != nil {
		return err
	}
	isJSON := wallet.IsKeystoreJSON(data)
	var old, pw string
	if isJSON {
		old, err = readPassword(ctx, *pwFile, "password-file", "Password of "+path+": ", "", stderr)
		if err != nil {
			return err
		}
	}
	switch {
	case *newPwFile != "":
		pw, err = wallet.ReadPassword(*newPwFile, nil)
	case isJSON:
		pw = old
	default:
		pw, err = readPassword(ctx, *pwFile, "password-file", "Password for the imported wallet: ", "Repeat the password: ", stderr)
	}
	if err != nil {
		return err
	}
	addr, err := w.Import(data, old, pw)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, addr.Hex())
	return nil
}

func walletList(_ context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("wallet list", "", "Prints the keystore's addresses, one a line, checksummed.")
	wf := addWalletFlags(f)
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if f.NArg() != 0 {
		return usageError{fmt.Errorf("wallet list takes no arguments, got %d", f.NArg())}
	}
	w, err := wf.open()
	if err != nil {
		return err
	}
	addrs, err := w.List()
	if err != nil {
		return err
	}
	if len(addrs) == 0 {
		// On stderr, so a script reading stdout sees an empty list.
		fmt.Fprintf(stderr, "no wallets in %s (make one with 'arena wallet new')\n", w.Dir())
	}
	for _, a := range addrs {
		fmt.Fprintln(stdout, a.Hex())
	}
	return nil
}

func walletExportAddress(_ context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("wallet export-address", "ADDR", "Prints the checksummed address of the wallet whose address is ADDR or\n"+
		"starts with it (hex, 0x optional, any case), for scripts.")
	wf := addWalletFlags(f)
	arg, err := f.parseOne(args, stdout, "address or address prefix")
	if err != nil {
		return err
	}
	w, err := wf.open()
	if err != nil {
		return err
	}
	addr, err := w.Find(arg)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, addr.Hex())
	return nil
}
