package safetensors

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxHeaderSize is the largest JSON header, in bytes, that Parse accepts.
// The limit is the reference implementation's; it stops a corrupt or
// hostile length from making a reader allocate or scan gigabytes before
// anything else has been checked.
const MaxHeaderSize = 100_000_000

// metadataKey is the one header key that is not a tensor.
const metadataKey = "__metadata__"

// Parse parses a safetensors file already in memory; name is used only in
// error messages. The File refers to data rather than copying it, so data
// must not be modified while the File is in use. Close on such a File
// releases nothing but makes later accesses fail.
//
// Parse rejects, with an [*Error] naming the file and the tensor concerned:
// a header length over [MaxHeaderSize] or past the end of data; a header
// that is not valid UTF-8, not a JSON object, or has anything but
// whitespace after the object; duplicate keys; a tensor entry missing
// dtype, shape or data_offsets; an unknown dtype; a negative dimension or a
// shape whose byte size overflows; data_offsets that end before they
// begin, lie outside the data buffer, or do not hold exactly the bytes the
// shape needs; and tensors that overlap or leave any byte of the data
// buffer unused.
func Parse(name string, data []byte) (*File, error) {
	if len(data) < 8 {
		return nil, fileErr(name, "file is %d bytes, too short to hold the 8-byte header length", len(data))
	}
	n := binary.LittleEndian.Uint64(data)
	if n > MaxHeaderSize {
		return nil, fileErr(name, "header length %d exceeds the limit of %d bytes", n, MaxHeaderSize)
	}
	if n > uint64(len(data)-8) {
		return nil, fileErr(name, "header length %d runs past the end of the %d-byte file", n, len(data))
	}
	p := headerParser{file: name, bufLen: int64(len(data)) - 8 - int64(n)}
	if err := p.parse(data[8 : 8+n]); err != nil {
		return nil, err
	}
	if err := p.checkLayout(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(p.infos))
	for k := range p.infos {
		names = append(names, k)
	}
	slices.Sort(names)
	return &File{name: name, buf: data[8+n:], infos: p.infos, names: names, meta: p.meta}, nil
}

// headerParser reads the JSON header token by token rather than with
// json.Unmarshal, because Unmarshal silently keeps the last of duplicate
// keys and the format forbids them.
type headerParser struct {
	file   string
	bufLen int64 // size of the data buffer, which offsets must stay within
	dec    *json.Decoder
	infos  map[string]Info
	meta   map[string]string
}

func (p *headerParser) parse(header []byte) error {
	if !utf8.Valid(header) {
		return fileErr(p.file, "header is not valid UTF-8")
	}
	// The format requires the object to start the header; only trailing
	// padding is allowed.
	if len(header) == 0 || header[0] != '{' {
		return fileErr(p.file, "header is not a JSON object: it starts with %q", preview(header))
	}
	p.dec = json.NewDecoder(bytes.NewReader(header))
	p.dec.UseNumber()
	p.infos = make(map[string]Info)
	if err := p.expectDelim('{', ""); err != nil {
		return err
	}
	seenMeta := false
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntaxErr(err)
		}
		key, ok := tok.(string)
		if !ok { // json.Decoder already refuses non-string keys; be safe
			return fileErr(p.file, "header is not valid JSON: object key %v is not a string", tok)
		}
		if key == metadataKey {
			if seenMeta {
				return fileErr(p.file, "duplicate key %q in header", key)
			}
			seenMeta = true
			if err := p.parseMetadata(); err != nil {
				return err
			}
			continue
		}
		if _, dup := p.infos[key]; dup {
			return tensorErr(p.file, key, "duplicate key in header")
		}
		in, err := p.parseTensor(key)
		if err != nil {
			return err
		}
		p.infos[key] = in
	}
	if err := p.expectDelim('}', ""); err != nil {
		return err
	}
	rest := header[p.dec.InputOffset():]
	if len(bytes.TrimLeft(rest, " \t\r\n")) != 0 {
		return fileErr(p.file, "header has %q after the JSON object; only space padding may follow it", preview(bytes.TrimLeft(rest, " \t\r\n")))
	}
	return nil
}

// preview shortens b for an error message.
func preview(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "..."
	}
	return string(b)
}

func (p *headerParser) syntaxErr(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fileErr(p.file, "header is not valid JSON: %v", err)
}

// expectDelim reads the next token and checks that it is d. tensor names
// the entry being read, for the error message, or is "" at the top level.
func (p *headerParser) expectDelim(d json.Delim, tensor string) error {
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntaxErr(err)
	}
	if tok != d {
		if tensor == "" {
			return fileErr(p.file, "header is not a JSON object: expected %q, found %v", d, tok)
		}
		return tensorErr(p.file, tensor, "expected %q in its entry, found %v", d, tok)
	}
	return nil
}

func (p *headerParser) parseMetadata() error {
	tok, err := p.dec.Token()
	if err != nil {
		return p.syntaxErr(err)
	}
	if tok == nil { // the reference implementation accepts null
		return nil
	}
	if tok != json.Delim('{') {
		return fileErr(p.file, "%s is %v, not an object of strings", metadataKey, tok)
	}
	p.meta = make(map[string]string)
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntaxErr(err)
		}
		key, _ := tok.(string)
		tok, err = p.dec.Token()
		if err != nil {
			return p.syntaxErr(err)
		}
		val, ok := tok.(string)
		if !ok {
			return fileErr(p.file, "%s key %q has value %v, not a string", metadataKey, key, tok)
		}
		if _, dup := p.meta[key]; dup {
			return fileErr(p.file, "duplicate key %q in %s", key, metadataKey)
		}
		p.meta[key] = val
	}
	return p.expectDelim('}', "")
}

// parseTensor reads one tensor's entry and checks it against everything
// but the other tensors.
func (p *headerParser) parseTensor(name string) (Info, error) {
	in := Info{Name: name}
	var offs []uint64
	var haveDType, haveShape, haveOffsets bool
	if err := p.expectDelim('{', name); err != nil {
		return in, err
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return in, p.syntaxErr(err)
		}
		key, _ := tok.(string)
		var dup bool
		switch key {
		case "dtype":
			dup, haveDType = haveDType, true
			tok, err := p.dec.Token()
			if err != nil {
				return in, p.syntaxErr(err)
			}
			s, ok := tok.(string)
			if !ok {
				return in, tensorErr(p.file, name, "dtype is %v, not a string", tok)
			}
			in.DType = DType(s)
		case "shape":
			dup, haveShape = haveShape, true
			dims, err := p.parseUints(name, key)
			if err != nil {
				return in, err
			}
			in.Shape = make([]int, len(dims))
			for i, d := range dims {
				if d > math.MaxInt {
					return in, tensorErr(p.file, name, "shape dimension %d is too large", d)
				}
				in.Shape[i] = int(d)
			}
		case "data_offsets":
			dup, haveOffsets = haveOffsets, true
			if offs, err = p.parseUints(name, key); err != nil {
				return in, err
			}
		default:
			// Unknown fields are ignored, as the reference implementation
			// does; Decode checks their syntax.
			var skip json.RawMessage
			if err := p.dec.Decode(&skip); err != nil {
				return in, p.syntaxErr(err)
			}
		}
		if dup {
			return in, tensorErr(p.file, name, "duplicate key %q in its entry", key)
		}
	}
	if err := p.expectDelim('}', name); err != nil {
		return in, err
	}
	switch {
	case !haveDType:
		return in, tensorErr(p.file, name, "entry has no dtype")
	case !haveShape:
		return in, tensorErr(p.file, name, "entry has no shape")
	case !haveOffsets:
		return in, tensorErr(p.file, name, "entry has no data_offsets")
	case len(offs) != 2:
		return in, tensorErr(p.file, name, "data_offsets has %d entries, want 2", len(offs))
	}

	size := in.DType.Size()
	if size == 0 {
		return in, tensorErr(p.file, name, "unknown dtype %q", in.DType)
	}
	numel, ok := numElements(in.Shape)
	hi, nbytes := bits.Mul64(uint64(numel), uint64(size))
	if !ok || hi != 0 || nbytes > math.MaxInt64 {
		return in, tensorErr(p.file, name, "shape %v of %s is too large: its byte size overflows", in.Shape, in.DType)
	}
	begin, end := offs[0], offs[1]
	switch {
	case end < begin:
		return in, tensorErr(p.file, name, "data_offsets [%d %d] end before they begin", begin, end)
	case end > uint64(p.bufLen):
		return in, tensorErr(p.file, name, "data_offsets [%d %d] lie outside the %d-byte data buffer", begin, end, p.bufLen)
	case end-begin != nbytes:
		return in, tensorErr(p.file, name, "data_offsets [%d %d] hold %d bytes, shape %v of %s needs %d", begin, end, end-begin, in.Shape, in.DType, nbytes)
	}
	in.Offsets = [2]int64{int64(begin), int64(end)}
	return in, nil
}

// parseUints reads a JSON array of non-negative integers, the value of the
// entry field called field of tensor name.
func (p *headerParser) parseUints(name, field string) ([]uint64, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntaxErr(err)
	}
	if tok != json.Delim('[') {
		return nil, tensorErr(p.file, name, "%s is %v, not an array", field, tok)
	}
	vals := []uint64{}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.syntaxErr(err)
		}
		num, ok := tok.(json.Number)
		if !ok {
			return nil, tensorErr(p.file, name, "%s holds %v, not a number", field, tok)
		}
		s := string(num)
		if strings.HasPrefix(s, "-") {
			return nil, tensorErr(p.file, name, "%s holds negative number %s", field, s)
		}
		v, err := strconv.ParseUint(s, 10, 64)
		if errors.Is(err, strconv.ErrRange) {
			return nil, tensorErr(p.file, name, "%s holds %s, which is too large", field, s)
		}
		if err != nil {
			return nil, tensorErr(p.file, name, "%s holds %s, not an integer", field, s)
		}
		vals = append(vals, v)
	}
	if err := p.expectDelim(']', name); err != nil {
		return nil, err
	}
	return vals, nil
}

// numElements returns the product of shape, reporting false if a dimension
// is negative or the product does not fit in an int. A zero dimension makes
// the product 0 however large the others are.
func numElements(shape []int) (int, bool) {
	zero := false
	for _, d := range shape {
		if d < 0 {
			return 0, false
		}
		zero = zero || d == 0
	}
	if zero {
		return 0, true
	}
	n := 1
	for _, d := range shape {
		hi, lo := bits.Mul64(uint64(n), uint64(d))
		if hi != 0 || lo > math.MaxInt {
			return 0, false
		}
		n = int(lo)
	}
	return n, true
}

// checkLayout checks that the tensors tile the data buffer exactly: no two
// share a byte and none is left over. Holes are refused as the reference
// implementation refuses them, since they could smuggle data past readers.
func (p *headerParser) checkLayout() error {
	order := make([]Info, 0, len(p.infos))
	for _, in := range p.infos {
		order = append(order, in)
	}
	slices.SortFunc(order, func(a, b Info) int {
		return cmp.Or(cmp.Compare(a.Offsets[0], b.Offsets[0]),
			cmp.Compare(a.Offsets[1], b.Offsets[1]),
			strings.Compare(a.Name, b.Name))
	})
	var end int64  // where the tensors so far stop
	var last *Info // the non-empty tensor that ends at end, if any
	for i := range order {
		in := &order[i]
		b, e := in.Offsets[0], in.Offsets[1]
		switch {
		case b < end:
			return tensorErr(p.file, in.Name, "data_offsets [%d %d] overlap tensor %q at %v", b, e, last.Name, last.Offsets)
		case b > end:
			return tensorErr(p.file, in.Name, "data_offsets [%d %d] leave a hole: bytes [%d %d] of the data buffer belong to no tensor", b, e, end, b)
		}
		if e > b {
			end, last = e, in
		}
	}
	if end != p.bufLen {
		return fileErr(p.file, "tensors cover %d bytes of the %d-byte data buffer, leaving a hole at the end", end, p.bufLen)
	}
	return nil
}
