# Arena's entry points. `make run` and `make test` work on a fresh machine
# with Go installed; nothing else is downloaded but Go modules.

GO      ?= go
PKGS    ?= ./...
# Packages whose tests exercise concurrency run again under the race detector.
RACE    ?= ./lora ./lora/ops ./lora/tokenizer ./internal/... ./agents ./judges ./store ./arena
FUZZTIME ?= 30s

.PHONY: run test bench lint fuzz build

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
