package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/arena/learn"
	"github.com/rlfc/arena/arena/onchain"
	"github.com/rlfc/arena/arena/server"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/lora/embedded"
)

// runServe runs the arena as a service until interrupted.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("serve", "", "Serves the arena: REST under /api, live match streams (websocket /api/stream), remote\nrunners (/api/runner), an OpenAI-compatible /v1 over the embedded model and every stored\nadapter, and Prometheus /metrics. Queued agents are matched and played as queues fill.")
	sf := addStoreFlags(f)
	addr := f.String("addr", "127.0.0.1:7070", "address to listen on")
	dev := f.Bool("dev", false, "development mode: an in-process simulated chain with funded dev wallets, house agents that fill matches after --house-wait, and agent endpoints allowed on loopback unless --allow-endpoint is given (then exactly what it names)")
	var origins stringList
	f.Var(&origins, "origin", "allowed websocket Origin (repeatable; * for any)")
	seed := f.Uint64("seed", 0, "derive match seeds from this and the match count alone (0: mix in the clock); for reproducible tests")
	houseWait := f.Duration("house-wait", 5*time.Second, "how long a queued agent waits before house agents fill its match (with --dev)")
	concurrency := f.Int("concurrency", 4, "matches played at once")
	ownerCap := f.Int("owner-cap", 0, fmt.Sprintf("most entries one owner may have queued or playing in each Space (0: %d; negative: no cap)", arena.DefaultOwnerCap))
	maxAgents := f.Int("max-agents", 0, fmt.Sprintf("most agents one owner may create, house agents aside (0: %d; negative: no cap)", arena.DefaultMaxAgentsPerOwner))
	grace := f.Duration("grace", 30*time.Second, "on shutdown, how long running matches may finish before they are aborted and refunded")
	chainID := f.Int64("chain-id", 1337, "id of the chain: sign-in messages name it, and --rpc must serve it")
	cf := addChainFlags(f)
	devRPC := f.String("dev-rpc", "127.0.0.1:8545", "with --dev, the loopback address that serves the dev chain's JSON-RPC to wallets")
	var fund stringList
	f.Var(&fund, "fund", "with --dev, an address the dev chain gives 100 ETH (repeatable)")
	batch := f.Int("batch", 16, "most match settlements sent in one transaction")
	batchDelay := f.Duration("batch-delay", 2*time.Second, "how long a settlement may wait for others to share its transaction")
	train := f.Bool("train", true, "train agents on the embedded model as their Spaces' training policies say, beside the matches")
	trainWorkers := f.Int("train-workers", 1, "training jobs run at once")
	verifyFraction := f.Float64("verify-fraction", learn.DefaultFraction, "share of training records a verifier re-executes (0 to 1; 0 re-executes none)")
	verbose := f.Bool("verbose", false, "log every request")
	apiKeyFile := f.String("api-key-file", "", "file of operator API keys for /v1, one a line (16 characters or more each); players use their sign-in tokens")
	var limits server.Limits
	f.Float64Var(&limits.V1Rate, "v1-rate", server.DefaultV1Rate, "/v1 requests per second one caller (address or API key) may make on average")
	f.IntVar(&limits.V1Burst, "v1-burst", server.DefaultV1Burst, "/v1 requests one caller may make at once after a pause")
	f.IntVar(&limits.V1Concurrency, "v1-concurrency", server.DefaultV1Concurrency, "/v1 chat completions one caller may have in flight")
	f.IntVar(&limits.V1InFlight, "v1-in-flight", server.DefaultV1InFlight, "/v1 chat completions all callers together may have in flight")
	f.Float64Var(&limits.SignInRate, "signin-rate", server.DefaultSignInRate, "sign-in challenges (and, apart, redemptions) per second one client address may ask for on average")
	f.IntVar(&limits.SignInBurst, "signin-burst", server.DefaultSignInBurst, "sign-in challenges (and, apart, redemptions) one client address may ask for at once")
	var proxies stringList
	f.Var(&proxies, "trusted-proxy", "address or CIDR of a reverse proxy whose X-Forwarded-For names the client, for sign-in limits (repeatable; none by default)")
	if err := f.parse(args, stdout); err != nil {
		return err
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	opts, err := sf.options(*dev) // --dev: agent endpoints may reach loopback
	if err != nil {
		return err
	}
	hub := server.NewRunnerHub()
	opts.Backends.Remote = hub.Policy
	opts.Logger = log
	opts.OwnerCap = *ownerCap
	opts.MaxAgentsPerOwner = *maxAgents
	a, err := arena.Open(opts)
	if err != nil {
		return err
	}
	defer a.Close()
	bridgeOpts := onchain.Options{Batch: *batch, BatchDelay: *batchDelay, Logger: log}
	if *dev {
		if _, err := a.EnsureHouse(embedded.Name, houseOwner); err != nil {
			return err
		}
		bridgeOpts.HouseWait = *houseWait
	}
	var bridge *onchain.Bridge
	var chainInfo *api.Chain
	// With --train the records are signed by a trainer key of the data
	// directory's, never the operator's, and it bonds from its own wallet
	// (funded from the dev allocation on --dev): a failed record slashes
	// the trainer's bond.
	var trainer, operator *ecdsa.PrivateKey
	var stakes *contracts.Client
	var trainerBond *big.Int
	if *train {
		if trainer, err = loadTrainerKey(filepath.Join(*sf.data, "trainer.key")); err != nil {
			return err
		}
	}
	rpcURL := *cf.rpc
	switch {
	case *dev && *cf.rpc != "":
		return usageError{errors.New("--dev runs its own chain: leave out --rpc")}
	case *dev:
		extra, err := parseAddresses(fund)
		if err != nil {
			return err
		}
		var players []common.Address
		for i := range devPlayers {
			players = append(players, devKeyAddress(fmt.Sprintf("player %d", i+1)))
		}
		if trainer != nil {
			extra = append(extra, crypto.PubkeyToAddress(trainer.PublicKey))
		}
		chain, b, err := devChain(ctx, a, houseKeys(), bridgeOpts, append(players, extra...)...)
		if err != nil {
			return err
		}
		defer chain.Close()
		bridge = b
		stakes, operator, trainerBond = chain.Client, chain.Operator, devTrainerBond
		*chainID = chain.ChainID().Int64()
		if rpcURL, err = chain.ServeRPC(*devRPC); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "dev chain %s at %s, SpaceStake at %s. Dev wallets (known keys: never use them on a real chain):\n", chain.ChainID(), rpcURL, chain.Address())
		for i, addr := range players {
			fmt.Fprintf(stdout, "  player %d  %s  key %x\n", i+1, addr, crypto.FromECDSA(contracts.DevKey(fmt.Sprintf("player %d", i+1))))
		}
	case *cf.rpc != "":
		chain, err := cf.dial(ctx, big.NewInt(*chainID), &bridgeOpts)
		if err != nil {
			return err
		}
		defer chain.Close()
		bridgeOpts.Arena = a
		if bridge, err = onchain.New(ctx, bridgeOpts); err != nil {
			return err
		}
		stakes, operator = chain, bridgeOpts.Operator
	}
	if trainer != nil && stakes != nil {
		if err := bondTrainer(ctx, stakes, operator, trainer, trainerBond, log); err != nil {
			return err
		}
	}
	if bridge != nil {
		chainInfo = bridge.Info(rpcURL)
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
	if limits.TrustedProxies, err = server.ParseProxies(proxies); err != nil {
		return usageError{err}
	}
	var apiKeys []string
	if *apiKeyFile != "" {
		if apiKeys, err = server.ReadAPIKeys(*apiKeyFile); err != nil {
			return err
		}
	}
	// /v1 waits behind matches for the embedded model.
	v1 := opts.Backends.Embedded
	if e, ok := v1.(*agents.Embedded); ok {
		v1 = e.Background()
	}
	srv, err := server.New(server.Options{
		Arena: a, Auth: authSvc, Runners: hub, Policy: v1, Model: embedded.Name,
		APIKeys: apiKeys, Limits: limits, Origins: origins, Logger: log, Chain: chainInfo,
	})
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	schedCtx, stopScheduling := context.WithCancel(ctx)
	defer stopScheduling()
	mm := arena.Matchmaking{Wait: *houseWait, House: *dev, Seed: *seed}
	if bridge != nil {
		mm.Staked = func(space string, tier int) bool { _, ok := bridge.SpaceID(space, tier); return ok }
	}
	scheduled := make(chan struct{})
	go func() {
		defer close(scheduled)
		(&arena.Scheduler{Arena: a, Matchmaking: mm, Reproducible: *seed != 0,
			Concurrency: *concurrency, Grace: *grace, OnResult: srv.Observe, Log: log}).Run(schedCtx)
	}()
	learnCtx, stopLearning := context.WithCancel(context.Background())
	defer stopLearning()
	learning, err := startLearning(learnCtx, a, bridge, *sf.data, *train, *trainWorkers, *verifyFraction, log)
	if err != nil {
		return err
	}
	chainCtx, stopChain := context.WithCancel(context.Background())
	defer stopChain()
	chained := make(chan struct{})
	go func() {
		defer close(chained)
		if bridge != nil {
			bridge.Run(chainCtx)
		}
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
	// A training job cut short is queued again for the next start.
	stopLearning()
	learning.Wait()
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// What the last matches owe goes out now; what cannot is stored and
	// goes out after the next start.
	stopChain()
	<-chained
	if bridge != nil {
		if err := bridge.Flush(shutCtx); err != nil {
			log.Warn("settlements left for the next start", "err", err)
		}
	}
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

// devPlayers is how many dev player wallets `serve --dev` funds.
const devPlayers = 4

// parseAddresses reads hex addresses.
func parseAddresses(ss []string) ([]common.Address, error) {
	var out []common.Address
	for _, s := range ss {
		if !common.IsHexAddress(s) {
			return nil, usageError{fmt.Errorf("%q is not an address (want 0x and 40 hex digits)", s)}
		}
		out = append(out, common.HexToAddress(s))
	}
	return out, nil
}

// startLearning runs the training jobs and the verifier of their records
// until ctx is done; wait on the returned group for them to stop.
func startLearning(ctx context.Context, a *arena.Arena, bridge *onchain.Bridge, data string, train bool, workers int, fraction float64, log *slog.Logger) (*sync.WaitGroup, error) {
	var wg sync.WaitGroup
	if !train {
		return &wg, nil
	}
	if !(fraction >= 0 && fraction <= 1) {
		return nil, usageError{fmt.Errorf("--verify-fraction %v is not between 0 and 1", fraction)}
	}
	key, err := loadTrainerKey(filepath.Join(data, "trainer.key"))
	if err != nil {
		return nil, err
	}
	opts := learn.Options{Arena: a, Dir: data, Base: embedded.Load, BaseName: embedded.Name, Model: embedded.Name, Key: key, Workers: workers, Logger: log}
	// The flag's default is learn.DefaultFraction, so a 0 here is the
	// operator's own and is honoured: no record is re-executed.
	if fraction == 0 {
		log.Warn("--verify-fraction 0: no training record is re-executed, so a trainer that fakes its training is never caught; records are still held to their jobs' pairs")
	}
	v := &learn.Verifier{Arena: a, Dir: data, Base: embedded.Load, Fraction: fraction, FractionSet: true, Logger: log}
	if bridge != nil {
		opts.Anchor = bridge.Anchor
		if bridge.Info("").ChainID == contracts.DevChainID {
			v.SlashOnChain(bridge) // the operator makes this chain's blocks: the verifier's beacon challenges
		} else {
			v.OnChain(bridge)
		}
	}
	l, err := learn.New(opts)
	if err != nil {
		return nil, err
	}
	wg.Go(func() { l.Run(ctx) })
	wg.Go(func() { v.Run(ctx, time.Minute) })
	return &wg, nil
}
