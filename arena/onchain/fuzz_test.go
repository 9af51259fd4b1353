package onchain

import (
	"testing"

	"github.com/rlfc/arena/contracts"
)

// FuzzBadKey: whatever agentId a stranger's entry carries, a key that
// names no agent gets a reason the contract can carry and a message that
// says what was wrong, and never a panic.
func FuzzBadKey(f *testing.F) {
	left, _ := contracts.UUIDKey("0190f1c4-0000-7000-8000-000000000001")
	var right [32]byte
	copy(right[16:], left[:16])
	f.Add(left[:])
	f.Add(right[:])
	f.Add(make([]byte, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		var k [32]byte
		copy(k[:], b)
		if _, ok := contracts.KeyUUID(k); ok {
			return
		}
		reason, message := badKey(k)
		if _, err := contracts.ReasonCode(reason); err != nil {
			t.Fatalf("reason %q cannot go on chain: %v", reason, err)
		}
		if message == "" {
			t.Fatal("no message")
		}
	})
}
