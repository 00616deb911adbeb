#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make bench-kernel: the kernel's IPC and syscall costs in guest instructions.
# Boots test=bench-ipc (kernel/ktest_cap.c, user/tests/ipcbench.c) on each arch
# under QEMU TCG with -icount shift=0,sleep=off: every guest instruction then
# advances the virtual clock by exactly 1 ns, so the nanoseconds the user
# programs measure with the clock ARE instruction counts (the run checks this
# with a loop of 4 instructions per iteration, which must read 4.00). Each
# figure is the total over 20000 operations divided by the count, user stub
# to user stub, including the loop and the user library's wrapper.
# Runs twice per arch; spread = the difference between the runs (0 when
# deterministic). Rows go to build/bench/results.tsv (name, arch, value,
# unit, spread), replacing earlier kernel_* rows; other rows are kept.
# Under a real KVM that runs user mode the cycles would be measured too; the
# only KVM on these hosts (kvm_pvm) cannot (docs/kernel-core.md), so none.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/bench/results.tsv
mkdir -p build/bench
tmp=$(mktemp)
[[ -f $out ]] && grep -v '^kernel_' "$out" >"$tmp"

boot_icount() {   # ARCH IMAGE: the serial output of one test=bench-ipc run
  local arch=$1 image=$2
  case $arch in
  x86_64) timeout 600 qemu-system-x86_64 -M q35 -accel tcg -cpu max -icount shift=0,sleep=off \
            -m 128M -kernel "$image" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
            -display none -serial stdio -monitor none -no-reboot -append test=bench-ipc ;;
  aarch64) timeout 600 qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -accel tcg \
            -cpu max -icount shift=0,sleep=off -m 128M -kernel "$image" \
            -semihosting-config enable=on,target=native -display none -serial stdio \
            -monitor none -no-reboot -append test=bench-ipc ;;
  esac </dev/null 2>&1 | tr -d '\r'
}

status=0
for arch in x86_64 aarch64; do
  if ! make --no-print-directory -j2 ARCH="$arch" kernel-test >/dev/null 2>&1; then
    echo "bench-kernel: $arch kernel does not build"; status=1; continue
  fi
  image=$(make --no-print-directory -s ARCH="$arch" kernel-test-image-path)
  r1=$(boot_icount "$arch" "$image" | grep '^bench: ')
  r2=$(boot_icount "$arch" "$image" | grep '^bench: ')
  if [[ -z $r1 || -z $r2 ]]; then echo "bench-kernel: $arch: no figures"; status=1; continue; fi
  paste <(echo "$r1") <(echo "$r2") | awk -v arch="$arch" '
    { a = $3 + 0; b = $7 + 0; d = a > b ? a - b : b - a
      printf "kernel_%s\t%s\t%s\tinsn\t%s\n", $2, arch, $3, d }' | tee -a "$tmp"
done
mv "$tmp" "$out"
echo "bench-kernel: rows in $out"
exit $status
