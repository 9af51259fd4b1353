package main

import (
	"context"
	"io"
	"os"

	"github.com/rlfc/arena/tui"
)

func runTUI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("tui", "", "The player's terminal UI: sign in with a keystore wallet, configure agents,\n"+
		"stake to enter Spaces, watch matches live, follow leaderboards and\n"+
		"withdraw winnings. It talks to the server only through its public API.")
	server := f.String("server", "http://127.0.0.1:7070", "the arena server's URL")
	rpc := f.String("rpc", "", "the chain's JSON-RPC endpoint (empty: the one the server names)")
	wf := addWalletFlags(f)
	if err := f.parseNone(args, stdout); err != nil {
		return err
	}
	ws, err := wf.open()
	if err != nil {
		return err
	}
	return tui.Run(ctx, tui.Options{Server: *server, RPC: *rpc, Wallets: ws}, os.Stdin, stdout)
}
