package judges

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// Member is one judge of a panel.
type Member struct {
	Judge Judge
	// Weight is the judge's weight in the panel's mean; zero means 1, as
	// in Config (so does a negative or non-finite weight, which NewPanel
	// never builds).
	Weight float64
}

// Panel is a Space's judges, scoring a round together.
type Panel struct {
	Members []Member
	// Quorum is the fewest verdicts for the round to count; zero means all
	// members, and more than the members is taken as all of them.
	Quorum int
	// Timeout bounds each judge's verdict; zero means none beyond the
	// judges' own.
	Timeout time.Duration
}

// NewPanel builds the panel a Space's judge configs describe, each member
// with New(c, env).
//
// Optional llm judges with no endpoint are left out, and the quorum
// shrinks with them: a quorum larger than the judges left is clamped to
// their number. A zero quorum means every required (non-optional) judge
// must answer, so an optional judge that fails never voids a round; a
// panel of optional judges alone needs one verdict. A panel left with no
// judges at all is an error, since a round it scored would be a guess.
// Errors from New are wrapped with the judge's index ("judges[2]: …") and
// keep their *ConfigError.
func NewPanel(cfgs []Config, quorum int, env Env) (*Panel, error) {
	if len(cfgs) == 0 {
		return nil, errors.New("a panel needs at least one judge")
	}
	if quorum < 0 || quorum > len(cfgs) {
		return nil, fmt.Errorf("quorum %d is outside 0..%d (the number of judges)", quorum, len(cfgs))
	}
	p := &Panel{}
	required := 0
	for i, c := range cfgs {
		j, err := New(c, env)
		if err != nil {
			return nil, fmt.Errorf("judges[%d]: %w", i, err)
		}
		if j == nil {
			continue // optional and unavailable
		}
		w := c.Weight
		if w == 0 {
			w = 1
		}
		p.Members = append(p.Members, Member{Judge: j, Weight: w})
		if !c.Optional {
			required++
		}
	}
	if len(p.Members) == 0 {
		return nil, errors.New("no judge is available: every judge is an optional llm judge and no LLM-judge endpoint is configured")
	}
	switch {
	case quorum == 0:
		p.Quorum = max(required, 1)
	default:
		p.Quorum = min(quorum, len(p.Members))
	}
	return p, nil
}

// JudgeResult is one judge's part in a round, answered or not.
type JudgeResult struct {
	// Judge is the judge's name, made unique within the panel ("regex",
	// "regex#2").
	Judge  string  `json:"judge"`
	Weight float64 `json:"weight"`
	// Scores is the judge's verdict, one per reply; nil when it failed.
	Scores    []float64 `json:"scores,omitempty"`
	Rationale string    `json:"rationale,omitempty"`
	// Fouls is the judge's Verdict.Fouls: per reply, the rule against
	// cheating it broke, or ""; nil when none did.
	Fouls []string `json:"fouls,omitempty"`
	// Err says why the judge was dropped from the round ("" when it
	// answered).
	Err     string        `json:"error,omitempty"`
	Latency time.Duration `json:"latency"`
}

// Result is a panel's scoring of a round.
type Result struct {
	// Scores is, per reply, the weighted mean of the scores of the judges
	// that answered, or 0 for a reply one of them called a foul; nil when
	// the round is void.
	Scores []float64 `json:"scores,omitempty"`
	// Fouls holds, per reply, the first foul an answering judge called on
	// it ("format: …"), or ""; nil when there was none.
	Fouls []string `json:"fouls,omitempty"`
	// Judges holds every member's result, in the panel's order.
	Judges []JudgeResult `json:"judges"`
	// Void marks a round too few judges answered; it must not be ranked.
	Void bool `json:"void,omitempty"`
	// Reason says why the round is void.
	Reason string `json:"reason,omitempty"`
}

// Score has every member judge the round at once and combines the
// verdicts that came back.
//
// A reply that an answering judge calls a foul (Verdict.Fouls) scores 0,
// whatever the others scored it: the rules against cheating are the
// arena's, and a judge that can be talked into a high score (an LLM)
// must not be able to outvote them.
//
// A judge that returns an error, panics, gives the wrong number of scores
// (or a score outside [0, 1]) or runs past the panel's Timeout is dropped
// from the round, with the reason in its JudgeResult. When fewer than
// Quorum judges answer, the round is Void and Scores is nil: a round is
// never scored on a guess.
func (p *Panel) Score(ctx context.Context, r Round) Result {
	names := p.names()
	res := Result{Judges: make([]JudgeResult, len(p.Members))}
	var wg sync.WaitGroup
	for i, m := range p.Members {
		res.Judges[i] = JudgeResult{Judge: names[i], Weight: weight(m.Weight)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			v, err := p.verdict(ctx, m.Judge, r)
			jr := &res.Judges[i]
			jr.Latency = time.Since(start)
			if err == nil {
				err = checkScores(v.Scores, len(r.Replies))
			}
			if err == nil && v.Fouls != nil && len(v.Fouls) != len(r.Replies) {
				err = fmt.Errorf("gave %d fouls for %d replies", len(v.Fouls), len(r.Replies))
			}
			if err != nil {
				jr.Err = err.Error()
				return
			}
			jr.Scores, jr.Rationale, jr.Fouls = v.Scores, v.Rationale, v.Fouls
		}()
	}
	wg.Wait()

	var failed []string
	answered := 0
	for _, jr := range res.Judges {
		if jr.Err != "" {
			failed = append(failed, fmt.Sprintf("%s (%s)", jr.Judge, jr.Err))
		} else {
			answered++
		}
	}
	quorum := p.Quorum
	if quorum <= 0 || quorum > len(p.Members) {
		quorum = len(p.Members)
	}
	switch {
	case len(p.Members) == 0:
		res.Void, res.Reason = true, "the panel has no judges"
	case answered < quorum:
		res.Void = true
		res.Reason = fmt.Sprintf("%d of %d judges answered, quorum is %d; failed: %s",
			answered, len(p.Members), quorum, strings.Join(failed, "; "))
	default:
		res.Scores = weightedMean(res.Judges, len(r.Replies))
		res.Fouls = fouls(res.Judges, len(r.Replies))
		for i, f := range res.Fouls {
			if f != "" {
				res.Scores[i] = 0
			}
		}
	}
	return res
}

// fouls collects the answering judges' fouls, reply by reply: the first
// judge's in panel order, named ("format: said 10/10"); nil when no judge
// called one.
func fouls(judges []JudgeResult, replies int) []string {
	var out []string
	for _, jr := range judges {
		if jr.Err != "" {
			continue
		}
		for i, f := range jr.Fouls {
			if f == "" || i >= replies {
				continue
			}
			if out == nil {
				out = make([]string, replies)
			}
			if out[i] == "" {
				out[i] = jr.Judge + ": " + f
			}
		}
	}
	return out
}

// verdict runs one judge under the panel's timeout, turning a panic into
// an error. It stops waiting when the timeout passes even if the judge
// ignores its ctx; such a judge's goroutine finishes on its own later.
func (p *Panel) verdict(ctx context.Context, j Judge, r Round) (Verdict, error) {
	if j == nil {
		return Verdict{}, errors.New("no judge")
	}
	parent := ctx
	if p.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	type answer struct {
		v   Verdict
		err error
	}
	done := make(chan answer, 1) // buffered: a late judge must not block forever
	go func() {
		defer func() {
			if e := recover(); e != nil {
				done <- answer{err: fmt.Errorf("panic: %v", e)}
			}
		}()
		v, err := j.Score(ctx, r)
		done <- answer{v, err}
	}()
	// ours tells a panel timeout from the caller's own ctx ending.
	ours := func() bool { return parent.Err() == nil && ctx.Err() != nil }
	select {
	case a := <-done:
		if a.err != nil && ours() {
			return Verdict{}, fmt.Errorf("timed out after %v: %w", p.Timeout, a.err)
		}
		return a.v, a.err
	case <-ctx.Done():
		if ours() {
			return Verdict{}, fmt.Errorf("timed out after %v", p.Timeout)
		}
		return Verdict{}, ctx.Err()
	}
}

// checkScores rejects a verdict the panel cannot use.
func checkScores(scores []float64, replies int) error {
	if len(scores) != replies {
		return fmt.Errorf("gave %d scores for %d replies", len(scores), replies)
	}
	for i, s := range scores {
		if math.IsNaN(s) || s < 0 || s > 1 {
			return fmt.Errorf("score %v for reply %d is outside [0, 1]", s, i+1)
		}
	}
	return nil
}

// weightedMean combines the answered judges' scores, reply by reply.
func weightedMean(judges []JudgeResult, replies int) []float64 {
	scores := make([]float64, replies)
	total := 0.0
	for _, jr := range judges {
		if jr.Err != "" {
			continue
		}
		total += jr.Weight
		for i, s := range jr.Scores {
			scores[i] += jr.Weight * s
		}
	}
	for i := range scores {
		scores[i] /= total
	}
	return scores
}

// weight applies Member.Weight's default.
func weight(w float64) float64 {
	if w <= 0 || math.IsNaN(w) || math.IsInf(w, 0) {
		return 1
	}
	return w
}

// names gives each member a name unique within the panel, so results and
// judge agreement can tell two judges of the same kind apart.
func (p *Panel) names() []string {
	names := make([]string, len(p.Members))
	seen := map[string]int{}
	for i, m := range p.Members {
		n := "(none)"
		if m.Judge != nil {
			n = m.Judge.Name()
		}
		seen[n]++
		if seen[n] > 1 {
			n = fmt.Sprintf("%s#%d", n, seen[n])
		}
		names[i] = n
	}
	return names
}
