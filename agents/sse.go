package agents

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Server-sent events, as much of the format
// (https://html.spec.whatwg.org/multipage/server-sent-events.html) as
// OpenAI-compatible streams use: lines ending in LF or CRLF; "data:" lines
// (one optional space after the colon) whose values join with "\n"; a
// blank line ends an event; lines starting with ":" are comments (servers
// send them to keep connections open); other fields (event, id, retry)
// are ignored.

// maxSSELine bounds one line of a stream, so that a server that never
// sends a newline cannot make the client buffer without end. A chunk holds
// one token's worth of text, far below this.
const maxSSELine = 1 << 20

// maxSSEEvent bounds the data of one event, however many data lines it
// spans: without it, a server sending data lines and never a blank line
// would make the client buffer without end, one line under maxSSELine at a
// time. A chunk holds one token's worth of text, far below this.
const maxSSEEvent = 1 << 20

// The errors of a stream past the bounds above; both are ErrTooLarge.
var (
	// errLineTooLong is returned for a line longer than maxSSELine.
	errLineTooLong = fmt.Errorf("%w: a server-sent event line is longer than %d bytes", ErrTooLarge, maxSSELine)
	// errEventTooLarge is returned for an event whose data is longer than
	// maxSSEEvent.
	errEventTooLarge = fmt.Errorf("%w: a server-sent event's data is longer than %d bytes", ErrTooLarge, maxSSEEvent)
)

// sseReader reads the data of server-sent events.
type sseReader struct {
	r    *bufio.Reader
	line []byte // a long line's pieces
}

func newSSEReader(r io.Reader) *sseReader {
	return &sseReader{r: bufio.NewReaderSize(r, 32<<10)}
}

// readLine returns the next line without its line ending. The slice is
// valid until the next call.
func (s *sseReader) readLine() ([]byte, error) {
	s.line = s.line[:0]
	for {
		piece, err := s.r.ReadSlice('\n')
		if len(s.line)+len(piece) > maxSSELine+2 { // +2 for "\r\n"
			return nil, errLineTooLong
		}
		switch {
		case err == nil:
			line := piece
			if len(s.line) > 0 {
				s.line = append(s.line, piece...)
				line = s.line
			}
			line = line[:len(line)-1]
			return bytes.TrimSuffix(line, []byte{'\r'}), nil
		case errors.Is(err, bufio.ErrBufferFull):
			s.line = append(s.line, piece...)
		case err == io.EOF && (len(piece) > 0 || len(s.line) > 0):
			// A last line without a newline still counts.
			s.line = append(s.line, piece...)
			return bytes.TrimSuffix(s.line, []byte{'\r'}), nil
		default:
			return nil, err
		}
	}
}

// Next returns the data of the next event whose data is not empty. At the end of the
// stream it returns io.EOF; an event cut off by the end of the stream (no
// blank line after it) is still returned first, since some servers end
// with "data: [DONE]" and no blank line. Other read errors are returned as
// they are. An event whose data grows past maxSSEEvent is errEventTooLarge.
func (s *sseReader) Next() (string, error) {
	var data []byte
	has := false // a data field was seen, possibly empty
	for {
		line, err := s.readLine()
		if err != nil {
			if err == io.EOF && len(data) > 0 {
				return string(data), nil
			}
			return "", err
		}
		if len(line) == 0 {
			// As the format says, an event whose data is empty is not
			// dispatched.
			if len(data) > 0 {
				return string(data), nil
			}
			data, has = data[:0], false
			continue
		}
		if line[0] == ':' {
			continue
		}
		field, value, found := bytes.Cut(line, []byte{':'})
		if !found {
			value = nil // a field name alone has an empty value
		}
		if string(field) != "data" {
			continue
		}
		value = bytes.TrimPrefix(value, []byte{' '})
		if len(data)+1+len(value) > maxSSEEvent {
			return "", errEventTooLarge
		}
		if has {
			data = append(data, '\n')
		}
		data = append(data, value...)
		has = true
	}
}
