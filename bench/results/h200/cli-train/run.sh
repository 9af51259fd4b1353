#!/bin/bash
# Device check: arena train --device cuda end to end (QLoRA bf16 and f32,
# plain f32 through auto), each record verified on the CPU by pol verify.
set -u
G=$(cd "$(dirname "$0")" && pwd)
gunzip -c $G/arena.gz > /tmp/arena && chmod +x /tmp/arena
SITE=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null)
DIRS=$(find /usr/local/cuda-13.0 /usr/local/cuda /usr/lib/x86_64-linux-gnu $SITE \( -name 'libnvrtc.so.13*' -o -name 'libcublas.so.13*' -o -name 'libnvrtc-builtins.so.13*' \) 2>/dev/null | xargs -r -n1 dirname | sort -u | paste -sd:)
export ARENA_CUDA_LIB_DIRS="$DIRS"
export LD_LIBRARY_PATH="$DIRS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > $OUT/0-env.txt 2>&1
step() { local name=$1; shift; echo "== $*" > $OUT/$name.txt; local s=$SECONDS; timeout 90 "$@" >> $OUT/$name.txt 2>&1; echo "== exit $? after $((SECONDS - s))s" >> $OUT/$name.txt; }
A=/tmp/arena
P=$G/pairs.jsonl
step 1-train-qlora-bf16 $A train --pairs $P --out /tmp/q16 --qlora --double-quant --targets q,k,v,o --epochs 1 --device cuda --precision bf16
step 2-verify-qlora-bf16 $A pol verify /tmp/q16/record.json --pairs $P
step 3-train-qlora-f32 $A train --pairs $P --out /tmp/q32 --qlora --targets q,k,v,o --epochs 1 --device cuda --precision f32
step 4-verify-qlora-f32 $A pol verify /tmp/q32/record.json --pairs $P
step 5-train-auto-f32 $A train --pairs $P --out /tmp/a32 --targets q,v --epochs 2 --device auto --precision f32
step 6-verify-auto-f32 $A pol verify /tmp/a32/record.json --pairs $P
step 7-generate-cuda $A generate --prompt "Q: 17+25=" --device cuda
cp /tmp/q16/record.json $OUT/record-qlora-bf16.json 2>/dev/null
echo done > $OUT/done.txt
