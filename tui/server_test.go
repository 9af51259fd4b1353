package tui

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/muesli/termenv"
	"github.com/rlfc/arena/contracts"
	"github.com/rlfc/arena/contracts/wallet"
	"github.com/rlfc/arena/internal/syncbuf"
)

// arenaBin is the arena binary the tests build: they drive a real
// `arena serve --dev`, and the end-to-end test runs `arena tui` itself.
var arenaBin string

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	dir, err := os.MkdirTemp("", "arena-tui-test")
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

// devServer is an `arena serve --dev` run by a test, on loopback ports the
// system picks.
type devServer struct {
	URL, RPC string
	Players  []*ecdsa.PrivateKey // the dev wallets it funded
	Data     string
	log      syncbuf.Buffer
}

var (
	servingRe = regexp.MustCompile(`arena serving on (http://127\.0\.0\.1:\d+)`)
	chainRe   = regexp.MustCompile(`dev chain \d+ at (http://127\.0\.0\.1:\d+)`)
	playerRe  = regexp.MustCompile(`player \d+ +0x[0-9a-fA-F]{40} +key ([0-9a-f]{64})`)
)

// startDevServer starts the server with a fixed match seed and a short
// wait before house agents fill a match, and stops it when the test ends.
func startDevServer(t *testing.T) *devServer {
	t.Helper()
	s := &devServer{Data: t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, arenaBin, "serve", "--dev", "--addr", "127.0.0.1:0", "--dev-rpc", "127.0.0.1:0",
		"--data", s.Data, "--seed", "7", "--house-wait", "300ms")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &s.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := cmd.Wait(); err != nil && t.Failed() {
			t.Logf("serve: %v", err)
		}
		if t.Failed() {
			t.Logf("serve's log:\n%s", s.log.String())
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(60 * time.Second)
	for s.URL == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve exited before serving:\n%s", s.log.String())
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
			t.Fatal("serve did not start in 60s")
		}
	}
	go func() {
		for range lines { // keep the pipe drained
		}
	}()
	return s
}

// keystore is a light-scrypt keystore holding key, if not nil.
func keystore(t *testing.T, key *ecdsa.PrivateKey, password string) *wallet.Wallets {
	t.Helper()
	ws, err := wallet.Open(wallet.Options{Dir: filepath.Join(t.TempDir(), "keystore"), Light: true})
	if err != nil {
		t.Fatal(err)
	}
	if key != nil {
		if _, err := ws.Import(fmt.Appendf(nil, "%x", crypto.FromECDSA(key)), "", password); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

// keys turns a key name or text into the message bubbletea would send.
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// waitCredit waits until the contract credits addr with winnings: a
// match's settlement lands a moment after its result.
func (s *devServer) waitCredit(t *testing.T, chain *contracts.Client, addr common.Address) *big.Int {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		credit, err := chain.Credit(t.Context(), common.Address{}, addr)
		if err != nil {
			t.Fatal(err)
		}
		if credit.Sign() > 0 {
			return credit
		}
	}
	t.Fatalf("no winnings credited to %s in 60s", addr.Hex())
	return nil
}
