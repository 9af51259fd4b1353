// Package server is the arena as a network service: REST for Spaces,
// agents, queues, matches and leaderboards; websocket streams of match
// events; websocket connections for players' remote runners; an
// OpenAI-compatible /v1 API over the embedded model and every stored
// adapter; sign-in with a wallet; and Prometheus metrics.
package server

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
)

// Options configures a Server. Arena is required; other zero values mean
// the defaults.
type Options struct {
	Arena *arena.Arena
	// Auth signs players in; nil means a Service with a random secret
	// (tokens then die with the process).
	Auth *auth.Service
	// Runners serves the agents whose owners run them; it must be the hub
	// whose Policy the Arena's Backends.Remote uses. Nil means a new hub
	// (and Remote agents then cannot play).
	Runners *RunnerHub
	// Policy and Model serve /v1: the embedded backend and the embedded
	// model's name. Nil Policy disables /v1. Give a view of the embedded
	// policy that waits behind matches ((*agents.Embedded).Background),
	// so that /v1 callers cannot hold up a match's reply.
	Policy agents.Policy
	Model  string
	// APIKeys are operator keys that /v1 takes as "Authorization: Bearer
	// <key>", besides players' sign-in tokens; each is a caller of its
	// own for the limits. Each must be 16 characters or more, without
	// spaces.
	APIKeys []string
	// Limits bounds the rates and requests in flight of /v1 callers and
	// of sign-ins per client address; zero values mean the defaults.
	Limits Limits
	// Origins lists the Origin values allowed to open websockets ("*" for
	// any); empty allows requests without an Origin header (non-browser
	// clients) and same-host origins only.
	Origins []string
	// SendBuffer is the number of messages a websocket client may fall
	// behind before it is dropped; zero means 256.
	SendBuffer int
	// PingInterval is how often websockets are pinged; a client that does
	// not answer within twice that is disconnected. Zero means 20s.
	PingInterval time.Duration
	Logger       *slog.Logger
	// Chain describes the contract that takes stakes; nil when paid
	// entry is not open.
	Chain *api.Chain
	// Registry receives the server's metrics; nil means a new registry
	// (served at /metrics either way).
	Registry *prometheus.Registry
}

// Server serves the arena's API. Make one with New, serve Handler, and
// call Shutdown before closing the Arena.
type Server struct {
	opts    Options
	arena   *arena.Arena
	auth    *auth.Service
	runners *RunnerHub
	log     *slog.Logger
	metrics *metrics
	streams *streams
	gate    *gate // who may call /v1, and how often anyone may call
	handler http.Handler

	// conns tracks every open websocket, so Shutdown can close them with
	// 1001 (going away) and wait for their goroutines.
	connsMu  sync.Mutex
	conns    map[*conn]struct{}
	closing  bool
	connsWG  sync.WaitGroup
	stopOnce sync.Once
	stop     chan struct{}
}

// New makes a server.
func New(opts Options) (*Server, error) {
	if opts.Arena == nil {
		return nil, errors.New("server: no arena")
	}
	s := &Server{opts: opts, arena: opts.Arena, auth: opts.Auth, runners: opts.Runners, log: opts.Logger,
		conns: make(map[*conn]struct{}), stop: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.auth == nil {
		a, err := auth.NewService(auth.Options{})
		if err != nil {
			return nil, err
		}
		s.auth = a
	}
	if s.runners == nil {
		s.runners = NewRunnerHub()
	}
	var err error
	if s.gate, err = newGate(opts.Limits, opts.APIKeys); err != nil {
		return nil, err
	}
	reg := opts.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	s.metrics = newMetrics(reg, s)
	s.streams = newStreams(s)

	mux := http.NewServeMux()
	s.routeREST(mux)
	s.routeStreams(mux)
	s.routeRunners(mux)
	s.routeOpenAI(mux)
	s.routeMetrics(mux, reg)
	s.handler = s.logRequests(mux)
	return s, nil
}

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Shutdown stops accepting websockets, closes every open one with 1001
// (going away) and waits for them to end, or for ctx.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stop) })
	s.connsMu.Lock()
	s.closing = true
	open := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		open = append(open, c)
	}
	s.connsMu.Unlock()
	for _, c := range open {
		c.goAway()
	}
	done := make(chan struct{})
	go func() { s.connsWG.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// logRequests logs each request at debug level and counts it.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.metrics.request(r.Pattern, rec.status)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}

// statusRecorder remembers the status a handler wrote. It passes Flush and
// Hijack through (see Unwrap), so streaming and websockets still work.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Flush sends buffered data (server-sent events).
func (r *statusRecorder) Flush() {
	http.NewResponseController(r.ResponseWriter).Flush()
}

// Hijack hands the connection over (websockets); the status is 101.
func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	r.status = http.StatusSwitchingProtocols
	return http.NewResponseController(r.ResponseWriter).Hijack()
}
