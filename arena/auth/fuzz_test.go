package auth

import "testing"

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
