package learn

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// trained plays until both agents have trained once and returns their
// jobs.
func (w *world) trained(l *Learner) []arena.Job {
	w.t.Helper()
	w.play(3)
	done, err := l.RunOnce(w.t.Context())
	if err != nil {
		w.t.Fatal(err)
	}
	if len(done) != 2 {
		w.t.Fatalf("%d jobs ran, want 2: %+v", len(done), done)
	}
	return done
}

// checkOf runs a verifier that re-executes nothing (fraction 0, honoured)
// and returns what it found of job id.
func (w *world) checkOf(id string) string {
	w.t.Helper()
	v := &Verifier{Arena: w.a, Dir: w.dir, Base: embedded.Load, Fraction: 0, FractionSet: true}
	if _, err := v.Check(w.t.Context()); err != nil {
		w.t.Fatal(err)
	}
	j, err := w.a.Job(id)
	if err != nil {
		w.t.Fatal(err)
	}
	return j.Check
}

// cheat trains job j's version on other pairs (its own less the first, so
// a set the arena did not choose) and reports that record as the job's,
// as a trainer that substitutes data would.
func (w *world) cheat(l *Learner, j arena.Job) {
	w.t.Helper()
	other := j
	other.PairIDs = j.PairIDs[1:]
	res, err := l.train(w.t.Context(), other)
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.a.UpdateJob(j.ID, func(j *arena.Job) error { j.Record, j.Check = res.Record, ""; return nil }); err != nil {
		w.t.Fatal(err)
	}
}

// A job names its pairs exactly, and its record names the job and proves
// those pairs: the verifier, reading the store, finds them the same.
func TestRecordBindsItsJob(t *testing.T) {
	w := newWorld(t, t.TempDir())
	done := w.trained(w.learner())
	for _, j := range done {
		if len(j.PairIDs) != j.Pairs {
			t.Errorf("job %s names %d pairs and trained %d", j.ID, len(j.PairIDs), j.Pairs)
		}
		rec, err := lora.ReadRecord(filepath.Join(w.dir, "adapters", j.Version, "record.json"))
		if err != nil {
			t.Fatal(err)
		}
		pairs, err := JobPairs(w.a, j)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Job != j.ID || rec.Dataset.Root != lora.DatasetRoot(pairs) {
			t.Errorf("record names job %q with root %s; want job %s with its pairs' root %s", rec.Job, rec.Dataset.Root, j.ID, lora.DatasetRoot(pairs))
		}
		if got := w.checkOf(j.ID); got != "not sampled" {
			t.Errorf("an honest record, not re-executed: %q", got)
		}
	}
}

// The trainer trains on pairs of its choosing but publishes the job's
// pairs beside its record: the record's root is not the job's, and the
// verifier says so without re-executing anything.
func TestTrainingOnOtherPairsFailsTheDatasetCheck(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	j := w.trained(l)[0]
	w.cheat(l, j)
	pairs, _ := JobPairs(w.a, j)
	if err := lora.SavePairs(filepath.Join(w.dir, "adapters", j.Version, "pairs.jsonl"), pairs); err != nil {
		t.Fatal(err)
	}
	got := w.checkOf(j.ID)
	if !strings.HasPrefix(got, "flagged: not job "+j.ID+"'s pairs") || !strings.Contains(got, "have root") {
		t.Errorf("a record of other pairs: %q", got)
	}
}

// The trainer publishes the pairs it actually trained on: its file and its
// root agree with each other, but not with the job the arena made, and
// the verifier names the first pair that differs.
func TestPublishingThePairsUsedFails(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	j := w.trained(l)[0]
	w.cheat(l, j)
	got := w.checkOf(j.ID)
	if !strings.HasPrefix(got, "flagged: not job "+j.ID+"'s pairs") || !strings.Contains(got, "published pair 1 differs from the job's pair 1 (pair "+j.PairIDs[0]+")") {
		t.Errorf("a record of the pairs published: %q", got)
	}
}

// A record must name its own job: one that names none, or another, fails.
func TestARecordForNoJobOrAnotherFails(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	done := w.trained(l)
	for i, name := range []string{"", done[1].ID} {
		j := done[0]
		path := filepath.Join(w.dir, "adapters", j.Version, "record.json")
		rec, err := lora.ReadRecord(path)
		if err != nil {
			t.Fatal(err)
		}
		rec.Job = name
		if err := rec.Save(path, filepath.Join(w.dir, "adapters", j.Version), l.opts.Key); err != nil {
			t.Fatal(err)
		}
		hash, _ := rec.Hash()
		if _, err := w.a.UpdateJob(j.ID, func(j *arena.Job) error { j.Record, j.Check = fmt.Sprintf("0x%x", hash), ""; return nil }); err != nil {
			t.Fatal(err)
		}
		want := []string{"flagged: the record names no job", "flagged: the record is job " + done[1].ID + "'s, not job " + j.ID + "'s"}[i]
		if got := w.checkOf(j.ID); !strings.HasPrefix(got, want) {
			t.Errorf("a record naming job %q: %q, want %q", name, got, want)
		}
	}
}

// A failed check takes the version out of play: the agent rolls back to
// its last verified version and plays it in its next match, the flagged
// version cannot be set again, and the flagged job's pairs train again.
// Replies and pairs name the versions that wrote them.
func TestAFailedCheckRollsTheAgentBack(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	first := w.trained(l)
	for _, j := range first {
		if _, err := w.a.SetCheck(j.ID, "verified"); err != nil {
			t.Fatal(err)
		}
	}
	second := w.trained(l)
	j := second[0]
	if j.Parent == "" || j.Parent != first[0].Version && j.Parent != first[1].Version {
		t.Fatalf("the second job trains from %q", j.Parent)
	}

	// Version-tagged data: the matches played on the first versions left
	// pairs and replies naming them.
	byAgent := map[string]string{first[0].Agent: first[0].Version, first[1].Agent: first[1].Version}
	tagged := 0
	for _, id := range j.PairIDs {
		ps, err := w.a.PairsByID(j.Space, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		p := ps[0]
		for s := range 2 {
			if p.Versions[s] != byAgent[p.Agents[s]] {
				t.Fatalf("pair %s: reply %d by %s names version %q, want %q", p.ID, s, p.Agents[s], p.Versions[s], byAgent[p.Agents[s]])
			}
		}
		tagged++
		if rounds, _ := w.a.Rounds(p.Match); len(rounds) > 0 && tagged == 1 {
			for _, rs := range rounds[0].Replies {
				for _, r := range rs {
					if r.Text != "" && r.Adapter == "" {
						t.Errorf("a stored reply of match %s names no version", p.Match)
					}
				}
			}
		}
	}

	// The second version's record fails: a checkpoint is tampered with.
	cps, _ := filepath.Glob(filepath.Join(w.dir, "adapters", j.Version, "checkpoints", "*"))
	data, _ := os.ReadFile(cps[len(cps)-1])
	data[len(data)/2] ^= 1
	os.WriteFile(cps[len(cps)-1], data, 0o644)
	for _, o := range second[1:] {
		w.a.SetCheck(o.ID, "verified")
	}
	v := &Verifier{Arena: w.a, Dir: w.dir, Base: embedded.Load, Fraction: 1}
	checked, err := v.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(checked) != 1 || !arena.Flagged(checked[0].Check) || !checked[0].OutOfPlay {
		t.Fatalf("checked %+v", checked)
	}
	ag, _ := w.a.Agent(j.Agent)
	if ag.Adapter != j.Parent {
		t.Errorf("after the flag the agent plays %q, want its last verified version %q", ag.Adapter, j.Parent)
	}
	vs, _ := w.a.Adapters(j.Agent)
	for _, v := range vs {
		if v.OutOfPlay != (v.Version == j.Version) {
			t.Errorf("version %s out of play: %v", v.Version, v.OutOfPlay)
		}
	}
	if _, err := w.a.UpdateAgent(j.Agent, func(ag *agents.Agent) error { ag.Adapter = j.Version; return nil }); !errors.Is(err, arena.ErrOutOfPlay) {
		t.Errorf("setting the flagged version again: %v", err)
	}

	// The next match plays the previous version.
	w.policy.mu.Lock()
	w.policy.adapters = nil
	w.policy.mu.Unlock()
	w.play(1)
	if w.policy.asked(j.Version) || !w.policy.asked(j.Parent) {
		t.Errorf("the next match asked for %q; want %s, never %s", w.policy.adapters, j.Parent, j.Version)
	}

	// The flagged job's pairs train again, from the verified version.
	planned, err := l.Plan()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(planned, func(p arena.Job) bool { return p.Agent == j.Agent })
	if i < 0 {
		t.Fatalf("no job for %s after its roll-back: %+v", j.Agent, planned)
	}
	again := planned[i]
	if again.Parent != j.Parent || again.After != j.After || !slices.ContainsFunc(j.PairIDs, func(id string) bool { return slices.Contains(again.PairIDs, id) }) {
		t.Errorf("the re-run: parent %q after %q, want %q after %q with the flagged job's pairs", again.Parent, again.After, j.Parent, j.After)
	}
}

// --verify-fraction 0 re-executes no record: a tampered one is not
// sampled. Left unset, the fraction is the default.
func TestVerifyFractionZeroChecksNone(t *testing.T) {
	if got := (&Verifier{FractionSet: true}).fraction(); got != 0 {
		t.Errorf("fraction 0, set: %v", got)
	}
	if got := (&Verifier{}).fraction(); got != DefaultFraction {
		t.Errorf("fraction unset: %v", got)
	}
	w := newWorld(t, t.TempDir())
	done := w.trained(w.learner())
	cps, _ := filepath.Glob(filepath.Join(w.dir, "adapters", done[0].Version, "checkpoints", "*"))
	data, _ := os.ReadFile(cps[len(cps)-1])
	data[len(data)/2] ^= 1
	os.WriteFile(cps[len(cps)-1], data, 0o644)
	for _, j := range done {
		if got := w.checkOf(j.ID); got != "not sampled" {
			t.Errorf("job %s with fraction 0: %q", j.ID, got)
		}
	}
}

// A Space's max_staleness leaves out pairs whose replies a version too far
// behind its author's current one wrote, and the job says how stale what
// it trains on is.
func TestStalePairsAreLeftOut(t *testing.T) {
	w := newWorld(t, t.TempDir())
	w.play(3)
	// The first agent has moved on two versions since those matches.
	me := w.agents[0]
	for i, v := range []string{"me-v1", "me-v2"} {
		if err := w.a.AddAdapter(arena.AdapterVersion{Agent: me.ID, Version: v, Parent: []string{"", "me-v1"}[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.a.UpdateAgent(me.ID, func(ag *agents.Agent) error { ag.Adapter = "me-v2"; return nil }); err != nil {
		t.Fatal(err)
	}
	plan := func(maxStale int) arena.Job {
		t.Helper()
		spec, _ := w.a.Space("learn-duel")
		spec.Training.MaxStaleness, spec.Training.MinPairs, spec.Training.MaxPairs = maxStale, 1, 1000
		if err := w.a.AddSpace(spec); err != nil {
			t.Fatal(err)
		}
		jobs, err := w.learner().Plan()
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range jobs {
			if j.Agent == me.ID {
				return j
			}
		}
		t.Fatalf("no job for %s with max_staleness %d", me.ID, maxStale)
		return arena.Job{}
	}
	loose := plan(0)
	if loose.StaleMax != 2 || loose.StaleMean <= 0 || loose.StaleDropped != 0 {
		t.Errorf("unlimited: stale max %d mean %.2f dropped %d; want max 2, none dropped", loose.StaleMax, loose.StaleMean, loose.StaleDropped)
	}
	for _, j := range mustJobs(t, w.a) {
		w.a.UpdateJob(j.ID, func(j *arena.Job) error { j.State = arena.JobFailed; j.OutOfPlay = true; return nil })
	}
	strict := plan(1)
	if strict.StaleMax > 1 || strict.StaleDropped == 0 || len(strict.PairIDs)+strict.StaleDropped != len(loose.PairIDs) {
		t.Errorf("max_staleness 1: stale max %d, %d pairs, %d dropped of %d", strict.StaleMax, len(strict.PairIDs), strict.StaleDropped, len(loose.PairIDs))
	}
	pairs, _ := w.a.PairsByID("learn-duel", strict.PairIDs)
	for _, p := range pairs {
		if p.Agents[0] == me.ID || p.Agents[1] == me.ID {
			t.Errorf("pair %s, with a reply two versions old, trains", p.ID)
		}
	}
}

func mustJobs(t *testing.T, a *arena.Arena) []arena.Job {
	t.Helper()
	jobs, err := a.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	return jobs
}
