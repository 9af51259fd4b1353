package store

import (
	"errors"
	"strings"
)

// Kind classifies an Error so callers can react to the class of failure
// (retry, report "no such agent", refuse to start) without parsing text.
type Kind uint8

// The kinds of Error. Other is the zero value, for failures that fit no class.
const (
	Other    Kind = iota // unclassified
	NotFound             // the record does not exist
	Invalid              // the caller asked for something the store cannot do (bad key, corrupt record, oversized transaction)
	Schema               // the database was written by a build with a different SchemaVersion
	IO                   // the underlying storage failed
	Closed               // the DB was used after Close
	Conflict             // a read-write transaction kept conflicting with concurrent ones
)

// String gives the text used in error messages, so a log line says what
// class of failure it was in plain words.
func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid"
	case Schema:
		return "schema mismatch"
	case IO:
		return "I/O error"
	case Closed:
		return "database closed"
	case Conflict:
		return "transaction conflict"
	}
	return "other error"
}

// Error is the error type of every failure that originates in the store.
// It keeps the operation and the class of failure apart from the cause so
// that messages read well and errors.Is can match on the class alone.
type Error struct {
	Op   string // what was being done, e.g. `get agent/bob`
	Kind Kind   // class of failure
	Err  error  // underlying cause; may be nil
}

// Sentinels for errors.Is: an *Error matches the sentinel of its Kind,
// whatever its Op and Err, e.g. errors.Is(err, store.ErrNotFound).
var (
	ErrNotFound = &Error{Kind: NotFound}
	ErrInvalid  = &Error{Kind: Invalid}
	ErrSchema   = &Error{Kind: Schema}
	ErrIO       = &Error{Kind: IO}
	ErrClosed   = &Error{Kind: Closed}
	ErrConflict = &Error{Kind: Conflict}
)

// Error renders "store: op: kind: cause", leaving out the parts that are empty.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("store")
	if e.Op != "" {
		b.WriteString(": ")
		b.WriteString(e.Op)
	}
	if e.Kind != Other {
		b.WriteString(": ")
		b.WriteString(e.Kind.String())
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes the cause so errors.Is and errors.As see through the store.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel for e's Kind. A target with an
// Op or an Err is not a sentinel and only matches itself.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.Op == "" && t.Err == nil && t.Kind == e.Kind
}

// KindOf returns the Kind of the first *Error in err's chain, or Other,
// for callers that switch on the class of failure.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Other
}

// errTxnTooBig is the cause given when a transaction outgrows Badger's limit.
var errTxnTooBig = errors.New("transaction too big; use a Batch")
