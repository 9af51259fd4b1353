package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/arena/server"
	"github.com/rlfc/arena/lora/embedded"
)

// runServe runs the arena as a service until interrupted.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("serve", "", "Serves the arena: REST under /api, live match streams (websocket /api/stream), remote\nrunners (/api/runner), an OpenAI-compatible /v1 over the embedded model and every stored\nadapter, and Prometheus /metrics. Queued agents are matched and played as queues fill.")
	sf := addStoreFlags(f)
	addr := f.String("addr", "127.0.0.1:7070", "address to listen on")
	dev := f.Bool("dev", false, "development mode: house agents fill matches after --house-wait")
	var origins stringList
	f.Var(&origins, "origin", "allowed websocket Origin (repeatable; * for any)")
	houseWait := f.Duration("house-wait", 5*time.Second, "how long a queued agent waits before house agents fill its match (with --dev)")
	concurrency := f.Int("concurrency", 4, "matches played at once")
	grace := f.Duration("grace", 30*time.Second, "on shutdown, how long running matches may finish before they are aborted and refunded")
	chainID := f.Int64("chain-id", 1337, "chain id that sign-in messages name")
	verbose := f.Bool("verbose", false, "log every request")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	opts, err := sf.options()
	if err != nil {
		return err
	}
	hub := server.NewRunnerHub()
	opts.Backends.Remote = hub.Policy
	opts.Logger = log
	a, err := arena.Open(opts)
	if err != nil {
		return err
	}
	defer a.Close()
	if *dev {
		if _, err := a.EnsureHouse(embedded.Name); err != nil {
			return err
		}
	}
	secret, err := loadSecret(filepath.Join(*sf.data, "auth.key"))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	authSvc, err := auth.NewService(auth.Options{Domain: ln.Addr().String(), URI: "http://" + ln.Addr().String(), ChainID: *chainID, Secret: secret})
	if err != nil {
		return err
	}
	srv, err := server.New(server.Options{
		Arena: a, Auth: authSvc, Runners: hub, Policy: opts.Backends.Embedded, Model: embedded.Name,
		Origins: origins, Logger: log,
	})
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	schedCtx, stopScheduling := context.WithCancel(ctx)
	defer stopScheduling()
	scheduled := make(chan struct{})
	go func() {
		defer close(scheduled)
		(&arena.Scheduler{Arena: a, Matchmaking: arena.Matchmaking{Wait: *houseWait, House: *dev},
			Concurrency: *concurrency, Grace: *grace, OnResult: srv.Observe, Log: log}).Run(schedCtx)
	}()
	fmt.Fprintf(stdout, "arena serving on http://%s (data %s)\n", ln.Addr(), *sf.data)

	select {
	case err = <-served:
	case <-ctx.Done():
	}
	// Stop forming matches and let running ones finish (or abort and
	// refund them after the grace period), then close the streams with
	// 1001 and the listener, and only then the store.
	log.Info("shutting down")
	stopScheduling()
	<-scheduled
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(shutCtx)
	hs.Shutdown(shutCtx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// loadSecret reads the key that signs sign-in tokens, making it on first
// use, so tokens outlive a restart.
func loadSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil && len(b) >= 32 {
		return b, nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	b = make([]byte, 32)
	rand.Read(b)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	return b, os.WriteFile(path, b, 0o600)
}
