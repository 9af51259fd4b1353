package lora

import (
	"fmt"
	"math"
	"sort"
)

// Verification re-scores a reply with the model that is said to have
// written it and checks each token against the seed's draw (see
// Sampling). The verifier's logits are not bit for bit the sampler's: a
// machine with other kernels (AVX-512, AVX2, pure Go, CUDA) rounds
// differently, and a prefill over prompt and reply takes other matrix
// kernels than decoding one token at a time. So a check takes a logit
// tolerance δ, the most any logit may differ between the two, and
// accepts a token when some logits within δ of the verifier's could have
// drawn it: the token's interval is widened to cover every distribution
// such logits give, including which tokens top-k and top-p keep.

// DefaultLogitTolerance is the logit tolerance verification uses. On the
// embedded model the largest difference between the logits a sampler
// decodes from and those the verifier's prefill computes is 2.3e-5, over
// every pair of kernel sets this code runs on amd64 (AVX-512, AVX2, pure
// Go; TestLogitDrift measures it): the tolerance leaves a factor of 40.
// A CUDA sampler in bf16 drifts far more and needs its own measurement.
const DefaultLogitTolerance = 1e-3

// TokenCheck checks single tokens against their draws. The zero value is
// ready to use; it keeps scratch space between calls, so one TokenCheck
// must not be used by two goroutines at once.
type TokenCheck struct {
	weight        []float64
	order         []int
	strict, loose []bool
	prefix        []float64 // prefix sums over order: strict weights, then loose
	prefixLoose   []float64
}

// Check reports whether s could draw token from logits with the uniform
// u, allowing each logit to differ from the sampler's by up to delta. lo
// and hi bound the draws that could pick the token; ok is u in [lo, hi].
// A token top-k or top-p surely cut gets ok false and lo = hi = 0. For
// greedy settings u is ignored: the token must have a logit within
// 2·delta of the largest, and lo, hi are 0 and 1 when it does.
func (c *TokenCheck) Check(s Sampling, logits []float32, token int, u, delta float64) (ok bool, lo, hi float64) {
	if token < 0 || token >= len(logits) {
		return false, 0, 0
	}
	if s.Temperature <= 0 {
		if float64(logits[token]) >= float64(logits[argmax32(logits)])-2*delta {
			return true, 0, 1
		}
		return false, 0, 0
	}
	c.memberships(s, logits, delta)
	if !c.loose[token] {
		return false, 0, 0
	}
	// A token's interval is A/(A+B) to A'/(A'+B'), with A the weight of
	// the kept tokens before it (and, for hi, itself) and B that of those
	// after. Each true weight is within a factor e^(δ/T) of the
	// verifier's (weights are relative, so the shared maximum cancels);
	// the bounds take the smallest A with the largest B and the reverse,
	// and tokens only possibly kept count where they widen the interval.
	f := math.Exp(delta / s.Temperature)
	var strictBefore, looseBefore, strictAfter, looseAfter float64
	for id, w := range c.weight {
		switch {
		case id < token:
			if c.strict[id] {
				strictBefore += w
			}
			if c.loose[id] {
				looseBefore += w
			}
		case id > token:
			if c.strict[id] {
				strictAfter += w
			}
			if c.loose[id] {
				looseAfter += w
			}
		}
	}
	own := c.weight[token]
	aMin, bMax := strictBefore/f, (looseAfter+own)*f
	aMax, bMin := (looseBefore+own)*f, strictAfter/f
	lo, hi = aMin/(aMin+bMax), aMax/(aMax+bMin)
	// Summation order alone moves a float64 sum by far less than this.
	const eps = 1e-9
	return u >= lo-eps && u <= hi+eps, lo, hi
}

// memberships fills weight, strict (surely kept by top-k and top-p for
// any logits within delta) and loose (possibly kept) for logits.
func (c *TokenCheck) memberships(s Sampling, logits []float32, delta float64) {
	n := len(logits)
	c.weight = grow(c.weight, n)
	c.strict, c.loose = grow(c.strict, n), grow(c.loose, n)
	top := logits[argmax32(logits)]
	for i, l := range logits {
		c.weight[i] = math.Exp((float64(l) - float64(top)) / s.Temperature)
		kept := c.weight[i] > 0
		c.strict[i], c.loose[i] = kept, kept
	}
	if !s.truncates() {
		return
	}
	c.order = byLogit(c.order, logits)
	ord := c.order
	l := func(j int) float64 { return float64(logits[ord[j]]) }
	// above(x) counts the tokens surely ranked above a logit x: those
	// more than 2δ higher. notBelow counts those possibly ranked above or
	// level: within 2δ below or higher.
	above := func(x float64) int { return sort.Search(n, func(j int) bool { return l(j) <= x+2*delta }) }
	notBelow := func(x float64) int { return sort.Search(n, func(j int) bool { return l(j) < x-2*delta }) }
	k := n
	if s.TopK > 0 && s.TopK < n {
		k = s.TopK
	}
	for j, id := range ord {
		x := l(j)
		c.loose[id] = c.loose[id] && above(x) < k
		c.strict[id] = c.strict[id] && notBelow(x)-1 < k
	}
	p := s.TopP
	if !(p > 0 && p < 1) {
		return
	}
	f := math.Exp(delta / s.Temperature)
	// Prefix sums over ord of the weights of tokens surely and possibly
	// in the top-k set, for the weight before a token.
	c.prefix, c.prefixLoose = grow(c.prefix, n+1), grow(c.prefixLoose, n+1)
	c.prefix[0], c.prefixLoose[0] = 0, 0
	for j, id := range ord {
		c.prefix[j+1], c.prefixLoose[j+1] = c.prefix[j], c.prefixLoose[j]
		if c.strict[id] {
			c.prefix[j+1] += c.weight[id]
		}
		if c.loose[id] {
			c.prefixLoose[j+1] += c.weight[id]
		}
	}
	sumMin, sumMax := c.prefix[n]/f, c.prefixLoose[n]*f
	for j, id := range ord {
		x := l(j)
		// Top-p keeps a token when the weight ranked before it is under P
		// of the top-k set's.
		beforeMin := c.prefix[above(x)] / f
		nb := notBelow(x)
		beforeMax := c.prefixLoose[nb] * f
		if c.loose[id] {
			beforeMax -= c.weight[id] * f // a token is not before itself
		}
		c.loose[id] = c.loose[id] && beforeMin < p*sumMax
		c.strict[id] = c.strict[id] && beforeMax < p*sumMin
	}
}

// Forced runs the prompt and then each reply through the model (teacher
// forcing) and calls fn with the logits that predict each reply token:
// fn(i, t, logits) sees the row that replies[i][t] was drawn from. The
// rows are valid only during the call. It is the verifier's half of
// generation, with the same weights and adapter: the prompt runs once,
// and every reply's tokens then run in one batched step over a copy of
// its cache, where generation takes a step per token.
func (m *Model) Forced(prompt []int, replies [][]int, fn func(i, t int, logits []float32) error) error {
	c := &m.Config
	if len(prompt) == 0 {
		return fmt.Errorf("lora: forced: prompt is empty")
	}
	check := func(what string, tokens []int) error {
		for i, t := range tokens {
			if t < 0 || t >= c.VocabSize {
				return fmt.Errorf("lora: forced: %s token %d (%d) is outside the vocabulary of %d", what, i, t, c.VocabSize)
			}
		}
		return nil
	}
	if err := check("prompt", prompt); err != nil {
		return err
	}
	P := len(prompt) - 1 // prompt tokens cached; the last one leads each reply's rows
	var tokens []int
	var spans []span
	for i, r := range replies {
		switch {
		case len(r) == 0:
			return fmt.Errorf("lora: forced: reply %d is empty", i)
		case P+len(r) > c.MaxPositionEmbeddings:
			return fmt.Errorf("lora: forced: %d prompt and %d reply tokens exceed the context window of %d", len(prompt), len(r), c.MaxPositionEmbeddings)
		}
		if err := check(fmt.Sprintf("reply %d", i), r); err != nil {
			return err
		}
		tokens = append(tokens, prompt[P])
		tokens = append(tokens, r[:len(r)-1]...)
		spans = append(spans, span{cache: m.newCache(P + len(r)), rows: len(r), logits: len(r)})
	}
	if len(spans) == 0 {
		return nil
	}
	sc := new(scratch)
	if P > 0 {
		shared := m.newCache(P)
		m.step(sc, prompt[:P], []span{{cache: shared, rows: P}})
		kvd := c.NumKeyValueHeads * c.Head()
		for _, s := range spans {
			for l := range m.layers {
				copy(s.cache.k[l], shared.k[l][:P*kvd])
				copy(s.cache.v[l], shared.v[l][:P*kvd])
			}
			s.cache.len = P
		}
	}
	logits := m.step(sc, tokens, spans)
	V, row := c.VocabSize, 0
	for i, r := range replies {
		for t := range r {
			if err := fn(i, t, logits[row*V:(row+1)*V]); err != nil {
				return err
			}
			row++
		}
	}
	return nil
}

// Evidence is the outcome of checking a reply's tokens: how many were
// checked, and for a failure, the first token that s could not have
// drawn, its draw and the interval of draws that would have picked it.
type Evidence struct {
	OK        bool
	Positions int
	Position  int
	Token     int
	Draw      float64
	Lo, Hi    float64
}

// Claim is a sampled reply to verify: its tokens and the seed of its
// draws.
type Claim struct {
	Tokens []int
	Seed   uint64
}

// VerifyReplies re-scores each claimed reply after prompt with the model
// as it is (base and attached adapter) and checks that s, drawing
// Draw(claim.Seed, t) at each position t, picks claim.Tokens[t], with
// logit tolerance delta; it returns one Evidence per claim, which stops
// at the claim's first failed token. check, when not nil, limits the
// checked positions to those it returns true for (a sample of them); nil
// checks them all.
func (m *Model) VerifyReplies(prompt []int, claims []Claim, s Sampling, delta float64, check func(t int) bool) ([]Evidence, error) {
	var tc TokenCheck
	evs := make([]Evidence, len(claims))
	replies := make([][]int, len(claims))
	for i, c := range claims {
		evs[i].OK = true
		replies[i] = c.Tokens
	}
	err := m.Forced(prompt, replies, func(i, t int, logits []float32) error {
		ev, c := &evs[i], claims[i]
		if !ev.OK || check != nil && !check(t) {
			return nil
		}
		ev.Positions++
		u := Draw(c.Seed, t)
		if ok, lo, hi := tc.Check(s, logits, c.Tokens[t], u, delta); !ok {
			*ev = Evidence{Positions: ev.Positions, Position: t, Token: c.Tokens[t], Draw: u, Lo: lo, Hi: hi}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return evs, nil
}

// VerifyReply is VerifyReplies for one reply.
func (m *Model) VerifyReply(prompt, reply []int, s Sampling, seed uint64, delta float64, check func(t int) bool) (Evidence, error) {
	evs, err := m.VerifyReplies(prompt, []Claim{{reply, seed}}, s, delta, check)
	if err != nil {
		return Evidence{}, err
	}
	return evs[0], nil
}

// Possible reports whether s could draw token from logits at all, with
// each logit allowed to differ by up to delta: for greedy settings, its
// logit is within 2·delta of the largest; otherwise top-k and top-p may
// keep it.
func (c *TokenCheck) Possible(s Sampling, logits []float32, token int, delta float64) bool {
	if token < 0 || token >= len(logits) {
		return false
	}
	if s.Temperature <= 0 {
		return float64(logits[token]) >= float64(logits[argmax32(logits)])-2*delta
	}
	c.memberships(s, logits, delta)
	return c.loose[token]
}
