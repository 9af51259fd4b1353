package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/spaces"
)

// hangOrScript never answers agents whose system prompt is "hang"; the
// others it answers as scripted does.
type hangOrScript struct{}

func (hangOrScript) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	if req.Messages[0].Content == "hang" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return scripted{}.Reply(ctx, req, onDelta)
}

// An entry past its owner's cap is refused with 429, naming the cap.
func TestEnterOverTheOwnerCap(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	key, owner := newKey(t)
	c := client.New(ts.URL)
	if _, err := c.SignIn(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	for i := range arena.DefaultOwnerCap + 1 {
		ag := ts.addAgent(t, owner, "capped-"+strconv.Itoa(i), i)
		_, err := c.Enter(t.Context(), "sum-duel", ag.ID, 0)
		if i < arena.DefaultOwnerCap {
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		var ce *client.Error
		if !client.IsStatus(err, http.StatusTooManyRequests) || !strings.Contains(err.Error(), "cap is "+strconv.Itoa(arena.DefaultOwnerCap)) {
			t.Fatalf("entry over the cap: %v, want 429 naming the cap", err)
		}
		if errors.As(err, &ce) && ce.Code != "owner_cap" {
			t.Errorf("code %q, want owner_cap", ce.Code)
		}
	}
	if got := counterValue(t, ts, `arena_refusals_total{reason="owner_cap"}`); got < 1 {
		t.Errorf("owner_cap refusals counted %v, want the refusal", got)
	}
}

// A benched agent's entry is refused with 409 and Retry-After, and its
// JSON says until when.
func TestEnterWhileBenched(t *testing.T) {
	ts := startServer(t, Options{}, hangOrScript{})
	space, err := spaces.Lookup("sum-duel")
	if err != nil {
		t.Fatal(err)
	}
	space.ID, space.Rounds, space.Limits.ReplySeconds = "quick-duel", 1, 0.1
	if err := ts.Arena.AddSpace(space); err != nil {
		t.Fatal(err)
	}
	key, owner := newKey(t)
	// Played by its owner's runner, which hangs: only a backend the owner
	// runs can forfeit.
	hanger, err := ts.Arena.CreateAgent(agents.Agent{Owner: owner, Name: "hanger", Model: "test", System: "hang", Remote: true})
	if err != nil {
		t.Fatal(err)
	}
	serveRunner(t, ts, runnerToken(t, ts, key), hanger.ID, hangOrScript{}, nil)
	_, rivalOwner := newKey(t)
	rival := ts.addAgent(t, rivalOwner, "rival", 0)
	for range arena.BenchAfter {
		ts.playMatch(t, space.ID, hanger.ID, rival.ID)
	}

	c := client.New(ts.URL)
	if _, err := c.SignIn(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	view, err := c.Agent(t.Context(), hanger.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !view.BenchedUntil.After(ts.Arena.Now()) {
		t.Fatalf("benched_until %v after %d forfeits, want the bench's end", view.BenchedUntil, arena.BenchAfter)
	}
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/spaces/"+space.ID+"/enter", strings.NewReader(`{"agent":"`+hanger.ID+`","tier":0}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || resp.Header.Get("Retry-After") == "" {
		t.Errorf("entry of a benched agent: %s, Retry-After %q; want 409 with Retry-After", resp.Status, resp.Header.Get("Retry-After"))
	}
	_, err = c.Enter(t.Context(), space.ID, hanger.ID, 0)
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Code != "benched" || !strings.Contains(ce.Message, view.BenchedUntil.UTC().Format("2006-01-02T15:04:05")) {
		t.Errorf("entry of a benched agent: %v, want code benched naming when the bench ends (%v)", err, view.BenchedUntil)
	}
}
