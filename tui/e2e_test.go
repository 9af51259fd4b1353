package tui

import (
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/contracts"
)

// tmuxSession runs a command in a detached tmux session on a server of
// its own (so a developer's tmux is never touched).
type tmuxSession struct {
	t      *testing.T
	socket string
}

func startTmux(t *testing.T, width, height int, command string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("ARENA_REQUIRE_TMUX") == "1" {
			t.Fatal("tmux is not installed, and ARENA_REQUIRE_TMUX=1")
		}
		t.Skip("tmux is not installed")
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("arena-test-%d", os.Getpid())}
	s.run("new-session", "-d", "-s", "tui", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), command)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends key names (Enter, Tab, Down, C-s...) as tmux knows them.
func (s *tmuxSession) keys(k ...string) { s.run(append([]string{"send-keys", "-t", "tui"}, k...)...) }

// text types literal text.
func (s *tmuxSession) text(text string) { s.run("send-keys", "-t", "tui", "-l", text) }

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "tui") }

// waitFor polls the screen until it shows want, and returns it.
func (s *tmuxSession) waitFor(want string, within time.Duration) string {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		sc := s.screen()
		if strings.Contains(sc, want) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q in %v; it shows:\n%s", want, within, sc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var addressRe = regexp.MustCompile(`0x[0-9a-fA-F]{40}`)

// TestPlayFirstMatchUnderTmux is a player's first session in a real
// terminal: create a wallet, sign in, create an agent, stake into
// sum-duel, watch the match to its end, see the payout credited, and
// withdraw it. NO_COLOR is set, and the terminal is resized midway.
func TestPlayFirstMatchUnderTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("an end-to-end session takes a while")
	}
	srv := startDevServer(t)
	data := t.TempDir()
	tm := startTmux(t, 100, 30, fmt.Sprintf("env ARENA_KEYSTORE_LIGHT=1 NO_COLOR=1 %s tui --server %s --data %s 2>%s",
		arenaBin, srv.URL, data, filepath.Join(data, "tui.log")))

	tm.waitFor("create a new wallet", 20*time.Second)
	tm.keys("Enter")
	tm.waitFor("choose its password", 5*time.Second)
	tm.text("correct horse")
	tm.keys("Tab")
	tm.text("correct horse")
	tm.keys("Enter")
	sc := tm.waitFor("Sign it?", 20*time.Second)
	addr := common.HexToAddress(addressRe.FindString(sc))
	if addr == (common.Address{}) {
		t.Fatalf("no address in the sign-in message:\n%s", sc)
	}
	// A friend sends the new wallet some ETH to play with.
	chain := srv.dial(t)
	if _, err := chain.Transfer(t.Context(), srv.Players[3], addr, big.NewInt(1e17)); err != nil {
		t.Fatal(err)
	}
	tm.keys("y")
	tm.waitFor("no agents yet", 20*time.Second)

	tm.keys("n")
	tm.waitFor("New agent", 5*time.Second)
	tm.text("first-light")
	tm.keys("C-s")
	tm.waitFor("saved agent first-light", 10*time.Second)

	// A resize redraws the frame to fit.
	tm.run("resize-window", "-t", "tui", "-x", "80", "-y", "24")
	sc = tm.waitFor("first-light", 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	sc = tm.screen()
	lines := strings.Split(strings.TrimRight(sc, "\n"), "\n")
	if len(lines) != 24 || !strings.Contains(lines[23], "q quit") {
		t.Errorf("after resizing to 80x24 the help bar is not on the last line:\n%s", sc)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80 columns: %q", l)
		}
	}

	tm.keys("2")
	tm.waitFor("tic-tac-toe", 10*time.Second)
	tm.keys("Down", "Down", "Enter")
	tm.waitFor("payout:", 10*time.Second)
	tm.keys("e")
	tm.waitFor("Enter which agent?", 5*time.Second)
	tm.keys("Right", "Enter")
	tm.waitFor("Send it?", 20*time.Second)
	tm.keys("y")
	tm.waitFor("has started", 90*time.Second)
	tm.keys("w")
	sc = tm.waitFor("Final ranking", 120*time.Second)
	if !strings.Contains(sc, "first-light") || !strings.Contains(sc, "paid") {
		t.Errorf("the final ranking shows no payout:\n%s", sc)
	}

	// The settlement lands a moment after the result.
	credit := srv.waitCredit(t, chain, addr)
	tm.keys("4")
	tm.waitFor("winnings credited", 20*time.Second)
	want := "winnings credited  " + eth(credit) + " ETH"
	tm.waitFor(want, 20*time.Second)
	tm.keys("w")
	tm.waitFor("Send it?", 20*time.Second)
	tm.keys("y")
	tm.waitFor("withdrew "+eth(credit)+" ETH", 30*time.Second)
	tm.waitFor("winnings credited  0 ETH", 10*time.Second)
	if left, err := chain.Credit(t.Context(), common.Address{}, addr); err != nil || left.Sign() != 0 {
		t.Errorf("credit after the withdrawal: %v, %v", left, err)
	}

	// q quits, which ends the session.
	tm.keys("q")
	for deadline := time.Now().Add(10 * time.Second); exec.Command("tmux", "-L", tm.socket, "has-session", "-t", "tui").Run() == nil; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", tm.screen())
		}
	}
	if log, _ := os.ReadFile(filepath.Join(data, "tui.log")); len(log) > 0 {
		t.Errorf("arena tui wrote to stderr:\n%s", log)
	}
}

// dial connects to the dev server's chain.
func (s *devServer) dial(t *testing.T) *contracts.Client {
	t.Helper()
	info, err := client.New(s.URL).Chain(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	chain, err := contracts.Dial(t.Context(), s.RPC, common.HexToAddress(info.Contract), big.NewInt(info.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(chain.Close)
	return chain
}
