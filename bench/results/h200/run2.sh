#!/bin/bash
# Second session: the speed comparison with every batch shape warmed up on
# both sides, at batch 4 and 16, on the 100m and 300m shapes.
set -u
ROOT=$(pwd)
G=$ROOT/tmp/gpu
B=/tmp/gpubin
mkdir -p $B
[ -x $B/arena ] || { gunzip -c $G/arena.gz > $B/arena && chmod +x $B/arena; }
SITE=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null)
DIRS=$(find /usr/local/cuda-13.0 /usr/local/cuda /usr/lib/x86_64-linux-gnu $SITE \( -name 'libnvrtc.so.13*' -o -name 'libcublas.so.13*' -o -name 'libnvrtc-builtins.so.13*' \) 2>/dev/null | xargs -r -n1 dirname | sort -u | paste -sd:)
export ARENA_CUDA_LIB_DIRS="$DIRS"
export LD_LIBRARY_PATH="$DIRS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
step() { local name=$1 t=$2; shift 2; echo "== $name: $*" > $OUT/$name.txt; local s=$SECONDS; timeout $t "$@" >> $OUT/$name.txt 2>&1; echo "== exit $? after $((SECONDS - s))s (session ${SECONDS}s)" >> $OUT/$name.txt; }
late() { [ $SECONDS -ge 300 ] && echo "skipped: session at ${SECONDS}s" > $OUT/$1.txt; }
A=$B/arena
step a-ours-100m-b4 90 $A bench dpo --size 100m --out /tmp/m100 --pairs 64 --batch 4 --device cuda --precision bf16 --warmup 16
step b-peft-100m-b4 150 python3 bench/dpo_peft.py --model /tmp/m100 --pairs-ids /tmp/m100/pairs_ids.jsonl --batch 4 --warmup 16 --steps 32
step c-ours-100m-b16 60 $A bench dpo --model /tmp/m100 --out /tmp/m100 --pairs 128 --batch 16 --device cuda --precision bf16 --warmup 8 --gen-batch 0
step d-peft-100m-b16 90 python3 bench/dpo_peft.py --model /tmp/m100 --pairs-ids /tmp/m100/pairs_ids.jsonl --batch 16 --warmup 8 --steps 16 --no-generate
late e-ours-300m-b4 || step e-ours-300m-b4 120 $A bench dpo --size 300m --out /tmp/m300 --pairs 64 --batch 4 --device cuda --precision bf16 --warmup 16
late f-peft-300m-b4 || step f-peft-300m-b4 120 python3 bench/dpo_peft.py --model /tmp/m300 --pairs-ids /tmp/m300/pairs_ids.jsonl --batch 4 --warmup 16 --steps 32
echo "done at ${SECONDS}s" > $OUT/g-done.txt
