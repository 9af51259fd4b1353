package ops

import "fmt"

// swigluBlock is the number of elements per parallel item.
const swigluBlock = 1024

// SwiGLU computes out = silu(gate)·up elementwise, silu(g) = g·sigmoid(g).
// out may alias gate or up.
func SwiGLU(out, gate, up []float32) {
	n := len(out)
	if len(gate) != n || len(up) != n {
		panic(fmt.Sprintf("ops: SwiGLU: lengths %d, %d, %d differ", len(out), len(gate), len(up)))
	}
	kn := active
	parallelFor((n+swigluBlock-1)/swigluBlock, 4*swigluBlock, func(lo, hi int) {
		a, b := lo*swigluBlock, min(hi*swigluBlock, n)
		kn.swiglu(out[a:b], gate[a:b], up[a:b])
	})
}

// SwiGLUBackward computes the gradients of SwiGLU given dout, overwriting
// dgate and dup. With s = sigmoid(gate):
//
//	dgate = dout·up·s·(1 + gate·(1−s))
//	dup   = dout·gate·s
//
// Any of the outputs may alias any of the inputs elementwise.
func SwiGLUBackward(dgate, dup, dout, gate, up []float32) {
	n := len(dout)
	if len(dgate) != n || len(dup) != n || len(gate) != n || len(up) != n {
		panic(fmt.Sprintf("ops: SwiGLUBackward: lengths %d, %d, %d, %d, %d differ", len(dgate), len(dup), len(dout), len(gate), len(up)))
	}
	kn := active
	parallelFor((n+swigluBlock-1)/swigluBlock, 5*swigluBlock, func(lo, hi int) {
		a, b := lo*swigluBlock, min(hi*swigluBlock, n)
		kn.swigluBwd(dgate[a:b], dup[a:b], dout[a:b], gate[a:b], up[a:b])
	})
}
