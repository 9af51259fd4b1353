package server

import (
	"fmt"
	"net/http"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/rlfc/arena/contracts"
)

// stakes answers GET /api/stakes?owner=ADDR[&limit=N]: what became of the
// owner's entries staked on chain, newest first: queued (then settled),
// or refused with the reason and refunded. Stakes are public on chain, so
// no sign-in is needed.
func (s *Server) stakes(w http.ResponseWriter, r *http.Request) {
	owner := r.URL.Query().Get("owner")
	if !common.IsHexAddress(owner) {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("owner %q: want the staking wallet's address, 0x and 40 hex digits", owner))
		return
	}
	limit, ok := matchLimit(w, r)
	if !ok {
		return
	}
	out, err := s.arena.Stakes(common.HexToAddress(owner).Hex(), limit)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// agentKey is an agent id as the contract's bytes32 agentId, 0x-hex; ""
// for an id that is no UUID (no agent the arena made).
func agentKey(id string) string {
	k, err := contracts.UUIDKey(id)
	if err != nil {
		return ""
	}
	return hexutil.Encode(k[:])
}
