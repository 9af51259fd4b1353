package auth

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ethereum/go-ethereum/common"
)

// MaxMessageBytes bounds the text ParseMessage accepts; a real sign-in
// message is a few hundred bytes.
const MaxMessageBytes = 4096

// minNonce is EIP-4361's shortest nonce: at least 8 alphanumeric
// characters, so it cannot be guessed.
const minNonce = 8

// header ends a message's first line, after the domain.
const header = " wants you to sign in with your Ethereum account:"

// Message is a Sign-In with Ethereum message (EIP-4361), the subset of
// its fields this arena uses: no Not Before, Request ID or Resources.
type Message struct {
	// Domain is the authority asking for the sign-in ("arena.example:7070").
	Domain string
	// Address is the signer's address in EIP-55 checksum case.
	Address string
	// Statement is an optional line for people to read; it may not
	// contain a newline.
	Statement string
	// URI is the absolute URI of the resource being signed in to.
	URI string
	// Version is "1", the only version EIP-4361 defines.
	Version string
	// ChainID is the EIP-155 chain the address belongs to.
	ChainID int64
	// Nonce is the server's random, single-use value (8 or more letters
	// and digits).
	Nonce string
	// IssuedAt is when the message was made; ExpirationTime, if not zero,
	// when it stops being valid.
	IssuedAt       time.Time
	ExpirationTime time.Time
}

// String returns the message as the text a wallet signs, in EIP-4361's
// layout. An empty Statement leaves its line out (and one blank line, as
// the EIP's grammar does); a zero ExpirationTime leaves its line out.
// Times are RFC 3339 with as many fractional digits as they need.
func (m Message) String() string {
	var b strings.Builder
	b.WriteString(m.Domain + header + "\n")
	b.WriteString(m.Address + "\n\n")
	if m.Statement != "" {
		b.WriteString(m.Statement + "\n")
	}
	b.WriteString("\n")
	b.WriteString("URI: " + m.URI + "\n")
	b.WriteString("Version: " + m.Version + "\n")
	b.WriteString("Chain ID: " + strconv.FormatInt(m.ChainID, 10) + "\n")
	b.WriteString("Nonce: " + m.Nonce + "\n")
	b.WriteString("Issued At: " + m.IssuedAt.Format(time.RFC3339Nano))
	if !m.ExpirationTime.IsZero() {
		b.WriteString("\nExpiration Time: " + m.ExpirationTime.Format(time.RFC3339Nano))
	}
	return b.String()
}

// ParseMessage reads a message in String's layout. It is strict: lines
// end with "\n" alone, fields come in the EIP's order with nothing before
// or after them, the address must be in checksum case and the version
// "1". Its errors name the line and the field that was wrong.
func ParseMessage(text string) (Message, error) {
	var m Message
	bad := func(line int, format string, args ...any) (Message, error) {
		return Message{}, fail("parse", Invalid, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
	}
	if len(text) > MaxMessageBytes {
		return Message{}, fail("parse", Invalid, fmt.Sprintf("message is %d bytes long, at most %d are allowed", len(text), MaxMessageBytes))
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.ContainsRune(l, '\r') {
			return bad(i+1, "contains a carriage return (lines must end with \\n alone)")
		}
	}
	// next hands out lines in order; past the end it returns ok=false.
	n := 0
	next := func() (string, int, bool) {
		if n >= len(lines) {
			return "", n + 1, false
		}
		n++
		return lines[n-1], n, true
	}

	l, ln, _ := next()
	domain, ok := strings.CutSuffix(l, header)
	if !ok {
		return bad(ln, "want %q, got %q", "<domain>"+header, clip(l))
	}
	if err := checkDomain(domain); err != nil {
		return bad(ln, "domain: %v", err)
	}
	m.Domain = domain

	l, ln, ok = next()
	if !ok {
		return bad(ln, "address: missing (the message ends after the first line)")
	}
	if err := checkAddress(l, true); err != nil {
		return bad(ln, "address: %v", err)
	}
	m.Address = l

	if l, ln, ok = next(); !ok || l != "" {
		return bad(ln, "want an empty line after the address, got %s", quoteLine(l, ok))
	}
	// An optional statement, then an empty line.
	if l, ln, ok = next(); !ok {
		return bad(ln, "missing: the message ends after the address")
	}
	if l != "" {
		if strings.HasPrefix(l, "URI: ") {
			return bad(ln, "want an empty line before %q", clip(l))
		}
		if err := checkText(l); err != nil {
			return bad(ln, "statement: %v", err)
		}
		m.Statement = l
		if l, ln, ok = next(); !ok || l != "" {
			return bad(ln, "want an empty line after the statement, got %s", quoteLine(l, ok))
		}
	}

	// field reads the next line as "<name>: <value>".
	field := func(name string) (string, int, error) {
		l, ln, ok := next()
		if !ok {
			return "", ln, fmt.Errorf("%s: missing (the message ends before it)", name)
		}
		v, found := strings.CutPrefix(l, name+": ")
		if !found {
			return "", ln, fmt.Errorf("want %q, got %q", name+": ...", clip(l))
		}
		if v == "" {
			return "", ln, fmt.Errorf("%s: is empty", name)
		}
		return v, ln, nil
	}

	v, ln, err := field("URI")
	if err != nil {
		return bad(ln, "%v", err)
	}
	if err := checkURI(v); err != nil {
		return bad(ln, "URI: %v", err)
	}
	m.URI = v

	if v, ln, err = field("Version"); err != nil {
		return bad(ln, "%v", err)
	}
	if v != "1" {
		return bad(ln, "Version: %q is not supported (want \"1\")", clip(v))
	}
	m.Version = v

	if v, ln, err = field("Chain ID"); err != nil {
		return bad(ln, "%v", err)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	// Only the canonical decimal form, so that String gives back the same
	// text: no sign, no leading zeros.
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != v {
		return bad(ln, "Chain ID: %q is not a positive decimal integer", clip(v))
	}
	m.ChainID = id

	if v, ln, err = field("Nonce"); err != nil {
		return bad(ln, "%v", err)
	}
	if err := checkNonce(v); err != nil {
		return bad(ln, "Nonce: %v", err)
	}
	m.Nonce = v

	if v, ln, err = field("Issued At"); err != nil {
		return bad(ln, "%v", err)
	}
	if m.IssuedAt, err = parseTime(v); err != nil {
		return bad(ln, "Issued At: %v", err)
	}

	if n < len(lines) {
		if v, ln, err = field("Expiration Time"); err != nil {
			return bad(ln, "%v (or the message should end after Issued At)", err)
		}
		if m.ExpirationTime, err = parseTime(v); err != nil {
			return bad(ln, "Expiration Time: %v", err)
		}
		if !m.ExpirationTime.After(m.IssuedAt) {
			return bad(ln, "Expiration Time: %s is not after Issued At", v)
		}
	}
	if n < len(lines) {
		return bad(n+1, "unexpected %q after the last field (Not Before, Request ID and Resources are not supported; the message must not end with a newline)", clip(lines[n]))
	}
	return m, nil
}

// parseTime reads an RFC 3339 time, refusing what Go's parser lets
// through but String could not give back.
func parseTime(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", clip(v))
	}
	if _, err := time.Parse(time.RFC3339Nano, t.Format(time.RFC3339Nano)); err != nil {
		return time.Time{}, fmt.Errorf("%q is out of range", clip(v))
	}
	return t, nil
}

// checkDomain accepts an RFC 3986 authority, with an optional scheme as
// EIP-4361 allows: printable, no spaces, nothing after the host and port.
func checkDomain(d string) error {
	if d == "" {
		return fmt.Errorf("is empty")
	}
	host := d
	if _, after, ok := strings.Cut(d, "://"); ok {
		host = after
	}
	if host == "" {
		return fmt.Errorf("%q has no host", clip(d))
	}
	for _, r := range d {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("%q contains %q (want an authority such as example.com:7070)", clip(d), r)
		}
	}
	if strings.ContainsAny(host, "/?#") {
		return fmt.Errorf("%q has a path, query or fragment (want only host and port)", clip(d))
	}
	return nil
}

// checkAddress accepts a 0x-prefixed 20-byte hex address. With strict, a
// mixed- or lower-case address must be the EIP-55 checksum form, as
// EIP-4361 requires; otherwise any case that is not a bad checksum
// passes (all lower or all upper case carry no checksum).
func checkAddress(a string, strict bool) error {
	if !strings.HasPrefix(a, "0x") || len(a) != 42 || !common.IsHexAddress(a) {
		return fmt.Errorf("%q is not a 0x-prefixed 40-digit hex address", clip(a))
	}
	want := common.HexToAddress(a).Hex()
	if a == want {
		return nil
	}
	digits := a[2:]
	if strict {
		return fmt.Errorf("%q is not in EIP-55 checksum case (want %s)", a, want)
	}
	if digits == strings.ToLower(digits) || digits == strings.ToUpper(digits) {
		return nil
	}
	return fmt.Errorf("%q has a bad EIP-55 checksum (mistyped?)", a)
}

// checkURI accepts an absolute URI without spaces.
func checkURI(v string) error {
	for _, r := range v {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("%q contains %q", clip(v), r)
		}
	}
	u, err := url.Parse(v)
	if err != nil {
		return fmt.Errorf("%q is not a URI", clip(v))
	}
	if !u.IsAbs() {
		return fmt.Errorf("%q is not absolute (want a scheme, as in https://...)", clip(v))
	}
	return nil
}

// checkNonce accepts EIP-4361's nonce: 8 or more ASCII letters and digits.
func checkNonce(v string) error {
	if len(v) < minNonce {
		return fmt.Errorf("%q is shorter than %d characters", clip(v), minNonce)
	}
	if len(v) > 128 {
		return fmt.Errorf("is %d characters long, at most 128 are allowed", len(v))
	}
	for _, r := range v {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return fmt.Errorf("%q contains %q (want letters and digits only)", clip(v), r)
		}
	}
	return nil
}

// checkText accepts a statement: printable, no newline.
func checkText(v string) error {
	for _, r := range v {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) && r != ' ' {
			return fmt.Errorf("contains the unprintable character %U", r)
		}
	}
	return nil
}

// clip shortens what an error quotes, so a huge input makes a short error.
func clip(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func quoteLine(l string, ok bool) string {
	if !ok {
		return "the end of the message"
	}
	return strconv.Quote(clip(l))
}
