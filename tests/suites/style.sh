#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/style.sh: conventions a newcomer relies on, checked.
#  - every header under engine/, kernel/, user/ and include/ compiles on its
#    own (tests/style/check_headers.sh): no header needs another first, none
#    is code pasted into one .c;
#  - every repository path cited in a doc or a comment exists
#    (tests/style/check_paths.py);
#  - the C sources are in the tree's one format (.clang-format,
#    tests/style/check_format.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
tests/style/check_headers.sh >"$log" 2>&1
add_result "headers compile on their own" "$log" $?
grep 'FAIL' "$log" | head -n 20
python3 tests/style/check_paths.py >"$log" 2>&1
add_result "cited paths exist" "$log" $?
grep 'does not exist' "$log" | head -n 20
tests/style/check_format.sh >"$log" 2>&1
add_result "sources in the one format" "$log" $?
grep '^FAIL' "$log" | head -n 20
summary
