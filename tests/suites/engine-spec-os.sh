#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-spec-os.sh: the core and simd spec commands inside JerichoOS, on x86_64 and aarch64, with the host's counts.
# The host runner packs every core and simd command (make spec-pack:
# build/host/spec/core-simd.pack, tests/spec/spec_pack.h). packrun, the
# freestanding Linux driver, runs the pack on the host for the reference
# counts; then, per arch, JerichoOS boots a one-line manifest whose program
# (user/spectest/, program=spectest.elf) runs the same pack in its own task
# through the same pack_core.c. Each arch is one check: its counts equal the
# host's, with 0 failed. (The commands themselves are counted once, by
# engine-spec.sh: this suite prints no "spec commands:" line.)
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

log=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$log" "$out"' EXIT

build_or_stop "the pack, packrun and ./jericho" -j2 spec-pack engine-packrun jericho
pack=$PWD/build/host/spec/core-simd.pack

build/freestanding/x86_64/packrun <"$pack" >"$out/host" 2>&1
want=$(sed -nE 's/^total: ([0-9]+ passed, [0-9]+ failed, [0-9]+ skipped)$/\1/p' "$out/host")
if [[ -n $want && $want == *" 0 failed,"* ]]; then
  pass "host (packrun): core and simd $want"
else
  grep -vE '\.wast: [0-9]+ passed, 0 failed' "$out/host" | head -n 20 | sed 's/^/    host: /'
  fail "host (packrun): ${want:-no result}"
fi

for arch in x86_64 aarch64; do
  if ! make --no-print-directory -j2 ARCH="$arch" spectest >"$log" 2>&1; then
    tail -n 20 "$log"
    fail "$arch: build of spectest.elf"
    continue
  fi
  dir=build/spec-os/$arch
  mkdir -p "$dir"
  cp "build/$arch/user/spectest.elf" "$dir/spectest.elf"
  ln -sf "$pack" "$dir/core-simd.pack"
  # memory=160MiB: the driver's heap reaches ~105 MiB (core/memory_grow.wast),
  # which a quota that charges bss pages as they are touched must cover.
  printf '%s\n' "# core and simd spec commands on JerichoOS (tests/suites/engine-spec-os.sh)" \
    "module spec program=spectest.elf file=core-simd.pack memory=160MiB caps=console,clock" \
    >"$dir/system.manifest"
  start=$(date +%s%N)
  timeout 900 ./jericho run --arch "$arch" --system "$dir/system.manifest" >"$out/$arch" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  grep -E '^spectest: |\.wast:[0-9]+: ' "$out/$arch" | head -n 30 | sed "s/^/    $arch: /"
  got=$(sed -nE 's/^spectest: ([0-9]+ passed, [0-9]+ failed, [0-9]+ skipped) in .*/\1/p' "$out/$arch")
  if [[ $rc -eq 0 && -n $got && $got == "$want" ]]; then
    pass "$arch: core and simd $got inside JerichoOS, as on the host (jericho run: $((ms / 1000)).$(( ms % 1000 / 100 )) s)"
  else
    [[ -z $got ]] && tail -n 20 "$out/$arch"
    fail "$arch: ${got:-no result} (exit $rc); the host: $want"
  fi
done
summary
