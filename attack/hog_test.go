package attack

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/contracts"
)

// hogReply is sum-duel's reply limit: what each reply of a hanging agent
// costs its match.
const hogReply = 20 * time.Second

// hogEndpoint serves an OpenAI-compatible base URL that never answers: it
// holds each request until the client goes away. It listens on 127.0.0.2,
// which the server under attack is told to allow (ARENA_ALLOW_ENDPOINT).
func hogEndpoint(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no loopback address 127.0.0.2 here: %v", err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String() + "/v1"
}

// TestAttackSlotHogging: strangers fill a free tier with agents whose
// endpoint hangs, so that every match they play holds a scheduler slot
// for a reply limit per round; a paying player's stake must still be
// played within about one reply limit.
func TestAttackSlotHogging(t *testing.T) {
	endpoint := hogEndpoint(t)
	s := startEnv(t, []string{"ARENA_ALLOW_ENDPOINT=127.0.0.2"}, "--concurrency", "2", "--grace", "1s")
	ctx := t.Context()

	// Four strangers with two hanging agents each: an owner's cap on
	// entries in flight does not stop an attacker with several wallets.
	var hogs []func() error
	for range 4 {
		c, _ := s.stranger(t)
		for i := range 2 {
			ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: "hog-" + strconv.Itoa(i), Model: "hang", Endpoint: endpoint})
			if err != nil {
				t.Fatal(err)
			}
			hogs = append(hogs, func() error { _, err := c.Enter(ctx, "sum-duel", ag.ID, 0); return err })
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(hogs))
	for _, enter := range hogs {
		wg.Go(func() { errs <- enter() })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a hanging agent's free entry: %v", err)
		}
	}
	anon := s.client(t, nil)
	hanging := func() int { // free matches being played
		t.Helper()
		ms, err := anon.Matches(ctx, "sum-duel", 20)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range ms {
			if m.Tier == 0 && m.Status == "running" {
				n++
			}
		}
		return n
	}
	for deadline := time.Now().Add(30 * time.Second); hanging() == 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the hanging agents' matches never started")
		}
	}

	// A paying player stakes into a paid tier of the same Space.
	key := s.Players[0]
	c := s.client(t, key)
	ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: "payer", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	spaceID, fee, chain := s.paidTier(t, "sum-duel", 1)
	agentKey, err := contracts.UUIDKey(ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := chain.Enter(ctx, key, spaceID, agentKey, fee); err != nil {
		t.Fatal(err)
	}
	staked := time.Now()

	// Its match must start within about one reply limit: the hanging
	// matches may take every slot a free tier may have, never all.
	bound := hogReply + 5*time.Second
	for ; ; time.Sleep(100 * time.Millisecond) {
		ms, err := c.AgentMatches(ctx, ag.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 {
			t.Logf("the paying entry's match started %v after its stake (%s)", time.Since(staked).Round(100*time.Millisecond), ms[0].Status)
			if hanging() == 0 {
				t.Fatal("no hanging match was being played when the paying one started: the attack never held a slot")
			}
			return
		}
		if time.Since(staked) > bound {
			t.Fatalf("the paying entry waited over %v for a match while hanging free agents held the slots (sum-duel's reply limit is %v)", bound, hogReply)
		}
	}
}
