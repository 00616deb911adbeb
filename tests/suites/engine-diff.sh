#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-diff.sh: engine regressions, the fusion tests and the bounded differential test.
#  - tests/regress/*.wast (one script per engine bug fixed) through the spec
#    runner: each assertion is a check;
#  - tests/fusions/*.wast: each fused op emitted (jw-dis) and right at its edges;
#  - a fixed, seeded set of random modules from binaryen's fuzzer, without and
#    with SIMD, each run on our engine and on binaryen's interpreter
#    (tests/diff/): each module is a check, failing on any difference in a
#    result, a trap, a logged value or the memory hash. `make fuzz-diff` is the
#    long run. DIFF_COUNT (default 200) sets the modules per set.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

# fold NAME LOG RC: adds a program's final "N passed, N failed" to ours.
fold() {
  local name=$1 log=$2 rc=$3 last p f
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  if [[ -z $last ]]; then
    tail -n 20 "$log"
    fail "$name: no result line (build failure or crash, exit $rc)"
    return
  fi
  p=${last%% passed*}; f=${last#*passed, }; f=${f%% failed*}
  passed=$((passed + p)) failed=$((failed + f))
  grep -E '^(FAIL|skip) |^regress/.*(failed|:[0-9]+:)|^fuzz-diff:' "$log" | grep -v ' 0 failed' || true
  echo "  $name: $p passed, $f failed"
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
    fail "$name: sanitizer report"
  elif [[ $rc -ne 0 && $f -eq 0 ]]; then
    fail "$name: exit $rc"
  fi
}

log=$(mktemp)
make --no-print-directory -j2 regress >"$log" 2>&1
fold "regression scripts (tests/regress)" "$log" $?

# Every fused internal op is emitted for its pattern and runs right at its edges.
make --no-print-directory -j2 engine-fusions >"$log" 2>&1
fold "fusions (tests/fusions)" "$log" $?

count=${DIFF_COUNT:-200}
out=build/host/fuzz-diff-test
rm -rf "$out"
for simd in "" 1; do
  make --no-print-directory fuzz-diff FUZZ_COUNT="$count" FUZZ_SEED=1 FUZZ_SIMD=$simd \
    FUZZ_OUT="$out" >"$log" 2>&1
  fold "differential, ${count} modules${simd:+ with SIMD}" "$log" $?
done
rm -f "$log"
summary
