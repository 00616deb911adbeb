#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kernel.sh: make bench's kernel figures on both arches, as rows of results.tsv.
#
# usage: BENCH_TSV=FILE bench/kernel.sh [tiny]
# Boots test=bench-all (kernel/ktest_bench.c: user/tests/ipcbench.c and
# sysbench.c, each figure 11 runs in fresh tasks) under QEMU TCG with
# -icount shift=0 and 512 MiB (bench/lib/qemu.sh): every "bench: NAME VALUE"
# line is one sample in guest instructions per operation; the first sample
# of each name is warm-up and dropped. The raw output stays in
# build/bench/kernel-ARCH.txt. "tiny" boots test=bench-tiny instead (two
# samples each; the tooling check of make test).
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib/qemu.sh
source bench/lib/tsv.sh
test=bench-all
[[ ${1:-} == tiny ]] && test=bench-tiny
mkdir -p build/bench

status=0
for arch in x86_64 aarch64; do
  image=$(kernel_image "$arch") || { echo "kernel.sh: the $arch kernel does not build" >&2; status=1; continue; }
  raw=build/bench/kernel-$arch.txt
  qemu_icount "$arch" "$image" "test=$test" 512M >"$raw"
  if ! grep -q "^ktest: $test passed" "$raw"; then
    echo "kernel.sh: $arch: test=$test did not pass (output in $raw)" >&2
    status=1
  fi
  for name in $(sed -n 's/^bench: \([a-z0-9_]*\) [0-9.]* ns$/\1/p' "$raw" | sort -u); do
    sed -n "s/^bench: $name \([0-9.]*\) ns$/\1/p" "$raw" |
      tsv_row "kernel.$name" "$arch" insn 1
  done
  # Memory per module: a runner task as created (ELF, 16 MiB heap, stack,
  # tables) and how many were created before the 512 MiB ran out.
  kib=$(sed -n 's/^bench: runner_task_kib \([0-9]*\) KiB$/\1/p' "$raw")
  fit=$(sed -n 's/^bench: runner_tasks_fit \([0-9]*\) tasks.*/\1/p' "$raw")
  [[ -n $kib ]] && tsv_one system.module_memory "$arch" "$kib" KiB
  [[ -n $fit ]] && tsv_one system.modules_in_512mib "$arch" "$fit" modules
  echo "kernel.sh: $arch: $(grep -c '^bench: ' "$raw") samples ($raw)" >&2
done
exit $status
