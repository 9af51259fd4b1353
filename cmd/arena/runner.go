package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/lora/ops"
)

// runRunner is `arena runner`: it plays one of the player's Remote agents
// on their own hardware until interrupted.
func runRunner(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("runner", "", "Plays your remote agent on this machine: connects to the server as the agent's owner,\n"+
		"receives its generation requests and streams the replies back, reconnecting after a drop.\n"+
		"It serves the embedded model, a Hugging Face model directory (--model), or an\n"+
		"OpenAI-compatible endpoint (--endpoint with --model-name). The model it serves must be\n"+
		"the one the agent declares, or the server refuses it. Stop it with Ctrl-C.")
	serverURL := f.String("server", "http://127.0.0.1:7070", "the arena server's `URL`")
	agent := f.String("agent", "", "`id` of the agent to play (required; you must own it and it must be remote)")
	keyFile := f.String("key-file", "", "`file` holding the owner's wallet key: a hex private key, or a keystore V3 JSON file with --password-file (required)")
	passwordFile := f.String("password-file", "", "`file` holding the keystore's password")
	model := f.String("model", "", "Hugging Face model `dir`ectory to serve (empty without --endpoint: the embedded model)")
	adapters := f.String("adapters", "", "`dir`ectory of adapter versions (PEFT layout, one directory each) for requests that name one")
	endpoint := f.String("endpoint", "", "OpenAI-compatible API base `URL` to serve from instead, as in http://127.0.0.1:8000/v1")
	modelName := f.String("model-name", "", "the model --endpoint serves, or the name of --model's model (default: its directory's name); the agent must declare it")
	apiKeyFile := f.String("api-key-file", "", "`file` holding --endpoint's API key")
	kernels := f.String("kernels", "", "kernel `set` the embedded engine computes with: "+strings.Join(ops.KernelSets(), ", ")+
		" (default: the best, "+ops.Kernels()+"); replies verify whichever set wrote them")
	verbose := f.Bool("verbose", false, "log every request")
	if err := f.parseNone(args, stdout); err != nil {
		return err
	}
	switch {
	case *agent == "":
		return usageError{errors.New("--agent is required")}
	case *keyFile == "":
		return usageError{errors.New("--key-file is required (the wallet key of the agent's owner)")}
	case *endpoint != "" && *model != "":
		return usageError{errors.New("give --model (a local model) or --endpoint (with --model-name), not both")}
	case *endpoint != "" && *modelName == "":
		return usageError{errors.New("--endpoint needs --model-name, the model it serves")}
	case *endpoint == "" && *apiKeyFile != "":
		return usageError{errors.New("--api-key-file goes with --endpoint")}
	case *endpoint == "" && *model == "" && *modelName != "":
		return usageError{errors.New("--model-name names the model of --endpoint or --model; the embedded model is " + embedded.Name)}
	case *endpoint != "" && *kernels != "":
		return usageError{errors.New("--kernels sets the embedded engine's kernels, which --endpoint does not use")}
	case *endpoint != "" && *adapters != "":
		return usageError{errors.New("--adapters works with a local model, not --endpoint")}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	if *kernels != "" {
		if err := ops.UseKernels(*kernels); err != nil {
			return usageError{err}
		}
	}
	key, err := readWalletKey(*keyFile, *passwordFile)
	if err != nil {
		return err
	}
	policy, err := runnerPolicy(*model, *adapters, *endpoint, *modelName, *apiKeyFile)
	if err != nil {
		return err
	}
	if *endpoint == "" {
		log.Info("kernels", "set", ops.Kernels(), "available", strings.Join(ops.KernelSets(), ","))
	}

	c := client.New(*serverURL)
	for {
		if _, err := c.SignIn(ctx, key); err != nil {
			return fmt.Errorf("signing in to %s: %w", *serverURL, err)
		}
		log.Info("signed in", "address", crypto.PubkeyToAddress(key.PublicKey).Hex(), "server", *serverURL)
		began := time.Now()
		err := c.ServeRunner(ctx, *agent, policy, log)
		if ctx.Err() != nil {
			return nil // interrupted: the normal way to stop
		}
		// A token that expired while the runner was connected is refused
		// when it reconnects: sign in again. A fresh token refused at
		// once would be refused again, so that is an error.
		if client.IsStatus(err, http.StatusUnauthorized) && time.Since(began) > time.Minute {
			log.Info("token refused on reconnecting; signing in again", "err", err)
			continue
		}
		return err
	}
}

// runnerPolicy is the backend a runner serves with.
func runnerPolicy(model, adapters, endpoint, modelName, apiKeyFile string) (agents.Policy, error) {
	if endpoint != "" {
		var apiKey string
		if apiKeyFile != "" {
			b, err := os.ReadFile(apiKeyFile)
			if err != nil {
				return nil, err
			}
			apiKey = strings.TrimSpace(string(b))
		}
		p, err := agents.NewOpenAI(agents.OpenAIOptions{BaseURL: endpoint, Model: modelName, APIKey: apiKey})
		if err != nil {
			return nil, err
		}
		return client.WithModel(p, modelName), nil
	}
	name := embedded.Name
	var m *lora.Model
	var err error
	if model == "" {
		m, err = embedded.Model()
	} else {
		name = modelName
		if name == "" {
			name = filepath.Base(filepath.Clean(model))
		}
		m, err = lora.Load(model)
	}
	if err != nil {
		return nil, err
	}
	var ad agents.Adapters
	if adapters != "" {
		ad = &agents.AdapterDir{Root: adapters, Model: m}
	}
	return client.WithModel(agents.NewEmbedded(m, ad), name), nil
}

// readWalletKey reads a private key from a file: 64 hex digits, or a
// keystore V3 JSON file unlocked with the password in passwordFile. Keys
// and passwords are read from files only, never taken as flag values,
// which other users of the machine could read in the process list.
func readWalletKey(keyFile, passwordFile string) (*ecdsa.PrivateKey, error) {
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		if passwordFile != "" {
			return nil, usageError{fmt.Errorf("--password-file is for keystore files, and %s holds a plain hex key", keyFile)}
		}
		k, err := crypto.LoadECDSA(keyFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (want 64 hex digits, or a keystore JSON file)", keyFile, err)
		}
		return k, nil
	}
	if passwordFile == "" {
		return nil, usageError{fmt.Errorf("%s is a keystore file: give its password with --password-file", keyFile)}
	}
	pw, err := os.ReadFile(passwordFile)
	if err != nil {
		return nil, err
	}
	// Only the line ending is dropped: spaces may be part of a password.
	password := strings.TrimRight(string(pw), "\r\n")
	k, err := keystore.DecryptKey(b, password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keyFile, err)
	}
	return k.PrivateKey, nil
}
