#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-spec.sh: the WebAssembly core and simd spec tests against the engine (make spec).
# Passes are the core and simd commands that passed, failures those that failed; a
# sanitizer report, a crash or no result at all counts as a failure too.
# The runner's full output is kept in build/host/spec/last-run.log.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

log=build/host/spec/last-run.log
mkdir -p "$(dirname "$log")"
start=$(date +%s)
make --no-print-directory -j2 spec >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))

# Show the per-file and per-group lines and the first failures, not all of them.
grep -E '^[a-z0-9_./-]+\.wast: [0-9]+ passed' "$log" | grep -v ' 0 failed' || true
grep -E '^(core|simd|proposals): |^\(' "$log" || true
nfail=$(grep -cE '^[a-z0-9_./-]+\.wast:[0-9]+: ' "$log" || true)
if [[ $nfail -gt 0 ]]; then
  echo "first failing commands ($nfail in all, see $log):"
  grep -E '^[a-z0-9_./-]+\.wast:[0-9]+: ' "$log" | head -n 40 | sed 's/^/    /'
fi
echo "make spec: exit $rc after ${secs}s"

for group in core simd; do
  line=$(grep -E "^$group: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
  if [[ -z $line ]]; then
    tail -n 20 "$log"
    fail "spec runner produced no $group result (build failure?)"
  else
    p=${line#"$group: "}; p=${p%% passed*}
    f=${line#*passed, }; f=${f%% failed*}
    echo "  $group:"
    spec_commands "$p" "$f"
  fi
done
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
  fail "sanitizer report in the spec run (see $log)"
fi
if [[ $rc -ne 0 && $failed -eq 0 ]]; then
  fail "make spec exited $rc"
fi
summary
