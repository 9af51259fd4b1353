#!/bin/bash
# One GPU session: parity tests, then arena bench dpo against PyTorch+PEFT.
# Every step writes its output under $OUT as it goes; optional steps are
# skipped once the session has run for DEADLINE seconds.
set -u
DEADLINE=${DEADLINE:-430}
ROOT=$(pwd)
G=$ROOT/tmp/gpu
B=/tmp/gpubin
mkdir -p $B
gunzip -c $G/arena.gz > $B/arena && gunzip -c $G/cuda.test.gz > $B/cuda.test && chmod +x $B/arena $B/cuda.test
nvidia-smi > $OUT/0-nvidia-smi.txt 2>&1
SITE=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null)
DIRS=$(find /usr/local/cuda-13.0 /usr/local/cuda /usr/lib/x86_64-linux-gnu $SITE \( -name 'libnvrtc.so.13*' -o -name 'libcublas.so.13*' -o -name 'libnvrtc-builtins.so.13*' \) 2>/dev/null | xargs -r -n1 dirname | sort -u | paste -sd:)
export ARENA_CUDA_LIB_DIRS="$DIRS"
export LD_LIBRARY_PATH="$DIRS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export ARENA_CUDA_REQUIRE=1
{ echo "lib dirs: $DIRS"; python3 -c 'import torch, transformers, peft; print("torch", torch.__version__, "transformers", transformers.__version__, "peft", peft.__version__)'; } > $OUT/0-env.txt 2>&1
step() { # name, timeout, command...
  local name=$1 t=$2; shift 2
  echo "== $name: $*" > $OUT/$name.txt
  local s=$SECONDS
  timeout $t "$@" >> $OUT/$name.txt 2>&1
  echo "== exit $? after $((SECONDS - s))s (session ${SECONDS}s)" >> $OUT/$name.txt
}
late() { [ $SECONDS -ge $DEADLINE ] && echo "skipped: session at ${SECONDS}s" > $OUT/$1.txt; }
cd $ROOT/lora/cuda
step 1-kernels 90 $B/cuda.test -test.v -test.timeout 85s -test.run 'TestParity(RMSNorm|RoPE|SwiGLU|Attention|AttentionDecode|LogProbs|NF4|AdamW|Gemm)$|TestDeviceAllocatorReuse'
step 2-engine-embedded 120 $B/cuda.test -test.v -test.timeout 115s -test.run 'TestParityEngineEmbedded|TestGPURecordVerifiesOnCPU|TestParityGenerate'
step 3-engine-100m 150 $B/cuda.test -test.v -test.timeout 145s -test.run 'TestParityEngine100M'
cd $ROOT
step 4-ours-bf16-b4 120 $B/arena bench dpo --size 100m --out /tmp/m100 --pairs 64 --batch 4 --device cuda --precision bf16
step 5-peft-b4 180 python3 bench/dpo_peft.py --model /tmp/m100 --pairs-ids /tmp/m100/pairs_ids.jsonl --batch 4 --steps 20
late 6-ours-f32-b4 || step 6-ours-f32-b4 60 $B/arena bench dpo --model /tmp/m100 --pairs 64 --batch 4 --device cuda --precision f32 --gen-batch 0
late 7-ours-bf16-b16 || step 7-ours-bf16-b16 60 $B/arena bench dpo --model /tmp/m100 --out /tmp/m100 --pairs 128 --batch 16 --device cuda --precision bf16 --gen-batch 0
late 8-peft-b16 || step 8-peft-b16 120 python3 bench/dpo_peft.py --model /tmp/m100 --pairs-ids /tmp/m100/pairs_ids.jsonl --batch 16 --steps 8 --no-generate
echo "done at ${SECONDS}s" > $OUT/9-done.txt
