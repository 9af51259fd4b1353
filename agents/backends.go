package agents

import (
	"fmt"
	"sync"

	"github.com/rlfc/arena/internal/netguard"
)

// Backends resolves agents to the policies that run them.
type Backends struct {
	// Embedded is the policy of the embedded model, or nil when this
	// process has none.
	Embedded Policy
	// Model is the embedded model's name ("arena-base"): agents whose
	// Model is this and that have no Endpoint run on Embedded.
	Model string
	// OpenAI makes the policy of a model behind an OpenAI-compatible
	// endpoint. For calls it for every agent it resolves, so it should
	// reuse policies (OpenAIFactory does); nil means a shared default
	// factory with OpenAIOptions' defaults and no API key, whose requests
	// reach public addresses only (see OpenAIFactory).
	OpenAI func(endpoint, model string) (Policy, error)
	// Remote returns the policy of a Remote agent: the runner its owner
	// connected. Nil means this process serves no runners.
	Remote func(a Agent) (Policy, error)
}

// For returns the policy of an agent: its owner's runner when it is
// Remote, an OpenAI-compatible backend when it has an Endpoint, the embedded model when its Model is the embedded
// model's name, and otherwise an error naming the model.
func (b Backends) For(a Agent) (Policy, error) {
	if a.Remote {
		if b.Remote == nil {
			return nil, fmt.Errorf("agents: agent %q is played by its owner's runner, and this process serves no runners", a.Name)
		}
		return b.Remote(a)
	}
	if a.Endpoint != "" {
		newPolicy := b.OpenAI
		if newPolicy == nil {
			newPolicy = defaultOpenAI
		}
		p, err := newPolicy(a.Endpoint, a.Model)
		if err != nil {
			return nil, fmt.Errorf("agents: agent %q: %w", a.Name, err)
		}
		return p, nil
	}
	if b.Embedded != nil && b.Model != "" && a.Model == b.Model {
		return b.Embedded, nil
	}
	if b.Embedded == nil || b.Model == "" {
		return nil, fmt.Errorf("agents: agent %q: model %q has no endpoint and this arena runs no embedded model; give the agent an OpenAI-compatible endpoint", a.Name, a.Model)
	}
	return nil, fmt.Errorf("agents: agent %q: model %q is not the embedded model %q; give the agent an OpenAI-compatible endpoint that serves it", a.Name, a.Model, b.Model)
}

// defaultOpenAI is the factory of Backends that set none.
var defaultOpenAI = OpenAIFactory(OpenAIOptions{})

// OpenAIFactory returns a function for Backends.OpenAI that makes OpenAI
// backends with opts (BaseURL and Model replaced by the agent's endpoint
// and model) and keeps one per endpoint and model, so that agents on the
// same server share its connections. It is safe for concurrent use.
//
// An agent's endpoint is a URL its player chose, so a nil opts.Client
// means a client through a netguard.Guard that allows nothing but public
// addresses (not NewOpenAI's plain client): pass a guard's Client that
// allows what the operator allows.
func OpenAIFactory(opts OpenAIOptions) func(endpoint, model string) (Policy, error) {
	if opts.Client == nil {
		opts.Client = netguard.New(netguard.Options{}).Client()
	}
	type key struct{ endpoint, model string }
	var (
		mu    sync.Mutex
		cache = make(map[key]*OpenAI)
	)
	return func(endpoint, model string) (Policy, error) {
		mu.Lock()
		defer mu.Unlock()
		k := key{endpoint, model}
		if o, ok := cache[k]; ok {
			return o, nil
		}
		o2 := opts
		o2.BaseURL, o2.Model = endpoint, model
		o, err := NewOpenAI(o2)
		if err != nil {
			return nil, err
		}
		cache[k] = o
		return o, nil
	}
}

// Both backends are Policies.
var (
	_ Policy = (*Embedded)(nil)
	_ Policy = (*OpenAI)(nil)
)
