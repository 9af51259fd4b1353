package agents

import (
	"context"
	"errors"
	"net"
	"strconv"

	"github.com/rlfc/arena/internal/netguard"
)

// The kinds of a failed reply that are not a status or a timeout. An
// *Error of one of these kinds matches it with errors.Is; other backends
// (a player's runner) may wrap them too. Their text is what ErrorKind
// names.
var (
	// ErrUnreachable: no answer came; the connection failed.
	ErrUnreachable = errors.New("unreachable")
	// ErrBadStream: a stream of server-sent events that was malformed or
	// cut off.
	ErrBadStream = errors.New("bad stream")
	// ErrBadResponse: a response body that was malformed or had no
	// choices.
	ErrBadResponse = errors.New("bad response")
	// ErrUpstream: the server answered 200 with an error inside.
	ErrUpstream = errors.New("upstream error")
	// ErrTooLarge: an answer past the size the request allows.
	ErrTooLarge = errors.New("too large")
)

// kinds are the kinds ErrorKind looks for, in order.
var kinds = []error{ErrUnreachable, ErrBadStream, ErrBadResponse, ErrUpstream, ErrTooLarge}

// ErrorKind names what went wrong with a reply in a word or two that hold
// nothing the backend sent: "blocked" (netguard refused the address),
// "timeout", "status 403", "unreachable", "bad stream", "bad response",
// "upstream error", "too large", "cancelled", or "failed" for anything
// else. A backend's error text is the player's (an endpoint's error page,
// a runner's message) and may hold whatever the server it came from holds,
// so matches record the kind, which anyone may read, and the full error
// goes to the server's log.
func ErrorKind(err error) string {
	var e *Error
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, netguard.ErrBlocked):
		return "blocked"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &e) && e.Status != 0 && e.Status/100 != 2:
		return "status " + strconv.Itoa(e.Status)
	}
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	if errors.As(err, &netErr) {
		if netErr.Timeout() {
			return "timeout"
		}
		return ErrUnreachable.Error()
	}
	return "failed"
}
