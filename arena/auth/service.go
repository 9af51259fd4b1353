package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
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
	nonceKey               []byte // keys nonces' MACs; random, per process
	ttl, nonceTTL          time.Duration
	now                    func() time.Time

	mu sync.Mutex
	// used holds the nonces redeemed and not yet expired, so that each is
	// redeemed once; order lists them in the order they were redeemed,
	// for sweeping. Issued nonces are not stored at all (see Challenge).
	used  map[string]time.Time
	order []usedNonce
}

// usedNonce is a redeemed nonce and when it expires.
type usedNonce struct {
	nonce   string
	expires time.Time
}

// NewService makes a Service.
func NewService(opts Options) (*Service, error) {
	s := &Service{
		domain: or(opts.Domain, DefaultDomain), uri: or(opts.URI, DefaultURI),
		statement: or(opts.Statement, DefaultStatement),
		chainID:   opts.ChainID, secret: opts.Secret, ttl: opts.TTL, nonceTTL: opts.NonceTTL, now: opts.Now,
		used: make(map[string]time.Time),
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
	// Nonces have a key of their own, new in every process. So no nonce's
	// MAC can pass as a token's, and a restart voids the challenges then
	// outstanding: the used-set lives in memory, and a sign-in redeemed
	// before a restart must not be redeemed again after it.
	s.nonceKey = make([]byte, 32)
	if _, err := rand.Read(s.nonceKey); err != nil {
		return nil, fmt.Errorf("auth: random nonce key: %w", err)
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
//
// The service stores nothing for a challenge: the nonce carries its time
// of issue and a MAC over it and the address (see newNonce), which SignIn
// checks. So a flood of challenges costs no memory and can never push
// out a nonce a player is about to sign.
func (s *Service) Challenge(address string) (Message, error) {
	if err := checkAddress(address, false); err != nil {
		return Message{}, fail("challenge", Invalid, "address "+err.Error())
	}
	addr := common.HexToAddress(address)
	// Whole seconds, so the text shows plain RFC 3339 times and the nonce
	// holds the same time.
	now := s.now().UTC().Truncate(time.Second)
	nonce, err := s.newNonce(addr, now)
	if err != nil {
		return Message{}, fail("challenge", Unavailable, "no randomness for a nonce: "+err.Error())
	}
	return Message{
		Domain: s.domain, Address: addr.Hex(), Statement: s.statement, URI: s.uri, Version: "1",
		ChainID: s.chainID, Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(s.nonceTTL),
	}, nil
}

// Nonces are lower-case hex (EIP-4361 wants letters and digits) of
//
//	issued at, Unix seconds (8 bytes, big-endian) | random (8) | MAC (12)
//
// where MAC is the first 12 bytes of HMAC-SHA256, under the service's
// nonce key, of the address it was issued to, the time and the random
// bytes. Only this service can make one, and only for the address it
// names. 96 bits of MAC leave nothing to guess through a rate-limited
// sign-in, and the 56 characters fit on one line of the message a
// wallet or the TUI shows at 80 columns.
const (
	nonceRandom = 8
	nonceMAC    = 12
	nonceBody   = 8 + nonceRandom
	nonceLen    = nonceBody + nonceMAC
)

// newNonce makes a nonce for addr issued at t.
func (s *Service) newNonce(addr common.Address, t time.Time) (string, error) {
	b := make([]byte, nonceBody, nonceLen)
	binary.BigEndian.PutUint64(b, uint64(t.Unix()))
	if _, err := rand.Read(b[8:]); err != nil {
		return "", err
	}
	b = append(b, s.nonceMAC(addr, b)...)
	return hex.EncodeToString(b), nil
}

// nonceMAC is the MAC of a nonce's body for addr.
func (s *Service) nonceMAC(addr common.Address, body []byte) []byte {
	return hmacSum(s.nonceKey, addr[:], body)[:nonceMAC]
}

// decodeNonce reads a nonce's parts: its time of issue, and its body
// and MAC. It checks the form only (length, canonical lower-case hex),
// not the MAC; a false ok means the text is no nonce of this service's
// making.
func decodeNonce(nonce string) (issued time.Time, body, mac []byte, ok bool) {
	// The length check comes first, so a long text costs no decoding.
	if len(nonce) != 2*nonceLen {
		return time.Time{}, nil, nil, false
	}
	b, err := hex.DecodeString(nonce)
	// Only the lower-case form: one nonce must have one spelling, or the
	// used-set could be passed by changing a letter's case.
	if err != nil || hex.EncodeToString(b) != nonce {
		return time.Time{}, nil, nil, false
	}
	secs := binary.BigEndian.Uint64(b[:8])
	if secs > math.MaxInt64 {
		return time.Time{}, nil, nil, false
	}
	return time.Unix(int64(secs), 0), b[:nonceBody], b[nonceBody:], true
}

// checkNonceFor returns when nonce expires if this service issued it to
// addr, and an error saying what is wrong otherwise. It does not look at
// the used-set.
func (s *Service) checkNonceFor(nonce string, addr common.Address, now time.Time) (time.Time, error) {
	const op = "signin"
	issued, body, mac, ok := decodeNonce(nonce)
	// hmac.Equal takes the same time wherever the bytes differ.
	if !ok || !hmac.Equal(s.nonceMAC(addr, body), mac) {
		return time.Time{}, fail(op, Unauthorized, fmt.Sprintf("nonce %s was not issued by this server to %s; ask for a new challenge", clip(nonce), addr.Hex()))
	}
	expires := issued.Add(s.nonceTTL)
	if !now.Before(expires) {
		return time.Time{}, fail(op, Expired, fmt.Sprintf("nonce %s expired at %s; ask for a new challenge", clip(nonce), expires.UTC().Format(time.RFC3339)))
	}
	return expires, nil
}

// redeem marks nonce used until it expires, or says it was used already.
// It first forgets the used nonces that have expired: those can no longer
// pass checkNonceFor, so the set holds at most the nonces redeemed within
// the last NonceTTL.
func (s *Service) redeem(nonce string, expires, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if _, ok := s.used[nonce]; ok {
		return fail("signin", Unauthorized, fmt.Sprintf("nonce %s was already used; ask for a new challenge", nonce))
	}
	s.used[nonce] = expires
	s.order = append(s.order, usedNonce{nonce, expires})
	return nil
}

// sweep forgets, from the front of order, used nonces that have expired.
// They are in the order they were redeemed, not of expiry, so it stops at
// the first live one; one behind it waits at most NonceTTL past its own
// redemption, since everything redeemed before it was issued earlier
// still. s.mu must be held.
func (s *Service) sweep(now time.Time) {
	i := 0
	for ; i < len(s.order) && !now.Before(s.order[i].expires); i++ {
		delete(s.used, s.order[i].nonce)
	}
	// Reslicing leaves the swept front in the array until append runs out
	// of room and copies the live part to a new one, so memory stays a
	// small multiple of the used nonces without a copy per call.
	s.order = s.order[i:]
}

// Used reports how many redeemed nonces the service remembers, to refuse
// their replay; they are forgotten once expired.
func (s *Service) Used() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.used)
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
	expires, err := s.checkNonceFor(m.Nonce, signer, now)
	if err != nil {
		return Token{}, err
	}
	if err := s.redeem(m.Nonce, expires, now); err != nil {
		return Token{}, err
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

func (s *Service) mac(body []byte) []byte { return hmacSum(s.secret, body) }

// hmacSum is HMAC-SHA256 under key of the parts, one after another.
func hmacSum(key []byte, parts ...[]byte) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write(p)
	}
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
