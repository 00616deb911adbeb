#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# memory-grow.sh: linear memory that grows in place (issue #21, part 1).
# Two modules under `jericho run --host` (the sanitizer build): one grows
# to 1 GiB a 64 KiB page at a time writing a byte per page, one to 4 GiB a
# MiB at a time until refused. Each must finish, keep every byte, and peak
# below an RSS the old grow-by-copy path could not (it held the old and the
# new block at once: over 1 GiB and over 4 GiB). Then the exact end of a
# 4 GiB memory traps, and --max-memory still refuses growth with -1.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

J=build/host/jericho-asan
T=tests/memory
O=build/host/tests-memory-grow
mkdir -p "$O"

build_or_stop "$J" "$J"
for name in grow_pages_1gib grow_mib_4gib; do
  check "assemble $name.wat" wat2wasm "$T/$name.wat" -o "$O/$name.wasm"
done

# timed MAX_S MAX_KIB WANT_RC NAME ARGS...: runs jericho ARGS under
# /usr/bin/time (killed after 60 s); passes when it exits WANT_RC within
# MAX_S seconds and its peak RSS stays under MAX_KIB.
timed() {
  local max_s=$1 max_kib=$2 want=$3 name=$4 rc secs=? kib=?
  shift 4
  /usr/bin/time -o "$O/time" -f '%e %M' timeout -s KILL 60 "$J" "$@" </dev/null \
    >"$O/out" 2>"$O/err"
  rc=$?
  # the last line: time writes "Command exited with non-zero status N" first
  [[ $(tail -n 1 "$O/time") =~ ^([0-9.]+)\ ([0-9]+)$ ]] && secs=${BASH_REMATCH[1]} kib=${BASH_REMATCH[2]}
  if grep -q 'Sanitizer' "$O/err"; then
    fail "$name: sanitizer report"
    sed -n 1,15p "$O/err"
  elif [[ $rc -ne $want ]]; then
    fail "$name (exit $rc, want $want; ${secs} s, ${kib} KiB)"
    sed -n 1,5p "$O/err"
  elif ! awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s + 0 <= m + 0) }'; then
    fail "$name (${secs} s, over ${max_s} s)"
  elif [[ ! $kib =~ ^[0-9]+$ ]] || (( kib > max_kib )); then
    fail "$name (peak RSS ${kib} KiB, over ${max_kib} KiB)"
  else
    pass "$name (${secs} s, peak RSS ${kib} KiB)"
  fi
}

# 16384 pages touched once each: 64 MiB of 4 KiB pages, plus the sanitizer's
# own ~10 MiB. The bounds leave room for a loaded machine, not for a copy.
timed 5 262144 0 "1 GiB in 64 KiB steps, a byte per page kept" run --host "$O/grow_pages_1gib.wasm"
timed 5 131072 0 "4 GiB in 1 MiB steps until refused, a byte per MiB kept" \
  run --host "$O/grow_mib_4gib.wasm"
timed 5 131072 134 "4 GiB memory: a load at 4 GiB - 3 traps" \
  run --host --invoke past_end "$O/grow_mib_4gib.wasm"
if grep -q 'out of bounds memory access' "$O/err"; then
  pass "4 GiB memory: the trap says out of bounds memory access"
else
  fail "4 GiB memory: the trap says out of bounds memory access"
  sed -n 1,5p "$O/err"
fi
# growth refused at the limit: memory.grow returns -1, the module sees 2 GiB
timed 5 131072 3 "--max-memory 2GiB: growth stops at the limit with -1" \
  run --host --max-memory 2GiB "$O/grow_mib_4gib.wasm"

summary
