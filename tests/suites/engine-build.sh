#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-build.sh: the engine builds everywhere it must, with -Werror:
# freestanding for x86-64 and aarch64 (partially linked, checked to reference
# no symbol outside the engine: no libc, no libm, no compiler runtime), and the
# host libraries (ASan+UBSan for tests, -O2 release for benchmarks), and a
# cross-architecture run of tests/engine/drivers/xarch.c.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

for arch in x86_64 aarch64; do
  obj=build/freestanding/$arch/jwasm.o
  rm -f "$obj"
  if make --no-print-directory "$obj" >"$log" 2>&1 && [[ -f $obj ]] &&
     [[ -z $(llvm-nm-19 -u "$obj") ]]; then
    pass "freestanding $arch: compiles with -Werror, links with no undefined symbols"
  else
    fail "freestanding $arch"; tail -n 20 "$log"
  fi
done

# Other optimisation levels: still nothing undefined.
for opt in -O0 -Os; do
  for arch in x86_64 aarch64; do
    dir=build/freestanding-check$opt
    obj=$dir/$arch/jwasm.o
    rm -f "$obj"
    if make --no-print-directory ENGINE_FS_OPT=$opt ENGINE_FS_DIR=$dir "$obj" >"$log" 2>&1 &&
       [[ -f $obj ]] && [[ -z $(llvm-nm-19 -u "$obj") ]]; then
      pass "freestanding $arch $opt: no undefined symbols"
    else
      fail "freestanding $arch $opt"; tail -n 20 "$log"
    fi
  done
done

for lib in libjwasm.a libjwasm-release.a; do
  if make --no-print-directory -j2 "build/host/$lib" >"$log" 2>&1; then
    pass "host $lib"
  else
    fail "host $lib"; tail -n 20 "$log"
  fi
done

# Every internal opcode has a handler in the dispatch table.
if make --no-print-directory build/host/engine-handlers >"$log" 2>&1 &&
   build/host/engine-handlers >"$log" 2>&1; then
  pass "dispatch table: $(tail -n 1 "$log")"
else
  fail "dispatch table"; tail -n 20 "$log"
fi

# The same edge-case float/conversion workload on both architectures (the
# aarch64 program under qemu-aarch64) must give the same digest.
if ! command -v qemu-aarch64 >/dev/null; then
  fail "cross-architecture check: qemu-aarch64 missing (Debian package qemu-user)"
elif make --no-print-directory engine-xarch >"$log" 2>&1; then
  x86=$(timeout 120 build/freestanding/x86_64/xarch 2>&1)
  arm=$(timeout 300 qemu-aarch64 build/freestanding/aarch64/xarch 2>&1)
  echo "    x86_64:  $x86"
  echo "    aarch64: $arm"
  if [[ $x86 == "xarch digest "* && $x86 == "$arm" ]]; then
    pass "x86_64 and aarch64 agree on every float/conversion edge case"
  else
    fail "x86_64 and aarch64 disagree (or did not run)"
  fi
else
  fail "engine-xarch build"; tail -n 20 "$log"
fi

summary
