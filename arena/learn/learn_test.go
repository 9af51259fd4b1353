package learn

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
	"github.com/rlfc/arena/spaces"
)

// recorder is the embedded backend, noting the adapter each request asks
// for.
type recorder struct {
	agents.Policy
	mu       sync.Mutex
	adapters []string
}

func (r *recorder) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	r.mu.Lock()
	r.adapters = append(r.adapters, req.Adapter)
	r.mu.Unlock()
	return r.Policy.Reply(ctx, req, onDelta)
}

func (r *recorder) asked(adapter string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range r.adapters {
		if a == adapter {
			return true
		}
	}
	return false
}

type world struct {
	t      *testing.T
	dir    string
	a      *arena.Arena
	policy *recorder
	agents []agents.Agent
}

// newWorld opens an arena on the embedded model with a small Sum Duel that
// trains after 12 pairs, and two agents that sample hot enough to differ.
func newWorld(t *testing.T, dir string) *world {
	t.Helper()
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, dir: dir}
	w.policy = &recorder{Policy: agents.NewEmbedded(m, &agents.AdapterDir{Root: filepath.Join(dir, "adapters"), Model: m})}
	w.a, err = arena.Open(arena.Options{Dir: dir, Backends: agents.Backends{Embedded: w.policy, Model: embedded.Name}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.a.Close() })
	base, _ := spaces.Lookup("sum-duel")
	spec := *base
	spec.ID, spec.Rounds = "learn-duel", 6
	spec.Training = spaces.Training{MinPairs: 12, Epochs: 1, Rank: 4, Peers: true, Batch: 2, Targets: []string{"o_proj", "q_proj"}}
	if err := w.a.AddSpace(&spec); err != nil {
		t.Fatal(err)
	}
	ags, _ := w.a.Agents()
	if len(ags) == 0 {
		for _, name := range []string{"hot", "warm"} {
			ag, err := w.a.CreateAgent(agents.Agent{Owner: arena.HouseOwner, Name: name, Model: embedded.Name, Sampling: agents.Sampling{Temperature: 1.2}})
			if err != nil {
				t.Fatal(err)
			}
			ags = append(ags, ag)
		}
	}
	w.agents = ags
	return w
}

func (w *world) learner() *Learner {
	w.t.Helper()
	key, _ := crypto.ToECDSA(crypto.Keccak256([]byte("learn test trainer")))
	l, err := New(Options{Arena: w.a, Dir: w.dir, Base: embedded.Load, BaseName: embedded.Name, Model: embedded.Name, Key: key})
	if err != nil {
		w.t.Fatal(err)
	}
	return l
}

// play plays matches between the two agents until the first has pairs
// enough to train.
func (w *world) play(matches int) *arena.Result {
	w.t.Helper()
	var res *arena.Result
	for i := range matches {
		for _, ag := range w.agents {
			if _, err := w.a.Enter("learn-duel", 0, ag.ID); err != nil {
				w.t.Fatal(err)
			}
		}
		plan, err := w.a.NextMatch("learn-duel", 0, arena.Matchmaking{Seed: uint64(100 + i)})
		if err != nil {
			w.t.Fatal(err)
		}
		if res, err = w.a.Play(w.t.Context(), plan); err != nil {
			w.t.Fatal(err)
		}
	}
	return res
}

func TestPairsTrainAVersionTheNextMatchUses(t *testing.T) {
	w := newWorld(t, t.TempDir())
	l := w.learner()
	if jobs, _ := l.Plan(); len(jobs) != 0 {
		t.Fatalf("jobs before any pair: %+v", jobs)
	}
	w.play(3)
	pairs, _ := w.a.Pairs("learn-duel", "")
	if len(pairs) < 12 {
		t.Fatalf("3 matches gave %d pairs; the test needs 12", len(pairs))
	}
	done, err := l.RunOnce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 {
		t.Fatalf("%d jobs ran, want one per agent: %+v", len(done), done)
	}
	j := done[0]
	t.Logf("job: %d pairs, %d steps, loss %.4f, record %s", j.Pairs, j.Steps, j.Loss, j.Record)
	if j.State != arena.JobDone || j.Pairs < 12 || j.Steps == 0 || !strings.HasPrefix(j.Record, "0x") {
		t.Fatalf("job %+v", j)
	}
	ag, _ := w.a.Agent(j.Agent)
	if ag.Adapter != j.Version {
		t.Fatalf("agent plays %q after training, want %q", ag.Adapter, j.Version)
	}
	vs, _ := w.a.Adapters(ag.ID)
	if len(vs) != 1 || vs[0].Record != j.Record || vs[0].Pairs != j.Pairs {
		t.Fatalf("adapter versions %+v", vs)
	}
	// No new pairs: nothing to do.
	if jobs, _ := l.Plan(); len(jobs) != 0 {
		t.Errorf("jobs with no new pairs: %+v", jobs)
	}

	// The next match asks for the new version.
	w.play(1)
	if !w.policy.asked(j.Version) {
		t.Errorf("the next match never asked for adapter %s", j.Version)
	}

	// A verifier finds the records sound; a tampered checkpoint is
	// flagged, naming the record's signer.
	out := filepath.Join(w.dir, "adapters", done[1].Version)
	cps, _ := filepath.Glob(filepath.Join(out, "checkpoints", "*"))
	if len(cps) == 0 {
		t.Fatal("no checkpoints")
	}
	data, _ := os.ReadFile(cps[len(cps)-1])
	data[len(data)/2] ^= 1
	os.WriteFile(cps[len(cps)-1], data, 0o644)
	var flagged []string
	v := &Verifier{Arena: w.a, Dir: w.dir, Base: embedded.Load, Fraction: 1,
		Flag: func(_ context.Context, j arena.Job, signer, reason string) error {
			flagged = append(flagged, j.ID+" "+signer)
			return nil
		}}
	checked, err := v.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(checked) != 2 || checked[0].Check != "verified" || !strings.HasPrefix(checked[1].Check, "flagged: ") {
		t.Fatalf("checks: %q, %q", checked[0].Check, checked[1].Check)
	}
	trainer := crypto.PubkeyToAddress(w.learner().opts.Key.PublicKey).Hex()
	if len(flagged) != 1 || flagged[0] != done[1].ID+" "+trainer {
		t.Errorf("flagged %q, want job %s by %s", flagged, done[1].ID, trainer)
	}
	if again, _ := v.Check(t.Context()); len(again) != 0 {
		t.Errorf("checked %d jobs twice", len(again))
	}

	// The export holds what PEFT and TRL need, and the record re-checks
	// from there.
	exp := filepath.Join(t.TempDir(), "export")
	ex, err := Export(w.a, w.dir, j.Agent, exp, embedded.FS())
	if err != nil {
		t.Fatal(err)
	}
	if ex.Adapter != j.Version || len(ex.Versions) != 1 || ex.Pairs == 0 || !ex.Base {
		t.Fatalf("exported %+v", ex)
	}
	m, err := lora.Load(filepath.Join(exp, "base"))
	if err != nil {
		t.Fatalf("exported base: %v", err)
	}
	ad, err := lora.LoadAdapter(filepath.Join(exp, "adapter"), m)
	if err != nil {
		t.Fatalf("exported adapter: %v", err)
	}
	if got := strings.Join(ad.Config.Targets, ","); got != "q_proj,o_proj" {
		t.Errorf("the adapter targets %s, want the Space's q_proj,o_proj", got)
	}
	if rec, _ := os.ReadFile(filepath.Join(exp, "versions", j.Version, "record.json")); !strings.Contains(string(rec), `"batch_size": 2`) {
		t.Errorf("the record does not train 2 pairs a step:\n%s", rec)
	}
	f, _ := os.Open(filepath.Join(exp, "versions", j.Version, "pairs.jsonl"))
	ps, _, err := lora.ReadPairs(f, "pairs.jsonl", true)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lora.VerifyRecord(t.Context(), filepath.Join(exp, "versions", j.Version, "record.json"), m, ps, lora.VerifyOptions{Challenge: []byte{7}, Segments: 1}); err != nil {
		t.Errorf("the exported record does not verify: %v", err)
	}
	if _, err := Export(w.a, w.dir, j.Agent, exp, nil); err == nil {
		t.Error("exported over an earlier export")
	}
}

func TestRestartResumesAJob(t *testing.T) {
	dir := t.TempDir()
	w := newWorld(t, dir)
	w.play(3)
	l := w.learner()
	jobs, err := l.Plan()
	if err != nil || len(jobs) == 0 {
		t.Fatalf("planned %v, %v", jobs, err)
	}
	// The process stops in the middle of the first job.
	ctx, cancel := context.WithCancel(t.Context())
	l.opts.Progress = func(arena.Job, lora.DPOStep) { cancel() }
	j, err := l.Train(ctx, jobs[0])
	if err == nil || j.State != arena.JobQueued {
		t.Fatalf("interrupted job: %+v, %v", j, err)
	}
	// Or it dies outright, leaving it running.
	if _, err := w.a.UpdateJob(j.ID, func(j *arena.Job) error { j.State = arena.JobRunning; return nil }); err != nil {
		t.Fatal(err)
	}
	w.a.Close()

	w = newWorld(t, dir)
	done, err := w.learner().RunOnce(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != len(jobs) || done[0].ID != jobs[0].ID || done[0].State != arena.JobDone {
		t.Fatalf("after the restart: %+v", done)
	}
	ag, _ := w.a.Agent(jobs[0].Agent)
	if ag.Adapter != jobs[0].Version {
		t.Errorf("agent plays %q, want %q", ag.Adapter, jobs[0].Version)
	}
}

func TestBenchDrawsACurve(t *testing.T) {
	w := newWorld(t, t.TempDir())
	learner := w.agents[0]
	l := w.learner()
	l.opts.Only = func(ag agents.Agent) bool { return ag.ID == learner.ID }
	curve, err := Bench(t.Context(), l, BenchOptions{Space: "learn-duel", Learner: learner, Opponents: w.agents[1:],
		Budget: time.Nanosecond, Matches: 3, Eval: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(curve) != 2 || curve[0].Version != "" || curve[1].Version == "" || curve[1].Pairs == 0 || len(curve[1].Eval.Scores) != 8 {
		t.Fatalf("curve %+v", curve)
	}
	if jobs, _ := w.a.Jobs(); len(jobs) != 1 || jobs[0].Agent != learner.ID {
		t.Errorf("jobs %+v, want one, the learner's", jobs)
	}
	svg := CurveSVG("a <curve>", curve)
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil || !strings.Contains(svg, "a &lt;curve&gt;") || strings.Count(svg, "<polyline") != 1 {
		t.Errorf("svg is not well-formed (%v):\n%s", err, svg)
	}
}

// A round pairs every two of its samples, so the same pair comes once for
// each two samples that say the same: Select keeps one of each, the
// newest, so that a job's limit is spent on distinct tasks.
func TestSelectLeavesOutRepeatedPairs(t *testing.T) {
	task := func(q string) []agents.Message {
		return []agents.Message{{Role: "system", Content: "Answer with the number only."}, {Role: "user", Content: q}}
	}
	pair := func(id, match, q, chosen, rejected string, a, b string) arena.Pair {
		return arena.Pair{Prompt: task(q), Chosen: chosen, Rejected: rejected,
			Provenance: arena.Provenance{ID: id, Match: match, Agents: [2]string{a, b}}}
	}
	pairs := []arena.Pair{
		pair("1", "m1", "Q: 1+1=", "2", "3", "me", "me"),
		pair("2", "m1", "Q: 1+1=", "2", "3", "ada", "me"), // the same pair, another sample
		pair("3", "m1", "Q: 1+1=", "2", "4", "ada", "me"),
		pair("4", "m1", "Q: 2+2=", "4", "5", "ada", "basil"), // a peer's, in a match of mine
		pair("5", "m2", "Q: 3+3=", "6", "7", "ada", "basil"), // not in a match of mine
		pair("6", "m1", "Q: 2+2=", "4", "5", "basil", "ada"),
	}
	var got []string
	for _, p := range Select(pairs, "me", true, 0) {
		got = append(got, p.ID)
	}
	if want := "2 3 6"; strings.Join(got, " ") != want {
		t.Errorf("Select with peers = %v, want %s", got, want)
	}
	got = got[:0]
	for _, p := range Select(pairs, "me", false, 1) {
		got = append(got, p.ID)
	}
	if want := "3"; strings.Join(got, " ") != want {
		t.Errorf("Select of my own, limit 1 = %v, want %s", got, want)
	}
}
