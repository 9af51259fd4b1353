package agents

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/rlfc/arena/lora"
)

// VerifyOptions tunes Embedded.Verify. The zero value checks every token
// with lora.DefaultLogitTolerance.
type VerifyOptions struct {
	// Tolerance is the logit tolerance; zero means
	// lora.DefaultLogitTolerance.
	Tolerance float64
	// Fraction of a seeded reply's positions to check, in (0, 1]; zero
	// means all. Positions are chosen by lora.Draw(Key, t) < Fraction, so
	// Key must be drawn after the reply was received: a runner that knew
	// it could cheat at the positions left unchecked.
	Fraction float64
	Key      uint64
	// MaxZ bounds the statistical check's standardised log-likelihood;
	// zero means 4 (a false alarm in about 1 in 16,000 honest replies
	// under the normal approximation).
	MaxZ float64
}

func (o VerifyOptions) tolerance() float64 {
	if o.Tolerance > 0 {
		return o.Tolerance
	}
	return lora.DefaultLogitTolerance
}

func (o VerifyOptions) maxZ() float64 {
	if o.MaxZ > 0 {
		return o.MaxZ
	}
	return 4
}

// Verify checks that replies, the samples a backend returned for req,
// are what this model with req's adapter writes, and returns a verdict
// for each:
//
//   - a reply with token ids is re-scored (lora.Model.VerifyReplies: the
//     prompt once, then every reply in one batched step) and each token
//     checked against its seed's draw: Verified, or Failed with the first
//     token the draw could not pick;
//   - a reply with text only (a backend that does not sample with the
//     arena's seed) is re-tokenized and tested statistically: Checked, or
//     Failed when a token lies outside the sampler's nucleus or the
//     reply's log-likelihood is further than MaxZ standard deviations
//     from what honest samples reach.
//
// The request is the server's, never the backend's: the seed, sampling
// settings, adapter and stop strings are what the server asked for. An
// error is returned only when the checks could not run (ctx done, the
// adapter cannot load), never for a bad reply.
func (e *Embedded) Verify(ctx context.Context, req Request, replies []Reply, opts VerifyOptions) ([]Check, error) {
	m := e.model
	if m == nil || m.Tokenizer == nil {
		return nil, fmt.Errorf("agents: verify: no model with a tokenizer")
	}
	prompt, err := m.Tokenizer.Chat(req.Messages, true)
	if err != nil {
		return nil, fmt.Errorf("agents: verify: %w", err)
	}
	s := lora.Sampling{Temperature: req.Sampling.Temperature, TopK: req.Sampling.TopK, TopP: req.Sampling.TopP}
	maxTokens := replyTokens(req.Sampling.MaxTokens)
	checks := make([]Check, len(replies))
	var claims []lora.Claim
	var seeded, statistical []int // indices of replies to check each way
	for i, rep := range replies {
		seed := lora.SampleSeed(req.Seed, i)
		reason := ""
		switch {
		case rep.Adapter != "" && rep.Adapter != req.Adapter:
			reason = fmt.Sprintf("reply says adapter %q wrote it; the agent plays %q", clip(rep.Adapter), req.Adapter)
		case len(rep.TokenIDs) == 0:
			statistical = append(statistical, i)
			continue
		case rep.Seed != seed:
			reason = fmt.Sprintf("reply was drawn with seed %d; the server gave sample %d seed %d", rep.Seed, i, seed)
		default:
			reason = e.tokensMatchText(prompt, rep, req.Stop, maxTokens)
		}
		if reason != "" {
			checks[i] = Check{Status: Failed, Reason: reason}
			continue
		}
		seeded = append(seeded, i)
		claims = append(claims, lora.Claim{Tokens: rep.TokenIDs, Seed: seed})
	}
	if len(seeded) == 0 && len(statistical) == 0 {
		return checks, nil
	}

	release, err := e.hold(ctx, req.Adapter)
	if err != nil {
		return nil, err
	}
	defer release()
	var check func(t int) bool
	method := "seeded"
	if f := opts.Fraction; f > 0 && f < 1 {
		method = "sampled"
		check = func(t int) bool { return lora.Draw(opts.Key, t) < f }
	}
	evs, err := m.VerifyReplies(prompt, claims, s, opts.tolerance(), check)
	for j, i := range seeded {
		switch {
		case err != nil:
			// The claims passed tokensMatchText, so only a reply too long
			// for the context window gets here.
			checks[i] = Check{Status: Failed, Reason: err.Error()}
		case !evs[j].OK:
			ev := evs[j]
			checks[i] = Check{Status: Failed, Method: method, Positions: ev.Positions, Reason: "a token is not the one the seed's draw picks",
				Position: ev.Position, Token: ev.Token, Draw: ev.Draw, Lo: ev.Lo, Hi: ev.Hi}
		default:
			checks[i] = Check{Status: Verified, Method: method, Positions: evs[j].Positions}
		}
	}
	for _, i := range statistical {
		checks[i] = e.statistical(prompt, s, replies[i], opts)
	}
	for i := range checks {
		if checks[i].Method != "" {
			checks[i].Sampling, checks[i].Tolerance = &req.Sampling, opts.tolerance()
			if checks[i].Method == "sampled" {
				checks[i].Key = opts.Key
			}
		}
	}
	return checks, nil
}

// tokensMatchText says what is wrong with a reply's token ids as a
// record of its text, or "" when they are its text: ids in the
// vocabulary, a special token only at the end, the text their decoding
// (cut at the first stop string), and a reply that ends early only on an
// end token or a stop string.
func (e *Embedded) tokensMatchText(prompt []int, rep Reply, stops []string, maxTokens int) string {
	m := e.model
	ids := rep.TokenIDs
	if len(ids) > maxTokens+1 {
		return fmt.Sprintf("reply has %d tokens; the request allowed %d", len(ids), maxTokens)
	}
	for t, id := range ids {
		if id < 0 || id >= m.Config.VocabSize {
			return fmt.Sprintf("token %d (%d) is outside the vocabulary of %d", t, id, m.Config.VocabSize)
		}
		if m.Tokenizer.IsSpecial(id) && t != len(ids)-1 {
			return fmt.Sprintf("token %d is the special token %d, which ends a reply, but more follow", t, id)
		}
	}
	body, ended := ids, m.Tokenizer.IsSpecial(ids[len(ids)-1])
	if ended {
		body = ids[:len(ids)-1]
	}
	if len(body) > maxTokens {
		return fmt.Sprintf("reply has %d tokens; the request allowed %d", len(body), maxTokens)
	}
	text := m.Tokenizer.Decode(body)
	stopped := false
	for _, st := range stops {
		if i := strings.Index(text, st); st != "" && i >= 0 {
			text, stopped = text[:i], true
		}
	}
	switch {
	case text != rep.Text:
		return "reply's text is not what its tokens decode to"
	case stopped && ended:
		return "reply goes on past its stop string"
	case !stopped && !ended && len(body) < maxTokens && len(prompt)+len(body) < m.Config.MaxPositionEmbeddings:
		return fmt.Sprintf("reply stops after %d of %d tokens without an end token or a stop string", len(body), maxTokens)
	}
	return ""
}

// statistical tests a reply that carries no token ids: its text is
// re-tokenized, and under the declared sampling every token must be one
// the sampler could draw and the reply's log-likelihood within MaxZ
// standard deviations of its expectation. Both sides of the test count:
// a reply far less likely than honest samples was written by another
// model (or a person); one far more likely was chosen, not sampled (a
// solver, a bigger model's greedy answer), when the settings say sample.
// The caller holds the model with the request's adapter attached.
func (e *Embedded) statistical(prompt []int, s lora.Sampling, rep Reply, opts VerifyOptions) Check {
	m := e.model
	ids := m.Tokenizer.Encode(rep.Text)
	if rep.FinishReason == "stop" {
		if end, ok := m.Tokenizer.TokenID("<|im_end|>"); ok {
			ids = append(ids, end)
		}
	}
	if len(ids) == 0 {
		return Check{Status: Failed, Method: "statistical", Reason: "reply is empty"}
	}
	var tc lora.TokenCheck
	var d logDist
	sum, mean, variance := 0.0, 0.0, 0.0
	c := Check{Status: Checked, Method: "statistical"}
	err := m.Forced(prompt, [][]int{ids}, func(_, t int, logits []float32) error {
		c.Positions++
		if !tc.Possible(s, logits, ids[t], opts.tolerance()) {
			c.Status, c.Position, c.Token = Failed, t, ids[t]
			c.Reason = "a token lies outside the sampler's nucleus"
			if s.Temperature <= 0 {
				c.Reason = "a token is not the model's most likely one, and the settings are greedy"
			}
			return errStop
		}
		if s.Temperature <= 0 {
			return nil
		}
		// A token possible only within the tolerance (at the nucleus's
		// edge) has no probability here, and adds nothing to the sums.
		if lp, mu, v := d.stats(s, logits, ids[t]); !math.IsInf(lp, -1) {
			sum, mean, variance = sum+lp, mean+mu, variance+v
		}
		return nil
	})
	if err != nil && err != errStop {
		return Check{Status: Failed, Method: "statistical", Reason: err.Error()}
	}
	if c.Status == Checked && variance > 0 {
		c.Z = (sum - mean) / math.Sqrt(variance)
		if math.Abs(c.Z) > opts.maxZ() {
			c.Status = Failed
			c.Reason = fmt.Sprintf("reply's log-likelihood lies %.1f standard deviations from honest samples' (at most %.1f)", c.Z, opts.maxZ())
		}
	}
	return c
}

// errStop ends a forced pass early.
var errStop = errors.New("stop")

// logDist computes a token's log-probability under a sampling
// distribution, with the distribution's mean and variance of it.
type logDist struct{ p []float64 }

// stats returns log p(id), E[log p] and Var[log p] under the distribution
// s draws from logits (temperature, top-k, top-p as lora.Sampling builds
// it); log p(id) is -Inf when id is cut.
func (d *logDist) stats(s lora.Sampling, logits []float32, id int) (lp, mean, variance float64) {
	d.p = lora.Probabilities(d.p, s, logits)
	for _, p := range d.p {
		if p > 0 {
			l := math.Log(p)
			mean += p * l
			variance += p * l * l
		}
	}
	variance -= mean * mean
	return math.Log(d.p[id]), mean, max(variance, 0)
}
