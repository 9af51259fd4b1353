// Package refusal counts what the arena refused to do for someone, and
// why: the Prometheus counter arena_refusals_total{reason}. Refusals happen
// at every layer (the dialer, the scheduler, sign-in, /v1), below the
// server that serves /metrics, so the counter lives here, one per process,
// and the server registers it.
package refusal

import "github.com/prometheus/client_golang/prometheus"

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
