package attack

import (
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
)

// TestHarnessPlaysAFreeMatch checks the harness itself: a stranger's agent
// enters a free Space and the house fills and plays its match.
func TestHarnessPlaysAFreeMatch(t *testing.T) {
	s := start(t)
	c, _ := s.stranger(t)
	ag, err := c.CreateAgent(t.Context(), api.AgentConfig{Name: "probe", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Enter(t.Context(), "sum-duel", ag.ID, 0); err != nil {
		t.Fatal(err)
	}
	if m := waitMatch(t, c, ag.ID, time.Minute); m.Status != "finished" {
		t.Fatalf("match %s ended %s: %s", m.ID, m.Status, m.Error)
	}
}
