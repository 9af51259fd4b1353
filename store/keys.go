package store

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/google/uuid"
)

// Stop is returned by a Scan callback to end the scan early; Scan then
// returns nil, so "found what I was looking for" is not an error.
var Stop = errors.New("store: stop scan")

// NewID returns a new UUIDv7 string. Its leading bits are the creation time
// and ids made by one process increase strictly, so records keyed by NewID
// scan in creation order.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// Key joins the parts of a composite key with "/", e.g. Key(matchID,
// SeqKey(round)), so that the records of one group are adjacent and can be
// scanned with the prefix Key(matchID, ""). Parts should not contain "/".
func Key(parts ...string) string {
	return strings.Join(parts, "/")
}

// SeqKey renders n as 16 hex digits, so that the byte order in which keys
// are stored and scanned is the numeric order of n.
func SeqKey(n uint64) string {
	return hex.EncodeToString(binary.BigEndian.AppendUint64(nil, n))
}
