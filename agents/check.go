package agents

// Rollout statuses: how far the arena could confirm that a reply was
// written by the model, adapter and sampler its agent declares. They are
// ordered: a Space that asks for "checked" takes "verified" too.
const (
	// Verified: the arena re-scored the reply with the declared base and
	// adapter and every checked token is the one the seeded sampler
	// draws (or the server wrote the reply itself, in process).
	Verified = "verified"
	// Checked: the backend does not sample with the arena's seed, but the
	// arena holds the declared base, and the reply passed a statistical
	// test: every token inside the declared sampler's nucleus and a
	// log-likelihood honest samples reach.
	Checked = "checked"
	// Unverified: the arena cannot load the declared base, so it cannot
	// say who wrote the reply.
	Unverified = "unverified"
	// Failed: the reply is not what the declared model writes; Check's
	// evidence says where.
	Failed = "failed"
)

// Rollouts settings of a Space: the least status a reply must reach to
// count.
const (
	RolloutsVerified = Verified
	RolloutsChecked  = Checked
	RolloutsAny      = "any"
)

// StatusMeets reports whether a reply's status satisfies a Space's
// rollouts setting ("verified", "checked" or "any"; empty means any). A
// failed reply satisfies none.
func StatusMeets(status, rollouts string) bool {
	switch status {
	case Failed:
		return false
	case Verified:
		return true
	case Checked:
		return rollouts != RolloutsVerified
	}
	return rollouts == "" || rollouts == RolloutsAny
}

// Check is the arena's verdict on one reply, with the evidence behind a
// failure, so that anyone can re-run it from the match record.
type Check struct {
	// Status is Verified, Checked, Unverified or Failed.
	Status string `json:"status"`
	// Method is how the status was reached: "in-process" (the server
	// wrote it), "seeded" (every token re-drawn from the seed), "sampled"
	// (positions drawn after the reply was committed), "statistical", or
	// empty for an unverified reply.
	Method string `json:"method,omitempty"`
	// Positions counts the token positions checked.
	Positions int `json:"positions,omitempty"`
	// Reason says why the reply failed or could not be checked.
	Reason string `json:"reason,omitempty"`
	// Sampling and Tolerance are what the reply was checked against: the
	// server's request's settings and the logit tolerance. Key, for a
	// "sampled" check, chose the positions checked (lora.Draw(Key, t) <
	// the fraction). With the chat and the seed, they re-run the check.
	Sampling  *Sampling `json:"sampling,omitempty"`
	Tolerance float64   `json:"tolerance,omitempty"`
	Key       uint64    `json:"key,omitempty"`

	// Evidence of a failed token: its position in the reply, the token,
	// the seed's draw there and the token's interval of the sampler's
	// cumulative distribution (after widening by the tolerance): the draw
	// falls outside it.
	Position int     `json:"position,omitempty"`
	Token    int     `json:"token,omitempty"`
	Draw     float64 `json:"draw,omitempty"`
	Lo       float64 `json:"lo,omitempty"`
	Hi       float64 `json:"hi,omitempty"`
	// Z is the statistical check's standardised log-likelihood: how many
	// standard deviations the reply's log-likelihood lies from what
	// honest samples average.
	Z float64 `json:"z,omitempty"`
}
