package spaces

import (
	"fmt"
	"regexp"
)

// ChosenRE compiles ChosenPattern anchored at both ends, so that it
// matches a whole reply or nothing; it returns nil and no error when the
// Space sets no pattern. Validate has checked that a spec's pattern
// compiles; a caller holding an unvalidated spec must treat an error as
// "no reply matches".
func (t Training) ChosenRE() (*regexp.Regexp, error) {
	if t.ChosenPattern == "" {
		return nil, nil
	}
	// Compiled alone first, so that a pattern like "a)|(b" cannot close the
	// anchoring group and match a part of a reply.
	if _, err := regexp.Compile(t.ChosenPattern); err != nil {
		return nil, fmt.Errorf("training.chosen_pattern: %w", err)
	}
	re, err := regexp.Compile(`\A(?:` + t.ChosenPattern + `)\z`)
	if err != nil {
		return nil, fmt.Errorf("training.chosen_pattern: %w", err)
	}
	return re, nil
}
