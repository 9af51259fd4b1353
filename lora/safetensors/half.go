package safetensors

import "math"

// Float16ToFloat32 converts an IEEE 754 half-precision value, given as its
// bits, to float32. Every half value is exactly representable as a
// float32, so the conversion is exact: subnormals become normal float32s,
// infinities stay infinite, and NaNs stay NaN with sign and payload kept.
func Float16ToFloat32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch exp {
	case 0x1f: // infinity or NaN
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case 0: // zero or subnormal: mant × 2⁻²⁴, exact in float32
		f := float32(mant) * 0x1p-24
		if sign != 0 {
			f = -f
		}
		return f
	}
	// Rebias the exponent from 15 to 127 and widen the mantissa.
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// Float32ToFloat16 converts f to IEEE 754 half precision, returning its
// bits. It rounds to nearest, ties to even: values too large become
// infinity, values too small for a subnormal become (signed) zero. A NaN
// stays NaN, keeping its sign and the top bits of its payload.
func Float32ToFloat16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	mant := b & 0x7fffff
	if exp == 0xff {
		if mant == 0 {
			return sign | 0x7c00
		}
		payload := uint16(mant >> 13)
		if payload == 0 { // the payload was all in bits a half cannot hold
			payload = 0x200
		}
		return sign | 0x7c00 | payload
	}
	e := exp - 127 + 15 // the exponent rebiased for half precision
	switch {
	case e >= 0x1f:
		return sign | 0x7c00
	case e >= 1:
		// Normal. Rounding may carry into the exponent, which is exactly
		// right, up to and including overflow to infinity (0x7c00).
		return sign | uint16(roundShift(uint32(e)<<23|mant, 13))
	case e >= -10:
		// Subnormal in half precision: the value in units of 2⁻²⁴ is the
		// full significand shifted right. Rounding up from the largest
		// subnormal gives 0x400, the smallest normal, as it should.
		return sign | uint16(roundShift(mant|1<<23, uint(14-e)))
	}
	return sign // below half the smallest subnormal
}

// BFloat16ToFloat32 converts a bfloat16 value, given as its bits, to
// float32. A bfloat16 is the top half of a float32, so this is exact.
func BFloat16ToFloat32(b uint16) float32 {
	return math.Float32frombits(uint32(b) << 16)
}

// Float32ToBFloat16 converts f to bfloat16, returning its bits, rounding to
// nearest, ties to even; values beyond the largest bfloat16 become
// infinity. A NaN stays NaN (truncation alone could turn one into
// infinity).
func Float32ToBFloat16(f float32) uint16 {
	b := math.Float32bits(f)
	if b&0x7fffffff > 0x7f800000 {
		h := uint16(b >> 16)
		if h&0x7f == 0 {
			h |= 0x40
		}
		return h
	}
	// The carry from rounding never reaches the sign bit: the largest
	// finite magnitude rounds to infinity, 0x7f80.
	return uint16(roundShift(b, 16))
}

// roundShift returns v >> s rounded to nearest, ties to even.
func roundShift(v uint32, s uint) uint32 {
	q := v >> s
	rem := v & (1<<s - 1)
	half := uint32(1) << (s - 1)
	if rem > half || rem == half && q&1 == 1 {
		q++
	}
	return q
}
