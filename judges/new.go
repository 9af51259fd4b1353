package judges

import (
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/rlfc/arena/agents"
)

// Env holds the operator's LLM-judge settings (from flags and ARENA_…
// environment variables), used where a Space's llm judge leaves its own
// empty.
type Env struct {
	// Endpoint is the base URL of an OpenAI-compatible API, as in
	// "http://127.0.0.1:8000/v1".
	Endpoint string
	// Model is the judge model's name at Endpoint.
	Model string
	// APIKey is the key for Endpoint; it is never sent to an endpoint a
	// Space names itself (see New).
	APIKey string
	// Policy connects to an endpoint; nil means the OpenAI-compatible
	// client, agents.NewOpenAI. Tests and embedded setups swap it.
	Policy func(endpoint, model, apiKey string) (agents.Policy, error)
}

// New builds the judge c describes. It validates c's settings (but not
// its fit to a Space's mode: see Check) and returns a *ConfigError for a
// bad one.
//
// An llm judge takes its endpoint, model and key from c, falling back on
// env's. The key is read from the environment variable c.APIKeyEnv; the
// operator's env.APIKey is used only when the judge talks to the
// operator's own endpoint, so a Space that names another endpoint cannot
// collect the operator's key. An llm judge with no endpoint in c or env is
// an error, unless c.Optional: then New returns (nil, nil), meaning the
// judge is left out.
func New(c Config, env Env) (Judge, error) {
	if err := c.checkSettings(); err != nil {
		return nil, err
	}
	switch c.Kind {
	case KindExact:
		return exactJudge{ignoreCase: c.IgnoreCase}, nil
	case KindNumeric:
		return numericJudge{tolerance: c.Tolerance}, nil
	case KindRegex:
		return regexJudge{re: regexp.MustCompile(c.Pattern)}, nil // checked above
	case KindJSONSchema:
		s, err := compileSchema(c.Schema)
		if err != nil {
			return nil, &ConfigError{Key: "schema", Msg: err.Error()}
		}
		return schemaJudge{schema: s}, nil
	case KindFormat:
		return formatJudge{minWords: c.MinWords, maxWords: c.MaxWords, maxChars: c.MaxChars,
			maxRepeats: c.MaxRepeats, endsWith: c.EndsWith, singleLine: c.SingleLine, noJudgeTalk: c.NoJudgeTalk}, nil
	case KindOutcome:
		return outcomeJudge{}, nil
	case KindLLM:
		return newLLM(c, env)
	}
	return nil, &ConfigError{Key: "kind", Msg: fmt.Sprintf("unknown kind %q", c.Kind)}
}

// newLLM builds an llm judge (see New).
func newLLM(c Config, env Env) (Judge, error) {
	endpoint, model := c.Endpoint, c.Model
	ownEndpoint := endpoint == "" || endpoint == env.Endpoint
	if endpoint == "" {
		endpoint = env.Endpoint
	}
	if model == "" {
		model = env.Model
	}
	if endpoint == "" {
		if c.Optional {
			return nil, nil
		}
		return nil, &ConfigError{Key: "endpoint", Msg: "an \"llm\" judge needs an endpoint: set endpoint in the Space, give the operator's LLM-judge endpoint, or mark the judge optional = true"}
	}
	var key string
	if c.APIKeyEnv != "" {
		key = os.Getenv(c.APIKeyEnv)
		if key == "" && !ownEndpoint {
			return nil, &ConfigError{Key: "api_key_env", Msg: fmt.Sprintf("the environment variable %s is empty or unset", c.APIKeyEnv)}
		}
	}
	if key == "" && ownEndpoint {
		key = env.APIKey
	}
	connect := env.Policy
	if connect == nil {
		connect = openAIPolicy
	}
	policy, err := connect(endpoint, model, key)
	if err != nil {
		return nil, fmt.Errorf("llm judge: connecting to %s: %w", endpoint, err)
	}
	if policy == nil {
		return nil, fmt.Errorf("llm judge: connecting to %s: no policy", endpoint)
	}

	j := &llmJudge{
		policy:   policy,
		pairwise: c.Method == MethodPairwise,
		rubric:   c.Rubric,
		timeout:  time.Duration(c.TimeoutSeconds * float64(time.Second)),
		retries:  c.Retries,
		parallel: defaultParallel,
	}
	if j.rubric == "" {
		j.rubric = defaultRubric
	}
	if j.timeout == 0 {
		j.timeout = defaultTimeout
	}
	if j.retries == 0 {
		j.retries = defaultRetries
	}
	j.name = "llm"
	if j.pairwise {
		j.name = "llm-pairwise"
	}
	if model != "" {
		j.name += ":" + model
	}
	return j, nil
}
