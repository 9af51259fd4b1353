#!/usr/bin/env python3
"""Reference DPO step in plain PyTorch + PEFT (no TRL), for comparing
training tokens/s with `arena bench dpo`.

The model is a Hugging Face LlamaForCausalLM: either built from a size
preset with random weights, or loaded from a Hugging Face directory (for
example the one `arena bench dpo --out DIR` writes, whose pairs_ids.jsonl
then gives the exact token ids our trainer used). LoRA r=16 on q, k, v and
o via peft; bf16 weights and activations; AdamW on the adapter only.

The DPO loss is written out by hand: the policy is the model with the
adapter, the reference the same model with the adapter disabled (no second
copy), each sequence's log-probability the sum of its completion tokens'
log-probabilities, and loss = -log sigmoid(beta * ((pc - rc) - (pr - rr))).

Reports training tokens/s (non-padding tokens of chosen and rejected
sequences), peak GPU memory, model TFLOPS at 6*N FLOPs a token (policy
forward and backward, reference forward; N = parameters) and the fraction
of --peak-tflops; then generation tokens/s at batch --gen-batch.
"""
import argparse
import json
import math
import random
import time

import torch
import torch.nn.functional as F
from peft import LoraConfig, get_peft_model
from transformers import LlamaConfig, LlamaForCausalLM

# The same shapes as `arena bench dpo --size` (cmd/arena/bench.go).
SIZES = {
    "tiny": dict(hidden_size=128, intermediate_size=352, num_hidden_layers=2, num_attention_heads=4),
    "100m": dict(hidden_size=768, intermediate_size=2048, num_hidden_layers=12, num_attention_heads=12),
    "300m": dict(hidden_size=1024, intermediate_size=2816, num_hidden_layers=24, num_attention_heads=16),
    "500m": dict(hidden_size=1280, intermediate_size=3456, num_hidden_layers=24, num_attention_heads=20),
}


def build_model(args, device):
    if args.model:
        model = LlamaForCausalLM.from_pretrained(args.model, torch_dtype=torch.bfloat16)
    else:
        shape = SIZES[args.size]
        cfg = LlamaConfig(vocab_size=args.vocab, max_position_embeddings=2048, rms_norm_eps=1e-5,
                          rope_theta=10000.0, tie_word_embeddings=True,
                          num_key_value_heads=shape["num_attention_heads"], **shape)
        torch.manual_seed(args.seed)
        model = LlamaForCausalLM(cfg).to(torch.bfloat16)
    model.config.use_cache = False
    return model.to(device)


def load_pairs(args, vocab):
    """Token-id pairs: from pairs_ids.jsonl, or random ids of fixed lengths."""
    if args.pairs_ids:
        with open(args.pairs_ids) as f:
            return [json.loads(line) for line in f if line.strip()]
    rng = random.Random(args.seed)
    ids = lambda n: [rng.randrange(vocab) for _ in range(n)]
    return [{"prompt": ids(args.prompt_len), "chosen": ids(args.completion_len), "rejected": ids(args.completion_len)}
            for _ in range(args.pairs)]


def make_batch(pairs, pad, device):
    """Rows 2i and 2i+1 are pair i's chosen and rejected sequences; labels
    are -100 except on completion tokens (shifted: logits at t predict t+1)."""
    seqs, labels = [], []
    for p in pairs:
        for comp in (p["chosen"], p["rejected"]):
            s = p["prompt"] + comp
            seqs.append(s)
            labels.append([-100] * len(p["prompt"]) + comp)
    T = max(len(s) for s in seqs)
    tokens = torch.full((len(seqs), T), pad, dtype=torch.long)
    lab = torch.full((len(seqs), T), -100, dtype=torch.long)
    mask = torch.zeros((len(seqs), T), dtype=torch.long)
    for i, (s, l) in enumerate(zip(seqs, labels)):
        tokens[i, :len(s)] = torch.tensor(s)
        lab[i, :len(l)] = torch.tensor(l)
        mask[i, :len(s)] = 1
    real = sum(len(s) for s in seqs)
    return tokens.to(device), lab.to(device), mask.to(device), real


def seq_logprobs(model, tokens, labels, mask):
    logits = model(input_ids=tokens, attention_mask=mask).logits[:, :-1].float()
    target = labels[:, 1:]
    keep = target != -100
    lp = torch.gather(F.log_softmax(logits, dim=-1), 2, target.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return (lp * keep).sum(-1)


def dpo_step(model, opt, batch, beta):
    tokens, labels, mask, _ = batch
    with torch.no_grad(), model.disable_adapter():
        ref = seq_logprobs(model, tokens, labels, mask)
    pol = seq_logprobs(model, tokens, labels, mask)
    h = (pol[0::2] - ref[0::2]) - (pol[1::2] - ref[1::2])
    loss = -F.logsigmoid(beta * h).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
    opt.step()
    return loss.item()


def bench_generate(model, args, device):
    """Greedy generation of --gen-tokens new tokens for --gen-batch prompts
    of --prompt-len random ids, with the KV cache; tokens/s counts new
    tokens of all sequences."""
    model.config.use_cache = True
    g = torch.Generator().manual_seed(args.seed)
    prompts = torch.randint(0, model.config.vocab_size, (args.gen_batch, args.prompt_len), generator=g).to(device)
    with torch.no_grad():
        model.generate(prompts, max_new_tokens=4, do_sample=False, min_new_tokens=4, pad_token_id=0)  # warm-up
        torch.cuda.synchronize()
        start = time.perf_counter()
        out = model.generate(prompts, max_new_tokens=args.gen_tokens, min_new_tokens=args.gen_tokens,
                             do_sample=False, pad_token_id=0)
        torch.cuda.synchronize()
        el = time.perf_counter() - start
    new = (out.shape[1] - args.prompt_len) * args.gen_batch
    print(f"generation: batch {args.gen_batch}, {new} new tokens in {el:.2f}s: {new / el:.1f} tokens/s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="Hugging Face model directory (instead of --size with random weights)")
    ap.add_argument("--size", default="100m", choices=sorted(SIZES))
    ap.add_argument("--vocab", type=int, default=32000, help="vocab size of a --size model")
    ap.add_argument("--pairs-ids", help="pairs_ids.jsonl written by `arena bench dpo`")
    ap.add_argument("--pairs", type=int, default=64, help="random pairs when --pairs-ids is not given")
    ap.add_argument("--prompt-len", type=int, default=64)
    ap.add_argument("--completion-len", type=int, default=64)
    ap.add_argument("--batch", type=int, default=4, help="pairs per step")
    ap.add_argument("--steps", type=int, default=20, help="timed steps (after --warmup)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--beta", type=float, default=0.1)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--peak-tflops", type=float, default=989.0, help="dense bf16 peak (989: H100 SXM)")
    ap.add_argument("--gen-batch", type=int, default=32)
    ap.add_argument("--gen-tokens", type=int, default=128)
    ap.add_argument("--no-generate", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    device = "cuda"
    base = build_model(args, device)
    n_params = sum(p.numel() for p in base.parameters())
    model = get_peft_model(base, LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.0,
                                            target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]))
    for p in model.parameters():
        if p.requires_grad:
            p.data = p.data.float()  # adapter weights and AdamW state in float32, as PEFT users usually keep them
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.0)
    pairs = load_pairs(args, base.config.vocab_size)
    batches = [make_batch(pairs[i:i + args.batch], 0, device) for i in range(0, len(pairs) - args.batch + 1, args.batch)]
    if not batches:
        raise SystemExit("fewer pairs than --batch")
    print(f"model: {n_params / 1e6:.1f}M parameters, LoRA r={args.rank} on q,k,v,o, {len(pairs)} pairs, batch {args.batch}")

    autocast = torch.autocast("cuda", dtype=torch.bfloat16)
    with autocast:
        for i in range(args.warmup):
            dpo_step(model, opt, batches[i % len(batches)], args.beta)
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    tokens = 0
    start = time.perf_counter()
    with autocast:
        for i in range(args.steps):
            b = batches[i % len(batches)]
            loss = dpo_step(model, opt, b, args.beta)
            tokens += b[3]
    torch.cuda.synchronize()
    el = time.perf_counter() - start
    tps = tokens / el
    tflops = 6 * n_params * tps / 1e12
    print(f"dpo: {args.steps} steps, {tokens} tokens in {el:.2f}s: {tps:.1f} tokens/s, last loss {loss:.4f}")
    print(f"peak GPU memory {torch.cuda.max_memory_allocated() / 2**30:.2f} GiB; model TFLOPS {tflops:.2f} "
          f"= {tflops / args.peak_tflops:.1%} of {args.peak_tflops:g} TFLOPS bf16 peak")
    if not args.no_generate:
        with autocast:
            bench_generate(model, args, device)


if __name__ == "__main__":
    main()
