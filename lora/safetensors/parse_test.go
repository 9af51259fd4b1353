package safetensors

import (
	"bufio"
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"testing"
)

// rejectCase is one corrupt file that Parse must refuse.
type rejectCase struct {
	name   string
	file   []byte
	tensor string // the tensor the error names, if hasTensor
	has    bool
	want   string // a fragment of the message
}

// readRejectCases reads testdata/reject.txt (its format is described at the
// top of the file).
func readRejectCases(t testing.TB) []rejectCase {
	fh, err := os.Open("testdata/reject.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var cases []rejectCase
	var c rejectCase
	var header string
	var data int
	flush := func() {
		if c.name != "" {
			c.file = build(header, make([]byte, data))
			cases = append(cases, c)
		}
		c, header, data = rejectCase{}, "", 0
	}
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		key, val, _ := strings.Cut(line, " ")
		val = strings.TrimLeft(val, " ")
		switch key {
		case "case":
			c.name = val
		case "header":
			header = val
		case "data":
			if data, err = strconv.Atoi(val); err != nil {
				t.Fatalf("reject.txt:%d: %v", n, err)
			}
		case "tensor":
			c.tensor, c.has = val, true
		case "error":
			c.want = val
		default:
			t.Fatalf("reject.txt:%d: unknown key %q", n, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return cases
}

// rawRejectCases are the corrupt files that are not a header and a data
// buffer of zeros.
func rawRejectCases() []rejectCase {
	withLength := func(n uint64, rest string) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, n), rest...)
	}
	return []rejectCase{
		{name: "empty file", file: nil, want: "0 bytes, too short"},
		{name: "short file", file: []byte{2, 0, 0, 0, 0, 0, 0}, want: "7 bytes, too short"},
		{name: "header length over the limit", file: withLength(MaxHeaderSize+1, "{}"), want: "exceeds the limit"},
		{name: "header length huge", file: withLength(1<<63, "{}"), want: "exceeds the limit"},
		{name: "header length past the end", file: withLength(3, "{}"), want: "runs past the end of the 10-byte file"},
		{name: "empty header", file: withLength(0, ""), want: "not a JSON object"},
		{name: "header not UTF-8", file: build("{\"a\xff\":{}}", nil), want: "not valid UTF-8"},
		{name: "header with a truncated rune", file: build("{\"\xe2\x9c\":{}}", nil), want: "not valid UTF-8"},
		{name: "leading space", file: build(" {}", nil), want: "not a JSON object"},
		{name: "NUL padding", file: build("{}\x00\x00", nil), want: "after the JSON object"},
		{name: "tensor named empty", file: build(`{"":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}`, make([]byte, 8)),
			tensor: "", has: true, want: "needs 4"},
	}
}

func TestParseRejects(t *testing.T) {
	cases := append(readRejectCases(t), rawRejectCases()...)
	if len(cases) < 40 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("bad.safetensors", c.file)
			if err == nil {
				t.Fatalf("Parse accepted it: tensors %q", f.Names())
			}
			checkErr(t, err, "bad.safetensors", c.tensor, c.has, c.want)
		})
	}
}
