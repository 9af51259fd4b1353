package attack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// privacySecret is the victim's system prompt: words a model would not
// write by itself, so finding them anywhere means the prompt leaked.
const privacySecret = "SECRET-42 zebra quartz: you are the victim's private strategy"

// privacyGet fetches a path with token (none when ""), returning the
// status and the body, whatever the status.
func privacyGet(t *testing.T, s *server, path, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestAttackSystemPromptLeak: a victim's agent with a secret system prompt
// plays a game (nim, whose moves record the chat each player saw) and a
// parallel match (sum-duel), while a stranger watches its live stream.
// The stranger, signed in, and an anonymous client then read everything
// public about it: the match records, their events and streams, the
// agent, the agent list, the leaderboards and the pairs. The secret must
// appear nowhere; the victim, signed in, still reads its own prompt in
// its game's record.
func TestAttackSystemPromptLeak(t *testing.T) {
	s := start(t)
	victim, _ := s.stranger(t)
	stranger, _ := s.stranger(t)
	anon := client.New(s.URL)

	ag, err := victim.CreateAgent(t.Context(), api.AgentConfig{Name: "private", Model: "arena-base", System: privacySecret})
	if err != nil {
		t.Fatal(err)
	}

	// The stranger follows the victim's agent live.
	var (
		liveMu sync.Mutex
		live   []api.Event
	)
	watchCtx, stopWatch := context.WithCancel(t.Context())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		stranger.WatchAgent(watchCtx, ag.ID, func(ev api.Event) error {
			liveMu.Lock()
			live = append(live, ev)
			liveMu.Unlock()
			return nil
		})
	}()
	time.Sleep(200 * time.Millisecond) // let the stream subscribe before the match starts

	var matches []string
	for _, space := range []string{"nim", "sum-duel"} {
		if _, err := victim.Enter(t.Context(), space, ag.ID, 0); err != nil {
			t.Fatal(err)
		}
		m := waitMatchN(t, victim, ag.ID, len(matches)+1, 90*time.Second)
		if m.Status != "finished" {
			t.Fatalf("%s match %s ended %s: %s", space, m.ID, m.Status, m.Error)
		}
		matches = append(matches, m.ID)
	}
	stopWatch()
	<-watched
	game := matches[0]

	// What anyone may read.
	var paths []string
	for _, id := range matches {
		paths = append(paths, "/api/matches/"+id, "/api/matches/"+id+"/events", "/api/matches/"+id+"/settlement")
	}
	paths = append(paths, "/api/agents/"+ag.ID, "/api/agents", "/api/agents/"+ag.ID+"/matches",
		"/api/agents/"+ag.ID+"/pairs", "/api/agents/"+ag.ID+"/adapters", "/api/matches",
		"/api/spaces/nim/leaderboard", "/api/spaces/sum-duel/leaderboard")
	for _, reader := range []struct {
		who   string
		token string
	}{{"a stranger", stranger.Token}, {"an anonymous client", ""}} {
		for _, p := range paths {
			status, body := privacyGet(t, s, p, reader.token)
			if strings.Contains(body, "SECRET-42") {
				t.Errorf("%s reads the victim's system prompt in GET %s (%d): %.400s", reader.who, p, status, body[max(0, strings.Index(body, "SECRET-42")-200):])
			}
		}
		for _, id := range matches {
			var evs []api.Event
			c := anon
			if reader.token != "" {
				c = stranger
			}
			ctx, cancel := within(t, 30*time.Second)
			err := c.Watch(ctx, id, 0, func(ev api.Event) error { evs = append(evs, ev); return nil })
			cancel()
			if err != nil {
				t.Fatalf("%s watches match %s: %v", reader.who, id, err)
			}
			data, _ := json.Marshal(evs)
			if len(evs) == 0 || strings.Contains(string(data), "SECRET-42") {
				t.Errorf("%s watching match %s: %d events, secret shown: %v", reader.who, id, len(evs), strings.Contains(string(data), "SECRET-42"))
			}
		}
	}
	liveMu.Lock()
	data, _ := json.Marshal(live)
	liveMu.Unlock()
	if strings.Contains(string(data), "SECRET-42") {
		t.Errorf("the stranger's live stream of the victim's agent shows its system prompt")
	}

	// The owner still sees its own prompt in its game's moves.
	_, body := privacyGet(t, s, "/api/matches/"+game, victim.Token)
	if !strings.Contains(body, "SECRET-42") {
		t.Errorf("the victim no longer sees its own system prompt in match %s", game)
	}
	d, err := anon.Match(t.Context(), game)
	if err != nil {
		t.Fatal(err)
	}
	moves := 0
	for _, r := range d.Rounds {
		for _, mv := range r.Moves {
			moves++
			if len(mv.Prompt) == 0 {
				t.Errorf("a spectator sees move %+v without its task", mv)
			}
		}
	}
	if moves == 0 {
		t.Errorf("game %s recorded no moves: nothing was tested", game)
	}
}
