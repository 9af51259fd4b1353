package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// Close codes of runner connections beyond RFC 6455's.
const (
	// CloseReplaced: another runner connected for the same agent and took
	// its place. The old runner should stop, not reconnect, or the two
	// would keep replacing each other.
	CloseReplaced = 4009
)

// Defaults of a RunnerHub.
const (
	// defaultMaxPending bounds the requests open on one runner at once: a
	// match asks each player once per round, so more than a few means
	// many matches at once, and a runner that fell that far behind
	// should fail fast rather than queue without end.
	defaultMaxPending = 32
	// defaultGrace is how long after a runner drops that requests wait for
	// it to reconnect (within their own time limits) rather than fail at
	// once, so that a brief network blip forfeits one reply, not a match.
	defaultGrace = 10 * time.Second
	// maxRequestText bounds the text one request's deltas may stream, so a
	// runner cannot grow the server's memory without end.
	maxRequestText = 4 << 20
	// helloWait is how long a new connection has to say hello.
	helloWait = 10 * time.Second
	// maxRunnerMessage bounds one message from a runner, above the
	// other websockets' maxMessage: a done carries, with each reply's
	// text, its token ids and log-probs (some 40 bytes a token in JSON),
	// and 4 MiB holds 20 samples of the longest reply a Space allows.
	maxRunnerMessage = 4 << 20
)

// RunnerHub connects Remote agents to their owners' runners. It is the
// arena's Backends.Remote (through Policy) and the server's /api/runner
// endpoint's registry: each agent has at most one runner, the latest to
// connect. Its methods are safe for concurrent use.
type RunnerHub struct {
	mu     sync.Mutex
	agents map[string]*runnerSlot // by agent id

	// maxPending and grace are the defaults above; tests shorten them.
	maxPending int
	grace      time.Duration
}

// runnerSlot is one agent's place in the hub.
type runnerSlot struct {
	r *runner // nil while none is connected
	// attached is closed, and replaced, whenever a runner takes the slot,
	// waking the requests that wait for one.
	attached chan struct{}
	// dropped is when the last runner left; zero if none ever connected
	// or one is connected now.
	dropped time.Time
}

// NewRunnerHub makes a hub with no runners.
func NewRunnerHub() *RunnerHub {
	return &RunnerHub{agents: make(map[string]*runnerSlot), maxPending: defaultMaxPending, grace: defaultGrace}
}

// Policy is the policy of a Remote agent: whichever runner its owner has
// connected when each request is made, so that a runner that reconnects
// serves the next request. With no runner connected a request fails at
// once (or, just after a runner dropped, once it has waited a while for
// it to come back).
func (h *RunnerHub) Policy(a agents.Agent) (agents.Policy, error) {
	if !a.Remote {
		return nil, fmt.Errorf("agent %q is not remote, so no runner plays it", a.Name)
	}
	return &remotePolicy{hub: h, agent: a}, nil
}

func (h *RunnerHub) slot(agent string) *runnerSlot {
	s, ok := h.agents[agent]
	if !ok {
		s = &runnerSlot{attached: make(chan struct{})}
		h.agents[agent] = s
	}
	return s
}

// attach makes r the agent's runner and returns the one it replaces, if
// any.
func (h *RunnerHub) attach(r *runner) *runner {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.slot(r.agent)
	old := s.r
	s.r, s.dropped = r, time.Time{}
	close(s.attached)
	s.attached = make(chan struct{})
	return old
}

// detach removes r from its agent's slot if it still holds it.
func (h *RunnerHub) detach(r *runner) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s := h.agents[r.agent]; s != nil && s.r == r {
		s.r, s.dropped = nil, time.Now()
	}
}

// runner returns the agent's connected runner, waiting for one while a
// dropped runner's grace lasts (and ctx allows).
func (h *RunnerHub) runner(ctx context.Context, a agents.Agent) (*runner, error) {
	for {
		h.mu.Lock()
		s := h.slot(a.ID)
		r, attached, dropped := s.r, s.attached, s.dropped
		h.mu.Unlock()
		if r != nil {
			return r, nil
		}
		left := h.grace - time.Since(dropped)
		if dropped.IsZero() || left <= 0 {
			return nil, fmt.Errorf("runner for agent %q (%s) is not connected", a.Name, a.ID)
		}
		t := time.NewTimer(left)
		select {
		case <-attached:
			t.Stop()
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
}

// current returns the agent's connected runner or nil, without waiting.
func (h *RunnerHub) current(agent string) *runner {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s := h.agents[agent]; s != nil {
		return s.r
	}
	return nil
}

// runner is one connected runner: its websocket and the requests open on
// it.
type runner struct {
	agent string
	model string // as its hello said
	c     *conn

	mu      sync.Mutex
	nextID  uint64
	pending map[uint64]*runnerCall
	gone    error // why the connection ended; nil while it is open
}

// runnerCall is one open request. The connection's reader passes the
// runner's answers to the request's Reply through msgs, in order; a nil
// msg with err set ends the call because the connection did.
type runnerCall struct {
	id        uint64
	samples   int
	msgs      chan runnerEvent
	abandoned chan struct{} // closed when Reply has returned
}

type runnerEvent struct {
	msg api.RunnerMessage
	err error
}

// start opens a request on the runner and sends it.
func (r *runner) start(req agents.Request, maxPending int) (*runnerCall, error) {
	r.mu.Lock()
	if r.gone != nil {
		r.mu.Unlock()
		return nil, r.gone
	}
	if len(r.pending) >= maxPending {
		r.mu.Unlock()
		return nil, fmt.Errorf("runner has %d requests open already, the most it may have", maxPending)
	}
	r.nextID++
	call := &runnerCall{id: r.nextID, samples: max(req.N, 1),
		msgs: make(chan runnerEvent, 64), abandoned: make(chan struct{})}
	r.pending[call.id] = call
	r.mu.Unlock()

	if err := r.send(api.RunnerCommand{Type: api.RunnerGenerate, ID: call.id, Request: api.NewRunnerRequest(req)}); err != nil {
		r.finish(call)
		return nil, err
	}
	return call, nil
}

// finish forgets a call; messages for it that still arrive are dropped.
func (r *runner) finish(call *runnerCall) {
	r.mu.Lock()
	delete(r.pending, call.id)
	r.mu.Unlock()
	close(call.abandoned)
}

// send queues a command to the runner.
func (r *runner) send(cmd api.RunnerCommand) error {
	b, err := json.Marshal(cmd)
	if err != nil {
		return fmt.Errorf("encoding a runner command: %w", err)
	}
	pm, err := prepare(b)
	if err != nil {
		return err
	}
	if !r.c.offer(pm) {
		return errors.New("runner fell too far behind and was disconnected")
	}
	return nil
}

// deliver hands a runner's message to its call, waiting while the call's
// buffer is full unless the call has been abandoned. Messages for calls
// that are over (finished, cancelled) are dropped: they cross in flight.
func (r *runner) deliver(m api.RunnerMessage) {
	r.mu.Lock()
	call := r.pending[m.ID]
	if call != nil && (m.Type == api.RunnerDone || m.Type == api.RunnerError) {
		// The call's last message: nothing after it is for this call.
		delete(r.pending, m.ID)
	}
	r.mu.Unlock()
	if call == nil {
		return
	}
	select {
	case call.msgs <- runnerEvent{msg: m}:
	case <-call.abandoned:
	}
}

// end marks the runner gone and fails its open calls with err.
func (r *runner) end(err error) {
	r.mu.Lock()
	r.gone = err
	calls := r.pending
	r.pending = nil
	r.mu.Unlock()
	for _, call := range calls {
		select {
		case call.msgs <- runnerEvent{err: err}:
		case <-call.abandoned:
		}
	}
}

// serves is why a runner may not play an agent: the model its hello
// names is not the one the agent declares. Empty means it may.
func serves(ag agents.Agent, model string) string {
	switch {
	case model == ag.Model:
		return ""
	case model == "":
		return fmt.Sprintf("agent %q declares model %q; this runner names no model (its hello's model)", ag.Name, ag.Model)
	}
	return fmt.Sprintf("agent %q declares model %q; this runner serves %q", ag.Name, ag.Model, model)
}

// remotePolicy is a Remote agent's Policy: requests go to its runner.
type remotePolicy struct {
	hub   *RunnerHub
	agent agents.Agent
}

// Reply sends the request to the agent's runner and relays its deltas
// until it is done. When ctx ends first (the match's time limit) it tells
// the runner to cancel and returns ctx's error; when the runner drops
// first the reply fails, and the match forfeits it. A runner that serves
// another model than the agent now declares is not asked.
//
// The replies carry what the runner says about them (token ids, seed,
// log-probs, model, adapter) as it said it, even a reply's Model that
// differs from the agent's: they are claims, and verification compares
// them with the agent's declaration and with a re-scoring, so a claim
// that is overwritten here would hide a cheat rather than catch it.
func (p *remotePolicy) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	r, err := p.hub.runner(ctx, p.agent)
	if err != nil {
		return nil, err
	}
	// The runner was checked against the agent when it connected; the
	// agent may have changed model since.
	if why := serves(p.agent, r.model); why != "" {
		return nil, fmt.Errorf("runner for agent %q (%s) cannot answer: %s", p.agent.Name, p.agent.ID, why)
	}
	start := time.Now()
	call, err := r.start(req, p.hub.maxPending)
	if err != nil {
		return nil, fmt.Errorf("runner for agent %q: %w", p.agent.Name, err)
	}
	defer r.finish(call)
	streamed := 0
	for {
		select {
		case <-ctx.Done():
			// Best effort: if the runner is gone it has stopped anyway.
			r.send(api.RunnerCommand{Type: api.RunnerCancel, ID: call.id})
			return nil, ctx.Err()
		case ev := <-call.msgs:
			if ev.err != nil {
				return nil, fmt.Errorf("runner for agent %q dropped during the request: %w", p.agent.Name, ev.err)
			}
			m := ev.msg
			switch m.Type {
			case api.RunnerDelta:
				if m.Sample >= call.samples {
					return nil, p.broken(r, call, fmt.Sprintf("sent text for sample %d of a request for %d", m.Sample, call.samples))
				}
				if streamed += len(m.Text); streamed > maxRequestText {
					return nil, p.broken(r, call, fmt.Sprintf("streamed more than %d bytes for one request", maxRequestText))
				}
				if onDelta != nil && m.Text != "" {
					onDelta(agents.Delta{Sample: m.Sample, Text: m.Text})
				}
			case api.RunnerDone:
				if len(m.Replies) != call.samples {
					return nil, fmt.Errorf("runner for agent %q returned %d replies, want %d", p.agent.Name, len(m.Replies), call.samples)
				}
				latency := time.Since(start)
				out := make([]agents.Reply, len(m.Replies))
				for i, rep := range m.Replies {
					out[i] = rep.Agents()
					out[i].Latency = latency
				}
				return out, nil
			case api.RunnerError:
				return nil, fmt.Errorf("runner for agent %q: %s", p.agent.Name, m.Message)
			}
		}
	}
}

// broken cancels a call whose runner misbehaved and says how.
func (p *remotePolicy) broken(r *runner, call *runnerCall, what string) error {
	r.send(api.RunnerCommand{Type: api.RunnerCancel, ID: call.id})
	return fmt.Errorf("runner for agent %q %s", p.agent.Name, what)
}

func (s *Server) routeRunners(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/runner", s.serveRunner)
}

// serveRunner is GET /api/runner?agent=ID[&model=NAME]: the agent's
// owner connects the runner that plays it. Everything is checked before
// the upgrade, so a refusal is a plain JSON error a client can read; the
// hello's model, which only arrives after it, is refused with a close
// frame that says why.
func (s *Server) serveRunner(w http.ResponseWriter, r *http.Request) {
	addr, err := s.caller(r)
	if err != nil {
		writeError(w, http.StatusUnauthorized, "unauthorized", err.Error())
		return
	}
	ref := r.URL.Query().Get("agent")
	if ref == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "name the agent to run: /api/runner?agent=ID")
		return
	}
	// A name means the caller's own agent first (see arena.AgentOf).
	ag, ok := s.agentOf(w, r, ref, addr.Hex())
	if !ok {
		return
	}
	if !common.IsHexAddress(ag.Owner) || common.HexToAddress(ag.Owner) != addr {
		writeError(w, http.StatusForbidden, "forbidden", fmt.Sprintf("only the owner of agent %q may connect its runner, and you (%s) are not", ag.Name, addr.Hex()))
		return
	}
	if !ag.Remote {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("agent %q is not remote: set remote to true to have a runner play it", ag.Name))
		return
	}
	// A runner may say its model in the URL too, so that a wrong one is
	// refused here, where the refusal is an answer it can read and give
	// up on; the hello is checked all the same.
	if q := r.URL.Query(); q.Has("model") {
		if why := serves(ag, q.Get("model")); why != "" {
			writeError(w, http.StatusBadRequest, "bad_request", why)
			return
		}
	}
	c := s.upgrade(w, r)
	if c == nil {
		return
	}
	c.ws.SetReadLimit(maxRunnerMessage)
	s.runRunner(c, ag, ref)
}

// runRunner reads a runner's connection until it ends: first its hello,
// after which it takes the agent's slot, then its answers.
func (s *Server) runRunner(c *conn, ag agents.Agent, ref string) {
	log := s.log.With("agent", ag.ID, "remote", c.ws.RemoteAddr().String())
	c.ws.SetReadDeadline(time.Now().Add(helloWait))
	hello, err := readRunnerMessage(c.ws)
	if err == nil && hello.Type != api.RunnerHello {
		err = fmt.Errorf("the first message must be a hello, not a %s", hello.Type)
	}
	if err == nil && hello.Agent != ref && hello.Agent != ag.ID {
		err = fmt.Errorf("hello names agent %q, but the connection is for %q", hello.Agent, ref)
	}
	// An agent is rated, and its replies verified, as its declared model:
	// a runner serving another may not play it.
	if err == nil {
		if why := serves(ag, hello.Model); why != "" {
			err = errors.New(why)
		}
	}
	if err != nil {
		log.Info("runner refused", "err", err)
		c.close(websocket.ClosePolicyViolation, closeText(err.Error()))
		return
	}
	// Back to the ping rhythm the pong handler keeps.
	c.ws.SetReadDeadline(time.Now().Add(2 * c.ping))

	rn := &runner{agent: ag.ID, model: hello.Model, c: c, pending: make(map[uint64]*runnerCall)}
	if old := s.runners.attach(rn); old != nil {
		old.c.close(CloseReplaced, "replaced: another runner connected for this agent")
	}
	log.Info("runner connected", "model", hello.Model)

	for {
		m, err := readRunnerMessage(c.ws)
		if err != nil {
			var bad *badMessage
			if errors.As(err, &bad) {
				c.close(websocket.ClosePolicyViolation, closeText(err.Error()))
			}
			// Detach before failing the calls, so that their retries
			// cannot pick this runner again.
			s.runners.detach(rn)
			rn.end(err)
			c.close(websocket.CloseNormalClosure, "")
			log.Info("runner disconnected", "err", err)
			return
		}
		if m.Type == api.RunnerHello {
			s.runners.detach(rn)
			rn.end(errors.New("runner sent a second hello"))
			c.close(websocket.ClosePolicyViolation, "hello is sent once, first")
			return
		}
		rn.deliver(m)
	}
}

// badMessage is a message that broke the protocol.
type badMessage struct{ err error }

func (e *badMessage) Error() string { return e.err.Error() }
func (e *badMessage) Unwrap() error { return e.err }

// readRunnerMessage reads and decodes one message from a runner.
func readRunnerMessage(ws *websocket.Conn) (api.RunnerMessage, error) {
	typ, data, err := ws.ReadMessage()
	if err != nil {
		return api.RunnerMessage{}, err
	}
	if typ != websocket.TextMessage {
		return api.RunnerMessage{}, &badMessage{errors.New("runner sent a binary message; messages are JSON text")}
	}
	m, err := api.DecodeRunnerMessage(data)
	if err != nil {
		return api.RunnerMessage{}, &badMessage{err}
	}
	return m, nil
}

// closeText fits a reason into a close frame, whose payload is at most
// 125 bytes with the code's two.
func closeText(s string) string {
	const n = 123
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
