#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh: the engine benchmark suite: native vs `jericho run --host`, start-up, memory, translation speed -> BENCHMARKS.md.
#
# usage: bench/engine/run.sh [PROGRAM...]    (default: every bench/engine/progs/*.c)
#   BENCH_RUNS=N          timed runs of each side per program (default 3; medians)
#   BENCH_STARTUP_RUNS=N  runs of the empty program (default 200)
#   BENCH_OUT=FILE        where the report goes (default BENCHMARKS.md)
# Each program is built twice from the same source with clang-19 -O2: for
# x86-64 Linux and for wasm32-wasi (no SIMD). A program whose source says
# "bench: also -msimd128" also runs as NAME_simd: the same source built for
# wasm32-wasi with -msimd128 (fixed-width SIMD, auto-vectorised), reported
# next to its scalar build. Native and wasm runs alternate
# so that machine noise hits both alike. A program whose wasm output differs
# from its native output fails the run (exit 1) and is marked WRONG.
set -uo pipefail
cd "$(dirname "$0")/../.."

runs=${BENCH_RUNS:-3}
startup_runs=${BENCH_STARTUP_RUNS:-200}
out=${BENCH_OUT:-BENCHMARKS.md}
jericho=build/host/jericho
B=build/bench/engine
mkdir -p "$B"

make -s --no-print-directory "$jericho" build/host/bench/jw-translate build/host/bench/gen-module \
  build/host/bench/jw-spawn-time ||
  { echo "run.sh: build failed" >&2; exit 2; }
# Run a private copy, so that a rebuild during the run cannot change what is
# measured, and name the commit it was built from.
cp "$jericho" "$B/jericho"
jericho=$B/jericho
commit=$(git rev-parse --short HEAD 2>/dev/null)
git diff --quiet HEAD -- engine 2>/dev/null || commit+=" (engine/ has uncommitted changes)"

progs=("$@")
if [[ ${#progs[@]} -eq 0 ]]; then
  for src in bench/engine/progs/*.c; do
    name=$(basename "$src" .c)
    [[ $name == empty ]] || progs+=("$name")
    grep -q 'bench: also -msimd128' "$src" && progs+=("${name}_simd")
  done
fi

build() { # build NAME: NAME.native and NAME.wasm from progs/NAME.c (NAME_simd: -msimd128)
  local base=${1%_simd} simd=()
  [[ $1 == *_simd ]] && simd=(-msimd128)
  local src=bench/engine/progs/$base.c
  clang-19 -std=c11 -O2 -o "$B/$1.native" "$src" -lm &&
    clang-19 -std=c11 --target=wasm32-wasi -O2 "${simd[@]}" -o "$B/$1.wasm" "$src" -lm
}

# now_ns, timed, median, geomean_of, keep_sections, cpu_model
source bench/engine/timing.sh

failed=0
rows=()
declare -A wasm_cpu
ratios=() cratios=()
for name in "${progs[@]}"; do
  if ! build "$name"; then
    echo "run.sh: $name does not build" >&2
    failed=1
    continue
  fi
  nat_t=() wasm_t=() nat_c=() wasm_c=() nat_rss=0 wasm_rss=0 ok=yes
  "$B/$name.native" >"$B/$name.expected"
  for ((r = 1; r <= runs; r++)); do
    read -r t rss st c < <(timed "$B/$name.nout" "$B/$name.native")
    nat_t+=("$t") nat_c+=("$c"); ((rss > nat_rss)) && nat_rss=$rss
    [[ $st -eq 0 ]] && cmp -s "$B/$name.nout" "$B/$name.expected" || ok=no
    read -r t rss st c < <(timed "$B/$name.wout" "$jericho" run --host "$B/$name.wasm")
    wasm_t+=("$t") wasm_c+=("$c"); ((rss > wasm_rss)) && wasm_rss=$rss
    if [[ $st -ne 0 ]] || ! cmp -s "$B/$name.wout" "$B/$name.expected"; then
      ok=no
      echo "run.sh: $name: wasm output differs from native (exit $st):" >&2
      diff "$B/$name.expected" "$B/$name.wout" | head -5 >&2
      head -3 "$B/stderr" >&2
    fi
    echo "  $name run $r: native ${nat_t[-1]} s, jericho ${wasm_t[-1]} s" >&2
  done
  nm=$(printf '%s\n' "${nat_t[@]}" | median)
  wm=$(printf '%s\n' "${wasm_t[@]}" | median)
  ratio=$(awk -v w="$wm" -v n="$nm" 'BEGIN { printf "%.2f", w / n }')
  ncm=$(printf '%s\n' "${nat_c[@]}" | median)
  wcm=$(printf '%s\n' "${wasm_c[@]}" | median)
  cratio=$(awk -v w="$wcm" -v n="$ncm" 'BEGIN { if (n > 0) printf "%.2f", w / n; else print "-" }')
  # The SIMD pairs stay out of the geometric mean: it tracks the scalar
  # programs, comparable across commits; the pairs get their own table.
  if [[ $ok == yes && $name != *_simd ]] && ! grep -q 'bench: also -msimd128' "bench/engine/progs/$name.c"; then
    ratios+=("$ratio")
    cratios+=("$cratio")
  fi
  if [[ $ok == yes ]]; then
    check=ok
  else
    check=WRONG
    failed=1
  fi
  rows+=("| $name | $nm | $wm | **$ratio** | $ncm | $wcm | $cratio | $check | $nat_rss | $wasm_rss |")
  wasm_cpu[$name]=$wcm
  echo "$name: native $nm s, jericho $wm s, ratio $ratio ($check)" >&2
done
geomean=$(printf '%s\n' "${ratios[@]}" | geomean_of)
cgeomean=$(printf '%s\n' "${cratios[@]}" | geomean_of)

# Start-up: the empty program, wall time (spawn to exit, no shell in
# between) and peak RSS, wasm and native.
build empty || failed=1
spawn() { build/host/bench/jw-spawn-time "$startup_runs" "$@" | sed -n 's/.*median_ms=\([^ ]*\).*/\1/p'; }
start_w=$(spawn "$jericho" run --host "$B/empty.wasm") || failed=1
start_n=$(spawn "$B/empty.native") || failed=1
read -r _ rss_w _ < <(timed /dev/null "$jericho" run --host "$B/empty.wasm")
read -r _ rss_n _ < <(timed /dev/null "$B/empty.native")

# Translation speed: a generated module of >= 2 MiB of code.
build/host/bench/gen-module 2097152 "$B/big.wasm" >"$B/gen.txt" || failed=1
translate=$(build/host/bench/jw-translate "$B/big.wasm" 7) || failed=1
tr_rss=$(/usr/bin/time -f '%M' build/host/bench/jw-translate "$B/big.wasm" 1 2>&1 >/dev/null | tail -n 1)
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$translate"; }

# Another interpreter in the same run: wabt's wasm-interp (Debian package
# wabt). Debian's build has no WASI, so it runs import-free kernels
# (bench/engine/compare/kernels.c, one module per export) instead of the
# programs above; wall clock, median of $runs runs, alternating.
u32() { awk '{ v = $NF; sub(/.*:/, "", v); v += 0; if (v < 0) v += 4294967296; print v }'; }
cmp_rows=()
if command -v wasm-interp >/dev/null; then
  for k in fib crc32 sieve; do
    if ! clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export="$k" \
        -o "$B/k_$k.wasm" bench/engine/compare/kernels.c; then
      failed=1
      continue
    fi
    jt=() it=() same=ok
    for ((r = 1; r <= runs; r++)); do
      read -r t _ st _ < <(timed "$B/k_$k.jout" "$jericho" run --host --invoke "$k" "$B/k_$k.wasm")
      jt+=("$t"); [[ $st -eq 0 ]] || same=WRONG
      read -r t _ st _ < <(timed "$B/k_$k.iout" wasm-interp --run-all-exports "$B/k_$k.wasm")
      it+=("$t"); [[ $st -eq 0 ]] || same=WRONG
      [[ $(u32 <"$B/k_$k.jout") == "$(u32 <"$B/k_$k.iout")" ]] || same=WRONG
    done
    [[ $same == ok ]] || failed=1
    jm=$(printf '%s\n' "${jt[@]}" | median)
    im=$(printf '%s\n' "${it[@]}" | median)
    cmp_rows+=("| $k | $jm | $im | $(awk -v a="$im" -v b="$jm" 'BEGIN { printf "%.1f", a / b }') | $same |")
    echo "$k: jericho $jm s, wasm-interp $im s ($same)" >&2
  done
fi

cpu=$(cpu_model)
# Sections other scripts wrote into the report (make bench-realworld) survive.
kept=$(keep_sections "$out")

{
  echo "# Engine benchmarks"
  echo
  echo "Generated by \`make bench-engine\` (bench/engine/run.sh, BENCH_RUNS=$runs); do not edit by hand."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) CPUs, $cpu, $(uname -sr)"
  echo "- commit: $commit"
  echo "- compilers: $(clang-19 --version | head -n 1); native \`clang-19 -O2\` (x86-64, SSE2"
  echo "  auto-vectorisation allowed), wasm \`clang-19 --target=wasm32-wasi -O2\` (no SIMD;"
  echo "  \`*_simd\` rows: the same source with \`-msimd128\`)"
  echo "- jericho: build/host/jericho (-O2, no sanitizers), \`jericho run --host FILE.wasm\`"
  echo "- command: \`make bench-engine\` or \`BENCH_RUNS=$runs bench/engine/run.sh\`"
  echo
  echo "## Run time (wall clock, median of $runs runs each, runs alternating)"
  echo
  echo "ratio = jericho / native (lower is better), by wall clock and by CPU time (user +"
  echo "system; steadier when other work shares the machine). \"ok\" = the wasm build printed"
  echo "exactly what the native build printed."
  echo
  echo "| program | native s | jericho s | ratio | native CPU s | jericho CPU s | CPU ratio | output | native peak RSS KB | jericho peak RSS KB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "**Geometric mean of the ratios: $geomean** (wall clock; CPU time: $cgeomean; over"
  echo "${#ratios[@]} correct programs; the SIMD pair is not included)"
  echo
  simd_rows=()
  for name in "${!wasm_cpu[@]}"; do
    [[ $name == *_simd && -n ${wasm_cpu[${name%_simd}]:-} ]] || continue
    s=${wasm_cpu[${name%_simd}]} v=${wasm_cpu[$name]}
    simd_rows+=("| ${name%_simd} | $s | $v | $(awk -v s="$s" -v v="$v" 'BEGIN { if (v > 0) printf "%.2f", s / v; else print "-" }') |")
  done
  if [[ ${#simd_rows[@]} -gt 0 ]]; then
    echo "## What SIMD buys inside the interpreter (jericho CPU s, same source)"
    echo
    echo "| program | wasm32 (scalar) | wasm32 -msimd128 | speed-up |"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${simd_rows[@]}"
    echo
  fi
  echo "## Start-up (empty WASI program: spawn to exit, median of $startup_runs runs)"
  echo
  echo "| | wall ms | peak RSS KB |"
  echo "|---|---:|---:|"
  echo "| jericho run --host empty.wasm | $start_w | $rss_w |"
  echo "| native empty program | $start_n | $rss_n |"
  echo
  echo "## Translation speed (jw_module_load: decode + validate + translate)"
  echo
  echo "Module: generated by build/host/bench/gen-module (bench/engine/tools/gen_module.c):"
  echo "$(sed 's/^[^:]*: //' "$B/gen.txt"). Timed by build/host/bench/jw-translate,"
  echo "median of $(kv runs) loads."
  echo
  echo "| code bytes | median ms | MiB/s of code | peak RSS KB (one load) |"
  echo "|---:|---:|---:|---:|"
  echo "| $(kv code_bytes) | $(kv median_ms) | $(kv mib_per_s) | $tr_rss |"
  if [[ ${#cmp_rows[@]} -gt 0 ]]; then
    echo
    echo "## Another interpreter: wabt's wasm-interp ($(wasm-interp --version 2>/dev/null | head -n 1), Debian package wabt)"
    echo
    echo "Debian's wasm-interp is built without WASI, so the programs above cannot run on it;"
    echo "instead both run import-free kernels from bench/engine/compare/kernels.c (one"
    echo "module per exported function, clang-19 --target=wasm32 -O2): \`jericho run --host"
    echo "--invoke NAME\` and \`wasm-interp --run-all-exports\`, whole process, wall clock,"
    echo "median of $runs runs. \"ok\" = both returned the same checksum."
    echo
    echo "| kernel | jericho s | wasm-interp s | wasm-interp / jericho | result |"
    echo "|---|---:|---:|---:|---|"
    printf '%s\n' "${cmp_rows[@]}"
  fi
  [[ -z $kept ]] || printf '\n%s\n' "$kept"
} >"$out"
echo "run.sh: wrote $out (geomean $geomean, by CPU time $cgeomean)" >&2
exit $failed
