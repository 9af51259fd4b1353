// Package safetensors reads and writes the safetensors tensor file format.
//
// A safetensors file is an 8-byte little-endian header length N, then N
// bytes of UTF-8 JSON describing each tensor (dtype, shape, and the byte
// range of its data), then the data buffer itself:
//
//	{"__metadata__": {"format": "pt"},
//	 "model.norm.weight": {"dtype": "BF16", "shape": [896], "data_offsets": [0, 1792]}}
//
// [Open] memory-maps a file, so opening a multi-gigabyte model costs little
// more than parsing its header, and F32 tensors can be handed out without
// copying. The header is checked as strictly as the reference
// implementation checks it (see [Parse]) because model files come from
// elsewhere: every later access can then trust the offsets without further
// checks.
//
// [Write] and [Encode] produce F32 files that other safetensors readers
// (Python's safetensors, candle, ...) load.
package safetensors

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync/atomic"
	"unsafe"
)

// ErrNotFound is wrapped by the error returned when a tensor name is not in
// the file.
var ErrNotFound = errors.New("no such tensor")

// ErrClosed is wrapped by the error returned when a tensor is requested
// from a File that has been closed.
var ErrClosed = errors.New("file is closed")

// ErrNotFloat is wrapped by the error [File.Float32] returns for a tensor
// whose dtype it does not convert (anything but F32, F16 and BF16).
var ErrNotFloat = errors.New("dtype cannot be read as float32")

// Error describes something wrong with a safetensors file or with a request
// about one of its tensors. Its message names the file and, when the
// problem concerns one tensor, the tensor:
//
//	safetensors: model.safetensors: tensor "model.norm.weight": data_offsets [0 12] hold 12 bytes, shape [4] of F16 needs 8
type Error struct {
	File   string // name given to Open or Parse; "" for Encode
	Tensor string // the tensor concerned, if ForTensor
	Err    error  // what is wrong

	// ForTensor says the error concerns Tensor. It is separate from Tensor
	// because "" is a legal tensor name.
	ForTensor bool
}

func (e *Error) Error() string {
	s := "safetensors: "
	if e.File != "" {
		s += e.File + ": "
	}
	if e.ForTensor {
		s += fmt.Sprintf("tensor %q: ", e.Tensor)
	}
	return s + e.Err.Error()
}

// Unwrap returns e.Err, so errors.Is finds ErrNotFound and the like.
func (e *Error) Unwrap() error { return e.Err }

func fileErr(file string, format string, args ...any) *Error {
	return &Error{File: file, Err: fmt.Errorf(format, args...)}
}

func tensorErr(file, tensor string, format string, args ...any) *Error {
	return &Error{File: file, Tensor: tensor, ForTensor: true, Err: fmt.Errorf(format, args...)}
}

// Info describes one tensor of a file.
type Info struct {
	Name  string
	DType DType
	Shape []int // empty for a scalar

	// Offsets are the tensor's first and one-past-last byte, relative to
	// the start of the data buffer that follows the header.
	Offsets [2]int64
}

// NumElements returns the product of the shape: 1 for a scalar, 0 if any
// dimension is 0. For an Info from a parsed file it cannot overflow, as
// Parse rejects such shapes.
func (i Info) NumElements() int {
	n := 1
	for _, d := range i.Shape {
		n *= d
	}
	return n
}

// File is a parsed safetensors file. Its methods are safe for concurrent
// use, except that Close must not race with the others.
type File struct {
	name  string
	buf   []byte // the data buffer: everything after the header
	infos map[string]Info
	names []string // sorted
	meta  map[string]string

	closed atomic.Bool
	unmap  func() error // releases the mapping made by Open; nil for Parse
}

// Close releases the file's memory mapping. Slices returned by Bytes and
// Float32 that share the file's memory must not be used afterwards: with
// the mapping gone, touching them crashes the program. Closing twice is
// harmless.
func (f *File) Close() error {
	if f.closed.Swap(true) || f.unmap == nil {
		return nil
	}
	if err := f.unmap(); err != nil {
		return fmt.Errorf("safetensors: %s: unmapping: %w", f.name, err)
	}
	return nil
}

// Name returns the name the file was opened or parsed under, the one its
// errors carry.
func (f *File) Name() string { return f.name }

// Names returns the names of all tensors, sorted. The slice is the
// caller's to keep.
func (f *File) Names() []string { return slices.Clone(f.names) }

// Info describes the named tensor, reporting false if there is none.
func (f *File) Info(name string) (Info, bool) {
	in, ok := f.infos[name]
	in.Shape = slices.Clone(in.Shape) // so callers cannot alter what others see
	return in, ok
}

// Metadata returns the header's "__metadata__" map (nil if there is none).
// The map is a copy, the caller's to keep.
func (f *File) Metadata() map[string]string { return maps.Clone(f.meta) }

// Bytes returns the raw little-endian bytes of the named tensor, in the
// file's dtype. The slice shares the file's memory: it is valid until Close
// and must not be written (a memory-mapped file is mapped read-only; for
// Parse it would alter the caller's buffer).
func (f *File) Bytes(name string) ([]byte, error) {
	_, b, err := f.lookup(name)
	return b, err
}

func (f *File) lookup(name string) (Info, []byte, error) {
	if f.closed.Load() {
		return Info{}, nil, &Error{File: f.name, Tensor: name, ForTensor: true, Err: ErrClosed}
	}
	in, ok := f.infos[name]
	if !ok {
		return Info{}, nil, &Error{File: f.name, Tensor: name, ForTensor: true, Err: ErrNotFound}
	}
	lo, hi := in.Offsets[0], in.Offsets[1]
	// The capacity is capped so that an append cannot run into the next
	// tensor's bytes.
	return in, f.buf[lo:hi:hi], nil
}

// littleEndian reports whether the host stores numbers little-endian, in
// which case F32 data in the file already is a valid []float32.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Float32 returns the named tensor's elements as float32, in row-major
// order. F16 and BF16 are converted exactly (subnormals, infinities and
// NaNs included); any other dtype gives an error wrapping [ErrNotFloat].
//
// F32 data is not copied when it is 4-byte aligned in memory on a
// little-endian host, which is always so for files written by [Write] and
// opened with [Open]: the slice then shares the file's memory, is valid
// only until Close, and must not be written (the mapping is read-only and a
// write crashes the program). Callers that need to modify the values must
// copy them first. In every other case the result is a new slice the
// caller owns.
func (f *File) Float32(name string) ([]float32, error) {
	in, b, err := f.lookup(name)
	if err != nil {
		return nil, err
	}
	switch in.DType {
	case F32:
		n := len(b) / 4
		if n == 0 {
			return []float32{}, nil
		}
		if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
			return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), n), nil
		}
		out := make([]float32, n)
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
		return out, nil
	case F16:
		out := make([]float32, len(b)/2)
		for i := range out {
			out[i] = Float16ToFloat32(uint16(b[2*i]) | uint16(b[2*i+1])<<8)
		}
		return out, nil
	case BF16:
		out := make([]float32, len(b)/2)
		for i := range out {
			out[i] = BFloat16ToFloat32(uint16(b[2*i]) | uint16(b[2*i+1])<<8)
		}
		return out, nil
	}
	return nil, &Error{File: f.name, Tensor: name, ForTensor: true,
		Err: fmt.Errorf("%w: it is %s (only F32, F16 and BF16 are)", ErrNotFloat, in.DType)}
}
