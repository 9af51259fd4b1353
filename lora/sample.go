package lora

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Sampling chooses the next token from logits. The zero value is greedy
// decoding.
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

// sampler holds scratch space so that sampling a token allocates nothing.
type sampler struct {
	s     Sampling
	rng   *rand.Rand
	idx   []int
	probs []float64
}

func newSampler(s Sampling, seed uint64, stream uint64) *sampler {
	return &sampler{s: s, rng: rand.New(rand.NewPCG(seed, stream))}
}

// next picks a token from one row of logits.
func (s *sampler) next(logits []float32) int {
	if s.s.Temperature <= 0 {
		best := 0
		for i, v := range logits {
			if v > logits[best] {
				best = i
			}
		}
		return best
	}
	s.idx = s.idx[:0]
	for i := range logits {
		s.idx = append(s.idx, i)
	}
	n := len(s.idx)
	truncate := s.s.TopK > 0 || (s.s.TopP > 0 && s.s.TopP < 1)
	if truncate {
		// Candidates sorted by logit, highest first, ties by id, so the
		// result depends only on the logits and the random draw. Without
		// truncation the order does not change the distribution, so ids
		// stay in order and nothing is sorted (a sort of the vocabulary
		// costs more than the rest of a decoding step of a small model).
		slices.SortStableFunc(s.idx, func(a, b int) int {
			switch {
			case logits[a] > logits[b]:
				return -1
			case logits[a] < logits[b]:
				return 1
			}
			return 0
		})
		if k := s.s.TopK; k > 0 && k < n {
			n = k
		}
	}
	top := logits[s.idx[0]]
	for _, i := range s.idx[:n] {
		top = max(top, logits[i])
	}
	s.probs = s.probs[:0]
	sum := 0.0
	for _, i := range s.idx[:n] {
		p := math.Exp((float64(logits[i]) - float64(top)) / s.s.Temperature)
		s.probs = append(s.probs, p)
		sum += p
	}
	if p := s.s.TopP; p > 0 && p < 1 {
		cum := 0.0
		for j, q := range s.probs {
			cum += q / sum
			if cum >= p {
				n = j + 1
				break
			}
		}
		sum = 0
		for _, q := range s.probs[:n] {
			sum += q
		}
	}
	r := s.rng.Float64() * sum
	last := 0
	for j, q := range s.probs[:n] {
		if q == 0 {
			continue // a token masked to -Inf is never drawn
		}
		last = j
		r -= q
		if r < 0 {
			return s.idx[j]
		}
	}
	return s.idx[last] // rounding left r just above zero
}
