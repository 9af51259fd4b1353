// Package auth signs players in with their wallets, Sign-In with Ethereum
// style (EIP-4361): the server issues a message with a fresh nonce, the
// player signs it with personal_sign (EIP-191), and the server checks the
// signature and returns a bearer token that proves the address until it
// expires. A wallet address is the player's identity; nothing else is
// stored about them.
package auth

import "errors"

// Kind says what sort of failure an Error is, so that a server can answer
// with the right status.
type Kind string

// Kinds of Error.
const (
	// Invalid: the request is malformed (a message that does not parse,
	// a signature of the wrong length, a bad address). HTTP 400.
	Invalid Kind = "invalid"
	// Unauthorized: the request is well formed but proves nothing (a
	// signature by someone else, an unknown or used nonce, a message for
	// another server, a forged token). HTTP 401.
	Unauthorized Kind = "unauthorized"
	// Expired: a message, nonce or token was good but its time is up.
	// HTTP 401; the player should sign in again.
	Expired Kind = "expired"
	// Unavailable: the service cannot do its part right now (its random
	// source failed). HTTP 503.
	Unavailable Kind = "unavailable"
)

// Error is every error this package returns.
type Error struct {
	// Op is the operation that failed: "parse", "recover", "challenge",
	// "signin" or "check".
	Op   string
	Kind Kind
	// Msg says what was wrong, for people.
	Msg string
}

// Error returns "auth: <op>: <msg>".
func (e *Error) Error() string { return "auth: " + e.Op + ": " + e.Msg }

// KindOf returns the Kind of err if it is (or wraps) an *Error, and ""
// otherwise.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

func fail(op string, kind Kind, msg string) *Error { return &Error{Op: op, Kind: kind, Msg: msg} }
