package ops

import (
	"fmt"
	"math"
)

// Attention is built from the packed Gemm machinery (gemmRange), run
// serially inside parallel tasks. Every element is a fixed-order sum that
// does not depend on T, past or the row blocking: terms for masked keys are
// exact zeros (or left out, which gives the same bits), so a row computed
// from a KV cache equals the same row of a full computation.

// attnRowTiles is the number of query rows per forward task (and per
// causal block in the backward pass), in units of the kernel's mr.
const attnRowTiles = 4

func checkAttention(op string, q, k, v, out []float32, T, L, nH, nKV, hd int) {
	if T < 0 || L < T || nH <= 0 || nKV <= 0 || hd <= 0 || nH%nKV != 0 {
		panic(fmt.Sprintf("ops: %s: bad shape T=%d keys=%d heads=%d kv heads=%d head dim=%d", op, T, L, nH, nKV, hd))
	}
	qd, kvd := nH*hd, nKV*hd
	if len(q) < T*qd || len(out) < T*qd || len(k) < L*kvd || len(v) < L*kvd {
		panic(fmt.Sprintf("ops: %s: buffers too short for T=%d keys=%d heads=%d kv heads=%d head dim=%d", op, T, L, nH, nKV, hd))
	}
}

// Attention computes causal grouped-query attention for T query rows at
// positions past..past+T-1 of one sequence. q and out are [T, nH*hd]; k and
// v are [≥past+T, nKV*hd] (a longer cache is fine: only rows < past+T are
// read). Query row t attends to key rows 0..past+t; head h uses kv head
// h/(nH/nKV); scores are scaled by 1/sqrt(hd) and go through a stable
// softmax.
//
// probs is optional (nil in generation). When non-nil and past is 0 it must
// hold nH·T·T values, laid out [h][t][s], and receives the softmax
// probabilities for AttentionBackward, zero above the diagonal. It is
// ignored when past > 0.
func Attention(out, probs, q, k, v []float32, T, past, nH, nKV, hd int) {
	L := past + T
	checkAttention("Attention", q, k, v, out, T, L, nH, nKV, hd)
	if past != 0 {
		probs = nil
	}
	if probs != nil && len(probs) < nH*T*T {
		panic(fmt.Sprintf("ops: Attention: probs has %d values, want %d", len(probs), nH*T*T))
	}
	if T == 0 {
		return
	}
	if probs == nil && T <= decodeMaxT {
		attentionDecode(out, q, k, v, T, past, nH, nKV, hd)
		return
	}
	kn := active
	G := nH / nKV
	qd, kvd := nH*hd, nKV*hd
	scale := float32(1 / math.Sqrt(float64(hd)))
	rb := attnRowTiles * kn.mr
	nblk := (T + rb - 1) / rb
	nr := kn.nr

	// One task: kv head g, query rows [r0, r1), all G query heads.
	cost := 4 * G * rb * L * hd
	parallelFor(nKV*nblk, cost, func(lo, hi int) {
		for task := lo; task < hi; task++ {
			g, blk := task/nblk, task%nblk
			r0 := blk * rb
			r1 := min(r0+rb, T)
			rows, keys := r1-r0, past+r1
			// Kᵀ for the scores, packed once for the group; V is read in
			// place when its width is whole panels.
			kpad, vpad := roundUp(keys, nr), 0
			if hd%nr != 0 {
				vpad = roundUp(hd, nr)
			}
			buf := getBuf(hd*kpad + keys*vpad + rows*keys)
			kt := kn.packBAll((*buf)[:hd*kpad], true, hd, keys, k[g*hd:], kvd, false)
			vp := kn.bview((*buf)[hd*kpad:hd*kpad+keys*vpad], keys, hd, v[g*hd:], kvd)
			for h := g * G; h < (g+1)*G; h++ {
				// Scores go straight into probs when it is kept.
				s, lds := (*buf)[hd*kpad+keys*vpad:], keys
				if probs != nil {
					s, lds = probs[h*T*T+r0*T:h*T*T+r1*T], T
				}
				kn.gemmRange(false, q[r0*qd+h*hd:], qd, &kt, s, lds, 0, rows, 0, keys, 0, hd, false)
				for i := range rows {
					kn.softmaxRow(s[i*lds:i*lds+lds], past+r0+i+1, scale)
				}
				kn.gemmRange(false, s, lds, &vp, out[r0*qd+h*hd:], qd, 0, rows, 0, hd, 0, keys, false)
			}
			putBuf(buf)
		}
	})
}

// decodeMaxT is the largest number of new rows that attentionDecode
// handles; longer runs (prompt prefill) use the blocked path.
const decodeMaxT = 4

// attentionDecode is Attention for a few new rows against a KV cache. It
// works one query row at a time with the G heads that share a kv head as
// the rows of each product, reads V in place, and stops each row's sums at
// its last visible key. Every element is computed with the same chain of
// multiply-adds as in the blocked path (only zero terms are left out), so
// the results are bit for bit the same.
func attentionDecode(out, q, k, v []float32, T, past, nH, nKV, hd int) {
	kn := active
	G := nH / nKV
	qd, kvd := nH*hd, nKV*hd
	L := past + T
	scale := float32(1 / math.Sqrt(float64(hd)))
	nr := kn.nr
	kpad := roundUp(L, nr)
	parallelFor(nKV, 4*G*T*L*hd, func(lo, hi int) {
		// Scores for G heads; the kernel may read up to sub rows.
		sRows := roundUp(G, kn.sub)
		size := hd*kpad + sRows*L
		if hd%nr != 0 {
			size += L * roundUp(hd, nr)
		}
		buf := getBuf(size)
		defer putBuf(buf)
		b := *buf
		s := b[hd*kpad : hd*kpad+sRows*L]
		for g := lo; g < hi; g++ {
			kt := kn.packBAll(b[:hd*kpad], true, hd, L, k[g*hd:], kvd, false)
			vb := kn.bview(b[hd*kpad+sRows*L:], L, hd, v[g*hd:], kvd)
			for t := range T {
				keys := past + t + 1
				qt := q[t*qd+g*G*hd:]
				kn.gemmRange(false, qt, hd, &kt, s, L, 0, G, 0, keys, 0, hd, false)
				for i := range G {
					kn.softmaxRow(s[i*L:i*L+keys], keys, scale)
				}
				kn.gemmRange(false, s, L, &vb, out[t*qd+g*G*hd:], hd, 0, G, 0, hd, 0, keys, false)
			}
		}
	})
}

// softmaxRow replaces row[:n] by softmax(row[:n]·scale) and zeroes the
// rest of row. scale must be positive.
func (kn *kernels) softmaxRow(row []float32, n int, scale float32) {
	x := row[:n]
	// max(x)·scale is max(x·scale): rounding is monotonic.
	m := kn.vmax(x) * scale
	sum := kn.expSum(x, x, scale, m)
	kn.vscale(x, float32(1/sum))
	clear(row[n:])
}

// AttentionBackward is the backward pass of Attention for past = 0: given
// dout [T, nH*hd] and the probs that Attention saved, it overwrites dq
// [T, nH*hd], dk and dv [T, nKV*hd]. The contributions of the query heads
// that share a kv head are summed in head order.
func AttentionBackward(dq, dk, dv, dout, probs, q, k, v []float32, T, nH, nKV, hd int) {
	checkAttention("AttentionBackward", q, k, v, dq, T, T, nH, nKV, hd)
	checkAttention("AttentionBackward", dout, dk, dv, dq, T, T, nH, nKV, hd)
	if len(probs) < nH*T*T {
		panic(fmt.Sprintf("ops: AttentionBackward: probs has %d values, want %d", len(probs), nH*T*T))
	}
	if T == 0 {
		return
	}
	kn := active
	G := nH / nKV
	qd, kvd := nH*hd, nKV*hd
	scale := float32(1 / math.Sqrt(float64(hd)))
	rb := attnRowTiles * kn.mr
	nr := kn.nr
	tpad, hpad := roundUp(T, nr), 0
	if hd%nr != 0 {
		hpad = roundUp(hd, nr)
	}

	parallelFor(nKV, 8*G*T*T*hd, func(lo, hi int) {
		buf := getBuf(hd*tpad + 3*T*hpad + T*T)
		defer putBuf(buf)
		b := *buf
		for g := lo; g < hi; g++ {
			vt := kn.packBAll(b[:hd*tpad], true, hd, T, v[g*hd:], kvd, false)
			kp := kn.bview(b[hd*tpad:hd*tpad+T*hpad], T, hd, k[g*hd:], kvd)
			ds := b[hd*tpad+3*T*hpad:]
			for hi, h := 0, g*G; h < (g+1)*G; hi, h = hi+1, h+1 {
				p := probs[h*T*T : (h+1)*T*T]
				// dP = dout_h·Vᵀ, only on and below the diagonal.
				for r0 := 0; r0 < T; r0 += rb {
					r1 := min(r0+rb, T)
					kn.gemmRange(false, dout[h*hd:], qd, &vt, ds, T, r0, r1, 0, r1, 0, hd, false)
				}
				// dS = P ⊙ (dP − rowsum(P ⊙ dP)) · scale.
				for t := range T {
					dr := ds[t*T : t*T+T]
					kn.softmaxBwd(dr[:t+1], p[t*T:t*T+t+1], scale)
					clear(dr[t+1:])
				}
				// dq_h = dS·K; row t needs keys ≤ t.
				for r0 := 0; r0 < T; r0 += rb {
					r1 := min(r0+rb, T)
					kn.gemmRange(false, ds, T, &kp, dq[h*hd:], qd, r0, r1, 0, hd, 0, r1, false)
				}
				// dk_g += dSᵀ·q_h and dv_g += Pᵀ·dout_h; key j gets terms
				// from rows t ≥ j.
				qp := kn.bview(b[hd*tpad+T*hpad:hd*tpad+2*T*hpad], T, hd, q[h*hd:], qd)
				op := kn.bview(b[hd*tpad+2*T*hpad:hd*tpad+3*T*hpad], T, hd, dout[h*hd:], qd)
				for j0 := 0; j0 < T; j0 += rb {
					j1 := min(j0+rb, T)
					kn.gemmRange(true, ds, T, &qp, dk[g*hd:], kvd, j0, j1, 0, hd, j0, T, hi > 0)
					kn.gemmRange(true, p, T, &op, dv[g*hd:], kvd, j0, j1, 0, hd, j0, T, hi > 0)
				}
			}
		}
	})
}
