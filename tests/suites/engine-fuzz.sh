#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-fuzz.sh: the engine's libFuzzer targets (tests/fuzz/), briefly.
# Each target (decode: any bytes; run: instantiate and run every export under
# limits) runs once over the seed corpus -- every spec module and 200 modules
# from binaryen's fuzzer -- and then mutates it for FUZZ_SECONDS (default 25)
# from a fixed seed. A crash, a sanitizer report, a leak or a hang fails the
# target; the input is left in build/host/fuzz/crashes/. `make fuzz` is the
# long run; inputs that once crashed live on as tests/regress/ scripts.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
build_or_stop "the fuzz targets and their seeds" -j2 fuzz-targets
dir=build/host/fuzz
mkdir -p "$dir/crashes"
seeds=$(ls "$dir/seeds" | wc -l)
for t in decode run; do
  opts=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$dir/crashes/$t-")
  if "$dir/fuzz-$t" "${opts[@]}" -runs=0 "$dir/seeds" >"$log" 2>&1; then
    pass "fuzz-$t: the $seeds seed modules"
  else
    fail "fuzz-$t on the seeds:"; grep -E 'ERROR|SUMMARY|Test unit' "$log" | head -n 5
  fi
  work=$(mktemp -d)
  if "$dir/fuzz-$t" "${opts[@]}" -seed=1 -max_total_time="${FUZZ_SECONDS:-25}" \
       "$work" "$dir/seeds" >"$log" 2>&1; then
    pass "fuzz-$t: $(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#') inputs in ${FUZZ_SECONDS:-25} s"
  else
    fail "fuzz-$t, mutating:"; grep -E 'ERROR|SUMMARY|Test unit' "$log" | head -n 5
  fi
  rm -rf "$work"
done
summary
