package wallet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrNoTerminal is returned by a TerminalPrompt whose input is not a
// terminal: a password typed there would echo, and a password piped there
// would be read by accident, so the caller must name a password file.
var ErrNoTerminal = errors.New("standard input is not a terminal, so no password can be asked for")

// ReadPassword returns the password in file, or asks prompt for one when
// file is empty. From a file it takes the first line without its line
// ending, so files written by `echo` or an editor work; the rest of the
// line is the password, spaces included.
func ReadPassword(file string, prompt func() (string, error)) (string, error) {
	if file == "" {
		if prompt == nil {
			return "", errors.New("no password file given and no way to ask for a password")
		}
		return prompt()
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r"), nil
}

// TerminalPrompt returns a prompt for ReadPassword that writes msg to out
// and reads a line from the terminal in without echoing it; cancelling ctx
// abandons the prompt. If repeat is
// not empty it asks again with repeat and fails unless both answers are the
// same, as a new password should be typed twice. The prompt fails with
// ErrNoTerminal when in is not a terminal.
func TerminalPrompt(ctx context.Context, in *os.File, out io.Writer, msg, repeat string) func() (string, error) {
	return func() (string, error) {
		if !isTerminal(in) {
			return "", ErrNoTerminal
		}
		first, err := promptLine(ctx, in, out, msg)
		if err != nil || repeat == "" {
			return first, err
		}
		second, err := promptLine(ctx, in, out, repeat)
		if err != nil {
			return "", err
		}
		if first != second {
			return "", errors.New("the passwords do not match")
		}
		return first, nil
	}
}

// promptLine asks for one line without echo.
func promptLine(ctx context.Context, in *os.File, out io.Writer, msg string) (string, error) {
	fmt.Fprint(out, msg)
	line, err := readNoEcho(ctx, in)
	// The user's Enter was not echoed either: end the prompt's line.
	fmt.Fprintln(out)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return line, nil
}

// readLine reads bytes up to a newline one at a time, so nothing after the
// line is consumed from in, and drops a trailing carriage return.
func readLine(in io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := in.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
			continue
		}
		if errors.Is(err, io.EOF) && len(line) > 0 {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return strings.TrimSuffix(string(line), "\r"), nil
}
