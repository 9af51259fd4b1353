package ops

import "fmt"

// Axpy computes y += a·x elementwise; x and y must have the same length.
func Axpy(a float32, x, y []float32) {
	if len(x) != len(y) {
		panic(fmt.Sprintf("ops: Axpy: lengths %d and %d differ", len(x), len(y)))
	}
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		xv := x[i : i+4 : i+4]
		yv := y[i : i+4 : i+4]
		yv[0] += a * xv[0]
		yv[1] += a * xv[1]
		yv[2] += a * xv[2]
		yv[3] += a * xv[3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}
