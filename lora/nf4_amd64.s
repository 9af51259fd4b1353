//go:build amd64

#include "textflag.h"

// func nf4DequantAVX512(dst *float32, src *byte, absmax *float32, nblocks int, consts *nf4AsmConsts)
//
// Per block: lut = code·absmax (16 lanes); then, 16 bytes at a time, the
// high and low nibbles become two index vectors, VPERMPS looks both up in
// lut, and VPERMT2PS interleaves them (high nibble first) into 32 values.
TEXT ·nf4DequantAVX512(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ absmax+16(FP), DX
	MOVQ nblocks+24(FP), CX
	MOVQ consts+32(FP), AX
	VMOVUPS 0(AX), Z31  // code
	VMOVDQU32 64(AX), Z27 // interleave, first half
	VMOVDQU32 128(AX), Z26 // interleave, second half
	MOVL $15, R8
	VPBROADCASTD R8, Z29

loop:
	TESTQ CX, CX
	JEQ done
	VBROADCASTSS (DX), Z30
	VMULPS Z31, Z30, Z30 // lut = absmax·code

	VPMOVZXBD 0(SI), Z0
	VPSRLD $4, Z0, Z1
	VPANDD Z29, Z0, Z2
	VPERMPS Z30, Z1, Z3
	VPERMPS Z30, Z2, Z4
	VMOVAPS Z3, Z5
	VPERMT2PS Z4, Z27, Z3
	VPERMT2PS Z4, Z26, Z5
	VMOVUPS Z3, 0(DI)
	VMOVUPS Z5, 64(DI)

	VPMOVZXBD 16(SI), Z0
	VPSRLD $4, Z0, Z1
	VPANDD Z29, Z0, Z2
	VPERMPS Z30, Z1, Z3
	VPERMPS Z30, Z2, Z4
	VMOVAPS Z3, Z5
	VPERMT2PS Z4, Z27, Z3
	VPERMT2PS Z4, Z26, Z5
	VMOVUPS Z3, 128(DI)
	VMOVUPS Z5, 192(DI)

	ADDQ $32, SI
	ADDQ $256, DI
	ADDQ $4, DX
	DECQ CX
	JMP loop

done:
	VZEROUPPER
	RET
