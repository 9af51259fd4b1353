package ops

import (
	"fmt"
	"math"
)

// CrossEntropy computes the softmax cross-entropy of logits ([len(targets),
// V], one row per target) against targets. A negative target means the row
// is ignored: it adds no loss and gets a zero gradient. It returns the sum
// over counted rows of −log softmax(logits)[target], in float64 and in row
// order, and n, the number of counted rows.
//
// When dlogits is non-nil it receives scale·(softmax − onehot) per row
// (zero rows for ignored targets); dlogits may be logits itself.
func CrossEntropy(dlogits, logits []float32, targets []int, V int, scale float32) (loss float64, n int) {
	rows := len(targets)
	checkRows("CrossEntropy", "logits", logits, rows, V)
	if dlogits != nil {
		checkRows("CrossEntropy", "dlogits", dlogits, rows, V)
	}
	for i, t := range targets {
		if t >= V {
			panic(fmt.Sprintf("ops: CrossEntropy: target %d of row %d outside vocabulary of %d", t, i, V))
		}
		if t >= 0 {
			n++
		}
	}
	if V == 0 {
		return 0, n
	}
	losses := make([]float64, rows)
	kn := active
	parallelFor(rows, 4*V, func(lo, hi int) {
		var scratch *[]float32
		if dlogits == nil {
			scratch = getBuf(V)
			defer putBuf(scratch)
		}
		for i := lo; i < hi; i++ {
			var d []float32
			if dlogits != nil {
				d = dlogits[i*V : (i+1)*V]
			} else {
				d = (*scratch)[:V]
			}
			losses[i] = kn.rowCrossEntropy(d, logits[i*V:(i+1)*V], targets[i], scale, dlogits != nil)
		}
	})
	for _, l := range losses {
		loss += l
	}
	return loss, n
}

// rowCrossEntropy handles one row: it returns the row's loss and, when
// grad, leaves the row's gradient in d. d receives e^(x−max) either way
// (it is scratch space when grad is false) and may alias x.
func (kn *kernels) rowCrossEntropy(d, x []float32, t int, scale float32, grad bool) float64 {
	if t < 0 {
		if grad {
			clear(d)
		}
		return 0
	}
	m := kn.vmax(x)
	xt := x[t]
	sum := kn.expSum(d, x, 1, m)
	if grad {
		et := float64(d[t])
		kn.vscale(d, float32(float64(scale)/sum))
		d[t] = float32((et/sum - 1) * float64(scale))
	}
	return float64(m) + math.Log(sum) - float64(xt)
}
