package attack

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/spaces"
)

// TestAttackHugeReplies: a stranger's agent answers every request with a
// 4 MiB stream, whatever max_tokens says, to grow the database (and the
// judges' context) with one free match. The match must still finish, its
// record and events and the data directory's growth must stay within the
// bound the arena states (arena.MaxMatchBytes), and every reply must be
// cut at the Space's max_tokens.
//
// ARENA_ATTACK_REPLY_BYTES sets another reply size, to measure: an older
// build that stores whole replies aborts the match at 4 MiB (its round
// outgrows a Badger transaction), so it shows its growth with smaller ones.
func TestAttackHugeReplies(t *testing.T) {
	replyBytes := 4 << 20
	if v := os.Getenv("ARENA_ATTACK_REPLY_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ARENA_ATTACK_REPLY_BYTES=%q: want a positive number of bytes", v)
		}
		replyBytes = n
	}
	// Text that JSON escapes heavily: "<", ">" and "&" take six bytes.
	piece := strings.Repeat("Bread <fresh> & warm. ", 745)[:16<<10]
	hostile := outboundServe(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		for range max(replyBytes/len(piece), 1) {
			if _, err := fmt.Fprintf(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", piece); err != nil {
				return // the arena stopped reading
			}
		}
		io.WriteString(w, "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	})

	s := startEnv(t, []string{"ARENA_ALLOW_ENDPOINT=127.0.0.2"})
	// The data directory at rest, before the match: Badger preallocates
	// files while open, so sizes are compared with the server stopped.
	s.stop()
	before := dirSize(t, s.Data)
	s.restart(t)

	c, _ := s.stranger(t)
	ag, err := c.CreateAgent(t.Context(), api.AgentConfig{Name: "firehose", Model: "any-model", Endpoint: hostile + "/v1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Enter(t.Context(), "slogan", ag.ID, 0); err != nil {
		t.Fatal(err)
	}
	m := waitMatch(t, c, ag.ID, 2*time.Minute)
	record := s.get(t, "/api/matches/"+m.ID)
	events := s.get(t, "/api/matches/"+m.ID+"/events")
	cuts := s.metric(t, `arena_refusals_total{reason="reply_cut"}`)
	s.stop()
	grown := dirSize(t, s.Data) - before

	spec, err := spaces.Lookup("slogan")
	if err != nil {
		t.Fatal(err)
	}
	bound := arena.MaxMatchBytes(spec, len(m.Players))
	t.Logf("one match (%d players) against an endpoint sending %d bytes a reply: match %s, record %d bytes, events %d bytes, data directory grew %d bytes (%d to %d); stated bound %d bytes",
		len(m.Players), replyBytes, m.Status, len(record), len(events), grown, before, before+grown, bound)
	if cuts <= 0 {
		t.Errorf("arena_refusals_total{reason=\"reply_cut\"} = %v, want the cuts counted", cuts)
	}
	if m.Status != "finished" {
		t.Errorf("match %s ended %s (%s): one player's replies must not stop everyone's match", m.ID, m.Status, m.Error)
	}
	if n := int64(len(record) + len(events)); n > bound {
		t.Errorf("the match's record and events take %d bytes, over the stated bound of %d", n, bound)
	}
	// Badger adds its own tables, manifest and index to what the match
	// stores; a megabyte covers them for one match.
	if slack := int64(1 << 20); grown > bound+slack {
		t.Errorf("the data directory grew %d bytes, over the stated bound of %d (+%d for Badger's own files)", grown, bound, slack)
	}

	// Every reply was cut at max_tokens: none is longer than its byte cap.
	s.restart(t)
	detail, err := s.client(t, nil).Match(t.Context(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	capBytes := agents.ReplyByteCap(spec.MaxTokens())
	for _, r := range detail.Rounds {
		for i, rs := range r.Replies {
			for _, rep := range rs {
				if len(rep.Text) > capBytes {
					t.Errorf("round %d, player %d: a reply of %d bytes was kept", r.Index, i, len(rep.Text))
				}
			}
		}
	}
}
