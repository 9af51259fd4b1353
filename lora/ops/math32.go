package ops

import "math"

// expf is e^x in float32, accurate to about 2 ulp over the whole range;
// it returns 0 below -87.3 (no subnormals) and +Inf above 88.7.
//
// e^x = 2^n · e^r with n = round(x/ln2) and |r| <= ln2/2, e^r from a
// degree-7 Taylor polynomial (truncation error below 1e-9).
func expf(x float32) float32 {
	const (
		log2e = 1.44269504088896341
		ln2hi = 0.693359375 // ln2 with the low bits cleared: n·ln2hi is exact
		ln2lo = -2.12194440e-4
		shift = 12582912 // 1.5·2^23: adding it rounds to an integer
	)
	switch {
	case x != x:
		return x
	case x > 88.72283:
		return float32(math.Inf(1))
	case x < -87.33654:
		return 0
	}
	t := x*log2e + shift
	n := t - shift
	r := x - n*ln2hi - n*ln2lo
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040)))))))
	// n is in [-126, 128]; 2^n is built in two halves so that n = 128
	// (x near the top of the range) does not overflow the exponent.
	k := int32(math.Float32bits(t)) - 0x4B400000
	h := k >> 1
	return p * math.Float32frombits(uint32(h+127)<<23) * math.Float32frombits(uint32(k-h+127)<<23)
}

// sigmoidf is 1/(1+e^-x) in float32.
func sigmoidf(x float32) float32 {
	return 1 / (1 + expf(-x))
}

// Portable versions of the vector kernels (see kernels.expSum and friends).

func expSumGo(dst, src []float32, scale, sub float32) float64 {
	dst = dst[:len(src)]
	s := 0.0
	for j, v := range src {
		e := expf(v*scale - sub)
		dst[j] = e
		s += float64(e)
	}
	return s
}

func maxGo(x []float32) float32 {
	m := x[0]
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

func scaleGo(x []float32, a float32) {
	for j := range x {
		x[j] *= a
	}
}

func swigluGo(out, g, u []float32) {
	g, u = g[:len(out)], u[:len(out)]
	for i, gi := range g {
		out[i] = gi * sigmoidf(gi) * u[i]
	}
}

func swigluBwdGo(dg, du, dout, g, u []float32) {
	du, dout, g, u = du[:len(dg)], dout[:len(dg)], g[:len(dg)], u[:len(dg)]
	for i := range dg {
		gi, ui, d := g[i], u[i], dout[i]
		s := sigmoidf(gi)
		dg[i] = d * ui * s * (1 + gi*(1-s))
		du[i] = d * gi * s
	}
}

func softmaxBwdGo(ds, p []float32, dot, scale float32) {
	ds = ds[:len(p)]
	for j, pj := range p {
		ds[j] = pj * (ds[j] - dot) * scale
	}
}
