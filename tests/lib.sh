# SPDX-License-Identifier: MIT
# Helpers shared by the test suites in tests/suites/: counting and the final
# "N passed, N failed" line that tests/run.sh reads. Source it, call
# pass/fail per check, and end the suite with `summary`.
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "  ok   $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL $*"; }
# check NAME CMD...: runs CMD, passes when it exits 0.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
summary() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; }
