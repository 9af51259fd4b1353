//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package wallet

import (
	"context"
	"errors"
	"os"
)

// isTerminal is always false where this package cannot turn echo off, so
// TerminalPrompt asks for a password file instead.
func isTerminal(*os.File) bool { return false }

func readNoEcho(context.Context, *os.File) (string, error) {
	return "", errors.New("reading a password without echo is not supported on this system")
}
