// Package refusal counts what the arena refused to do for someone, and
// why: the Prometheus counter arena_refusals_total{reason}. Refusals happen
// at every layer (the dialer, the scheduler, sign-in, /v1), below the
// server that serves /metrics, so the counter lives here, one per process,
// and the server registers it.
package refusal

import (
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// Reason is why something was refused: a label value from the fixed set
// below, so that an attacker cannot grow the metric's label set.
type Reason string

// The reasons. Add new ones here.
const (
	// EndpointBlocked: an agent's endpoint resolved to an address the
	// operator has not allowed (loopback, private, metadata, ...).
	EndpointBlocked Reason = "endpoint_blocked"
	// ReplyCut: a reply went past its Space's token limit or the byte cap
	// and was cut.
	ReplyCut Reason = "reply_cut"
	// OwnerCap: an entry whose owner already had as many entries queued
	// or playing in the Space as the arena allows.
	OwnerCap Reason = "owner_cap"
	// Benched: an entry of an agent benched for forfeiting matches.
	Benched Reason = "benched"
	// AdapterNotOwn: an agent set to play an adapter version that is not
	// one of its own (another agent's, or none at all).
	AdapterNotOwn Reason = "adapter_not_own"
	// AgentName: an agent name shaped like an agent id, or one another of
	// the owner's agents already has.
	AgentName Reason = "agent_name"
	// AgentCap: a new agent whose owner already has as many agents as
	// the arena allows one owner.
	AgentCap Reason = "agent_cap"
	// AgentAmbiguous: a reference (a name or id prefix) that fits several
	// agents, answered with the candidates instead of a guess.
	AgentAmbiguous Reason = "agent_ambiguous"
	// V1Unauthorized: a /v1 request with no sign-in token or operator API
	// key, or a bad one.
	V1Unauthorized Reason = "v1_unauthorized"
	// V1RateLimited: a /v1 request past its caller's rate.
	V1RateLimited Reason = "v1_rate_limited"
	// V1Concurrency: a chat completion past the number its caller may
	// have in flight.
	V1Concurrency Reason = "v1_concurrency"
	// V1Busy: a chat completion past the number all /v1 callers together
	// may have in flight.
	V1Busy Reason = "v1_busy"
	// SigninRateLimited: a sign-in challenge or redemption past its client
	// address's rate.
	SigninRateLimited Reason = "signin_rate_limited"
	// StakeRefused: an entry staked on chain that the arena would not
	// queue (a wrongly encoded or unknown agent, an agent already queued,
	// benched or over its owner's cap), refunded by the operator at once.
	StakeRefused Reason = "stake_refused"
)

var counts = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "arena_refusals_total",
	Help: "Requests, replies and entries the arena refused or cut, by reason.",
}, []string{"reason"})

// Count counts one refusal.
func Count(r Reason) { counts.WithLabelValues(string(r)).Inc() }

// Collector is the counter, for a registry. Registering it in several
// registries is fine: they all read the same counts.
func Collector() prometheus.Collector { return counts }

// Counted returns how many refusals of reason r were counted so far, as
// the counter reads (tests compare it before and after an attack).
func Counted(r Reason) float64 {
	var m dto.Metric
	if err := counts.WithLabelValues(string(r)).Write(&m); err != nil {
		return 0 // a counter's Write does not fail
	}
	return m.GetCounter().GetValue()
}
