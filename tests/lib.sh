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
# add_result NAME LOGFILE RC: folds the final "N passed, N failed" line of a
# program's output (LOGFILE) and its exit status RC into ours; no such line,
# a sanitizer report, or a non-zero exit with no failure counted fails.
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
# expect NAME RC [STDERR-REGEX]: for suites that run a command and keep its
# exit status in $rc and its stderr in $O/err (cli, wasi): the status is RC
# (and some line of stderr matches the regex).
expect() {
  local name=$1 want=$2 re=${3-}
  if [[ $rc -ne $want ]]; then
    fail "$name (exit $rc, want $want)"
    sed -n 1,5p "$O/err"
  elif [[ -n $re ]] && ! grep -Eq -- "$re" "$O/err"; then
    fail "$name (stderr does not match /$re/)"
    sed -n 1,12p "$O/err"
  else
    pass "$name"
  fi
}
# add_verdicts NAME LOG RC: folds a script's "ok WHAT" / "FAIL WHAT" lines
# (LOG) into ours; RC 77 means it skipped, and its first line says why; a
# non-zero RC with no FAIL line is a failure of its own.
add_verdicts() {
  local name=$1 log=$2 rc=$3 verdict what
  if [[ $rc -eq 77 ]]; then
    sed -n 1p "$log"
    return
  fi
  while read -r verdict what; do
    if [[ $verdict == ok ]]; then pass "$what"; elif [[ $verdict == FAIL ]]; then fail "$what"; fi
  done <"$log"
  if [[ $rc -ne 0 ]] && ! grep -q '^FAIL' "$log"; then
    fail "$name exits $rc"
    tail -5 "$log"
  fi
}
# build_or_stop WHAT MAKE-ARGS...: runs make MAKE-ARGS quietly. Built: one
# pass. Not: the end of make's output, one failure, and the suite ends here,
# since nothing after it can run without what it builds.
build_or_stop() {
  local what=$1 log
  shift
  log=$(mktemp)
  if make -s --no-print-directory "$@" >"$log" 2>&1; then
    rm -f "$log"
    pass "build $what"
    return
  fi
  tail -n 30 "$log"
  rm -f "$log"
  fail "build $what"
  summary
  exit 1
}
summary() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; }
