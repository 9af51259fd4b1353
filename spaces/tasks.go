package spaces

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rlfc/arena/lora/corpus"
)

// generatorKind describes one task generator: the mode it serves, the
// seats of its game, and the [task] parameters it reads, so that
// validation and construction agree on one table.
type generatorKind struct {
	mode   Mode
	seats  int // turn-based games: the number of seats
	params []string
}

func (g generatorKind) uses(param string) bool { return slices.Contains(g.params, param) }

// generators are the task generators a spec may name. Every one speaks a
// format of lora/corpus, the one the embedded model was trained on.
var generators = map[string]generatorKind{
	"arithmetic":  {mode: Parallel, params: []string{"subtract_rate"}},
	"slogan":      {mode: Parallel},
	"pitch":       {mode: Parallel},
	"tic-tac-toe": {mode: Turns, seats: 2},
	"nim":         {mode: Turns, seats: 2, params: []string{"heaps", "max_heap"}},
}

// generatorNames lists the generators for mode ("" for all), sorted, for
// error messages.
func generatorNames(mode Mode) string {
	var names []string
	for name, g := range generators {
		if mode == "" || g.mode == mode {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// stream is the Space's PCG stream constant: two Spaces given the same
// match seed still draw unrelated tasks.
func (s *Spec) stream() uint64 {
	h := fnv.New64a()
	h.Write([]byte("arena/spaces/" + s.ID))
	return h.Sum64()
}

// seeded is the randomness of one match of a Space.
type seeded struct{ seed, stream uint64 }

// rand returns the random stream of one task (or game) of the match. It is
// a function of the match seed, the Space and the task's index alone, so a
// task can be made again, in any order, for a replay or an audit.
func (s seeded) rand(index uint64) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(s.seed^splitmix(index)), s.stream))
}

// splitmix scrambles a word (SplitMix64's finaliser), so that neighbouring
// seeds and indexes start unrelated streams.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Generator returns the task generator of a parallel Space, seeded with a
// match's seed: the same seed gives the same tasks.
func (s *Spec) Generator(seed uint64) (Generator, error) {
	if s.Mode != Parallel {
		return nil, fmt.Errorf("space %s: mode %q has games, not a task generator: use NewGame", s.ID, s.Mode)
	}
	if err := s.taskError(); err != nil {
		return nil, err
	}
	switch s.Task.Generator {
	case "arithmetic":
		rate := s.Task.SubtractRate
		if rate == 0 {
			rate = corpus.DefaultSubtractRate
		}
		return &arithmeticTasks{seeded: seeded{seed, s.stream()}, subtractRate: rate}, nil
	case "slogan":
		return &proseTasks{seeded: seeded{seed, s.stream()}, prompt: corpus.SloganPrompt, subjects: corpus.ProseSubjects()}, nil
	case "pitch":
		return &proseTasks{seeded: seeded{seed, s.stream()}, prompt: corpus.PitchPrompt, subjects: corpus.ProseSubjects()}, nil
	}
	return nil, fmt.Errorf("space %s: generator %q makes no parallel tasks", s.ID, s.Task.Generator)
}

// arithmeticTasks asks one "Q: a+b=" question per round.
type arithmeticTasks struct {
	seeded
	subtractRate float64
}

// Task draws round's question.
func (g *arithmeticTasks) Task(round int) Task {
	p := corpus.RandomProblem(g.rand(uint64(round)), g.subtractRate)
	want := p.Answer()
	return Task{
		System:   corpus.ArithmeticSystem,
		Prompt:   p.Prompt(),
		Expected: strconv.Itoa(want),
		Verifier: answerVerifier{want: want},
	}
}

// answerVerifier checks an arithmetic reply: the whole reply, trimmed of
// white space, must be an integer ("57", "-3"). The corpus's parser reads
// the number a reply starts with, so "57<|im_end|>..." or "57 58" would
// pass it; an answer is the number alone (see the numeric judge).
type answerVerifier struct{ want int }

// answerRE is an integer alone, of at most 18 digits (as the corpus reads).
var answerRE = regexp.MustCompile(`^-?[0-9]{1,18}$`)

// Verify scores 1 for the right number alone, 0 otherwise.
func (v answerVerifier) Verify(reply string) (float64, string) {
	s := strings.TrimSpace(reply)
	got, ok := corpus.ParseAnswer(s)
	switch {
	case !ok || !answerRE.MatchString(s):
		return 0, "the reply is not a number alone"
	case got != v.want:
		return 0, fmt.Sprintf("%d is wrong", got)
	}
	return 1, "right"
}

// proseTasks asks for a slogan or a pitch per round. The subjects are
// dealt in a shuffled order, so a match does not ask about the same
// business twice before it has asked about all of them.
type proseTasks struct {
	seeded
	prompt   func(subject string) string
	subjects []string
}

// Task returns round's request.
func (g *proseTasks) Task(round int) Task {
	n := uint64(len(g.subjects))
	u := uint64(round)
	// Each pass over the subjects has its own order, drawn from its own
	// stream, so any round is made without the ones before it.
	order := g.rand(u / n).Perm(int(n))
	subject := g.subjects[order[u%n]]
	return Task{
		System:   corpus.ProseSystem,
		Prompt:   g.prompt(subject),
		Verifier: proseVerifier{subject},
	}
}

// proseVerifier checks a slogan or pitch against the corpus's rules and
// for being about its business, so that offline, with no LLM judge, lines
// that keep the form still rank by whether they are on topic.
type proseVerifier struct{ subject string }

// Verify scores 0 for a line that breaks a rule of form; a line that
// keeps them scores from 0.5 (about another business) to 1 (clearly about
// this one), by corpus.OnTopic.
func (v proseVerifier) Verify(reply string) (float64, string) {
	if err := corpus.CheckProse(reply); err != nil {
		return 0, strings.TrimPrefix(err.Error(), "prose: ")
	}
	switch topic := corpus.OnTopic(v.subject, reply); topic {
	case 1:
		return 1, "well formed and about the " + v.subject
	case 0:
		return 0.5, "well formed but about another business"
	default:
		return 0.5 + topic/2, "well formed, not clearly about the " + v.subject
	}
}
