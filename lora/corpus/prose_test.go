package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestProsePrompts(t *testing.T) {
	tests := []struct{ got, want string }{
		{SloganPrompt("bike shop"), "Write a slogan for a bike shop."},
		{PitchPrompt("tea app"), "Write a pitch for a tea app."},
		{SloganPrompt("art studio"), "Write a slogan for an art studio."},
		{PitchPrompt("ice cream shop"), "Write a pitch for an ice cream shop."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestCheckProse(t *testing.T) {
	tests := []struct {
		line string
		rule string // a fragment of the error, "" for none
	}{
		{"Ride more, worry less.", ""},
		{"The easy way to sip every day.", ""},
		{"  Ride more, worry less.\n", ""}, // surrounding space is ignored
		{"Just ride. We do the rest.", ""},
		{"One two three four five six seven eight nine ten eleven twelve.", ""},
		{"", "empty"},
		{" \n\t", "empty"},
		{"Ride more.\nWorry less.", "more than one line"},
		{"Ride more.\r\nWorry less.", "more than one line"},
		{"Ride more.\u2028Worry less.", "more than one line"},
		{"One two three four five six seven eight nine ten eleven twelve thirteen.", "13 words, more than 12"},
		{"Ride 24 hours a day.", `the digit '2'`},
		{"Ride ٣ times.", "digit"},
		{"Ride more, worry less", "does not end with a period"},
		{"Ride more, worry less!", "does not end with a period"},
		{"Ride more, worry less.\"", "does not end with a period"},
	}
	for _, tt := range tests {
		err := CheckProse(tt.line)
		switch {
		case tt.rule == "" && err != nil:
			t.Errorf("CheckProse(%q) = %v, want nil", tt.line, err)
		case tt.rule != "" && err == nil:
			t.Errorf("CheckProse(%q) = nil, want an error about %q", tt.line, tt.rule)
		case tt.rule != "" && !strings.Contains(err.Error(), tt.rule):
			t.Errorf("CheckProse(%q) = %v, want an error about %q", tt.line, err, tt.rule)
		}
	}
}

// proseLabel splits a plain prose line into its request and its slogan or
// pitch: "Slogan for a bike shop: Ride more, worry less." gives the
// prompt SloganPrompt("bike shop") and "Ride more, worry less.".
func proseLabel(t *testing.T, line string) (prompt, text string) {
	t.Helper()
	label, text, ok := strings.Cut(line, ": ")
	if !ok {
		t.Fatalf("line %q has no label", line)
	}
	for _, s := range ProseSubjects() {
		switch label {
		case "Slogan for " + withArticle(s):
			return SloganPrompt(s), text
		case "Pitch for " + withArticle(s):
			return PitchPrompt(s), text
		}
	}
	t.Fatalf("line %q has label %q, not a slogan or pitch for a subject", line, label)
	return "", ""
}

// requests is every request the corpus makes.
func requests() map[string]bool {
	m := map[string]bool{}
	for _, s := range ProseSubjects() {
		m[SloganPrompt(s)] = true
		m[PitchPrompt(s)] = true
	}
	return m
}

func TestProseDocuments(t *testing.T) {
	n := many(20000)
	r := newRand(40)
	reqs := requests()
	words := map[string]bool{}
	seenReq := map[string]bool{}
	lineCounts := map[int]int{}
	addWords := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(c rune) bool { return !unicode.IsLetter(c) }) {
			words[w] = true
		}
	}
	for range n {
		d := ProseSource{}.Doc(r)
		if len(d.Chat) == 0 {
			lines := strings.Split(d.Text, "\n")
			lineCounts[len(lines)]++
			for _, line := range lines {
				prompt, text := proseLabel(t, line)
				if err := CheckProse(text); err != nil {
					t.Fatalf("document %q: %v", d.Text, err)
				}
				seenReq[prompt] = true
				addWords(line)
			}
			continue
		}
		_, user, assistant := chatParts(t, d, ProseSystem)
		if !reqs[user] {
			t.Fatalf("request %q is not a SloganPrompt or PitchPrompt of a subject", user)
		}
		if err := CheckProse(assistant); err != nil {
			t.Fatal(err)
		}
		if assistant != strings.TrimSpace(assistant) {
			t.Fatalf("answer %q has surrounding space", assistant)
		}
		seenReq[user] = true
		addWords(user)
		addWords(assistant)
	}
	if len(lineCounts) != 3 || lineCounts[1] == 0 || lineCounts[2] == 0 || lineCounts[3] == 0 {
		t.Errorf("plain documents have line counts %v, want 1 to 3", lineCounts)
	}
	if !testing.Short() && len(seenReq) != len(reqs) {
		t.Errorf("%d of %d requests made", len(seenReq), len(reqs))
	}
	// The vocabulary stays small enough for a tiny model to learn.
	if len(words) > 400 {
		t.Errorf("prose uses %d distinct words, want at most 400", len(words))
	}
	t.Logf("prose vocabulary: %d words", len(words))
}

// TestProseTemplates fills every template with the longest word of every
// list, for every subject, so that no draw can break the rules, and checks
// that no word list holds a digit or an unknown slot.
func TestProseTemplates(t *testing.T) {
	longest := func(xs []string) string {
		best := xs[0]
		for _, x := range xs {
			if len(strings.Fields(x)) > len(strings.Fields(best)) {
				best = x
			}
		}
		return best
	}
	for _, list := range [][]string{proseAdjectives, prosePeople, proseTimes, proseFeelings} {
		for _, w := range list {
			if strings.ContainsFunc(w, unicode.IsDigit) || w != strings.TrimSpace(w) || w == "" {
				t.Errorf("bad word %q", w)
			}
		}
	}
	for _, s := range proseSubjects {
		for _, w := range []string{s.verb, s.noun, s.nouns} {
			if len(strings.Fields(w)) != 1 || strings.ContainsFunc(w, unicode.IsDigit) {
				t.Errorf("subject %q: %q is not one word", s.name, w)
			}
		}
		if strings.ContainsFunc(s.name, unicode.IsDigit) || s.name != strings.ToLower(s.name) {
			t.Errorf("bad subject %q", s.name)
		}
	}
	for _, templates := range [][]string{sloganTemplates, pitchTemplates} {
		for _, tmpl := range templates {
			for _, s := range proseSubjects {
				line := fillProse(tmpl, s, longest)
				if err := CheckProse(line); err != nil {
					t.Errorf("template %q: %v", tmpl, err)
				}
				if strings.ContainsAny(line, "{}") || !unicode.IsUpper(rune(line[0])) {
					t.Errorf("template %q gave %q", tmpl, line)
				}
				for _, bad := range []string{"a a", "a e", "a i", "a o", "a u", "A a", "A e", "A i", "A o", "A u", "an b", "An b"} {
					if strings.HasPrefix(line, bad) || strings.Contains(line, " "+bad) {
						t.Errorf("template %q gave %q, with %q", tmpl, line, bad)
					}
				}
			}
		}
	}
	if len(sloganTemplates) < 20 || len(pitchTemplates) < 20 || len(proseSubjects) < 30 {
		t.Errorf("%d slogan and %d pitch templates, %d subjects: too few", len(sloganTemplates), len(pitchTemplates), len(proseSubjects))
	}
}

func TestProseSubjects(t *testing.T) {
	s := ProseSubjects()
	if len(s) != len(proseSubjects) || !slices.Contains(s, "bike shop") || !slices.Contains(s, "tea app") {
		t.Fatalf("ProseSubjects() = %q", s)
	}
	seen := map[string]bool{}
	for _, x := range s {
		if seen[x] {
			t.Errorf("subject %q twice", x)
		}
		seen[x] = true
	}
	s[0] = "changed"
	if ProseSubjects()[0] == "changed" {
		t.Error("ProseSubjects() shares its slice")
	}
}

func TestRandomProseRequest(t *testing.T) {
	reqs := requests()
	r1, r2 := newRand(41), newRand(41)
	slogans := 0
	n := many(2000)
	for range n {
		p := RandomProseRequest(r1)
		if p != RandomProseRequest(r2) {
			t.Fatal("RandomProseRequest is not determined by the stream")
		}
		if !reqs[p] {
			t.Fatalf("request %q is not a SloganPrompt or PitchPrompt of a subject", p)
		}
		if strings.HasPrefix(p, "Write a slogan") {
			slogans++
		}
	}
	within(t, "slogan share", float64(slogans)/float64(n), 0.5, tol(0.5, n))
}

func TestOnTopic(t *testing.T) {
	for _, c := range []struct {
		subject, line string
		want          float64
	}{
		{"flower shop", "Give more, worry less.", 1},
		{"flower shop", "Small bouquets, big pride.", 1},
		{"flower shop", "Cook with us every morning.", 0},
		{"flower shop", "Give a recipe with love.", 0.5},
		{"flower shop", "Made for dreamers, every day.", 0.5},
		{"hiking club", "Hike with us every weekend.", 1},
		{"game cafe", "Play more games.", 1},
		{"no such shop", "Play more games.", 0.5},
	} {
		if got := OnTopic(c.subject, c.line); got != c.want {
			t.Errorf("OnTopic(%q, %q) = %v, want %v", c.subject, c.line, got, c.want)
		}
	}
}
