package judges

import "github.com/rlfc/arena/agents"

// openAIPolicy is Env.Policy's default: the OpenAI-compatible client with
// its own defaults (per-attempt timeout, retries of failed requests). The
// judge's verdict timeout bounds the whole exchange on top of that.
func openAIPolicy(endpoint, model, apiKey string) (agents.Policy, error) {
	return agents.NewOpenAI(agents.OpenAIOptions{BaseURL: endpoint, Model: model, APIKey: apiKey})
}
