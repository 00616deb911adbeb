#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-unit.sh: the engine's unit/robustness tests and truncated-module loads.
# Sums the "N passed, N failed" lines of `make engine-unit` (one per test)
# and `make spec-truncate` (one per module of the core spec scripts).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

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
