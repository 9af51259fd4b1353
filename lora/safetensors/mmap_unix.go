//go:build aix || darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package safetensors

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps size bytes of fh read-only. The unmap function releases the
// mapping.
func mapFile(fh *os.File, size int) (data []byte, unmap func() error, err error) {
	data, err = unix.Mmap(int(fh.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, &os.PathError{Op: "mmap", Path: fh.Name(), Err: err}
	}
	return data, func() error { return unix.Munmap(data) }, nil
}

// syncDir flushes dir's entries to disk, so a file just renamed into it
// survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
