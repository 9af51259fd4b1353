package lora

import (
	"math"
	"math/rand/v2"
	"testing"
)

// DetectionOdds against a simulation of the verifier: records whose
// segments are faked (a fixed count of S, or each with chance f), a record
// re-executed with chance fraction, k segments drawn without replacement.
func TestDetectionOdds(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	simulate := func(f float64, n int, fraction float64, k, S int, fixed bool) float64 {
		const trials = 20000
		escaped := 0
		for range trials {
			caught := false
			for range n {
				faked := make([]bool, S)
				if fixed {
					for _, i := range rng.Perm(S)[:int(math.Round(f*float64(S)))] {
						faked[i] = true
					}
				} else {
					for i := range faked {
						faked[i] = rng.Float64() < f
					}
				}
				if rng.Float64() >= fraction {
					continue
				}
				for _, i := range rng.Perm(S)[:min(k, S)] {
					caught = caught || faked[i]
				}
			}
			if !caught {
				escaped++
			}
		}
		return float64(escaped) / trials
	}
	for _, c := range []struct {
		f        float64
		n        int
		fraction float64
		k, S     int
	}{
		{0.1, 5, 0.8, 3, 20}, {0.1, 10, 1, 2, 10}, {0.2, 3, 0.5, 4, 10}, {0.1, 1, 1, 1, 30},
	} {
		sim := simulate(c.f, c.n, c.fraction, c.k, c.S, true)
		got := DetectionOdds(c.f, c.n, c.fraction, c.k, c.S)
		// Three standard deviations of a binomial proportion, and a floor.
		if tol := 3*math.Sqrt(got*(1-got)/20000) + 1e-3; math.Abs(sim-got) > tol {
			t.Errorf("%+v, fixed fakes: formula %.4f, simulation %.4f", c, got, sim)
		}
		sim = simulate(c.f, c.n, c.fraction, c.k, c.S, false)
		got = DetectionOdds(c.f, c.n, c.fraction, c.k, 0)
		if tol := 3*math.Sqrt(got*(1-got)/20000) + 1e-3; math.Abs(sim-got) > tol {
			t.Errorf("%+v, each segment faked with chance f: formula %.4f, simulation %.4f", c, got, sim)
		}
	}
	// The defaults this arena recommends: a tenth faked is caught within
	// 20 records with probability at least 0.99.
	if p := DetectionOdds(0.1, 20, RecommendedFraction, RecommendedSegments, 0); p > 0.01 {
		t.Errorf("faking a tenth escapes 20 records with probability %.4f at fraction %v, %d segments", p, RecommendedFraction, RecommendedSegments)
	}
	// Drawing without replacement catches at least as often.
	if DetectionOdds(0.1, 20, 0.8, 3, 20) > DetectionOdds(0.1, 20, 0.8, 3, 0) {
		t.Error("the many-segment formula is not the conservative one")
	}
}
