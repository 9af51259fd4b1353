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
	if s.s.TopK <= 0 && (s.s.TopP <= 0 || s.s.TopP >= 1) {
		return s.full(logits)
	}
	// Candidates sorted by logit, highest first, ties by id, so the result
	// depends only on the logits and the random draw.
	s.idx = s.idx[:0]
	for i := range logits {
		s.idx = append(s.idx, i)
	}
	slices.SortStableFunc(s.idx, func(a, b int) int {
		switch {
		case logits[a] > logits[b]:
			return -1
		case logits[a] < logits[b]:
			return 1
		}
		return 0
	})
	n := len(s.idx)
	if k := s.s.TopK; k > 0 && k < n {
		n = k
	}
	s.probs = s.probs[:0]
	top := float64(logits[s.idx[0]])
	sum := 0.0
	for _, i := range s.idx[:n] {
		p := math.Exp((float64(logits[i]) - top) / s.s.Temperature)
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
	for j, q := range s.probs[:n] {
		r -= q
		if r < 0 {
			return s.idx[j]
		}
	}
	return s.idx[n-1]
}

// full samples from the whole distribution, with no truncation: then the
// order of the candidates does not matter, so they are taken in id order
// and nothing is sorted (a sort of the vocabulary would cost more than
// the rest of a decoding step of a small model).
func (s *sampler) full(logits []float32) int {
	top := logits[0]
	for _, v := range logits {
		top = max(top, v)
	}
	s.probs = s.probs[:0]
	sum := 0.0
	for _, v := range logits {
		p := math.Exp((float64(v) - float64(top)) / s.s.Temperature)
		s.probs = append(s.probs, p)
		sum += p
	}
	r := s.rng.Float64() * sum
	last := 0
	for i, q := range s.probs {
		if q == 0 {
			continue
		}
		last = i
		r -= q
		if r < 0 {
			return i
		}
	}
	return last // rounding left r just above zero
}
