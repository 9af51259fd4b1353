package spaces

import (
	"slices"
	"strconv"
	"testing"

	"github.com/rlfc/arena/lora/corpus"
)

func mustLookup(t *testing.T, id string) *Spec {
	t.Helper()
	s, err := Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustGenerator(t *testing.T, s *Spec, seed uint64) Generator {
	t.Helper()
	g, err := s.Generator(seed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestArithmeticTasks checks that the tasks are in the corpus's format and
// are a function of the seed and the round alone.
func TestArithmeticTasks(t *testing.T) {
	s := mustLookup(t, "sum-duel")
	g := mustGenerator(t, s, 42)
	subtractions := 0
	for round := range 200 {
		task := g.Task(round)
		p, rest, ok := corpus.ParseProblem(task.Prompt)
		if !ok || rest != "" || p.Prompt() != task.Prompt {
			t.Fatalf("round %d: prompt %q is not a corpus question", round, task.Prompt)
		}
		if task.System != corpus.ArithmeticSystem || task.Expected != strconv.Itoa(p.Answer()) || task.Verifier == nil {
			t.Fatalf("round %d: task %+v", round, task)
		}
		if p.Op == '-' {
			subtractions++
		}
	}
	// subtract_rate 0.2 over 200 questions: far from none and from all.
	if subtractions < 15 || subtractions > 70 {
		t.Errorf("%d subtractions in 200 questions at rate 0.2", subtractions)
	}
	checkDeterministic(t, s)
}

// checkDeterministic checks that the same seed gives the same tasks, in
// any order, and that another seed gives others.
func checkDeterministic(t *testing.T, s *Spec) {
	t.Helper()
	a, b, other := mustGenerator(t, s, 7), mustGenerator(t, s, 7), mustGenerator(t, s, 8)
	differ := false
	for _, round := range []int{5, 0, 3, 1, 4, 2} {
		x, y := a.Task(round), b.Task(5-round)
		if x.Prompt != a.Task(round).Prompt {
			t.Errorf("%s: round %d changes when asked again", s.ID, round)
		}
		if y.Prompt != a.Task(5-round).Prompt {
			t.Errorf("%s: round %d depends on the order of asking", s.ID, 5-round)
		}
		differ = differ || other.Task(round).Prompt != x.Prompt
	}
	if !differ {
		t.Errorf("%s: seeds 7 and 8 give the same tasks", s.ID)
	}
}

// TestTasksPinned pins a few tasks of a seed: a match is replayed from its
// seed, so a change to the streams would silently change recorded matches.
func TestTasksPinned(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{"sum-duel", []string{"Q: 61+39=", "Q: 82+3=", "Q: 90+33="}},
		{"slogan", []string{"Write a slogan for a coding school.", "Write a slogan for a garden center.", "Write a slogan for a language school."}},
	} {
		g := mustGenerator(t, mustLookup(t, tc.id), 2024)
		for round, want := range tc.want {
			if got := g.Task(round).Prompt; got != want {
				t.Errorf("%s: round %d: %q, want %q", tc.id, round, got, want)
			}
		}
	}
}

func TestAnswerVerifier(t *testing.T) {
	v := answerVerifier{want: 42}
	for reply, want := range map[string]float64{"42": 1, " 42\n": 1, "41": 0, "": 0, "forty-two": 0, "-42": 0,
		"42.": 0, "42 43": 0, "42abc": 0, "42<|im_end|>": 0, "+42": 0} {
		if got, note := v.Verify(reply); got != want || note == "" {
			t.Errorf("Verify(%q) = %v, %q; want %v", reply, got, note, want)
		}
	}
}

func TestProseTasks(t *testing.T) {
	subjects := corpus.ProseSubjects()
	slogan := mustLookup(t, "slogan")
	pitch := slogan.Clone()
	pitch.ID, pitch.Task.Generator = "pitch", "pitch"
	for _, tc := range []struct {
		spec   *Spec
		prompt func(string) string
	}{{slogan, corpus.SloganPrompt}, {pitch, corpus.PitchPrompt}} {
		g := mustGenerator(t, tc.spec, 3)
		// One pass over the rounds asks about every subject once.
		var asked []string
		for round := range len(subjects) {
			task := g.Task(round)
			if task.System != corpus.ProseSystem || task.Verifier == nil {
				t.Fatalf("%s: task %+v", tc.spec.ID, task)
			}
			i := slices.IndexFunc(subjects, func(s string) bool { return tc.prompt(s) == task.Prompt })
			if i < 0 {
				t.Fatalf("%s: prompt %q is not a corpus request", tc.spec.ID, task.Prompt)
			}
			asked = append(asked, subjects[i])
		}
		slices.Sort(asked)
		want := slices.Sorted(slices.Values(subjects))
		if !slices.Equal(asked, want) {
			t.Errorf("%s: one pass asked about %v", tc.spec.ID, asked)
		}
		if g.Task(len(subjects)).Prompt == "" || g.Task(-1).Prompt == "" {
			t.Errorf("%s: rounds past one pass have no task", tc.spec.ID)
		}
		checkDeterministic(t, tc.spec)
	}
}

func TestProseVerifier(t *testing.T) {
	for reply, want := range map[string]float64{
		"Ride more, worry less.":      1,
		"Ride more, worry less.\n":    1,
		"Fresh wheels for every day.": 0.75, // form kept, topic unclear
		"Sip more, ride less.":        0.75, // this business and another
		"Sip more, worry less.":       0.5,  // another business
		"Ride more, worry less":       0,
		"Ride more.\nWorry less.":     0,
		"Ride 24 hours a day.":        0,
		"":                            0,
	} {
		if got, note := (proseVerifier{"bike shop"}).Verify(reply); got != want || note == "" {
			t.Errorf("Verify(%q) = %v, %q; want %v", reply, got, note, want)
		}
	}
}

func TestWrongMode(t *testing.T) {
	if _, err := mustLookup(t, "nim").Generator(1); err == nil {
		t.Error("a turn-based Space gave a task generator")
	}
	if _, err := mustLookup(t, "sum-duel").NewGame(1, 0); err == nil {
		t.Error("a parallel Space gave a game")
	}
}

// TestBadTaskSettings checks that a spec that skipped validation gets an
// error, not a panic from the corpus.
func TestBadTaskSettings(t *testing.T) {
	nim := mustLookup(t, "nim")
	nim.Task.Heaps = 100
	if _, err := nim.NewGame(1, 0); err == nil {
		t.Error("NewGame accepted 100 heaps")
	}
	duel := mustLookup(t, "sum-duel")
	duel.Task.Generator = "chess"
	if _, err := duel.Generator(1); err == nil {
		t.Error("Generator accepted an unknown generator")
	}
}
