package safetensors

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// refHalf decodes IEEE 754 binary16 bits with float64 arithmetic, straight
// from the definition, as an independent check on Float16ToFloat32.
func refHalf(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e, m := int(h>>10&0x1f), float64(h&0x3ff)
	switch e {
	case 0:
		return sign * math.Ldexp(m, -24)
	case 0x1f:
		if m != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * math.Ldexp(1024+m, e-25)
}

// refBF16 decodes bfloat16 bits from the definition: 8 exponent bits with
// bias 127 and 7 mantissa bits.
func refBF16(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	e, m := int(h>>7&0xff), float64(h&0x7f)
	switch e {
	case 0:
		return sign * math.Ldexp(m, -133)
	case 0xff:
		if m != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * math.Ldexp(128+m, e-134)
}

// nearest rounds the finite or infinite, non-NaN x to the format whose
// non-negative values, by bits 0 to inf (inf itself included), decode
// through dec: the nearest value, ties to the even bit pattern, anything at
// or beyond the midpoint between the largest finite value and the next
// power of two becoming infinity. It searches rather than computes, so it
// shares nothing with the code under test.
func nearest(x float64, inf uint16, dec func(uint16) float64) uint16 {
	var sign uint16
	if math.Signbit(x) {
		sign, x = 0x8000, -x
	}
	// The value infinity stands in for when rounding: one step of the
	// largest binade past the largest finite value.
	maxFinite := dec(inf - 1)
	top := maxFinite + (maxFinite - dec(inf-2))
	val := func(i int) float64 {
		if i == int(inf) {
			return top
		}
		return dec(uint16(i))
	}
	if x >= top {
		return sign | inf
	}
	// lo is the largest pattern whose value is <= x.
	lo := sort.Search(int(inf)+1, func(i int) bool { return val(i) > x }) - 1
	if val(lo) == x {
		return sign | uint16(lo)
	}
	hi := lo + 1
	dlo, dhi := x-val(lo), val(hi)-x
	switch {
	case dlo < dhi:
		return sign | uint16(lo)
	case dhi < dlo:
		return sign | uint16(hi)
	case lo%2 == 0:
		return sign | uint16(lo)
	}
	return sign | uint16(hi)
}

func isHalfNaN(h uint16) bool { return h&0x7c00 == 0x7c00 && h&0x3ff != 0 }
func isBF16NaN(h uint16) bool { return h&0x7f80 == 0x7f80 && h&0x7f != 0 }

func TestFloat16Exhaustive(t *testing.T) {
	for i := range 1 << 16 {
		h := uint16(i)
		f := Float16ToFloat32(h)
		want := refHalf(h)
		if isHalfNaN(h) {
			if !math.IsNaN(float64(f)) {
				t.Fatalf("Float16ToFloat32(%#04x) = %v, want NaN", h, f)
			}
			if math.Signbit(float64(f)) != (h&0x8000 != 0) {
				t.Fatalf("Float16ToFloat32(%#04x) lost the NaN's sign", h)
			}
		} else if float64(f) != want || math.Signbit(float64(f)) != math.Signbit(want) {
			t.Fatalf("Float16ToFloat32(%#04x) = %v, want %v", h, f, want)
		}
		// Every half value, NaNs with their payloads included, survives the
		// round trip exactly.
		if back := Float32ToFloat16(f); back != h {
			t.Fatalf("Float32ToFloat16(Float16ToFloat32(%#04x)) = %#04x", h, back)
		}
	}
}

func TestBFloat16Exhaustive(t *testing.T) {
	for i := range 1 << 16 {
		h := uint16(i)
		f := BFloat16ToFloat32(h)
		want := refBF16(h)
		if isBF16NaN(h) {
			if !math.IsNaN(float64(f)) || math.Signbit(float64(f)) != (h&0x8000 != 0) {
				t.Fatalf("BFloat16ToFloat32(%#04x) = %v, want NaN of the same sign", h, f)
			}
		} else if float64(f) != want || math.Signbit(float64(f)) != math.Signbit(want) {
			t.Fatalf("BFloat16ToFloat32(%#04x) = %v, want %v", h, f, want)
		}
		if back := Float32ToBFloat16(f); back != h {
			t.Fatalf("Float32ToBFloat16(BFloat16ToFloat32(%#04x)) = %#04x", h, back)
		}
	}
}

// TestHalfMidpoints checks rounding where it is hardest: exactly halfway
// between every pair of neighbouring values (ties go to the even pattern)
// and one float32 step either side of halfway.
func TestHalfMidpoints(t *testing.T) {
	formats := []struct {
		name string
		inf  uint16
		dec  func(uint16) float64
		enc  func(float32) uint16
	}{
		{"F16", 0x7c00, refHalf, Float32ToFloat16},
		{"BF16", 0x7f80, refBF16, Float32ToBFloat16},
	}
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			maxFinite := ft.dec(ft.inf - 1)
			top := maxFinite + (maxFinite - ft.dec(ft.inf-2))
			for lo := uint16(0); lo < ft.inf; lo++ {
				a, b := ft.dec(lo), ft.dec(lo+1)
				if lo+1 == ft.inf {
					b = top
				}
				mid := float32((a + b) / 2)
				if float64(mid) != (a+b)/2 {
					t.Fatalf("midpoint of %#04x and its successor is not a float32", lo)
				}
				even := lo
				if lo%2 == 1 {
					even = lo + 1
				}
				below := math.Nextafter32(mid, 0)
				above := math.Nextafter32(mid, float32(math.Inf(1)))
				for _, sign := range []uint16{0, 0x8000} {
					s := float32(1)
					if sign != 0 {
						s = -1
					}
					if got := ft.enc(s * mid); got != sign|even {
						t.Fatalf("%s(%v) = %#04x, want %#04x (tie to even)", ft.name, s*mid, got, sign|even)
					}
					if got := ft.enc(s * below); got != sign|lo {
						t.Fatalf("%s(%v) = %#04x, want %#04x", ft.name, s*below, got, sign|lo)
					}
					if got := ft.enc(s * above); got != sign|(lo+1) {
						t.Fatalf("%s(%v) = %#04x, want %#04x", ft.name, s*above, got, sign|(lo+1))
					}
				}
			}
		})
	}
}

func TestFloat32ToFloat16Values(t *testing.T) {
	inf := float32(math.Inf(1))
	tests := []struct {
		f    float32
		want uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{0.5, 0x3800},
		{65504, 0x7bff},                  // the largest half
		{65519.996, 0x7bff},              // just below the midpoint to infinity
		{65520, 0x7c00},                  // the midpoint: ties to even, which is infinity
		{1e10, 0x7c00},                   // overflow
		{-1e10, 0xfc00},                  // overflow, negative
		{math.MaxFloat32, 0x7c00},        // far overflow
		{inf, 0x7c00},                    // infinity
		{-inf, 0xfc00},                   // negative infinity
		{0x1p-14, 0x0400},                // the smallest normal
		{0x1p-24, 0x0001},                // the smallest subnormal
		{0x1p-25, 0x0000},                // half of it: ties to even, zero
		{0x1.000002p-25, 0x0001},         // just over half of it
		{0x3p-25, 0x0002},                // 1.5 units: ties to even, 2
		{0x5p-25, 0x0002},                // 2.5 units: ties to even, 2
		{0x7ffp-25, 0x0400},              // halfway from the largest subnormal to the smallest normal: ties to even
		{0x1p-26, 0x0000},                // far below the smallest subnormal
		{-0x1p-26, 0x8000},               // the same, keeping the sign
		{math.SmallestNonzeroFloat32, 0}, // a float32 subnormal
		{1 + 0x1p-11, 0x3c00},            // halfway between 1 and the next half: ties to even
		{1 + 0x3p-11, 0x3c02},            // halfway between 0x3c01 and 0x3c02: ties to even
		{1 + 0x1p-11 + 0x1p-23, 0x3c01},  // just over halfway
		{2047, 0x67ff},                   // exact
		{2049, 0x6800},                   // halfway between 2048 and 2050: ties to even, 2048
		{2051, 0x6802},                   // halfway between 2050 and 2052: ties to even, 2052
	}
	for _, tt := range tests {
		if got := Float32ToFloat16(tt.f); got != tt.want {
			t.Errorf("Float32ToFloat16(%v) = %#04x, want %#04x", tt.f, got, tt.want)
		}
	}
}

func TestFloat32ToBFloat16Values(t *testing.T) {
	tests := []struct {
		f    float32
		want uint16
	}{
		{0, 0x0000},
		{1, 0x3f80},
		{-1, 0xbf80},
		{1 + 0x1p-8, 0x3f80},           // halfway to the next: ties to even
		{1 + 0x3p-8, 0x3f82},           // halfway between 0x3f81 and 0x3f82: ties to even
		{1 + 0x1p-8 + 0x1p-23, 0x3f81}, // just over halfway
		{math.MaxFloat32, 0x7f80},      // rounds up to infinity
		{0x1.fep127, 0x7f7f},           // the largest bfloat16
		{float32(math.Inf(-1)), 0xff80},
		{math.SmallestNonzeroFloat32, 0x0000}, // far below the smallest bfloat16 subnormal
		{0x1p-133, 0x0001},                    // the smallest bfloat16 subnormal
	}
	for _, tt := range tests {
		if got := Float32ToBFloat16(tt.f); got != tt.want {
			t.Errorf("Float32ToBFloat16(%v) = %#04x, want %#04x", tt.f, got, tt.want)
		}
	}
}

func TestNaNConversions(t *testing.T) {
	tests := []struct {
		bits       uint32
		half, bf16 uint16
	}{
		{0x7fc00000, 0x7e00, 0x7fc0}, // the quiet NaN
		{0xffc00000, 0xfe00, 0xffc0}, // negative
		{0x7f800001, 0x7e00, 0x7fc0}, // payload only in the low bits: still NaN, never infinity
		{0xff800001, 0xfe00, 0xffc0},
		{0x7f802000, 0x7c01, 0x7fc0}, // the lowest payload bit a half keeps
		{0x7fa00000, 0x7d00, 0x7fa0}, // signalling NaN with a high payload
		{0x7fffffff, 0x7fff, 0x7fff},
	}
	for _, tt := range tests {
		f := math.Float32frombits(tt.bits)
		if got := Float32ToFloat16(f); got != tt.half {
			t.Errorf("Float32ToFloat16(%#08x) = %#04x, want %#04x", tt.bits, got, tt.half)
		}
		if got := Float32ToBFloat16(f); got != tt.bf16 {
			t.Errorf("Float32ToBFloat16(%#08x) = %#04x, want %#04x", tt.bits, got, tt.bf16)
		}
	}
}

// checkNearest compares both narrowing conversions of f with the
// search-based reference.
func checkNearest(t *testing.T, f float32) {
	t.Helper()
	if math.IsNaN(float64(f)) {
		if h := Float32ToFloat16(f); !isHalfNaN(h) {
			t.Fatalf("Float32ToFloat16(%#08x) = %#04x, not a NaN", math.Float32bits(f), h)
		}
		if h := Float32ToBFloat16(f); !isBF16NaN(h) {
			t.Fatalf("Float32ToBFloat16(%#08x) = %#04x, not a NaN", math.Float32bits(f), h)
		}
		return
	}
	if got, want := Float32ToFloat16(f), nearest(float64(f), 0x7c00, refHalf); got != want {
		t.Fatalf("Float32ToFloat16(%v = %#08x) = %#04x, want %#04x", f, math.Float32bits(f), got, want)
	}
	if got, want := Float32ToBFloat16(f), nearest(float64(f), 0x7f80, refBF16); got != want {
		t.Fatalf("Float32ToBFloat16(%v = %#08x) = %#04x, want %#04x", f, math.Float32bits(f), got, want)
	}
}

func TestNarrowingRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	for range n {
		// Uniform bit patterns cover every binade; values near the half
		// range are drawn more often since that is where rounding matters.
		var f float32
		if r.IntN(2) == 0 {
			f = math.Float32frombits(r.Uint32())
		} else {
			f = math.Float32frombits(r.Uint32N(0x48000000-0x32800000) + 0x32800000)
			if r.IntN(2) == 0 {
				f = -f
			}
		}
		checkNearest(t, f)
	}
}

func FuzzNarrowing(f *testing.F) {
	for _, b := range []uint32{0, 0x3f800000, 0x477ff000, 0x33000000, 0x7f800001, 0x80000001, 0x3f808000} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b uint32) {
		checkNearest(t, math.Float32frombits(b))
	})
}

// TestHalfFiles reads hand-built F16 and BF16 files back as float32.
func TestHalfFiles(t *testing.T) {
	nan := float32(math.NaN())
	inf := float32(math.Inf(1))
	tests := []struct {
		dtype DType
		bits  []uint16
		want  []float32
	}{
		{F16, []uint16{0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x03ff, 0x0400, 0x7c00, 0xfc00, 0x8000, 0x7e00, 0x0000},
			[]float32{1, -2, 0.33325195, 65504, 0x1p-24, 0x3ffp-24, 0x1p-14, inf, -inf, float32(math.Copysign(0, -1)), nan, 0}},
		{BF16, []uint16{0x3f80, 0xc000, 0x3eab, 0x7f7f, 0x0001, 0x0080, 0x7f80, 0xff80, 0x8000, 0x7fc0, 0x4049, 0x0000},
			[]float32{1, -2, 0.333984375, 0x1.fep127, 0x1p-133, 0x1p-126, inf, -inf, float32(math.Copysign(0, -1)), nan, 3.140625, 0}},
	}
	for _, tt := range tests {
		t.Run(string(tt.dtype), func(t *testing.T) {
			data := make([]byte, 0, 2*len(tt.bits)+2)
			for _, h := range tt.bits {
				data = binary.LittleEndian.AppendUint16(data, h)
			}
			// A scalar after the matrix puts the matrix at offset 0 and the
			// scalar at an odd multiple of 2.
			data = binary.LittleEndian.AppendUint16(data, tt.bits[0])
			header := fmt.Sprintf(`{"m":{"dtype":%q,"shape":[3,4],"data_offsets":[0,%d]},"s":{"dtype":%q,"shape":[],"data_offsets":[%d,%d]}}`,
				tt.dtype, 2*len(tt.bits), tt.dtype, 2*len(tt.bits), 2*len(tt.bits)+2)
			// Parse at an odd address as well: halves need no alignment.
			for _, shift := range []int{0, 1} {
				buf := append(make([]byte, shift), build(header, data)...)[shift:]
				f, err := Parse("half.st", buf)
				if err != nil {
					t.Fatal(err)
				}
				got, err := f.Float32("m")
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d values, want %d", len(got), len(tt.want))
				}
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(tt.want[i]) &&
						!(math.IsNaN(float64(got[i])) && math.IsNaN(float64(tt.want[i]))) {
						t.Errorf("value %d (%#04x) = %v, want %v", i, tt.bits[i], got[i], tt.want[i])
					}
				}
				s, err := f.Float32("s")
				if err != nil || len(s) != 1 || s[0] != tt.want[0] {
					t.Errorf("scalar = %v, %v; want [%v]", s, err, tt.want[0])
				}
				raw, _ := f.Bytes("m")
				if !bytes.Equal(raw, data[:2*len(tt.bits)]) {
					t.Errorf("Bytes = %x, want %x", raw, data[:2*len(tt.bits)])
				}
			}
		})
	}
}
