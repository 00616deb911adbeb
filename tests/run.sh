#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every test suite in tests/suites/ (or those named as arguments) and
# adds up their results. Each suite is a script that prints what it checks
# and ends with the line "N passed, N failed"; a suite that ends without that
# line, or exits non-zero with no failure counted, counts as one failure.
# Official spec commands (the lines "spec commands: N passed, N failed" that
# suites print through tests/lib.sh) are reported apart from the other checks.
set -uo pipefail
cd "$(dirname "$0")/.."

suites=("$@")
[[ ${#suites[@]} -eq 0 ]] && suites=(tests/suites/*.sh)

total_pass=0 total_fail=0 spec_pass=0 spec_fail=0 bad=()
for suite in "${suites[@]}"; do
  name=$(basename "$suite" .sh)
  echo "=== $name"
  out=$(mktemp)
  bash "$suite" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
  while read -r sp sf; do
    spec_pass=$((spec_pass + sp)) spec_fail=$((spec_fail + sf))
  done < <(sed -nE 's/^spec commands: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out")
  rm -f "$out"
  if [[ -z $last ]]; then
    echo "--- $name: no summary line (exit $rc): counted as 1 failure"
    p=0 f=1
  else
    p=${last%% passed*}
    f=${last#*passed, }; f=${f%% failed*}
    if [[ $rc -ne 0 && $f -eq 0 ]]; then
      echo "--- $name: exit $rc with no failure counted: counted as 1 failure"
      f=1
    fi
  fi
  total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
  [[ $f -ne 0 ]] && bad+=("$name")
done

echo
[[ ${#bad[@]} -gt 0 ]] && echo "failing suites: ${bad[*]}"
echo "official spec commands (core and simd, each run once): $spec_pass passed, $spec_fail failed"
echo "other checks: $((total_pass - spec_pass)) passed, $((total_fail - spec_fail)) failed"
echo "$total_pass passed, $total_fail failed"
[[ $total_fail -eq 0 ]]
