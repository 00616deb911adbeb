#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make fuzz-kernel: the long robustness runs of the kernel (docs/ROBUSTNESS.md),
# each a boot test too long for tests/suites/boot.sh, on each arch under TCG.
# Environment: FUZZ_ARCHES (default "x86_64 aarch64"), FUZZ_TESTS (default
# "sysfuzz-long storm-long restart-long"), QEMU_TIMEOUT (seconds per boot, default 1800).
# Output of each run: build/fuzz-kernel/ARCH-TEST.log; exit status 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
read -r -a arches <<<"${FUZZ_ARCHES:-x86_64 aarch64}"
read -r -a tests <<<"${FUZZ_TESTS:-sysfuzz-long storm-long restart-long}"
export QEMU_TIMEOUT=${QEMU_TIMEOUT:-1800}
mkdir -p build/fuzz-kernel
failed=0
for arch in "${arches[@]}"; do
  make --no-print-directory -j2 ARCH="$arch" kernel-test >/dev/null || { failed=1; continue; }
  image=$(make --no-print-directory -s ARCH="$arch" kernel-test-image-path)
  for t in "${tests[@]}"; do
    log=build/fuzz-kernel/$arch-$t.log
    start=$(date +%s)
    tools/qemu.sh "$arch" "$image" "test=$t" </dev/null 2>&1 | tr -d '\r' >"$log"
    status=${PIPESTATUS[0]}
    echo "$arch $t: exit status $status after $(( $(date +%s) - start )) s (log: $log)"
    grep -aE "^[a-z0-9-]+: .*(calls/s|accounting|violations, clients|restarts|quota used|results:)" "$log" |
      sed 's/^/  /' | cut -c1-220
    grep -aqx "ktest: $t passed" "$log" && [[ $status == 0 ]] || failed=1
  done
done
exit $failed
