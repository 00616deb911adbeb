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

# fold NAME LOG RC: shows the failures and the summaries of a run, then adds
# its counts to ours (add_result).
fold() {
  grep -E '^(FAIL|skip) |^regress/.*(failed|:[0-9]+:)|^fuzz-diff:' "$2" | grep -v ' 0 failed' || true
  add_result "$@"
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
