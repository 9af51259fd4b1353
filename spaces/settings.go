package spaces

import "time"

// The helpers below resolve the settings whose zero value means "the
// usual", so that the match engine never repeats the defaults.

// SamplesPerTask is how many replies each agent writes per task (Samples,
// at least 1).
func (s *Spec) SamplesPerTask() int { return max(s.Samples, 1) }

// QuorumOrDefault is the fewest judges whose verdicts make a round count:
// Quorum if set, otherwise every required (non-optional) judge, and never
// fewer than one, since a round no judge scored cannot be ranked.
func (s *Spec) QuorumOrDefault() int {
	if s.Quorum > 0 {
		return s.Quorum
	}
	n := 0
	for _, j := range s.Judges {
		if !j.Optional {
			n++
		}
	}
	return max(n, 1)
}

// MaxTokens caps each reply (Limits.MaxTokens, 32 by default).
func (s *Spec) MaxTokens() int {
	if s.Limits.MaxTokens <= 0 {
		return defaultMaxTokens
	}
	return s.Limits.MaxTokens
}

// PairMargin is the least score difference that makes two replies a
// preference pair (Margin, 0.1 by default): closer replies are too alike
// for a trainer to learn from.
func (s *Spec) PairMargin() float64 {
	if s.Margin <= 0 {
		return defaultMargin
	}
	return s.Margin
}

// ReplyTimeout is the time allowed per reply (Limits.ReplySeconds, 30 s by
// default).
func (s *Spec) ReplyTimeout() time.Duration {
	secs := s.Limits.ReplySeconds
	if !(secs > 0) {
		secs = defaultReplySeconds
	}
	secs = min(secs, maxReplySecs) // keeps an unvalidated spec from overflowing
	return time.Duration(secs * float64(time.Second))
}

// RolloutsAt is the rollouts setting that applies at fee tier: the
// Space's own at a paid tier, "any" at a free one (a free tier costs
// nobody money, and its replies still train only when verified).
func (s *Spec) RolloutsAt(tier int) string {
	fee, err := s.Fee(tier)
	if err != nil || fee.Sign() == 0 || s.Rollouts == "" {
		return "any"
	}
	return s.Rollouts
}
