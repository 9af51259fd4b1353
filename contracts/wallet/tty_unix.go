//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package wallet

import (
	"context"
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal reports whether f is a terminal: only terminals have
// terminal attributes.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	return err == nil
}

// readNoEcho reads a line from the terminal f with echo turned off, and
// turns it back on afterwards. Cancelling ctx (as Ctrl-C does to the
// arena command's context) abandons the read and restores echo at once.
func readNoEcho(ctx context.Context, f *os.File) (string, error) {
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return "", err
	}
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	// Line editing and Ctrl-C keep working while the password is typed.
	quiet.Lflag |= unix.ICANON | unix.ISIG
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &quiet); err != nil {
		return "", err
	}
	defer unix.IoctlSetTermios(fd, ioctlSetTermios, old)
	type result struct {
		line string
		err  error
	}
	// A read from a terminal cannot be interrupted, so it runs on its own;
	// on cancellation it is left blocked until the process exits.
	done := make(chan result, 1)
	go func() {
		line, err := readLine(f)
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
