package server

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// TestMatchDetailShowsSystemPromptsToOwnersOnly plays a game whose moves
// record each player's prompt, then reads the match as a spectator, as
// each owner and with a bad token: a spectator sees the tasks without any
// system prompt, an owner sees their own player's and not the other's.
func TestMatchDetailShowsSystemPromptsToOwnersOnly(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	keyA, addrA := newKey(t)
	keyB, addrB := newKey(t)
	ownerA, ownerB, anon := client.New(ts.URL), client.New(ts.URL), client.New(ts.URL)
	if _, err := ownerA.SignIn(ctx, keyA); err != nil {
		t.Fatal(err)
	}
	if _, err := ownerB.SignIn(ctx, keyB); err != nil {
		t.Fatal(err)
	}
	a, err := ts.Arena.CreateAgent(agents.Agent{Owner: addrA, Name: "a", Model: "test", System: "SECRET-A plays nim"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ts.Arena.CreateAgent(agents.Agent{Owner: addrB, Name: "b", Model: "test", System: "SECRET-B plays nim"})
	if err != nil {
		t.Fatal(err)
	}
	res := ts.playMatch(t, "nim", a.ID, b.ID)
	id := res.Match.ID
	stored, _ := json.Marshal(res.Rounds)
	if !strings.Contains(string(stored), "SECRET-A") || !strings.Contains(string(stored), "SECRET-B") {
		t.Fatalf("the stored moves hold no system prompts to hide: %s", stored)
	}

	read := func(c *client.Client) (api.MatchDetail, string) {
		t.Helper()
		m, err := c.Match(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(m)
		return m, string(data)
	}
	m, body := read(anon)
	if strings.Contains(body, "SECRET") {
		t.Fatalf("a spectator reads a system prompt: %s", body)
	}
	moves := 0
	for _, r := range m.Rounds {
		for _, mv := range r.Moves {
			moves++
			if !mv.SystemHidden || len(mv.Prompt) == 0 || mv.Prompt[len(mv.Prompt)-1].Role != "user" {
				t.Fatalf("a spectator's move %+v: want the task without the system prompt, marked hidden", mv)
			}
		}
	}
	if moves == 0 {
		t.Fatal("the game has no moves")
	}
	for _, tc := range []struct {
		c          *client.Client
		mine, not  string
		seat, rest int
	}{{ownerA, "SECRET-A", "SECRET-B", 0, 1}, {ownerB, "SECRET-B", "SECRET-A", 1, 0}} {
		m, body := read(tc.c)
		if !strings.Contains(body, tc.mine) || strings.Contains(body, tc.not) {
			t.Fatalf("owner of seat %d: want %s and not %s in %s", tc.seat, tc.mine, tc.not, body)
		}
		for _, r := range m.Rounds {
			for _, mv := range r.Moves {
				if mv.SystemHidden != (mv.Player != tc.seat) {
					t.Fatalf("owner of seat %d, move of seat %d: hidden %v", tc.seat, mv.Player, mv.SystemHidden)
				}
			}
		}
	}
	bad := client.New(ts.URL)
	bad.Token = "forged"
	_, err = bad.Match(ctx, id)
	wantClientError(t, err, 401, "")

	// Events and the stream carry no prompts at all.
	evs, err := anon.Events(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(evs)
	if strings.Contains(string(data), "SECRET") {
		t.Fatalf("events show a system prompt: %s", data)
	}
}

// TestRESTAgentReferences checks references through the API: a name two
// owners share is 409 with both candidates for a stranger, and means the
// caller's own agent on the owner's routes; a name shaped like an id and
// another agent's adapter version are refused.
func TestRESTAgentReferences(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	keyA, _ := newKey(t)
	keyB, _ := newKey(t)
	victim, stranger, anon := client.New(ts.URL), client.New(ts.URL), client.New(ts.URL)
	victim.SignIn(ctx, keyA)
	stranger.SignIn(ctx, keyB)
	mine, err := victim.CreateAgent(ctx, api.AgentConfig{Name: "shared", Model: "test"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stranger.CreateAgent(ctx, api.AgentConfig{Name: mine.ID, Model: "test"})
	wantClientError(t, err, 400, "shaped like an agent id")
	_, err = victim.CreateAgent(ctx, api.AgentConfig{Name: "SHARED", Model: "test"})
	wantClientError(t, err, 400, "is taken")
	theirs, err := stranger.CreateAgent(ctx, api.AgentConfig{Name: "Shared", Model: "test"})
	if err != nil {
		t.Fatal(err)
	}

	_, err = anon.Agent(ctx, "shared")
	wantClientError(t, err, 409, mine.ID)
	wantClientError(t, err, 409, theirs.ID)
	if ce := err.(*client.Error); ce.Code != "ambiguous" {
		t.Fatalf("code %q, want ambiguous", ce.Code)
	}
	for _, c := range []struct {
		c    *client.Client
		want string
	}{{victim, mine.ID}, {stranger, theirs.ID}} {
		got, err := c.c.UpdateAgent(ctx, "shared", api.AgentPatch{System: ptr("mine")})
		if err != nil || got.ID != c.want {
			t.Fatalf("an owner edits %q: got %s, %v; want %s", "shared", got.ID, err, c.want)
		}
	}

	if err := ts.Arena.AddAdapter(arena.AdapterVersion{Agent: mine.ID, Version: mine.ID + "-v1"}); err != nil {
		t.Fatal(err)
	}
	_, err = stranger.UpdateAgent(ctx, theirs.ID, api.AgentPatch{Adapter: ptr(mine.ID + "-v1")})
	wantClientError(t, err, 400, mine.ID+"-v1")
	if up, err := victim.UpdateAgent(ctx, mine.ID, api.AgentPatch{Adapter: ptr(mine.ID + "-v1")}); err != nil || up.Adapter != mine.ID+"-v1" {
		t.Fatalf("the owner's own version: %+v, %v", up, err)
	}
	if got := counterValue(t, ts, `arena_refusals_total{reason="adapter_not_own"}`); got < 1 {
		t.Errorf("adapter refusals counted %v", got)
	}
}
