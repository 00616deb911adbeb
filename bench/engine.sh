#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# engine.sh: make bench's engine figures: bench/engine and bench/realworld, their per-round times as rows of results.tsv.
#
# usage: BENCH_TSV=FILE BENCH_OUT=REPORT bench/engine.sh
#   BENCH_QUICK=1  two rounds of three engine programs and one real-world program
# Runs bench/engine/run.sh and the real-world suite (fetch, build, run) as
# make bench-engine and make bench-realworld do, writing their sections of
# REPORT, and reads the per-round lines they print ("NAME round N RUNNER:
# T s (CPU C s)"): every round runs each program once on every runner, the
# order rotating, so a round's ratio jericho / native (or wasm3 / native, ...)
# is measured side by side. The first round is warm-up and dropped. Figures
# are CPU time (user + system), steadier than the wall clock on a shared host.
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib/tsv.sh
mkdir -p build/bench
quick=${BENCH_QUICK:-0}
engine_rounds=4 real_rounds=3 engine_progs=() real_progs=()
if [[ $quick == 1 ]]; then
  engine_rounds=2 real_rounds=2 engine_progs=(fib sha256 sieve) real_progs=(zlib)
fi
status=0

# rows SUITE LOG: results rows from a log of per-round lines, normalised to
# "ROUND PROGRAM RUNNER CPU_S" by the caller.
rows() {
  local suite=$1 log=$2
  for prog in $(awk '{ print $2 }' "$log" | sort -u); do
    for r in native jericho wasm3 wamr; do
      awk -v p="$prog" -v r="$r" '$2 == p && $3 == r && $1 > 1 { print $4 }' "$log" |
        tsv_row "$suite.$prog.$r" x86_64 cpu_s
      [[ $r == native ]] && continue
      # Per round: this runner's time over native's in the same round.
      awk -v p="$prog" -v r="$r" '$2 == p && $1 > 1 { t[$1, $3] = $4; n[$1] = 1 }
        END { for (i in n) if (t[i, r] != "" && t[i, "native"] > 0) print t[i, r] / t[i, "native"] }' "$log" |
        tsv_row "$suite.$prog.$r/native" x86_64 ratio
    done
  done
  # Geometric means of the per-program median ratios, over the programs
  # bench/engine/run.sh counts in its own: not the SIMD pair (a program
  # marked "bench: also -msimd128" and its _simd build).
  local counted=()
  for prog in $(awk '{ print $2 }' "$log" | sort -u); do
    [[ $prog == *_simd ]] && continue
    grep -qs 'bench: also -msimd128' "bench/engine/progs/$prog.c" && continue
    counted+=("$prog")
  done
  for r in jericho wasm3 wamr; do
    for prog in "${counted[@]}"; do
      awk -F'\t' -v n="$suite.$prog.$r/native" '$1 == n { print $3 }' "$BENCH_TSV"
    done | awk '$1 > 0 { l += log($1); n++ } END { if (n) print exp(l / n) }' |
      tsv_row "$suite.geomean.$r/native" x86_64 ratio
  done
}

BENCH_RUNS=$engine_rounds bench/engine/run.sh "${engine_progs[@]}" 2>build/bench/engine.log >&2 ||
  { echo "engine.sh: bench/engine/run.sh failed (build/bench/engine.log)" >&2; status=1; }
# "  fib round 2 jericho: 2.9 s (CPU 2.89 s)" -> "2 fib jericho 2.89"
sed -n 's/^  \([a-z0-9_]*\) round \([0-9]*\) \([a-z0-9]*\): .*(CPU \([0-9.]*\) s)$/\2 \1 \3 \4/p' \
  build/bench/engine.log >build/bench/engine.rounds
rows engine build/bench/engine.rounds

if bench/realworld/deps.sh && bench/realworld/fetch.sh >&2 && bench/realworld/build.sh >&2; then
  BENCH_ROUNDS=$real_rounds bench/realworld/run.sh "${real_progs[@]}" 2>build/bench/realworld.log >&2 ||
    { echo "engine.sh: bench/realworld/run.sh failed (build/bench/realworld.log)" >&2; status=1; }
  # "  round 2 zlib jericho: 6.4 s (CPU 6.1 s)" -> "2 zlib jericho 6.1"
  sed -n 's/^  round \([0-9]*\) \([a-z0-9_]*\) \([a-z0-9]*\): .*(CPU \([0-9.]*\) s)$/\1 \2 \3 \4/p' \
    build/bench/realworld.log >build/bench/realworld.rounds
  rows realworld build/bench/realworld.rounds
else
  echo "engine.sh: the real-world suite could not be fetched or built" >&2
  status=1
fi
exit $status
