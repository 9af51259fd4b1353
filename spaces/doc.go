// Package spaces holds Space specs (strict TOML), their validation, the
// built-in Spaces, their seeded task generators and the turn-based games.
//
// It describes matches; it does not run them.
package spaces
