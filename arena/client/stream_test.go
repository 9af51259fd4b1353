package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/arena/api"
)

// fakeStream is a stand-in server whose every connection follows a script
// step, so the tests can misbehave in ways a real server rarely does.
type fakeStream struct {
	t     *testing.T
	log   []api.Event // the match's events, seq 1..n
	steps []func(ws *websocket.Conn, after uint64)

	mu      sync.Mutex
	afters  []uint64 // the after each connection asked for
	queries []string
}

func newFakeStream(t *testing.T, n int, steps ...func(ws *websocket.Conn, after uint64)) (*fakeStream, *Client) {
	f := &fakeStream{t: t, steps: steps}
	for i := range n {
		typ := api.ReplyDelta
		switch i {
		case 0:
			typ = api.MatchStarted
		case n - 1:
			typ = api.MatchResult
		}
		f.log = append(f.log, api.Event{Type: typ, Match: "m", Seq: uint64(i + 1), Text: "e" + strconv.Itoa(i+1)})
	}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, New(srv.URL)
}

func (f *fakeStream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/api/stream" {
		http.NotFound(w, r)
		return
	}
	after, _ := strconv.ParseUint(r.URL.Query().Get("after"), 10, 64)
	f.mu.Lock()
	i := len(f.afters)
	f.afters = append(f.afters, after)
	f.queries = append(f.queries, r.URL.RawQuery)
	f.mu.Unlock()
	if i >= len(f.steps) {
		f.t.Errorf("connection %d beyond the script", i+1)
		http.Error(w, "no more", http.StatusGone)
		return
	}
	ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	f.steps[i](ws, after)
}

// send writes the log's events from seq `from` to `to` (inclusive).
func (f *fakeStream) send(ws *websocket.Conn, from, to uint64) {
	for seq := from; seq <= to && seq <= uint64(len(f.log)); seq++ {
		data, _ := json.Marshal(f.log[seq-1])
		if err := ws.WriteMessage(websocket.TextMessage, data); err != nil {
			return
		}
	}
}

func closeWith(ws *websocket.Conn, code int) {
	ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "test"), time.Now().Add(time.Second))
}

func collect(got *[]api.Event) func(api.Event) error {
	return func(ev api.Event) error {
		*got = append(*got, ev)
		return nil
	}
}

func checkSeqs(t *testing.T, got []api.Event, from, to uint64) {
	t.Helper()
	if len(got) != int(to-from+1) {
		t.Fatalf("got %d events, want seqs %d..%d: %v", len(got), from, to, got)
	}
	for i, ev := range got {
		if ev.Seq != from+uint64(i) {
			t.Fatalf("event %d has seq %d, want %d", i, ev.Seq, from+uint64(i))
		}
	}
}

func TestWatchReconnectsFromLastSeq(t *testing.T) {
	var f *fakeStream
	f, c := newFakeStream(t, 20,
		// A network failure mid-stream (1006 at the client).
		func(ws *websocket.Conn, after uint64) {
			f.send(ws, after+1, 4)
			ws.NetConn().Close()
		},
		// A replay overlapping what was seen, then "too slow".
		func(ws *websocket.Conn, after uint64) {
			f.send(ws, 1, 9)
			closeWith(ws, 4008)
		},
		// The server going away.
		func(ws *websocket.Conn, after uint64) {
			f.send(ws, after+1, 12)
			closeWith(ws, websocket.CloseGoingAway)
		},
		// An abrupt end without a close frame, with nothing sent.
		func(ws *websocket.Conn, after uint64) {},
		// The rest: the match ends and Watch returns.
		func(ws *websocket.Conn, after uint64) {
			f.send(ws, after+1, 20)
			ws.ReadMessage() // until the client says goodbye
		},
	)
	var got []api.Event
	if err := c.Watch(context.Background(), "m", 0, collect(&got)); err != nil {
		t.Fatal(err)
	}
	checkSeqs(t, got, 1, 20)
	want := []uint64{0, 4, 9, 12, 12}
	if len(f.afters) != len(want) {
		t.Fatalf("reconnected with after=%v, want %v", f.afters, want)
	}
	for i := range want {
		if f.afters[i] != want[i] {
			t.Fatalf("reconnected with after=%v, want %v", f.afters, want)
		}
	}
}

func TestWatchStartsAfter(t *testing.T) {
	var f *fakeStream
	f, c := newFakeStream(t, 10, func(ws *websocket.Conn, after uint64) {
		f.send(ws, after+1, 10)
		ws.ReadMessage()
	})
	var got []api.Event
	if err := c.Watch(context.Background(), "m", 6, collect(&got)); err != nil {
		t.Fatal(err)
	}
	checkSeqs(t, got, 7, 10)
	if q := f.queries[0]; q != "after=6&match=m" {
		t.Errorf("query %q", q)
	}
}

func TestWatchNormalCloseEnds(t *testing.T) {
	// A server closes normally when the match ended at or before after.
	_, c := newFakeStream(t, 5, func(ws *websocket.Conn, after uint64) {
		closeWith(ws, websocket.CloseNormalClosure)
	})
	if err := c.Watch(context.Background(), "m", 5, collect(new([]api.Event))); err != nil {
		t.Fatal(err)
	}
}

func TestWatchFnErrorEndsIt(t *testing.T) {
	var f *fakeStream
	f, c := newFakeStream(t, 10, func(ws *websocket.Conn, after uint64) {
		f.send(ws, after+1, 10)
		ws.ReadMessage()
	})
	stop := errors.New("stop")
	n := 0
	err := c.Watch(context.Background(), "m", 0, func(api.Event) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Watch returned %v, want fn's error itself", err)
	}
}

func TestWatchContextEndsIt(t *testing.T) {
	var f *fakeStream
	ctx, cancel := context.WithCancel(context.Background())
	f, c := newFakeStream(t, 10, func(ws *websocket.Conn, after uint64) {
		f.send(ws, 1, 2)
		ws.ReadMessage() // hold the connection open and silent
	})
	err := c.Watch(ctx, "m", 0, func(ev api.Event) error {
		if ev.Seq == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Watch returned %v, want context.Canceled", err)
	}
}

func TestWatchRefusedAndRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := calls.Add(1); r.URL.Query().Get("match") == "busy" && n < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(api.Error{Error: api.ErrorBody{Code: "not_found", Message: `no match "x"`}})
	}))
	defer srv.Close()
	c := New(srv.URL)
	err := c.Watch(context.Background(), "x", 0, collect(new([]api.Event)))
	if err == nil || !strings.Contains(err.Error(), `no match "x"`) || !strings.Contains(err.Error(), "404") || calls.Load() != 1 {
		t.Fatalf("a 404 gave %v after %d calls; want the server's message at once", err, calls.Load())
	}
	calls.Store(0)
	err = c.Watch(context.Background(), "busy", 0, collect(new([]api.Event)))
	if err == nil || calls.Load() != 3 {
		t.Fatalf("503s then a 404: %v after %d calls, want 3 calls", err, calls.Load())
	}
}

func TestWatchRejectsBadMessages(t *testing.T) {
	for _, msg := range []string{"not json", `[1,2]`, `{"type":"x"}`, `{"match":"m","seq":1}`, `{"type":"x","match":"m","seq":"one"}`} {
		_, c := newFakeStream(t, 1, func(ws *websocket.Conn, after uint64) {
			ws.WriteMessage(websocket.TextMessage, []byte(msg))
			ws.ReadMessage()
		})
		err := c.Watch(context.Background(), "m", 0, collect(new([]api.Event)))
		if err == nil || !strings.Contains(err.Error(), "stream of match m") {
			t.Errorf("%s: Watch returned %v", msg, err)
		}
	}
}

func TestWatchSpaceReconnects(t *testing.T) {
	var f *fakeStream
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, c := newFakeStream(t, 6,
		func(ws *websocket.Conn, _ uint64) {
			f.send(ws, 1, 3)
			closeWith(ws, 4008)
		},
		func(ws *websocket.Conn, _ uint64) {
			f.send(ws, 4, 6)
			ws.ReadMessage()
		},
	)
	var got []api.Event
	err := c.WatchSpace(ctx, "sum-duel", func(ev api.Event) error {
		got = append(got, ev)
		if len(got) == 6 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	checkSeqs(t, got, 1, 6)
	if f.queries[0] != "space=sum-duel" || f.queries[1] != "space=sum-duel" {
		t.Errorf("queries %q", f.queries)
	}
}

func TestStreamURL(t *testing.T) {
	for base, want := range map[string]string{
		"http://h:1":        "ws://h:1/api/stream?match=m",
		"https://h/":        "wss://h/api/stream?match=m",
		"http://h/arena":    "ws://h/arena/api/stream?match=m",
		"ws://h":            "ws://h/api/stream?match=m",
		"ftp://h":           "",
		"http://[::1]:bad:": "",
	} {
		got, err := streamURL(base, map[string][]string{"match": {"m"}})
		if (err != nil) != (want == "") || got != want {
			t.Errorf("streamURL(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
}

func TestDecodeEvent(t *testing.T) {
	ev, err := DecodeEvent([]byte(` {"type":"round.task","match":"m1","seq":3,"round":1,"text":"2+2","extra":true}`))
	if err != nil || ev.Type != api.RoundTask || ev.Match != "m1" || ev.Seq != 3 || ev.Round != 1 || ev.Text != "2+2" {
		t.Fatalf("got %+v, %v", ev, err)
	}
	for msg, want := range map[string]string{
		"":                                  "empty",
		"   ":                               "empty",
		"hello":                             "not a JSON object",
		`"str"`:                             "not a JSON object",
		"null":                              "not a JSON object",
		`[{"type":"x"}]`:                    "not a JSON object",
		`{"type":"x","match":"m","seq":1`:   "bad stream message",
		`{"type":"x","match":"m","seq":1}x`: "bad stream message",
		`{"type":1}`:                        "bad stream message",
		`{"match":"m","seq":1}`:             "no type",
		`{"type":"x","seq":1}`:              "no match",
		`{"type":"x","match":"m"}`:          "no seq",
		`{"type":"x","match":"m","seq":-1}`: "bad stream message",
	} {
		_, err := DecodeEvent([]byte(msg))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeEvent(%q) = %v, want an error saying %q", msg, err, want)
		}
	}
}

// FuzzDecodeEvent checks that no message makes the decoder panic, and
// that what it accepts survives encoding and decoding again unchanged.
func FuzzDecodeEvent(f *testing.F) {
	f.Add([]byte(`{"type":"match.started","match":"m","seq":1,"time":"2025-01-02T03:04:05Z","players":["a","b"],"seed":7}`))
	f.Add([]byte(`{"type":"round.scores","match":"m","seq":9,"scores":[1,0.5],"judges":[{"judge":"numeric","score":1}]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := DecodeEvent(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		once, err := json.Marshal(ev)
		if err != nil {
			return // a time outside what JSON can carry, say; decoding did not fail
		}
		again, err := DecodeEvent(once)
		if err != nil {
			t.Fatalf("re-encoded event %s rejected: %v", once, err)
		}
		twice, err := json.Marshal(again)
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("round trip changed the event:\n%s\n%s (%v)", once, twice, err)
		}
	})
}
