package lora

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"slices"
)

// Sampling chooses the next token from logits. The zero value is greedy
// decoding.
//
// Sampling is verifiable: the token at position t of a reply is a
// function of the logits and one uniform draw, Draw(seed, t), so anyone
// who holds the model, the prompt and the seed can re-score the reply
// (one forward pass over prompt and reply) and check every token (see
// CheckToken). The distribution is built in a fixed order:
//
//  1. temperature: each token weighs exp((logit − max logit) / T);
//  2. top-k: only the K largest logits are kept (ties by lower id);
//  3. top-p: of those, in the same order, the shortest run whose
//     weights reach P of their sum is kept;
//  4. the kept weights are laid out in ascending token id, and the token
//     is the one whose interval of the cumulative sum holds draw × sum
//     (inverse CDF).
//
// Laying the cumulative sum out by id rather than by weight means that
// two tokens whose logits differ only in rounding do not swap places
// between machines: a token's interval moves by rounding, not by a
// neighbour's probability. Greedy (T = 0) takes the largest logit, the
// lowest id on ties, and uses no draw.
type Sampling struct {
	// Temperature divides the logits; zero means greedy (always the most
	// likely token, the lowest id on ties).
	Temperature float64
	// TopK keeps only the K most likely tokens; zero keeps all.
	TopK int
	// TopP keeps the smallest set of most likely tokens whose probabilities
	// reach P (nucleus sampling); zero or one keeps all.
	TopP float64
}

// Draw returns the uniform in [0, 1) that position t (counting from 0,
// the first token of the reply) of a sample with seed draws: the first
// 53 bits of SHA-256("arena draw", seed, t). A hash rather than a stream
// generator lets a verifier compute any one position's draw alone, and
// lets anyone recompute it from the published seed.
func Draw(seed uint64, t int) float64 {
	var b [10 + 16]byte
	copy(b[:], "arena draw")
	binary.BigEndian.PutUint64(b[10:], seed)
	binary.BigEndian.PutUint64(b[18:], uint64(t))
	h := sha256.Sum256(b[:])
	return float64(binary.BigEndian.Uint64(h[:8])>>11) / (1 << 53)
}

// SampleSeed returns the seed of sample i of a request with seed, so that
// the samples of one request (best-of-k) draw independently, and sample
// i's draws do not depend on how many others were asked for.
func SampleSeed(seed uint64, i int) uint64 {
	var b [11 + 16]byte
	copy(b[:], "arena seeds")
	binary.BigEndian.PutUint64(b[11:], seed)
	binary.BigEndian.PutUint64(b[19:], uint64(i))
	h := sha256.Sum256(b[:])
	return binary.BigEndian.Uint64(h[:8])
}

// sampler holds scratch space so that sampling a token allocates nothing.
type sampler struct {
	s    Sampling
	seed uint64
	pos  int // the next position's index, for its draw
	dist dist
}

func newSampler(s Sampling, seed uint64) *sampler {
	return &sampler{s: s, seed: seed}
}

// next picks the token of the next position from one row of logits.
func (s *sampler) next(logits []float32) int {
	t := s.pos
	s.pos++
	if s.s.Temperature <= 0 {
		return argmax32(logits)
	}
	s.dist.build(logits, s.s)
	return s.dist.pick(Draw(s.seed, t))
}

// argmax32 returns the index of the largest value, the lowest on ties.
func argmax32(xs []float32) int {
	best := 0
	for i, v := range xs {
		if v > xs[best] {
			best = i
		}
	}
	return best
}

// Pick returns the token s draws from logits with uniform u in [0, 1):
// what a sampler with this setting chooses at a position whose draw is u.
func (s Sampling) Pick(logits []float32, u float64) int {
	if s.Temperature <= 0 {
		return argmax32(logits)
	}
	var d dist
	d.build(logits, s)
	return d.pick(u)
}

// dist is a sampling distribution over a vocabulary: weight[id] is the
// unnormalised probability of each token, zero for tokens cut by top-k
// or top-p.
type dist struct {
	weight []float64
	sum    float64
	order  []int // ids by logit, highest first (truncating settings only)
}

// build fills d from logits as Sampling's steps 1 to 3 say.
func (d *dist) build(logits []float32, s Sampling) {
	n := len(logits)
	d.weight = grow(d.weight, n)
	top := logits[argmax32(logits)]
	for i, l := range logits {
		d.weight[i] = math.Exp((float64(l) - float64(top)) / s.Temperature)
	}
	if s.truncates() {
		d.order = byLogit(d.order, logits)
		k := n
		if s.TopK > 0 && s.TopK < n {
			k = s.TopK
		}
		keep := k
		if p := s.TopP; p > 0 && p < 1 {
			sum := 0.0
			for _, id := range d.order[:k] {
				sum += d.weight[id]
			}
			cum := 0.0
			for j, id := range d.order[:k] {
				cum += d.weight[id]
				if cum >= p*sum {
					keep = j + 1
					break
				}
			}
		}
		for _, id := range d.order[keep:] {
			d.weight[id] = 0
		}
	}
	d.sum = 0
	for _, w := range d.weight {
		d.sum += w
	}
}

// truncates reports whether s cuts the vocabulary (top-k or top-p).
func (s Sampling) truncates() bool { return s.TopK > 0 || (s.TopP > 0 && s.TopP < 1) }

// byLogit returns the token ids sorted by logit, highest first, ties by
// lower id, so that the order depends on the logits alone; it reuses
// order's array.
func byLogit(order []int, logits []float32) []int {
	order = grow(order, len(logits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case logits[a] > logits[b]:
			return -1
		case logits[a] < logits[b]:
			return 1
		}
		return 0
	})
	return order
}

// pick returns the token whose interval of the cumulative weight, laid
// out by id, holds u × sum.
func (d *dist) pick(u float64) int {
	r := u * d.sum
	last := -1
	for id, w := range d.weight {
		if w == 0 {
			continue // a token cut, or masked to -Inf, is never drawn
		}
		last = id
		r -= w
		if r < 0 {
			return id
		}
	}
	return last // rounding left r just above zero
}

// Probabilities returns the distribution s draws from logits, by token
// id (zero for tokens cut), in dst's array when it is large enough. For
// greedy settings it is all on the largest logit.
func Probabilities(dst []float64, s Sampling, logits []float32) []float64 {
	dst = grow(dst, len(logits))
	if s.Temperature <= 0 {
		clear(dst)
		dst[argmax32(logits)] = 1
		return dst
	}
	d := dist{weight: dst}
	d.build(logits, s)
	for i := range d.weight {
		d.weight[i] /= d.sum
	}
	return d.weight
}
