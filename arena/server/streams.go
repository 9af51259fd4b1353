package server

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/store"
)

// The event streams: GET /api/stream with one of
//
//	?match=ID[&after=SEQ]  one match: its stored events after SEQ, then live
//	                       ones; a normal close (1000) follows match.result
//	                       or match.aborted
//	?space=ID              live events of every match in a Space
//	?agent=ID              live events of the matches an agent plays, from
//	                       the next match.started that lists it
//
// Every message is one api.Event as a JSON object. Events carry tasks,
// replies and scores but never a prompt, so every stream is public:
// nobody's system prompt reaches a spectator (see viewRounds for the one
// record that holds prompts).
//
// Many spectators watch the same few matches, so the work per event must
// not grow with them more than it has to: each watched match, Space or
// agent is a topic with ONE bus subscription and one goroutine, which
// encodes each event once (a prepared message) and offers it to every
// connection of the topic without blocking. A connection whose send
// buffer is full is dropped with CloseTooSlow and reconnects with its last
// seq; the others and the match never wait for it.

// topicBuffer is how many events a topic's bus subscription holds. A topic
// only falls behind when offering one event to all its connections takes
// longer than the match takes to emit this many, which would take far more
// connections than one server holds.
const topicBuffer = 4096

// streamSocketBuffer bounds the kernel's send buffer of a stream's socket.
// Left alone, Linux grows it to megabytes for a client that stops
// reading, memory that no Go counter sees and that hides a slow client
// from the send buffer that is meant to catch it. Events are small, so
// this is still many of them.
const streamSocketBuffer = 8 << 10

// streams holds the topics being watched.
type streams struct {
	s      *Server
	mu     sync.Mutex // guards topics; taken before any topic's mu
	topics map[string]*topic
}

func newStreams(s *Server) *streams {
	return &streams{s: s, topics: make(map[string]*topic)}
}

func (s *Server) routeStreams(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/stream", s.streams.serve)
}

// topic is one watched match, Space or agent: its bus subscription, the
// goroutine that reads it, and the connections it feeds.
type topic struct {
	st    *streams
	key   string
	match string // a match's topic: its members end with the match
	sub   *arena.Subscription

	mu      sync.Mutex
	members map[*member]struct{}
	closed  bool // the subscription is closed and the topic out of the map
}

// member is one connection of a topic.
type member struct {
	c *conn
	// live is false while the connection's handler replays stored events;
	// the topic keeps the live events it gets meanwhile in pending (at
	// most a send buffer's worth, or the client is too slow).
	live    bool
	pending []queued
	// after is the last seq replayed: a match topic may still hold events
	// that the replay already sent, and skips them.
	after uint64
	gone  bool // no longer a member
}

// queued is an encoded event on its way to a connection.
type queued struct {
	seq uint64
	msg *websocket.PreparedMessage
	end bool // the match's last event
}

// upgrade opens a stream's websocket (nil if it failed and has answered).
func (st *streams) upgrade(w http.ResponseWriter, r *http.Request) *conn {
	c := st.s.upgrade(w, r)
	if c == nil {
		return nil
	}
	if tc, ok := c.net.Conn.(*net.TCPConn); ok {
		tc.SetWriteBuffer(streamSocketBuffer)
	}
	return c
}

// serve checks the query, upgrades and streams.
func (st *streams) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var given []string
	for _, k := range []string{"match", "space", "agent"} {
		if q.Has(k) {
			given = append(given, k)
		}
	}
	if len(given) != 1 {
		writeError(w, http.StatusBadRequest, "bad_request", "give exactly one of ?match=ID, ?space=ID or ?agent=ID")
		return
	}
	kind, id := given[0], q.Get(given[0])
	if id == "" {
		writeError(w, http.StatusBadRequest, "bad_request", kind+" is empty: give the "+kind+"'s id")
		return
	}
	var after uint64
	if q.Has("after") {
		if kind != "match" {
			writeError(w, http.StatusBadRequest, "bad_request", "after applies to ?match= streams only; Space and agent streams are live")
			return
		}
		var err error
		if after, err = strconv.ParseUint(q.Get("after"), 10, 64); err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", "after must be a whole number: the last seq you saw (0 for the whole match)")
			return
		}
	}
	a := st.s.arena
	switch kind {
	case "match":
		m, err := a.Match(id)
		if errors.Is(err, store.ErrNotFound) {
			writeError(w, http.StatusNotFound, "not_found", "no match "+strconv.Quote(id))
			return
		}
		if err != nil {
			st.s.log.Error("stream: read match", "match", id, "err", err)
			writeError(w, http.StatusInternalServerError, "internal", "could not read the match")
			return
		}
		st.serveMatch(w, r, m, after)
	case "space":
		sp, err := a.Space(id)
		if err != nil {
			writeError(w, http.StatusNotFound, "not_found", err.Error())
			return
		}
		st.serveLive(w, r, "space:"+sp.ID, arena.ForSpace(sp.ID))
	case "agent":
		ag, ok := st.s.agent(w, r, id)
		if !ok {
			return
		}
		st.serveLive(w, r, "agent:"+ag.ID, forAgent(ag.ID))
	}
}

// serveLive streams a Space's or an agent's live events.
func (st *streams) serveLive(w http.ResponseWriter, r *http.Request, key string, filter func(api.Event) bool) {
	c := st.upgrade(w, r)
	if c == nil {
		return
	}
	t, m := st.join(key, "", filter, c, true)
	discardReads(c)
	t.leave(m)
}

// serveMatch streams one match from after on: a subscription first, then
// the event log (so nothing falls between the two), then live events
// with a greater seq.
func (st *streams) serveMatch(w http.ResponseWriter, r *http.Request, m arena.Match, after uint64) {
	a := st.s.arena
	c := st.upgrade(w, r)
	if c == nil {
		return
	}
	var t *topic
	var mem *member
	if m.Status == arena.StatusRunning {
		t, mem = st.join("match:"+m.ID, m.ID, arena.ForMatch(m.ID), c, false)
		defer t.leave(mem)
	}
	last, ended, ok := st.replay(c, m.ID, after)
	if ok && !ended && t != nil {
		// The match may have ended before we joined with nothing after
		// our seq to send; its stored status says so. A finished or
		// aborted match has all its events stored, so a second read
		// completes the replay.
		if now, err := a.Match(m.ID); err == nil && now.Status != arena.StatusRunning {
			t.leave(mem)
			t = nil
			last, ended, ok = st.replay(c, m.ID, last)
		}
	}
	if ok && !ended && t != nil {
		ended, ok = t.catchUp(mem, last)
	}
	if ok && (ended || t == nil) {
		// Nobody else sends on c now: the topic has no live member for it.
		if t != nil {
			t.leave(mem)
		}
		close(c.send) // the writer sends what is queued, then 1000
	}
	discardReads(c)
}

// replay queues a match's stored events after seq, waiting for the
// client to take them. It returns the last seq queued, whether that was
// the match's end, and false if the connection has ended.
func (st *streams) replay(c *conn, match string, after uint64) (last uint64, ended, ok bool) {
	evs, err := st.s.arena.Events(match, after)
	if err != nil {
		st.s.log.Error("stream: read events", "match", match, "err", err)
		c.close(websocket.CloseInternalServerErr, "could not read the match's events")
		return after, false, false
	}
	last = after
	for _, ev := range evs {
		msg, err := encode(ev)
		if err != nil {
			st.s.log.Error("stream: encode event", "match", match, "seq", ev.Seq, "err", err)
			continue
		}
		if !sendWait(c, msg) {
			return last, false, false
		}
		st.s.metrics.wsEvents.Inc()
		last = ev.Seq
		if isEnd(ev) {
			return last, true, true
		}
	}
	return last, false, true
}

// sendWait queues msg on c, waiting while its buffer is full: during a
// replay the client sets the pace.
func sendWait(c *conn, msg *websocket.PreparedMessage) bool {
	select {
	case c.send <- msg:
		return true
	case <-c.done:
		return false
	}
}

// discardReads reads until the connection fails or closes. Clients have
// nothing to say on a stream, but reading is what handles their pongs
// and close frames.
func discardReads(c *conn) {
	for {
		if _, _, err := c.ws.NextReader(); err != nil {
			return
		}
	}
}

// join adds c to the topic key, starting the topic (and its bus
// subscription, which filter selects) if nobody watches it yet.
func (st *streams) join(key, match string, filter func(api.Event) bool, c *conn, live bool) (*topic, *member) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.topics[key]
	if t == nil {
		t = &topic{st: st, key: key, match: match, members: make(map[*member]struct{}),
			sub: st.s.arena.Bus().Subscribe(filter, topicBuffer)}
		st.topics[key] = t
		go t.run()
	}
	m := &member{c: c, live: live}
	t.mu.Lock()
	t.members[m] = struct{}{}
	t.mu.Unlock()
	return t, m
}

// leave removes m from the topic (if still there), and ends the topic when
// it was the last member.
func (t *topic) leave(m *member) {
	t.mu.Lock()
	if !m.gone {
		m.gone = true
		delete(t.members, m)
	}
	empty := len(t.members) == 0
	t.mu.Unlock()
	if empty {
		t.st.release(t)
	}
}

// release ends a topic nobody watches: its subscription is closed, and a
// later watcher starts a new one.
func (st *streams) release(t *topic) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed || len(t.members) > 0 {
		return
	}
	t.closed = true
	if st.topics[t.key] == t {
		delete(st.topics, t.key)
	}
	t.sub.Close()
}

// run hands the topic's events to its members until the subscription
// ends: closed by release, or dropped by the bus for falling behind, in
// which case every member is dropped too (and reconnects to replay).
func (t *topic) run() {
	for {
		select {
		case ev, ok := <-t.sub.C:
			if !ok {
				t.end(CloseTooSlow, "the stream fell behind: reconnect with your last seq")
				return
			}
			t.deliver(ev)
		case <-t.st.s.stop:
			t.end(websocket.CloseGoingAway, "server shutting down")
			return
		}
	}
}

// end closes the topic and its members' connections, unless release
// already closed it.
func (t *topic) end(code int, text string) {
	st := t.st
	st.mu.Lock()
	defer st.mu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	if st.topics[t.key] == t {
		delete(st.topics, t.key)
	}
	if !t.closed {
		t.closed = true
		t.sub.Close()
	}
	for m := range t.members {
		m.gone = true
		delete(t.members, m)
		m.c.close(code, text)
		if code == CloseTooSlow {
			st.s.metrics.wsDropped.Inc()
		}
	}
}

// deliver encodes ev once and offers it to every member.
func (t *topic) deliver(ev api.Event) {
	msg, err := encode(ev)
	if err != nil {
		t.st.s.log.Error("stream: encode event", "match", ev.Match, "seq", ev.Seq, "err", err)
		return
	}
	q := queued{seq: ev.Seq, msg: msg, end: t.match != "" && isEnd(ev)}
	sent := 0
	t.mu.Lock()
	for m := range t.members {
		if !m.live {
			if len(m.pending) >= cap(m.c.send) {
				t.drop(m)
				continue
			}
			m.pending = append(m.pending, q)
			continue
		}
		if t.offer(m, q) {
			sent++
		}
	}
	empty := len(t.members) == 0
	t.mu.Unlock()
	t.st.s.metrics.wsEvents.Add(float64(sent))
	if empty {
		t.st.release(t)
	}
}

// offer queues q for a live member without waiting, dropping the member
// if its buffer is full, and reports whether it was queued. The member
// leaves after the match's last event, its connection closing normally
// once the writer has sent it. Called with t.mu held.
func (t *topic) offer(m *member, q queued) bool {
	if t.match != "" && q.seq <= m.after {
		return false // replayed already
	}
	if !m.c.offer(q.msg) { // offer has closed it with CloseTooSlow
		t.st.s.metrics.wsDropped.Inc()
		m.gone = true
		delete(t.members, m)
		return false
	}
	if q.end {
		m.gone = true
		delete(t.members, m)
		close(m.c.send)
	}
	return true
}

// drop disconnects a member that fell too far behind. Called with t.mu
// held.
func (t *topic) drop(m *member) {
	m.gone = true
	delete(t.members, m)
	m.c.close(CloseTooSlow, "too slow: reconnect with your last seq")
	t.st.s.metrics.wsDropped.Inc()
}

// catchUp sends a replaying member the live events the topic kept for it
// (those after last), waiting for the client as a replay does, until none
// are left; then the member is live. It reports whether the match ended
// meanwhile and false if the connection has ended.
func (t *topic) catchUp(m *member, last uint64) (ended, ok bool) {
	for {
		t.mu.Lock()
		if m.gone {
			t.mu.Unlock()
			return false, false
		}
		batch := m.pending
		m.pending = nil
		if len(batch) == 0 {
			m.live, m.after = true, last
			t.mu.Unlock()
			return false, true
		}
		t.mu.Unlock()
		for _, q := range batch {
			if q.seq <= last {
				continue
			}
			if !sendWait(m.c, q.msg) {
				return false, false
			}
			t.st.s.metrics.wsEvents.Inc()
			last = q.seq
			if q.end {
				return true, true
			}
		}
	}
}

// encode makes the one websocket message that carries ev to every client.
func encode(ev api.Event) (*websocket.PreparedMessage, error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	return prepare(data)
}

// isEnd reports whether ev is a match's last event.
func isEnd(ev api.Event) bool {
	return ev.Type == api.MatchResult || ev.Type == api.MatchAborted
}

// forAgent accepts the events of the matches an agent plays: a
// match.started that lists it starts following the match, and the match's
// end stops it. The bus calls it from the publishing goroutines.
func forAgent(agent string) func(api.Event) bool {
	var mu sync.Mutex
	following := make(map[string]bool)
	return func(ev api.Event) bool {
		mu.Lock()
		defer mu.Unlock()
		if ev.Type == api.MatchStarted && slices.Contains(ev.Players, agent) {
			following[ev.Match] = true
			return true
		}
		if !following[ev.Match] {
			return false
		}
		if isEnd(ev) {
			delete(following, ev.Match)
		}
		return true
	}
}
