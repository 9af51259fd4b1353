package auth

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// FuzzParseMessage checks that ParseMessage never panics and that what it
// accepts survives a round trip: the parsed message's String parses again
// to a message with the same String.
func FuzzParseMessage(f *testing.F) {
	f.Add("arena.test wants you to sign in with your Ethereum account:\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n\nHi\n\nURI: https://arena.test/\nVersion: 1\nChain ID: 1\nNonce: abcdefgh12\nIssued At: 2025-03-01T12:00:00Z")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := ParseMessage(text)
		if err != nil {
			if KindOf(err) != Invalid {
				t.Fatalf("error of kind %q: %v", KindOf(err), err)
			}
			return
		}
		s := m.String()
		m2, err := ParseMessage(s)
		if err != nil {
			t.Fatalf("String of a parsed message does not parse: %v\n%q", err, s)
		}
		if s2 := m2.String(); s2 != s {
			t.Fatalf("round trip changed the text:\n%q\n%q", s, s2)
		}
		if !m2.IssuedAt.Equal(m.IssuedAt) || !m2.ExpirationTime.Equal(m.ExpirationTime) {
			t.Fatalf("round trip changed the times: %v %v / %v %v", m.IssuedAt, m.ExpirationTime, m2.IssuedAt, m2.ExpirationTime)
		}
	})
}

// FuzzNonce checks the nonce decoder on any text: it never panics, what
// it accepts is the one spelling of its bytes, and no text but a nonce
// the service made passes the MAC check.
func FuzzNonce(f *testing.F) {
	s, err := NewService(Options{Secret: []byte("0123456789abcdef0123456789abcdef"), Now: func() time.Time { return t0 }})
	if err != nil {
		f.Fatal(err)
	}
	addr := common.HexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	// A nonce as newNonce makes, with fixed random bytes: every fuzzing
	// process must build the same one.
	body := make([]byte, nonceBody)
	binary.BigEndian.PutUint64(body, uint64(t0.Unix()))
	copy(body[8:], "sixteen bytes!!!")
	good := hex.EncodeToString(append(body, s.nonceMAC(addr, body)...))
	f.Add(good)
	f.Add(strings.ToUpper(good))
	f.Add("abcdefgh12")
	f.Fuzz(func(t *testing.T, nonce string) {
		issued, body, mac, ok := decodeNonce(nonce)
		if !ok {
			if _, err := s.checkNonceFor(nonce, addr, t0); KindOf(err) != Unauthorized {
				t.Fatalf("a malformed nonce gave %v, want unauthorized", err)
			}
			return
		}
		if got := hex.EncodeToString(append(append([]byte(nil), body...), mac...)); got != nonce {
			t.Fatalf("decoded %q, which encodes as %q", nonce, got)
		}
		if issued.Unix() < 0 {
			t.Fatalf("issued at %v, before 1970", issued)
		}
		if _, err := s.checkNonceFor(nonce, addr, issued); err == nil && nonce != good {
			t.Fatalf("the made-up nonce %q passed the MAC check", nonce)
		}
	})
}
