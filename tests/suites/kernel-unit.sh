#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Host unit tests of the portable kernel code (tests/host/*_test.c, ASan+UBSan):
# builds them with `make host-tests` and runs each; one check per program.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

echo "building host unit tests"
log=$(mktemp)
if ! make --no-print-directory -j2 host-tests >"$log" 2>&1; then
  tail -n 30 "$log"
  fail "make host-tests"
fi
rm -f "$log"

for src in tests/host/*_test.c; do
  name=$(basename "$src" .c)
  bin=build/host/tests/host/$name
  if [[ ! -x $bin ]]; then fail "$name (not built)"; continue; fi
  if out=$("$bin" 2>&1); then pass "$name"
  else echo "$out" | tail -n 20 | sed 's/^/    /'; fail "$name"; fi
done
summary
