#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/demos.sh [ARCH] [DEMO...]: boots JerichoOS once per demo of apps/
# (each apps/NN_name/system.manifest, or those named) with
# `./jericho run --system`, shows what each printed under a heading, and
# checks it against apps/NN_name/expected.txt (tools/demo_check.py). Exits 0
# only when every demo behaved as expected. `make run` calls it.
set -uo pipefail
cd "$(dirname "$0")/.."
arch=${1:-x86_64}
shift || true
demos=("$@")
[[ ${#demos[@]} -eq 0 ]] && demos=(apps/*/system.manifest)

make -s --no-print-directory apps jericho ARCH="$arch" >/dev/null || { echo "demos: make apps jericho failed" >&2; exit 2; }
pass=0 fail=0
for m in "${demos[@]}"; do
  [[ $m == */system.manifest ]] || m=apps/$m/system.manifest
  dir=$(dirname "$m")
  # The heading: the demo's name and the first comment line of its manifest.
  what=$(sed -n 's/^# *//p' "$m" | head -n 1)
  echo "=== $(basename "$dir") on $arch: $what"
  out=$(./jericho run --arch "$arch" --system "$m" 2>&1)
  status=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  if printf '%s\n' "$out" | tools/demo_check.py "$dir/expected.txt" "$status"; then
    echo "--- $(basename "$dir"): as expected (exit status $status)"
    pass=$((pass + 1))
  else
    echo "--- $(basename "$dir"): NOT as expected"
    fail=$((fail + 1))
  fi
done
echo "demos on $arch: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
