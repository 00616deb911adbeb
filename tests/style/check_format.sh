#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/style/check_format.sh: every C file of the tree (third_party/ aside)
# is in the one format (.clang-format, clang-format-19): a "FAIL FILE" line
# per file that is not, and a "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/../.."
not_ours='^third_party/'
pass=0 fail=0
while read -r f; do
  if clang-format-19 --dry-run -Werror "$f" >/dev/null 2>&1; then
    pass=$((pass + 1))
  else
    echo "FAIL $f is not in the tree's format (clang-format-19 -i $f)"
    fail=$((fail + 1))
  fi
done < <(git ls-files '*.c' '*.h' | grep -Ev "$not_ours")
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
