package attack

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// v1floodStreams is the flood: concurrent streaming chat completions.
const v1floodStreams = 32

// v1floodBody is one flood request: as heavy as the API takes, so each
// holds the embedded model as long as it can. The prompt is a few hundred
// tokens, the reply up to the model's context window, eight choices.
var v1floodBody = func() string {
	prompt := strings.Repeat("Q: 17+25=42. Q: 61+39=100. Q: 90+33=123. ", 10)
	return fmt.Sprintf(`{"model":"arena-base","stream":true,"n":8,"max_tokens":512,"temperature":2,"messages":[{"role":"user","content":%q}]}`, prompt)
}()

// v1floodTally counts the flood's answers by status.
type v1floodTally struct {
	mu     sync.Mutex
	status map[int]int
	errs   int
}

func (c *v1floodTally) add(status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.status == nil {
		c.status = map[int]int{}
	}
	c.status[status]++
}

func (c *v1floodTally) get(status int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.status[status]
}

func (c *v1floodTally) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%v, %d transport errors", c.status, c.errs)
}

// v1floodAsk sends one flood request with the bearer key ("" for none),
// reads its answer to the end, and returns its status; 0 for a transport
// error.
func v1floodAsk(ctx context.Context, hc *http.Client, url, key string) int {
	req, err := http.NewRequestWithContext(ctx, "POST", url+"/v1/chat/completions", strings.NewReader(v1floodBody))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, bufio.NewReader(resp.Body))
	return resp.StatusCode
}

// TestAttackV1Flood: while a free sum-duel match plays on the embedded
// model, 32 streams of the heaviest chat completions /v1 takes flood the
// same model. Anonymous ones must get 401. Signed-in strangers (free
// sign-ins, 16 of them) get most of theirs refused with 429, and the few
// let through wait behind the match: the match must finish with every
// reply in time (no reply error at all). The test logs the replies'
// latency (from the round's task to the reply, waiting for the model
// included) for the note.
func TestAttackV1Flood(t *testing.T) {
	s := start(t)
	ctx := t.Context()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: v1floodStreams}, Timeout: 2 * time.Minute}
	defer hc.CloseIdleConnections()

	// Anonymous: 32 at once, every one refused.
	var anon v1floodTally
	var wg sync.WaitGroup
	for range v1floodStreams {
		wg.Go(func() { anon.add(v1floodAsk(ctx, hc, s.URL, "")) })
	}
	wg.Wait()
	if n := anon.get(http.StatusUnauthorized); n != v1floodStreams {
		t.Errorf("anonymous /v1 flood: %d of %d refused with 401 (%s)", n, v1floodStreams, &anon)
	}

	// Signed in: 32 streams from 16 strangers, two each (as many as one
	// caller may have in flight), each sent again as soon as it ends, or
	// 200ms after a refusal, until the match ends. The server lets a few
	// in at a time, which keep the model busy: the match's replies must
	// go before them.
	var keys []string
	for range v1floodStreams / 2 {
		c, _ := s.stranger(t)
		keys = append(keys, c.Token)
	}
	floodCtx, stopFlood := context.WithCancel(ctx)
	var signed v1floodTally
	var flooding atomic.Bool
	var floodWG sync.WaitGroup
	defer func() { stopFlood(); floodWG.Wait() }()
	for i := range v1floodStreams {
		floodWG.Go(func() {
			for floodCtx.Err() == nil {
				st := v1floodAsk(floodCtx, hc, s.URL, keys[i%len(keys)])
				if floodCtx.Err() != nil {
					return
				}
				signed.add(st)
				if st == http.StatusOK {
					flooding.Store(true)
					continue
				}
				select {
				case <-floodCtx.Done():
				case <-time.After(200 * time.Millisecond):
				}
			}
		})
	}
	for deadline := time.Now().Add(30 * time.Second); !flooding.Load(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no flood stream was answered in 30s (%s)", &signed)
		}
	}

	// The match, played while the flood goes on.
	c, _ := s.stranger(t)
	ag, err := c.CreateAgent(ctx, api.AgentConfig{Name: "victim", Model: "arena-base"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Enter(ctx, "sum-duel", ag.ID, 0); err != nil {
		t.Fatal(err)
	}
	match := v1floodWatch(t, c, ag.ID, 3*time.Minute)
	stopFlood()
	floodWG.Wait()
	t.Logf("signed-in flood answers by status: %s", &signed)
	for _, reason := range []string{"v1_unauthorized", "v1_rate_limited", "v1_concurrency", "v1_busy"} {
		t.Logf("arena_refusals_total{reason=%q} %v", reason, s.metric(t, `arena_refusals_total{reason="`+reason+`"}`))
	}
	if match.Status != "finished" {
		t.Fatalf("match %s ended %s: %s", match.ID, match.Status, match.Error)
	}
	if ok, refused := signed.get(http.StatusOK), signed.get(http.StatusTooManyRequests); ok == 0 || refused <= ok {
		t.Errorf("signed-in flood: %d answered, %d refused with 429; want some answered and most refused", ok, refused)
	}
}

// v1floodWatch follows the agent's first match to its end, failing the
// test at the first reply that missed its time limit. It logs the
// replies' latency: from each round's task to each player's reply.
func v1floodWatch(t *testing.T, c *client.Client, agent string, within time.Duration) api.Match {
	t.Helper()
	ctx := t.Context()
	deadline := time.Now().Add(within)
	var m api.Match
	for m.ID == "" {
		if time.Now().After(deadline) {
			t.Fatalf("agent %s got no match in %v", agent, within)
		}
		ms, err := c.AgentMatches(ctx, agent, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 {
			m = ms[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	var after uint64
	task := map[int]time.Time{}
	replied := map[string]bool{} // round/player
	var latencies []time.Duration
	report := func() {
		if len(latencies) == 0 {
			return
		}
		slices.Sort(latencies)
		t.Logf("match %s: %d replies, latency from the round's task: median %v, max %v", m.ID, len(latencies),
			latencies[len(latencies)/2].Round(time.Millisecond), latencies[len(latencies)-1].Round(time.Millisecond))
	}
	for {
		evs, err := c.Events(ctx, m.ID, after)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			after = ev.Seq
			switch ev.Type {
			case api.RoundTask:
				task[ev.Round] = ev.Time
			case api.ReplyDone:
				if k := fmt.Sprint(ev.Round, "/", ev.Player); !replied[k] {
					replied[k] = true
					latencies = append(latencies, ev.Time.Sub(task[ev.Round]))
				}
				if ev.Error != "" { // "no reply within 20s" before, "timeout" after
					report()
					t.Fatalf("round %d: player %s: %s (the /v1 flood held the model past the reply limit)", ev.Round, ev.Player, ev.Error)
				}
			case api.MatchResult, api.MatchAborted:
				report()
				return waitMatch(t, c, agent, time.Until(deadline))
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("match %s did not end in %v", m.ID, within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
