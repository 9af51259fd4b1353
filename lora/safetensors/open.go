package safetensors

import (
	"fmt"
	"io"
	"math"
	"os"
)

// Open memory-maps the file at path and parses its header (see [Parse] for
// what is checked). Tensor data is read lazily, page by page, as it is
// accessed. The file must not be truncated or rewritten in place while it
// is open: on Unix, touching pages that no longer exist kills the program.
// Files produced by [Write] are replaced by rename, which is safe.
//
// On systems without mmap support in golang.org/x/sys/unix the file is
// read into memory whole instead.
func Open(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	defer fh.Close() // a mapping outlives the descriptor it was made from
	st, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fileErr(path, "not a regular file")
	}
	size := st.Size()
	if size < 8 {
		// Too small to be valid, and mmap refuses empty files; read it so
		// Parse reports what is wrong.
		data, err := io.ReadAll(fh)
		if err != nil {
			return nil, fmt.Errorf("safetensors: %w", err)
		}
		return Parse(path, data)
	}
	if size > math.MaxInt {
		return nil, fileErr(path, "file is %d bytes, too large to map on this system", size)
	}
	data, unmap, err := mapFile(fh, int(size))
	if err != nil {
		return nil, fmt.Errorf("safetensors: %s: %w", path, err)
	}
	f, err := Parse(path, data)
	if err != nil {
		if unmap != nil {
			unmap()
		}
		return nil, err
	}
	f.unmap = unmap
	return f, nil
}
