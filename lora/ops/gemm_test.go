package ops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// withKernels runs f once per kernel set this machine supports (the
// assembly ones and the pure-Go one), restoring the default afterwards.
func withKernels(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	saved := active
	defer func() { active = saved }()
	for _, kn := range allKernels() {
		active = kn
		t.Run(kn.name, f)
	}
}

func randSlice(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	return s
}

// refGemm is C = op(A)·op(B) + beta·C in float64.
func refGemm(transA, transB bool, M, N, K int, A []float32, lda int, B []float32, ldb int, beta float32, C []float32, ldc int) []float64 {
	// op(A) as rows of K and op(B) as columns of K, in float64.
	a, bt := make([]float64, M*K), make([]float64, N*K)
	for i := range M {
		for k := range K {
			if transA {
				a[i*K+k] = float64(A[k*lda+i])
			} else {
				a[i*K+k] = float64(A[i*lda+k])
			}
		}
	}
	for j := range N {
		for k := range K {
			if transB {
				bt[j*K+k] = float64(B[j*ldb+k])
			} else {
				bt[j*K+k] = float64(B[k*ldb+j])
			}
		}
	}
	out := make([]float64, M*N)
	for i := range M {
		for j := range N {
			s := dot64(a[i*K:(i+1)*K], bt[j*K:(j+1)*K])
			if beta != 0 {
				s += float64(beta) * float64(C[i*ldc+j])
			}
			out[i*N+j] = s
		}
	}
	return out
}

type gemmCase struct {
	M, N, K int
	pad     int // extra leading-dimension slack
}

var gemmCases = []gemmCase{
	{1, 1, 1, 0}, {1, 1, 1, 3}, {2, 3, 4, 0}, {7, 13, 5, 0}, {7, 13, 5, 2},
	{12, 32, 16, 0}, {11, 31, 17, 1}, {13, 33, 15, 0}, {6, 16, 8, 0}, {5, 15, 9, 1},
	{24, 64, 1, 0}, {25, 65, 3, 0}, {33, 65, 17, 0}, {33, 65, 17, 5},
	{1, 768, 256, 0}, {3, 100, 77, 0}, {8, 70, 256, 0}, {16, 33, 300, 2}, {17, 40, 31, 0},
	{1, 5, 19, 0}, {4, 7, 33, 0}, {2, 9, 300, 1}, {9, 3, 40, 0},
	{48, 48, 257, 0}, {100, 37, 513, 0}, {130, 257, 300, 0}, {130, 257, 300, 7},
	{121, 96, 64, 0}, {256, 96, 40, 3},
}

func TestGemm(t *testing.T) {
	saved := active
	defer func() { active = saved }()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range gemmCases {
		for _, tA := range []bool{false, true} {
			for _, tB := range []bool{false, true} {
				for _, beta := range []float32{0, 1, 0.5} {
					name := fmt.Sprintf("%dx%dx%d/pad%d/tA=%v/tB=%v/beta=%g", c.M, c.N, c.K, c.pad, tA, tB, beta)
					checkGemmCase(t, rng, name, c, tA, tB, beta)
				}
			}
		}
	}
}

// checkGemmCase runs one case with every kernel set against one float64
// reference.
func checkGemmCase(t *testing.T, rng *rand.Rand, name string, c gemmCase, tA, tB bool, beta float32) {
	t.Helper()
	M, N, K := c.M, c.N, c.K
	ar, ac := M, K
	if tA {
		ar, ac = K, M
	}
	br, bc := K, N
	if tB {
		br, bc = N, K
	}
	lda, ldb, ldc := ac+c.pad, bc+c.pad, N+c.pad
	A := randSlice(rng, span(ar, ac, lda))
	B := randSlice(rng, span(br, bc, ldb))
	C0 := randSlice(rng, M*ldc)
	if beta == 0 {
		for i := range C0 {
			C0[i] = float32(math.NaN())
		}
	}
	// Padding columns of C must be left alone.
	for i := range M {
		for j := N; j < ldc && i*ldc+j < len(C0); j++ {
			C0[i*ldc+j] = 12345
		}
	}
	want := refGemm(tA, tB, M, N, K, A, lda, B, ldb, beta, C0, ldc)
	tol := 1e-6 * float64(K+4) * 4
	for _, kn := range allKernels() {
		active = kn
		C := append([]float32(nil), C0...)
		Gemm(tA, tB, M, N, K, A, lda, B, ldb, beta, C, ldc)
		for i := range M {
			for j := range N {
				got := float64(C[i*ldc+j])
				if d := math.Abs(got - want[i*N+j]); !(d <= tol*(1+math.Abs(want[i*N+j]))) {
					t.Fatalf("%s/%s: C[%d,%d] = %g, want %g", kn.name, name, i, j, got, want[i*N+j])
				}
			}
			for j := N; j < ldc && i*ldc+j < len(C); j++ {
				if C[i*ldc+j] != 12345 {
					t.Fatalf("%s/%s: padding C[%d,%d] overwritten", kn.name, name, i, j)
				}
			}
		}
	}
}
