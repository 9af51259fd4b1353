package contracts

import (
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// UUIDKeyFormat says in words how UUIDKey forms a bytes32 id, for players
// who stake from their own code (GET /api/chain carries it).
const UUIDKeyFormat = "bytes32 agentId = the agent id's 16 UUID bytes first (left-aligned), then 16 zero bytes: " +
	"0x + the id's 32 hex digits without dashes + 32 zeros. Not right-aligned: ethers' zeroPadValue(id, 32) " +
	"pads on the left and is refused (and refunded). Every agent's JSON carries its key as agent_key."

// UUIDKey maps an arena id (a UUID in its 36-character text form) to the
// contract's bytes32 agent or match id: the 16 UUID bytes left-aligned,
// zero-padded. The arena and the chain code both use it, so they agree.
func UUIDKey(id string) ([32]byte, error) {
	var k [32]byte
	// uuid.Parse also takes braces, urn: prefixes and undashed forms; one
	// spelling per id keeps the mapping one-to-one both ways.
	if len(id) != 36 {
		return k, fmt.Errorf("id %q is not a UUID (want 36 characters like 123e4567-e89b-12d3-a456-426614174000)", id)
	}
	u, err := uuid.Parse(id)
	if err != nil {
		return k, fmt.Errorf("id %q is not a UUID: %v", id, err)
	}
	copy(k[:16], u[:])
	return k, nil
}

// KeyUUID is the reverse of UUIDKey: the UUID a bytes32 id holds, in
// lower-case text. It reports false when the low 16 bytes are not zero, as
// no UUID maps to such a key.
func KeyUUID(k [32]byte) (string, bool) {
	for _, b := range k[16:] {
		if b != 0 {
			return "", false
		}
	}
	var u uuid.UUID
	copy(u[:], k[:16])
	return u.String(), true
}

// ChainSpaceID maps an arena Space id and fee tier to the contract's uint48
// space id, the same on every machine: the first 5 bytes of
// keccak256("arena space: "+space) as a big-endian number, shifted left 8
// bits, plus tier. The tier must be in 0..255: it is a fixed table index,
// so anything else is a programming error and panics.
func ChainSpaceID(space string, tier int) uint64 {
	if tier < 0 || tier > 255 {
		panic(fmt.Sprintf("contracts.ChainSpaceID: fee tier %d of space %q is not in 0..255", tier, space))
	}
	h := crypto.Keccak256([]byte("arena space: " + space))
	var id uint64
	for _, b := range h[:5] {
		id = id<<8 | uint64(b)
	}
	return id<<8 | uint64(tier)
}
