package tui

import (
	"context"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// The autopilot keeps an agent entered as its settings ask: a free tier
// by request, a paid one by a stake, never more sessions than allowed.
func TestAutoEntry(t *testing.T) {
	srv := startDevServer(t)
	ctx := t.Context()
	m := signedIn(t, srv, keystore(t, nil, ""), srv.Players[1], tabAgents)
	free, err := m.s.api.CreateAgent(ctx, api.AgentConfig{Name: "free", Model: "arena-base",
		AutoEnter: &agents.AutoEnter{Spaces: []string{"nim"}, Tier: 0, Sessions: 1}})
	if err != nil {
		t.Fatal(err)
	}
	paid, err := m.s.api.CreateAgent(ctx, api.AgentConfig{Name: "paid", Model: "arena-base",
		AutoEnter: &agents.AutoEnter{Spaces: []string{"tic-tac-toe"}, Tier: 1, Sessions: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.s.api.CreateAgent(ctx, api.AgentConfig{Name: "manual", Model: "arena-base"}); err != nil {
		t.Fatal(err)
	}

	notes, err := m.auto.enter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 2 {
		t.Fatalf("entered %q, want the two auto agents", notes)
	}
	// One session each is allowed: at once, before the server has even
	// read the stake from the chain, a second run enters nothing.
	if again, err := m.auto.enter(ctx); err != nil || len(again) != 0 {
		t.Errorf("a second run entered %q (%v) while the first entries wait", again, err)
	}
	// The stake shows as a queued ticket (or a match) once the server
	// reads it from the chain; the free entry at once.
	busy := func(agent, space string) bool {
		q, _ := m.s.api.Queue(context.Background(), space)
		for _, tk := range q {
			if tk.Agent == agent {
				return true
			}
		}
		ms, _ := m.s.api.AgentMatches(context.Background(), agent, 1)
		return len(ms) > 0
	}
	for deadline := time.Now().Add(30 * time.Second); !busy(paid.ID, "tic-tac-toe") || !busy(free.ID, "nim"); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the auto entries never showed on the server")
		}
	}
	// Someone else's agents are never entered, even with auto-entry on.
	other := signedIn(t, srv, keystore(t, nil, ""), srv.Players[0], tabAgents)
	if notes, err := other.auto.enter(ctx); err != nil || len(notes) != 0 {
		t.Errorf("another player's autopilot entered %q, %v", notes, err)
	}
}

// The autopilot stops at the server's cap on one owner's entries in a
// Space, over all the owner's agents: past it an entry is refused, and a
// stake refunded with its gas lost.
func TestAutoEntryStopsAtOwnerCap(t *testing.T) {
	srv := startDevServer(t)
	ctx := t.Context()
	m := signedIn(t, srv, keystore(t, nil, ""), srv.Players[2], tabAgents)
	sp, err := m.s.api.Space(ctx, "nim")
	if err != nil || sp.OwnerCap < 1 {
		t.Fatalf("nim's owner cap: %d, %v", sp.OwnerCap, err)
	}
	for i := range sp.OwnerCap + 1 {
		_, err := m.s.api.CreateAgent(ctx, api.AgentConfig{Name: "auto" + string(rune('a'+i)), Model: "arena-base",
			AutoEnter: &agents.AutoEnter{Spaces: []string{"nim"}, Tier: 0, Sessions: 1}})
		if err != nil {
			t.Fatal(err)
		}
	}
	notes, err := m.auto.enter(ctx)
	if err != nil {
		t.Fatalf("autopilot: %v (after %q)", err, notes)
	}
	if len(notes) != sp.OwnerCap {
		t.Errorf("entered %q, want %d entries, the owner cap", notes, sp.OwnerCap)
	}
}
