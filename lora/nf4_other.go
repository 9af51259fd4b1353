//go:build !amd64

package lora

var haveNF4AVX512 = false

// dequantBlocks has no assembly on this architecture.
func dequantBlocks(dst []float32, src []byte, absmax []float32) bool { return false }
