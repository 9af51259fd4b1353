package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// build assembles a safetensors file from a header and a data buffer.
func build(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	b = append(b, header...)
	return append(b, data...)
}

// randomTensor fills a tensor of the given shape with values from r, some
// of them special (NaN with a payload, infinities, zeros of both signs,
// subnormals), which must all come back bit for bit.
func randomTensor(r *rand.Rand, name string, shape ...int) Tensor {
	n := 1
	for _, d := range shape {
		n *= d
	}
	special := []float32{
		float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1)),
		math.Float32frombits(0x7fc01234), math.Float32frombits(0xff800001),
		math.SmallestNonzeroFloat32, math.MaxFloat32,
	}
	data := make([]float32, n)
	for i := range data {
		if r.IntN(8) == 0 {
			data[i] = special[r.IntN(len(special))]
		} else {
			data[i] = float32(r.NormFloat64())
		}
	}
	return Tensor{Name: name, Shape: shape, Data: data}
}

func roundTripTensors() ([]Tensor, map[string]string) {
	r := rand.New(rand.NewPCG(1, 2))
	tensors := []Tensor{
		randomTensor(r, "model.layers.0.attn.q.weight", 8, 16),
		randomTensor(r, "bias", 16),
		randomTensor(r, "scalar"),                // shape []: one element
		randomTensor(r, "empty", 0),              // no elements, no bytes
		randomTensor(r, "empty.middle", 3, 0, 5), // a zero dimension among others
		randomTensor(r, "", 2),                   // the empty name is legal
		randomTensor(r, "odd \"name\" \\ with\tcontrol\x01 and ünïcode ✓", 3),
		randomTensor(r, "cube", 2, 3, 4),
	}
	meta := map[string]string{
		"format":  "pt",
		"note":    "quotes \" backslash \\ newline \n <html> & ✓",
		"":        "empty key",
		"empty":   "",
		"control": "\x00\x1f",
	}
	return tensors, meta
}

// checkFile checks that f holds exactly tensors and meta.
func checkFile(t *testing.T, f *File, tensors []Tensor, meta map[string]string) {
	t.Helper()
	var want []string
	for _, tn := range tensors {
		want = append(want, tn.Name)
	}
	slices.Sort(want)
	if got := f.Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	if got := f.Metadata(); !maps.Equal(got, meta) {
		t.Errorf("Metadata() = %q, want %q", got, meta)
	}
	for _, tn := range tensors {
		in, ok := f.Info(tn.Name)
		if !ok {
			t.Errorf("Info(%q) missing", tn.Name)
			continue
		}
		if in.Name != tn.Name || in.DType != F32 || !slices.Equal(in.Shape, tn.Shape) {
			t.Errorf("Info(%q) = %+v, want F32 shape %v", tn.Name, in, tn.Shape)
		}
		if in.Shape == nil {
			t.Errorf("Info(%q).Shape is nil, want an empty slice for a scalar", tn.Name)
		}
		if in.NumElements() != len(tn.Data) {
			t.Errorf("Info(%q).NumElements() = %d, want %d", tn.Name, in.NumElements(), len(tn.Data))
		}
		b, err := f.Bytes(tn.Name)
		if err != nil {
			t.Errorf("Bytes(%q): %v", tn.Name, err)
		} else if len(b) != 4*len(tn.Data) || cap(b) != len(b) {
			t.Errorf("Bytes(%q) has len %d cap %d, want %d", tn.Name, len(b), cap(b), 4*len(tn.Data))
		}
		got, err := f.Float32(tn.Name)
		if err != nil {
			t.Errorf("Float32(%q): %v", tn.Name, err)
			continue
		}
		if len(got) != len(tn.Data) {
			t.Errorf("Float32(%q) has %d values, want %d", tn.Name, len(got), len(tn.Data))
			continue
		}
		for i := range got {
			if math.Float32bits(got[i]) != math.Float32bits(tn.Data[i]) {
				t.Errorf("Float32(%q)[%d] = %v (%#x), want %v (%#x)", tn.Name, i,
					got[i], math.Float32bits(got[i]), tn.Data[i], math.Float32bits(tn.Data[i]))
				break
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	tensors, meta := roundTripTensors()
	order := slices.Clone(tensors) // Write must not reorder the caller's slice
	path := filepath.Join(t.TempDir(), "model.safetensors")
	if err := Write(path, tensors, meta); err != nil {
		t.Fatal(err)
	}
	for i := range tensors {
		if tensors[i].Name != order[i].Name {
			t.Fatalf("Write reordered its argument")
		}
	}
	var buf bytes.Buffer
	if err := Encode(&buf, tensors, meta); err != nil {
		t.Fatal(err)
	}
	disk, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(disk, buf.Bytes()) {
		t.Fatalf("Encode gave %d bytes that differ from the %d Write put in the file", buf.Len(), len(disk))
	}
	if n := binary.LittleEndian.Uint64(disk); (8+n)%8 != 0 {
		t.Errorf("data buffer starts at %d, not 8-byte aligned", 8+n)
	}

	t.Run("Open", func(t *testing.T) {
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.Name() != path {
			t.Errorf("Name() = %q, want %q", f.Name(), path)
		}
		checkFile(t, f, tensors, meta)
	})
	t.Run("Parse", func(t *testing.T) {
		f, err := Parse("mem", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		checkFile(t, f, tensors, meta)
	})
	t.Run("Unaligned", func(t *testing.T) {
		// Shifted by one byte the F32 data cannot be used in place, so
		// Float32 must copy and still give the same values.
		shifted := append([]byte{0}, buf.Bytes()...)[1:]
		f, err := Parse("shifted", shifted)
		if err != nil {
			t.Fatal(err)
		}
		checkFile(t, f, tensors, meta)
	})
	t.Run("Deterministic", func(t *testing.T) {
		// Map iteration order must not leak into the bytes.
		for range 5 {
			var again bytes.Buffer
			if err := Encode(&again, tensors, maps.Clone(meta)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Fatal("Encode is not deterministic")
			}
		}
	})
}

func TestRoundTripNoTensors(t *testing.T) {
	for _, meta := range []map[string]string{nil, {}, {"k": "v"}} {
		var buf bytes.Buffer
		if err := Encode(&buf, nil, meta); err != nil {
			t.Fatal(err)
		}
		f, err := Parse("none", buf.Bytes())
		if err != nil {
			t.Fatalf("metadata %v: %v", meta, err)
		}
		if len(f.Names()) != 0 {
			t.Errorf("Names() = %q, want none", f.Names())
		}
		if got := f.Metadata(); len(got) != len(meta) || len(meta) > 0 && !maps.Equal(got, meta) {
			t.Errorf("Metadata() = %v, want %v", got, meta)
		}
	}
}

func TestInfoAndNamesAreCopies(t *testing.T) {
	tensors, meta := roundTripTensors()
	var buf bytes.Buffer
	if err := Encode(&buf, tensors, meta); err != nil {
		t.Fatal(err)
	}
	f, err := Parse("copies", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	in, _ := f.Info("cube")
	in.Shape[0] = 99
	names := f.Names()
	names[0] = "changed"
	m := f.Metadata()
	m["format"] = "changed"
	if in2, _ := f.Info("cube"); in2.Shape[0] != 2 {
		t.Error("changing Info's Shape changed the file")
	}
	if f.Names()[0] == "changed" {
		t.Error("changing Names' slice changed the file")
	}
	if f.Metadata()["format"] != "pt" {
		t.Error("changing Metadata's map changed the file")
	}
	if _, ok := f.Info("absent"); ok {
		t.Error("Info of an absent tensor reported true")
	}
}

func TestWriteReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.safetensors")
	old := []Tensor{{Name: "w", Shape: []int{4}, Data: []float32{1, 2, 3, 4}}}
	if err := Write(path, old, nil); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	newer := []Tensor{{Name: "w", Shape: []int{2, 2}, Data: []float32{5, 6, 7, 8}}, {Name: "x", Shape: []int{}, Data: []float32{9}}}
	if err := Write(path, newer, map[string]string{"step": "2"}); err != nil {
		t.Fatal(err)
	}
	// The open File still reads the file it opened.
	checkFile(t, f, old, nil)
	g, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	checkFile(t, g, newer, map[string]string{"step": "2"})

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only the written file", names)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("file mode %v, want 0644", st.Mode().Perm())
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	tests := []struct {
		name     string
		tensors  []Tensor
		meta     map[string]string
		tensor   string // the tensor the error names, if any
		noTensor bool
		want     string
	}{
		{name: "duplicate", tensors: []Tensor{{Name: "a", Shape: []int{1}, Data: []float32{1}}, {Name: "a", Shape: []int{1}, Data: []float32{2}}},
			tensor: "a", want: "name used twice"},
		{name: "reserved", tensors: []Tensor{{Name: "__metadata__", Shape: []int{1}, Data: []float32{1}}},
			tensor: "__metadata__", want: "reserved"},
		{name: "bad UTF-8 name", tensors: []Tensor{{Name: "a\xff", Shape: []int{1}, Data: []float32{1}}},
			tensor: "a\xff", want: "UTF-8"},
		{name: "negative dim", tensors: []Tensor{{Name: "n", Shape: []int{2, -1}, Data: nil}},
			tensor: "n", want: "negative dimension"},
		{name: "overflowing shape", tensors: []Tensor{{Name: "o", Shape: []int{math.MaxInt, 3}, Data: nil}},
			tensor: "o", want: "too many elements"},
		{name: "too few values", tensors: []Tensor{{Name: "s", Shape: []int{2, 3}, Data: make([]float32, 5)}},
			tensor: "s", want: "data has 5 values, shape [2 3] needs 6"},
		{name: "scalar without value", tensors: []Tensor{{Name: "s", Shape: nil, Data: nil}},
			tensor: "s", want: "needs 1"},
		{name: "bad UTF-8 metadata", meta: map[string]string{"k": "\xc3"}, noTensor: true, want: "not valid UTF-8"},
		{name: "bad UTF-8 metadata key", meta: map[string]string{"\xc3": "v"}, noTensor: true, want: "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tt.tensors, tt.meta)
			checkErr(t, err, "", tt.tensor, !tt.noTensor, tt.want)
			if buf.Len() != 0 {
				t.Errorf("Encode wrote %d bytes before failing", buf.Len())
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "bad.safetensors")
			err = Write(path, tt.tensors, tt.meta)
			checkErr(t, err, path, tt.tensor, !tt.noTensor, tt.want)
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("Write left %d files behind", len(entries))
			}
		})
	}
}

// checkErr checks that err is an *Error about file (and tensor, when
// forTensor) whose message contains want, and that the message names the
// file and the tensor.
func checkErr(t *testing.T, err error, file, tensor string, forTensor bool, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "safetensors: ") {
		t.Errorf("message %q does not start with the package name", msg)
	}
	if e.File != file {
		t.Errorf("Error.File = %q, want %q (message %q)", e.File, file, msg)
	}
	if file != "" && !strings.Contains(msg, file) {
		t.Errorf("message %q does not name the file %q", msg, file)
	}
	if e.ForTensor != forTensor || forTensor && e.Tensor != tensor {
		t.Errorf("Error names tensor %q (ForTensor %v), want %q (%v); message %q", e.Tensor, e.ForTensor, tensor, forTensor, msg)
	}
	if forTensor && !strings.Contains(msg, fmt.Sprintf("tensor %q", tensor)) {
		t.Errorf("message %q does not name tensor %q", msg, tensor)
	}
	if !strings.Contains(msg, want) {
		t.Errorf("message %q does not contain %q", msg, want)
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "m.st", Err: errors.New("bad")}, "safetensors: m.st: bad"},
		{Error{File: "m.st", Tensor: "w", ForTensor: true, Err: errors.New("bad")}, `safetensors: m.st: tensor "w": bad`},
		{Error{File: "m.st", Tensor: "", ForTensor: true, Err: errors.New("bad")}, `safetensors: m.st: tensor "": bad`},
		{Error{Tensor: "w", ForTensor: true, Err: errors.New("bad")}, `safetensors: tensor "w": bad`},
		{Error{Err: errors.New("bad")}, "safetensors: bad"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	header := `{"ints":{"dtype":"I32","shape":[2],"data_offsets":[0,8]},` +
		`"flags":{"dtype":"BOOL","shape":[3],"data_offsets":[8,11]},` +
		`"f":{"dtype":"F32","shape":[],"data_offsets":[11,15]}}`
	data := []byte{1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 1, 0, 1, 0, 0, 0x80, 0x3f}
	f, err := Parse("ints.st", build(header, data))
	if err != nil {
		t.Fatal(err)
	}
	// Tensors of any known dtype can be read as bytes.
	if b, err := f.Bytes("ints"); err != nil || !bytes.Equal(b, data[:8]) {
		t.Errorf("Bytes(ints) = %v, %v", b, err)
	}
	if b, err := f.Bytes("flags"); err != nil || !bytes.Equal(b, []byte{1, 0, 1}) {
		t.Errorf("Bytes(flags) = %v, %v", b, err)
	}
	if v, err := f.Float32("f"); err != nil || len(v) != 1 || v[0] != 1 {
		t.Errorf("Float32(f) = %v, %v", v, err)
	}
	for _, name := range []string{"ints", "flags"} {
		_, err := f.Float32(name)
		if !errors.Is(err, ErrNotFloat) {
			t.Errorf("Float32(%s) error %v does not wrap ErrNotFloat", name, err)
		}
		checkErr(t, err, "ints.st", name, true, "only F32, F16 and BF16")
	}
	for _, get := range []func(string) error{
		func(n string) error { _, err := f.Bytes(n); return err },
		func(n string) error { _, err := f.Float32(n); return err },
	} {
		err := get("nope")
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("error %v does not wrap ErrNotFound", err)
		}
		checkErr(t, err, "ints.st", "nope", true, "no such tensor")
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	for _, name := range []string{"f", "nope"} {
		_, err := f.Float32(name)
		if !errors.Is(err, ErrClosed) {
			t.Errorf("Float32(%s) after Close: %v does not wrap ErrClosed", name, err)
		}
		checkErr(t, err, "ints.st", name, true, "closed")
		if _, err := f.Bytes(name); !errors.Is(err, ErrClosed) {
			t.Errorf("Bytes(%s) after Close: %v does not wrap ErrClosed", name, err)
		}
	}
}

func TestOpenClosed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.safetensors")
	if err := Write(path, []Tensor{{Name: "a", Shape: []int{2}, Data: []float32{1, 2}}}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	_, err = f.Float32("a")
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("Float32 after Close: %v", err)
	}
	checkErr(t, err, path, "a", true, "closed")
	// Metadata and names stay readable: they are not in the mapping.
	if !slices.Equal(f.Names(), []string{"a"}) {
		t.Errorf("Names() after Close = %q", f.Names())
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()

	_, err := Open(filepath.Join(dir, "missing.safetensors"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: %v does not wrap fs.ErrNotExist", err)
	}

	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = Open(sub)
	checkErr(t, err, sub, "", false, "not a regular file")

	for _, content := range [][]byte{nil, {1, 2, 3}, {1, 0, 0, 0, 0, 0, 0}} {
		short := filepath.Join(dir, "short")
		if err := os.WriteFile(short, content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = Open(short)
		checkErr(t, err, short, "", false, "too short")
	}

	// A corrupt file that is mapped is rejected the same way Parse rejects
	// it, and the mapping is released.
	bad := filepath.Join(dir, "bad")
	header := `{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`
	if err := os.WriteFile(bad, build(header, make([]byte, 4)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(bad)
	checkErr(t, err, bad, "w", true, "outside")
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name   string
		header string
		data   int
		meta   map[string]string
		shapes map[string][]int
	}{
		{name: "null metadata", header: `{"__metadata__":null,"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, data: 4,
			shapes: map[string][]int{"a": {1}}},
		{name: "metadata last", header: `{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"__metadata__":{"x":"y"}}`, data: 4,
			meta: map[string]string{"x": "y"}, shapes: map[string][]int{"a": {1}}},
		{name: "unknown fields ignored", header: `{"a":{"extra":[{"deep":[1,2,{}]}],"dtype":"F16","shape":[2],"data_offsets":[0,4],"more":null}}`, data: 4,
			shapes: map[string][]int{"a": {2}}},
		{name: "trailing padding", header: "{\"a\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[0,2]}} \t\r\n  ", data: 2,
			shapes: map[string][]int{"a": {}}},
		{name: "whitespace inside", header: "{ \"a\" : { \"dtype\" : \"U8\" , \"shape\" : [ 3 ] , \"data_offsets\" : [ 0 , 3 ] } }", data: 3,
			shapes: map[string][]int{"a": {3}}},
		{name: "empty tensors at both ends", header: `{"e0":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},` +
			`"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"e1":{"dtype":"F16","shape":[4,0],"data_offsets":[8,8]}}`, data: 8,
			shapes: map[string][]int{"e0": {0}, "a": {1}, "e1": {4, 0}}},
		{name: "two empty tensors at one offset", header: `{"x":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"y":{"dtype":"F64","shape":[0],"data_offsets":[0,0]}}`,
			shapes: map[string][]int{"x": {0}, "y": {0}}},
		{name: "huge zero-size shape", header: `{"z":{"dtype":"F64","shape":[9223372036854775807,0,9223372036854775807],"data_offsets":[0,0]}}`,
			shapes: map[string][]int{"z": {math.MaxInt, 0, math.MaxInt}}},
		{name: "escaped names", header: `{"a\u00e9\n\"":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}`, data: 1,
			shapes: map[string][]int{"aé\n\"": {1}}},
		{name: "all dtypes", header: `{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[8,9]},` +
			`"c":{"dtype":"F8_E5M2","shape":[1],"data_offsets":[9,10]},"d":{"dtype":"I16","shape":[1],"data_offsets":[10,12]},` +
			`"e":{"dtype":"U16","shape":[1],"data_offsets":[12,14]},"f":{"dtype":"U32","shape":[1],"data_offsets":[14,18]},` +
			`"g":{"dtype":"U64","shape":[1],"data_offsets":[18,26]}}`, data: 26,
			shapes: map[string][]int{"a": {1}, "b": {1}, "c": {1}, "d": {1}, "e": {1}, "f": {1}, "g": {1}}},
		{name: "empty", header: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("ok.st", build(tt.header, make([]byte, tt.data)))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Metadata(); !maps.Equal(got, tt.meta) {
				t.Errorf("Metadata() = %v, want %v", got, tt.meta)
			}
			if got, want := f.Names(), slices.Sorted(maps.Keys(tt.shapes)); !slices.Equal(got, want) {
				t.Errorf("Names() = %q, want %q", got, want)
			}
			for name, shape := range tt.shapes {
				in, _ := f.Info(name)
				if !slices.Equal(in.Shape, shape) {
					t.Errorf("Info(%q).Shape = %v, want %v", name, in.Shape, shape)
				}
				b, err := f.Bytes(name)
				if err != nil || int64(len(b)) != in.Offsets[1]-in.Offsets[0] {
					t.Errorf("Bytes(%q) = %d bytes, %v", name, len(b), err)
				}
			}
		})
	}
}

func TestDTypeSize(t *testing.T) {
	sizes := map[DType]int{F64: 8, F32: 4, F16: 2, BF16: 2, F8E4M3: 1, F8E5M2: 1,
		I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
		"": 0, "f32": 0, "F128": 0, "C64": 0}
	for d, want := range sizes {
		if got := d.Size(); got != want {
			t.Errorf("%q.Size() = %d, want %d", d, got, want)
		}
	}
}

func TestConcurrentReads(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var tensors []Tensor
	for i := range 8 {
		tensors = append(tensors, randomTensor(r, string(rune('a'+i)), 64, 8))
	}
	path := filepath.Join(t.TempDir(), "c.safetensors")
	if err := Write(path, tensors, nil); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				tn := tensors[(g+i)%len(tensors)]
				v, err := f.Float32(tn.Name)
				if err != nil || len(v) != len(tn.Data) {
					t.Errorf("Float32(%q): %d values, %v", tn.Name, len(v), err)
					return
				}
				if _, ok := f.Info(tn.Name); !ok {
					t.Errorf("Info(%q) missing", tn.Name)
				}
				_ = f.Names()
			}
		})
	}
	wg.Wait()
}
