package spaces

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem with a Space spec. It names the file, the line and
// the key at fault so that an operator can go straight to it, in the
// "file:line: key: message" form that editors and terminals link.
type Error struct {
	// File is the spec's name as given to Parse or Load ("" for a Spec
	// checked with Validate, which has no document).
	File string
	// Line and Col locate the problem, counting from 1; zero when there is
	// no document.
	Line, Col int
	// Key is the key path at fault ("payout.shares", "judges[1].weight",
	// "entry.tiers[0]"); "" for a syntax error that no key owns.
	Key string
	// Msg says what is wrong and, where it helps, what was wanted.
	Msg string
}

// Error formats e as "file:line: key: message", leaving out the parts e
// does not have.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is several problems with one spec, first by line. Parse and
// Validate return it rather than stopping at the first problem, so that an
// operator fixes a spec in one pass; errors.As still finds the first
// [*Error] in it.
type ErrorList []*Error

// Error writes one problem per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives the problems to errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// asError returns nil for no problems, the *Error itself for one (the
// common case reads best bare), and the sorted ErrorList for several.
func asError(l ErrorList) error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return l
}
