package agents

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func readEvents(t testing.TB, stream string) ([]string, error) {
	t.Helper()
	r := newSSEReader(strings.NewReader(stream))
	var out []string
	for {
		data, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, data)
	}
}

func TestSSE(t *testing.T) {
	for _, tc := range []struct {
		name, stream string
		want         []string
	}{
		{"plain", "data: a\n\ndata: b\n\n", []string{"a", "b"}},
		{"CRLF", "data: a\r\n\r\ndata: b\r\n\r\n", []string{"a", "b"}},
		{"no space", "data:a\n\n", []string{"a"}},
		{"two spaces keep one", "data:  a\n\n", []string{" a"}},
		{"multi-line data", "data: a\ndata: b\n\n", []string{"a\nb"}},
		{"comments and fields", ": ping\nevent: x\nid: 3\nretry: 10\ndata: a\n\n: bye\n", []string{"a"}},
		{"empty data not dispatched", "data:\n\ndata: a\n\n", []string{"a"}},
		{"blank lines", "\n\n\ndata: a\n\n\n", []string{"a"}},
		{"last event without blank line", "data: a\n\ndata: [DONE]", []string{"a", "[DONE]"}},
		{"last line without newline", "data: [DONE]\r", []string{"[DONE]"}},
		{"field without colon", "data\ndata: a\n\n", []string{"\na"}},
		{"other field names", "datum: x\nDATA: y\n\n", nil},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readEvents(t, tc.stream)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("events %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSSELongLines(t *testing.T) {
	long := strings.Repeat("x", 100<<10) // spans several buffer fills
	got, err := readEvents(t, "data: "+long+"\n\ndata: b\n\n")
	if err != nil || len(got) != 2 || got[0] != long || got[1] != "b" {
		t.Fatalf("long line: %d events, err %v", len(got), err)
	}
	_, err = readEvents(t, "data: "+strings.Repeat("x", maxSSELine+10)+"\n\n")
	if !errors.Is(err, errLineTooLong) {
		t.Errorf("too long a line: error %v", err)
	}
}

// TestSSEEventTooLarge sends one event as many data lines, each well
// under maxSSELine, with no blank line to end it: the reader stops once
// the event's data passes maxSSEEvent, instead of buffering all of it.
func TestSSEEventTooLarge(t *testing.T) {
	line := "data: " + strings.Repeat("x", 64<<10) + "\n"
	var stream strings.Builder
	for stream.Len() < 4*maxSSEEvent {
		stream.WriteString(line)
	}
	src := strings.NewReader(stream.String())
	_, err := newSSEReader(src).Next()
	if !errors.Is(err, errEventTooLarge) || !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v, want an event too large", err)
	}
	if read := int(src.Size()) - src.Len(); read > maxSSEEvent+64<<10+32<<10 {
		t.Errorf("read %d bytes of the stream, want about %d", read, maxSSEEvent)
	}
	// An event up to the bound, in as many lines, is read whole.
	n := maxSSEEvent/len(line) - 1
	got, err := readEvents(t, strings.Repeat(line, n)+"\n")
	if err != nil || len(got) != 1 || len(got[0]) != n*(len(line)-len("data: "))-1 {
		t.Errorf("an event of %d lines: %d events, error %v", n, len(got), err)
	}
}

// FuzzSSE checks that no stream makes the decoder panic or loop, that
// each event's data is a join of what the stream's data lines held, and
// that CRLF and LF streams decode alike.
func FuzzSSE(f *testing.F) {
	f.Add("data: {\"choices\":[]}\n\ndata: [DONE]\n\n")
	f.Add(": comment\r\ndata: a\r\ndata: b\r\n\r\n")
	f.Add("data:\n\ndata\n\n")
	f.Add("event: x\nid: 1\n\ndata: [DONE]")
	f.Fuzz(func(t *testing.T, stream string) {
		got, err := readEvents(t, stream)
		if err != nil && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("unexpected error %v", err)
		}
		if len(got) > strings.Count(stream, "data")+1 {
			t.Fatalf("%d events from %d data fields", len(got), strings.Count(stream, "data"))
		}
		for _, d := range got {
			if d == "" {
				t.Fatalf("an empty event was dispatched")
			}
			if strings.Contains(d, "\r") && !strings.Contains(stream, "\r") {
				t.Fatalf("event %q has a CR the stream lacks", d)
			}
		}
		if !strings.Contains(stream, "\r") {
			crlf, err2 := readEvents(t, strings.ReplaceAll(stream, "\n", "\r\n"))
			if (err == nil) != (err2 == nil) && !errors.Is(err2, ErrTooLarge) {
				t.Fatalf("LF stream error %v, CRLF stream error %v", err, err2)
			}
			if err == nil && err2 == nil && strings.Join(crlf, "\x00") != strings.Join(got, "\x00") {
				t.Fatalf("LF stream gives %q, CRLF stream %q", got, crlf)
			}
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		h    string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{" 3 ", 3 * time.Second, true},
		{"86400", time.Minute, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{now.Add(10 * time.Second).Format(time.RFC1123), 10 * time.Second, true},
		{now.Add(-time.Hour).Format(time.RFC1123), 0, true},
	} {
		got, ok := parseRetryAfter(strings.Replace(tc.h, "UTC", "GMT", 1), now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Retry-After %q: %v, %v; want %v, %v", tc.h, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	o, err := NewOpenAI(OpenAIOptions{BaseURL: "http://127.0.0.1/v1", Model: "m", Backoff: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for retry, base := range []time.Duration{100, 200, 400, 800} {
		base *= time.Millisecond
		for range 20 {
			if d := o.wait(retry); d < base/2 || d > base {
				t.Errorf("retry %d waits %v, want [%v, %v]", retry, d, base/2, base)
			}
		}
	}
	if d := o.wait(50); d > maxBackoff || d < maxBackoff/2 {
		t.Errorf("retry 50 waits %v, want at most %v", d, maxBackoff)
	}
}
