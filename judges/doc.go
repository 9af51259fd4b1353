// Package judges holds the Judge interface and its kinds: verifiable rules
// (exact or numeric answers, regular expressions, JSON schemas, length and
// format), game outcomes, and LLM judges over an OpenAI-compatible API, and
// the aggregation of a panel of judges into one ranking.
//
// Replies are written by players who would rather win than answer, so the
// verifiable judges read an answer only when it is the whole reply (a
// right number followed by anything scores 0), the format judge can refuse
// keyword stuffing and text addressed to the judge as fouls, which the
// panel scores 0 whatever a fooled LLM judge says, and an LLM judge's
// verdict that one reply keeps breaking counts against that reply, not
// against the round.
//
// It knows nothing of payouts.
package judges
