package tui

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts/wallet"
)

// step is a page's input: keys to send, then the texts to wait for (all
// of them, drawn in any order after the keys).
type step struct {
	keys []string
	wait []string
}

func press(wait string, keys ...string) step { return step{keys, []string{wait}} }

// until is press for several texts.
func until(wait []string, keys ...string) step { return step{keys, wait} }

// screen runs m at 80×24, plays the steps and returns the last screen,
// with what changes from run to run (ids, hashes, times, ports, gas
// prices) masked.
func screen(t *testing.T, m *Model, steps ...step) string {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	for _, st := range steps {
		for _, k := range st.keys {
			tm.Send(keyMsg(k))
		}
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, w := range st.wait {
				if !bytes.Contains(b, []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(90*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(20*time.Second)).(*Model)
	return mask(final, final.View())
}

var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`), "<uuid>"},
	{regexp.MustCompile(`Nonce: [0-9a-zA-Z]+`), "Nonce: <nonce>"},
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`), "<time>"},
	{regexp.MustCompile(`\d\d-\d\d \d\d:\d\d`), "<date>"},
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:<port>"},
	{regexp.MustCompile(`tx 0x[0-9a-f]{4}…[0-9a-f]{4}`), "tx <hash>"},
	{regexp.MustCompile(`[0-9.]+ gwei`), "<n> gwei"},
	// Gas varies with the calldata's zero bytes, and so with the agent's
	// random id.
	{regexp.MustCompile(`gas( +)[0-9,]+ at most`), "gas$1<n> at most"},
	{regexp.MustCompile(`(max gas fee|at most|balance) +[0-9.]+ ETH`), "$1 <n> ETH"},
}

func mask(m *Model, s string) string {
	s = strings.ReplaceAll(s, m.s.wallets.Dir(), "<keystore>")
	for _, mk := range masks {
		s = mk.re.ReplaceAllStringFunc(s, func(match string) string {
			return sameWidth(mk.re.ReplaceAllString(match, mk.with), len([]rune(match)))
		})
	}
	return s
}

// sameWidth pads or cuts a mask to the width of what it hides, so that
// boxes and columns stay aligned in the golden files.
func sameWidth(s string, n int) string {
	r := []rune(s)
	if len(r) >= n {
		return string(r[:n])
	}
	return s + strings.Repeat("_", n-len(r))
}

// signedIn is the UI signed in as key, opened at tab.
func signedIn(t *testing.T, srv *devServer, ws *wallet.Wallets, key *ecdsa.PrivateKey, at tab) *Model {
	t.Helper()
	m := New(context.Background(), Options{Server: srv.URL, Wallets: ws})
	if _, err := m.s.api.SignIn(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	m.s.key, m.s.addr = key, crypto.PubkeyToAddress(key.PublicKey)
	m.init = m.open(at)
	t.Cleanup(m.s.close)
	return m
}

// player1 is the first dev wallet, which the tests import.
const player1 = "0x8231A2194223cb9a87F6c8A724a5f0427e6a115d"

// TestScreens draws every screen at 80×24 against a real `arena serve
// --dev`, in the order a player meets them, and compares each with its
// golden file (go test ./tui -run TestScreens -update rewrites them).
func TestScreens(t *testing.T) {
	srv := startDevServer(t)
	ws := keystore(t, srv.Players[0], "password1")

	t.Run("signin", func(t *testing.T) {
		m := New(context.Background(), Options{Server: srv.URL, Wallets: ws})
		golden.RequireEqual(t, []byte(screen(t, m, press(player1))))
	})
	t.Run("signin-message", func(t *testing.T) {
		m := New(context.Background(), Options{Server: srv.URL, Wallets: ws})
		golden.RequireEqual(t, []byte(screen(t, m,
			press(player1),
			press("Unlock", "enter"),
			press("Sign it?", "password1", "enter"))))
	})
	t.Run("agent-form", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabAgents)
		golden.RequireEqual(t, []byte(screen(t, m,
			press("no agents yet"),
			press("New agent", "n"),
			press("outside [0, 2]", "alice", "tab", "tab", "Answer with the number only.", "tab", "backspace", "backspace", "backspace", "3"))))
	})
	t.Run("agents", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabAgents)
		golden.RequireEqual(t, []byte(screen(t, m,
			press("no agents yet"),
			press("New agent", "n"),
			until([]string{"saved agent", "alice  arena-base"}, "alice", "tab", "tab", "Answer with the number only.", "tab", "backspace", "backspace", "backspace", "0.2", "ctrl+s"))))
	})
	t.Run("spaces", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabSpaces)
		golden.RequireEqual(t, []byte(screen(t, m, press("tic-tac-toe"))))
	})
	// Staking alice into sum-duel's first paid tier, up to the question.
	stake := []step{
		press("tic-tac-toe"),
		press("payout:", "down", "down", "enter"),
		press("Enter which agent?", "e"),
		press("Send it?", "right", "enter"),
	}
	t.Run("enter-confirm", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabSpaces)
		golden.RequireEqual(t, []byte(screen(t, m, stake...)))
	})
	t.Run("match", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabSpaces)
		golden.RequireEqual(t, []byte(screen(t, m, append(stake,
			press("has started", "y"),
			until([]string{"Final ranking", "alice             paid"}, "w"))...)))
	})
	t.Run("leaderboard", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabLeaderboard)
		golden.RequireEqual(t, []byte(screen(t, m,
			press("tic-tac-toe"),
			press("preference pairs", "right", "right"))))
	})
	t.Run("history", func(t *testing.T) {
		m := signedIn(t, srv, ws, srv.Players[0], tabAgents)
		golden.RequireEqual(t, []byte(screen(t, m,
			press("alice"),
			press("Adapter versions", "enter"))))
	})
	t.Run("wallet", func(t *testing.T) {
		srv.waitCredit(t, srv.dial(t), crypto.PubkeyToAddress(srv.Players[0].PublicKey))
		m := signedIn(t, srv, ws, srv.Players[0], tabWallet)
		golden.RequireEqual(t, []byte(screen(t, m,
			press("winnings credited"),
			press("Send it?", "w"))))
	})
}
