#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh: the real-world benchmark: Debian programs natively, on jericho, wasm3 and WAMR in interleaved rounds -> BENCHMARKS.md.
#
# usage: bench/realworld/run.sh [PROGRAM...]   (default: every program in the table below)
#   BENCH_ROUNDS=N  rounds (default 3); each round runs every program once on
#                   every runner, the runners' order rotating from round to round
#   BENCH_OUT=FILE  the report (default BENCHMARKS.md): the section between the
#                   "keep: bench-realworld" markers is replaced, the rest kept
#   PEERS=DIR       wasm3 and iwasm (default ../shared/peers, next to the tree)
# fetch.sh and build.sh must have run (make bench-realworld does both). Every
# run's stdout must equal the native build's first run; a runner whose output
# differs is reported WRONG for that program and not timed again, and a wrong
# jericho run makes the script exit 1.
set -uo pipefail
cd "$(dirname "$0")/../.."
source bench/engine/timing.sh # now_ns, timed, median, geomean_of, div, vs_peers, peers_dir, peer_command, cpu_model

rounds=${BENCH_ROUNDS:-3}
out=${BENCH_OUT:-BENCHMARKS.md}
peers=$(peers_dir)
BIN=build/realworld/bin
B=build/realworld/run
W=bench/realworld/workload
mkdir -p "$B"

# The workloads: NAME|ARGUMENTS|STDIN. Each takes 0.5-2 s natively on the
# 2-CPU build machine and prints checksums of everything it produced.
workloads=(
  "sqlite||$W/sqlite.sql"
  "zlib|2048 1|/dev/null"
  "bzip2|2048 3|/dev/null"
  "xz|1024 1 6|/dev/null"
  "cjson|20000 4|/dev/null"
  "lz4|4096 1|/dev/null"
)
runners=(native jericho wasm3 wamr)

# A private copy of jericho, so that a rebuild during the run cannot change
# what is measured, and the commit it was built from.
make -s --no-print-directory build/host/jericho || { echo "run.sh: jericho does not build" >&2; exit 2; }
cp build/host/jericho "$B/jericho"
commit=$(git rev-parse --short HEAD 2>/dev/null)
git diff --quiet HEAD -- engine 2>/dev/null || commit+=" (engine/ has uncommitted changes)"
for p in wasm3 iwasm; do
  [[ -x $peers/$p ]] || { echo "run.sh: $peers/$p missing (see ../shared/peers/README.md)" >&2; exit 2; }
done

# command RUNNER NAME: the command line that runs program NAME on RUNNER.
command_of() {
  case $1 in
    native) echo "$BIN/$2.native" ;;
    jericho) echo "$B/jericho run --host $BIN/$2.wasm" ;;
    wasm3 | wamr) peer_command "$1" "$BIN/$2.wasm" ;;
  esac
}

names=()
declare -A args input wall cpu state
for w in "${workloads[@]}"; do
  IFS='|' read -r name a i <<<"$w"
  [[ $# -eq 0 || " $* " == *" $name "* ]] || continue
  [[ -f $BIN/$name.native && -f $BIN/$name.wasm ]] ||
    { echo "run.sh: $BIN/$name.{native,wasm} missing: run bench/realworld/build.sh" >&2; exit 2; }
  names+=("$name") args[$name]=$a input[$name]=$i
  "$BIN/$name.native" $a <"$i" >"$B/$name.expected" || { echo "run.sh: $name fails natively" >&2; exit 2; }
  for r in "${runners[@]}"; do state[$name.$r]=ok wall[$name.$r]="" cpu[$name.$r]=""; done
done

for ((round = 0; round < rounds; round++)); do
  for ((k = 0; k < ${#names[@]}; k++)); do
    name=${names[k]}
    for ((j = 0; j < ${#runners[@]}; j++)); do
      r=${runners[(j + round + k) % ${#runners[@]}]}
      [[ ${state[$name.$r]} == ok ]] || continue
      # shellcheck disable=SC2046,SC2086 # the command and arguments are word lists
      read -r t _ st c < <(timed "$B/$name.$r.out" $(command_of "$r" "$name") ${args[$name]} <"${input[$name]}")
      if [[ $st -ne 0 ]] || ! cmp -s "$B/$name.$r.out" "$B/$name.expected"; then
        state[$name.$r]=WRONG
        echo "run.sh: $name on $r: output differs from native (exit $st):" >&2
        diff "$B/$name.expected" "$B/$name.$r.out" | head -5 >&2
        head -3 "$B/stderr" >&2
        continue
      fi
      wall[$name.$r]+="$t " cpu[$name.$r]+="$c "
      echo "  round $((round + 1)) $name $r: $t s (CPU $c s)" >&2
    done
  done
done

med() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | median; }
failed=0 rows=() vs=() vs_cpu=() on=() w3=() wa=()
for name in "${names[@]}"; do
  declare -A m mc
  for r in "${runners[@]}"; do
    m[$r]=$(med "${wall[$name.$r]}") mc[$r]=$(med "${cpu[$name.$r]}")
    [[ ${state[$name.$r]} == ok ]] || m[$r]="" mc[$r]=""
  done
  [[ ${state[$name.jericho]} == ok ]] || failed=1
  check=ok
  for r in "${runners[@]}"; do [[ ${state[$name.$r]} == ok ]] || check="$r WRONG"; done
  x=$(vs_peers "${m[jericho]}" "${m[wasm3]}" "${m[wamr]}")
  xc=$(vs_peers "${mc[jericho]}" "${mc[wasm3]}" "${mc[wamr]}")
  rows+=("| $name | ${m[native]} | ${mc[native]} | ${m[jericho]:--} | ${m[wasm3]:--} | ${m[wamr]:--} | $(div "${m[jericho]}" "${m[native]}") | $(div "${m[wasm3]}" "${m[native]}") | $(div "${m[wamr]}" "${m[native]}") | **$x** | $xc | $check |")
  vs+=("$x") vs_cpu+=("$xc")
  on+=("$(div "${m[jericho]}" "${m[native]}")") w3+=("$(div "${m[wasm3]}" "${m[native]}")") wa+=("$(div "${m[wamr]}" "${m[native]}")")
  echo "$name: native ${m[native]} s, jericho ${m[jericho]:--}, wasm3 ${m[wasm3]:--}, wamr ${m[wamr]:--}; ours/min(peers) $x ($check)" >&2
  unset m mc
done
gm() { printf '%s\n' "$@" | geomean_of; }
geo=$(gm "${vs[@]}")

section() {
  echo "<!-- keep: bench-realworld -->"
  echo "## Real-world programs: jericho, wasm3 and WAMR side by side"
  echo
  echo "Generated by \`make bench-realworld\` (bench/realworld/run.sh, BENCH_ROUNDS=$rounds); do not edit by hand."
  echo "Programs from Debian 12 source packages ($(cat build/realworld/src/*/.unpacked 2>/dev/null | tr '\n' ' ' | sed 's/ $//; s/ /, /g')),"
  echo "each with a small driver or script of ours (bench/realworld/), built natively and for"
  echo "wasm32-wasi with the same \`clang-19 -O2\` flags; see bench/realworld/README.md."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) CPUs, $(cpu_model), $(uname -sr), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- commit: $commit; jericho \`run --host\` (build/host/jericho); wasm3 and WAMR ($peers: wasm3 v0.9.0, WAMR 2.4.3 fast interpreter)"
  echo "- command: \`make bench-realworld\` or \`BENCH_ROUNDS=$rounds bench/realworld/run.sh\`"
  echo "- method: $rounds interleaved rounds; a round runs every program once on each runner, the"
  echo "  order of the runners rotated per round and program; medians of wall-clock seconds per runner"
  echo "  (whole process: start-up, load and translation included) and of CPU time (user + system,"
  echo "  steadier when other work shares the machine). \"ok\" = every runner printed exactly what"
  echo "  the native build printed."
  echo
  echo "| program | native s | native CPU s | jericho s | wasm3 s | WAMR s | jericho/native | wasm3/native | WAMR/native | jericho ÷ min(wasm3, WAMR) | the same by CPU time | output |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo "| **geomean** | | | | | | $(gm "${on[@]}") | $(gm "${w3[@]}") | $(gm "${wa[@]}") | **$geo** | $(gm "${vs_cpu[@]}") | |"
  echo
  echo "**Geometric mean of jericho ÷ min(wasm3, WAMR): $geo** (wall clock; by CPU time,"
  echo "user + system: $(gm "${vs_cpu[@]}"); below 1 = jericho faster than the faster peer; the target is ≤ 0.8)."
  echo "<!-- /keep: bench-realworld -->"
}
section >"$B/section.md"
# Replace the old section in the report, or append one.
if [[ -f $out ]] && grep -q '^<!-- keep: bench-realworld -->$' "$out"; then
  awk -v f="$B/section.md" '/^<!-- keep: bench-realworld -->$/ { while ((getline l < f) > 0) print l; skip = 1; next }
    skip && /^<!-- \/keep: bench-realworld -->$/ { skip = 0; next } !skip { print }' "$out" >"$B/report.md"
else
  { [[ -f $out ]] && cat "$out" && echo; cat "$B/section.md"; } >"$B/report.md"
fi
cp "$B/report.md" "$out"
echo "run.sh: wrote $out (jericho ÷ min(wasm3, WAMR), geomean $geo)" >&2
exit $failed
