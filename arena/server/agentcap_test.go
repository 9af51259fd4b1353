package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/internal/refusal"
)

// TestCreateAgentCap: a signed-in stranger creates agents until the
// arena's cap per owner (the default), and the next create is a 409
// agent_cap that says what the cap is, counted as a refusal; another
// owner still creates.
func TestCreateAgentCap(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := t.Context()
	key, _ := newKey(t)
	c := client.New(ts.URL)
	if _, err := c.SignIn(ctx, key); err != nil {
		t.Fatal(err)
	}
	for i := range arena.DefaultMaxAgentsPerOwner {
		if _, err := c.CreateAgent(ctx, api.AgentConfig{Name: fmt.Sprintf("flood-%d", i), Model: "test"}); err != nil {
			t.Fatalf("agent %d: %v", i+1, err)
		}
	}
	before := ts.refusals(t, refusal.AgentCap)
	_, err := c.CreateAgent(ctx, api.AgentConfig{Name: "one-more", Model: "test"})
	wantClientError(t, err, http.StatusConflict, fmt.Sprintf("has %d agents", arena.DefaultMaxAgentsPerOwner))
	if ce := err.(*client.Error); ce.Code != "agent_cap" {
		t.Errorf("code %q, want agent_cap", ce.Code)
	}
	if d := ts.refusals(t, refusal.AgentCap) - before; d != 1 {
		t.Errorf("%v agent_cap refusals counted, want 1", d)
	}
	otherKey, _ := newKey(t)
	other := client.New(ts.URL)
	if _, err := other.SignIn(ctx, otherKey); err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreateAgent(ctx, api.AgentConfig{Name: "one-more", Model: "test"}); err != nil {
		t.Errorf("another owner's create: %v", err)
	}
}
