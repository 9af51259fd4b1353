#!/bin/bash
# Device check: arena generate --device cuda against the CPU on the same machine.
set -u
G=$(cd "$(dirname "$0")" && pwd)
gunzip -c $G/arena.gz > /tmp/arena && chmod +x /tmp/arena
SITE=$(python3 -c 'import site; print(" ".join(site.getsitepackages()))' 2>/dev/null)
DIRS=$(find /usr/local/cuda-13.0 /usr/local/cuda /usr/lib/x86_64-linux-gnu $SITE \( -name 'libnvrtc.so.13*' -o -name 'libcublas.so.13*' -o -name 'libnvrtc-builtins.so.13*' \) 2>/dev/null | xargs -r -n1 dirname | sort -u | paste -sd:)
export ARENA_CUDA_LIB_DIRS="$DIRS" LD_LIBRARY_PATH="$DIRS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
A=/tmp/arena
for p in "Q: 17+25=" "Q: 94-64=" "tic-tac-toe 123 456 789 You are X. Your move:"; do
  for prec in f32 bf16; do
    echo "== prompt '$p' $prec" >> $OUT/generate.txt
    timeout 60 $A generate --prompt "$p" --temperature 0 --max-tokens 24 --device cuda --precision $prec --stats >> $OUT/generate.txt 2>&1
    echo "   (exit $?)" >> $OUT/generate.txt
  done
  echo "== prompt '$p' cpu" >> $OUT/generate.txt
  timeout 60 $A generate --prompt "$p" --temperature 0 --max-tokens 24 --stats >> $OUT/generate.txt 2>&1
done
timeout 60 $A generate --chat --prompt "Write a slogan for a bike shop." --temperature 0 --max-tokens 32 --device cuda --stats >> $OUT/generate.txt 2>&1
timeout 60 $A generate --chat --prompt "Write a slogan for a bike shop." --temperature 0 --max-tokens 32 --stats >> $OUT/generate.txt 2>&1
cat $OUT/generate.txt
