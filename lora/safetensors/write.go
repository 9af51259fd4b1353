package safetensors

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tensor is a named float32 tensor to be written. Data holds the elements
// in row-major order; its length must be the product of Shape (1 for the
// scalar shape []).
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

// Write writes tensors to path as an F32 safetensors file, with metadata
// (which may be nil) under "__metadata__". The layout is that of [Encode].
//
// The file is replaced atomically: the data goes to a temporary file in the
// same directory, is synced to disk, and is then renamed over path, so a
// crash leaves either the old file or the complete new one, and a File
// already open on the old one keeps reading it unharmed.
func Write(path string, tensors []Tensor, metadata map[string]string) (err error) {
	header, err := encodeHeader(path, tensors, metadata)
	if err != nil {
		return err
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("safetensors: writing %s: %w", path, err)
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := writeData(w, header, tensors); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// CreateTemp makes the file private (0600); model files are not
	// secrets and should be as readable as any other written file.
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// Encode writes tensors to w in the safetensors format, every tensor as
// F32. The bytes are exactly those [Write] puts in a file: the
// "__metadata__" entry first (omitted when metadata is empty), then the
// tensors sorted by name, their data laid out in that order; the header is
// padded with spaces so that the data buffer starts 8-byte aligned, which
// lets readers use F32 data in place.
//
// Nothing is written if the tensors are invalid: a name used twice, the
// reserved name "__metadata__", a name or metadata string that is not valid
// UTF-8, a negative dimension, or len(Data) different from the product of
// Shape.
func Encode(w io.Writer, tensors []Tensor, metadata map[string]string) error {
	header, err := encodeHeader("", tensors, metadata)
	if err != nil {
		return err
	}
	if err := writeData(w, header, tensors); err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	return nil
}

// encodeHeader validates the tensors and returns the length prefix and the
// padded JSON header. file names the destination in errors.
func encodeHeader(file string, tensors []Tensor, metadata map[string]string) ([]byte, error) {
	byName := make(map[string]bool, len(tensors))
	for _, t := range tensors {
		switch {
		case byName[t.Name]:
			return nil, tensorErr(file, t.Name, "name used twice")
		case t.Name == metadataKey:
			return nil, tensorErr(file, t.Name, "name is reserved for metadata")
		case !utf8.ValidString(t.Name):
			return nil, tensorErr(file, t.Name, "name is not valid UTF-8")
		}
		byName[t.Name] = true
		n, ok := numElements(t.Shape)
		if !ok {
			return nil, tensorErr(file, t.Name, "shape %v has a negative dimension or too many elements", t.Shape)
		}
		if n != len(t.Data) {
			return nil, tensorErr(file, t.Name, "data has %d values, shape %v needs %d", len(t.Data), t.Shape, n)
		}
	}
	for k, v := range metadata {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return nil, fileErr(file, "metadata %q: %q is not valid UTF-8", k, v)
		}
	}

	h := []byte("........{") // room for the length prefix, filled in below
	if len(metadata) > 0 {
		h = appendJSONString(h, metadataKey)
		h = append(h, ":{"...)
		for i, k := range slices.Sorted(maps.Keys(metadata)) {
			if i > 0 {
				h = append(h, ',')
			}
			h = appendJSONString(h, k)
			h = append(h, ':')
			h = appendJSONString(h, metadata[k])
		}
		h = append(h, '}')
	}
	var offset int64
	for i, t := range sortedTensors(tensors) {
		if i > 0 || len(metadata) > 0 {
			h = append(h, ',')
		}
		h = appendJSONString(h, t.Name)
		h = append(h, `:{"dtype":"F32","shape":[`...)
		for j, d := range t.Shape {
			if j > 0 {
				h = append(h, ',')
			}
			h = strconv.AppendInt(h, int64(d), 10)
		}
		end := offset + 4*int64(len(t.Data))
		h = append(h, `],"data_offsets":[`...)
		h = strconv.AppendInt(h, offset, 10)
		h = append(h, ',')
		h = strconv.AppendInt(h, end, 10)
		h = append(h, "]}"...)
		offset = end
	}
	h = append(h, '}')
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	binary.LittleEndian.PutUint64(h, uint64(len(h)-8))
	return h, nil
}

// sortedTensors returns tensors sorted by name without reordering the
// caller's slice.
func sortedTensors(tensors []Tensor) []Tensor {
	s := slices.Clone(tensors)
	slices.SortFunc(s, func(a, b Tensor) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// appendJSONString appends s, which must be valid UTF-8, as a JSON string.
// It escapes only what JSON requires, unlike encoding/json, which also
// escapes <, > and & for the sake of HTML.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// writeData writes the header and then each tensor's data in name order.
func writeData(w io.Writer, header []byte, tensors []Tensor) error {
	if _, err := w.Write(header); err != nil {
		return err
	}
	buf := make([]byte, 64<<10)
	for _, t := range sortedTensors(tensors) {
		for data := t.Data; len(data) > 0; {
			n := min(len(data), len(buf)/4)
			for i, v := range data[:n] {
				binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
			}
			if _, err := w.Write(buf[:4*n]); err != nil {
				return err
			}
			data = data[n:]
		}
	}
	return nil
}
