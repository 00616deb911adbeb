#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots a JerichoOS kernel image in QEMU with the serial console on stdout and
# exits with the kernel's own exit status (see arch_exit in the kernel).
#   tools/qemu.sh ARCH IMAGE [KERNEL-CMDLINE]
# Environment: QEMU_TIMEOUT (seconds, default 30; exit 124 on timeout),
#   JERICHO_ACCEL=tcg to refuse KVM even where /dev/kvm works,
#   JERICHO_ACCEL=kvm to use KVM even where it is known to be slow (see below);
#   both apply to x86_64 only (aarch64 always runs under TCG);
#   JERICHO_MEM: RAM size (-m, default 128M); JERICHO_CPU: the CPU model under
#   TCG (default max; e.g. max,pdpe1gb=off for an x86-64 without 1 GiB pages);
#   JERICHO_INITRD=FILE: the boot archive, passed as -initrd FILE (PVH's first
#   boot module on x86_64, /chosen linux,initrd-* on aarch64).
set -uo pipefail
arch=$1 image=$2 cmdline=${3:-}
timeout_s=${QEMU_TIMEOUT:-30}
mem=${JERICHO_MEM:-128M} cpu=${JERICHO_CPU:-max}

kvm_usable() {
  [[ ${JERICHO_ACCEL:-} != tcg && $(uname -m) == "$1" && -r /dev/kvm && -w /dev/kvm ]] ||
    return 1
  # kvm_pvm (software "pagetable-based" virtualization, used where the host is
  # itself a VM without nested VMX/SVM) runs firmware and page-table-heavy code
  # far slower than TCG: measured 10.5 s vs 0.43 s wall for one x86-64 boot.
  [[ ${JERICHO_ACCEL:-} == kvm || ! -d /sys/module/kvm_pvm ]]
}

case $arch in
x86_64)
  # KVM: plain `-cpu host` fails on these hosts; hiding arch-capabilities works.
  if kvm_usable x86_64; then accel=(-accel kvm -cpu host,-arch-capabilities)
  else accel=(-accel tcg -cpu "$cpu"); fi
  # q35: RAM past 2 GiB goes above 4 GiB (the PCI hole), as on real machines.
  # isa-debug-exit: the kernel writes S to port 0xf4, QEMU exits with 2*S+1.
  cmd=(qemu-system-x86_64 -M q35 "${accel[@]}" -m "$mem" -kernel "$image"
       -device isa-debug-exit,iobase=0xf4,iosize=0x04)
  ;;
aarch64)
  # Always TCG, even on an arm64 host with KVM: the kernel's exit status
  # travels by semihosting (SYS_EXIT_EXTENDED), which KVM does not provide
  # (its HLT would be an undefined instruction in the guest), and
  # virtualization=on (entry at EL2, as real firmware often does) is TCG-only.
  accel=(-accel tcg -cpu "$cpu")
  # JERICHO_GIC=2 boots with a GICv2 instead of the default GICv3.
  cmd=(qemu-system-aarch64 -M "virt,gic-version=${JERICHO_GIC:-3},virtualization=on" "${accel[@]}"
       -m "$mem" -kernel "$image" -semihosting-config enable=on,target=native)
  ;;
*) echo "qemu.sh: unknown arch '$arch'" >&2; exit 2 ;;
esac

cmd+=(-display none -serial stdio -monitor none -no-reboot)
[[ -n $cmdline ]] && cmd+=(-append "$cmdline")
[[ -n ${JERICHO_INITRD:-} ]] && cmd+=(-initrd "$JERICHO_INITRD")

timeout --foreground -k 2 "$timeout_s" "${cmd[@]}"
rc=$?
if [[ $arch == x86_64 && $rc -ne 124 ]]; then
  # Odd codes come from isa-debug-exit; anything else means QEMU itself stopped
  # (triple fault with -no-reboot, or an error): report it as 125.
  if (( rc % 2 == 1 )); then rc=$(( (rc - 1) / 2 )); else rc=125; fi
fi
exit $rc
