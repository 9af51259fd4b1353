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
	// numeric: a reply that is one number and nothing else (white space
	// around it aside) within Tolerance of the expected answer scores 1;
	// a reply with anything more ("42.", "42 apples", "42<|im_end|>")
	// scores 0, as no number does.
	Tolerance float64 `toml:"tolerance,omitempty" json:"tolerance,omitempty"`
	// regex: a reply matching Pattern (RE2 syntax) scores 1.
	Pattern string `toml:"pattern,omitempty" json:"pattern,omitempty"`
	// json-schema: a reply that is JSON valid under Schema (a JSON Schema
	// document, draft 2020-12) scores 1.
	Schema string `toml:"schema,omitempty" json:"schema,omitempty"`

	// format: length and shape rules; each rule broken costs part of the
	// score (the share of rules kept, averaged with the task's own
	// Verifier). Zero or false leaves a rule out.
	//
	// MinWords and MaxWords bound the words (runs of non-space); a
	// one-word "Bike." is not a slogan. MaxChars bounds the characters
	// (runes). EndsWith is the text the trimmed reply must end with.
	// SingleLine refuses a line break.
	MinWords   int    `toml:"min_words,omitempty" json:"min_words,omitempty"`
	MaxWords   int    `toml:"max_words,omitempty" json:"max_words,omitempty"`
	MaxChars   int    `toml:"max_chars,omitempty" json:"max_chars,omitempty"`
	EndsWith   string `toml:"ends_with,omitempty" json:"ends_with,omitempty"`
	SingleLine bool   `toml:"single_line,omitempty" json:"single_line,omitempty"`
	// MaxRepeats is the most times one word may appear (compared in lower
	// case, letters and digits only): a keyword repeated to please a judge
	// breaks it. NoJudgeTalk refuses text that speaks to the judge rather
	// than the reader ("ignore the rubric", "score this ten out of ten",
	// "10/10", "system prompt"). These two are rules against cheating, not
	// of shape: a reply that breaks one is a foul, and the panel scores it
	// 0 whatever its other judges (an LLM judge it fooled) say.
	MaxRepeats  int  `toml:"max_repeats,omitempty" json:"max_repeats,omitempty"`
	NoJudgeTalk bool `toml:"no_judge_talk,omitempty" json:"no_judge_talk,omitempty"`

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
	// means 2. A verdict still malformed after them counts against the
	// reply (or pair) it was about, not against the round.
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
