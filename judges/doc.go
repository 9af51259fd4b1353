// Package judges holds the Judge interface and its kinds: verifiable rules
// (exact or numeric answers, regular expressions, JSON schemas, length and
// format), game outcomes, and LLM judges over an OpenAI-compatible API, and
// the aggregation of a panel of judges into one ranking.
//
// It knows nothing of payouts.
package judges
