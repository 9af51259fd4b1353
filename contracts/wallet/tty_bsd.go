//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package wallet

import "golang.org/x/sys/unix"

// The ioctls that read and set a terminal's attributes on the BSDs.
const (
	ioctlGetTermios = unix.TIOCGETA
	ioctlSetTermios = unix.TIOCSETA
)
