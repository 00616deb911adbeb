#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The demos of apps/ on both architectures, as `make run` shows them: each
# demo's output and exit status against its expected.txt (tools/demos.sh,
# tools/demo_check.py); and the checker itself, on outputs it must refuse.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

# The checker refuses a wrong line, a missing line, an extra module's line,
# lines of one module out of order and a wrong status; it accepts another
# interleaving of two modules' lines.
exp=$(mktemp)
trap 'rm -f "$exp"' EXIT
printf 'a: 1\na: 2\nre: b: x[0-9]+\nstatus: 3\n' >"$exp"
check_demo() { # NAME WANT (0 accepts, 1 refuses) STATUS OUTPUT
  printf '%s' "$4" | tools/demo_check.py "$exp" "$3" >/dev/null
  if [[ $? -eq $2 ]]; then pass "checker $1"; else fail "checker $1"; fi
}
check_demo "accepts an interleaving" 0 3 $'b: x12\na: 1\na: 2\n'
check_demo "refuses a wrong line" 1 3 $'a: 1\na: 3\nb: x1\n'
check_demo "refuses a missing line" 1 3 $'a: 1\nb: x1\n'
check_demo "refuses an unexpected module" 1 3 $'a: 1\na: 2\nb: x1\nc: hi\n'
check_demo "refuses lines out of order" 1 3 $'a: 2\na: 1\nb: x1\n'
check_demo "refuses a pattern mismatch" 1 3 $'a: 1\na: 2\nb: y1\n'
check_demo "refuses a wrong status" 1 0 $'a: 1\na: 2\nb: x1\n'

for arch in x86_64 aarch64; do
  out=$(tools/demos.sh "$arch" 2>&1)
  while read -r demo verdict; do
    if [[ $verdict == as ]]; then pass "demo $demo on $arch"; else fail "demo $demo on $arch"; fi
  done < <(printf '%s\n' "$out" | sed -nE 's/^--- ([^:]+): (as|NOT).*/\1 \2/p')
  # A failing demo's whole output, to see why.
  printf '%s\n' "$out" | grep -q 'NOT as expected' && printf '%s\n' "$out"
  printf '%s\n' "$out" | grep -q "^demos on $arch: " || fail "demos on $arch did not run to the end"
done
summary
