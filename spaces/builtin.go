package spaces

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
)

// builtinFS holds the built-in Spaces as TOML, the same form an operator
// writes, so they are proof that the format can say everything they need.
//
//go:embed builtin/*.toml
var builtinFS embed.FS

// builtins parses the built-in Spaces once, on first use. A built-in that
// does not parse is a programming error, which the package's tests catch.
var builtins = sync.OnceValue(func() []*Spec {
	entries, err := builtinFS.ReadDir("builtin")
	if err != nil {
		panic(fmt.Sprintf("spaces: reading the built-in Spaces: %v", err))
	}
	var specs []*Spec
	for _, e := range entries {
		name := path.Join("builtin", e.Name())
		data, err := builtinFS.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("spaces: %v", err))
		}
		s, err := Parse(name, data)
		if err != nil {
			panic(fmt.Sprintf("spaces: built-in Space: %v", err))
		}
		specs = append(specs, s)
	}
	slices.SortFunc(specs, func(a, b *Spec) int { return strings.Compare(a.ID, b.ID) })
	return specs
})

// Builtin returns the built-in Spaces, sorted by id. They are copies: a
// caller may change them without changing what the next caller gets.
func Builtin() []*Spec {
	specs := builtins()
	out := make([]*Spec, len(specs))
	for i, s := range specs {
		out[i] = s.Clone()
	}
	return out
}

// Lookup returns (a copy of) the built-in Space with the given id.
func Lookup(id string) (*Spec, error) {
	specs := builtins()
	for _, s := range specs {
		if s.ID == id {
			return s.Clone(), nil
		}
	}
	ids := make([]string, len(specs))
	for i, s := range specs {
		ids[i] = s.ID
	}
	return nil, fmt.Errorf("spaces: no built-in Space %q; the built-in Spaces are %s", id, strings.Join(ids, ", "))
}

// Clone returns a deep copy of the spec, sharing no slice with it.
func (s *Spec) Clone() *Spec {
	c := *s
	c.Judges = slices.Clone(s.Judges)
	c.Entry.Tiers = slices.Clone(s.Entry.Tiers)
	c.Payout.Shares = slices.Clone(s.Payout.Shares)
	return &c
}
