package auth

import (
	"crypto/ecdsa"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func newKey(t *testing.T) (*ecdsa.PrivateKey, string) {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k, crypto.PubkeyToAddress(k.PublicKey).Hex()
}

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func newService(t *testing.T, c *clock) *Service {
	t.Helper()
	s, err := NewService(Options{Domain: "arena.test", URI: "https://arena.test/", ChainID: 31337,
		Secret: []byte("0123456789abcdef0123456789abcdef"), TTL: time.Hour, NonceTTL: time.Minute, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMessageRoundTrip(t *testing.T) {
	m := Message{Domain: "arena.test:7070", Address: common.HexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").Hex(),
		Statement: "Sign in.", URI: "https://arena.test/", Version: "1", ChainID: 1, Nonce: "abcdEFGH1234",
		IssuedAt: t0, ExpirationTime: t0.Add(time.Minute)}
	want := "arena.test:7070 wants you to sign in with your Ethereum account:\n" +
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nSign in.\n\n" +
		"URI: https://arena.test/\nVersion: 1\nChain ID: 1\nNonce: abcdEFGH1234\n" +
		"Issued At: 2025-03-01T12:00:00Z\nExpiration Time: 2025-03-01T12:01:00Z"
	if got := m.String(); got != want {
		t.Fatalf("String:\n%s\nwant:\n%s", got, want)
	}
	back, err := ParseMessage(want)
	if err != nil {
		t.Fatal(err)
	}
	if back.String() != want || !back.IssuedAt.Equal(m.IssuedAt) || back.Nonce != m.Nonce || back.ChainID != 1 {
		t.Fatalf("round trip: %+v", back)
	}
	// No statement and no expiry: EIP-4361 keeps the blank lines.
	m.Statement, m.ExpirationTime = "", time.Time{}
	text := m.String()
	if !strings.Contains(text, "BeAed\n\n\nURI: ") || strings.Contains(text, "Expiration") {
		t.Fatalf("bare message:\n%s", text)
	}
	if back, err := ParseMessage(text); err != nil || back.String() != text {
		t.Fatalf("bare round trip: %v\n%s", err, back)
	}
}

func TestParseMessageErrors(t *testing.T) {
	good := Message{Domain: "arena.test", Address: common.HexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").Hex(),
		Statement: "Hi", URI: "https://arena.test/", Version: "1", ChainID: 5, Nonce: "abcdefgh12",
		IssuedAt: t0, ExpirationTime: t0.Add(time.Minute)}.String()
	for _, tc := range []struct{ name, text, want string }{
		{"header", strings.Replace(good, "wants you", "asks you", 1), "line 1: want"},
		{"empty domain", strings.TrimPrefix(good, "arena.test"), "line 1: domain: is empty"},
		{"lower-case address", strings.Replace(good, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", 1), "line 2: address: \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\" is not in EIP-55"},
		{"short address", strings.Replace(good, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb", 1), "line 2: address"},
		{"version", strings.Replace(good, "Version: 1", "Version: 2", 1), "line 7: Version: \"2\" is not supported"},
		{"chain id", strings.Replace(good, "Chain ID: 5", "Chain ID: 05", 1), "line 8: Chain ID: \"05\""},
		{"negative chain", strings.Replace(good, "Chain ID: 5", "Chain ID: -5", 1), "line 8: Chain ID"},
		{"short nonce", strings.Replace(good, "abcdefgh12", "abc", 1), "line 9: Nonce: \"abc\" is shorter"},
		{"nonce chars", strings.Replace(good, "abcdefgh12", "abcd-efgh12", 1), "line 9: Nonce:"},
		{"issued at", strings.Replace(good, "2025-03-01T12:00:00Z", "yesterday", 1), "line 10: Issued At: \"yesterday\""},
		{"expiry before issue", strings.Replace(good, "12:01:00Z", "11:00:00Z", 1), "line 11: Expiration Time: 2025-03-01T11:00:00Z is not after"},
		{"trailing newline", good + "\n", "line 12: unexpected \"\""},
		{"extra field", good + "\nRequest ID: 7", "line 12: unexpected \"Request ID: 7\""},
		{"crlf", strings.ReplaceAll(good, "\n", "\r\n"), "line 1: contains a carriage return"},
		{"missing uri", strings.Replace(good, "URI: https://arena.test/\n", "", 1), "line 6: want \"URI: ...\""},
		{"relative uri", strings.Replace(good, "https://arena.test/", "/login", 1), "line 6: URI: \"/login\" is not absolute"},
		{"no blank after statement", strings.Replace(good, "Hi\n\n", "Hi\n", 1), "line 5: want an empty line after the statement"},
		{"truncated", good[:strings.Index(good, "Nonce")], "line 9"},
		{"huge", strings.Repeat("x", MaxMessageBytes+1), "at most 4096"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseMessage(tc.text)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			if KindOf(err) != Invalid {
				t.Fatalf("kind %q, want invalid", KindOf(err))
			}
		})
	}
}

func TestSignRecover(t *testing.T) {
	key, addr := newKey(t)
	sig, err := Sign(key, "hello")
	if err != nil {
		t.Fatal(err)
	}
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		t.Fatalf("signature %x: want 65 bytes with V 27 or 28", sig)
	}
	// TextHash must be go-ethereum's personal_sign hash; check against
	// the known vector for "hello".
	if h := common.Bytes2Hex(TextHash("hello")); h != "50b2c43fd39106bafbba0da34fc430e1f91e3c96ea2acee2bc34119f92b37750" {
		t.Fatalf("TextHash(hello) = %s", h)
	}
	for _, tc := range []struct {
		name string
		v    int // added to V; -1 means leave
		len  int
		want string
	}{
		{"v27", 0, 65, ""},
		{"v0", -27, 65, ""},
		{"v29", 2, 65, "V is"},
		{"short", 0, 64, "64 bytes long, want 65"},
		{"long", 0, 66, "66 bytes long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := make([]byte, tc.len)
			copy(s, sig)
			if tc.len >= 65 {
				s[64] = byte(int(sig[64]) + tc.v)
			}
			got, err := Recover("hello", s)
			if tc.want == "" {
				if err != nil || got.Hex() != addr {
					t.Fatalf("Recover = %s, %v; want %s", got.Hex(), err, addr)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if got, err := Recover("hellO", sig); err == nil && got.Hex() == addr {
		t.Fatal("a signature recovered its signer for different text")
	}
	zero := make([]byte, 65)
	zero[64] = 27
	if _, err := Recover("hello", zero); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Fatalf("zero r and s: %v", err)
	}
}

func TestService(t *testing.T) {
	c := &clock{t: t0}
	key, addr := newKey(t)
	other, otherAddr := newKey(t)

	// sign gets a challenge for addr, lets edit change its text, and
	// signs the result with key.
	sign := func(s *Service, addr string, key *ecdsa.PrivateKey, edit func(*Message)) (string, []byte) {
		t.Helper()
		m, err := s.Challenge(addr)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			edit(&m)
		}
		text := m.String()
		sig, err := Sign(key, text)
		if err != nil {
			t.Fatal(err)
		}
		return text, sig
	}

	for _, tc := range []struct {
		name string
		run  func(s *Service) (Token, error)
		kind Kind
		want string
	}{
		{"good", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, nil)
			return s.SignIn(text, sig)
		}, "", ""},
		{"lower-case address asked", func(s *Service) (Token, error) {
			text, sig := sign(s, strings.ToLower(addr), key, nil)
			return s.SignIn(text, sig)
		}, "", ""},
		{"replayed nonce", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, nil)
			if _, err := s.SignIn(text, sig); err != nil {
				t.Fatal(err)
			}
			return s.SignIn(text, sig)
		}, Unauthorized, "already used"},
		{"nonce of another address", func(s *Service) (Token, error) {
			// other takes addr's nonce and signs it as itself.
			text, sig := sign(s, addr, other, func(m *Message) { m.Address = otherAddr })
			return s.SignIn(text, sig)
		}, Unauthorized, "was not issued by this server to " + otherAddr},
		{"nonce in upper case", func(s *Service) (Token, error) {
			// The same nonce spelt another way must not pass the
			// used-set.
			text, sig := sign(s, addr, key, nil)
			if _, err := s.SignIn(text, sig); err != nil {
				t.Fatal(err)
			}
			used := nonceOf(t, text)
			text, sig = sign(s, addr, key, func(m *Message) { m.Nonce = strings.ToUpper(used) })
			return s.SignIn(text, sig)
		}, Unauthorized, "was not issued by this server"},
		{"nonce used after its time", func(s *Service) (Token, error) {
			// Without an Expiration Time in the message, the nonce's own
			// time still ends it.
			text, sig := sign(s, addr, key, func(m *Message) { m.ExpirationTime = time.Time{} })
			c.t = t0.Add(time.Minute)
			return s.SignIn(text, sig)
		}, Expired, "nonce"},
		{"made-up nonce", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, func(m *Message) { m.Nonce = "madeup123" })
			return s.SignIn(text, sig)
		}, Unauthorized, "nonce madeup123 was not issued"},
		{"wrong domain", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, func(m *Message) { m.Domain = "evil.test" })
			return s.SignIn(text, sig)
		}, Unauthorized, "domain \"evil.test\""},
		{"wrong uri", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, func(m *Message) { m.URI = "https://evil.test/" })
			return s.SignIn(text, sig)
		}, Unauthorized, "URI"},
		{"wrong chain", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, func(m *Message) { m.ChainID = 1 })
			return s.SignIn(text, sig)
		}, Unauthorized, "chain 1"},
		{"expired message", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, nil)
			c.t = t0.Add(2 * time.Minute)
			return s.SignIn(text, sig)
		}, Expired, "message expired"},
		{"expiry stretched by the signer", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, func(m *Message) { m.ExpirationTime = m.ExpirationTime.Add(time.Hour) })
			c.t = t0.Add(2 * time.Minute)
			return s.SignIn(text, sig)
		}, Expired, "nonce"},
		{"bad signature", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, nil)
			sig[10] ^= 1
			return s.SignIn(text, sig)
		}, Unauthorized, ""},
		{"signed by another key", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, other, nil)
			return s.SignIn(text, sig)
		}, Unauthorized, "signature is by " + otherAddr},
		{"short signature", func(s *Service) (Token, error) {
			text, sig := sign(s, addr, key, nil)
			return s.SignIn(text, sig[:64])
		}, Invalid, "64 bytes long"},
		{"garbage message", func(s *Service) (Token, error) {
			return s.SignIn("hello", make([]byte, 65))
		}, Invalid, "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.t = t0
			s := newService(t, c)
			tok, err := tc.run(s)
			if tc.kind == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tok.Address != addr || !tok.Expires.Equal(c.t.Add(time.Hour)) {
					t.Fatalf("token %+v", tok)
				}
				got, err := s.Check(tok.Token)
				if err != nil || got.Hex() != addr {
					t.Fatalf("Check = %s, %v", got.Hex(), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("signed in: %+v", tok)
			}
			if KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v (kind %q), want kind %q containing %q", err, KindOf(err), tc.kind, tc.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c := &clock{t: t0}
	s := newService(t, c)
	_, addr := newKey(t)
	tok := s.issue(common.HexToAddress(addr), t0.Add(time.Hour))
	raw, _ := base64.RawURLEncoding.DecodeString(tok.Token)
	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 1
		return base64.RawURLEncoding.EncodeToString(b)
	}
	otherSvc, err := NewService(Options{Domain: "arena.test", URI: "https://arena.test/", ChainID: 31337, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, token string
		at          time.Time
		kind        Kind
		want        string
	}{
		{"good", tok.Token, t0, "", ""},
		{"just before expiry", tok.Token, t0.Add(time.Hour - time.Second), "", ""},
		{"expired", tok.Token, t0.Add(time.Hour), Expired, "token expired"},
		{"tampered address", flip(3), t0, Unauthorized, "does not match"},
		{"tampered expiry", flip(25), t0, Unauthorized, "does not match"},
		{"tampered mac", flip(40), t0, Unauthorized, "does not match"},
		{"version", flip(0), t0, Unauthorized, "version"},
		{"empty", "", t0, Unauthorized, "no token"},
		{"short", tok.Token[:20], t0, Unauthorized, "wrong length"},
		{"not base64", strings.Repeat("*", len(tok.Token)), t0, Unauthorized, "not base64url"},
		{"another server's", otherSvc.issue(common.HexToAddress(addr), t0.Add(time.Hour)).Token, t0, Unauthorized, "does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.t = tc.at
			got, err := s.Check(tc.token)
			if tc.kind == "" {
				if err != nil || got.Hex() != addr {
					t.Fatalf("Check = %s, %v", got.Hex(), err)
				}
				return
			}
			if KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want kind %q containing %q", err, tc.kind, tc.want)
			}
		})
	}
}

func TestChallenge(t *testing.T) {
	c := &clock{t: t0}
	s := newService(t, c)
	_, addr := newKey(t)
	for _, bad := range []string{"", "0x12", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"} {
		if _, err := s.Challenge(bad); KindOf(err) != Invalid {
			t.Errorf("Challenge(%q): %v, want invalid", bad, err)
		}
	}
	m1, err := s.Challenge(addr)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := s.Challenge(addr)
	if m1.Nonce == m2.Nonce || len(m1.Nonce) < 16 {
		t.Fatalf("nonces %q and %q", m1.Nonce, m2.Nonce)
	}
	if m1.Domain != "arena.test" || m1.ChainID != 31337 || !m1.ExpirationTime.Equal(t0.Add(time.Minute)) {
		t.Fatalf("challenge %+v", m1)
	}
	if _, err := ParseMessage(m1.String()); err != nil {
		t.Fatal(err)
	}
}

// nonceOf is the nonce of a message's text.
func nonceOf(t *testing.T, text string) string {
	t.Helper()
	m, err := ParseMessage(text)
	if err != nil {
		t.Fatal(err)
	}
	return m.Nonce
}

// TestChallengeFlood issues a flood of challenges between a player's
// challenge and its sign-in: the service stores none of them, and the
// player's nonce still works.
func TestChallengeFlood(t *testing.T) {
	c := &clock{t: t0}
	s := newService(t, c)
	key, addr := newKey(t)
	m, err := s.Challenge(addr)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200_000 {
		flood := common.BigToAddress(big.NewInt(int64(i + 1))).Hex()
		if _, err := s.Challenge(flood); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.Used(); n != 0 {
		t.Fatalf("the service remembers %d nonces after a flood of challenges, want 0", n)
	}
	sig, err := Sign(key, m.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(m.String(), sig); err != nil {
		t.Fatalf("the player's sign-in after the flood: %v", err)
	}
}

// TestNonceVoidAfterRestart: a restarted service (the same secret, so
// tokens survive) takes no nonce issued before the restart, since it no
// longer knows which were redeemed.
func TestNonceVoidAfterRestart(t *testing.T) {
	c := &clock{t: t0}
	s := newService(t, c)
	key, addr := newKey(t)
	m, err := s.Challenge(addr)
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := Sign(key, m.String())
	tok, err := s.SignIn(m.String(), sig)
	if err != nil {
		t.Fatal(err)
	}
	restarted := newService(t, c)
	if _, err := restarted.Check(tok.Token); err != nil {
		t.Fatalf("a token did not survive the restart: %v", err)
	}
	if _, err := restarted.SignIn(m.String(), sig); KindOf(err) != Unauthorized || !strings.Contains(err.Error(), "not issued by this server") {
		t.Fatalf("replaying a sign-in after a restart: %v, want unauthorized", err)
	}
}

// TestUsedNoncesExpire checks that the used-set forgets a nonce once it
// has expired (it cannot pass anyway) and not before.
func TestUsedNoncesExpire(t *testing.T) {
	c := &clock{t: t0}
	s := newService(t, c)
	key, addr := newKey(t)
	signIn := func() {
		t.Helper()
		m, err := s.Challenge(addr)
		if err != nil {
			t.Fatal(err)
		}
		sig, _ := Sign(key, m.String())
		if _, err := s.SignIn(m.String(), sig); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		signIn()
	}
	c.t = t0.Add(30 * time.Second)
	signIn()
	if n := s.Used(); n != 4 {
		t.Fatalf("%d used nonces remembered, want 4", n)
	}
	// The first three expire at t0+1m, the fourth at t0+1m30s.
	c.t = t0.Add(time.Minute)
	signIn()
	if n := s.Used(); n != 2 {
		t.Fatalf("%d used nonces remembered after the first three expired, want 2", n)
	}
}

func TestNewServiceOptions(t *testing.T) {
	for _, o := range []Options{
		{Domain: "has space"},
		{URI: "relative"},
		{Secret: []byte("short")},
		{ChainID: -1},
	} {
		if _, err := NewService(o); err == nil {
			t.Errorf("NewService(%+v) accepted", o)
		}
	}
	if _, err := NewService(Options{}); err != nil {
		t.Fatal(err)
	}
}
