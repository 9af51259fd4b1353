package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ProseSystem is the system prompt of prose chats.
const ProseSystem = "You write short slogans and pitches. One line, ending with a period."

// MaxProseWords is the most words a slogan or pitch may have, counting
// words as runs of non-space characters ("Ride more, worry less." has 4).
const MaxProseWords = 12

// SloganPrompt returns the request for a slogan: SloganPrompt("bike shop")
// is "Write a slogan for a bike shop.". The subject is a noun phrase
// without an article; "a" or "an" is chosen by its first letter.
func SloganPrompt(subject string) string {
	return "Write a slogan for " + withArticle(subject) + "."
}

// PitchPrompt returns the request for a one-line pitch: PitchPrompt("tea
// app") is "Write a pitch for a tea app.".
func PitchPrompt(subject string) string {
	return "Write a pitch for " + withArticle(subject) + "."
}

// CheckProse checks a slogan or pitch against the rules every corpus line
// keeps, returning an error that names the first rule broken: it must not
// be empty, must be one line, must have at most [MaxProseWords] words, must
// hold no digit, and must end with a period. White space around the line
// (a trailing newline, say) is ignored.
func CheckProse(line string) error {
	s := strings.TrimSpace(line)
	switch {
	case s == "":
		return fmt.Errorf("prose: the line is empty")
	case strings.ContainsAny(s, "\n\r\v\f\u0085\u2028\u2029"):
		return fmt.Errorf("prose: %q is more than one line", s)
	}
	if n := len(strings.Fields(s)); n > MaxProseWords {
		return fmt.Errorf("prose: %q has %d words, more than %d", s, n, MaxProseWords)
	}
	if i := strings.IndexFunc(s, unicode.IsDigit); i >= 0 {
		d, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("prose: %q contains the digit %q", s, d)
	}
	if !strings.HasSuffix(s, ".") {
		return fmt.Errorf("prose: %q does not end with a period", s)
	}
	return nil
}

// proseSubject is a business to write for, with the words its lines use:
// what its customers do (a verb that reads well alone: "Ride more, worry
// less.") and what it offers, singular and plural.
type proseSubject struct {
	name, verb, noun, nouns string
}

// proseSubjects are the businesses of the prose documents. Names start
// with a consonant or a vowel sound as written, so the article can be read
// off the first letter.
var proseSubjects = []proseSubject{
	{"bike shop", "ride", "bike", "bikes"},
	{"tea app", "sip", "tea", "teas"},
	{"bakery", "taste", "loaf", "loaves"},
	{"coding school", "learn", "lesson", "lessons"},
	{"coffee cart", "sip", "cup", "cups"},
	{"book store", "read", "book", "books"},
	{"gym", "train", "workout", "workouts"},
	{"garden center", "grow", "plant", "plants"},
	{"pet shop", "play", "toy", "toys"},
	{"music school", "play", "song", "songs"},
	{"pizza place", "eat", "pizza", "pizzas"},
	{"yoga studio", "stretch", "class", "classes"},
	{"flower shop", "give", "bouquet", "bouquets"},
	{"toy store", "play", "game", "games"},
	{"hair salon", "shine", "haircut", "haircuts"},
	{"car wash", "drive", "wash", "washes"},
	{"dance class", "dance", "step", "steps"},
	{"art studio", "paint", "canvas", "canvases"},
	{"taco truck", "eat", "taco", "tacos"},
	{"travel app", "explore", "trip", "trips"},
	{"fitness app", "move", "workout", "workouts"},
	{"language school", "speak", "word", "words"},
	{"ice cream shop", "enjoy", "treat", "treats"},
	{"farm stand", "cook", "apple", "apples"},
	{"camping store", "explore", "tent", "tents"},
	{"cooking class", "cook", "recipe", "recipes"},
	{"running club", "run", "mile", "miles"},
	{"swim school", "swim", "lap", "laps"},
	{"photo studio", "smile", "photo", "photos"},
	{"recipe app", "cook", "meal", "meals"},
	{"budget app", "save", "plan", "plans"},
	{"sleep app", "rest", "night", "nights"},
	{"game cafe", "play", "game", "games"},
	{"juice bar", "sip", "juice", "juices"},
	{"hiking club", "hike", "trail", "trails"},
	{"sewing shop", "sew", "pattern", "patterns"},
	{"news app", "read", "story", "stories"},
	{"cleaning service", "relax", "room", "rooms"},
}

// The shared word lists that fill a template's slots.
var (
	proseAdjectives = []string{"fresh", "simple", "bright", "easy", "friendly", "happy", "smart",
		"warm", "bold", "calm", "clever", "gentle", "local", "modern", "quick", "cozy", "kind",
		"lively", "handy", "good"}
	prosePeople   = []string{"people", "friends", "families", "neighbors", "beginners", "dreamers", "students", "parents", "makers", "kids"}
	proseTimes    = []string{"every day", "every morning", "all year", "at home", "on the go", "each week", "after work", "any time", "every weekend"}
	proseFeelings = []string{"joy", "calm", "fun", "comfort", "wonder", "energy", "peace", "pride", "smiles"}
)

// Templates of slogans and pitches. Slots: {V} the subject's verb, {N} and
// {Ns} its noun, {A} an adjective, {P} people, {T} a time, {F} a feeling;
// each slot is drawn on its own. An "a" before a vowel becomes "an", and
// the first letter is capitalised.
var (
	sloganTemplates = []string{
		"{V} more, worry less.",
		"Life is better when you {V}.",
		"{A} {Ns} for {A} {P}.",
		"Your {N}, your way.",
		"Made for {P} who love to {V}.",
		"Where {P} come to {V}.",
		"{V} with us {T}.",
		"{A} {Ns}, {A} days.",
		"The {N} you deserve.",
		"{V} like you mean it.",
		"Come for the {Ns}, stay for the {F}.",
		"Every {N} tells a story.",
		"Small {Ns}, big {F}.",
		"Bring {F} to every {N}.",
		"a {A} place to {V}.",
		"Just {V}. We do the rest.",
		"Love the way you {V}.",
		"Nothing beats a {A} {N}.",
		"Because every day deserves a {A} {N}.",
		"{V} {T} and feel the {F}.",
		"More {F} in every {N}.",
		"{A} {Ns} made simple.",
		"Go on, {V} a little.",
		"{V} today, smile tomorrow.",
		"The {A} way to {V}.",
	}
	pitchTemplates = []string{
		"The {A} way to {V} {T}.",
		"We help {P} {V} {T}.",
		"a {A} {N} for {P} who want more {F}.",
		"Our {Ns} make it easy to {V} {T}.",
		"Find {A} {Ns} near you, {T}.",
		"We bring {A} {Ns} to {P} {T}.",
		"{P} love our {A} {Ns}, and you will too.",
		"Join the {P} who {V} with us {T}.",
		"The {A} place for {P} to {V}.",
		"Everything you need to {V}, in one {A} place.",
		"We make it {A} to {V} {T}.",
		"Your {A} {N}, ready {T}.",
		"Less stress, more {F}, and {A} {Ns} {T}.",
		"Start to {V} {T} with a little help from us.",
		"{A} {Ns} and {A} service, right where you are.",
		"We turn {A} {Ns} into {F} for {P}.",
		"Pick a {N}, {V} {T}, and feel the {F}.",
		"Built by {P}, for {P} who love to {V}.",
		"Quick to start, {A} to use, and made for {P}.",
		"Come {V} with us and bring your {P}.",
	}
)

// ProseSubjects returns the subjects of the prose documents ("bike shop",
// "tea app", ...), for a Space that makes requests with [SloganPrompt] and
// [PitchPrompt]. The slice is the caller's to keep.
func ProseSubjects() []string {
	names := make([]string, len(proseSubjects))
	for i, s := range proseSubjects {
		names[i] = s.name
	}
	return names
}

// RandomProseRequest returns a request the corpus trains on: a slogan or a
// pitch, with equal chance, for a subject uniform among [ProseSubjects].
func RandomProseRequest(r *rand.Rand) string {
	slogan := chance(r, 0.5)
	subj := proseSubjects[r.IntN(len(proseSubjects))].name
	if slogan {
		return SloganPrompt(subj)
	}
	return PitchPrompt(subj)
}

// ProseSource makes prose documents: plain documents of one to three
// "Slogan for a bike shop: ..." or "Pitch for a tea app: ..." lines, or
// chats answering one [SloganPrompt] or [PitchPrompt]. Every slogan and
// pitch passes [CheckProse]. Rate fields follow [Options]: zero means the
// default, negative means none.
type ProseSource struct {
	// ChatRate is the fraction of chats (default [DefaultChatRate]).
	ChatRate float64
	// SystemRate is the fraction of chats with a system prompt (default
	// [DefaultSystemRate]).
	SystemRate float64
}

// Kind returns [KindProse].
func (ProseSource) Kind() Kind { return KindProse }

// Doc makes one prose document.
func (s ProseSource) Doc(r *rand.Rand) Doc {
	if chance(r, rate(s.ChatRate, DefaultChatRate)) {
		slogan, subj, line := proseLine(r)
		prompt := PitchPrompt(subj.name)
		if slogan {
			prompt = SloganPrompt(subj.name)
		}
		return Doc{Kind: KindProse, Chat: chat(r, rate(s.SystemRate, DefaultSystemRate),
			ProseSystem, prompt, line)}
	}
	lines := make([]string, 1+r.IntN(3))
	for i := range lines {
		slogan, subj, line := proseLine(r)
		label := "Pitch for "
		if slogan {
			label = "Slogan for "
		}
		lines[i] = label + withArticle(subj.name) + ": " + line
	}
	return Doc{Kind: KindProse, Text: strings.Join(lines, "\n")}
}

// proseLine draws a kind (slogan or pitch), a subject, and a line for them.
func proseLine(r *rand.Rand) (slogan bool, subj proseSubject, line string) {
	slogan = chance(r, 0.5)
	subj = proseSubjects[r.IntN(len(proseSubjects))]
	templates := pitchTemplates
	if slogan {
		templates = sloganTemplates
	}
	return slogan, subj, fillProse(templates[r.IntN(len(templates))], subj, func(xs []string) string {
		return xs[r.IntN(len(xs))]
	})
}

// fillProse fills the slots of template for subj, drawing each shared word
// with draw, then fixes the articles and capitalises the first letter.
func fillProse(template string, subj proseSubject, draw func([]string) string) string {
	var b strings.Builder
	for s := template; s != ""; {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:open])
		end := strings.IndexByte(s[open:], '}') + open
		switch slot := s[open+1 : end]; slot {
		case "V":
			b.WriteString(subj.verb)
		case "N":
			b.WriteString(subj.noun)
		case "Ns":
			b.WriteString(subj.nouns)
		case "A":
			b.WriteString(draw(proseAdjectives))
		case "P":
			b.WriteString(draw(prosePeople))
		case "T":
			b.WriteString(draw(proseTimes))
		case "F":
			b.WriteString(draw(proseFeelings))
		default:
			panic("corpus: unknown prose slot {" + slot + "}")
		}
		s = s[end+1:]
	}
	words := strings.Split(b.String(), " ")
	for i := range len(words) - 1 {
		if (words[i] == "a" || words[i] == "A") && startsWithVowel(words[i+1]) {
			words[i] += "n"
		}
	}
	return capitalize(strings.Join(words, " "))
}

// withArticle puts "a" or "an" before a noun phrase.
func withArticle(phrase string) string {
	if startsWithVowel(phrase) {
		return "an " + phrase
	}
	return "a " + phrase
}

func startsWithVowel(s string) bool {
	return s != "" && strings.IndexByte("aeiouAEIOU", s[0]) >= 0
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// OnTopic scores how clearly a slogan or pitch is about subject, by the
// words the corpus writes for each business (its name, its verb, its
// nouns): 1 when the line uses the subject's words and no other
// business's, 0 when it uses only another business's words, and 0.5 when
// it uses both or neither. An unknown subject scores 0.5. Words another
// business shares with subject ("play", "game") count for subject.
func OnTopic(subject, line string) float64 {
	own := topicWords(subject)
	if own == nil {
		return 0.5
	}
	var mine, theirs bool
	for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case own[w]:
			mine = true
		case otherTopicWord(subject, w):
			theirs = true
		}
	}
	switch {
	case mine && !theirs:
		return 1
	case theirs && !mine:
		return 0
	}
	return 0.5
}

// topicWords is the set of a subject's words, nil for an unknown subject.
func topicWords(subject string) map[string]bool {
	for _, s := range proseSubjects {
		if s.name != subject {
			continue
		}
		words := map[string]bool{s.verb: true, s.noun: true, s.nouns: true}
		for _, w := range strings.Fields(s.name) {
			if len(w) > 2 {
				words[w] = true
			}
		}
		return words
	}
	return nil
}

// otherTopicWord reports whether w belongs to a business other than
// subject (and not to subject).
func otherTopicWord(subject, w string) bool {
	if topicWords(subject)[w] {
		return false
	}
	for _, s := range proseSubjects {
		if s.name != subject && topicWords(s.name)[w] {
			return true
		}
	}
	return false
}
