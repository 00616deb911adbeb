#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/style/check_headers.sh: every header compiles on its own, with the
# include paths of the part of the tree it belongs to (a header that needs
# another one first, or pastes code meant for one .c, fails). Prints one
# line per failing header and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
WARN="-std=c11 -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes"
passed=0 failed=0

# check HEADER FLAGS...: compiles HEADER alone as a C file.
check() {
  local h=$1 out; shift
  if out=$(clang-19 -fsyntax-only -x c $WARN -Wno-pragma-once-outside-header -Wno-unused-function "$@" "$h" 2>&1); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "  FAIL $h does not compile on its own:"
    echo "$out" | head -n 5 | sed 's/^/      /'
  fi
}

for h in $(git ls-files 'engine/*.h'); do
  check "$h" -ffreestanding -Iengine/include -Iengine/src -Iengine
done
for arch in x86_64 aarch64; do
  kflags=(--target=$arch-unknown-none-elf -ffreestanding -Ikernel/include -Ikernel/arch/$arch -Iinclude)
  for h in $(git ls-files 'kernel/include/*.h' "kernel/arch/$arch/*.h" 'include/*.h'); do
    check "$h" "${kflags[@]}"
  done
  for h in $(git ls-files ':(glob)user/lib/*.h' "user/lib/arch/$arch/*.h" 'user/tests/*.h'); do
    check "$h" --target=$arch-unknown-none-elf -ffreestanding -Iuser/lib -Iuser/lib/arch/$arch \
      -Iinclude -Ikernel/include
  done
done
for h in $(git ls-files 'user/wasi/*.h'); do
  check "$h" -ffreestanding -Iuser/wasi -Iengine/include
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
