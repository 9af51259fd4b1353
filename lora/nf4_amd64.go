//go:build amd64

package lora

import "golang.org/x/sys/cpu"

// nf4AsmConsts is what the assembly dequantiser reads: the code table and
// the two index vectors that interleave first and second values of bytes.
type nf4AsmConsts struct {
	code [16]float32
	lo   [16]int32 // 0, 16, 1, 17, ..., 7, 23
	hi   [16]int32 // 8, 24, ..., 15, 31
}

var nf4Consts = func() *nf4AsmConsts {
	c := &nf4AsmConsts{code: nf4Code}
	for i := range 8 {
		c.lo[2*i], c.lo[2*i+1] = int32(i), int32(16+i)
		c.hi[2*i], c.hi[2*i+1] = int32(8+i), int32(24+i)
	}
	return c
}()

// nf4DequantAVX512 dequantises nblocks whole blocks: 32·nblocks bytes of
// src into 64·nblocks values of dst, block b scaled by absmax[b]. Each
// value is code[index]·absmax computed as one float32 multiply, as the Go
// loop computes it.
//
//go:noescape
func nf4DequantAVX512(dst *float32, src *byte, absmax *float32, nblocks int, consts *nf4AsmConsts)

var haveNF4AVX512 = cpu.X86.HasAVX512F

// dequantBlocks writes whole blocks [b0, b0+len(absmax)) of src into dst
// with the given absmax values, reporting false when there is no assembly
// for this machine.
func dequantBlocks(dst []float32, src []byte, absmax []float32) bool {
	n := len(absmax)
	if !haveNF4AVX512 || n == 0 {
		return false
	}
	_ = dst[n*NF4BlockSize-1]
	_ = src[n*NF4BlockSize/2-1]
	nf4DequantAVX512(&dst[0], &src[0], &absmax[0], n, nf4Consts)
	return true
}
