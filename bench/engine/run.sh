#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh: the engine benchmark suite: native vs `jericho run --host` vs wasm3 and WAMR, start-up, memory, translation speed -> BENCHMARKS.md.
#
# usage: bench/engine/run.sh [PROGRAM...]    (default: every bench/engine/progs/*.c)
#   BENCH_RUNS=N          rounds per program (default 3; medians): each runs it once
#                         natively, on jericho, wasm3 and WAMR, the order rotating
#   PEERS=DIR             wasm3 and iwasm (default ../shared/peers; absent: no peer figures)
#   BENCH_STARTUP_RUNS=N  runs of the empty program (default 200)
#   BENCH_OUT=FILE        where the report goes (default BENCHMARKS.md)
# Each program is built twice from the same source with clang-19 -O2: for
# x86-64 Linux and for wasm32-wasi (no SIMD). A program whose source says
# "bench: also -msimd128" also runs as NAME_simd: the same source built for
# wasm32-wasi with -msimd128 (fixed-width SIMD, auto-vectorised), reported
# next to its scalar build. The runners take turns in every round, so that
# machine noise hits all alike. A program whose wasm output on jericho differs
# from its native output fails the run (exit 1) and is marked WRONG; a peer
# that fails or differs only loses its figures.
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

# now_ns, timed, median, geomean_of, div, vs_peers, peers_dir, peer_command, keep_sections, cpu_model
source bench/engine/timing.sh

# The runners, side by side in every round: native, jericho, and the peer
# interpreters wasm3 and WAMR (fast interpreter) when present
# (../shared/peers/README.md; PEERS=DIR elsewhere, PEERS=/nonexistent to skip).
runners=(native jericho)
for p in wasm3 iwasm; do
  if [[ -x $(peers_dir)/$p ]]; then
    runners+=("${p/iwasm/wamr}")
  else
    echo "run.sh: $(peers_dir)/$p missing: its column stays empty" >&2
  fi
done
command_of() { # command_of RUNNER NAME
  case $1 in
    native) echo "$B/$2.native" ;;
    jericho) echo "$jericho run --host $B/$2.wasm" ;;
    *) peer_command "$1" "$B/$2.wasm" ;;
  esac
}
med() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | median; }

failed=0
rows=() peer_rows=()
declare -A wasm_cpu
ratios=() cratios=() vs_w3=() vs_min=() vs_w3c=() vs_minc=()
for name in "${progs[@]}"; do
  if ! build "$name"; then
    echo "run.sh: $name does not build" >&2
    failed=1
    continue
  fi
  declare -A wall=() cpu=() state=() rss=()
  for r in "${runners[@]}"; do wall[$r]="" cpu[$r]="" state[$r]=ok rss[$r]=0; done
  "$B/$name.native" >"$B/$name.expected"
  # Rounds: every runner once per round, the order rotating from round to
  # round, so that machine noise hits all alike. A runner whose output
  # differs is marked WRONG and not timed again.
  for ((round = 0; round < runs; round++)); do
    for ((j = 0; j < ${#runners[@]}; j++)); do
      r=${runners[(j + round) % ${#runners[@]}]}
      [[ ${state[$r]} == ok ]] || continue
      # shellcheck disable=SC2046 # the command is a word list
      read -r t k st c < <(timed "$B/$name.$r.out" $(command_of "$r" "$name"))
      if [[ $st -ne 0 ]] || ! cmp -s "$B/$name.$r.out" "$B/$name.expected"; then
        state[$r]=WRONG
        echo "run.sh: $name on $r: output differs from native (exit $st):" >&2
        diff "$B/$name.expected" "$B/$name.$r.out" | head -5 >&2
        head -3 "$B/stderr" >&2
        continue
      fi
      wall[$r]+="$t " cpu[$r]+="$c "
      ((k > rss[$r])) && rss[$r]=$k
      echo "  $name round $((round + 1)) $r: $t s (CPU $c s)" >&2
    done
  done
  declare -A m=() mc=()
  for r in native jericho wasm3 wamr; do
    m[$r]="" mc[$r]=""
    [[ ${state[$r]:-} == ok ]] || continue
    m[$r]=$(med "${wall[$r]}") mc[$r]=$(med "${cpu[$r]}")
  done
  nm=${m[native]} wm=${m[jericho]} ncm=${mc[native]} wcm=${mc[jericho]}
  ratio=$(div "$wm" "$nm")
  cratio=$(div "$wcm" "$ncm")
  x3=$(div "$wm" "${m[wasm3]}") xm=$(vs_peers "$wm" "${m[wasm3]}" "${m[wamr]}")
  x3c=$(div "$wcm" "${mc[wasm3]}") xmc=$(vs_peers "$wcm" "${mc[wasm3]}" "${mc[wamr]}")
  ok=yes
  [[ ${state[native]} == ok && ${state[jericho]} == ok ]] || ok=no
  # The SIMD pairs stay out of the geometric mean: it tracks the scalar
  # programs, comparable across commits; the pairs get their own table.
  if [[ $ok == yes && $name != *_simd ]] && ! grep -q 'bench: also -msimd128' "bench/engine/progs/$name.c"; then
    ratios+=("$ratio") cratios+=("$cratio")
    vs_w3+=("$x3") vs_min+=("$xm") vs_w3c+=("$x3c") vs_minc+=("$xmc")
  fi
  if [[ $ok == yes ]]; then
    check=ok
  else
    check=WRONG
    failed=1
  fi
  peer_check=ok
  for r in wasm3 wamr; do
    [[ -z ${state[$r]:-} ]] && peer_check="$peer_check, no $r"
    [[ ${state[$r]:-ok} == ok ]] || peer_check="$r failed"
  done
  peer_check=${peer_check#ok, }
  rows+=("| $name | $nm | $wm | **$ratio** | $ncm | $wcm | $cratio | $check | ${rss[native]} | ${rss[jericho]} |")
  peer_rows+=("| $name | ${mc[native]:--} | ${mc[jericho]:--} | ${mc[wasm3]:--} | ${mc[wamr]:--} | $(div "${mc[wasm3]}" "$ncm") | $(div "${mc[wamr]}" "$ncm") | **$x3c** | **$xmc** | $x3 | $xm | $peer_check |")
  wasm_cpu[$name]=$wcm
  echo "$name: native $nm s, jericho $wm s, wasm3 ${m[wasm3]:--} s, wamr ${m[wamr]:--} s; ratio $ratio, ÷ wasm3 $x3 (CPU $x3c), ÷ min(peers) $xm (CPU $xmc) ($check)" >&2
  unset wall cpu state rss m mc
done
geomean=$(printf '%s\n' "${ratios[@]}" | geomean_of)
cgeomean=$(printf '%s\n' "${cratios[@]}" | geomean_of)
gm() { printf '%s\n' "$@" | geomean_of; }

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
  echo "## Run time (wall clock, median of $runs runs each, in interleaved rounds)"
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
  echo "## Side by side with wasm3 and WAMR (CPU time, the same interleaved rounds)"
  echo
  echo "The same runs: every round runs each program once natively, on jericho, on wasm3"
  echo "(v0.9.0) and on WAMR (2.4.3, fast interpreter) from $(peers_dir), the order of the"
  echo "runners rotating per round; medians of CPU time (user + system; wall clock in the last"
  echo "two ratio columns). Below 1 = jericho faster. \"ok\" = both peers printed exactly what"
  echo "the native build printed (a peer that failed has no figure)."
  echo
  echo "| program | native CPU s | jericho CPU s | wasm3 CPU s | WAMR CPU s | wasm3/native | WAMR/native | jericho ÷ wasm3 | jericho ÷ min(wasm3, WAMR) | ÷ wasm3, wall | ÷ min, wall | peers |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${peer_rows[@]}"
  echo "| **geomean** | | | | | | | **$(gm "${vs_w3c[@]}")** | **$(gm "${vs_minc[@]}")** | $(gm "${vs_w3[@]}") | $(gm "${vs_min[@]}") | |"
  echo
  echo "**Geometric means (over the ${#ratios[@]} scalar programs; the SIMD pair is not included):"
  echo "jericho ÷ wasm3 $(gm "${vs_w3c[@]}"), jericho ÷ min(wasm3, WAMR) $(gm "${vs_minc[@]}")** by CPU time"
  echo "(wall clock: $(gm "${vs_w3[@]}") and $(gm "${vs_min[@]}")); jericho ÷ native: $cgeomean by CPU time. Target: ≤ 0.8 of wasm3's time."
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
echo "run.sh: wrote $out (geomean $geomean, by CPU time $cgeomean; jericho ÷ wasm3 $(gm "${vs_w3c[@]}"), ÷ min(peers) $(gm "${vs_minc[@]}") by CPU time)" >&2
exit $failed
