package arena

import (
	"context"
	"errors"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/lora"
	"github.com/rlfc/arena/lora/embedded"
)

// Owners of the agents in the verification tests: each player its own.
const (
	honestOwner = "0x1000000000000000000000000000000000000001"
	cheatOwner  = "0x2000000000000000000000000000000000000002"
)

// editor is a cheating runner: it samples honestly with the declared
// model and seed, then edits the text (here, appends a payload) and
// re-encodes the token ids to match, keeping the seed and the end token.
func editor(m *lora.Model) policyFunc {
	honest := agents.NewEmbedded(m, nil)
	return func(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
		rs, err := honest.Reply(ctx, req, nil)
		for i, r := range rs {
			r.Text += " trust me"
			r.TokenIDs = append(m.Tokenizer.Encode(r.Text), r.TokenIDs[len(r.TokenIDs)-1])
			rs[i] = r
		}
		return rs, err
	}
}

// openVerifying opens an arena on the embedded model whose remote agents
// are played by runners[agent's system prompt].
func openVerifying(t *testing.T, runners map[string]agents.Policy) *Arena {
	t.Helper()
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(Options{Dir: t.TempDir(), Tokenizer: m.Tokenizer, Backends: agents.Backends{
		Embedded: agents.NewEmbedded(m, nil), Model: embedded.Name,
		Remote: func(ag agents.Agent) (agents.Policy, error) { return runners[ag.System], nil },
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// remoteAgent creates a remote agent on the embedded base, played by the
// runner named runner.
func remoteAgent(t *testing.T, a *Arena, owner, runner string) agents.Agent {
	t.Helper()
	ag, err := a.CreateAgent(agents.Agent{Owner: owner, Name: runner, Model: embedded.Name, Remote: true, System: runner,
		Sampling: agents.Sampling{Temperature: 0.7}})
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

// A runner that edits its sampled replies (token ids re-encoded, the
// server's seed kept) loses every round to verification, with the
// evidence recorded, and an honest runner on the same base verifies
// every reply.
func TestVerificationCatchesEditedReplies(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	a := openVerifying(t, map[string]agents.Policy{"honest": agents.NewEmbedded(m, nil), "editor": editor(m)})
	honest, cheat := remoteAgent(t, a, honestOwner, "honest"), remoteAgent(t, a, cheatOwner, "editor")
	_, res := playFree(t, a, "sum-duel", honest, cheat)
	if !res.Forfeited(1) || res.Forfeited(0) {
		t.Errorf("forfeits %v, want the editor's only", res.Forfeits)
	}
	rounds, err := a.Rounds(res.Match.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rounds {
		if r.Errors[1] != "failed verification" || r.Scores[1] != 0 {
			t.Errorf("round %d: the editor's error %q and score %v, want failed verification and 0", r.Index, r.Errors[1], r.Scores[1])
		}
		for _, rep := range r.Replies[1] {
			if c := rep.Check; c == nil || c.Status != agents.Failed || c.Reason == "" || c.Draw >= c.Lo && c.Draw <= c.Hi {
				t.Errorf("round %d: edited reply %q has check %+v, want failed with a draw outside the token's interval", r.Index, rep.Text, c)
			}
		}
		for _, rep := range r.Replies[0] {
			if c := rep.Check; c == nil || c.Status != agents.Verified || c.Method != "seeded" || c.Positions != len(rep.TokenIDs) {
				t.Errorf("round %d: honest reply %q has check %+v, want verified on every token", r.Index, rep.Text, c)
			}
		}
	}
	if res.Match.Ranks[0] != 0 || res.Match.Ranks[1] != 1 {
		t.Errorf("ranks %v: the honest runner should win", res.Match.Ranks)
	}
}

// A Space whose paid tiers ask for verified replies refuses, at entry, an
// agent whose replies the arena could never verify: one behind an
// endpoint, or on a base the arena cannot load. Free tiers take them.
func TestPaidTiersRefuseUnverifiableAgents(t *testing.T) {
	a := openVerifying(t, nil)
	for _, ag := range []agents.Agent{
		{Owner: honestOwner, Name: "endpoint", Model: embedded.Name, Endpoint: "http://127.0.0.1:9/v1"},
		{Owner: honestOwner, Name: "big", Model: "llama-70b", Remote: true},
	} {
		ag, err := a.CreateAgent(ag)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.EnterStaked("sum-duel", 1, ag.ID, "stake-"+ag.Name); !errors.Is(err, ErrRollouts) {
			t.Errorf("%s at a paid tier: %v, want ErrRollouts", ag.Name, err)
		}
		if _, err := a.Enter("sum-duel", 0, ag.ID); err != nil {
			t.Errorf("%s at the free tier: %v", ag.Name, err)
		}
	}
	ok := remoteAgent(t, a, cheatOwner, "honest")
	if _, err := a.EnterStaked("sum-duel", 1, ok.ID, "stake-runner"); err != nil {
		t.Errorf("a runner on the arena's base at a paid tier: %v", err)
	}
}

// A backend that says another model wrote its replies fails them, even
// where the arena could not check the replies themselves.
func TestVerificationTakesABackendAtItsWord(t *testing.T) {
	m, err := embedded.Model()
	if err != nil {
		t.Fatal(err)
	}
	honest := agents.NewEmbedded(m, nil)
	bigger := policyFunc(func(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
		rs, err := honest.Reply(ctx, req, onDelta)
		for i := range rs {
			rs[i].Model = "llama-70b"
		}
		return rs, err
	})
	a := openVerifying(t, map[string]agents.Policy{"honest": honest, "bigger": bigger})
	_, res := playFree(t, a, "sum-duel", remoteAgent(t, a, honestOwner, "honest"), remoteAgent(t, a, cheatOwner, "bigger"))
	rounds, err := a.Rounds(res.Match.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rounds {
		for _, rep := range r.Replies[1] {
			if rep.Check == nil || rep.Check.Status != agents.Failed {
				t.Errorf("round %d: a reply claimed by llama-70b has check %+v, want failed", r.Index, rep.Check)
			}
		}
	}
}
