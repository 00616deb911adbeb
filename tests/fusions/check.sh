#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/fusions/check.sh: every fused internal op is emitted for its pattern and runs right at its edges.
# Each tests/fusions/*.wast holds one module and its assertions; a line
# ";; fuses: EXPORT OP" says that the exported function EXPORT must contain
# the internal op OP (checked with jw-dis, tools/jw-dis/dis.c), and the
# assertions (run by the spec runner) check the fused op's results at its
# edges. Prints "N passed, N failed" (one check per fuses line and per
# assertion). Run by `make engine-fusions` (tests/suites/engine-diff.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=build/host/fusions dis=build/host/jw-dis runner=build/host/spec-runner/spec-runner
passed=0 failed=0
for w in tests/fusions/*.wast; do
  s=$(basename "$w" .wast) d=$out/regress/$(basename "$w" .wast)
  rm -rf "$d" && mkdir -p "$d"
  if ! wast2json "$w" -o "$d/$s.json"; then echo "FAIL $s: wast2json"; failed=$((failed + 1)); continue; fi
  while read -r _ _ fn op; do
    if "$dis" "$d/$s.0.wasm" "$fn" | grep -qE "^  [0-9]+: $op( |\$)"; then
      passed=$((passed + 1))
    else
      echo "FAIL $s: $fn does not use $op:"; "$dis" "$d/$s.0.wasm" "$fn"
      failed=$((failed + 1))
    fi
  done < <(grep -E '^;; fuses: ' "$w")
done
"$runner" --json "$out" --regress tests/fusions --group regress >"$out/run.log" 2>&1
grep -E '(failed|:[0-9]+:)' "$out/run.log" | grep -vE '^[0-9]+ passed, 0 failed| 0 failed' || true
last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/run.log" | tail -n 1)
if [[ -z $last ]]; then echo "FAIL spec runner: no result"; tail -n 20 "$out/run.log"; failed=$((failed + 1))
else p=${last%% passed*} f=${last#*passed, }; f=${f%% failed*}; passed=$((passed + p)) failed=$((failed + f)); fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
