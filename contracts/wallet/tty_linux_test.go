package wallet

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the test types into master, and the
// prompt reads from the terminal end.
func openPTY(t *testing.T) (master, term *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pty number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pty: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// promptWriter tells the test each time a prompt is written.
type promptWriter chan string

func (p promptWriter) Write(b []byte) (int, error) {
	if len(b) > 1 { // not the newline after an answer
		p <- string(b)
	}
	return len(b), nil
}

// echoOff reports whether the terminal's echo goes off within a second.
func echoOff(t *testing.T, term *os.File) bool {
	t.Helper()
	for range 100 {
		tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		if tio.Lflag&unix.ECHO == 0 {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func echoOn(t *testing.T, term *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

func TestTerminalPromptTurnsEchoOff(t *testing.T) {
	master, term := openPTY(t)
	if !echoOn(t, term) {
		t.Skip("the pty starts without echo")
	}
	prompts := make(promptWriter, 2)
	type result struct {
		pw  string
		err error
	}
	done := make(chan result, 1)
	go func() {
		pw, err := TerminalPrompt(t.Context(), term, prompts, "Password: ", "Again: ")()
		done <- result{pw, err}
	}()
	for _, want := range []string{"Password: ", "Again: "} {
		if got := <-prompts; got != want {
			t.Fatalf("prompt %q, want %q", got, want)
		}
		if !echoOff(t, term) {
			t.Fatalf("echo is on while %q waits for the password", want)
		}
		master.WriteString("pass word\n")
	}
	r := <-done
	if r.err != nil || r.pw != "pass word" {
		t.Fatalf("got %q, %v; want %q", r.pw, r.err, "pass word")
	}
	if !echoOn(t, term) {
		t.Error("echo stays off after the prompt")
	}
}

func TestTerminalPromptMismatch(t *testing.T) {
	master, term := openPTY(t)
	prompts := make(promptWriter, 2)
	done := make(chan error, 1)
	go func() {
		_, err := TerminalPrompt(t.Context(), term, prompts, "Password: ", "Again: ")()
		done <- err
	}()
	for _, answer := range []string{"one\n", "two\n"} {
		<-prompts
		echoOff(t, term)
		master.WriteString(answer)
	}
	if err := <-done; err == nil {
		t.Error("different passwords were accepted")
	}
}

func TestTerminalPromptCancel(t *testing.T) {
	_, term := openPTY(t)
	if !echoOn(t, term) {
		t.Skip("the pty starts without echo")
	}
	ctx, cancel := context.WithCancel(t.Context())
	prompts := make(promptWriter, 1)
	done := make(chan error, 1)
	go func() {
		_, err := TerminalPrompt(ctx, term, prompts, "Password: ", "")()
		done <- err
	}()
	<-prompts
	if !echoOff(t, term) {
		t.Fatal("echo is on at the prompt")
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled prompt: %v", err)
	}
	if !echoOn(t, term) {
		t.Error("echo stays off after a cancelled prompt")
	}
}
