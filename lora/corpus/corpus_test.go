package corpus

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/rlfc/arena/lora/tokenizer"
)

// newRand returns a seeded random stream for a test.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

// many picks n for loops that check rates: fewer under -short, which the
// race detector runs with.
func many(n int) int {
	if testing.Short() {
		return n / 4
	}
	return n
}

// within reports whether got is within tol of want, failing the test
// otherwise.
func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f ± %.4f", what, got, want, tol)
	}
}

// tol is a tolerance of about five standard deviations for a rate p
// measured over n trials, so that a correct rate essentially never fails.
func tol(p float64, n int) float64 {
	return 5*math.Sqrt(p*(1-p)/float64(n)) + 1e-9
}

// chatParts splits a chat into its optional system prompt, the user's
// message and the assistant's, failing the test if it has another shape.
func chatParts(t *testing.T, d Doc, system string) (hasSystem bool, user, assistant string) {
	t.Helper()
	msgs := d.Chat
	if len(msgs) == 3 {
		if msgs[0].Role != "system" || msgs[0].Content != system {
			t.Fatalf("%s chat opens with %+v, want system %q", d.Kind, msgs[0], system)
		}
		hasSystem, msgs = true, msgs[1:]
	}
	if len(msgs) != 2 || msgs[0].Role != "user" || msgs[1].Role != "assistant" {
		t.Fatalf("%s chat has shape %+v, want [system] user assistant", d.Kind, d.Chat)
	}
	return hasSystem, msgs[0].Content, msgs[1].Content
}

func TestDeterminism(t *testing.T) {
	docs := New(Options{Seed: 1}).Take(2000)
	again := New(Options{Seed: 1}).Take(2000)
	if !reflect.DeepEqual(docs, again) {
		t.Fatal("the same Options gave different documents")
	}
	var same int
	other := New(Options{Seed: 2}).Take(2000)
	for i := range docs {
		if docs[i].Render() == other[i].Render() {
			same++
		}
	}
	// Short games can repeat by chance, but not most of them.
	if same > len(docs)/10 {
		t.Errorf("seeds 1 and 2 agree on %d of %d documents", same, len(docs))
	}
	// Next and Take draw from the same stream.
	g := New(Options{Seed: 1})
	for i := range 50 {
		if d := g.Next(); !reflect.DeepEqual(d, docs[i]) {
			t.Fatalf("Next() #%d differs from Take", i)
		}
	}
	// The rates are part of the Options: changing one changes documents.
	wrong := New(Options{Seed: 1, WrongRate: 0.9}).Take(2000)
	if reflect.DeepEqual(docs, wrong) {
		t.Error("WrongRate 0.9 gave the documents of the default rate")
	}
}

func TestSourcesCopied(t *testing.T) {
	sources := []Weighted{{Source: ArithmeticSource{}, Weight: 1}, {Source: NimSource{}, Weight: 1}}
	g := New(Options{Seed: 3, Sources: sources})
	want := New(Options{Seed: 3, Sources: []Weighted{{Source: ArithmeticSource{}, Weight: 1}, {Source: NimSource{}, Weight: 1}}}).Take(100)
	sources[1] = Weighted{Source: ProseSource{}, Weight: 5} // too late to matter
	if got := g.Take(100); !reflect.DeepEqual(got, want) {
		t.Error("changing the caller's Sources after New changed the documents")
	}
}

func TestDefaultMix(t *testing.T) {
	n := many(20000)
	counts := map[Kind]int{}
	chats := map[Kind]int{}
	g := New(Options{Seed: 4})
	for range n {
		d := g.Next()
		counts[d.Kind]++
		if (d.Text == "") == (len(d.Chat) == 0) {
			t.Fatalf("%s document sets both or neither of Text and Chat: %+v", d.Kind, d)
		}
		if len(d.Chat) > 0 {
			chats[d.Kind]++
		}
	}
	want := map[Kind]float64{KindArithmetic: 0.45, KindTicTacToe: 0.2, KindNim: 0.15, KindProse: 0.2}
	if len(counts) != len(want) {
		t.Errorf("kinds %v, want %v", counts, want)
	}
	for k, p := range want {
		within(t, string(k)+" share", float64(counts[k])/float64(n), p, tol(p, n))
		within(t, string(k)+" chat rate", float64(chats[k])/float64(counts[k]), DefaultChatRate, tol(DefaultChatRate, counts[k]))
	}
}

func TestCustomMix(t *testing.T) {
	n := many(8000)
	g := New(Options{Seed: 5, Sources: []Weighted{
		{Source: NimSource{}, Weight: 3},
		{Source: ArithmeticSource{}, Weight: 0}, // never drawn
		{Source: kindless{}, Weight: 1},
	}})
	counts := map[Kind]int{}
	for range n {
		counts[g.Next().Kind]++
	}
	if counts[KindArithmetic] != 0 {
		t.Errorf("a zero-weight source was drawn %d times", counts[KindArithmetic])
	}
	within(t, "nim share", float64(counts[KindNim])/float64(n), 0.75, tol(0.75, n))
	within(t, "custom share", float64(counts["custom"])/float64(n), 0.25, tol(0.25, n))
}

// kindless is a Source whose documents leave Kind empty, for the Generator
// to fill in.
type kindless struct{}

func (kindless) Kind() Kind { return "custom" }
func (kindless) Doc(r *rand.Rand) Doc {
	return Doc{Text: strings.Repeat("x", 1+r.IntN(3))}
}

func TestNewPanics(t *testing.T) {
	tests := map[string][]Weighted{
		"nil source":      {{Source: nil, Weight: 1}},
		"negative weight": {{Source: NimSource{}, Weight: -1}, {Source: ProseSource{}, Weight: 1}},
		"NaN weight":      {{Source: NimSource{}, Weight: math.NaN()}},
		"infinite weight": {{Source: NimSource{}, Weight: math.Inf(1)}},
		"all zero":        {{Source: NimSource{}, Weight: 0}, {Source: ProseSource{}, Weight: 0}},
		"sum overflows":   {{Source: NimSource{}, Weight: math.MaxFloat64}, {Source: ProseSource{}, Weight: math.MaxFloat64}},
	}
	for name, sources := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("New did not panic")
				}
			}()
			New(Options{Sources: sources})
		})
	}
}

func TestTake(t *testing.T) {
	g := New(Options{Seed: 6})
	if docs := g.Take(0); len(docs) != 0 {
		t.Errorf("Take(0) = %d documents", len(docs))
	}
	if docs := g.Take(-3); len(docs) != 0 {
		t.Errorf("Take(-3) = %d documents", len(docs))
	}
	if docs := g.Take(7); len(docs) != 7 {
		t.Errorf("Take(7) = %d documents", len(docs))
	}
}

func TestRender(t *testing.T) {
	g := New(Options{Seed: 7})
	var sawChat, sawText bool
	for range 500 {
		d := g.Next()
		got := d.Render()
		if len(d.Chat) == 0 {
			sawText = true
			if got != d.Text {
				t.Fatalf("Render() = %q, want the text %q", got, d.Text)
			}
			continue
		}
		sawChat = true
		if want := tokenizer.ChatText(d.Chat, false); got != want {
			t.Fatalf("Render() = %q, want ChatText %q", got, want)
		}
		// The answer ends the rendering: there is no generation prompt.
		last := d.Chat[len(d.Chat)-1]
		if !strings.HasSuffix(got, last.Content+"<|im_end|>\n") {
			t.Fatalf("Render() = %q does not end with the assistant's answer", got)
		}
	}
	if !sawChat || !sawText {
		t.Error("500 documents did not include both chats and plain text")
	}
}

func TestRate(t *testing.T) {
	tests := []struct{ v, def, want float64 }{
		{0, 0.3, 0.3},
		{-1, 0.3, 0},
		{-0.0001, 0.3, 0},
		{math.NaN(), 0.3, 0},
		{0.7, 0.3, 0.7},
		{1, 0.3, 1},
		{2, 0.3, 1},
		{math.Inf(1), 0.3, 1},
		{math.Inf(-1), 0.3, 0},
	}
	for _, tt := range tests {
		if got := rate(tt.v, tt.def); got != tt.want {
			t.Errorf("rate(%v, %v) = %v, want %v", tt.v, tt.def, got, tt.want)
		}
	}
}

// TestSystemRates checks, for every source, the documented chat shapes and
// the rates of chats and system prompts, with default and custom rates.
func TestSystemRates(t *testing.T) {
	type rates struct{ chat, system float64 }
	sources := []struct {
		system string
		make   func(r rates) Source
	}{
		{ArithmeticSystem, func(r rates) Source { return ArithmeticSource{ChatRate: r.chat, SystemRate: r.system} }},
		{TicTacToeSystem, func(r rates) Source { return TicTacToeSource{ChatRate: r.chat, SystemRate: r.system} }},
		{NimSystem, func(r rates) Source { return NimSource{ChatRate: r.chat, SystemRate: r.system} }},
		{ProseSystem, func(r rates) Source { return ProseSource{ChatRate: r.chat, SystemRate: r.system} }},
	}
	settings := []struct {
		in         rates
		chat, syst float64
	}{
		{rates{0, 0}, DefaultChatRate, DefaultSystemRate},
		{rates{0.8, 0.6}, 0.8, 0.6},
		{rates{1, -1}, 1, 0},
		{rates{-1, 1}, 0, 1}, // no chats at all
	}
	n := many(6000)
	for _, s := range sources {
		for _, set := range settings {
			src := s.make(set.in)
			r := newRand(8)
			var chats, systems int
			for range n {
				d := src.Doc(r)
				if d.Kind != src.Kind() {
					t.Fatalf("%T made a %q document", src, d.Kind)
				}
				if len(d.Chat) == 0 {
					continue
				}
				chats++
				if sys, _, _ := chatParts(t, d, s.system); sys {
					systems++
				}
			}
			within(t, string(src.Kind())+" chat rate", float64(chats)/float64(n), set.chat, tol(set.chat, n))
			if chats > 0 {
				within(t, string(src.Kind())+" system rate", float64(systems)/float64(chats), set.syst, tol(set.syst, chats))
			}
		}
	}
}
