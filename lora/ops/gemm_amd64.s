//go:build amd64

#include "textflag.h"

// Micro-kernels and dot-product kernels for gemm.go; see kernel.go for the
// packed layouts. Go assembler operand order: VFMADD231PS x, y, acc means
// acc += y*x.

// ---------------------------------------------------------------------------
// AVX-512: 12×32 tile, accumulators Z8..Z31 (row r in Z(8+2r), Z(9+2r)).

#define M512ROWS4(a0, a1, a2, a3, r0a, r0b, r1a, r1b, r2a, r2b, r3a, r3b) \
	VBROADCASTSS a0, Z2; \
	VBROADCASTSS a1, Z3; \
	VBROADCASTSS a2, Z4; \
	VBROADCASTSS a3, Z5; \
	VFMADD231PS  Z0, Z2, r0a; \
	VFMADD231PS  Z1, Z2, r0b; \
	VFMADD231PS  Z0, Z3, r1a; \
	VFMADD231PS  Z1, Z3, r1b; \
	VFMADD231PS  Z0, Z4, r2a; \
	VFMADD231PS  Z1, Z4, r2b; \
	VFMADD231PS  Z0, Z5, r3a; \
	VFMADD231PS  Z1, Z5, r3b

#define M512LOADB \
	VMOVUPS    (DI), Z0; \
	VMOVUPS    64(DI), Z1; \
	PREFETCHT0 (DI)(R10*4)
#define M512ZERO \
	VPXORD  Z8, Z8, Z8; \
	VMOVAPS Z8, Z9; \
	VMOVAPS Z8, Z10; \
	VMOVAPS Z8, Z11; \
	VMOVAPS Z8, Z12; \
	VMOVAPS Z8, Z13; \
	VMOVAPS Z8, Z14; \
	VMOVAPS Z8, Z15; \
	VMOVAPS Z8, Z16; \
	VMOVAPS Z8, Z17; \
	VMOVAPS Z8, Z18; \
	VMOVAPS Z8, Z19; \
	VMOVAPS Z8, Z20; \
	VMOVAPS Z8, Z21; \
	VMOVAPS Z8, Z22; \
	VMOVAPS Z8, Z23; \
	VMOVAPS Z8, Z24; \
	VMOVAPS Z8, Z25; \
	VMOVAPS Z8, Z26; \
	VMOVAPS Z8, Z27; \
	VMOVAPS Z8, Z28; \
	VMOVAPS Z8, Z29; \
	VMOVAPS Z8, Z30; \
	VMOVAPS Z8, Z31
// M512FINISH stores the first R11 rows of the tile at DX (row stride R8
// bytes), adding to what is there when the bool at add is set.
#define M512FINISH(add) \
	MOVBLZX add, AX; \
	TESTL   AX, AX; \
	JNE     addstore; \
	VMOVUPS Z8, (DX); \
	VMOVUPS Z9, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z10, (DX); \
	VMOVUPS Z11, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z12, (DX); \
	VMOVUPS Z13, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z14, (DX); \
	VMOVUPS Z15, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z16, (DX); \
	VMOVUPS Z17, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z18, (DX); \
	VMOVUPS Z19, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z20, (DX); \
	VMOVUPS Z21, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z22, (DX); \
	VMOVUPS Z23, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z24, (DX); \
	VMOVUPS Z25, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z26, (DX); \
	VMOVUPS Z27, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z28, (DX); \
	VMOVUPS Z29, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Z30, (DX); \
	VMOVUPS Z31, 64(DX); \
	JMP     done; \
addstore: \
	VADDPS  (DX), Z8, Z8; \
	VADDPS  64(DX), Z9, Z9; \
	VMOVUPS Z8, (DX); \
	VMOVUPS Z9, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z10, Z10; \
	VADDPS  64(DX), Z11, Z11; \
	VMOVUPS Z10, (DX); \
	VMOVUPS Z11, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z12, Z12; \
	VADDPS  64(DX), Z13, Z13; \
	VMOVUPS Z12, (DX); \
	VMOVUPS Z13, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z14, Z14; \
	VADDPS  64(DX), Z15, Z15; \
	VMOVUPS Z14, (DX); \
	VMOVUPS Z15, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z16, Z16; \
	VADDPS  64(DX), Z17, Z17; \
	VMOVUPS Z16, (DX); \
	VMOVUPS Z17, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z18, Z18; \
	VADDPS  64(DX), Z19, Z19; \
	VMOVUPS Z18, (DX); \
	VMOVUPS Z19, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z20, Z20; \
	VADDPS  64(DX), Z21, Z21; \
	VMOVUPS Z20, (DX); \
	VMOVUPS Z21, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z22, Z22; \
	VADDPS  64(DX), Z23, Z23; \
	VMOVUPS Z22, (DX); \
	VMOVUPS Z23, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z24, Z24; \
	VADDPS  64(DX), Z25, Z25; \
	VMOVUPS Z24, (DX); \
	VMOVUPS Z25, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z26, Z26; \
	VADDPS  64(DX), Z27, Z27; \
	VMOVUPS Z26, (DX); \
	VMOVUPS Z27, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z28, Z28; \
	VADDPS  64(DX), Z29, Z29; \
	VMOVUPS Z28, (DX); \
	VMOVUPS Z29, 64(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Z30, Z30; \
	VADDPS  64(DX), Z31, Z31; \
	VMOVUPS Z30, (DX); \
	VMOVUPS Z31, 64(DX); \
done: \
	VZEROUPPER; \
	RET
// The AVX-512 micro-kernels compute a 12×32 tile, or only its first 4 or 8
// rows when rows <= 4 or 8 (A rows beyond that are not read), and store
// the first rows rows.
//
// func microAVX512(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)
// A is k-major: element (i, p) at a[p*astep+i]. B element (p, j) at b[p*ldb+j].
TEXT ·microAVX512(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ astep+16(FP), R9
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	MOVQ rows+56(FP), R11
	SHLQ $2, R8
	SHLQ $2, R9
	SHLQ $2, R10
	M512ZERO
	TESTQ CX, CX
	JEQ   store
	CMPQ  R11, $4
	JLE   loop4
	CMPQ  R11, $8
	JLE   loop8

loop12:
	M512LOADB
	M512ROWS4((SI), 4(SI), 8(SI), 12(SI), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	M512ROWS4(16(SI), 20(SI), 24(SI), 28(SI), Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	M512ROWS4(32(SI), 36(SI), 40(SI), 44(SI), Z24, Z25, Z26, Z27, Z28, Z29, Z30, Z31)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop12
	JMP  store

loop8:
	M512LOADB
	M512ROWS4((SI), 4(SI), 8(SI), 12(SI), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	M512ROWS4(16(SI), 20(SI), 24(SI), 28(SI), Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop8
	JMP  store

loop4:
	M512LOADB
	M512ROWS4((SI), 4(SI), 8(SI), 12(SI), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop4

store:
	M512FINISH(add+64(FP))

// func microRAVX512(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)
// A is row-major: element (i, p) at a[i*lda+p].
TEXT ·microRAVX512(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R12
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	MOVQ rows+56(FP), R11
	SHLQ $2, R8
	SHLQ $2, R10
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (SI)(R12*4), R14
	LEAQ (R14)(R12*4), BX
	M512ZERO
	TESTQ CX, CX
	JEQ   store
	CMPQ  R11, $4
	JLE   loop4
	CMPQ  R11, $8
	JLE   loop8

loop12:
	M512LOADB
	M512ROWS4((SI), (SI)(R12*1), (SI)(R12*2), (SI)(R13*1), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	M512ROWS4((R14), (R14)(R12*1), (R14)(R12*2), (R14)(R13*1), Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	M512ROWS4((BX), (BX)(R12*1), (BX)(R12*2), (BX)(R13*1), Z24, Z25, Z26, Z27, Z28, Z29, Z30, Z31)
	ADDQ $4, SI
	ADDQ $4, R14
	ADDQ $4, BX
	ADDQ R10, DI
	DECQ CX
	JNE  loop12
	JMP  store

loop8:
	M512LOADB
	M512ROWS4((SI), (SI)(R12*1), (SI)(R12*2), (SI)(R13*1), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	M512ROWS4((R14), (R14)(R12*1), (R14)(R12*2), (R14)(R13*1), Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	ADDQ $4, SI
	ADDQ $4, R14
	ADDQ R10, DI
	DECQ CX
	JNE  loop8
	JMP  store

loop4:
	M512LOADB
	M512ROWS4((SI), (SI)(R12*1), (SI)(R12*2), (SI)(R13*1), Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	ADDQ $4, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop4

store:
	M512FINISH(add+64(FP))

// Horizontal sums. HSUM512 folds the 16 lanes of z (whose low half is y)
// to 4 in xdst: lane l gets (z[l]+z[l+8]) + (z[l+4]+z[l+12]). HADD4 then
// finishes four such vectors into one: element i = (l0+l1)+(l2+l3) of x_i.
// Both dot kernels use exactly this tree, so they agree bit for bit.
#define HSUM512(z, y, xdst) \
	VEXTRACTF64X4 $1, z, Y0; \
	VADDPS Y0, y, Y0; \
	VEXTRACTF128 $1, Y0, X1; \
	VADDPS X1, X0, xdst

#define HADD4(x0, x1, x2, x3, dst) \
	VHADDPS x1, x0, x0; \
	VHADDPS x3, x2, x2; \
	VHADDPS x2, x0, x0; \
	VMOVUPS x0, dst

// func dot1AVX512(k int, a, b *float32, ldb int, out *float32)
TEXT ·dot1AVX512(SB), NOSPLIT, $0-40
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R8
	MOVQ out+32(FP), DX
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (DI)(R8*4), R10
	LEAQ (R10)(R8*4), R11
	LEAQ (R11)(R8*4), R12
	VPXORD  Z8, Z8, Z8
	VMOVAPS Z8, Z9
	VMOVAPS Z8, Z10
	VMOVAPS Z8, Z11
	VMOVAPS Z8, Z12
	VMOVAPS Z8, Z13
	VMOVAPS Z8, Z14
	VMOVAPS Z8, Z15
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

	// Each row is a short stream (a few cache lines) that the hardware
	// prefetcher has no time to detect, so the rows of the next call
	// (the next eight rows of B) are prefetched while these are summed.
loop:
	PREFETCHT0  (R11)
	PREFETCHT0  (R11)(R8*1)
	PREFETCHT0  (R11)(R8*2)
	PREFETCHT0  (R11)(R9*1)
	PREFETCHT0  (R12)
	PREFETCHT0  (R12)(R8*1)
	PREFETCHT0  (R12)(R8*2)
	PREFETCHT0  (R12)(R9*1)
	VMOVUPS     (SI), Z0
	VFMADD231PS (DI), Z0, Z8
	VFMADD231PS (DI)(R8*1), Z0, Z9
	VFMADD231PS (DI)(R8*2), Z0, Z10
	VFMADD231PS (DI)(R9*1), Z0, Z11
	VFMADD231PS (R10), Z0, Z12
	VFMADD231PS (R10)(R8*1), Z0, Z13
	VFMADD231PS (R10)(R8*2), Z0, Z14
	VFMADD231PS (R10)(R9*1), Z0, Z15
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R10
	ADDQ        $64, R11
	ADDQ        $64, R12
	DECQ        BX
	JNE         loop

tail:
	ANDQ $15, CX
	JEQ  reduce
	MOVL $1, AX
	SHLL CX, AX
	DECL AX
	KMOVW AX, K1
	VMOVUPS.Z   (SI), K1, Z0
	VMOVUPS.Z   (DI), K1, Z1
	VFMADD231PS Z1, Z0, Z8
	VMOVUPS.Z   (DI)(R8*1), K1, Z1
	VFMADD231PS Z1, Z0, Z9
	VMOVUPS.Z   (DI)(R8*2), K1, Z1
	VFMADD231PS Z1, Z0, Z10
	VMOVUPS.Z   (DI)(R9*1), K1, Z1
	VFMADD231PS Z1, Z0, Z11
	VMOVUPS.Z   (R10), K1, Z1
	VFMADD231PS Z1, Z0, Z12
	VMOVUPS.Z   (R10)(R8*1), K1, Z1
	VFMADD231PS Z1, Z0, Z13
	VMOVUPS.Z   (R10)(R8*2), K1, Z1
	VFMADD231PS Z1, Z0, Z14
	VMOVUPS.Z   (R10)(R9*1), K1, Z1
	VFMADD231PS Z1, Z0, Z15

reduce:
	HSUM512(Z8, Y8, X2)
	HSUM512(Z9, Y9, X3)
	HSUM512(Z10, Y10, X4)
	HSUM512(Z11, Y11, X5)
	HADD4(X2, X3, X4, X5, (DX))
	HSUM512(Z12, Y12, X2)
	HSUM512(Z13, Y13, X3)
	HSUM512(Z14, Y14, X4)
	HSUM512(Z15, Y15, X5)
	HADD4(X2, X3, X4, X5, 16(DX))
	VZEROUPPER
	RET

#define D4ROW(bsrc, bz, c0, c1, c2, c3) \
	VMOVUPS     bsrc, bz; \
	VFMADD231PS bz, Z0, c0; \
	VFMADD231PS bz, Z1, c1; \
	VFMADD231PS bz, Z2, c2; \
	VFMADD231PS bz, Z3, c3

#define D4ROWZ(bsrc, bz, c0, c1, c2, c3) \
	VMOVUPS.Z   bsrc, K1, bz; \
	VFMADD231PS bz, Z0, c0; \
	VFMADD231PS bz, Z1, c1; \
	VFMADD231PS bz, Z2, c2; \
	VFMADD231PS bz, Z3, c3

// func dot4AVX512(k int, a *float32, lda int, b *float32, ldb int, out *float32)
// Accumulator for A row i, B row j: Z(8+4i+j).
TEXT ·dot4AVX512(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R11
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R8
	MOVQ out+40(FP), DX
	SHLQ $2, R11
	LEAQ (R11)(R11*2), R12
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (DI)(R8*4), R10
	VPXORD  Z8, Z8, Z8
	VMOVAPS Z8, Z9
	VMOVAPS Z8, Z10
	VMOVAPS Z8, Z11
	VMOVAPS Z8, Z12
	VMOVAPS Z8, Z13
	VMOVAPS Z8, Z14
	VMOVAPS Z8, Z15
	VMOVAPS Z8, Z16
	VMOVAPS Z8, Z17
	VMOVAPS Z8, Z18
	VMOVAPS Z8, Z19
	VMOVAPS Z8, Z20
	VMOVAPS Z8, Z21
	VMOVAPS Z8, Z22
	VMOVAPS Z8, Z23
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

	// As in dot1: prefetch the next call's rows of B.
loop:
	PREFETCHT0 (R10)
	PREFETCHT0 (R10)(R8*1)
	PREFETCHT0 (R10)(R8*2)
	PREFETCHT0 (R10)(R9*1)
	VMOVUPS (SI), Z0
	VMOVUPS (SI)(R11*1), Z1
	VMOVUPS (SI)(R11*2), Z2
	VMOVUPS (SI)(R12*1), Z3
	D4ROW((DI), Z4, Z8, Z12, Z16, Z20)
	D4ROW((DI)(R8*1), Z5, Z9, Z13, Z17, Z21)
	D4ROW((DI)(R8*2), Z6, Z10, Z14, Z18, Z22)
	D4ROW((DI)(R9*1), Z7, Z11, Z15, Z19, Z23)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R10
	DECQ BX
	JNE  loop

tail:
	ANDQ $15, CX
	JEQ  reduce
	MOVL $1, AX
	SHLL CX, AX
	DECL AX
	KMOVW AX, K1
	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z (SI)(R11*1), K1, Z1
	VMOVUPS.Z (SI)(R11*2), K1, Z2
	VMOVUPS.Z (SI)(R12*1), K1, Z3
	D4ROWZ((DI), Z4, Z8, Z12, Z16, Z20)
	D4ROWZ((DI)(R8*1), Z5, Z9, Z13, Z17, Z21)
	D4ROWZ((DI)(R8*2), Z6, Z10, Z14, Z18, Z22)
	D4ROWZ((DI)(R9*1), Z7, Z11, Z15, Z19, Z23)

reduce:
	HSUM512(Z8, Y8, X2)
	HSUM512(Z9, Y9, X3)
	HSUM512(Z10, Y10, X4)
	HSUM512(Z11, Y11, X5)
	HADD4(X2, X3, X4, X5, (DX))
	HSUM512(Z12, Y12, X2)
	HSUM512(Z13, Y13, X3)
	HSUM512(Z14, Y14, X4)
	HSUM512(Z15, Y15, X5)
	HADD4(X2, X3, X4, X5, 16(DX))
	HSUM512(Z16, Y16, X2)
	HSUM512(Z17, Y17, X3)
	HSUM512(Z18, Y18, X4)
	HSUM512(Z19, Y19, X5)
	HADD4(X2, X3, X4, X5, 32(DX))
	HSUM512(Z20, Y20, X2)
	HSUM512(Z21, Y21, X3)
	HSUM512(Z22, Y22, X4)
	HSUM512(Z23, Y23, X5)
	HADD4(X2, X3, X4, X5, 48(DX))
	VZEROUPPER
	RET

#define D2ROW8(bsrc, c0, c1) \
	VMOVUPS     bsrc, Z2; \
	VFMADD231PS Z2, Z0, c0; \
	VFMADD231PS Z2, Z1, c1

#define D2ROW8Z(bsrc, c0, c1) \
	VMOVUPS.Z   bsrc, K1, Z2; \
	VFMADD231PS Z2, Z0, c0; \
	VFMADD231PS Z2, Z1, c1

// func dot2AVX512(k int, a *float32, lda int, b *float32, ldb int, out *float32)
// out[i*8+j] = Σ a[i*lda+p]·b[j*ldb+p] for i < 2, j < 8, reduced exactly
// like dot1AVX512 and dot4AVX512. Accumulator for A row i, B row j:
// Z(8+8i+j).
TEXT ·dot2AVX512(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R11
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R8
	MOVQ out+40(FP), DX
	SHLQ $2, R11
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (DI)(R8*4), R10
	VPXORD  Z8, Z8, Z8
	VMOVAPS Z8, Z9
	VMOVAPS Z8, Z10
	VMOVAPS Z8, Z11
	VMOVAPS Z8, Z12
	VMOVAPS Z8, Z13
	VMOVAPS Z8, Z14
	VMOVAPS Z8, Z15
	VMOVAPS Z8, Z16
	VMOVAPS Z8, Z17
	VMOVAPS Z8, Z18
	VMOVAPS Z8, Z19
	VMOVAPS Z8, Z20
	VMOVAPS Z8, Z21
	VMOVAPS Z8, Z22
	VMOVAPS Z8, Z23
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Z0
	VMOVUPS (SI)(R11*1), Z1
	D2ROW8((DI), Z8, Z16)
	D2ROW8((DI)(R8*1), Z9, Z17)
	D2ROW8((DI)(R8*2), Z10, Z18)
	D2ROW8((DI)(R9*1), Z11, Z19)
	D2ROW8((R10), Z12, Z20)
	D2ROW8((R10)(R8*1), Z13, Z21)
	D2ROW8((R10)(R8*2), Z14, Z22)
	D2ROW8((R10)(R9*1), Z15, Z23)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R10
	DECQ BX
	JNE  loop

tail:
	ANDQ $15, CX
	JEQ  reduce
	MOVL $1, AX
	SHLL CX, AX
	DECL AX
	KMOVW AX, K1
	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z (SI)(R11*1), K1, Z1
	D2ROW8Z((DI), Z8, Z16)
	D2ROW8Z((DI)(R8*1), Z9, Z17)
	D2ROW8Z((DI)(R8*2), Z10, Z18)
	D2ROW8Z((DI)(R9*1), Z11, Z19)
	D2ROW8Z((R10), Z12, Z20)
	D2ROW8Z((R10)(R8*1), Z13, Z21)
	D2ROW8Z((R10)(R8*2), Z14, Z22)
	D2ROW8Z((R10)(R9*1), Z15, Z23)

reduce:
	HSUM512(Z8, Y8, X2)
	HSUM512(Z9, Y9, X3)
	HSUM512(Z10, Y10, X4)
	HSUM512(Z11, Y11, X5)
	HADD4(X2, X3, X4, X5, (DX))
	HSUM512(Z12, Y12, X2)
	HSUM512(Z13, Y13, X3)
	HSUM512(Z14, Y14, X4)
	HSUM512(Z15, Y15, X5)
	HADD4(X2, X3, X4, X5, 16(DX))
	HSUM512(Z16, Y16, X2)
	HSUM512(Z17, Y17, X3)
	HSUM512(Z18, Y18, X4)
	HSUM512(Z19, Y19, X5)
	HADD4(X2, X3, X4, X5, 32(DX))
	HSUM512(Z20, Y20, X2)
	HSUM512(Z21, Y21, X3)
	HSUM512(Z22, Y22, X4)
	HSUM512(Z23, Y23, X5)
	HADD4(X2, X3, X4, X5, 48(DX))
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// AVX2 + FMA: 6×16 tile, accumulators Y4..Y15 (row r in Y(4+2r), Y(5+2r)).

#define M256ROW(addr, bc, ra, rb) \
	VBROADCASTSS addr, bc; \
	VFMADD231PS  Y0, bc, ra; \
	VFMADD231PS  Y1, bc, rb

#define M256LOADB \
	VMOVUPS (DI), Y0; \
	VMOVUPS 32(DI), Y1

#define M256ZERO \
	VXORPS Y4, Y4, Y4; \
	VXORPS Y5, Y5, Y5; \
	VXORPS Y6, Y6, Y6; \
	VXORPS Y7, Y7, Y7; \
	VXORPS Y8, Y8, Y8; \
	VXORPS Y9, Y9, Y9; \
	VXORPS Y10, Y10, Y10; \
	VXORPS Y11, Y11, Y11; \
	VXORPS Y12, Y12, Y12; \
	VXORPS Y13, Y13, Y13; \
	VXORPS Y14, Y14, Y14; \
	VXORPS Y15, Y15, Y15

#define M256FINISH(add) \
	MOVBLZX add, AX; \
	TESTL   AX, AX; \
	JNE     addstore; \
	VMOVUPS Y4, (DX); \
	VMOVUPS Y5, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Y6, (DX); \
	VMOVUPS Y7, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Y8, (DX); \
	VMOVUPS Y9, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Y10, (DX); \
	VMOVUPS Y11, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Y12, (DX); \
	VMOVUPS Y13, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VMOVUPS Y14, (DX); \
	VMOVUPS Y15, 32(DX); \
	JMP     done; \
addstore: \
	VADDPS  (DX), Y4, Y4; \
	VADDPS  32(DX), Y5, Y5; \
	VMOVUPS Y4, (DX); \
	VMOVUPS Y5, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Y6, Y6; \
	VADDPS  32(DX), Y7, Y7; \
	VMOVUPS Y6, (DX); \
	VMOVUPS Y7, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Y8, Y8; \
	VADDPS  32(DX), Y9, Y9; \
	VMOVUPS Y8, (DX); \
	VMOVUPS Y9, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Y10, Y10; \
	VADDPS  32(DX), Y11, Y11; \
	VMOVUPS Y10, (DX); \
	VMOVUPS Y11, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Y12, Y12; \
	VADDPS  32(DX), Y13, Y13; \
	VMOVUPS Y12, (DX); \
	VMOVUPS Y13, 32(DX); \
	DECQ    R11; \
	JEQ     done; \
	ADDQ    R8, DX; \
	VADDPS  (DX), Y14, Y14; \
	VADDPS  32(DX), Y15, Y15; \
	VMOVUPS Y14, (DX); \
	VMOVUPS Y15, 32(DX); \
done: \
	VZEROUPPER; \
	RET

// The AVX2 micro-kernels compute a 6×16 tile, or only its first 2 or 4
// rows, and store the first rows rows.
//
// func microAVX2(k int, a *float32, astep int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)
TEXT ·microAVX2(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ astep+16(FP), R9
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	MOVQ rows+56(FP), R11
	SHLQ $2, R8
	SHLQ $2, R9
	SHLQ $2, R10
	M256ZERO
	TESTQ CX, CX
	JEQ   store
	CMPQ  R11, $2
	JLE   loop2
	CMPQ  R11, $4
	JLE   loop4

loop6:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW(4(SI), Y3, Y6, Y7)
	M256ROW(8(SI), Y2, Y8, Y9)
	M256ROW(12(SI), Y3, Y10, Y11)
	M256ROW(16(SI), Y2, Y12, Y13)
	M256ROW(20(SI), Y3, Y14, Y15)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop6
	JMP  store

loop4:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW(4(SI), Y3, Y6, Y7)
	M256ROW(8(SI), Y2, Y8, Y9)
	M256ROW(12(SI), Y3, Y10, Y11)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop4
	JMP  store

loop2:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW(4(SI), Y3, Y6, Y7)
	ADDQ R9, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop2

store:
	M256FINISH(add+64(FP))

// func microRAVX2(k int, a *float32, lda int, b *float32, ldb int, c *float32, ldc int, rows int, add bool)
TEXT ·microRAVX2(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R12
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R10
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	MOVQ rows+56(FP), R11
	SHLQ $2, R8
	SHLQ $2, R10
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R13
	LEAQ (SI)(R12*4), R14
	M256ZERO
	TESTQ CX, CX
	JEQ   store
	CMPQ  R11, $2
	JLE   loop2
	CMPQ  R11, $4
	JLE   loop4

loop6:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW((SI)(R12*1), Y3, Y6, Y7)
	M256ROW((SI)(R12*2), Y2, Y8, Y9)
	M256ROW((SI)(R13*1), Y3, Y10, Y11)
	M256ROW((R14), Y2, Y12, Y13)
	M256ROW((R14)(R12*1), Y3, Y14, Y15)
	ADDQ $4, SI
	ADDQ $4, R14
	ADDQ R10, DI
	DECQ CX
	JNE  loop6
	JMP  store

loop4:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW((SI)(R12*1), Y3, Y6, Y7)
	M256ROW((SI)(R12*2), Y2, Y8, Y9)
	M256ROW((SI)(R13*1), Y3, Y10, Y11)
	ADDQ $4, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop4
	JMP  store

loop2:
	M256LOADB
	M256ROW((SI), Y2, Y4, Y5)
	M256ROW((SI)(R12*1), Y3, Y6, Y7)
	ADDQ $4, SI
	ADDQ R10, DI
	DECQ CX
	JNE  loop2

store:
	M256FINISH(add+64(FP))

// tailMask<>+4*(8-r) holds r all-ones lanes followed by zero lanes.
DATA tailMask<>+0(SB)/4, $0xffffffff
DATA tailMask<>+4(SB)/4, $0xffffffff
DATA tailMask<>+8(SB)/4, $0xffffffff
DATA tailMask<>+12(SB)/4, $0xffffffff
DATA tailMask<>+16(SB)/4, $0xffffffff
DATA tailMask<>+20(SB)/4, $0xffffffff
DATA tailMask<>+24(SB)/4, $0xffffffff
DATA tailMask<>+28(SB)/4, $0xffffffff
DATA tailMask<>+32(SB)/4, $0
DATA tailMask<>+36(SB)/4, $0
DATA tailMask<>+40(SB)/4, $0
DATA tailMask<>+44(SB)/4, $0
DATA tailMask<>+48(SB)/4, $0
DATA tailMask<>+52(SB)/4, $0
DATA tailMask<>+56(SB)/4, $0
DATA tailMask<>+60(SB)/4, $0
GLOBL tailMask<>(SB), RODATA|NOPTR, $64

// HSUM256 folds the 8 lanes of y (low half x) to 4: lane l gets
// y[l]+y[l+4]. HADD4 (above) finishes.
#define HSUM256(y, x, xdst) \
	VEXTRACTF128 $1, y, X0; \
	VADDPS X0, x, xdst

// func dot1AVX2(k int, a, b *float32, ldb int, out *float32)
TEXT ·dot1AVX2(SB), NOSPLIT, $0-40
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R8
	MOVQ out+32(FP), DX
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (DI)(R8*4), R10
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15
	MOVQ CX, BX
	SHRQ $3, BX
	JEQ  tail

loop:
	VMOVUPS     (SI), Y0
	VFMADD231PS (DI), Y0, Y8
	VFMADD231PS (DI)(R8*1), Y0, Y9
	VFMADD231PS (DI)(R8*2), Y0, Y10
	VFMADD231PS (DI)(R9*1), Y0, Y11
	VFMADD231PS (R10), Y0, Y12
	VFMADD231PS (R10)(R8*1), Y0, Y13
	VFMADD231PS (R10)(R8*2), Y0, Y14
	VFMADD231PS (R10)(R9*1), Y0, Y15
	ADDQ        $32, SI
	ADDQ        $32, DI
	ADDQ        $32, R10
	DECQ        BX
	JNE         loop

tail:
	ANDQ $7, CX
	JEQ  reduce
	MOVQ $8, BX
	SUBQ CX, BX
	LEAQ tailMask<>(SB), AX
	VMOVUPS    (AX)(BX*4), Y1
	VMASKMOVPS (SI), Y1, Y0
	VMASKMOVPS (DI), Y1, Y2
	VFMADD231PS Y2, Y0, Y8
	VMASKMOVPS (DI)(R8*1), Y1, Y2
	VFMADD231PS Y2, Y0, Y9
	VMASKMOVPS (DI)(R8*2), Y1, Y2
	VFMADD231PS Y2, Y0, Y10
	VMASKMOVPS (DI)(R9*1), Y1, Y2
	VFMADD231PS Y2, Y0, Y11
	VMASKMOVPS (R10), Y1, Y2
	VFMADD231PS Y2, Y0, Y12
	VMASKMOVPS (R10)(R8*1), Y1, Y2
	VFMADD231PS Y2, Y0, Y13
	VMASKMOVPS (R10)(R8*2), Y1, Y2
	VFMADD231PS Y2, Y0, Y14
	VMASKMOVPS (R10)(R9*1), Y1, Y2
	VFMADD231PS Y2, Y0, Y15

reduce:
	HSUM256(Y8, X8, X2)
	HSUM256(Y9, X9, X3)
	HSUM256(Y10, X10, X4)
	HSUM256(Y11, X11, X5)
	HADD4(X2, X3, X4, X5, (DX))
	HSUM256(Y12, X12, X2)
	HSUM256(Y13, X13, X3)
	HSUM256(Y14, X14, X4)
	HSUM256(Y15, X15, X5)
	HADD4(X2, X3, X4, X5, 16(DX))
	VZEROUPPER
	RET

#define D2ROW(bsrc, c0, c1) \
	VMOVUPS     bsrc, Y2; \
	VFMADD231PS Y2, Y0, c0; \
	VFMADD231PS Y2, Y1, c1

#define D2ROWM(bsrc, c0, c1) \
	VMASKMOVPS  bsrc, Y3, Y2; \
	VFMADD231PS Y2, Y0, c0; \
	VFMADD231PS Y2, Y1, c1

// func dot2AVX2(k int, a *float32, lda int, b *float32, ldb int, out *float32)
// Accumulator for A row i, B row j: Y(8+4i+j).
TEXT ·dot2AVX2(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R11
	MOVQ b+24(FP), DI
	MOVQ ldb+32(FP), R8
	MOVQ out+40(FP), DX
	SHLQ $2, R11
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15
	MOVQ CX, BX
	SHRQ $3, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Y0
	VMOVUPS (SI)(R11*1), Y1
	D2ROW((DI), Y8, Y12)
	D2ROW((DI)(R8*1), Y9, Y13)
	D2ROW((DI)(R8*2), Y10, Y14)
	D2ROW((DI)(R9*1), Y11, Y15)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ BX
	JNE  loop

tail:
	ANDQ $7, CX
	JEQ  reduce
	MOVQ $8, BX
	SUBQ CX, BX
	LEAQ tailMask<>(SB), AX
	VMOVUPS    (AX)(BX*4), Y3
	VMASKMOVPS (SI), Y3, Y0
	VMASKMOVPS (SI)(R11*1), Y3, Y1
	D2ROWM((DI), Y8, Y12)
	D2ROWM((DI)(R8*1), Y9, Y13)
	D2ROWM((DI)(R8*2), Y10, Y14)
	D2ROWM((DI)(R9*1), Y11, Y15)

reduce:
	HSUM256(Y8, X8, X2)
	HSUM256(Y9, X9, X3)
	HSUM256(Y10, X10, X4)
	HSUM256(Y11, X11, X5)
	HADD4(X2, X3, X4, X5, (DX))
	HSUM256(Y12, X12, X2)
	HSUM256(Y13, X13, X3)
	HSUM256(Y14, X14, X4)
	HSUM256(Y15, X15, X5)
	HADD4(X2, X3, X4, X5, 16(DX))
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// Transposes for packing op(B) = Bᵀ.

// func transpose16AVX512(dst *float32, ldd int, src *float32, lds int)
// dst[c*ldd+i] = src[i*lds+c] for i, c < 16.
TEXT ·transpose16AVX512(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ ldd+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ lds+24(FP), R9
	SHLQ $2, R8
	SHLQ $2, R9
	VMOVUPS (SI), Z0
	ADDQ    R9, SI
	VMOVUPS (SI), Z1
	ADDQ    R9, SI
	VMOVUPS (SI), Z2
	ADDQ    R9, SI
	VMOVUPS (SI), Z3
	ADDQ    R9, SI
	VMOVUPS (SI), Z4
	ADDQ    R9, SI
	VMOVUPS (SI), Z5
	ADDQ    R9, SI
	VMOVUPS (SI), Z6
	ADDQ    R9, SI
	VMOVUPS (SI), Z7
	ADDQ    R9, SI
	VMOVUPS (SI), Z8
	ADDQ    R9, SI
	VMOVUPS (SI), Z9
	ADDQ    R9, SI
	VMOVUPS (SI), Z10
	ADDQ    R9, SI
	VMOVUPS (SI), Z11
	ADDQ    R9, SI
	VMOVUPS (SI), Z12
	ADDQ    R9, SI
	VMOVUPS (SI), Z13
	ADDQ    R9, SI
	VMOVUPS (SI), Z14
	ADDQ    R9, SI
	VMOVUPS (SI), Z15
	VUNPCKLPS Z1, Z0, Z16
	VUNPCKHPS Z1, Z0, Z17
	VUNPCKLPS Z3, Z2, Z18
	VUNPCKHPS Z3, Z2, Z19
	VUNPCKLPS Z5, Z4, Z20
	VUNPCKHPS Z5, Z4, Z21
	VUNPCKLPS Z7, Z6, Z22
	VUNPCKHPS Z7, Z6, Z23
	VUNPCKLPS Z9, Z8, Z24
	VUNPCKHPS Z9, Z8, Z25
	VUNPCKLPS Z11, Z10, Z26
	VUNPCKHPS Z11, Z10, Z27
	VUNPCKLPS Z13, Z12, Z28
	VUNPCKHPS Z13, Z12, Z29
	VUNPCKLPS Z15, Z14, Z30
	VUNPCKHPS Z15, Z14, Z31
	VUNPCKLPD Z18, Z16, Z0
	VUNPCKHPD Z18, Z16, Z1
	VUNPCKLPD Z19, Z17, Z2
	VUNPCKHPD Z19, Z17, Z3
	VUNPCKLPD Z22, Z20, Z4
	VUNPCKHPD Z22, Z20, Z5
	VUNPCKLPD Z23, Z21, Z6
	VUNPCKHPD Z23, Z21, Z7
	VUNPCKLPD Z26, Z24, Z8
	VUNPCKHPD Z26, Z24, Z9
	VUNPCKLPD Z27, Z25, Z10
	VUNPCKHPD Z27, Z25, Z11
	VUNPCKLPD Z30, Z28, Z12
	VUNPCKHPD Z30, Z28, Z13
	VUNPCKLPD Z31, Z29, Z14
	VUNPCKHPD Z31, Z29, Z15
	VSHUFF32X4 $0x44, Z4, Z0, Z16
	VSHUFF32X4 $0xEE, Z4, Z0, Z17
	VSHUFF32X4 $0x44, Z12, Z8, Z18
	VSHUFF32X4 $0xEE, Z12, Z8, Z19
	VSHUFF32X4 $0x88, Z18, Z16, Z0
	VSHUFF32X4 $0xDD, Z18, Z16, Z4
	VSHUFF32X4 $0x88, Z19, Z17, Z8
	VSHUFF32X4 $0xDD, Z19, Z17, Z12
	VSHUFF32X4 $0x44, Z5, Z1, Z16
	VSHUFF32X4 $0xEE, Z5, Z1, Z17
	VSHUFF32X4 $0x44, Z13, Z9, Z18
	VSHUFF32X4 $0xEE, Z13, Z9, Z19
	VSHUFF32X4 $0x88, Z18, Z16, Z1
	VSHUFF32X4 $0xDD, Z18, Z16, Z5
	VSHUFF32X4 $0x88, Z19, Z17, Z9
	VSHUFF32X4 $0xDD, Z19, Z17, Z13
	VSHUFF32X4 $0x44, Z6, Z2, Z16
	VSHUFF32X4 $0xEE, Z6, Z2, Z17
	VSHUFF32X4 $0x44, Z14, Z10, Z18
	VSHUFF32X4 $0xEE, Z14, Z10, Z19
	VSHUFF32X4 $0x88, Z18, Z16, Z2
	VSHUFF32X4 $0xDD, Z18, Z16, Z6
	VSHUFF32X4 $0x88, Z19, Z17, Z10
	VSHUFF32X4 $0xDD, Z19, Z17, Z14
	VSHUFF32X4 $0x44, Z7, Z3, Z16
	VSHUFF32X4 $0xEE, Z7, Z3, Z17
	VSHUFF32X4 $0x44, Z15, Z11, Z18
	VSHUFF32X4 $0xEE, Z15, Z11, Z19
	VSHUFF32X4 $0x88, Z18, Z16, Z3
	VSHUFF32X4 $0xDD, Z18, Z16, Z7
	VSHUFF32X4 $0x88, Z19, Z17, Z11
	VSHUFF32X4 $0xDD, Z19, Z17, Z15
	VMOVUPS Z0, (DI)
	ADDQ    R8, DI
	VMOVUPS Z1, (DI)
	ADDQ    R8, DI
	VMOVUPS Z2, (DI)
	ADDQ    R8, DI
	VMOVUPS Z3, (DI)
	ADDQ    R8, DI
	VMOVUPS Z4, (DI)
	ADDQ    R8, DI
	VMOVUPS Z5, (DI)
	ADDQ    R8, DI
	VMOVUPS Z6, (DI)
	ADDQ    R8, DI
	VMOVUPS Z7, (DI)
	ADDQ    R8, DI
	VMOVUPS Z8, (DI)
	ADDQ    R8, DI
	VMOVUPS Z9, (DI)
	ADDQ    R8, DI
	VMOVUPS Z10, (DI)
	ADDQ    R8, DI
	VMOVUPS Z11, (DI)
	ADDQ    R8, DI
	VMOVUPS Z12, (DI)
	ADDQ    R8, DI
	VMOVUPS Z13, (DI)
	ADDQ    R8, DI
	VMOVUPS Z14, (DI)
	ADDQ    R8, DI
	VMOVUPS Z15, (DI)
	VZEROUPPER
	RET

// func transpose8AVX2(dst *float32, ldd int, src *float32, lds int)
// dst[c*ldd+i] = src[i*lds+c] for i, c < 8.
TEXT ·transpose8AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ ldd+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ lds+24(FP), R9
	SHLQ $2, R8
	SHLQ $2, R9
	VMOVUPS (SI), Y0
	ADDQ    R9, SI
	VMOVUPS (SI), Y1
	ADDQ    R9, SI
	VMOVUPS (SI), Y2
	ADDQ    R9, SI
	VMOVUPS (SI), Y3
	ADDQ    R9, SI
	VMOVUPS (SI), Y4
	ADDQ    R9, SI
	VMOVUPS (SI), Y5
	ADDQ    R9, SI
	VMOVUPS (SI), Y6
	ADDQ    R9, SI
	VMOVUPS (SI), Y7
	VUNPCKLPS Y1, Y0, Y8
	VUNPCKHPS Y1, Y0, Y9
	VUNPCKLPS Y3, Y2, Y10
	VUNPCKHPS Y3, Y2, Y11
	VUNPCKLPS Y5, Y4, Y12
	VUNPCKHPS Y5, Y4, Y13
	VUNPCKLPS Y7, Y6, Y14
	VUNPCKHPS Y7, Y6, Y15
	VUNPCKLPD Y10, Y8, Y0
	VUNPCKHPD Y10, Y8, Y1
	VUNPCKLPD Y11, Y9, Y2
	VUNPCKHPD Y11, Y9, Y3
	VUNPCKLPD Y14, Y12, Y4
	VUNPCKHPD Y14, Y12, Y5
	VUNPCKLPD Y15, Y13, Y6
	VUNPCKHPD Y15, Y13, Y7
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y7, Y3, Y15
	VMOVUPS Y8, (DI)
	ADDQ    R8, DI
	VMOVUPS Y9, (DI)
	ADDQ    R8, DI
	VMOVUPS Y10, (DI)
	ADDQ    R8, DI
	VMOVUPS Y11, (DI)
	ADDQ    R8, DI
	VMOVUPS Y12, (DI)
	ADDQ    R8, DI
	VMOVUPS Y13, (DI)
	ADDQ    R8, DI
	VMOVUPS Y14, (DI)
	ADDQ    R8, DI
	VMOVUPS Y15, (DI)
	VZEROUPPER
	RET

