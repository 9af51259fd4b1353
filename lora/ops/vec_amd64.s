//go:build amd64

#include "textflag.h"

// Vector exp and the kernels built on it (softmax rows, cross-entropy rows,
// SwiGLU). exp(x) = 2^n · e^r with n = round(x·log2e), r = x − n·ln2 in two
// parts, e^r by a degree-7 Taylor polynomial (Horner, FMA).

// expConst<>: scalar constants for the exp kernels, one float32 each.
DATA expConst<>+0(SB)/4, $0x3fb8aa3b // log2e = 1.4426950408889634
DATA expConst<>+4(SB)/4, $0x3f318000 // ln2hi = 0.693359375
DATA expConst<>+8(SB)/4, $0xb95e8083 // ln2lo = -0.00021219444
DATA expConst<>+12(SB)/4, $0x39500d01 // c7 = 0.0001984126984126984
DATA expConst<>+16(SB)/4, $0x3ab60b61 // c6 = 0.001388888888888889
DATA expConst<>+20(SB)/4, $0x3c088889 // c5 = 0.008333333333333333
DATA expConst<>+24(SB)/4, $0x3d2aaaab // c4 = 0.041666666666666664
DATA expConst<>+28(SB)/4, $0x3e2aaaab // c3 = 0.16666666666666666
DATA expConst<>+32(SB)/4, $0x3f000000 // c2 = 0.5
DATA expConst<>+36(SB)/4, $0x3f800000 // one = 1.0
DATA expConst<>+40(SB)/4, $0xc2d00000 // lo512 = -104.0
DATA expConst<>+44(SB)/4, $0x42b20000 // hi512 = 89.0
DATA expConst<>+48(SB)/4, $0xc2aeac4f // lo256 = -87.33654
DATA expConst<>+52(SB)/4, $0x42b0c0a5 // hi256 = 88.37626
GLOBL expConst<>(SB), RODATA|NOPTR, $56

// expVec<>: the same constants replicated 8 times (32 bytes each), for
// AVX2 memory operands.
DATA expVec<>+0(SB)/4, $0x3fb8aa3b
DATA expVec<>+4(SB)/4, $0x3fb8aa3b
DATA expVec<>+8(SB)/4, $0x3fb8aa3b
DATA expVec<>+12(SB)/4, $0x3fb8aa3b
DATA expVec<>+16(SB)/4, $0x3fb8aa3b
DATA expVec<>+20(SB)/4, $0x3fb8aa3b
DATA expVec<>+24(SB)/4, $0x3fb8aa3b
DATA expVec<>+28(SB)/4, $0x3fb8aa3b
DATA expVec<>+32(SB)/4, $0x3f318000
DATA expVec<>+36(SB)/4, $0x3f318000
DATA expVec<>+40(SB)/4, $0x3f318000
DATA expVec<>+44(SB)/4, $0x3f318000
DATA expVec<>+48(SB)/4, $0x3f318000
DATA expVec<>+52(SB)/4, $0x3f318000
DATA expVec<>+56(SB)/4, $0x3f318000
DATA expVec<>+60(SB)/4, $0x3f318000
DATA expVec<>+64(SB)/4, $0xb95e8083
DATA expVec<>+68(SB)/4, $0xb95e8083
DATA expVec<>+72(SB)/4, $0xb95e8083
DATA expVec<>+76(SB)/4, $0xb95e8083
DATA expVec<>+80(SB)/4, $0xb95e8083
DATA expVec<>+84(SB)/4, $0xb95e8083
DATA expVec<>+88(SB)/4, $0xb95e8083
DATA expVec<>+92(SB)/4, $0xb95e8083
DATA expVec<>+96(SB)/4, $0x39500d01
DATA expVec<>+100(SB)/4, $0x39500d01
DATA expVec<>+104(SB)/4, $0x39500d01
DATA expVec<>+108(SB)/4, $0x39500d01
DATA expVec<>+112(SB)/4, $0x39500d01
DATA expVec<>+116(SB)/4, $0x39500d01
DATA expVec<>+120(SB)/4, $0x39500d01
DATA expVec<>+124(SB)/4, $0x39500d01
DATA expVec<>+128(SB)/4, $0x3ab60b61
DATA expVec<>+132(SB)/4, $0x3ab60b61
DATA expVec<>+136(SB)/4, $0x3ab60b61
DATA expVec<>+140(SB)/4, $0x3ab60b61
DATA expVec<>+144(SB)/4, $0x3ab60b61
DATA expVec<>+148(SB)/4, $0x3ab60b61
DATA expVec<>+152(SB)/4, $0x3ab60b61
DATA expVec<>+156(SB)/4, $0x3ab60b61
DATA expVec<>+160(SB)/4, $0x3c088889
DATA expVec<>+164(SB)/4, $0x3c088889
DATA expVec<>+168(SB)/4, $0x3c088889
DATA expVec<>+172(SB)/4, $0x3c088889
DATA expVec<>+176(SB)/4, $0x3c088889
DATA expVec<>+180(SB)/4, $0x3c088889
DATA expVec<>+184(SB)/4, $0x3c088889
DATA expVec<>+188(SB)/4, $0x3c088889
DATA expVec<>+192(SB)/4, $0x3d2aaaab
DATA expVec<>+196(SB)/4, $0x3d2aaaab
DATA expVec<>+200(SB)/4, $0x3d2aaaab
DATA expVec<>+204(SB)/4, $0x3d2aaaab
DATA expVec<>+208(SB)/4, $0x3d2aaaab
DATA expVec<>+212(SB)/4, $0x3d2aaaab
DATA expVec<>+216(SB)/4, $0x3d2aaaab
DATA expVec<>+220(SB)/4, $0x3d2aaaab
DATA expVec<>+224(SB)/4, $0x3e2aaaab
DATA expVec<>+228(SB)/4, $0x3e2aaaab
DATA expVec<>+232(SB)/4, $0x3e2aaaab
DATA expVec<>+236(SB)/4, $0x3e2aaaab
DATA expVec<>+240(SB)/4, $0x3e2aaaab
DATA expVec<>+244(SB)/4, $0x3e2aaaab
DATA expVec<>+248(SB)/4, $0x3e2aaaab
DATA expVec<>+252(SB)/4, $0x3e2aaaab
DATA expVec<>+256(SB)/4, $0x3f000000
DATA expVec<>+260(SB)/4, $0x3f000000
DATA expVec<>+264(SB)/4, $0x3f000000
DATA expVec<>+268(SB)/4, $0x3f000000
DATA expVec<>+272(SB)/4, $0x3f000000
DATA expVec<>+276(SB)/4, $0x3f000000
DATA expVec<>+280(SB)/4, $0x3f000000
DATA expVec<>+284(SB)/4, $0x3f000000
DATA expVec<>+288(SB)/4, $0x3f800000
DATA expVec<>+292(SB)/4, $0x3f800000
DATA expVec<>+296(SB)/4, $0x3f800000
DATA expVec<>+300(SB)/4, $0x3f800000
DATA expVec<>+304(SB)/4, $0x3f800000
DATA expVec<>+308(SB)/4, $0x3f800000
DATA expVec<>+312(SB)/4, $0x3f800000
DATA expVec<>+316(SB)/4, $0x3f800000
DATA expVec<>+320(SB)/4, $0xc2d00000
DATA expVec<>+324(SB)/4, $0xc2d00000
DATA expVec<>+328(SB)/4, $0xc2d00000
DATA expVec<>+332(SB)/4, $0xc2d00000
DATA expVec<>+336(SB)/4, $0xc2d00000
DATA expVec<>+340(SB)/4, $0xc2d00000
DATA expVec<>+344(SB)/4, $0xc2d00000
DATA expVec<>+348(SB)/4, $0xc2d00000
DATA expVec<>+352(SB)/4, $0x42b20000
DATA expVec<>+356(SB)/4, $0x42b20000
DATA expVec<>+360(SB)/4, $0x42b20000
DATA expVec<>+364(SB)/4, $0x42b20000
DATA expVec<>+368(SB)/4, $0x42b20000
DATA expVec<>+372(SB)/4, $0x42b20000
DATA expVec<>+376(SB)/4, $0x42b20000
DATA expVec<>+380(SB)/4, $0x42b20000
DATA expVec<>+384(SB)/4, $0xc2aeac4f
DATA expVec<>+388(SB)/4, $0xc2aeac4f
DATA expVec<>+392(SB)/4, $0xc2aeac4f
DATA expVec<>+396(SB)/4, $0xc2aeac4f
DATA expVec<>+400(SB)/4, $0xc2aeac4f
DATA expVec<>+404(SB)/4, $0xc2aeac4f
DATA expVec<>+408(SB)/4, $0xc2aeac4f
DATA expVec<>+412(SB)/4, $0xc2aeac4f
DATA expVec<>+416(SB)/4, $0x42b0c0a5
DATA expVec<>+420(SB)/4, $0x42b0c0a5
DATA expVec<>+424(SB)/4, $0x42b0c0a5
DATA expVec<>+428(SB)/4, $0x42b0c0a5
DATA expVec<>+432(SB)/4, $0x42b0c0a5
DATA expVec<>+436(SB)/4, $0x42b0c0a5
DATA expVec<>+440(SB)/4, $0x42b0c0a5
DATA expVec<>+444(SB)/4, $0x42b0c0a5
GLOBL expVec<>(SB), RODATA|NOPTR, $448

DATA int127<>+0(SB)/4, $127
DATA int127<>+4(SB)/4, $127
DATA int127<>+8(SB)/4, $127
DATA int127<>+12(SB)/4, $127
DATA int127<>+16(SB)/4, $127
DATA int127<>+20(SB)/4, $127
DATA int127<>+24(SB)/4, $127
DATA int127<>+28(SB)/4, $127
GLOBL int127<>(SB), RODATA|NOPTR, $32

// EXPCONST512 loads the constants into Z16..Z27.
#define EXPCONST512 \
	VBROADCASTSS expConst<>+0(SB), Z16; \
	VBROADCASTSS expConst<>+4(SB), Z17; \
	VBROADCASTSS expConst<>+8(SB), Z18; \
	VBROADCASTSS expConst<>+12(SB), Z19; \
	VBROADCASTSS expConst<>+16(SB), Z20; \
	VBROADCASTSS expConst<>+20(SB), Z21; \
	VBROADCASTSS expConst<>+24(SB), Z22; \
	VBROADCASTSS expConst<>+28(SB), Z23; \
	VBROADCASTSS expConst<>+32(SB), Z24; \
	VBROADCASTSS expConst<>+36(SB), Z25; \
	VBROADCASTSS expConst<>+40(SB), Z26; \
	VBROADCASTSS expConst<>+44(SB), Z27

// EXP512(x, t, p): p = e^x, clobbering x and t. Inputs are clamped to
// [-104, 89] (NaN passes through); VSCALEFPS then rounds e^x to 0 or +Inf
// outside the float32 range.
#define EXP512(x, t, p) \
	VMAXPS       x, Z26, x; \
	VMINPS       x, Z27, x; \
	VMULPS       Z16, x, t; \
	VRNDSCALEPS  $0, t, t; \
	VFNMADD231PS Z17, t, x; \
	VFNMADD231PS Z18, t, x; \
	VMOVAPS      Z19, p; \
	VFMADD213PS  Z20, x, p; \
	VFMADD213PS  Z21, x, p; \
	VFMADD213PS  Z22, x, p; \
	VFMADD213PS  Z23, x, p; \
	VFMADD213PS  Z24, x, p; \
	VFMADD213PS  Z25, x, p; \
	VFMADD213PS  Z25, x, p; \
	VSCALEFPS    t, p, p

// TAILMASK512 sets K1 to the low CX bits.
#define TAILMASK512 \
	MOVL  $1, AX; \
	SHLL  CX, AX; \
	DECL  AX; \
	KMOVW AX, K1

// ACC64(p): Z12 += float64(p[0:8]), Z13 += float64(p[8:16]).
#define ACC64(p, py) \
	VCVTPS2PD     py, Z3; \
	VEXTRACTF64X4 $1, p, Y4; \
	VCVTPS2PD     Y4, Z4; \
	VADDPD        Z3, Z12, Z12; \
	VADDPD        Z4, Z13, Z13

// SUM64: X0 = sum of the 16 float64 lanes of Z12, Z13 in a fixed tree.
#define SUM64 \
	VADDPD        Z13, Z12, Z12; \
	VEXTRACTF64X4 $1, Z12, Y0; \
	VADDPD        Y0, Y12, Y0; \
	VEXTRACTF128  $1, Y0, X1; \
	VADDPD        X1, X0, X0; \
	VUNPCKHPD     X0, X0, X1; \
	VADDSD        X1, X0, X0

// func expSumAVX512(dst, src *float32, n int, scale, sub float32) float64
// dst[j] = exp(src[j]*scale - sub); returns the sum of dst in float64.
TEXT ·expSumAVX512(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS scale+24(FP), Z14
	VBROADCASTSS sub+28(FP), Z15
	EXPCONST512
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Z0
	VMULPS  Z14, Z0, Z0
	VSUBPS  Z15, Z0, Z0
	EXP512(Z0, Z1, Z2)
	VMOVUPS Z2, (DI)
	ACC64(Z2, Y2)
	ADDQ $64, SI
	ADDQ $64, DI
	DECQ BX
	JNE  loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z0
	VMULPS    Z14, Z0, Z0
	VSUBPS    Z15, Z0, Z0
	EXP512(Z0, Z1, Z2)
	VMOVAPS.Z Z2, K1, Z2
	VMOVUPS   Z2, K1, (DI)
	ACC64(Z2, Y2)

done:
	SUM64
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET

// func maxAVX512(x *float32, n int) float32  (n >= 1)
TEXT ·maxAVX512(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VBROADCASTSS (SI), Z0
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMAXPS (SI), Z0, Z0
	ADDQ   $64, SI
	DECQ   BX
	JNE    loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMAXPS (SI), Z0, K1, Z0

done:
	VEXTRACTF64X4 $1, Z0, Y1
	VMAXPS        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VMAXPS        X1, X0, X0
	VPERMILPS     $0x4e, X0, X1
	VMAXPS        X1, X0, X0
	VPERMILPS     $0xb1, X0, X1
	VMAXPS        X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+16(FP)
	RET

// func scaleAVX512(x *float32, n int, a float32)
TEXT ·scaleAVX512(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VBROADCASTSS a+16(FP), Z1
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMULPS  (SI), Z1, Z0
	VMOVUPS Z0, (SI)
	ADDQ    $64, SI
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z0
	VMULPS    Z1, Z0, Z0
	VMOVUPS   Z0, K1, (SI)

done:
	VZEROUPPER
	RET

// SIG512: Z2 = sigmoid(Z0) = 1/(1+e^-Z0); clobbers Z1, Z5.
#define SIG512 \
	VPXORD  Z5, Z5, Z5; \
	VSUBPS  Z0, Z5, Z5; \
	EXP512(Z5, Z1, Z2); \
	VADDPS  Z25, Z2, Z2; \
	VDIVPS  Z2, Z25, Z2

// func swigluAVX512(out, gate, up *float32, n int)
// out = g·sigmoid(g)·u
TEXT ·swigluAVX512(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ gate+8(FP), SI
	MOVQ up+16(FP), DX
	MOVQ n+24(FP), CX
	EXPCONST512
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Z0
	SIG512
	VMULPS  Z2, Z0, Z3
	VMULPS  (DX), Z3, Z3
	VMOVUPS Z3, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z (DX), K1, Z6
	SIG512
	VMULPS    Z2, Z0, Z3
	VMULPS    Z6, Z3, Z3
	VMOVUPS   Z3, K1, (DI)

done:
	VZEROUPPER
	RET

// SWIGLUBWD512: with Z0 = g, Z6 = u, Z7 = dout, leaves dgate in Z3 and
// dup in Z8: s = sigmoid(g), dgate = dout·u·s·(1 + g·(1−s)), dup = dout·g·s.
#define SWIGLUBWD512 \
	SIG512; \
	VSUBPS Z2, Z25, Z9; \
	VMULPS Z9, Z0, Z9; \
	VADDPS Z25, Z9, Z9; \
	VMULPS Z6, Z7, Z3; \
	VMULPS Z2, Z3, Z3; \
	VMULPS Z9, Z3, Z3; \
	VMULPS Z0, Z7, Z8; \
	VMULPS Z2, Z8, Z8

// func swigluBwdAVX512(dg, du, dout, gate, up *float32, n int)
TEXT ·swigluBwdAVX512(SB), NOSPLIT, $0-48
	MOVQ dg+0(FP), DI
	MOVQ du+8(FP), R8
	MOVQ dout+16(FP), R9
	MOVQ gate+24(FP), SI
	MOVQ up+32(FP), DX
	MOVQ n+40(FP), CX
	EXPCONST512
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Z0
	VMOVUPS (DX), Z6
	VMOVUPS (R9), Z7
	SWIGLUBWD512
	VMOVUPS Z3, (DI)
	VMOVUPS Z8, (R8)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, R9
	ADDQ    $64, DI
	ADDQ    $64, R8
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z (DX), K1, Z6
	VMOVUPS.Z (R9), K1, Z7
	SWIGLUBWD512
	VMOVUPS   Z3, K1, (DI)
	VMOVUPS   Z8, K1, (R8)

done:
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// AVX2 + FMA versions: whole 8-float vectors only (n a multiple of 8); the
// Go wrappers finish the tail. Inputs are clamped to [-87.34, 88.38], so
// e^x saturates at about 1.2e-38 and 2.4e38 instead of reaching 0 and +Inf.

// EXP256(x, t, p, k): p = e^x, clobbering x, t and k. Y14/Y15 hold the
// clamp bounds.
#define EXP256(x, t, p, k) \
	VMAXPS       x, Y14, x; \
	VMINPS       x, Y15, x; \
	VMULPS       expVec<>+0(SB), x, t; \
	VROUNDPS     $0, t, t; \
	VFNMADD231PS expVec<>+32(SB), t, x; \
	VFNMADD231PS expVec<>+64(SB), t, x; \
	VMOVUPS      expVec<>+96(SB), p; \
	VFMADD213PS  expVec<>+128(SB), x, p; \
	VFMADD213PS  expVec<>+160(SB), x, p; \
	VFMADD213PS  expVec<>+192(SB), x, p; \
	VFMADD213PS  expVec<>+224(SB), x, p; \
	VFMADD213PS  expVec<>+256(SB), x, p; \
	VFMADD213PS  expVec<>+288(SB), x, p; \
	VFMADD213PS  expVec<>+288(SB), x, p; \
	VCVTPS2DQ    t, k; \
	VPADDD       int127<>(SB), k, k; \
	VPSLLD       $23, k, k; \
	VMULPS       k, p, p

#define EXPCONST256 \
	VBROADCASTSS expConst<>+48(SB), Y14; \
	VBROADCASTSS expConst<>+52(SB), Y15

// func expSumAVX2(dst, src *float32, n int, scale, sub float32) float64
TEXT ·expSumAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), BX
	VBROADCASTSS scale+24(FP), Y12
	VBROADCASTSS sub+28(FP), Y13
	EXPCONST256
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	SHRQ $3, BX
	JEQ  done

loop:
	VMOVUPS (SI), Y0
	VMULPS  Y12, Y0, Y0
	VSUBPS  Y13, Y0, Y0
	EXP256(Y0, Y1, Y2, Y3)
	VMOVUPS Y2, (DI)
	VCVTPS2PD    X2, Y4
	VEXTRACTF128 $1, Y2, X5
	VCVTPS2PD    X5, Y5
	VADDPD       Y4, Y10, Y10
	VADDPD       Y5, Y11, Y11
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ BX
	JNE  loop

done:
	VADDPD       Y11, Y10, Y10
	VEXTRACTF128 $1, Y10, X0
	VADDPD       X0, X10, X0
	VUNPCKHPD    X0, X0, X1
	VADDSD       X1, X0, X0
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET

// func maxAVX2(x *float32, n int) float32  (n a positive multiple of 8)
TEXT ·maxAVX2(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), BX
	VMOVUPS (SI), Y0
	SHRQ $3, BX

loop:
	VMAXPS (SI), Y0, Y0
	ADDQ   $32, SI
	DECQ   BX
	JNE    loop

	VEXTRACTF128 $1, Y0, X1
	VMAXPS       X1, X0, X0
	VPERMILPS    $0x4e, X0, X1
	VMAXPS       X1, X0, X0
	VPERMILPS    $0xb1, X0, X1
	VMAXPS       X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+16(FP)
	RET

// func scaleAVX2(x *float32, n int, a float32)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), BX
	VBROADCASTSS a+16(FP), Y1
	SHRQ $3, BX
	JEQ  done

loop:
	VMULPS  (SI), Y1, Y0
	VMOVUPS Y0, (SI)
	ADDQ    $32, SI
	DECQ    BX
	JNE     loop

done:
	VZEROUPPER
	RET

// SIG256: Y2 = sigmoid(Y0); clobbers Y1, Y3, Y5.
#define SIG256 \
	VXORPS  Y5, Y5, Y5; \
	VSUBPS  Y0, Y5, Y5; \
	EXP256(Y5, Y1, Y2, Y3); \
	VADDPS  expVec<>+288(SB), Y2, Y2; \
	VMOVUPS expVec<>+288(SB), Y3; \
	VDIVPS  Y2, Y3, Y2

// func swigluAVX2(out, gate, up *float32, n int)
TEXT ·swigluAVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ gate+8(FP), SI
	MOVQ up+16(FP), DX
	MOVQ n+24(FP), BX
	EXPCONST256
	SHRQ $3, BX
	JEQ  done

loop:
	VMOVUPS (SI), Y0
	SIG256
	VMULPS  Y2, Y0, Y4
	VMULPS  (DX), Y4, Y4
	VMOVUPS Y4, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, DI
	DECQ    BX
	JNE     loop

done:
	VZEROUPPER
	RET

// func swigluBwdAVX2(dg, du, dout, gate, up *float32, n int)
TEXT ·swigluBwdAVX2(SB), NOSPLIT, $0-48
	MOVQ dg+0(FP), DI
	MOVQ du+8(FP), R8
	MOVQ dout+16(FP), R9
	MOVQ gate+24(FP), SI
	MOVQ up+32(FP), DX
	MOVQ n+40(FP), BX
	EXPCONST256
	SHRQ $3, BX
	JEQ  done

loop:
	VMOVUPS (SI), Y0
	VMOVUPS (DX), Y6
	VMOVUPS (R9), Y7
	SIG256
	VMOVUPS expVec<>+288(SB), Y9
	VSUBPS  Y2, Y9, Y9
	VMULPS  Y9, Y0, Y9
	VADDPS  expVec<>+288(SB), Y9, Y9
	VMULPS  Y6, Y7, Y4
	VMULPS  Y2, Y4, Y4
	VMULPS  Y9, Y4, Y4
	VMULPS  Y0, Y7, Y8
	VMULPS  Y2, Y8, Y8
	VMOVUPS Y4, (DI)
	VMOVUPS Y8, (R8)
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, R9
	ADDQ    $32, DI
	ADDQ    $32, R8
	DECQ    BX
	JNE     loop

done:
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// Softmax backward helpers.

// func dotAVX512(a, b *float32, n int) float32
// Σ a[j]·b[j]: 16 lane sums, then a fixed tree.
TEXT ·dotAVX512(SB), NOSPLIT, $0-28
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ n+16(FP), CX
	VPXORD Z0, Z0, Z0
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS     (SI), Z1
	VFMADD231PS (DI), Z1, Z0
	ADDQ        $64, SI
	ADDQ        $64, DI
	DECQ        BX
	JNE         loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z   (SI), K1, Z1
	VMOVUPS.Z   (DI), K1, Z2
	VFMADD231PS Z2, Z1, Z0

done:
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPS        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPS        X1, X0, X0
	VPERMILPS     $0x4e, X0, X1
	VADDPS        X1, X0, X0
	VPERMILPS     $0xb1, X0, X1
	VADDSS        X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET

// func softmaxBwdAVX512(ds, p *float32, n int, dot, scale float32)
// ds[j] = p[j]·(ds[j] − dot)·scale
TEXT ·softmaxBwdAVX512(SB), NOSPLIT, $0-32
	MOVQ ds+0(FP), DI
	MOVQ p+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS dot+24(FP), Z14
	VBROADCASTSS scale+28(FP), Z15
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (DI), Z0
	VSUBPS  Z14, Z0, Z0
	VMULPS  (SI), Z0, Z0
	VMULPS  Z15, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (DI), K1, Z0
	VMOVUPS.Z (SI), K1, Z1
	VSUBPS    Z14, Z0, Z0
	VMULPS    Z1, Z0, Z0
	VMULPS    Z15, Z0, Z0
	VMOVUPS   Z0, K1, (DI)

done:
	VZEROUPPER
	RET

// func dotAVX2(a, b *float32, n int) float32  (n a multiple of 8)
TEXT ·dotAVX2(SB), NOSPLIT, $0-28
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ n+16(FP), BX
	VXORPS Y0, Y0, Y0
	SHRQ $3, BX
	JEQ  done

loop:
	VMOVUPS     (SI), Y1
	VFMADD231PS (DI), Y1, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        BX
	JNE         loop

done:
	VEXTRACTF128 $1, Y0, X1
	VADDPS       X1, X0, X0
	VPERMILPS    $0x4e, X0, X1
	VADDPS       X1, X0, X0
	VPERMILPS    $0xb1, X0, X1
	VADDSS       X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET

// func softmaxBwdAVX2(ds, p *float32, n int, dot, scale float32)  (n a multiple of 8)
TEXT ·softmaxBwdAVX2(SB), NOSPLIT, $0-32
	MOVQ ds+0(FP), DI
	MOVQ p+8(FP), SI
	MOVQ n+16(FP), BX
	VBROADCASTSS dot+24(FP), Y14
	VBROADCASTSS scale+28(FP), Y15
	SHRQ $3, BX
	JEQ  done

loop:
	VMOVUPS (DI), Y0
	VSUBPS  Y14, Y0, Y0
	VMULPS  (SI), Y0, Y0
	VMULPS  Y15, Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    BX
	JNE     loop

done:
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// RMSNorm rows (AVX-512). Sums are taken in float64 lanes.

// F64SUM: X0 = sum of the 8 float64 lanes of Z0 in a fixed tree.
#define F64SUM \
	VEXTRACTF64X4 $1, Z0, Y1; \
	VADDPD        Y1, Y0, Y0; \
	VEXTRACTF128  $1, Y0, X1; \
	VADDPD        X1, X0, X0; \
	VUNPCKHPD     X0, X0, X1; \
	VADDSD        X1, X0, X0

// func sumSqAVX512(x *float32, n int) float64
TEXT ·sumSqAVX512(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z5, Z5, Z5
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS       (SI), Z2
	VCVTPS2PD     Y2, Z3
	VEXTRACTF64X4 $1, Z2, Y4
	VCVTPS2PD     Y4, Z4
	VFMADD231PD   Z3, Z3, Z0
	VFMADD231PD   Z4, Z4, Z5
	ADDQ          $64, SI
	DECQ          BX
	JNE           loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z     (SI), K1, Z2
	VCVTPS2PD     Y2, Z3
	VEXTRACTF64X4 $1, Z2, Y4
	VCVTPS2PD     Y4, Z4
	VFMADD231PD   Z3, Z3, Z0
	VFMADD231PD   Z4, Z4, Z5

done:
	VADDPD Z5, Z0, Z0
	F64SUM
	VZEROUPPER
	MOVSD X0, ret+16(FP)
	RET

// func dot3AVX512(a, b, c *float32, n int) float64
// Σ a·b·c, each product formed in float64.
TEXT ·dot3AVX512(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), SI
	MOVQ b+8(FP), DI
	MOVQ c+16(FP), DX
	MOVQ n+24(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z5, Z5, Z5
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMOVUPS (SI), Z2
	VMOVUPS (DI), Z6
	VMOVUPS (DX), Z9
	JMP     body

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z2
	VMOVUPS.Z (DI), K1, Z6
	VMOVUPS.Z (DX), K1, Z9
	MOVQ      $1, BX
	XORQ      CX, CX

body:
	VCVTPS2PD     Y2, Z3
	VEXTRACTF64X4 $1, Z2, Y4
	VCVTPS2PD     Y4, Z4
	VCVTPS2PD     Y6, Z7
	VEXTRACTF64X4 $1, Z6, Y8
	VCVTPS2PD     Y8, Z8
	VMULPD        Z7, Z3, Z3
	VMULPD        Z8, Z4, Z4
	VCVTPS2PD     Y9, Z10
	VEXTRACTF64X4 $1, Z9, Y11
	VCVTPS2PD     Y11, Z11
	VFMADD231PD   Z10, Z3, Z0
	VFMADD231PD   Z11, Z4, Z5
	ADDQ          $64, SI
	ADDQ          $64, DI
	ADDQ          $64, DX
	DECQ          BX
	JNE           loop
	TESTQ         CX, CX
	JNE           tail

done:
	VADDPD Z5, Z0, Z0
	F64SUM
	VZEROUPPER
	MOVSD X0, ret+32(FP)
	RET

// func mulScaleAVX512(out, x, w *float32, n int, r float32)
// out = (x·r)·w
TEXT ·mulScaleAVX512(SB), NOSPLIT, $0-36
	MOVQ out+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ w+16(FP), DX
	MOVQ n+24(FP), CX
	VBROADCASTSS r+32(FP), Z15
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMULPS  (SI), Z15, Z0
	VMULPS  (DX), Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (SI), K1, Z0
	VMOVUPS.Z (DX), K1, Z1
	VMULPS    Z15, Z0, Z0
	VMULPS    Z1, Z0, Z0
	VMOVUPS   Z0, K1, (DI)

done:
	VZEROUPPER
	RET

// func rmsBwdAVX512(dx, dy, x, w *float32, n int, r, coef float32)
// dx = (r·w)·dy − coef·x
TEXT ·rmsBwdAVX512(SB), NOSPLIT, $0-48
	MOVQ dx+0(FP), DI
	MOVQ dy+8(FP), SI
	MOVQ x+16(FP), DX
	MOVQ w+24(FP), R8
	MOVQ n+32(FP), CX
	VBROADCASTSS r+40(FP), Z14
	VBROADCASTSS coef+44(FP), Z15
	MOVQ CX, BX
	SHRQ $4, BX
	JEQ  tail

loop:
	VMULPS  (R8), Z14, Z0
	VMULPS  (SI), Z0, Z0
	VMULPS  (DX), Z15, Z1
	VSUBPS  Z1, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, R8
	ADDQ    $64, DI
	DECQ    BX
	JNE     loop

tail:
	ANDQ $15, CX
	JEQ  done
	TAILMASK512
	VMOVUPS.Z (R8), K1, Z2
	VMOVUPS.Z (SI), K1, Z3
	VMOVUPS.Z (DX), K1, Z4
	VMULPS    Z2, Z14, Z0
	VMULPS    Z3, Z0, Z0
	VMULPS    Z4, Z15, Z1
	VSUBPS    Z1, Z0, Z0
	VMOVUPS   Z0, K1, (DI)

done:
	VZEROUPPER
	RET

// func rmsDw64AVX512(acc *float64, dy, x *float32, ld int, r *float32, rows int)
// acc[j] += Σ_i dy[i*ld+j]·x[i*ld+j]·r[i] for j < 64, rows in order, the
// products formed in float64 and added with one rounding.
TEXT ·rmsDw64AVX512(SB), NOSPLIT, $0-48
	MOVQ acc+0(FP), DI
	MOVQ dy+8(FP), SI
	MOVQ x+16(FP), DX
	MOVQ ld+24(FP), R8
	MOVQ r+32(FP), R9
	MOVQ rows+40(FP), CX
	SHLQ $2, R8
	VPXORQ  Z0, Z0, Z0
	VMOVAPD Z0, Z1
	VMOVAPD Z0, Z2
	VMOVAPD Z0, Z3
	VMOVAPD Z0, Z4
	VMOVAPD Z0, Z5
	VMOVAPD Z0, Z6
	VMOVAPD Z0, Z7
	TESTQ CX, CX
	JEQ   done

#define DW16(off, a0, a1) \
	VMOVUPS       off(SI), Z9; \
	VMOVUPS       off(DX), Z10; \
	VCVTPS2PD     Y9, Z11; \
	VEXTRACTF64X4 $1, Z9, Y12; \
	VCVTPS2PD     Y12, Z12; \
	VCVTPS2PD     Y10, Z13; \
	VEXTRACTF64X4 $1, Z10, Y14; \
	VCVTPS2PD     Y14, Z14; \
	VMULPD        Z13, Z11, Z11; \
	VMULPD        Z14, Z12, Z12; \
	VFMADD231PD   Z8, Z11, a0; \
	VFMADD231PD   Z8, Z12, a1

loop:
	VCVTSS2SD    (R9), X8, X8
	VBROADCASTSD X8, Z8
	DW16(0, Z0, Z1)
	DW16(64, Z2, Z3)
	DW16(128, Z4, Z5)
	DW16(192, Z6, Z7)
	ADDQ R8, SI
	ADDQ R8, DX
	ADDQ $4, R9
	DECQ CX
	JNE  loop

done:
	VADDPD  (DI), Z0, Z0
	VADDPD  64(DI), Z1, Z1
	VADDPD  128(DI), Z2, Z2
	VADDPD  192(DI), Z3, Z3
	VADDPD  256(DI), Z4, Z4
	VADDPD  320(DI), Z5, Z5
	VADDPD  384(DI), Z6, Z6
	VADDPD  448(DI), Z7, Z7
	VMOVUPD Z0, (DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, 128(DI)
	VMOVUPD Z3, 192(DI)
	VMOVUPD Z4, 256(DI)
	VMOVUPD Z5, 320(DI)
	VMOVUPD Z6, 384(DI)
	VMOVUPD Z7, 448(DI)
	VZEROUPPER
	RET

// ---------------------------------------------------------------------------
// RoPE rows (AVX-512, half a multiple of 16). The same operations as the Go
// code, so the same bits.

// func ropeAVX512(x, cos, sin *float32, nHeads, half int, inverse bool)
// For each head h of one row (head size 2·half):
//   a = x[h·2half : +half], b = the next half
//   forward: a' = a·c − b·s, b' = b·c + a·s
//   inverse: a' = a·c + b·s, b' = b·c − a·s
TEXT ·ropeAVX512(SB), NOSPLIT, $0-41
	MOVQ x+0(FP), DI
	MOVQ cos+8(FP), R8
	MOVQ sin+16(FP), R9
	MOVQ nHeads+24(FP), CX
	MOVQ half+32(FP), R10
	MOVBLZX inverse+40(FP), R11
	SHLQ $2, R10
	TESTQ CX, CX
	JEQ   done

head:
	XORQ AX, AX

chunk:
	VMOVUPS (DI)(AX*1), Z0
	LEAQ    (DI)(R10*1), DX
	VMOVUPS (DX)(AX*1), Z1
	VMOVUPS (R8)(AX*1), Z2
	VMOVUPS (R9)(AX*1), Z3
	VMULPS  Z2, Z0, Z4
	VMULPS  Z3, Z1, Z5
	VMULPS  Z2, Z1, Z6
	VMULPS  Z3, Z0, Z7
	TESTQ   R11, R11
	JNE     inv
	VSUBPS  Z5, Z4, Z4
	VADDPS  Z7, Z6, Z6
	JMP     store

inv:
	VADDPS Z5, Z4, Z4
	VSUBPS Z7, Z6, Z6

store:
	VMOVUPS Z4, (DI)(AX*1)
	VMOVUPS Z6, (DX)(AX*1)
	ADDQ    $64, AX
	CMPQ    AX, R10
	JLT     chunk
	LEAQ    (DI)(R10*2), DI
	DECQ    CX
	JNE     head

done:
	VZEROUPPER
	RET
