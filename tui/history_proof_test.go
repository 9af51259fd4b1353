package tui

import (
	"strings"
	"testing"

	"github.com/rlfc/arena/arena/api"
)

// The history page says when a version is out of play and how stale the
// pairs it trained on were.
func TestHistoryShowsOutOfPlayAndStaleness(t *testing.T) {
	flagged := api.AdapterVersion{Record: "0x1", Check: "flagged: checkpoint 2 hash mismatch", OutOfPlay: true}
	if got := proofStatus(flagged); !strings.Contains(got, "out of play, flagged: checkpoint 2") {
		t.Errorf("a flagged version: %q", got)
	}
	past := api.AdapterVersion{Record: "0x1", Check: "not sampled", OutOfPlay: true}
	if got := proofStatus(past); !strings.Contains(got, "out of play") {
		t.Errorf("a version rolled back past: %q", got)
	}
	if got := staleness(api.AdapterVersion{StaleMean: 0.5, StaleMax: 2}); got != " (0.5/2 versions stale)" {
		t.Errorf("staleness: %q", got)
	}
	if got := staleness(api.AdapterVersion{}); got != "" {
		t.Errorf("on-policy data: %q", got)
	}
}
