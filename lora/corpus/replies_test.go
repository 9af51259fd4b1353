package corpus

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// replyCase is one line of testdata/replies.txt.
type replyCase struct {
	line   int
	parser string
	reply  string
	want   string // "-" for a rejected reply
}

func readReplies(t testing.TB) []replyCase {
	fh, err := os.Open("testdata/replies.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var cases []replyCase
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parser, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimLeft(rest, " ")
		lit, err := strconv.QuotedPrefix(rest)
		if err != nil {
			t.Fatalf("replies.txt:%d: %v", n, err)
		}
		reply, _ := strconv.Unquote(lit)
		want := strings.TrimSpace(rest[len(lit):])
		if want == "" {
			t.Fatalf("replies.txt:%d: no result", n)
		}
		cases = append(cases, replyCase{line: n, parser: parser, reply: reply, want: want})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// parseReply runs the named parser and writes its result as replies.txt
// does.
func parseReply(t testing.TB, parser, reply string) string {
	switch parser {
	case "answer":
		if n, ok := ParseAnswer(reply); ok {
			return strconv.Itoa(n)
		}
	case "tictactoe":
		if c, ok := ParseTicTacToeMove(reply); ok {
			return strconv.Itoa(c)
		}
	case "nim":
		if m, ok := ParseNimMove(reply); ok {
			return m.String()
		}
	default:
		t.Fatalf("unknown parser %q", parser)
	}
	return "-"
}

func TestReplies(t *testing.T) {
	cases := readReplies(t)
	if len(cases) < 50 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		if got := parseReply(t, c.parser, c.reply); got != c.want {
			t.Errorf("replies.txt:%d: %s(%q) = %s, want %s", c.line, c.parser, c.reply, got, c.want)
		}
	}
}
