package judges

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strings"
)

// The judge kinds a Config may name.
const (
	KindExact      = "exact"
	KindNumeric    = "numeric"
	KindRegex      = "regex"
	KindJSONSchema = "json-schema"
	KindFormat     = "format"
	KindOutcome    = "outcome"
	KindLLM        = "llm"
)

// The LLM judge's methods.
const (
	MethodPointwise = "pointwise"
	MethodPairwise  = "pairwise"
)

// Limits on an LLM judge's settings: a verdict that needs more than ten
// minutes or ten retries points at a broken endpoint, not a slow one.
const (
	maxTimeoutSeconds = 600
	maxRetries        = 10
)

// kinds lists the known kinds in the order error messages name them.
var kinds = []string{KindExact, KindNumeric, KindRegex, KindJSONSchema, KindFormat, KindOutcome, KindLLM}

// envName is what an environment variable's name may look like; anything
// else in api_key_env is a typo (or a key pasted where its name belongs).
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Check validates c as a judge of a Space whose matches are turn-based
// games (turnBased) or parallel rounds. It returns a *ConfigError naming
// the TOML key at fault; Key is "kind" when the kind is unknown or does
// not fit the Space's mode.
//
// Kinds that grade a reply's text (exact, numeric, regex, json-schema,
// format) and llm serve parallel Spaces only; outcome serves turn-based
// Spaces only. A setting that belongs to another kind (a pattern on a
// numeric judge) is an error, so a misplaced key never passes silently.
func (c Config) Check(turnBased bool) error {
	if err := c.checkSettings(); err != nil {
		return err
	}
	return c.checkMode(turnBased)
}

// checkMode tells whether the kind can judge a Space of the given mode.
func (c Config) checkMode(turnBased bool) error {
	switch c.Kind {
	case KindExact, KindNumeric, KindRegex, KindJSONSchema, KindFormat:
		if turnBased {
			return &ConfigError{Key: "kind", Msg: fmt.Sprintf(
				"a %q judge grades each reply's text, so it serves parallel Spaces only (mode = %q); this Space is turn-based (use \"outcome\")",
				c.Kind, "parallel")}
		}
	case KindLLM:
		if turnBased {
			return &ConfigError{Key: "kind", Msg: fmt.Sprintf(
				"an \"llm\" judge serves parallel Spaces only (mode = %q); this Space is turn-based (use \"outcome\")", "parallel")}
		}
	case KindOutcome:
		if !turnBased {
			return &ConfigError{Key: "kind", Msg: fmt.Sprintf(
				"an \"outcome\" judge reads a finished game's result, so it serves turn-based Spaces only (mode = %q); this Space is parallel",
				"turns")}
		}
	}
	return nil
}

// checkSettings validates everything that does not depend on the Space's
// mode; New relies on it too.
func (c Config) checkSettings() error {
	if c.Kind == "" {
		return &ConfigError{Key: "kind", Msg: "missing; want one of " + quoteList(kinds)}
	}
	known := false
	for _, k := range kinds {
		known = known || c.Kind == k
	}
	if !known {
		return &ConfigError{Key: "kind", Msg: fmt.Sprintf("unknown kind %q; want one of %s", c.Kind, quoteList(kinds))}
	}
	if math.IsNaN(c.Weight) || math.IsInf(c.Weight, 0) || c.Weight < 0 {
		return &ConfigError{Key: "weight", Msg: fmt.Sprintf("%v is not a finite number ≥ 0", c.Weight)}
	}
	for _, s := range c.settings() {
		if s.set && s.kind != c.Kind {
			return &ConfigError{Key: s.key, Msg: fmt.Sprintf("does not apply to a %q judge (it is a %q setting)", c.Kind, s.kind)}
		}
	}

	switch c.Kind {
	case KindNumeric:
		if math.IsNaN(c.Tolerance) || math.IsInf(c.Tolerance, 0) || c.Tolerance < 0 {
			return &ConfigError{Key: "tolerance", Msg: fmt.Sprintf("%v is not a finite number ≥ 0", c.Tolerance)}
		}
	case KindRegex:
		if c.Pattern == "" {
			return &ConfigError{Key: "pattern", Msg: "a \"regex\" judge needs a pattern (RE2 syntax)"}
		}
		if _, err := regexp.Compile(c.Pattern); err != nil {
			return &ConfigError{Key: "pattern", Msg: "does not compile (RE2 syntax): " + err.Error()}
		}
	case KindJSONSchema:
		if strings.TrimSpace(c.Schema) == "" {
			return &ConfigError{Key: "schema", Msg: "a \"json-schema\" judge needs a schema (a JSON Schema document, draft 2020-12)"}
		}
		if _, err := compileSchema(c.Schema); err != nil {
			return &ConfigError{Key: "schema", Msg: err.Error()}
		}
	case KindFormat:
		for _, n := range []struct {
			key string
			v   int
		}{{"min_words", c.MinWords}, {"max_words", c.MaxWords}, {"max_chars", c.MaxChars}, {"max_repeats", c.MaxRepeats}} {
			if n.v < 0 {
				return &ConfigError{Key: n.key, Msg: fmt.Sprintf("%d is negative; use 0 (or leave it out) for no limit", n.v)}
			}
		}
		if c.MaxWords > 0 && c.MinWords > c.MaxWords {
			return &ConfigError{Key: "min_words", Msg: fmt.Sprintf("%d is more than max_words (%d)", c.MinWords, c.MaxWords)}
		}
		if c.MaxChars > 0 && c.MinWords > c.MaxChars {
			return &ConfigError{Key: "min_words", Msg: fmt.Sprintf("%d words cannot fit in max_chars (%d)", c.MinWords, c.MaxChars)}
		}
	case KindLLM:
		if c.Endpoint != "" {
			u, err := url.Parse(c.Endpoint)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return &ConfigError{Key: "endpoint", Msg: fmt.Sprintf("%q is not an http(s) URL such as \"http://127.0.0.1:8000/v1\"", c.Endpoint)}
			}
		}
		if c.APIKeyEnv != "" && !envName.MatchString(c.APIKeyEnv) {
			return &ConfigError{Key: "api_key_env", Msg: fmt.Sprintf("%q is not an environment variable's name (it names the variable that holds the key, not the key)", c.APIKeyEnv)}
		}
		switch c.Method {
		case "", MethodPointwise, MethodPairwise:
		default:
			return &ConfigError{Key: "method", Msg: fmt.Sprintf("unknown method %q; want %q or %q", c.Method, MethodPointwise, MethodPairwise)}
		}
		if math.IsNaN(c.TimeoutSeconds) || c.TimeoutSeconds < 0 || c.TimeoutSeconds > maxTimeoutSeconds {
			return &ConfigError{Key: "timeout_seconds", Msg: fmt.Sprintf("%v is outside 0..%d (0 means 60)", c.TimeoutSeconds, maxTimeoutSeconds)}
		}
		if c.Retries < 0 || c.Retries > maxRetries {
			return &ConfigError{Key: "retries", Msg: fmt.Sprintf("%d is outside 0..%d (0 means 2)", c.Retries, maxRetries)}
		}
	}
	return nil
}

// setting is one kind-specific key of Config and whether it is set.
type setting struct {
	key  string
	kind string
	set  bool
}

// settings lists the kind-specific keys, each with the one kind it belongs
// to. Weight and kind belong to every judge and are not listed.
func (c Config) settings() []setting {
	return []setting{
		{"ignore_case", KindExact, c.IgnoreCase},
		{"tolerance", KindNumeric, c.Tolerance != 0},
		{"pattern", KindRegex, c.Pattern != ""},
		{"schema", KindJSONSchema, c.Schema != ""},
		{"min_words", KindFormat, c.MinWords != 0},
		{"max_words", KindFormat, c.MaxWords != 0},
		{"max_chars", KindFormat, c.MaxChars != 0},
		{"ends_with", KindFormat, c.EndsWith != ""},
		{"single_line", KindFormat, c.SingleLine},
		{"max_repeats", KindFormat, c.MaxRepeats != 0},
		{"no_judge_talk", KindFormat, c.NoJudgeTalk},
		{"endpoint", KindLLM, c.Endpoint != ""},
		{"model", KindLLM, c.Model != ""},
		{"api_key_env", KindLLM, c.APIKeyEnv != ""},
		{"method", KindLLM, c.Method != ""},
		{"rubric", KindLLM, c.Rubric != ""},
		{"optional", KindLLM, c.Optional},
		{"timeout_seconds", KindLLM, c.TimeoutSeconds != 0},
		{"retries", KindLLM, c.Retries != 0},
	}
}

// quoteList writes names as "a", "b" or "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
