//go:build !(aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package safetensors

import (
	"io"
	"os"
)

// mapFile reads the whole file, for systems where golang.org/x/sys/unix
// offers no mmap. The nil unmap function means there is nothing to
// release: the garbage collector frees the data.
func mapFile(fh *os.File, size int) (data []byte, unmap func() error, err error) {
	data = make([]byte, size)
	if _, err := io.ReadFull(fh, data); err != nil {
		return nil, nil, err
	}
	return data, nil, nil
}

// syncDir does nothing: outside Unix, directories cannot be opened for
// syncing (Windows) and the rename is already as durable as it gets.
func syncDir(dir string) error { return nil }
