package cuda

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/rlfc/arena/lora"
)

// Generate continues each prompt by exactly maxNew tokens, all prompts
// advancing together one batched step per token, with a KV cache on the
// backend: the prompts run through one forward pass (padded to the
// longest; padding comes after a prompt, so causal attention keeps it out
// of the prompt's rows) that fills the caches, then each step feeds one
// token per sequence and attends to its cache. With withAdapter the
// attached adapter is applied. Tokens in ban are never chosen (as lora's
// MinTokens keeps special tokens out); nothing stops a sequence early,
// which is what a throughput benchmark wants.
//
// Tokens are chosen on the host by lora's sampler: sequence b draws
// lora.Draw(lora.SampleSeed(seed, b), t) at position t and picks as
// s.Pick does, so a reply made here verifies like one made by
// lora.Model.Generate with the same settings and seed, and choices match
// it except where two logits are within rounding of each other.
func (e *Engine) Generate(prompts [][]int, maxNew int, withAdapter bool, ban []int, s lora.Sampling, seed uint64) ([][]int, error) {
	c := &e.cfg
	B := len(prompts)
	if B == 0 || maxNew <= 0 {
		return make([][]int, B), nil
	}
	if withAdapter && e.adapter == nil {
		return nil, errors.New("cuda: generate: no adapter attached")
	}
	P := 0
	for i, p := range prompts {
		if len(p) == 0 {
			return nil, fmt.Errorf("cuda: generate: prompt %d is empty", i)
		}
		P = max(P, len(p))
	}
	maxLen := P + maxNew
	if maxLen > c.MaxPositionEmbeddings {
		return nil, fmt.Errorf("cuda: generate: %d prompt and %d new tokens exceed max_position_embeddings %d", P, maxNew, c.MaxPositionEmbeddings)
	}
	if maxLen > DecodeMaxLen {
		return nil, fmt.Errorf("cuda: generate: %d positions exceed the decoding kernel's %d", maxLen, DecodeMaxLen)
	}
	L, d, ff, hd, V := c.NumHiddenLayers, c.HiddenSize, c.IntermediateSize, c.Head(), c.VocabSize
	nH, nKV := c.NumAttentionHeads, c.NumKeyValueHeads
	qd, kvd := nH*hd, nKV*hd
	eps := float32(c.RMSNormEps)
	be := e.be

	// Buffers: the caches and one step's activations.
	var bufs []Buf
	defer func() {
		for _, b := range bufs {
			be.Free(b)
		}
	}()
	var aerr error
	al := func(dt DType, n int) Buf {
		if aerr != nil {
			return Buf{}
		}
		b, err := be.Alloc(dt, n)
		if err != nil {
			aerr = err
			return b
		}
		bufs = append(bufs, b)
		return b
	}
	kc, vc := make([]Buf, L), make([]Buf, L)
	for l := range L {
		kc[l], vc[l] = al(F32DType, B*maxLen*kvd), al(F32DType, B*maxLen*kvd)
	}
	x, xn, q, k, v := al(F32DType, B*d), al(F32DType, B*d), al(F32DType, B*qd), al(F32DType, B*kvd), al(F32DType, B*kvd)
	att, mid, gate, up, act := al(F32DType, B*qd), al(F32DType, B*d), al(F32DType, B*ff), al(F32DType, B*ff), al(F32DType, B*ff)
	rinv, logits, pos := al(F32DType, B), al(F32DType, B*V), al(I32DType, B)
	if aerr != nil {
		return nil, aerr
	}

	// Prefill.
	tokens := make([]int, B*P)
	for b, p := range prompts {
		copy(tokens[b*P:], p)
		for t := len(p); t < P; t++ {
			tokens[b*P+t] = p[len(p)-1]
		}
	}
	if err := e.Forward(tokens, B, P, withAdapter); err != nil {
		return nil, err
	}
	ps := e.pass
	for l := range L {
		for b := range B {
			if err := be.Copy(kc[l].Slice(b*maxLen*kvd, P*kvd), ps.k[l].Slice(b*P*kvd, P*kvd)); err != nil {
				return nil, err
			}
			if err := be.Copy(vc[l].Slice(b*maxLen*kvd, P*kvd), ps.v[l].Slice(b*P*kvd, P*kvd)); err != nil {
				return nil, err
			}
		}
	}
	full, err := e.Logits()
	if err != nil {
		return nil, err
	}
	host := make([]float32, B*V)
	for b, p := range prompts {
		copy(host[b*V:(b+1)*V], full[(b*P+len(p)-1)*V:(b*P+len(p))*V])
	}

	out := make([][]int, B)
	next := make([]int, B)
	seeds := make([]uint64, B)
	for b := range seeds {
		seeds[b] = lora.SampleSeed(seed, b)
	}
	pos32 := make([]int32, B)
	x0 := make([]float32, B*d)
	for step := range maxNew {
		for b := range B {
			row := host[b*V : (b+1)*V]
			for _, id := range ban {
				row[id] = float32(math.Inf(-1))
			}
			tok := s.Pick(row, lora.Draw(seeds[b], step))
			next[b] = tok
			out[b] = append(out[b], tok)
		}
		if step == maxNew-1 {
			break
		}
		for b, p := range prompts {
			pos32[b] = int32(len(p) + step)
			copy(x0[b*d:(b+1)*d], e.embed[next[b]*d:(next[b]+1)*d])
		}
		if err := be.Upload(pos, pos32); err != nil {
			return nil, err
		}
		if err := be.Upload(x, x0); err != nil {
			return nil, err
		}
		for l := range L {
			if err := be.RMSNorm(xn, rinv, x, e.attnNorm[l], B, d, eps); err != nil {
				return nil, err
			}
			xb, err := e.toBF16(xn)
			if err != nil {
				return nil, err
			}
			for _, pr := range []struct {
				k int
				y Buf
			}{{0, q}, {1, k}, {2, v}} {
				if err := e.linFwd(l, pr.k, pr.y, xn, xb, B); err != nil {
					return nil, err
				}
			}
			if err := be.RoPE(q, pos, e.cos, e.sin, B, nH, hd, false); err != nil {
				return nil, err
			}
			if err := be.RoPE(k, pos, e.cos, e.sin, B, nKV, hd, false); err != nil {
				return nil, err
			}
			if err := be.KVAppend(kc[l], vc[l], k, v, pos, B, maxLen, kvd); err != nil {
				return nil, err
			}
			if err := be.AttentionDecode(att, q, kc[l], vc[l], pos, B, maxLen, nH, nKV, hd); err != nil {
				return nil, err
			}
			if xb, err = e.toBF16(att); err != nil {
				return nil, err
			}
			if err := e.linFwd(l, 3, mid, att, xb, B); err != nil {
				return nil, err
			}
			if err := be.AddScaled(x, mid, 1); err != nil {
				return nil, err
			}
			if err := be.RMSNorm(xn, rinv, x, e.mlpNorm[l], B, d, eps); err != nil {
				return nil, err
			}
			if xb, err = e.toBF16(xn); err != nil {
				return nil, err
			}
			if err := e.linFwd(l, 4, gate, xn, xb, B); err != nil {
				return nil, err
			}
			if err := e.linFwd(l, 5, up, xn, xb, B); err != nil {
				return nil, err
			}
			if err := be.SwiGLU(act, gate, up); err != nil {
				return nil, err
			}
			if xb, err = e.toBF16(act); err != nil {
				return nil, err
			}
			if err := e.linFwd(l, 6, mid, act, xb, B); err != nil {
				return nil, err
			}
			if err := be.AddScaled(x, mid, 1); err != nil {
				return nil, err
			}
		}
		if err := be.RMSNorm(xn, rinv, x, e.norm, B, d, eps); err != nil {
			return nil, err
		}
		if e.prec == BF16 {
			xb, err := e.toBF16(xn)
			if err != nil {
				return nil, err
			}
			err = be.Gemm(false, true, B, V, d, xb, d, e.head, d, 0, logits, V)
			if err != nil {
				return nil, err
			}
		} else if err := be.Gemm(false, true, B, V, d, xn, d, e.head, d, 0, logits, V); err != nil {
			return nil, err
		}
		if err := be.Download(host, logits); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TimeGenerate measures greedy batched generation on be: it puts m (and
// adapter a, when not nil) on the backend, generates 2 tokens to warm up
// (the generation kernels compile on first use), then maxNew tokens for
// every prompt, and returns those tokens and the time they took
// (prefill included, the setup and warm-up not).
func TimeGenerate(be Backend, m *lora.Model, a *lora.Adapter, prompts [][]int, maxNew int, prec Precision) ([][]int, time.Duration, error) {
	e, err := NewEngine(be, m, prec)
	if err != nil {
		return nil, 0, err
	}
	defer e.Close()
	if a != nil {
		if err := e.Attach(a, &lora.AdamW{}); err != nil {
			return nil, 0, err
		}
	}
	if _, err := e.Generate(prompts, min(2, maxNew), a != nil, nil, lora.Sampling{}, 0); err != nil {
		return nil, 0, err
	}
	if err := be.Sync(); err != nil {
		return nil, 0, err
	}
	start := time.Now()
	out, err := e.Generate(prompts, maxNew, a != nil, nil, lora.Sampling{}, 0)
	if err != nil {
		return nil, 0, err
	}
	if err := be.Sync(); err != nil {
		return nil, 0, err
	}
	return out, time.Since(start), nil
}
