package agents

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/uuid"
)

// Agent is a player's configured competitor: a base model, a system prompt,
// sampling settings and an adapter version, owned by a wallet address.
type Agent struct {
	// ID is a UUIDv7, so agents sort by creation time.
	ID string `json:"id"`
	// Owner is the owner's wallet address, 0x-prefixed hex (EIP-55 case).
	Owner string `json:"owner"`
	// Name is what players see: 1 to 64 printable characters.
	Name string `json:"name"`
	// Model names the base model: the embedded model's name ("arena-base"),
	// or the model an OpenAI-compatible Endpoint serves.
	Model string `json:"model"`
	// Endpoint is the base URL of an OpenAI-compatible API (ending before
	// /chat/completions, as in "http://127.0.0.1:8000/v1"); empty means the
	// embedded engine.
	Endpoint string `json:"endpoint,omitempty"`
	// Remote means the owner runs the agent's inference on their own
	// hardware: a runner connected to the arena's server answers for it
	// (see `arena runner`); Model and Endpoint then describe what that
	// runner serves.
	Remote bool `json:"remote,omitempty"`
	// System is the agent's system prompt; empty means the Space's own
	// instructions.
	System string `json:"system,omitempty"`
	// Sampling holds the agent's sampling settings.
	Sampling Sampling `json:"sampling"`
	// Adapter is the adapter version the agent plays with; empty means the
	// base model alone.
	Adapter string `json:"adapter,omitempty"`
	// AutoEnter, when set, keeps the agent entered in some Spaces while its
	// owner's client runs (arena tui stakes paid tiers from the owner's
	// wallet, so only a client holding it can enter them).
	AutoEnter *AutoEnter `json:"auto_enter,omitempty"`
	// House marks agents run by the arena to fill matches.
	House bool `json:"house,omitempty"`
	// Ratings holds the agent's live rating per Space id.
	Ratings map[string]Rating `json:"ratings,omitempty"`
	// Forfeits counts the agent's latest matches in a row in which it
	// forfeited (a reply ran out of the Space's reply limit). The arena
	// keeps it and the two fields below; edits leave them alone.
	Forfeits int `json:"forfeits,omitempty"`
	// Benches counts the times the agent was benched for forfeiting; each
	// bench lasts longer than the one before.
	Benches int `json:"benches,omitempty"`
	// BenchedUntil, while in the future, keeps the agent out of every
	// queue.
	BenchedUntil time.Time `json:"benched_until,omitzero"`
	// Created is when the agent was made.
	Created time.Time `json:"created"`
}

// AutoEnter is how an agent enters matches by itself: in each of Spaces,
// at fee tier Tier, with at most Sessions entries (queued or playing) at
// a time.
type AutoEnter struct {
	Spaces   []string `json:"spaces"`
	Tier     int      `json:"tier"`
	Sessions int      `json:"sessions"`
}

// MaxAutoSessions bounds AutoEnter.Sessions: each session is a stake.
const MaxAutoSessions = 16

// Sampling holds an agent's sampling settings. The zero value decodes
// greedily with the backend's default length.
type Sampling struct {
	// Temperature divides the logits, in [0, 2]; zero is greedy.
	Temperature float64 `json:"temperature"`
	// TopP is nucleus sampling's mass, in [0, 1]; zero or one keeps all.
	TopP float64 `json:"top_p,omitempty"`
	// TopK keeps the K most likely tokens; zero keeps all. OpenAI's API
	// has no such field, so only the embedded backend honours it.
	TopK int `json:"top_k,omitempty"`
	// MaxTokens caps a reply; zero means the Space's limit or the backend's
	// default.
	MaxTokens int `json:"max_tokens,omitempty"`
}

// Rating is an agent's live skill estimate in one Space (a Weng-Lin
// Plackett-Luce rating: mean and standard deviation).
type Rating struct {
	// Mu is the rating's mean.
	Mu float64 `json:"mu"`
	// Sigma is the rating's standard deviation: how unsure it still is.
	Sigma float64 `json:"sigma"`
	// Matches counts the rated matches played in the Space.
	Matches int `json:"matches"`
}

// Limits on an agent's configuration, so that a stored agent can always be
// run: a prompt that fills the context window or a reply longer than any
// Space allows is refused when the agent is saved, not mid-match.
const (
	MaxNameRunes    = 64   // characters of Agent.Name
	MaxModelBytes   = 200  // bytes of Agent.Model
	MaxSystemBytes  = 4000 // bytes of Agent.System
	MaxTemperature  = 2    // Sampling.Temperature, as OpenAI's API allows
	MaxReplyTokens  = 4096 // Sampling.MaxTokens
	MaxVersionBytes = 128  // bytes of an adapter version name
)

// FieldError is a problem with one field of an agent or request, named as
// it is named in JSON ("owner", "sampling.top_p").
type FieldError struct {
	Field   string
	Problem string
}

// Error returns "agent <field>: <problem>".
func (e *FieldError) Error() string { return "agent " + e.Field + ": " + e.Problem }

// NewID returns a fresh agent id: a UUIDv7, whose leading timestamp makes
// ids sort by creation time in the store.
func NewID() string {
	// NewV7 fails only when the system's random source does; nothing can
	// run without it.
	return uuid.Must(uuid.NewV7()).String()
}

// IDShaped reports whether s reads as an agent id: a UUID in any of the
// forms uuid.Parse accepts (36 characters, 32 hex digits, braced, or
// urn:uuid:). The arena refuses such names, so that a reference shaped
// like an id can only ever mean the agent with that id.
func IDShaped(s string) bool { return uuid.Validate(strings.TrimSpace(s)) == nil }

// Validate checks every field of the agent and returns all the problems it
// finds, joined (each a *FieldError naming its field), or nil.
func (a *Agent) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}

	switch {
	case a.ID == "":
		bad("id", "is empty (want a UUID, see NewID)")
	case len(a.ID) != 36:
		bad("id", "%q is not a UUID in its 36-character form", clip(a.ID))
	default:
		if _, err := uuid.Parse(a.ID); err != nil {
			bad("id", "%q is not a UUID: %v", a.ID, err)
		}
	}

	if err := checkOwner(a.Owner); err != nil {
		bad("owner", "%v", err)
	}

	switch n := utf8.RuneCountInString(a.Name); {
	case !utf8.ValidString(a.Name):
		bad("name", "is not valid UTF-8")
	case strings.TrimSpace(a.Name) == "":
		bad("name", "is empty")
	case n > MaxNameRunes:
		bad("name", "has %d characters, at most %d are allowed", n, MaxNameRunes)
	default:
		if r, ok := firstUnprintable(a.Name); ok {
			bad("name", "contains the unprintable character %U", r)
		}
	}

	switch {
	case strings.TrimSpace(a.Model) == "":
		bad("model", "is empty (name the embedded model or the model the endpoint serves)")
	case len(a.Model) > MaxModelBytes:
		bad("model", "is %d bytes long, at most %d are allowed", len(a.Model), MaxModelBytes)
	default:
		if r, ok := firstUnprintable(a.Model); ok {
			bad("model", "contains the unprintable character %U", r)
		}
	}

	if a.Endpoint != "" {
		if err := checkBaseURL(a.Endpoint); err != nil {
			bad("endpoint", "%v", err)
		}
	}

	switch {
	case len(a.System) > MaxSystemBytes:
		bad("system", "is %d bytes long, at most %d are allowed", len(a.System), MaxSystemBytes)
	case !utf8.ValidString(a.System):
		bad("system", "is not valid UTF-8")
	}

	for _, fe := range checkSampling(a.Sampling) {
		errs = append(errs, fe)
	}

	if a.Adapter != "" {
		if err := CheckVersion(a.Adapter); err != nil {
			bad("adapter", "%v", err)
		}
	}

	if ae := a.AutoEnter; ae != nil {
		if len(ae.Spaces) == 0 {
			bad("auto_enter.spaces", "is empty (name the Spaces to enter, or turn auto-entry off)")
		}
		for _, s := range ae.Spaces {
			if !isSlug(s) {
				bad("auto_enter.spaces", "%q is not a Space id (a-z, 0-9 and -)", clip(s))
			}
		}
		if ae.Tier < 0 {
			bad("auto_enter.tier", "%d is negative (tier 0 is a Space's first fee)", ae.Tier)
		}
		if ae.Sessions < 1 || ae.Sessions > MaxAutoSessions {
			bad("auto_enter.sessions", "%d is not 1 to %d", ae.Sessions, MaxAutoSessions)
		}
	}
	return errors.Join(errs...)
}

// checkOwner accepts a 0x-prefixed 20-byte hex address, in one case or
// with a correct EIP-55 checksum: a mixed-case address with a wrong
// checksum is most likely mistyped.
func checkOwner(s string) error {
	switch {
	case s == "":
		return errors.New("is empty (want the owner's 0x-prefixed wallet address)")
	case !strings.HasPrefix(s, "0x"):
		return fmt.Errorf("%q does not start with 0x", clip(s))
	case !common.IsHexAddress(s):
		return fmt.Errorf("%q is not 0x followed by 40 hex digits", clip(s))
	}
	hex := s[2:]
	if hex != strings.ToLower(hex) && hex != strings.ToUpper(hex) {
		if want := common.HexToAddress(s).Hex(); want != s {
			return fmt.Errorf("%q has a wrong EIP-55 checksum (did you mean %s?)", s, want)
		}
	}
	return nil
}

// checkSampling checks sampling settings, naming fields as in an agent's
// JSON. The same limits apply to an agent's settings and to a request.
func checkSampling(s Sampling) []*FieldError {
	var errs []*FieldError
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: "sampling." + field, Problem: fmt.Sprintf(format, args...)})
	}
	// The negated comparisons also catch NaN.
	if !(s.Temperature >= 0 && s.Temperature <= MaxTemperature) {
		bad("temperature", "%v is outside [0, %d]", s.Temperature, MaxTemperature)
	}
	if !(s.TopP >= 0 && s.TopP <= 1) {
		bad("top_p", "%v is outside [0, 1]", s.TopP)
	}
	if s.TopK < 0 {
		bad("top_k", "%d is negative", s.TopK)
	}
	if s.MaxTokens < 0 || s.MaxTokens > MaxReplyTokens {
		bad("max_tokens", "%d is outside [0, %d]", s.MaxTokens, MaxReplyTokens)
	}
	return errs
}

// firstUnprintable returns the first rune of s that is not printable
// (control characters, including tabs and newlines, and invalid bytes).
func firstUnprintable(s string) (rune, bool) {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return r, true
		}
	}
	return 0, false
}

// clip shortens s for an error message, so that a huge bad value does not
// make a huge error.
func clip(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// isSlug reports whether s could be a Space id: 1 to 40 of a-z, 0-9
// and -. (The spaces package owns the rule; agents sit below it.)
func isSlug(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
