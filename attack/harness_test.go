package attack

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/internal/syncbuf"
)

// arenaBin is the binary under attack: built from this checkout, or
// ARENA_ATTACK_BIN.
var arenaBin string

func TestMain(m *testing.M) {
	if bin := os.Getenv("ARENA_ATTACK_BIN"); bin != "" {
		arenaBin = bin
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "arena-attack")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	arenaBin = filepath.Join(dir, "arena")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", arenaBin, "github.com/rlfc/arena/cmd/arena")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building arena:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is an `arena serve --dev` a test started, on loopback ports the
// system picks.
type server struct {
	URL, RPC string
	// Players are the dev wallets it funded, with ETH on its dev chain.
	Players []*ecdsa.PrivateKey
	Data    string
	args    []string
	env     []string
	log     syncbuf.Buffer
	cmd     *exec.Cmd
	exited  chan struct{}
}

var (
	servingRe = regexp.MustCompile(`arena serving on (http://127\.0\.0\.1:\d+)`)
	chainRe   = regexp.MustCompile(`dev chain \d+ at (http://127\.0\.0\.1:\d+)`)
	playerRe  = regexp.MustCompile(`player \d+ +0x[0-9a-fA-F]{40} +key ([0-9a-f]{64})`)
)

// start runs `arena serve --dev` with a fixed match seed, a short wait
// before house agents fill a match, and no training (which would only
// compete for the CPU); extra flags come last and so win. The server is
// stopped when the test ends, and its log shown if the test failed.
func start(t *testing.T, extra ...string) *server {
	t.Helper()
	return startEnv(t, nil, extra...)
}

// startEnv is start with environment variables added, such as a flag's
// ARENA_ twin: a build that lacks the flag then ignores it and still
// starts, so the attack runs against it and shows what it lets through.
func startEnv(t *testing.T, env []string, extra ...string) *server {
	t.Helper()
	s := &server{Data: t.TempDir(), env: env}
	s.args = append([]string{"serve", "--dev", "--addr", "127.0.0.1:0", "--dev-rpc", "127.0.0.1:0",
		"--data", s.Data, "--seed", "7", "--house-wait", "300ms", "--batch-delay", "0", "--train=false"}, extra...)
	s.launch(t)
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("serve's log:\n%s", s.Log())
		}
	})
	// Cleanups run last first: this one while the server still serves.
	t.Cleanup(func() { s.logRefusals(t) })
	return s
}

// logRefusals logs the server's refusal counters, for the record of what
// an attack ran into (go test -v shows them).
func (s *server) logRefusals(t *testing.T) {
	resp, err := http.Get(s.URL + "/metrics")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var lines []string
	for line := range strings.Lines(string(body)) {
		if strings.HasPrefix(line, "arena_refusals_total{") {
			lines = append(lines, strings.TrimSpace(line))
		}
	}
	t.Logf("refusals: %s", strings.Join(lines, ", "))
}

// launch starts the process and waits until it serves.
func (s *server) launch(t *testing.T) {
	t.Helper()
	s.cmd = exec.Command(arenaBin, s.args...)
	s.cmd.Env = append(os.Environ(), s.env...)
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stderr = &s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.exited = make(chan struct{})
	go func() { s.cmd.Wait(); close(s.exited) }()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	s.URL, s.Players = "", nil
	timeout := time.After(60 * time.Second)
	for s.URL == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve exited before serving:\n%s", s.Log())
			}
			if m := chainRe.FindStringSubmatch(l); m != nil {
				s.RPC = m[1]
			}
			if m := playerRe.FindStringSubmatch(l); m != nil {
				k, err := crypto.HexToECDSA(m[1])
				if err != nil {
					t.Fatal(err)
				}
				s.Players = append(s.Players, k)
			}
			if m := servingRe.FindStringSubmatch(l); m != nil {
				s.URL = m[1]
			}
		case <-timeout:
			s.cmd.Process.Kill()
			t.Fatalf("serve did not start in 60s:\n%s", s.Log())
		}
	}
	go func() {
		for range lines { // keep the pipe drained
		}
	}()
}

// stop interrupts the server and waits for it, killing it after 30s.
func (s *server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// kill ends the server with SIGKILL, as a crash would, and waits for it.
func (s *server) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// restart starts the server again on the same data, after stop or kill.
// The dev chain is in process, so it starts anew too.
func (s *server) restart(t *testing.T) {
	t.Helper()
	s.launch(t)
}

// Log is what the server wrote to stderr so far.
func (s *server) Log() string { return s.log.String() }

// client is a client of the server, signed in with key when key is not
// nil.
func (s *server) client(t *testing.T, key *ecdsa.PrivateKey) *client.Client {
	t.Helper()
	c := client.New(s.URL)
	if key != nil {
		if _, err := c.SignIn(t.Context(), key); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// stranger is a client signed in with a new wallet that holds nothing: all
// an attacker needs for a free sign-in.
func (s *server) stranger(t *testing.T) (*client.Client, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return s.client(t, key), key
}

// paidTier is the contract Space of a paid tier of space, its fee in wei,
// and a client of the dev chain's contract (closed when the test ends).
func (s *server) paidTier(t *testing.T, space string, tier int) (uint64, *big.Int, *contracts.Client) {
	t.Helper()
	info, err := s.client(t, nil).Chain(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range info.Spaces {
		if cs.Space != space || cs.Tier != tier {
			continue
		}
		fee, ok := new(big.Int).SetString(cs.Fee, 10)
		if !ok {
			t.Fatalf("%s tier %d: fee %q", space, tier, cs.Fee)
		}
		chain, err := contracts.Dial(t.Context(), s.RPC, common.HexToAddress(info.Contract), big.NewInt(info.ChainID))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(chain.Close)
		return cs.ID, fee, chain
	}
	t.Fatalf("%s tier %d is not on chain: %+v", space, tier, info.Spaces)
	return 0, nil, nil
}

// waitMatch waits for the agent's first match to end and returns it.
func waitMatch(t *testing.T, c *client.Client, agent string, within time.Duration) api.Match {
	t.Helper()
	return waitMatchN(t, c, agent, 1, within)
}

// waitMatchN waits until the agent has played n matches and the newest
// has ended, and returns it.
func waitMatchN(t *testing.T, c *client.Client, agent string, n int, within time.Duration) api.Match {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ms, err := c.AgentMatches(t.Context(), agent, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == n && ms[0].Status != "running" {
			return ms[0]
		}
	}
	t.Fatalf("agent %s did not end match %d in %v", agent, n, within)
	return api.Match{}
}

// metric reads one sample from the server's /metrics: name with its
// labels as Prometheus writes them (`name{a="b"}`), or 0 when absent.
func (s *server) metric(t *testing.T, series string) float64 {
	t.Helper()
	body := s.get(t, "/metrics")
	for line := range strings.Lines(body) {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				t.Fatalf("metric %s: %v", series, err)
			}
			return v
		}
	}
	return 0
}

// get fetches a path and returns its body, failing the test on an error
// status.
func (s *server) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %.300s", path, resp.Status, body)
	}
	return string(body)
}

// dirSize is the bytes of every file under dir.
func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// within runs fn with a context that ends after d.
func within(t *testing.T, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), d)
}
