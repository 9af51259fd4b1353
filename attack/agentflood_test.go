package attack

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// TestAttackAgentFlood: one free sign-in creates agents as fast as it can.
// Every agent is read by every create, rename and lookup by name, under
// one lock, so an unbounded flood slows everyone's; the server must
// refuse the stranger's agent past the cap per owner (the default one, as
// an operator runs it), with 409 agent_cap saying what the cap is, and
// count the refusal, while another stranger still creates.
func TestAttackAgentFlood(t *testing.T) {
	s := start(t)
	flooder, _ := s.stranger(t)
	const most = arena.DefaultMaxAgentsPerOwner
	made := 0
	var refused error
	for made < 4*most { // bounded: well past the cap
		_, err := flooder.CreateAgent(t.Context(), api.AgentConfig{Name: fmt.Sprintf("flood-%d", made), Model: "arena-base"})
		if err != nil {
			refused = err
			break
		}
		made++
	}
	if refused == nil {
		t.Fatalf("one free sign-in created %d agents and was never refused (want a cap at %d)", made, most)
	}
	var ce *client.Error
	if !errors.As(refused, &ce) {
		t.Fatalf("after %d agents: %v (%T), want the server's refusal", made, refused, refused)
	}
	if made != most || ce.Status != 409 || ce.Code != "agent_cap" || !strings.Contains(ce.Message, fmt.Sprint(most)) {
		t.Fatalf("refused after %d agents with %d %s %q; want 409 agent_cap at the cap, %d, naming it", made, ce.Status, ce.Code, ce.Message, most)
	}
	if n := s.metric(t, `arena_refusals_total{reason="agent_cap"}`); n != 1 {
		t.Errorf("arena_refusals_total{reason=\"agent_cap\"} = %v, want 1", n)
	}
	other, _ := s.stranger(t)
	if _, err := other.CreateAgent(t.Context(), api.AgentConfig{Name: "flood-0", Model: "arena-base"}); err != nil {
		t.Errorf("another stranger's first agent: %v", err)
	}
}
