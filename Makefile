# Arena's entry points. `make run` and `make test` work on a fresh machine
# with Go installed; nothing else is downloaded but Go modules.

GO      ?= go
PKGS    ?= ./...
# Packages whose tests exercise concurrency run again under the race detector.
RACE    ?= ./lora ./lora/ops ./lora/tokenizer ./internal/... ./agents ./judges ./store ./arena \
           ./arena/server ./arena/client ./arena/auth ./arena/onchain ./arena/learn ./contracts ./tui
FUZZTIME ?= 30s

.PHONY: run test bench lint fuzz build contracts

run:
	$(GO) run ./cmd/arena demo

build:
	CGO_ENABLED=0 $(GO) build -o bin/arena ./cmd/arena

test: lint
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -race -short $(RACE)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./lora/... | tee bench.txt
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./arena ./store | tee -a bench.txt

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Runs every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Recompiles the Solidity sources (needs Node; solc and OpenZeppelin are pinned
# in contracts/package-lock.json) and regenerates the Go bindings with the
# abigen pinned in go.mod. Only needed when a contract changes: the build
# outputs and bindings are committed, and a test checks they are current.
contracts:
	cd contracts && npm ci --no-audit --no-fund && node build.mjs
	cd contracts && $(GO) tool abigen --v2 --abi build/SpaceStake.abi --bin build/SpaceStake.bin \
	  --pkg spacestake --type SpaceStake --out spacestake/spacestake.go
	cd contracts && $(GO) tool abigen --v2 --abi build/ReentrantWithdrawer.abi --bin build/ReentrantWithdrawer.bin \
	  --pkg testcontracts --type ReentrantWithdrawer --out internal/testcontracts/reentrantwithdrawer.go
	cd contracts && $(GO) tool abigen --v2 --abi build/TestToken.abi --bin build/TestToken.bin \
	  --pkg testcontracts --type TestToken --out internal/testcontracts/testtoken.go
