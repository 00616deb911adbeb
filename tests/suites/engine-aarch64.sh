#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/suites/engine-aarch64.sh: the simd spec scripts on the freestanding engine, x86-64 and aarch64 (qemu-aarch64).
# The host spec runner packs the converted simd scripts (make spec-pack,
# tests/spec/spec_pack.h); tests/engine/drivers/packrun.c, linked with the
# freestanding engine of each architecture, runs them. Each script is one
# check: all its commands pass under qemu-aarch64 and the two architectures
# report the same counts. (The commands themselves are counted once, by
# engine-spec.sh.)
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

build_or_stop "the pack and packrun" -j2 spec-pack engine-packrun
pack=build/host/spec/simd.pack

timeout 120 build/freestanding/x86_64/packrun <"$pack" >"$out/x86_64" 2>&1
timeout 600 qemu-aarch64 build/freestanding/aarch64/packrun <"$pack" >"$out/aarch64" 2>&1

for arch in x86_64 aarch64; do
  grep -vE '^(simd/[a-z0-9_]+\.wast: [0-9]+ passed, 0 failed|total: )' "$out/$arch" | head -n 20 | sed "s/^/    $arch: /"
done
x86=$(grep -E '^total: ' "$out/x86_64")
arm=$(grep -E '^total: ' "$out/aarch64")
echo "  x86_64  simd $x86"
echo "  aarch64 simd $arm"
if [[ -z $arm ]]; then
  fail "no result from qemu-aarch64"
fi
while read -r script counts; do
  script=${script%:}
  if [[ $counts == *" 0 failed"* ]] && grep -qxF "$script: $counts" "$out/x86_64"; then
    passed=$((passed + 1))
  else
    fail "$script on aarch64: $counts"
  fi
done < <(grep -E '^simd/[a-z0-9_]+\.wast: ' "$out/aarch64")
echo "  $passed simd scripts pass on aarch64 with the counts of x86_64"
if ! cmp -s "$out/x86_64" "$out/aarch64"; then
  fail "x86_64 and aarch64 differ:"
  diff "$out/x86_64" "$out/aarch64" | head -n 20
fi
summary
