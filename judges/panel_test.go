package judges

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
)

// scriptedPolicy answers every request with the same text, in process.
type scriptedPolicy struct{ text string }

func (s scriptedPolicy) Reply(context.Context, agents.Request, func(agents.Delta)) ([]agents.Reply, error) {
	return []agents.Reply{{Text: s.text}}, nil
}

// stubJudge is a judge whose behaviour a test scripts.
type stubJudge struct {
	name   string
	scores []float64
	err    error
	panic  bool
	// block waits for ctx to end (a slow judge that respects ctx).
	block bool
	// hang ignores ctx and waits on release (a judge that never listens).
	hang chan struct{}
}

func (s *stubJudge) Name() string { return s.name }

func (s *stubJudge) Score(ctx context.Context, r Round) (Verdict, error) {
	switch {
	case s.panic:
		panic("judge exploded")
	case s.block:
		<-ctx.Done()
		return Verdict{}, ctx.Err()
	case s.hang != nil:
		<-s.hang
	}
	if s.err != nil {
		return Verdict{}, s.err
	}
	return Verdict{Scores: s.scores, Rationale: s.name + " says so"}, nil
}

func TestPanelWeightedMean(t *testing.T) {
	p := &Panel{Members: []Member{
		{Judge: &stubJudge{name: "a", scores: []float64{1, 0, 0.5}}, Weight: 3},
		{Judge: &stubJudge{name: "b", scores: []float64{0, 1, 0.5}}, Weight: 1},
		{Judge: &stubJudge{name: "c", scores: []float64{0, 0, 0}}}, // weight 0 means 1
	}}
	res := p.Score(context.Background(), Round{Replies: []string{"x", "y", "z"}})
	if res.Void {
		t.Fatalf("void: %s", res.Reason)
	}
	if want := []float64{3.0 / 5, 1.0 / 5, 2.0 / 5}; !near(res.Scores, want) {
		t.Errorf("scores = %v, want %v", res.Scores, want)
	}
	if len(res.Judges) != 3 || res.Judges[2].Weight != 1 || res.Judges[0].Rationale != "a says so" {
		t.Errorf("judges = %+v", res.Judges)
	}
}

func TestPanelDropsFailures(t *testing.T) {
	good := func(name string, s ...float64) Member {
		return Member{Judge: &stubJudge{name: name, scores: s}, Weight: 1}
	}
	replies := []string{"x", "y"}
	tests := []struct {
		name    string
		bad     Member
		quorum  int
		void    bool
		errPart string
	}{
		{"error, quorum met", Member{Judge: &stubJudge{name: "bad", err: errors.New("endpoint down")}}, 2, false, "endpoint down"},
		{"error, quorum all", Member{Judge: &stubJudge{name: "bad", err: errors.New("endpoint down")}}, 0, true, "endpoint down"},
		{"panic", Member{Judge: &stubJudge{name: "bad", panic: true}}, 2, false, "panic: judge exploded"},
		{"panic voids", Member{Judge: &stubJudge{name: "bad", panic: true}}, 3, true, "panic: judge exploded"},
		{"too few scores", good("bad", 1), 2, false, "gave 1 scores for 2 replies"},
		{"score out of range", good("bad", 1, 1.5), 2, false, "outside [0, 1]"},
		{"NaN score", good("bad", math.NaN(), 0), 2, false, "outside [0, 1]"},
		{"nil judge", Member{}, 2, false, "no judge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Panel{Members: []Member{good("a", 1, 0), tt.bad, good("b", 0, 1)}, Quorum: tt.quorum}
			res := p.Score(context.Background(), Round{Replies: replies})
			bad := res.Judges[1]
			if !strings.Contains(bad.Err, tt.errPart) || bad.Scores != nil {
				t.Errorf("bad judge's result = %+v, want error containing %q", bad, tt.errPart)
			}
			if res.Void != tt.void {
				t.Fatalf("void = %v (%s), want %v", res.Void, res.Reason, tt.void)
			}
			if tt.void {
				if res.Scores != nil {
					t.Errorf("void round has scores %v", res.Scores)
				}
				if !strings.Contains(res.Reason, bad.Judge) || !strings.Contains(res.Reason, tt.errPart) {
					t.Errorf("reason %q does not name the failed judge and why", res.Reason)
				}
				return
			}
			if !near(res.Scores, []float64{0.5, 0.5}) {
				t.Errorf("scores = %v, want the two good judges' mean", res.Scores)
			}
		})
	}
}

func TestPanelTimeout(t *testing.T) {
	hang := make(chan struct{})
	defer close(hang)
	p := &Panel{
		Members: []Member{
			{Judge: &stubJudge{name: "fast", scores: []float64{1, 0}}},
			{Judge: &stubJudge{name: "slow", block: true}},
			{Judge: &stubJudge{name: "deaf", hang: hang}},
		},
		Quorum:  1,
		Timeout: 200 * time.Millisecond,
	}
	res := p.Score(context.Background(), Round{Replies: []string{"x", "y"}})
	if res.Void || !near(res.Scores, []float64{1, 0}) {
		t.Fatalf("result = %+v, want the fast judge's scores", res)
	}
	for _, jr := range res.Judges[1:] {
		if !strings.Contains(jr.Err, "timed out") {
			t.Errorf("%s: err = %q, want a timeout", jr.Judge, jr.Err)
		}
	}

	p.Quorum = 2
	res = p.Score(context.Background(), Round{Replies: []string{"x", "y"}})
	if !res.Void || !strings.Contains(res.Reason, "slow") || !strings.Contains(res.Reason, "deaf") {
		t.Errorf("result = %+v, want void naming slow and deaf", res)
	}
}

func TestPanelCallerCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &Panel{Members: []Member{{Judge: &stubJudge{name: "slow", block: true}}}}
	res := p.Score(ctx, Round{Replies: []string{"x"}})
	if !res.Void || !strings.Contains(res.Judges[0].Err, "canceled") {
		t.Errorf("result = %+v, want void by cancellation", res)
	}
}

func TestPanelNames(t *testing.T) {
	p := &Panel{Members: []Member{
		{Judge: &stubJudge{name: "regex", scores: []float64{1}}},
		{Judge: &stubJudge{name: "regex", scores: []float64{1}}},
		{Judge: &stubJudge{name: "exact", scores: []float64{1}}},
	}}
	res := p.Score(context.Background(), Round{Replies: []string{"x"}})
	var got []string
	for _, jr := range res.Judges {
		got = append(got, jr.Judge)
	}
	if strings.Join(got, ",") != "regex,regex#2,exact" {
		t.Errorf("names = %v", got)
	}
}

func TestPanelEmpty(t *testing.T) {
	res := (&Panel{}).Score(context.Background(), Round{Replies: []string{"x"}})
	if !res.Void || res.Scores != nil {
		t.Errorf("empty panel: %+v", res)
	}
}

func TestNewPanel(t *testing.T) {
	cfgs := []Config{
		{Kind: "exact", Weight: 2},
		{Kind: "numeric"},
		{Kind: "llm", Model: "judge", Optional: true}, // no endpoint anywhere: left out
	}
	p, err := NewPanel(cfgs, 0, Env{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Members) != 2 || p.Quorum != 2 || p.Members[0].Weight != 2 || p.Members[1].Weight != 1 {
		t.Errorf("panel = %+v", p)
	}
	res := p.Score(context.Background(), Round{Expected: "7", Replies: []string{"7", "8"}})
	if res.Void || !near(res.Scores, []float64{1, 0.125 / 3}) {
		t.Errorf("result = %+v", res)
	}

	// A quorum of 3 shrinks to the 2 judges left.
	if p, err = NewPanel(cfgs, 3, Env{}); err != nil || p.Quorum != 2 {
		t.Errorf("quorum 3: panel %+v, err %v", p, err)
	}
	// With an endpoint the llm judge joins; quorum 0 still means the
	// required judges only, so the optional one cannot void a round.
	env := Env{Endpoint: "http://127.0.0.1:1/v1", Policy: func(string, string, string) (agents.Policy, error) { return scriptedPolicy{}, nil }}
	if p, err = NewPanel(cfgs, 0, env); err != nil || len(p.Members) != 3 || p.Quorum != 2 {
		t.Errorf("with endpoint: panel %+v, err %v", p, err)
	}

	var ce *ConfigError
	if _, err = NewPanel([]Config{{Kind: "exact"}, {Kind: "regex", Pattern: "("}}, 0, Env{}); !errors.As(err, &ce) ||
		ce.Key != "pattern" || !strings.HasPrefix(err.Error(), "judges[1]: ") {
		t.Errorf("bad judge: err = %v", err)
	}
	if _, err = NewPanel(nil, 0, Env{}); err == nil {
		t.Error("no judges: no error")
	}
	if _, err = NewPanel(cfgs, 4, Env{}); err == nil {
		t.Error("quorum above the judges: no error")
	}
	if _, err = NewPanel(cfgs, -1, Env{}); err == nil {
		t.Error("negative quorum: no error")
	}
	if _, err = NewPanel([]Config{{Kind: "llm", Optional: true}}, 0, Env{}); err == nil {
		t.Error("every judge left out: no error")
	}
	if _, err = NewPanel([]Config{{Kind: "llm"}}, 0, Env{}); !errors.As(err, &ce) || ce.Key != "endpoint" {
		t.Errorf("required llm judge without endpoint: err = %v", err)
	}
}

func TestKendallTau(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		a, b []float64
		want float64
	}{
		{"perfect", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		// One swap among 4 items: C=5, D=1, tau = 4/6.
		{"one swap", []float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, 4.0 / 6},
		// a has one tied pair: n0=6, n1=1, n2=0; C=5, D=0 → 5/sqrt(5·6).
		{"ties in a", []float64{1, 1, 2, 3}, []float64{1, 2, 3, 4}, 5 / math.Sqrt(30)},
		// Both tie the same pair: n1=n2=1, C=5 → 5/5.
		{"shared tie", []float64{1, 1, 2, 3}, []float64{0, 0, 5, 9}, 1},
		{"all tied", []float64{1, 1, 1}, []float64{1, 2, 3}, nan},
		{"one item", []float64{1}, []float64{1}, nan},
		{"lengths differ", []float64{1, 2}, []float64{1, 2, 3}, nan},
		{"NaN score", []float64{1, nan}, []float64{1, 2}, nan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := KendallTau(tt.a, tt.b)
			if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
				t.Errorf("KendallTau = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAgreement(t *testing.T) {
	jr := func(name string, scores ...float64) JudgeResult { return JudgeResult{Judge: name, Scores: scores} }
	failed := JudgeResult{Judge: "c", Err: "timed out"}
	results := []Result{
		{Judges: []JudgeResult{jr("a", 1, 2, 3), jr("b", 1, 2, 3), jr("c", 3, 2, 1)}},
		{Judges: []JudgeResult{jr("a", 1, 2, 3), jr("b", 3, 2, 1), failed}},
		// b scores all alike: tau with b is undefined and skipped.
		{Judges: []JudgeResult{jr("a", 1, 2, 3), jr("b", 1, 1, 1), jr("c", 1, 3, 2)}, Void: true},
	}
	got := Agreement(results)
	want := []PairAgreement{
		{A: "a", B: "b", Tau: 0, Rounds: 2},
		{A: "a", B: "c", Tau: (-1 + 1.0/3) / 2, Rounds: 2},
		{A: "b", B: "c", Tau: -1, Rounds: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("Agreement = %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.A != w.A || g.B != w.B || g.Rounds != w.Rounds || math.Abs(g.Tau-w.Tau) > 1e-12 {
			t.Errorf("pair %d = %+v, want %+v", i, g, w)
		}
	}
	if len(Agreement(nil)) != 0 {
		t.Error("Agreement(nil) is not empty")
	}
}
