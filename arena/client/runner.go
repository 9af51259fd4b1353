package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// Close codes a server sends runners (as arena/server names them).
const (
	// runnerCloseReplaced: another runner connected for the same agent.
	runnerCloseReplaced = 4009
)

// Timings of a runner's connection.
const (
	// runnerPing is how often the runner pings the server; a connection
	// that shows no sign of life for runnerDeadline is given up as dead
	// (the server pings too, and any message or pong counts).
	runnerPing     = 15 * time.Second
	runnerDeadline = 3 * runnerPing
	// runnerWriteWait bounds one write.
	runnerWriteWait = 10 * time.Second
	// Reconnecting waits runnerMinBackoff after a drop, doubling (with jitter)
	// up to runnerMaxBackoff while attempts keep failing. A connection that
	// lasted runnerStableAfter starts the count again.
	runnerMinBackoff  = 250 * time.Millisecond
	runnerMaxBackoff  = 30 * time.Second
	runnerStableAfter = time.Minute
	// maxRunnerRequests bounds the requests served at once (the server
	// bounds them too; this keeps a confused server from starting
	// thousands of generations here).
	maxRunnerRequests = 64
)

// ErrRunnerReplaced is ServeRunner's error when another runner connected
// for the same agent and took this one's place.
var ErrRunnerReplaced = errors.New("another runner connected for this agent and replaced this one")

// WithModel names the base model a policy serves, for the hello
// ServeRunner sends: the server refuses a runner whose model is not the
// one its agent declares (agents.Agent.Model). ServeRunner calls Model on
// policies that have it. A reply of p that names no model (Reply.Model)
// is given this one: it is what the runner says wrote it.
func WithModel(p agents.Policy, model string) agents.Policy { return namedPolicy{p, model} }

type namedPolicy struct {
	agents.Policy
	model string
}

func (n namedPolicy) Model() string { return n.model }

func (n namedPolicy) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	replies, err := n.Policy.Reply(ctx, req, onDelta)
	for i := range replies {
		if replies[i].Model == "" {
			replies[i].Model = n.model
		}
	}
	return replies, err
}

// ServeRunner plays agent on the server with p: it connects to
// /api/runner as the agent's owner (c.Token must be a signed-in token),
// says hello, and answers each generate request by calling p.Reply,
// streaming its text back as it is written. Requests are served
// concurrently, each until it is done, cancelled by the server or the
// connection drops. After a drop ServeRunner reconnects, waiting longer
// after each failed attempt, until ctx is done; then it returns ctx's
// error. It returns at once, since trying again cannot help, when the
// server refuses the connection, with an *Error whose status says why: the
// token was refused (401), the caller does not own the agent (403), there
// is no such agent (404), it is not remote or it declares another model
// than p serves (400); and with ErrRunnerReplaced when another runner
// takes the agent's place. log may be nil.
func (c *Client) ServeRunner(ctx context.Context, agent string, p agents.Policy, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	model := ""
	if n, ok := p.(interface{ Model() string }); ok {
		model = n.Model()
	}
	if len(model) > api.MaxRunnerName {
		// No agent's model is this long, so the server refuses it; the
		// hello must still decode for the server to say so.
		model = model[:api.MaxRunnerName]
	}
	u, err := c.runnerURL(agent, model)
	if err != nil {
		return err
	}
	backoff := runnerMinBackoff
	for {
		began := time.Now()
		err := c.runnerSession(ctx, u, api.RunnerMessage{Type: api.RunnerHello, Agent: agent, Model: model}, p, log)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if runnerRefused(err) || errors.Is(err, ErrRunnerReplaced) {
			return err
		}
		if time.Since(began) > runnerStableAfter {
			backoff = runnerMinBackoff
		}
		// Jitter spreads out the runners of a server that restarted.
		wait := backoff/2 + rand.N(backoff/2+1)
		log.Warn("runner disconnected; reconnecting", "err", err, "in", wait.Round(time.Millisecond))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		backoff = min(2*backoff, runnerMaxBackoff)
	}
}

// runnerURL is the websocket URL of the agent's runner endpoint. The
// model served goes in it too (when known), so that a server refuses a
// runner for the wrong model before the upgrade, with an answer the
// runner takes as final.
func (c *Client) runnerURL(agent, model string) (string, error) {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return "", fmt.Errorf("server URL %q: %w", c.BaseURL, err)
	}
	switch u.Scheme {
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("server URL %q: want http:// or https://", c.BaseURL)
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/api/runner"
	q := url.Values{"agent": {agent}}
	if model != "" {
		q.Set("model", model)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// runnerSession is one connection: it returns why it ended.
func (c *Client) runnerSession(ctx context.Context, u string, hello api.RunnerMessage, p agents.Policy, log *slog.Logger) error {
	h := http.Header{}
	if c.Token != "" {
		h.Set("Authorization", "Bearer "+c.Token)
	}
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second, Proxy: http.ProxyFromEnvironment}
	ws, resp, err := d.DialContext(ctx, u, h)
	if err != nil {
		if resp != nil {
			return runnerRefusal(resp)
		}
		return err
	}
	defer ws.Close()
	ws.SetReadLimit(1 << 20)

	s := &runnerConn{
		ws:      ws,
		policy:  p,
		log:     log,
		out:     make(chan []byte, 64),
		stop:    make(chan websocket.CloseError, 1),
		done:    make(chan struct{}),
		cancels: make(map[uint64]context.CancelFunc),
	}
	if err := s.queue(hello); err != nil {
		return err
	}
	go s.writer()
	log.Info("runner connected", "server", u)

	// The connection's requests live in reqCtx: a drop or the end of ctx
	// cancels them all, and the session waits for them before it returns,
	// so no generation outlives its connection.
	reqCtx, cancel := context.WithCancel(ctx)
	stopOnDone := context.AfterFunc(ctx, func() {
		s.close(websocket.CloseNormalClosure, "runner stopping")
	})
	err = s.read(reqCtx)
	stopOnDone()
	cancel()
	s.requests.Wait()
	s.close(websocket.CloseNormalClosure, "")
	<-s.done
	return err
}

// runnerRefusal turns a failed websocket handshake into an *Error with
// the server's answer.
func runnerRefusal(resp *http.Response) error {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return answerError(resp.StatusCode, body)
}

// runnerRefused reports whether err is a refusal that trying again cannot
// change.
func runnerRefused(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return true
	}
	return false
}

// runnerConn is one runner connection: a reader (read), a writer
// goroutine that alone writes, and a goroutine per request.
type runnerConn struct {
	ws     *websocket.Conn
	policy agents.Policy
	log    *slog.Logger

	out  chan []byte               // messages for the writer
	stop chan websocket.CloseError // the close frame that ends the writer
	once sync.Once
	done chan struct{} // closed when the writer has stopped

	mu       sync.Mutex
	cancels  map[uint64]context.CancelFunc // open requests
	requests sync.WaitGroup
}

// queue hands a message to the writer, waiting while its queue is full
// (the generation waits for the network), unless the writer has stopped.
func (s *runnerConn) queue(m api.RunnerMessage) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	select {
	case s.out <- b:
		return nil
	case <-s.done:
		return errors.New("connection closed")
	}
}

// close ends the connection with a close frame (once).
func (s *runnerConn) close(code int, text string) {
	s.once.Do(func() { s.stop <- websocket.CloseError{Code: code, Text: text} })
}

// writer is the connection's only writer: messages, pings and the final
// close frame.
func (s *runnerConn) writer() {
	defer close(s.done)
	ping := time.NewTicker(runnerPing)
	defer ping.Stop()
	for {
		select {
		case b := <-s.out:
			s.ws.SetWriteDeadline(time.Now().Add(runnerWriteWait))
			if err := s.ws.WriteMessage(websocket.TextMessage, b); err != nil {
				s.ws.Close() // ends the reader too
				return
			}
		case <-ping.C:
			if err := s.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(runnerWriteWait)); err != nil {
				s.ws.Close()
				return
			}
		case ce := <-s.stop:
			msg := websocket.FormatCloseMessage(ce.Code, ce.Text)
			s.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
			// Unblocks the reader, if it is still waiting.
			s.ws.SetReadDeadline(time.Now().Add(time.Second))
			return
		}
	}
}

// read handles the server's messages until the connection ends, and
// returns why it did.
func (s *runnerConn) read(ctx context.Context) error {
	alive := func() { s.ws.SetReadDeadline(time.Now().Add(runnerDeadline)) }
	alive()
	s.ws.SetPongHandler(func(string) error { alive(); return nil })
	s.ws.SetPingHandler(func(data string) error {
		alive()
		// Control frames may be written alongside the writer's messages.
		err := s.ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(runnerWriteWait))
		if errors.Is(err, websocket.ErrCloseSent) {
			return nil
		}
		return err
	})
	for {
		typ, data, err := s.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code == runnerCloseReplaced {
				return ErrRunnerReplaced
			}
			return err
		}
		alive()
		if typ != websocket.TextMessage {
			s.close(websocket.CloseUnsupportedData, "runner messages are JSON text")
			return errors.New("server sent a binary message")
		}
		cmd, err := api.DecodeRunnerCommand(data)
		if err != nil {
			// A server that breaks the protocol is a bug there; say so
			// and start afresh rather than guess.
			s.close(websocket.ClosePolicyViolation, "bad command")
			return err
		}
		switch cmd.Type {
		case api.RunnerGenerate:
			s.generate(ctx, cmd)
		case api.RunnerCancel:
			s.mu.Lock()
			cancel := s.cancels[cmd.ID]
			s.mu.Unlock()
			if cancel != nil {
				s.log.Debug("request cancelled", "id", cmd.ID)
				cancel()
			}
		}
	}
}

// generate starts serving one request in its own goroutine.
func (s *runnerConn) generate(ctx context.Context, cmd api.RunnerCommand) {
	s.mu.Lock()
	_, dup := s.cancels[cmd.ID]
	busy := len(s.cancels) >= maxRunnerRequests
	var cancel context.CancelFunc
	if !dup && !busy {
		ctx, cancel = context.WithCancel(ctx)
		s.cancels[cmd.ID] = cancel
	}
	s.mu.Unlock()
	switch {
	case dup:
		// Not answered: the open request with this id will be.
		s.log.Warn("server reused an open request id", "id", cmd.ID)
		return
	case busy:
		s.queue(api.RunnerMessage{Type: api.RunnerError, ID: cmd.ID,
			Message: fmt.Sprintf("runner is serving %d requests already, the most it takes", maxRunnerRequests)})
		return
	}
	s.requests.Add(1)
	go func() {
		defer s.requests.Done()
		defer func() {
			s.mu.Lock()
			delete(s.cancels, cmd.ID)
			s.mu.Unlock()
			cancel()
		}()
		start := time.Now()
		replies, err := s.policy.Reply(ctx, cmd.Request.Agents(), func(d agents.Delta) {
			s.queue(api.RunnerMessage{Type: api.RunnerDelta, ID: cmd.ID, Sample: d.Sample, Text: d.Text})
		})
		switch {
		case ctx.Err() != nil:
			// Cancelled by the server, or the connection is gone: nobody
			// waits for an answer.
			s.log.Debug("request stopped", "id", cmd.ID, "err", context.Cause(ctx))
		case err != nil:
			s.log.Warn("request failed", "id", cmd.ID, "err", err)
			s.queue(api.RunnerMessage{Type: api.RunnerError, ID: cmd.ID, Message: runnerClipMessage(err.Error())})
		case len(replies) != cmd.Request.Samples():
			// Say so here: the server would take a short answer for a
			// broken runner and drop the connection.
			s.log.Warn("policy returned the wrong number of replies", "id", cmd.ID, "replies", len(replies), "want", cmd.Request.Samples())
			s.queue(api.RunnerMessage{Type: api.RunnerError, ID: cmd.ID,
				Message: fmt.Sprintf("the runner's policy returned %d replies, want %d", len(replies), cmd.Request.Samples())})
		default:
			wire := api.NewRunnerReplies(replies)
			for i, r := range wire {
				// Said here as a failed request: the server would take
				// the reply for a broken runner and drop the connection,
				// and every other request on it.
				if err := r.Check(); err != nil {
					s.log.Warn("policy returned a reply the protocol cannot carry", "id", cmd.ID, "reply", i, "err", err)
					s.queue(api.RunnerMessage{Type: api.RunnerError, ID: cmd.ID,
						Message: runnerClipMessage(fmt.Sprintf("the runner's policy returned a reply the protocol cannot carry: reply %d %v", i, err))})
					return
				}
			}
			s.log.Info("request served", "id", cmd.ID, "samples", len(replies), "duration", time.Since(start).Round(time.Millisecond))
			s.queue(api.RunnerMessage{Type: api.RunnerDone, ID: cmd.ID, Replies: wire})
		}
	}()
}

// runnerClipMessage fits an error into a protocol error message.
func runnerClipMessage(s string) string {
	if strings.TrimSpace(s) == "" {
		return "the policy failed without saying why"
	}
	n := api.MaxRunnerError - len("…")
	if len(s) <= api.MaxRunnerError {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
