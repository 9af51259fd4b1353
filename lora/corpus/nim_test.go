package corpus

import (
	"slices"
	"strings"
	"testing"
)

// parseNimPrompt reads a "your move" message back into the heaps it shows,
// failing the test if it is not exactly what Prompt writes.
func parseNimPrompt(t *testing.T, prompt string) *Nim {
	t.Helper()
	state, ok := strings.CutPrefix(prompt, "nim ")
	state, ok2 := strings.CutSuffix(state, "\nYour move:")
	if !ok || !ok2 {
		t.Fatalf("prompt %q is not \"nim\", heaps and \"Your move:\"", prompt)
	}
	heaps, err := ParseNimState(state)
	if err != nil {
		t.Fatalf("prompt %q: %v", prompt, err)
	}
	n := NewNim(heaps...)
	if n.Prompt() != prompt {
		t.Fatalf("prompt %q, but the game's Prompt is %q", prompt, n.Prompt())
	}
	if n.Over() {
		t.Fatalf("prompt %q asks for a move with no objects left", prompt)
	}
	return n
}

func TestNimDocuments(t *testing.T) {
	n := many(4000)
	r := newRand(30)
	results := map[string]int{}
	var moves int
	sources := []NimSource{{}, {SkillRate: -1}, {SkillRate: 1}, {Heaps: 5, MaxHeap: 3}, {Heaps: 1, MaxHeap: 1}, {Heaps: 40, MaxHeap: 2}, {Heaps: 1, MaxHeap: 1 << 30, SkillRate: 1}}
	for _, src := range sources {
		for range n / 2 {
			d := src.Doc(r)
			if len(d.Chat) == 0 {
				g, result, err := ParseNimTranscript(d.Text)
				if err != nil {
					t.Fatalf("transcript %q: %v", d.Text, err)
				}
				if !g.Over() || result != g.Result() || result == "" {
					t.Fatalf("transcript %q ends %q, but the replay gives %q", d.Text, result, g.Result())
				}
				if g.Transcript() != d.Text {
					t.Fatalf("transcript %q is not as Transcript writes it (%q)", d.Text, g.Transcript())
				}
				start := g.Start()
				wantHeaps := src.Heaps
				if wantHeaps == 0 {
					wantHeaps = DefaultNimHeaps
				}
				wantHeaps = min(wantHeaps, MaxNimHeaps)
				most := src.MaxHeap
				if most == 0 {
					most = DefaultNimMaxHeap
				}
				most = min(most, maxNimCount)
				if len(start) != wantHeaps || slices.Min(start) < 1 || slices.Max(start) > most {
					t.Fatalf("transcript %q starts with heaps %v", d.Text, start)
				}
				if src.SkillRate == 1 {
					// The perfect player to move first wins exactly when the
					// nim-sum of the start is not zero.
					want := ResultXWins
					if NewNim(start...).NimSum() == 0 {
						want = ResultOWins
					}
					if result != want {
						t.Fatalf("perfect players: %q, want %s", d.Text, want)
					}
				}
				results[result]++
				continue
			}
			_, user, assistant := chatParts(t, d, NimSystem)
			pos := parseNimPrompt(t, user)
			m, ok := ParseNimMove(assistant)
			if !ok || m.String() != assistant {
				t.Fatalf("answer %q is not a move as NimMove.String writes it", assistant)
			}
			if !pos.Legal(m) {
				t.Fatalf("answer %q is illegal in %q", assistant, user)
			}
			if src.SkillRate == 1 && pos.NimSum() != 0 && !slices.Contains(pos.WinningMoves(), m) {
				t.Fatalf("perfect player answered %s to %q, winning moves are %v", m, user, pos.WinningMoves())
			}
			moves++
		}
	}
	if results[ResultXWins] == 0 || results[ResultOWins] == 0 || len(results) != 2 {
		t.Errorf("results %v, want both wins and nothing else", results)
	}
	if moves == 0 {
		t.Error("no chats")
	}
}

// forEachNim calls f with every position of the given number of heaps of
// at most most objects.
func forEachNim(heaps, most int, f func([]int)) {
	h := make([]int, heaps)
	var rec func(i int)
	rec = func(i int) {
		if i == heaps {
			f(slices.Clone(h))
			return
		}
		for v := 0; v <= most; v++ {
			h[i] = v
			rec(i + 1)
		}
	}
	rec(0)
}

// TestNimWinningMoves checks the strategy on every position of up to four
// heaps of up to seven: from a nonzero nim-sum the winning moves are legal,
// exactly those that leave a zero nim-sum, and at least one; from zero
// there are none and every move leaves a nonzero nim-sum. By induction the
// player facing a nonzero nim-sum wins.
func TestNimWinningMoves(t *testing.T) {
	for heaps := 1; heaps <= 4; heaps++ {
		forEachNim(heaps, 7, func(h []int) {
			n := NewNim(h...)
			win := n.WinningMoves()
			var want []NimMove
			for _, m := range n.Moves() {
				c := n.Clone()
				if err := c.Play(m); err != nil {
					t.Fatal(err)
				}
				if c.NimSum() == 0 {
					want = append(want, m)
				}
			}
			if !slices.Equal(win, want) {
				t.Fatalf("heaps %v: WinningMoves() = %v, want %v", h, win, want)
			}
			if (n.NimSum() != 0) != (len(win) > 0) {
				t.Fatalf("heaps %v: nim-sum %d but %d winning moves", h, n.NimSum(), len(win))
			}
		})
	}
}

// TestNimPerfectWins plays the perfect player, moving first, against a
// random one from every position of three heaps of up to seven with a
// nonzero nim-sum, and against a perfect one from every position with a
// zero nim-sum, where the second player must win.
func TestNimPerfectWins(t *testing.T) {
	r := newRand(31)
	games := 4
	if testing.Short() {
		games = 1
	}
	forEachNim(3, 7, func(h []int) {
		start := NewNim(h...)
		if start.Over() {
			return
		}
		for range games {
			n := start.Clone()
			for !n.Over() {
				var m NimMove
				switch {
				case n.Turn() == MarkX:
					m = n.PerfectMove(r)
				case start.NimSum() == 0:
					m = n.PerfectMove(r)
				default:
					m = n.RandomMove(r)
				}
				if err := n.Play(m); err != nil {
					t.Fatal(err)
				}
			}
			want := MarkX
			if start.NimSum() == 0 {
				want = MarkO
			}
			if n.Winner() != want {
				t.Fatalf("from %v: %s won, want %s\n%s", h, n.Winner(), want, n.Transcript())
			}
		}
	})
}

func TestNimRules(t *testing.T) {
	// The example game of the package documentation.
	doc := "nim A3 B5 C7\nC-2 A3 B5 C5\nB-5 A3 B0 C5\nA-3 A0 B0 C5\nC-5 A0 B0 C0\nO wins"
	n, result, err := ParseNimTranscript(doc)
	if err != nil {
		t.Fatal(err)
	}
	if result != ResultOWins || n.Result() != ResultOWins || n.Winner() != MarkO || n.Transcript() != doc {
		t.Errorf("doc example: %q, %q", n.Transcript(), result)
	}
	// And its chat: the perfect answer in A3 B0 C5 is C-2, the only one.
	pos := NewNim(3, 0, 5)
	if got := pos.Prompt(); got != "nim A3 B0 C5\nYour move:" {
		t.Errorf("Prompt() = %q", got)
	}
	if got := pos.WinningMoves(); !slices.Equal(got, []NimMove{{Heap: 2, Take: 2}}) {
		t.Errorf("WinningMoves() = %v, want [C-2]", got)
	}

	g := NewNim(1, 2)
	if g.Result() != "" || g.Winner() != NoMark || g.Turn() != MarkX {
		t.Error("a new game is not going with X to move")
	}
	for _, bad := range []NimMove{{-1, 1}, {2, 1}, {0, 0}, {0, 2}, {1, -1}, {26, 1}} {
		if err := g.Play(bad); err == nil {
			t.Errorf("Play(%+v) accepted", bad)
		}
	}
	if !slices.Equal(g.Heaps(), []int{1, 2}) || len(g.History()) != 0 {
		t.Error("refused moves changed the game")
	}
	c := g.Clone()
	if err := c.Play(NimMove{Heap: 1, Take: 2}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Heaps(), []int{1, 2}) {
		t.Error("playing on a Clone changed the original")
	}
	heaps := g.Heaps()
	heaps[0] = 9
	if g.Heaps()[0] != 1 {
		t.Error("Heaps() shares the game's slice")
	}
	if got := len(g.Moves()); got != 3 {
		t.Errorf("%d moves from A1 B2, want 3", got)
	}
	// Empty heaps at the start.
	empty := NewNim(0, 0)
	if !empty.Over() || empty.Winner() != NoMark || empty.Result() != "" {
		t.Error("a game with no objects has a winner")
	}
	for _, bad := range [][]int{nil, {-1}, make([]int, MaxNimHeaps+1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewNim(%v) did not panic", bad)
				}
			}()
			NewNim(bad...)
		}()
	}
	if got := (NimMove{Heap: 30, Take: 1}).String(); got != "?-1" {
		t.Errorf("String of heap 30 = %q", got)
	}
}

func TestParseNimState(t *testing.T) {
	tests := []struct {
		in   string
		want []int
	}{
		{"A3 B0 C5", []int{3, 0, 5}},
		{"A3", []int{3}},
		{" A3   B5\t", []int{3, 5}},
		{"A9999", []int{9999}},
		{"A0 B0", []int{0, 0}},
		{"", nil},
		{"B3", nil},
		{"A3 C5", nil},
		{"A-3", nil},
		{"A10000", nil},
		{"A3B5", nil},
		{"a3", nil},
		{"A", nil},
		{"A3 B5 x", nil},
	}
	for _, tt := range tests {
		got, err := ParseNimState(tt.in)
		if (err == nil) != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("ParseNimState(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	all := make([]string, MaxNimHeaps+1)
	for i := range all {
		all[i] = string(rune('A'+i)) + "1"
	}
	if _, err := ParseNimState(strings.Join(all[:MaxNimHeaps], " ")); err != nil {
		t.Errorf("26 heaps: %v", err)
	}
	if _, err := ParseNimState(strings.Join(all, " ")); err == nil {
		t.Error("27 heaps accepted")
	}
}

func TestParseNimTranscriptRejects(t *testing.T) {
	for _, text := range []string{
		"",
		"nim A3",                          // no result line
		"nim\nX wins",                     // no heaps
		"nim A3 B5\nA-4 A0 B5\nX wins",    // takes too many
		"nim A3 B5\nA-1 A3 B5\nX wins",    // heaps not updated
		"nim A3 B5\nA-1  A2 B5\nX wins",   // two spaces
		"nim A3 B5\na-1 A2 B5\nX wins",    // lower case
		"nim A3 B5\nA1 A2 B5\nX wins",     // no minus
		"nim A3 B5\nA-01 A2 B5\nX wins",   // leading zero
		"nim A3 B5\nC-1 A3 B5 C0\nX wins", // no heap C
		"nin A3\nX wins",
		"nim A3 B5\nA-3\nX wins", // no heaps after the move
	} {
		if n, _, err := ParseNimTranscript(text); err == nil {
			t.Errorf("ParseNimTranscript(%q) accepted: %q", text, n.Transcript())
		}
	}
}
