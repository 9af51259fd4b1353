package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

// streamURL is the websocket address of /api/stream with query q.
func (ts *testServer) streamURL(q string) string {
	return "ws" + strings.TrimPrefix(ts.URL, "http") + "/api/stream?" + q
}

// dial opens a stream or fails the test.
func (ts *testServer) dial(t testing.TB, q string) *websocket.Conn {
	t.Helper()
	ws, resp, err := websocket.DefaultDialer.Dial(ts.streamURL(q), nil)
	if err != nil {
		t.Fatalf("dial %s: %v (response %v)", q, err, resp)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// planMatch queues agents in a Space's free tier and makes their match,
// without playing it yet.
func (ts *testServer) planMatch(t testing.TB, space string, ids ...string) *arena.Plan {
	t.Helper()
	for _, id := range ids {
		if _, err := ts.Arena.Enter(space, 0, id); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := ts.Arena.NextMatch(space, 0, arena.Matchmaking{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// play plays a planned match in the background; wait returns its error.
func (ts *testServer) play(plan *arena.Plan) (wait func() error) {
	done := make(chan error, 1)
	go func() {
		_, err := ts.Arena.Play(context.Background(), plan)
		done <- err
	}()
	return func() error { return <-done }
}

// agentIDs adds n agents, each of its own player (matchmaking never puts
// one owner's agents in a match).
func (ts *testServer) agentIDs(t testing.TB, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		_, owner := newKey(t)
		ids = append(ids, ts.addAgent(t, owner, "p"+strconv.Itoa(i)+"-"+owner[2:8], i).ID)
	}
	return ids
}

// readEvents reads events until the connection ends, returning them and
// the error that ended it.
func readEvents(t testing.TB, ws *websocket.Conn) ([]api.Event, error) {
	t.Helper()
	var out []api.Event
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return out, err
		}
		ev, err := client.DecodeEvent(data)
		if err != nil {
			t.Fatalf("bad message %s: %v", data, err)
		}
		out = append(out, ev)
	}
}

// readUntilEnd reads until n events of type match.result or
// match.aborted have come.
func readUntilEnd(t testing.TB, ws *websocket.Conn, ends int) []api.Event {
	t.Helper()
	var out []api.Event
	for ends > 0 {
		_, data, err := ws.ReadMessage()
		if err != nil {
			t.Fatalf("after %d events: %v", len(out), err)
		}
		ev, err := client.DecodeEvent(data)
		if err != nil {
			t.Fatalf("bad message %s: %v", data, err)
		}
		out = append(out, ev)
		if isEnd(ev) {
			ends--
		}
	}
	return out
}

// sameEvents checks that got is want, event for event.
func sameEvents(t testing.TB, got, want []api.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d events, want %d\n got: %s\nwant: %s", len(got), len(want), seqs(got), seqs(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Seq != w.Seq || g.Type != w.Type || g.Match != w.Match || g.Space != w.Space || g.Round != w.Round ||
			g.Player != w.Player || g.Sample != w.Sample || g.Text != w.Text || !g.Time.Equal(w.Time) {
			t.Fatalf("event %d: got %+v, want %+v", i, g, w)
		}
	}
}

func seqs(evs []api.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		b.WriteString(ev.Match + "/" + strconv.FormatUint(ev.Seq, 10) + " ")
	}
	return b.String()
}

// storedEvents is a match's whole event log.
func (ts *testServer) storedEvents(t testing.TB, match string) []api.Event {
	t.Helper()
	evs, err := ts.Arena.Events(match, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) == 0 || !isEnd(evs[len(evs)-1]) {
		t.Fatalf("match %s has %d events and no end", match, len(evs))
	}
	return evs
}

// closeCode is the close code in a read error, or -1.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return -1
}

// waitFor polls cond (cleanup happens on other goroutines) for up to 10s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("still waiting for %s", what)
}

// topicsLeft counts the streams' open topics.
func (ts *testServer) topicsLeft() int {
	st := ts.Server.streams
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.topics)
}

func TestStreamSpectatorSeesEveryEvent(t *testing.T) {
	ts := startServer(t, Options{}, scripted{delay: 2 * time.Millisecond})
	plan := ts.planMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	a := ts.dial(t, "match="+plan.ID)
	b := ts.dial(t, "match="+plan.ID+"&after=0")
	wait := ts.play(plan)
	gotA, errA := readEvents(t, a)
	gotB, errB := readEvents(t, b)
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{errA, errB} {
		if closeCode(err) != websocket.CloseNormalClosure {
			t.Errorf("stream ended with %v, want a normal close", err)
		}
	}
	want := ts.storedEvents(t, plan.ID)
	sameEvents(t, gotA, want)
	sameEvents(t, gotB, want)
	waitFor(t, "the match's topic to close", func() bool { return ts.topicsLeft() == 0 && ts.Arena.Bus().Subscribers() == 0 })
}

func TestStreamReplaysFinishedMatch(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	res := ts.playMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	id := res.Match.ID
	want := ts.storedEvents(t, id)
	for _, after := range []uint64{0, 7, want[len(want)-1].Seq, 1 << 40} {
		got, err := readEvents(t, ts.dial(t, "match="+id+"&after="+strconv.FormatUint(after, 10)))
		if closeCode(err) != websocket.CloseNormalClosure {
			t.Errorf("after=%d: ended with %v, want a normal close", after, err)
		}
		var tail []api.Event
		for _, ev := range want {
			if ev.Seq > after {
				tail = append(tail, ev)
			}
		}
		sameEvents(t, got, tail)
	}
	if n := ts.topicsLeft(); n != 0 {
		t.Errorf("%d topics open for a finished match", n)
	}
}

func TestStreamSpectatorsShareOneSubscription(t *testing.T) {
	ts := startServer(t, Options{}, scripted{delay: time.Millisecond})
	plan := ts.planMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	var conns []*websocket.Conn
	for range 5 {
		conns = append(conns, ts.dial(t, "match="+plan.ID))
	}
	ts.waitMembers(t, "match:"+plan.ID, len(conns))
	if n := ts.Arena.Bus().Subscribers(); n != 1 {
		t.Fatalf("%d bus subscriptions for one watched match, want 1", n)
	}
	wait := ts.play(plan)
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	want := ts.storedEvents(t, plan.ID)
	for _, ws := range conns {
		got, _ := readEvents(t, ws)
		sameEvents(t, got, want)
	}
}

// waitMembers waits until the topic key has n members: a websocket
// handshake completes before its handler joins the topic.
func (ts *testServer) waitMembers(t testing.TB, key string, n int) {
	t.Helper()
	waitFor(t, strconv.Itoa(n)+" members of "+key, func() bool {
		st := ts.Server.streams
		st.mu.Lock()
		defer st.mu.Unlock()
		tp := st.topics[key]
		if tp == nil {
			return false
		}
		tp.mu.Lock()
		defer tp.mu.Unlock()
		return len(tp.members) == n
	})
}

// serverConns are the server's open websockets.
func (ts *testServer) serverConns() []*conn {
	s := ts.Server
	s.connsMu.Lock()
	defer s.connsMu.Unlock()
	var out []*conn
	for c := range s.conns {
		out = append(out, c)
	}
	return out
}

// gated is scripted, but each reply waits for a token on gate, so a test
// can keep a match from running ahead of it.
type gated struct {
	scripted
	gate chan struct{}
}

func (g gated) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.scripted.Reply(ctx, req, onDelta)
}

func TestStreamReconnectMissesNothing(t *testing.T) {
	// The test hands the match its replies a round at a time (two
	// tokens), so the match waits while the test drops its spectator.
	gate := make(chan struct{}, 64)
	ts := startServer(t, Options{}, gated{gate: gate})
	plan := ts.planMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	key := "match:" + plan.ID

	var mu sync.Mutex
	var got []api.Event
	seen := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(got)
	}
	watched := make(chan error, 1)
	go func() {
		watched <- client.New(ts.URL).Watch(context.Background(), plan.ID, 0, func(ev api.Event) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, ev)
			return nil
		})
	}()
	ts.waitMembers(t, key, 1)
	wait := ts.play(plan)
	var dropped []*conn
	for i, drop := range []struct {
		name string
		kill func(c *conn)
	}{
		// The connection cut under the server: the client sees 1006.
		{"cut", func(c *conn) { c.ws.NetConn().Close() }},
		// Dropped as a client too slow.
		{"4008", func(c *conn) { c.close(CloseTooSlow, "test") }},
		// Closed by a server going away.
		{"1001", func(c *conn) { c.goAway() }},
	} {
		gate <- struct{}{}
		gate <- struct{}{}
		waitFor(t, "events of round "+strconv.Itoa(i), func() bool { return seen() > 15*i+4 })
		// The spectator is connected and live: drop it.
		var c *conn
		waitFor(t, "a new connection", func() bool {
			cs := ts.memberConns(key)
			if len(cs) == 1 && !slices.Contains(dropped, cs[0]) {
				c = cs[0]
			}
			return c != nil
		})
		drop.kill(c)
		dropped = append(dropped, c)
	}
	for range 64 - 6 {
		gate <- struct{}{}
	}
	if err := <-watched; err != nil {
		t.Fatal(err)
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	sameEvents(t, got, ts.storedEvents(t, plan.ID))
	// A request is counted when its handler returns, after the stream.
	waitFor(t, "4 streams (three reconnections) counted", func() bool {
		return counterValue(t, ts, `arena_http_requests_total{code="101",route="GET /api/stream"}`) == 4
	})
}

// memberConns are the connections of a topic.
func (ts *testServer) memberConns(key string) []*conn {
	st := ts.Server.streams
	st.mu.Lock()
	defer st.mu.Unlock()
	tp := st.topics[key]
	if tp == nil {
		return nil
	}
	tp.mu.Lock()
	defer tp.mu.Unlock()
	var out []*conn
	for m := range tp.members {
		if m.live {
			out = append(out, m.c)
		}
	}
	return out
}

func TestStreamWatchFromTheMiddle(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	res := ts.playMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	want := ts.storedEvents(t, res.Match.ID)
	var got []api.Event
	err := client.New(ts.URL).Watch(context.Background(), res.Match.ID, 10, func(ev api.Event) error {
		got = append(got, ev)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sameEvents(t, got, want[10:])

	// fn's error ends Watch as it is.
	stop := errors.New("enough")
	err = client.New(ts.URL).Watch(context.Background(), res.Match.ID, 0, func(api.Event) error { return stop })
	if err != stop {
		t.Fatalf("Watch returned %v, want fn's error", err)
	}
	// An unknown match is refused with the server's message, at once.
	err = client.New(ts.URL).Watch(context.Background(), "no-such-match", 0, func(api.Event) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "404") || !strings.Contains(err.Error(), "no-such-match") {
		t.Fatalf("Watch of an unknown match: %v", err)
	}
}

// dialSlow opens a stream whose socket receives into a tiny buffer, so
// that a client that stops reading backs up into the server quickly.
func (ts *testServer) dialSlow(t testing.TB, q string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{NetDialContext: (&net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		var serr error
		err := rc.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 1024)
		})
		return errors.Join(err, serr)
	}}).DialContext}
	ws, _, err := d.Dial(ts.streamURL(q), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	// The server's side of it gets a tiny send buffer too.
	for _, c := range ts.serverConns() {
		if c.ws.RemoteAddr().String() == ws.LocalAddr().String() {
			if err := c.net.Conn.(*net.TCPConn).SetWriteBuffer(1024); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ws
}

func TestStreamSlowConsumerIsDropped(t *testing.T) {
	// A small send buffer, and a short ping interval so the dropped
	// client's blocked write gives up soon.
	ts := startServer(t, Options{SendBuffer: 32, PingInterval: 300 * time.Millisecond}, scripted{delay: time.Millisecond})
	// Four players of two owners: an owner may have two entries in flight
	// in a Space (arena.DefaultOwnerCap).
	plan := ts.planMatch(t, "sum-duel", append(ts.agentIDs(t, 2), ts.agentIDs(t, 2)...)...)
	slow := ts.dialSlow(t, "match="+plan.ID)

	var got []api.Event
	watched := make(chan error, 1)
	go func() {
		watched <- client.New(ts.URL).Watch(context.Background(), plan.ID, 0, func(ev api.Event) error {
			got = append(got, ev)
			return nil
		})
	}()
	ts.waitMembers(t, "match:"+plan.ID, 2)
	// The match finishes although the slow client never reads.
	if err := ts.play(plan)(); err != nil {
		t.Fatal(err)
	}
	if err := <-watched; err != nil {
		t.Fatal(err)
	}
	want := ts.storedEvents(t, plan.ID)
	sameEvents(t, got, want)

	if dropped := counterValue(t, ts, "arena_websocket_dropped_total"); dropped < 1 {
		t.Errorf("arena_websocket_dropped_total = %v, want the slow client counted", dropped)
	}
	// The slow client gets what the buffers held, then its connection
	// ends (4008, or 1006 when even the close frame could not be sent).
	evs, err := readEvents(t, slow)
	if code := closeCode(err); code != CloseTooSlow && code != websocket.CloseAbnormalClosure {
		t.Errorf("slow client's stream ended with %v, want 4008 or 1006", err)
	}
	if len(evs) >= len(want) {
		t.Errorf("slow client got all %d events; the test did not make it slow", len(evs))
	}
	for i, ev := range evs {
		if ev.Seq != uint64(i+1) {
			t.Fatalf("slow client's event %d has seq %d", i, ev.Seq)
		}
	}
}

// counterValue reads a metric from /metrics.
func counterValue(t testing.TB, ts *testServer, name string) float64 {
	t.Helper()
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		body.Write(buf[:n])
		if err != nil {
			break
		}
	}
	for line := range strings.SplitSeq(body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatalf("no %s in /metrics", name)
	return 0
}

func TestStreamOrigin(t *testing.T) {
	ts := startServer(t, Options{Origins: []string{"https://watch.example"}}, nil)
	res := ts.playMatch(t, "sum-duel", ts.agentIDs(t, 2)...)
	q := "match=" + res.Match.ID
	_, resp, err := websocket.DefaultDialer.Dial(ts.streamURL(q), http.Header{"Origin": {"https://evil.example"}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a foreign origin: err %v, response %v; want 403", err, resp)
	}
	ws, _, err := websocket.DefaultDialer.Dial(ts.streamURL(q), http.Header{"Origin": {"https://watch.example"}})
	if err != nil {
		t.Fatalf("an allowed origin: %v", err)
	}
	defer ws.Close()
	if evs, err := readEvents(t, ws); closeCode(err) != websocket.CloseNormalClosure || len(evs) == 0 {
		t.Fatalf("an allowed origin got %d events, then %v", len(evs), err)
	}
}

func TestStreamBadQuery(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ids := ts.agentIDs(t, 2)
	res := ts.playMatch(t, "sum-duel", ids...)
	for _, c := range []struct {
		q    string
		code int
	}{
		{"", http.StatusBadRequest},
		{"match=" + res.Match.ID + "&space=sum-duel", http.StatusBadRequest},
		{"match=", http.StatusBadRequest},
		{"match=" + res.Match.ID + "&after=-1", http.StatusBadRequest},
		{"match=" + res.Match.ID + "&after=x", http.StatusBadRequest},
		{"space=sum-duel&after=3", http.StatusBadRequest},
		{"match=nope", http.StatusNotFound},
		{"space=nope", http.StatusNotFound},
		{"agent=nope", http.StatusNotFound},
	} {
		_, resp, err := websocket.DefaultDialer.Dial(ts.streamURL(c.q), nil)
		if err == nil || resp == nil || resp.StatusCode != c.code {
			t.Errorf("?%s: err %v, response %v; want %d", c.q, err, resp, c.code)
			continue
		}
		var body api.Error
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Error.Message == "" {
			t.Errorf("?%s: body is not an api.Error: %v %+v", c.q, err, body)
		}
	}
}

func TestStreamShutdownSendsGoingAway(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ids := ts.agentIDs(t, 2)
	plan := ts.planMatch(t, "sum-duel", ids...)
	conns := []*websocket.Conn{ts.dial(t, "space=sum-duel"), ts.dial(t, "agent="+ids[0]), ts.dial(t, "match="+plan.ID)}
	waitFor(t, "three topics", func() bool { return ts.topicsLeft() == 3 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Server.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for _, ws := range conns {
		if _, err := readEvents(t, ws); closeCode(err) != websocket.CloseGoingAway {
			t.Errorf("stream ended with %v, want 1001", err)
		}
	}
	waitFor(t, "topics to close", func() bool { return ts.topicsLeft() == 0 && ts.Arena.Bus().Subscribers() == 0 })
	// Later streams are refused.
	if _, resp, err := websocket.DefaultDialer.Dial(ts.streamURL("space=sum-duel"), nil); err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a stream after shutdown: err %v, response %v", err, resp)
	}
}

func TestStreamSpaceAndAgent(t *testing.T) {
	ts := startServer(t, Options{}, scripted{delay: time.Millisecond})
	ids := ts.agentIDs(t, 4)
	space := ts.dial(t, "space=sum-duel")
	agent := ts.dial(t, "agent="+ids[0])
	waitFor(t, "two topics", func() bool { return ts.topicsLeft() == 2 })

	m1 := ts.playMatch(t, "sum-duel", ids[0], ids[1]).Match.ID
	m2 := ts.playMatch(t, "sum-duel", ids[2], ids[3]).Match.ID // without the agent
	m3 := ts.playMatch(t, "sum-duel", ids[0], ids[2]).Match.ID
	want1, want2, want3 := ts.storedEvents(t, m1), ts.storedEvents(t, m2), ts.storedEvents(t, m3)

	sameEvents(t, readUntilEnd(t, space, 3), append(append(append([]api.Event{}, want1...), want2...), want3...))
	sameEvents(t, readUntilEnd(t, agent, 2), append(append([]api.Event{}, want1...), want3...))

	var wg sync.WaitGroup
	wg.Go(func() { space.Close() })
	wg.Go(func() { agent.Close() })
	wg.Wait()
	waitFor(t, "topics to close", func() bool { return ts.topicsLeft() == 0 && ts.Arena.Bus().Subscribers() == 0 })
}

// BenchmarkFanout measures a topic handing one event to 1000 spectators:
// encoding it once and offering it to each connection (whose writers here
// just take the messages, so the socket writes are left out).
func BenchmarkFanout(b *testing.B) {
	const spectators = 1000
	s := &Server{log: slog.New(slog.DiscardHandler)}
	s.metrics = newMetrics(prometheus.NewRegistry(), s)
	st := newStreams(s)
	tp := &topic{st: st, key: "match:m", match: "m", members: make(map[*member]struct{})}
	var wg sync.WaitGroup
	for range spectators {
		c := &conn{send: make(chan *websocket.PreparedMessage, 256), closing: make(chan websocket.CloseError, 1), done: make(chan struct{})}
		tp.members[&member{c: c, live: true}] = struct{}{}
		wg.Go(func() {
			for range c.send {
			}
		})
	}
	ev := api.Event{Type: api.ReplyDelta, Match: "m", Space: "sum-duel", Time: time.Now(), Round: 3, Player: "01JAGENT", Text: "42"}
	for b.Loop() {
		ev.Seq++
		tp.deliver(ev)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/spectators, "ns/spectator")
	if len(tp.members) != spectators {
		b.Fatalf("%d spectators dropped: the drainers fell behind", spectators-len(tp.members))
	}
	for m := range tp.members {
		close(m.c.send)
	}
	wg.Wait()
}
