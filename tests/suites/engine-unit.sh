#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-unit.sh: the engine's unit/robustness tests and truncated-module loads.
# Sums the "N passed, N failed" lines of `make engine-unit` (one per test)
# and `make spec-truncate` (one per module of the core spec scripts).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

# add_result NAME LOGFILE RC: folds a program's final counts into ours.
add_result() {
  local name=$1 log=$2 rc=$3 last p f
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  if [[ -z $last ]]; then
    tail -n 20 "$log"
    fail "$name: no result line (build failure or crash, exit $rc)"
    return
  fi
  p=${last%% passed*}; f=${last#*passed, }; f=${f%% failed*}
  passed=$((passed + p)) failed=$((failed + f))
  echo "  $name: $p passed, $f failed"
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
    fail "$name: sanitizer report"
  elif [[ $rc -ne 0 && $f -eq 0 ]]; then
    fail "$name: exit $rc"
  fi
}

log=$(mktemp)
make --no-print-directory -j2 engine-unit >"$log" 2>&1
rc=$?
grep -vE '^(clang|wat2wasm|make)' "$log"
add_result engine-unit "$log" $rc

make --no-print-directory -j2 spec-truncate >"$log" 2>&1
rc=$?
grep -E '^[a-z0-9_./-]+\.wast:[0-9]+: ' "$log" | head -n 40
grep -E '^core: ' "$log"
add_result spec-truncate "$log" $rc
rm -f "$log"
summary
