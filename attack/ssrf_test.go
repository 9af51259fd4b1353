package attack

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// TestAttackSSRF: a stranger points agents at an internal service on the
// server's loopback (one path answers 403 with a secret token in the body,
// another 200 with one as the reply) and enters them in a free match,
// hoping the server will POST there and publish what comes back. The
// operator allowed 127.0.0.2 only, where a legitimate endpoint listens:
// it must still play, while the internal service must get no request at
// all, no secret may appear in the match or its events, and the refusals
// must be counted.
func TestAttackSSRF(t *testing.T) {
	const secret = "internal-admin-token-7d2e91"
	var hits atomic.Int32
	internal := outboundServe(t, "127.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		if strings.HasPrefix(r.URL.Path, "/forbidden/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"error":{"message":"forbidden: admin token `+secret+` required"}}`)
			return
		}
		outboundReply(w, "the admin token is "+secret)
	})
	legit := outboundServe(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		outboundReply(w, "Fresh bread, every morning.")
	})

	s := startEnv(t, []string{"ARENA_ALLOW_ENDPOINT=127.0.0.2"})
	endpoints := map[string]string{
		"probe-403":   internal + "/forbidden/v1",
		"probe-200":   internal + "/open/v1",
		"legit-agent": legit + "/v1",
	}
	type entered struct {
		c  *client.Client
		id string
	}
	agents := map[string]entered{}
	for name, endpoint := range endpoints {
		// A wallet each: an owner may have only so many entries in flight.
		c, _ := s.stranger(t)
		ag, err := c.CreateAgent(t.Context(), api.AgentConfig{Name: name, Model: "any-model", Endpoint: endpoint})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		agents[name] = entered{c, ag.ID}
		if _, err := c.Enter(t.Context(), "slogan", ag.ID, 0); err != nil {
			t.Fatalf("enter %s: %v", name, err)
		}
	}

	legitWorked := false
	for name, ag := range agents {
		m := waitMatch(t, ag.c, ag.id, 90*time.Second)
		record := s.get(t, "/api/matches/"+m.ID)
		events := s.get(t, "/api/matches/"+m.ID+"/events")
		if strings.Contains(record, secret) || strings.Contains(events, secret) {
			t.Errorf("%s: match %s publishes the internal service's secret", name, m.ID)
		}
		if name == "legit-agent" {
			legitWorked = strings.Contains(record, "Fresh bread, every morning.")
		} else if !strings.Contains(record, `"blocked"`) {
			t.Errorf("%s: match %s does not record the refusal as the reply's error", name, m.ID)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the internal service on 127.0.0.1 got %d requests from the arena", n)
	}
	if !legitWorked {
		t.Error("the endpoint on 127.0.0.2, which the operator allowed, did not play")
	}
	if n := s.metric(t, `arena_refusals_total{reason="endpoint_blocked"}`); n <= 0 {
		t.Errorf("arena_refusals_total{reason=\"endpoint_blocked\"} = %v, want the refusals counted", n)
	}
}

// outboundServe runs an HTTP server on ip (a loopback address: Linux
// routes all of 127/8 to lo) for the test and returns its base URL.
func outboundServe(t *testing.T, ip string, h http.HandlerFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// outboundReply answers a chat completion with text, as one JSON body
// (which the arena takes even when it asked for a stream).
func outboundReply(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "c1", "object": "chat.completion", "model": "any-model",
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]string{"role": "assistant", "content": text}}},
	})
}
