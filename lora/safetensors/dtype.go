package safetensors

// DType names the element type of a tensor, spelled as in the safetensors
// header ("F32", "BF16", ...).
//
// Every dtype below is recognised when a file is parsed, so files holding
// integer or 8-bit float tensors open normally and their raw bytes can be
// read with [File.Bytes]; only F32, F16 and BF16 can be read as float32.
type DType string

// The dtypes of the safetensors format that this package recognises.
const (
	F64    DType = "F64"     // IEEE 754 binary64
	F32    DType = "F32"     // IEEE 754 binary32
	F16    DType = "F16"     // IEEE 754 binary16
	BF16   DType = "BF16"    // bfloat16: the top half of a binary32
	F8E4M3 DType = "F8_E4M3" // 8-bit float, 4 exponent and 3 mantissa bits
	F8E5M2 DType = "F8_E5M2" // 8-bit float, 5 exponent and 2 mantissa bits
	I64    DType = "I64"
	I32    DType = "I32"
	I16    DType = "I16"
	I8     DType = "I8"
	U64    DType = "U64"
	U32    DType = "U32"
	U16    DType = "U16"
	U8     DType = "U8"
	BOOL   DType = "BOOL" // one byte per element
)

// Size returns the number of bytes one element of d occupies, or 0 if d is
// not a dtype this package knows.
func (d DType) Size() int {
	switch d {
	case F64, I64, U64:
		return 8
	case F32, I32, U32:
		return 4
	case F16, BF16, I16, U16:
		return 2
	case F8E4M3, F8E5M2, I8, U8, BOOL:
		return 1
	}
	return 0
}
