package corpus

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The fuzz targets below feed the parsers of outside text (model replies,
// documents) arbitrary strings: they must not panic, and whatever they
// accept must re-render into text that parses back the same. Their seed
// corpora are in testdata/fuzz/<FuzzName>; the reply table of
// testdata/replies.txt and a few generated documents are added here too.

// addReplies adds the replies of testdata/replies.txt for parser (all of
// them when parser is "") as seeds.
func addReplies(f *testing.F, parser string) {
	for _, c := range readReplies(f) {
		if parser == "" || c.parser == parser {
			f.Add(c.reply)
		}
	}
}

// addDocs adds the plain documents of kind, and the user messages of its
// chats, from a short run of the default mix.
func addDocs(f *testing.F, kind Kind) {
	g := New(Options{Seed: 50})
	for range 200 {
		d := g.Next()
		if d.Kind != kind {
			continue
		}
		if len(d.Chat) == 0 {
			f.Add(d.Text)
		} else {
			f.Add(d.Chat[len(d.Chat)-2].Content)
		}
	}
}

func FuzzParseAnswer(f *testing.F) {
	addReplies(f, "answer")
	f.Fuzz(func(t *testing.T, reply string) {
		n, ok := ParseAnswer(reply)
		if !ok {
			return
		}
		if m, ok := ParseAnswer(strconv.Itoa(n)); !ok || m != n {
			t.Fatalf("ParseAnswer(%q) = %d, but %d reads back as %d, %v", reply, n, n, m, ok)
		}
	})
}

func FuzzParseProblem(f *testing.F) {
	f.Add("Q: 17+25=42")
	f.Add("Q: 63-8=")
	f.Add("Q: 999999999+0=1")
	addDocs(f, KindArithmetic)
	f.Fuzz(func(t *testing.T, s string) {
		p, rest, ok := ParseProblem(s)
		if !ok {
			return
		}
		if !strings.HasSuffix(s, rest) {
			t.Fatalf("ParseProblem(%q) rest %q is not the end of the input", s, rest)
		}
		if p.Op != '+' && p.Op != '-' || p.A < 0 || p.B < 0 {
			t.Fatalf("ParseProblem(%q) = %+v", s, p)
		}
		q, rest2, ok := ParseProblem(p.Prompt() + rest)
		if !ok || q != p || rest2 != rest {
			t.Fatalf("ParseProblem(%q) = %+v, %q; its Prompt reads back as %+v, %q, %v", s, p, rest, q, rest2, ok)
		}
	})
}

func FuzzParseTicTacToeMove(f *testing.F) {
	addReplies(f, "tictactoe")
	f.Fuzz(func(t *testing.T, reply string) {
		c, ok := ParseTicTacToeMove(reply)
		if !ok {
			return
		}
		if c < 1 || c > 9 {
			t.Fatalf("ParseTicTacToeMove(%q) = %d", reply, c)
		}
		if d, ok := ParseTicTacToeMove(TicTacToeMove(c)); !ok || d != c {
			t.Fatalf("ParseTicTacToeMove(%q) = %d; it reads back as %d, %v", reply, c, d, ok)
		}
	})
}

func FuzzParseNimMove(f *testing.F) {
	addReplies(f, "nim")
	f.Fuzz(func(t *testing.T, reply string) {
		m, ok := ParseNimMove(reply)
		if !ok {
			return
		}
		if m.Heap < 0 || m.Heap >= MaxNimHeaps || m.Take < 1 || m.Take > 9999 {
			t.Fatalf("ParseNimMove(%q) = %+v", reply, m)
		}
		if m2, ok := ParseNimMove(m.String()); !ok || m2 != m {
			t.Fatalf("ParseNimMove(%q) = %+v; %q reads back as %+v, %v", reply, m, m.String(), m2, ok)
		}
	})
}

func FuzzParseNimState(f *testing.F) {
	f.Add("A3 B0 C5")
	f.Add(" A9999\tB1 ")
	f.Add("A1 B1 C1 D1 E1 F1 G1 H1 I1 J1 K1 L1 M1 N1 O1 P1 Q1 R1 S1 T1 U1 V1 W1 X1 Y1 Z1")
	f.Fuzz(func(t *testing.T, s string) {
		heaps, err := ParseNimState(s)
		if err != nil {
			return
		}
		n := NewNim(heaps...) // must not panic: 1 to 26 heaps, none negative
		again, err := ParseNimState(n.State())
		if err != nil || !slices.Equal(again, heaps) {
			t.Fatalf("ParseNimState(%q) = %v; %q reads back as %v, %v", s, heaps, n.State(), again, err)
		}
	})
}

func FuzzReplayTicTacToe(f *testing.F) {
	f.Add("tic-tac-toe")
	f.Add("tic-tac-toe X5 O1 X9")
	f.Add("tic-tac-toe X5 O1 X9 O3 X2 O7 X8")
	f.Add("tic-tac-toe X1 O4 X2 O5 X3 O6")
	f.Fuzz(func(t *testing.T, line string) {
		g, err := ReplayTicTacToe(line)
		if err != nil {
			return
		}
		again, err := ReplayTicTacToe(g.HistoryLine())
		if err != nil || *again != *g {
			t.Fatalf("ReplayTicTacToe(%q) = %q; it reads back as %v", line, g.HistoryLine(), err)
		}
		_ = g.Prompt()
		_ = g.Transcript()
	})
}

func FuzzParseTicTacToeTranscript(f *testing.F) {
	f.Add("tic-tac-toe X5 O1 X9 O3 X2 O7 X8\nOXO\n4X6\nOXX\nX wins")
	f.Add("tic-tac-toe X5 O1 X9\nO23\n4X6\n78X\n")
	addDocs(f, KindTicTacToe)
	f.Fuzz(func(t *testing.T, text string) {
		g, result, err := ParseTicTacToeTranscript(text)
		if err != nil {
			return
		}
		// The result line is returned as written; re-render with it.
		render := g.HistoryLine() + "\n" + g.Board() + "\n" + result
		g2, result2, err := ParseTicTacToeTranscript(render)
		if err != nil || *g2 != *g || result2 != result {
			t.Fatalf("ParseTicTacToeTranscript(%q) re-rendered as %q reads back differently: %v", text, render, err)
		}
		if g.Over() && result == g.Result() && g.Transcript() != render {
			t.Fatalf("Transcript() = %q, want %q", g.Transcript(), render)
		}
	})
}

func FuzzParseNimTranscript(f *testing.F) {
	f.Add("nim A3 B5 C7\nC-2 A3 B5 C5\nB-5 A3 B0 C5\nA-3 A0 B0 C5\nC-5 A0 B0 C0\nO wins")
	f.Add("nim A1\nX wins")
	f.Add("nim A3 B5\nA-1 A2 B5\n")
	addDocs(f, KindNim)
	f.Fuzz(func(t *testing.T, text string) {
		n, result, err := ParseNimTranscript(text)
		if err != nil {
			return
		}
		// Transcript adds the result line only once the game is over;
		// re-render with the line as written.
		body := n.Transcript()
		if n.Over() && n.Result() != "" {
			body = body[:strings.LastIndexByte(body, '\n')]
		}
		render := body + "\n" + result
		n2, result2, err := ParseNimTranscript(render)
		if err != nil || result2 != result || !slices.Equal(n2.Start(), n.Start()) ||
			!slices.Equal(n2.History(), n.History()) || !slices.Equal(n2.Heaps(), n.Heaps()) {
			t.Fatalf("ParseNimTranscript(%q) re-rendered as %q reads back differently: %v", text, render, err)
		}
	})
}
