package spaces

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rlfc/arena/judges"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/corpus"
)

// Bounds of a spec's settings. They keep a match's cost (rounds, samples,
// tokens, time) and a pool's split within what the engine and the chain
// are built for.
const (
	maxIDLen       = 40
	minPlayers     = 2
	maxPlayers     = 16
	maxRounds      = 1000
	maxSamples     = 16
	maxDecimals    = 36
	maxRakeBPS     = 10000
	maxReplySecs   = 600
	maxTokensLimit = 4096
	// maxNimHeap is the largest heap the corpus parsers read (four digits).
	maxNimHeap = 9999
)

// Defaults for the settings whose zero value means "the usual".
const (
	defaultDecimals     = 18
	defaultReplySeconds = 30
	defaultMaxTokens    = 32
	defaultMargin       = 0.1
)

var slug = regexp.MustCompile(`^[a-z0-9-]{1,` + strconv.Itoa(maxIDLen) + `}$`)

// problem is one broken rule of a spec, before it is placed in a
// document.
type problem struct {
	key string
	// got describes the value at fault and want the rule it breaks; want
	// may be empty when got says it all.
	got, want string
	// fixed marks a message that stands as written even if the key is not
	// in the document (a judge's own complaint), where otherwise got would
	// become "missing".
	fixed bool
}

// message words the problem; written says whether the key is in the
// document, since a value that was never written is better called missing
// than described by its zero value.
func (p problem) message(written bool) string {
	got := p.got
	if !written && !p.fixed {
		got = "missing"
	}
	if p.want == "" {
		return got
	}
	return got + ", want " + p.want
}

type problems []problem

func (ps *problems) add(key, got, want string) {
	*ps = append(*ps, problem{key: key, got: got, want: want})
}

// Validate checks the spec's rules (see the package documentation for
// the list). It reports every broken rule in an [ErrorList] (a bare
// [*Error] if there is one), with keys but no lines, since a Spec built in
// Go has no document; Parse reports the same problems with their lines.
func (s *Spec) Validate() error {
	var l ErrorList
	for _, p := range s.problems() {
		l = append(l, &Error{Key: p.key, Msg: p.message(true)})
	}
	return asError(l)
}

// problems lists the broken rules, in the order of the spec's fields.
func (s *Spec) problems() problems {
	var ps problems
	switch {
	case s.ID == "":
		ps.add("id", `""`, fmt.Sprintf("a slug of 1 to %d characters a-z, 0-9 and -", maxIDLen))
	case !slug.MatchString(s.ID):
		ps.add("id", fmt.Sprintf("%q is not a slug", s.ID), fmt.Sprintf("1 to %d characters a-z, 0-9 and -", maxIDLen))
	}
	if strings.TrimSpace(s.Name) == "" {
		ps.add("name", "empty", "a display name")
	}
	if s.Mode != Parallel && s.Mode != Turns {
		ps.add("mode", strconv.Quote(string(s.Mode)), `"parallel" or "turns"`)
	}
	s.playerProblems(&ps)
	if s.Rounds < 1 || s.Rounds > maxRounds {
		ps.add("rounds", itoa(s.Rounds), fmt.Sprintf("1 to %d", maxRounds))
	}
	if s.Samples < 0 || s.Samples > maxSamples {
		ps.add("samples", itoa(s.Samples), fmt.Sprintf("0 to %d (0 means 1)", maxSamples))
	}
	ps = append(ps, s.Task.problems(s.Mode)...)
	s.judgeProblems(&ps)
	s.Entry.problems(&ps)
	s.payoutProblems(&ps)
	if r := s.Limits.ReplySeconds; !(r >= 0 && r <= maxReplySecs) {
		ps.add("limits.reply_seconds", ftoa(r), fmt.Sprintf("0 to %d (0 means %d)", maxReplySecs, defaultReplySeconds))
	}
	if t := s.Limits.MaxTokens; t < 0 || t > maxTokensLimit {
		ps.add("limits.max_tokens", itoa(t), fmt.Sprintf("0 to %d (0 means %d)", maxTokensLimit, defaultMaxTokens))
	}
	if !(s.Margin >= 0 && s.Margin <= 1) {
		ps.add("margin", ftoa(s.Margin), fmt.Sprintf("0 to 1 (0 means %v)", defaultMargin))
	}
	switch s.Rollouts {
	case "", "verified", "checked", "any":
	default:
		ps.add("rollouts", strconv.Quote(s.Rollouts), `"verified", "checked" or "any"`)
	}
	s.Training.problems(&ps)
	return ps
}

// Bounds of a training policy.
const (
	maxTrainPairs  = 100000
	maxTrainEpochs = 100
	maxTrainRank   = 256
	maxTrainBatch  = 1024
	// maxTrainStaleness bounds max_staleness: beyond it, say 0.
	maxTrainStaleness = 1000
	// maxChosenPattern bounds a chosen_pattern's length: an answer format
	// is a line, not a program.
	maxChosenPattern = 1000
)

func (t Training) problems(ps *problems) {
	if t.MinPairs < 0 || t.MinPairs > maxTrainPairs {
		ps.add("training.min_pairs", itoa(t.MinPairs), fmt.Sprintf("0 to %d (0 never trains)", maxTrainPairs))
	}
	if t.MaxPairs != 0 && (t.MaxPairs < t.MinPairs || t.MaxPairs > maxTrainPairs) {
		ps.add("training.max_pairs", itoa(t.MaxPairs), fmt.Sprintf("min_pairs (%d) to %d, or 0 for 4×min_pairs", t.MinPairs, maxTrainPairs))
	}
	if t.MaxStaleness < 0 || t.MaxStaleness > maxTrainStaleness {
		ps.add("training.max_staleness", itoa(t.MaxStaleness), fmt.Sprintf("0 to %d versions (0 means unlimited)", maxTrainStaleness))
	}
	if !(t.MinChosen >= 0 && t.MinChosen <= 1) {
		ps.add("training.min_chosen", ftoa(t.MinChosen), "0 to 1")
	}
	switch t.Method {
	case "", "dpo", "ipo", "hinge", "robust":
	default:
		ps.add("training.method", strconv.Quote(t.Method), `"dpo", "ipo", "hinge" or "robust"`)
	}
	if !(t.Beta >= 0 && t.Beta <= 10) {
		ps.add("training.beta", ftoa(t.Beta), "0 to 10 (0 means 0.1)")
	}
	if !(t.LR >= 0 && t.LR <= 1) {
		ps.add("training.lr", ftoa(t.LR), "0 to 1 (0 means 5e-4)")
	}
	if t.Epochs < 0 || t.Epochs > maxTrainEpochs {
		ps.add("training.epochs", itoa(t.Epochs), fmt.Sprintf("0 to %d (0 means 2)", maxTrainEpochs))
	}
	if t.Rank < 0 || t.Rank > maxTrainRank {
		ps.add("training.rank", itoa(t.Rank), fmt.Sprintf("0 to %d (0 means 8)", maxTrainRank))
	}
	if t.Batch < 0 || t.Batch > maxTrainBatch {
		ps.add("training.batch", itoa(t.Batch), fmt.Sprintf("0 to %d (0 means 4)", maxTrainBatch))
	}
	if t.ChosenPattern != "" {
		switch re, err := t.ChosenRE(); {
		case len(t.ChosenPattern) > maxChosenPattern:
			ps.add("training.chosen_pattern", fmt.Sprintf("%d bytes", len(t.ChosenPattern)), fmt.Sprintf("at most %d", maxChosenPattern))
		case err != nil:
			ps.add("training.chosen_pattern", fmt.Sprintf("%q does not compile: %v", t.ChosenPattern, errors.Unwrap(err)), "a Go regular expression (RE2 syntax)")
		case re.MatchString(""):
			ps.add("training.chosen_pattern", fmt.Sprintf("%q matches an empty reply", t.ChosenPattern), "a pattern that needs an answer")
		}
	}
	seen := map[string]bool{}
	for _, m := range t.Targets {
		switch {
		case !slices.Contains(lora.Modules(), m):
			ps.add("training.targets", strconv.Quote(m), "some of "+strings.Join(lora.Modules(), ", "))
		case seen[m]:
			ps.add("training.targets", strconv.Quote(m), "each module once")
		}
		seen[m] = true
	}
}

func (s *Spec) playerProblems(ps *problems) {
	p := s.Players
	if p.Min < minPlayers {
		ps.add("players.min", itoa(p.Min), fmt.Sprintf("at least %d", minPlayers))
	}
	switch {
	case p.Max < p.Min:
		ps.add("players.max", itoa(p.Max), fmt.Sprintf("at least players.min (%d)", p.Min))
	case p.Max > maxPlayers:
		ps.add("players.max", itoa(p.Max), fmt.Sprintf("at most %d", maxPlayers))
	}
	// A game has a fixed number of seats: every match must fill them all.
	g, ok := generators[s.Task.Generator]
	if !ok || s.Mode != Turns || g.mode != Turns {
		return
	}
	want := fmt.Sprintf("%d (%s has exactly %d seats)", g.seats, s.Task.Generator, g.seats)
	if p.Min != g.seats && p.Min >= minPlayers {
		ps.add("players.min", itoa(p.Min), want)
	}
	if p.Max != g.seats && p.Max >= p.Min && p.Max <= maxPlayers {
		ps.add("players.max", itoa(p.Max), want)
	}
}

// problems checks the generator and its parameters against mode; Generator
// and NewGame check them again, so that a Spec that skipped Validate
// cannot reach the corpus with a setting it would panic on.
func (t TaskConfig) problems(mode Mode) problems {
	var ps problems
	g, ok := generators[t.Generator]
	switch {
	case t.Generator == "":
		ps.add("task.generator", `""`, "one of "+generatorNames(""))
	case !ok:
		ps.add("task.generator", fmt.Sprintf("%q is unknown", t.Generator), "one of "+generatorNames(""))
	case (mode == Parallel || mode == Turns) && g.mode != mode:
		ps.add("task.generator", fmt.Sprintf("%q is for %s Spaces", t.Generator, modeWord(g.mode)),
			fmt.Sprintf("one of %s for mode %q", generatorNames(mode), mode))
	}
	if !ok {
		return ps // the parameters mean nothing without their generator
	}
	unused := func(key string) {
		ps.add("task."+key, fmt.Sprintf("the %s generator takes no %s", t.Generator, key), "")
	}
	if r := t.SubtractRate; r != 0 {
		switch {
		case !g.uses("subtract_rate"):
			unused("subtract_rate")
		case !(r >= 0 && r <= 1):
			ps.add("task.subtract_rate", ftoa(r), fmt.Sprintf("0 to 1 (0 means %v)", corpus.DefaultSubtractRate))
		}
	}
	if h := t.Heaps; h != 0 {
		switch {
		case !g.uses("heaps"):
			unused("heaps")
		case h < 1 || h > corpus.MaxNimHeaps:
			ps.add("task.heaps", itoa(h), fmt.Sprintf("1 to %d (0 means %d)", corpus.MaxNimHeaps, corpus.DefaultNimHeaps))
		}
	}
	if m := t.MaxHeap; m != 0 {
		switch {
		case !g.uses("max_heap"):
			unused("max_heap")
		case m < 1 || m > maxNimHeap:
			ps.add("task.max_heap", itoa(m), fmt.Sprintf("1 to %d (0 means %d)", maxNimHeap, corpus.DefaultNimMaxHeap))
		}
	}
	return ps
}

// taskError is TaskConfig.problems as an error, for Generator and NewGame.
func (s *Spec) taskError() error {
	var l ErrorList
	for _, p := range s.Task.problems(s.Mode) {
		l = append(l, &Error{Key: p.key, Msg: p.message(true)})
	}
	if err := asError(l); err != nil {
		return fmt.Errorf("space %s: %w", s.ID, err)
	}
	return nil
}

func modeWord(m Mode) string {
	if m == Turns {
		return "turn-based"
	}
	return string(m)
}

func (s *Spec) judgeProblems(ps *problems) {
	if len(s.Judges) == 0 {
		ps.add("judges", "none", "at least one [[judges]] table")
	}
	// A judge kind knows its own settings and which modes it can serve, so
	// spaces asks it rather than knowing.
	for i, j := range s.Judges {
		prefix := fmt.Sprintf("judges[%d]", i)
		for _, err := range flatten(j.Check(s.Mode == Turns)) {
			var ce *judges.ConfigError
			if errors.As(err, &ce) {
				key := prefix
				if ce.Key != "" {
					key += "." + ce.Key
				}
				*ps = append(*ps, problem{key: key, got: ce.Msg, fixed: true})
			} else {
				*ps = append(*ps, problem{key: prefix, got: err.Error(), fixed: true})
			}
		}
	}
	if q := s.Quorum; q < 0 || q > len(s.Judges) {
		ps.add("quorum", itoa(q), fmt.Sprintf("0 to %d, the number of judges (0 means every required judge)", len(s.Judges)))
	}
}

// flatten opens an errors.Join of several judge problems.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func (e Entry) problems(ps *problems) {
	if strings.TrimSpace(e.Currency) == "" {
		ps.add("entry.currency", "empty", `a currency symbol such as "ETH"`)
	}
	if e.Decimals < 0 || e.Decimals > maxDecimals {
		ps.add("entry.decimals", itoa(e.Decimals), fmt.Sprintf("0 to %d (0 means %d)", maxDecimals, defaultDecimals))
		return // the tiers cannot be read without it
	}
	if len(e.Tiers) == 0 {
		ps.add("entry.tiers", "none", `at least one fee, like ["0", "0.01"]`)
	}
	var prev *amount
	for i, t := range e.Tiers {
		key := fmt.Sprintf("entry.tiers[%d]", i)
		a, p := parseAmount(t, e.decimals())
		if p != nil {
			p.key = key
			*ps = append(*ps, *p)
			prev = nil
			continue
		}
		if prev != nil && a.base.Cmp(prev.base) <= 0 {
			ps.add(key, fmt.Sprintf("%s after %s", t, prev.text), "strictly increasing fees")
		}
		prev = &a
	}
}

func (s *Spec) payoutProblems(ps *problems) {
	p := s.Payout
	if len(p.Shares) == 0 {
		ps.add("payout.shares", "none", "one share per rank, first place first, summing to 1")
	}
	if len(p.Shares) > max(s.Players.Max, 0) {
		ps.add("payout.shares", fmt.Sprintf("%d shares", len(p.Shares)),
			fmt.Sprintf("at most players.max (%d), one per rank", s.Players.Max))
	}
	sum, exact := 0.0, true
	for i, x := range p.Shares {
		key := fmt.Sprintf("payout.shares[%d]", i)
		switch _, ok := sharePPM(x); {
		case !(x >= 0 && x <= 1):
			ps.add(key, ftoa(x), "0 to 1")
			exact = false
		case !ok:
			ps.add(key, ftoa(x)+" is finer than parts per million", "at most 6 decimal places")
			exact = false
		}
		sum += x
	}
	if exact && len(p.Shares) > 0 && math.Abs(sum-1) > 1e-9 {
		ps.add("payout.shares", "shares sum to "+ftoa(math.Round(sum*1e9)/1e9), "1")
	}
	if p.RakeBPS < 0 || p.RakeBPS > maxRakeBPS {
		ps.add("payout.rake_bps", itoa(p.RakeBPS), fmt.Sprintf("0 to %d basis points", maxRakeBPS))
	}
	d := s.Entry.decimals()
	if s.Entry.Decimals < 0 || s.Entry.Decimals > maxDecimals {
		d = -1 // already reported; the prize cannot be read
	}
	switch {
	case p.ZeroSum && p.Prize != "":
		ps.add("payout.prize", strconv.Quote(p.Prize)+" with zero_sum = true",
			"no prize: a zero-sum pool is the entry fees alone")
	case !p.ZeroSum && p.Prize == "":
		ps.add("payout.prize", `""`, "a sponsor's prize above 0, since zero_sum = false")
	case !p.ZeroSum && d >= 0:
		a, bad := parseAmount(p.Prize, d)
		switch {
		case bad != nil:
			bad.key = "payout.prize"
			*ps = append(*ps, *bad)
		case a.base.Sign() == 0:
			ps.add("payout.prize", p.Prize, "a sponsor's prize above 0, since zero_sum = false")
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
