package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Defaults for Options' zero values.
const (
	DefaultDomain   = "localhost"
	DefaultURI      = "http://localhost/"
	DefaultChainID  = 1337 // go-ethereum's simulated and dev chains
	DefaultTTL      = 24 * time.Hour
	DefaultNonceTTL = 5 * time.Minute
	// DefaultStatement is the line players read in their wallet.
	DefaultStatement = "Sign in to the arena. This costs nothing and sends no transaction."
	// MaxNonces bounds the nonces a Service remembers at once; past it the
	// oldest outstanding one is forgotten, so a flood of challenges costs
	// bounded memory and cannot stop new sign-ins.
	MaxNonces = 100_000
)

// Options configures a Service. Zero values mean the defaults above.
type Options struct {
	// Domain and URI are what messages name and sign-ins must match: the
	// server's authority and its address.
	Domain, URI string
	// ChainID is the EIP-155 chain id messages name.
	ChainID int64
	// Secret keys the tokens' HMAC; nil means 32 random bytes, so tokens
	// die with the process. Give a fixed secret of 32 bytes or more to
	// keep players signed in across restarts.
	Secret []byte
	// TTL is how long a token lasts.
	TTL time.Duration
	// NonceTTL is how long a challenge may wait to be signed.
	NonceTTL time.Duration
	// Statement is the message's line for people; "" means
	// DefaultStatement.
	Statement string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Token is a signed-in player's bearer token.
type Token struct {
	// Token goes in requests as "Authorization: Bearer <Token>".
	Token string
	// Address is the player's, in checksum case.
	Address string
	// Expires is when the token stops working.
	Expires time.Time
}

// Service issues sign-in challenges and tokens and checks them. Its
// methods are safe for concurrent use.
type Service struct {
	domain, uri, statement string
	chainID                int64
	secret                 []byte
	ttl, nonceTTL          time.Duration
	now                    func() time.Time

	mu sync.Mutex
	// nonces holds the outstanding challenges; order lists their nonces in
	// the order they were issued (and so of expiry), for sweeping.
	nonces map[string]challenge
	order  []string
}

// challenge is an issued, unused nonce.
type challenge struct {
	address common.Address
	expires time.Time
}

// NewService makes a Service.
func NewService(opts Options) (*Service, error) {
	s := &Service{
		domain: or(opts.Domain, DefaultDomain), uri: or(opts.URI, DefaultURI),
		statement: or(opts.Statement, DefaultStatement),
		chainID:   opts.ChainID, secret: opts.Secret, ttl: opts.TTL, nonceTTL: opts.NonceTTL, now: opts.Now,
		nonces: make(map[string]challenge),
	}
	if s.chainID == 0 {
		s.chainID = DefaultChainID
	}
	if s.ttl == 0 {
		s.ttl = DefaultTTL
	}
	if s.nonceTTL == 0 {
		s.nonceTTL = DefaultNonceTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	// Check the settings by making a message with them, so that a bad
	// domain or URI fails here and not at every sign-in.
	probe := Message{Domain: s.domain, Address: common.Address{}.Hex(), Statement: s.statement, URI: s.uri,
		Version: "1", ChainID: s.chainID, Nonce: "00000000", IssuedAt: time.Unix(0, 0).UTC()}
	if _, err := ParseMessage(probe.String()); err != nil {
		return nil, fmt.Errorf("auth: options make a bad message: %w", err)
	}
	switch {
	case s.chainID < 0:
		return nil, fmt.Errorf("auth: chain id %d is negative", s.chainID)
	case s.ttl < 0 || s.nonceTTL < 0:
		return nil, fmt.Errorf("auth: TTL and NonceTTL must not be negative")
	case s.secret == nil:
		s.secret = make([]byte, 32)
		if _, err := rand.Read(s.secret); err != nil {
			return nil, fmt.Errorf("auth: random secret: %w", err)
		}
	case len(s.secret) < 16:
		return nil, fmt.Errorf("auth: secret is %d bytes, want at least 16 (32 is better)", len(s.secret))
	}
	return s, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Challenge issues a sign-in message for address (0x hex, any case that
// is not a bad checksum) with a fresh nonce, valid for NonceTTL. The
// player signs its String() and gives that text and the signature to
// SignIn.
func (s *Service) Challenge(address string) (Message, error) {
	if err := checkAddress(address, false); err != nil {
		return Message{}, fail("challenge", Invalid, "address "+err.Error())
	}
	addr := common.HexToAddress(address)
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return Message{}, fail("challenge", Unavailable, "no randomness for a nonce: "+err.Error())
	}
	nonce := hex.EncodeToString(raw)
	// Whole seconds, so the text shows plain RFC 3339 times.
	now := s.now().UTC().Truncate(time.Second)
	m := Message{
		Domain: s.domain, Address: addr.Hex(), Statement: s.statement, URI: s.uri, Version: "1",
		ChainID: s.chainID, Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(s.nonceTTL),
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if n := len(s.order) - MaxNonces + 1; n > 0 {
		for _, old := range s.order[:n] {
			delete(s.nonces, old)
		}
		s.order = s.order[n:]
	}
	s.nonces[nonce] = challenge{address: addr, expires: m.ExpirationTime}
	s.order = append(s.order, nonce)
	return m, nil
}

// sweep forgets, from the front of order, nonces that were used or have
// expired. Nonces expire in the order they were issued, so it stops at
// the first live one. s.mu must be held.
func (s *Service) sweep(now time.Time) {
	i := 0
	for ; i < len(s.order); i++ {
		c, ok := s.nonces[s.order[i]]
		if ok && now.Before(c.expires) {
			break
		}
		delete(s.nonces, s.order[i])
	}
	// Reslicing leaves the swept front in the array until append runs out
	// of room and copies the live part to a new one, so memory stays a
	// small multiple of the outstanding nonces without a copy per call.
	s.order = s.order[i:]
}

// Outstanding reports how many issued nonces are neither used nor swept.
func (s *Service) Outstanding() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.nonces)
}

// SignIn checks a signed sign-in message and returns a token for its
// address. The message must parse, name this service's domain, URI and
// chain, be in its time, carry a nonce this service issued to that same
// address and that has not been used, and be signed by that address. A
// nonce is used up by the first sign-in that passes every check, so a
// signed message can never be replayed.
func (s *Service) SignIn(text string, sig []byte) (Token, error) {
	const op = "signin"
	m, err := ParseMessage(text)
	if err != nil {
		return Token{}, err
	}
	switch {
	case m.Domain != s.domain:
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("message is for domain %q; this server is %q", m.Domain, s.domain))
	case m.URI != s.uri:
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("message is for URI %q; this server is %q", m.URI, s.uri))
	case m.ChainID != s.chainID:
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("message is for chain %d; this server uses chain %d", m.ChainID, s.chainID))
	}
	now := s.now()
	if !m.ExpirationTime.IsZero() && !now.Before(m.ExpirationTime) {
		return Token{}, fail(op, Expired, fmt.Sprintf("message expired at %s; ask for a new challenge", m.ExpirationTime.Format(time.RFC3339)))
	}
	signer, err := Recover(text, sig)
	if err != nil {
		return Token{}, err
	}
	if signer.Hex() != m.Address {
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("signature is by %s, not by the message's address %s", signer.Hex(), m.Address))
	}

	s.mu.Lock()
	c, ok := s.nonces[m.Nonce]
	switch {
	case !ok:
		s.mu.Unlock()
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("nonce %s was not issued by this server, or was already used or forgotten; ask for a new challenge", m.Nonce))
	case c.address != signer:
		// Leave the nonce for the player it was issued to.
		s.mu.Unlock()
		return Token{}, fail(op, Unauthorized, fmt.Sprintf("nonce %s was issued to %s, not %s", m.Nonce, c.address.Hex(), signer.Hex()))
	}
	delete(s.nonces, m.Nonce)
	s.mu.Unlock()
	if !now.Before(c.expires) {
		return Token{}, fail(op, Expired, fmt.Sprintf("nonce %s expired at %s; ask for a new challenge", m.Nonce, c.expires.Format(time.RFC3339)))
	}
	return s.issue(signer, now.Add(s.ttl)), nil
}

// Tokens are base64url (no padding) of
//
//	version (1 byte) | address (20) | expiry, Unix seconds (8, big-endian) | HMAC-SHA256 of the rest (32)
//
// so checking one needs no state: only the secret and the clock.
const (
	tokenVersion = 1
	tokenBody    = 1 + common.AddressLength + 8
	tokenLen     = tokenBody + sha256.Size
)

// issue makes a token for addr that expires at exp (to the second).
func (s *Service) issue(addr common.Address, exp time.Time) Token {
	b := make([]byte, tokenBody, tokenLen)
	b[0] = tokenVersion
	copy(b[1:], addr[:])
	binary.BigEndian.PutUint64(b[1+common.AddressLength:], uint64(exp.Unix()))
	b = append(b, s.mac(b)...)
	return Token{Token: base64.RawURLEncoding.EncodeToString(b), Address: addr.Hex(), Expires: time.Unix(exp.Unix(), 0).UTC()}
}

func (s *Service) mac(body []byte) []byte {
	h := hmac.New(sha256.New, s.secret)
	h.Write(body)
	return h.Sum(nil)
}

// Check returns the address a token was issued to, if the token is this
// service's (made with its secret), unaltered and unexpired.
func (s *Service) Check(token string) (common.Address, error) {
	const op = "check"
	// The length check comes first, so a huge header costs no decoding.
	if token == "" {
		return common.Address{}, fail(op, Unauthorized, "no token")
	}
	if len(token) != base64.RawURLEncoding.EncodedLen(tokenLen) {
		return common.Address{}, fail(op, Unauthorized, "token is malformed (wrong length)")
	}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != tokenLen {
		return common.Address{}, fail(op, Unauthorized, "token is malformed (not base64url)")
	}
	if b[0] != tokenVersion {
		return common.Address{}, fail(op, Unauthorized, fmt.Sprintf("token version %d is unknown", b[0]))
	}
	// hmac.Equal takes the same time wherever the bytes differ, so a
	// forger learns nothing from timing.
	if !hmac.Equal(s.mac(b[:tokenBody]), b[tokenBody:]) {
		return common.Address{}, fail(op, Unauthorized, "token's signature does not match (tampered, or issued by another server)")
	}
	exp := time.Unix(int64(binary.BigEndian.Uint64(b[1+common.AddressLength:tokenBody])), 0)
	if !s.now().Before(exp) {
		return common.Address{}, fail(op, Expired, fmt.Sprintf("token expired at %s; sign in again", exp.UTC().Format(time.RFC3339)))
	}
	return common.BytesToAddress(b[1 : 1+common.AddressLength]), nil
}
