package arena

import (
	"context"
	"errors"
	"fmt"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/spaces"
)

// Verifier checks that a reply is what the declared base model, adapter
// and seeded sampler write (agents.Embedded is one): sample i of the
// replies to req.
type Verifier interface {
	Verify(ctx context.Context, req agents.Request, replies []agents.Reply, opts agents.VerifyOptions) ([]agents.Check, error)
}

// inProcess is the check of a reply the arena's own engine wrote: the
// server trusts its own sampler.
var inProcess = agents.Check{Status: agents.Verified, Method: "in-process"}

// runsInProcess reports whether the arena itself runs a's model: no
// endpoint, no runner.
func runsInProcess(a agents.Agent) bool { return a.Endpoint == "" && !a.Remote }

// check sets the Check of each of player a's replies to req and returns
// the error kind that costs the player the round, or "": "failed
// verification" when a reply is not what a's declared model writes, or
// "unverified reply" when a reply's status is below what the Space asks
// at this tier. A check that could not run (the match is cancelled, the
// adapter cannot load) leaves the reply unverified: the arena's trouble
// is not held against the player, but neither is the reply trusted.
func (m *match) check(ctx context.Context, a agents.Agent, req agents.Request, replies []agents.Reply) string {
	need := m.plan.Spec.RolloutsAt(m.plan.Tier)
	checks := m.verify(ctx, a, req, replies)
	var bad string
	for i := range replies {
		c := checks[i]
		replies[i].Check = &c
		switch {
		case c.Status == agents.Failed:
			bad = "failed verification"
			m.log().Warn("a reply failed verification", "match", m.plan.ID, "agent", a.ID, "sample", i, "reason", c.Reason, "position", c.Position)
		case bad == "" && !agents.StatusMeets(c.Status, need):
			bad = "unverified reply"
		}
	}
	return bad
}

// verify returns the checks of player a's replies to req.
func (m *match) verify(ctx context.Context, a agents.Agent, req agents.Request, replies []agents.Reply) []agents.Check {
	same := func(c agents.Check) []agents.Check {
		out := make([]agents.Check, len(replies))
		for i := range out {
			out[i] = c
		}
		return out
	}
	if runsInProcess(a) {
		return same(inProcess)
	}
	var checks []agents.Check
	switch {
	case m.Verifier == nil || a.Model != m.BaseModel:
		checks = same(agents.Check{Status: agents.Unverified, Reason: fmt.Sprintf("this arena does not hold the base model %q", a.Model)})
	default:
		var err error
		if checks, err = m.Verifier.Verify(ctx, req, replies, agents.VerifyOptions{}); err != nil {
			m.log().Warn("replies could not be verified", "match", m.plan.ID, "agent", a.ID, "err", err)
			checks = same(agents.Check{Status: agents.Unverified, Reason: "the arena could not run the check"})
		}
	}
	// A backend that names another model than the agent declares says
	// itself that the declared model did not write the reply. (Backends
	// bound the name: runners to api.MaxRunnerName bytes, endpoints to
	// agents.MaxModelBytes.)
	for i, r := range replies {
		if r.Model != "" && r.Model != a.Model {
			checks[i] = agents.Check{Status: agents.Failed, Reason: fmt.Sprintf("backend says model %q wrote the reply; the agent declares %q", r.Model, a.Model)}
		}
	}
	return checks
}

// ErrRollouts says that an entry was refused because the Space asks for
// replies the arena can verify (or check), and the agent's backend cannot
// give them.
var ErrRollouts = errors.New("arena: agent's replies cannot be verified")

// RolloutsError says why agent a cannot enter spec at tier, or nil: the
// Space asks for replies the arena can verify (or check), and a's backend
// cannot give them.
func RolloutsError(spec *spaces.Spec, tier int, a agents.Agent, baseModel string) error {
	need := spec.RolloutsAt(tier)
	if agents.StatusMeets(agents.Unverified, need) || runsInProcess(a) || a.House {
		return nil
	}
	if a.Model != baseModel {
		return fmt.Errorf("%w: space %s takes only %s replies at tier %d, and the arena cannot load agent %q's base model %q to check them", ErrRollouts, spec.ID, need, tier, a.Name, a.Model)
	}
	if need == agents.RolloutsVerified && !a.Remote {
		return fmt.Errorf("%w: space %s takes only verified replies at tier %d: an endpoint does not sample with the arena's seed, so agent %q's replies could be checked but never verified; play it with `arena runner` or on the arena's engine", ErrRollouts, spec.ID, tier, a.Name)
	}
	return nil
}

// Rollouts counts a Space's replies by their check's status: how much of
// what its matches were played with, and trained on, was verified.
type Rollouts struct {
	// Replies counts every reply checked; the rest count those of each
	// status (InProcess those the arena wrote itself, within Verified).
	Replies, Verified, InProcess, Checked, Unverified, Failed int
}

// Rollouts counts the statuses of the replies of space's finished
// matches, candidates of game moves included.
func (a *Arena) Rollouts(space string) (Rollouts, error) {
	var n Rollouts
	count := func(rs []agents.Reply) {
		for _, r := range rs {
			if r.Check == nil {
				continue // a failed or forfeited reply: nothing was checked
			}
			n.Replies++
			switch r.Check.Status {
			case agents.Verified:
				n.Verified++
				if r.Check.Method == inProcess.Method {
					n.InProcess++
				}
			case agents.Checked:
				n.Checked++
			case agents.Unverified:
				n.Unverified++
			case agents.Failed:
				n.Failed++
			}
		}
	}
	matches, err := a.Matches(space)
	if err != nil {
		return n, err
	}
	for _, m := range matches {
		rounds, err := a.Rounds(m.ID)
		if err != nil {
			return n, err
		}
		for _, r := range rounds {
			for _, rs := range r.Replies {
				count(rs)
			}
			for _, mv := range r.Moves {
				count(mv.Candidates)
			}
		}
	}
	return n, nil
}
