package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/wallet"
)

// runWallet handles `arena wallet new|import|list|export-address`, the
// player's keystore, which needs no chain, and `arena wallet
// balance|withdraw`, which talk to the SpaceStake contract through a node.
func runWallet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return subcommands("wallet", []command{
		{"new", "make a wallet with a fresh key and print its address", walletNew},
		{"import", "import a hex private key or a keystore JSON file", walletImport},
		{"list", "list the wallets' addresses", walletList},
		{"export-address", "print a wallet's checksummed address (ADDR may be a prefix)", walletExportAddress},
		{"balance", "show ETH balances and winnings credited on the SpaceStake contract", walletBalance},
		{"withdraw", "withdraw a wallet's credited winnings from the SpaceStake contract", walletWithdraw},
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
	if err := f.parseNone(args, stdout); err != nil {
		return err
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
	if err := f.parseNone(args, stdout); err != nil {
		return err
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

// walletNodeFlags name the node and the contract that wallet balance and
// wallet withdraw talk to, the chain they must be on, and the token their
// amounts are in.
type walletNodeFlags struct {
	nodeFlags
	token   *string
	chainID *int64
}

func addWalletNodeFlags(f *flags) walletNodeFlags {
	return walletNodeFlags{
		nodeFlags: addNodeFlags(f),
		chainID:   f.Int64("chain-id", 0, "refuse a node on any other chain (0: accept any chain)"),
		token:     f.String("token", "", "ERC-20 token of the winnings (empty: ETH)"),
	}
}

// dial connects to the contract, checking the flags first so a mistake is a
// usage error that names the flag.
func (cf walletNodeFlags) dial(ctx context.Context) (*contracts.Client, common.Address, error) {
	if *cf.chainID < 0 {
		return nil, common.Address{}, usageError{fmt.Errorf("--chain-id %d is negative", *cf.chainID)}
	}
	var token common.Address
	if *cf.token != "" {
		if !common.IsHexAddress(*cf.token) {
			return nil, common.Address{}, usageError{fmt.Errorf("--token %q is not an address (0x and 40 hex digits)", *cf.token)}
		}
		token = common.HexToAddress(*cf.token)
	}
	var chainID *big.Int
	if *cf.chainID != 0 {
		chainID = big.NewInt(*cf.chainID)
	}
	c, err := cf.nodeFlags.dial(ctx, chainID)
	return c, token, err
}

// amountFormat shows amounts of ETH, or of one ERC-20 token.
type amountFormat struct {
	symbol   string
	decimals int
	unit     string // what the base units are called
}

var ethFormat = amountFormat{symbol: "ETH", decimals: 18, unit: "wei"}

// tokenFormat is how amounts of token are shown: ETH for the zero address,
// else what the token says of itself.
func tokenFormat(ctx context.Context, c *contracts.Client, token common.Address) (amountFormat, error) {
	if token == (common.Address{}) {
		return ethFormat, nil
	}
	info, err := c.TokenInfo(ctx, token)
	if err != nil {
		return amountFormat{}, err
	}
	f := amountFormat{symbol: info.Symbol, decimals: info.Decimals, unit: "base units"}
	if f.symbol == "" {
		f.symbol = "of token " + token.Hex()
	}
	if f.decimals < 0 { // no decimals(): whole numbers of base units only
		f.decimals = 0
	}
	return f, nil
}

// format writes an amount exactly, then in base units: "0.0123 ETH (12300000000000000 wei)".
func (f amountFormat) format(amount *big.Int) string {
	return fmt.Sprintf("%s %s (%s %s)", contracts.FormatUnits(amount, f.decimals), f.symbol, amount, f.unit)
}

func walletBalance(ctx context.Context, args []string, stdout, _ io.Writer) error {
	f := newFlags("wallet balance", "[ADDR]", "Shows the ETH balance of ADDR and the winnings credited to it on the SpaceStake\n"+
		"contract (in ETH, or in the ERC-20 --token), which 'arena wallet withdraw' pays\n"+
		"out. ADDR is an address, or a wallet in the keystore named by its address or a\n"+
		"prefix of it; without ADDR every wallet in the keystore is shown.")
	wf := addWalletFlags(f)
	cf := addWalletNodeFlags(f)
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if f.NArg() > 1 {
		return usageError{fmt.Errorf("wallet balance takes at most one address, got %d arguments", f.NArg())}
	}
	var addrs []common.Address
	switch arg := f.Arg(0); {
	case common.IsHexAddress(arg):
		addrs = []common.Address{common.HexToAddress(arg)}
	default:
		w, err := wf.open()
		if err != nil {
			return err
		}
		if arg != "" {
			a, err := w.Find(arg)
			if err != nil {
				return err
			}
			addrs = []common.Address{a}
		} else if addrs, err = w.List(); err != nil {
			return err
		} else if len(addrs) == 0 {
			return fmt.Errorf("no wallets in %s: give an address, or make a wallet with 'arena wallet new'", w.Dir())
		}
	}
	c, token, err := cf.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	tf, err := tokenFormat(ctx, c, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "SpaceStake %s on chain %s\n", c.Address().Hex(), c.ChainID())
	for _, a := range addrs {
		bal, err := c.Balance(ctx, a)
		if err != nil {
			return err
		}
		credit, err := c.Credit(ctx, token, a)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n  balance   %s\n  winnings  %s\n", a.Hex(), ethFormat.format(bal), tf.format(credit))
	}
	return nil
}

func walletWithdraw(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("wallet withdraw", "[ADDR]", "Withdraws the winnings credited to a keystore wallet on the SpaceStake contract\n"+
		"(in ETH, or in the ERC-20 --token) to the wallet itself. ADDR names the wallet by\n"+
		"its address or a prefix of it, and may be left out when the keystore holds one\n"+
		"wallet. The wallet pays the gas. Asks before sending unless --yes.")
	wf := addWalletFlags(f)
	cf := addWalletNodeFlags(f)
	pwFile := f.String("password-file", "", "read the wallet's password from this file's first line")
	yes := f.Bool("yes", false, "withdraw without asking for confirmation")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	if f.NArg() > 1 {
		return usageError{fmt.Errorf("wallet withdraw takes at most one wallet, got %d arguments", f.NArg())}
	}
	w, err := wf.open()
	if err != nil {
		return err
	}
	var addr common.Address
	if f.NArg() == 1 {
		if addr, err = w.Find(f.Arg(0)); err != nil {
			return err
		}
	} else {
		all, err := w.List()
		if err != nil {
			return err
		}
		if len(all) != 1 {
			return usageError{fmt.Errorf("the keystore %s holds %d wallets: name the one to withdraw to", w.Dir(), len(all))}
		}
		addr = all[0]
	}
	// Connect first: a wrong --rpc or --contract should not cost a password.
	c, token, err := cf.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	tf, err := tokenFormat(ctx, c, token)
	if err != nil {
		return err
	}
	pw, err := readPassword(ctx, *pwFile, "password-file", "Password of "+addr.Hex()+": ", "", stderr)
	if err != nil {
		return err
	}
	key, err := w.Unlock(addr, pw)
	if err != nil {
		return err
	}
	credit, err := c.Credit(ctx, token, addr)
	if err != nil {
		return err
	}
	if credit.Sign() == 0 {
		return fmt.Errorf("nothing to withdraw: %s has no winnings in %s credited on SpaceStake %s", addr.Hex(), tf.symbol, c.Address().Hex())
	}
	fmt.Fprintf(stdout, "%s has %s credited on SpaceStake %s (chain %s).\n", addr.Hex(), tf.format(credit), c.Address().Hex(), c.ChainID())
	if !*yes {
		ok, err := confirm(ctx, fmt.Sprintf("Withdraw %s to %s? Type yes: ", tf.format(credit), addr.Hex()), stderr)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("withdrawal not confirmed; nothing was sent")
		}
	}
	amount, r, err := c.Withdraw(ctx, key, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Withdrew %s to %s\ntransaction %s (block %s, gas %d)\n", tf.format(amount), addr.Hex(), r.TxHash.Hex(), r.BlockNumber, r.GasUsed)
	return nil
}

// confirm asks on the terminal and reports whether the answer was yes.
// Without a terminal the error says to give --yes instead.
func confirm(ctx context.Context, msg string, stderr io.Writer) (bool, error) {
	// TerminalPrompt does not echo, which is harmless for a yes, and it is
	// the one terminal reader here that gives up when ctx is cancelled.
	answer, err := wallet.TerminalPrompt(ctx, passwordInput, stderr, msg, "")()
	if errors.Is(err, wallet.ErrNoTerminal) {
		return false, usageError{fmt.Errorf("%w: give --yes to withdraw without confirming", err)}
	}
	if err != nil {
		return false, err
	}
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes", nil
}
