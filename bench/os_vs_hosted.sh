#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# os_vs_hosted.sh: the same programs on the engine hosted (`jericho run
# --host`) and inside JerichoOS (`jericho run`, QEMU TCG on x86_64 and
# aarch64), wall time, median of REPS runs each, interleaved: bench/engine's
# fib (fib(34)) and the SQLite script of tests/os-sqlite (4,000 statements;
# needs its build, skipped without it). Under TCG the OS's time is mostly
# QEMU emulating the guest: the ratio bounds what running inside the OS
# costs, it does not measure it (that needs a KVM that runs user mode).
# Prints a markdown table; BENCHMARKS.md's "os-vs-hosted" section is it.
set -uo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-5}
J=build/host/jericho
make -s --no-print-directory "$J" kernel >/dev/null && make -s --no-print-directory ARCH=aarch64 kernel >/dev/null || exit 1
fib=build/bench/os/fib.wasm
mkdir -p build/bench/os
clang-19 --target=wasm32-wasi --sysroot=/usr -O2 bench/engine/progs/fib.c -o "$fib" || exit 1
sq=build/host/tests-os-sqlite
progs=("fib(34)|$fib 34|/dev/null")
[[ -f $sq/sqlite.wasm && -f $sq/script.sql ]] && progs+=("SQLite, 4,000 statements|$sq/sqlite.wasm|$sq/script.sql")

# ms CMD...: the wall time of one run in milliseconds.
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| program | hosted, ms | JerichoOS x86_64 (TCG), ms | ratio | JerichoOS aarch64 (TCG), ms | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
for p in "${progs[@]}"; do
  IFS='|' read -r name cmd input <<<"$p"
  read -r wasm args <<<"$cmd"
  h=() x=() a=()
  for ((i = 0; i < REPS; i++)); do
    # shellcheck disable=SC2086 # args is a word list on purpose
    h+=("$(ms $J run --host "$wasm" $args <"$input")")
    x+=("$(ms $J run --arch x86_64 "$wasm" $args <"$input")")
    a+=("$(ms $J run --arch aarch64 "$wasm" $args <"$input")")
  done
  hm=$(printf '%s\n' "${h[@]}" | median) xm=$(printf '%s\n' "${x[@]}" | median)
  am=$(printf '%s\n' "${a[@]}" | median)
  echo "| $name | $hm | $xm | $(awk -v a="$xm" -v b="$hm" 'BEGIN { printf "%.1f", a / b }') | $am | $(awk -v a="$am" -v b="$hm" 'BEGIN { printf "%.1f", a / b }') |"
done
