package agents

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func validAgent() Agent {
	return Agent{
		ID:       "0190a5c4-7b3e-7cc0-8a1e-2f4d5e6f7a8b",
		Owner:    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", // EIP-55's own example
		Name:     "Adder Supreme",
		Model:    "arena-base",
		System:   "Answer with the number only.",
		Sampling: Sampling{Temperature: 0.7, TopP: 0.9, TopK: 40, MaxTokens: 64},
		Adapter:  "v3",
		Created:  time.Unix(1700000000, 0),
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Agent)
		field string // "" for valid
		want  string // part of the message
	}{
		{"valid", func(a *Agent) {}, "", ""},
		{"valid minimal", func(a *Agent) { a.System, a.Sampling, a.Adapter = "", Sampling{}, "" }, "", ""},
		{"valid endpoint", func(a *Agent) { a.Endpoint, a.Model = "https://api.example.com/v1", "gpt-4o-mini" }, "", ""},
		{"valid lower-case owner", func(a *Agent) { a.Owner = strings.ToLower(a.Owner) }, "", ""},
		{"valid upper-case owner", func(a *Agent) { a.Owner = "0x" + strings.ToUpper(a.Owner[2:]) }, "", ""},
		{"valid unicode name", func(a *Agent) { a.Name = "Zähler 🚀" }, "", ""},
		{"valid 64-rune name", func(a *Agent) { a.Name = strings.Repeat("é", 64) }, "", ""},
		{"valid limits", func(a *Agent) { a.Sampling = Sampling{Temperature: 2, TopP: 1, MaxTokens: 4096} }, "", ""},
		{"valid system at limit", func(a *Agent) { a.System = strings.Repeat("x", 4000) }, "", ""},

		{"no id", func(a *Agent) { a.ID = "" }, "id", "empty"},
		{"bad id", func(a *Agent) { a.ID = "agent-1" }, "id", "not a UUID"},
		{"bad id chars", func(a *Agent) { a.ID = "0190a5c4-7b3e-7cc0-8a1e-2f4d5e6f7a8z" }, "id", "not a UUID"},
		{"no owner", func(a *Agent) { a.Owner = "" }, "owner", "empty"},
		{"owner without 0x", func(a *Agent) { a.Owner = a.Owner[2:] }, "owner", "0x"},
		{"owner short", func(a *Agent) { a.Owner = a.Owner[:41] }, "owner", "40 hex"},
		{"owner not hex", func(a *Agent) { a.Owner = "0x" + strings.Repeat("g", 40) }, "owner", "40 hex"},
		{"owner bad checksum", func(a *Agent) { a.Owner = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD" }, "owner", "EIP-55"},
		{"no name", func(a *Agent) { a.Name = "" }, "name", "empty"},
		{"blank name", func(a *Agent) { a.Name = "   " }, "name", "empty"},
		{"long name", func(a *Agent) { a.Name = strings.Repeat("a", 65) }, "name", "65 characters"},
		{"name with newline", func(a *Agent) { a.Name = "a\nb" }, "name", "unprintable"},
		{"name with escape", func(a *Agent) { a.Name = "a\x1b[31m" }, "name", "unprintable"},
		{"name invalid utf8", func(a *Agent) { a.Name = "a\xffb" }, "name", "UTF-8"},
		{"no model", func(a *Agent) { a.Model = "" }, "model", "empty"},
		{"model with tab", func(a *Agent) { a.Model = "a\tb" }, "model", "unprintable"},
		{"long model", func(a *Agent) { a.Model = strings.Repeat("m", 201) }, "model", "bytes"},
		{"endpoint scheme", func(a *Agent) { a.Endpoint = "file:///etc/passwd" }, "endpoint", "http or https"},
		{"endpoint no host", func(a *Agent) { a.Endpoint = "http://" }, "endpoint", "no host"},
		{"endpoint junk", func(a *Agent) { a.Endpoint = "http://[::1" }, "endpoint", "not a URL"},
		{"endpoint credentials", func(a *Agent) { a.Endpoint = "https://me:pw@host/v1" }, "endpoint", "credentials"},
		{"long system", func(a *Agent) { a.System = strings.Repeat("x", 4001) }, "system", "4001 bytes"},
		{"system invalid utf8", func(a *Agent) { a.System = "\xff" }, "system", "UTF-8"},
		{"negative temperature", func(a *Agent) { a.Sampling.Temperature = -0.1 }, "sampling.temperature", "outside"},
		{"hot temperature", func(a *Agent) { a.Sampling.Temperature = 2.5 }, "sampling.temperature", "outside"},
		{"NaN temperature", func(a *Agent) { a.Sampling.Temperature = math.NaN() }, "sampling.temperature", "NaN"},
		{"top_p above 1", func(a *Agent) { a.Sampling.TopP = 1.5 }, "sampling.top_p", "outside"},
		{"negative top_p", func(a *Agent) { a.Sampling.TopP = -1 }, "sampling.top_p", "outside"},
		{"negative top_k", func(a *Agent) { a.Sampling.TopK = -1 }, "sampling.top_k", "negative"},
		{"negative max_tokens", func(a *Agent) { a.Sampling.MaxTokens = -5 }, "sampling.max_tokens", "outside"},
		{"huge max_tokens", func(a *Agent) { a.Sampling.MaxTokens = 4097 }, "sampling.max_tokens", "outside"},
		{"adapter path", func(a *Agent) { a.Adapter = "../../etc" }, "adapter", ".."},
		{"adapter slash", func(a *Agent) { a.Adapter = "a/b" }, "adapter", "path separator"},
		{"adapter hidden", func(a *Agent) { a.Adapter = ".v1" }, "adapter", "letter or digit"},
		{"auto-entry nowhere", func(a *Agent) { a.AutoEnter = &AutoEnter{Sessions: 1} }, "auto_enter.spaces", "is empty"},
		{"auto-entry bad space", func(a *Agent) { a.AutoEnter = &AutoEnter{Spaces: []string{"Sum Duel"}, Sessions: 1} }, "auto_enter.spaces", "not a Space id"},
		{"auto-entry negative tier", func(a *Agent) { a.AutoEnter = &AutoEnter{Spaces: []string{"nim"}, Tier: -1, Sessions: 1} }, "auto_enter.tier", "negative"},
		{"auto-entry no sessions", func(a *Agent) { a.AutoEnter = &AutoEnter{Spaces: []string{"nim"}} }, "auto_enter.sessions", "not 1 to 16"},
		{"auto-entry many sessions", func(a *Agent) { a.AutoEnter = &AutoEnter{Spaces: []string{"nim"}, Sessions: 17} }, "auto_enter.sessions", "not 1 to 16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAgent()
			tc.edit(&a)
			err := a.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid agent refused: %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *FieldError", err)
			}
			if fe.Field != tc.field || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (field %q), want field %q and a message mentioning %q", err, fe.Field, tc.field, tc.want)
			}
			if !strings.Contains(err.Error(), "agent "+tc.field+":") {
				t.Errorf("error %q does not name the field %q", err, tc.field)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	a := Agent{Sampling: Sampling{TopK: -1}}
	err := a.Validate()
	for _, field := range []string{"id", "owner", "name", "model", "sampling.top_k"} {
		if !strings.Contains(err.Error(), "agent "+field+":") {
			t.Errorf("error %q does not mention %s", err, field)
		}
	}
}

func TestNewID(t *testing.T) {
	seen := make(map[string]bool)
	prev := ""
	for range 100 {
		id := NewID()
		u, err := uuid.Parse(id)
		if err != nil || u.Version() != 7 {
			t.Fatalf("id %q is not a UUIDv7 (%v)", id, err)
		}
		if seen[id] {
			t.Fatalf("id %q repeated", id)
		}
		seen[id] = true
		if id < prev {
			t.Errorf("id %q sorts before the earlier %q", id, prev)
		}
		prev = id
		a := validAgent()
		a.ID = id
		if err := a.Validate(); err != nil {
			t.Fatalf("NewID's id refused: %v", err)
		}
	}
}

// fakePolicy is a Policy that names itself.
type fakePolicy struct{ name string }

func (p *fakePolicy) Reply(context.Context, Request, func(Delta)) ([]Reply, error) {
	return []Reply{{Text: p.name}}, nil
}

func TestBackendsFor(t *testing.T) {
	emb := &fakePolicy{"embedded"}
	made := 0
	b := Backends{
		Embedded: emb,
		Model:    "arena-base",
		OpenAI:   OpenAIFactory(OpenAIOptions{Timeout: time.Second}),
	}
	countingFactory := b.OpenAI
	b.OpenAI = func(endpoint, model string) (Policy, error) {
		made++
		return countingFactory(endpoint, model)
	}

	local := validAgent()
	if p, err := b.For(local); err != nil || p != emb {
		t.Errorf("embedded agent: %v, %v", p, err)
	}

	remote := validAgent()
	remote.Endpoint, remote.Model = "http://127.0.0.1:8000/v1", "qwen2.5:0.5b"
	p1, err := b.For(remote)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p1.(*OpenAI); !ok {
		t.Fatalf("remote agent got %T", p1)
	}
	// An endpoint wins even when the model's name is the embedded one's.
	same := remote
	same.Model = "arena-base"
	if p, err := b.For(same); err != nil || p == emb {
		t.Errorf("endpoint agent named after the embedded model got %v, %v", p, err)
	}
	p2, _ := b.For(remote)
	if p1 != p2 {
		t.Errorf("a second agent on the same endpoint and model got a new backend")
	}
	other := remote
	other.Model = "llama3"
	if p3, _ := b.For(other); p3 == p1 {
		t.Errorf("another model on the same endpoint shares a backend")
	}
	if made != 4 {
		t.Errorf("factory called %d times, want 4", made)
	}

	unknown := validAgent()
	unknown.Model = "gpt-5"
	if _, err := b.For(unknown); err == nil || !strings.Contains(err.Error(), `"gpt-5"`) || !strings.Contains(err.Error(), `"arena-base"`) {
		t.Errorf("unknown model: error %v", err)
	}
	if _, err := (Backends{}).For(local); err == nil || !strings.Contains(err.Error(), "no embedded model") {
		t.Errorf("no embedded backend: error %v", err)
	}
	bad := remote
	bad.Endpoint = "ftp://x"
	if _, err := b.For(bad); err == nil || !strings.Contains(err.Error(), "http or https") {
		t.Errorf("bad endpoint: error %v", err)
	}
	// Without a factory, a shared default is used.
	if p, err := (Backends{}).For(remote); err != nil || p == nil {
		t.Errorf("default factory: %v, %v", p, err)
	}
}
