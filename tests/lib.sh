# SPDX-License-Identifier: MIT
# Helpers shared by the test suites in tests/suites/: counting and the final
# "N passed, N failed" line that tests/run.sh reads. Source it, call
# pass/fail per check, and end the suite with `summary`.
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "  ok   $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL $*"; }
# check NAME CMD...: runs CMD, passes when it exits 0.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
# spec_commands P F: P passed and F failed spec commands (assert_return and the
# like from the official suite) join the counts, and are reported on their own
# line too, so that tests/run.sh can tell them from the hand-written checks.
spec_commands() {
  passed=$((passed + $1)) failed=$((failed + $2))
  echo "spec commands: $1 passed, $2 failed"
}
summary() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; }
