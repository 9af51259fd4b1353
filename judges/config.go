package judges

import "fmt"

// Config describes one judge of a Space's panel, as written in a Space spec
// under [[judges]]. Which fields apply depends on Kind.
type Config struct {
	// Kind is one of "exact", "numeric", "regex", "json-schema", "format",
	// "outcome" or "llm".
	Kind string `toml:"kind" json:"kind"`
	// Weight is the judge's weight in the panel; zero means 1.
	Weight float64 `toml:"weight,omitempty" json:"weight,omitempty"`

	// exact: compare with the task's expected answer.
	IgnoreCase bool `toml:"ignore_case,omitempty" json:"ignore_case,omitempty"`
	// numeric: the first number in the reply within Tolerance of the
	// expected answer scores 1.
	Tolerance float64 `toml:"tolerance,omitempty" json:"tolerance,omitempty"`
	// regex: a reply matching Pattern (RE2 syntax) scores 1.
	Pattern string `toml:"pattern,omitempty" json:"pattern,omitempty"`
	// json-schema: a reply that is JSON valid under Schema (a JSON Schema
	// document, draft 2020-12) scores 1.
	Schema string `toml:"schema,omitempty" json:"schema,omitempty"`

	// format: length and shape rules; each rule broken costs part of the
	// score.
	MinWords   int    `toml:"min_words,omitempty" json:"min_words,omitempty"`
	MaxWords   int    `toml:"max_words,omitempty" json:"max_words,omitempty"`
	MaxChars   int    `toml:"max_chars,omitempty" json:"max_chars,omitempty"`
	EndsWith   string `toml:"ends_with,omitempty" json:"ends_with,omitempty"`
	SingleLine bool   `toml:"single_line,omitempty" json:"single_line,omitempty"`

	// llm: an LLM judge over an OpenAI-compatible API. Endpoint, Model and
	// the key (read from the environment variable APIKeyEnv) may be left
	// empty in a spec and supplied by the operator (see Env).
	Endpoint  string `toml:"endpoint,omitempty" json:"endpoint,omitempty"`
	Model     string `toml:"model,omitempty" json:"model,omitempty"`
	APIKeyEnv string `toml:"api_key_env,omitempty" json:"api_key_env,omitempty"`
	// Method is "pointwise" (a rubric score per reply, the default) or
	// "pairwise" (every pair compared, in both orders).
	Method string `toml:"method,omitempty" json:"method,omitempty"`
	// Rubric tells the judge what a good reply is.
	Rubric string `toml:"rubric,omitempty" json:"rubric,omitempty"`
	// Optional drops the judge from the panel, rather than failing, when
	// no endpoint is configured (so a Space runs offline).
	Optional bool `toml:"optional,omitempty" json:"optional,omitempty"`
	// TimeoutSeconds bounds one verdict, retries included; zero means 60.
	TimeoutSeconds float64 `toml:"timeout_seconds,omitempty" json:"timeout_seconds,omitempty"`
	// Retries is how many times a malformed verdict is asked again; zero
	// means 2.
	Retries int `toml:"retries,omitempty" json:"retries,omitempty"`
}

// ConfigError reports a bad judge setting; Key is the TOML key at fault
// (within the judge's table) so that a spec's error can name its line.
type ConfigError struct {
	Key string
	Msg string
}

// Error returns "key: message".
func (e *ConfigError) Error() string { return fmt.Sprintf("%s: %s", e.Key, e.Msg) }
