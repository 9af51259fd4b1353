package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"testing"
	"unsafe"
)

// FuzzParse feeds Parse arbitrary bytes. It must return a File or an
// *Error, never panic; a File it returns must describe tensors that lie
// within data and tile the data buffer, that read back in their dtype, and
// whose F32 tensors encode and parse back to the same values.
//
// The seed corpus in testdata/fuzz/FuzzParse holds small valid files and a
// few corrupt ones; the cases of TestParseRejects are added here too.
func FuzzParse(f *testing.F) {
	for _, c := range rawRejectCases() {
		f.Add(c.file)
	}
	for _, c := range readRejectCases(f) {
		f.Add(c.file)
	}
	var buf bytes.Buffer
	tensors, meta := roundTripTensors()
	if err := Encode(&buf, tensors, meta); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.st", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.st" {
				t.Fatalf("error %v (%T) is not an *Error about the file", err, err)
			}
			return
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
		end := start + uintptr(len(data))
		var covered int64
		var f32 []Tensor
		for _, name := range file.Names() {
			in, ok := file.Info(name)
			if !ok || in.Name != name {
				t.Fatalf("Info(%q) = %+v, %v", name, in, ok)
			}
			size := in.DType.Size()
			if size == 0 {
				t.Fatalf("tensor %q has unknown dtype %q", name, in.DType)
			}
			b, err := file.Bytes(name)
			if err != nil {
				t.Fatalf("Bytes(%q): %v", name, err)
			}
			if len(b) != in.NumElements()*size || int64(len(b)) != in.Offsets[1]-in.Offsets[0] {
				t.Fatalf("Bytes(%q) has %d bytes; shape %v of %s, offsets %v", name, len(b), in.Shape, in.DType, in.Offsets)
			}
			if len(b) > 0 {
				p := uintptr(unsafe.Pointer(&b[0]))
				if p < start || p+uintptr(len(b)) > end {
					t.Fatalf("Bytes(%q) lies outside the data", name)
				}
			}
			covered += int64(len(b))
			v, err := file.Float32(name)
			switch in.DType {
			case F32, F16, BF16:
				if err != nil || len(v) != in.NumElements() {
					t.Fatalf("Float32(%q) = %d values, %v; want %d", name, len(v), err, in.NumElements())
				}
				if in.DType == F32 {
					f32 = append(f32, Tensor{Name: name, Shape: in.Shape, Data: slices.Clone(v)})
				}
			default:
				if !errors.Is(err, ErrNotFloat) {
					t.Fatalf("Float32(%q) of %s: %v, want ErrNotFloat", name, in.DType, err)
				}
			}
		}
		// The tensors tile the data buffer, so their sizes add up to it.
		if n := len(data) - 8 - int(binary.LittleEndian.Uint64(data)); covered != int64(n) {
			t.Fatalf("tensors cover %d bytes of a %d-byte data buffer", covered, n)
		}

		// The F32 tensors re-encode, and parse back bit for bit.
		var out bytes.Buffer
		meta := file.Metadata()
		if err := Encode(&out, f32, meta); err != nil {
			t.Fatalf("Encode of what Parse read: %v", err)
		}
		again, err := Parse("again", out.Bytes())
		if err != nil {
			t.Fatalf("Parse of re-encoded file: %v", err)
		}
		for _, tn := range f32 {
			v, err := again.Float32(tn.Name)
			if err != nil || len(v) != len(tn.Data) {
				t.Fatalf("re-encoded %q: %d values, %v", tn.Name, len(v), err)
			}
			for i := range v {
				if math.Float32bits(v[i]) != math.Float32bits(tn.Data[i]) {
					t.Fatalf("re-encoded %q[%d] = %v, want %v", tn.Name, i, v[i], tn.Data[i])
				}
			}
		}
		if got := again.Metadata(); len(got) != len(meta) {
			t.Fatalf("re-encoded metadata %q, want %q", got, meta)
		}
	})
}
