# SPDX-License-Identifier: MIT
# qemu.sh: how make bench boots the kernel (sourced by the bench scripts).
#
# qemu_icount ARCH IMAGE CMDLINE [MEM]: the serial output of one boot under
# QEMU TCG with -icount shift=0,sleep=off: every guest instruction advances
# the virtual clock by exactly 1 ns, so the kernel's and the programs' clock
# readings are guest instruction counts (ipcbench.c checks this with a loop
# of 4 instructions, which must read 4.00). Deterministic: two boots of one
# image print the same numbers. The machine is the one tools/qemu.sh
# describes (q35 / virt with GICv3), TCG with -cpu max on both arches; the
# boot's exit status is lost (the output says whether the test passed).
qemu_icount() {
  local arch=$1 image=$2 cmdline=$3 mem=${4:-128M}
  local common=(-accel tcg -cpu max -icount shift=0,sleep=off -m "$mem" -kernel "$image"
                -display none -serial stdio -monitor none -no-reboot -append "$cmdline")
  case $arch in
  x86_64) timeout 900 qemu-system-x86_64 -M q35 "${common[@]}" \
            -device isa-debug-exit,iobase=0xf4,iosize=0x04 ;;
  aarch64) timeout 900 qemu-system-aarch64 -M virt,gic-version=3,virtualization=on "${common[@]}" \
            -semihosting-config enable=on,target=native ;;
  esac </dev/null 2>&1 | tr -d '\r'
}

# kernel_image ARCH: builds the kernels (release flags are the only flags
# they have) and prints the path of the test kernel, which has the boot
# tests (test=NAME) the benchmarks boot; kernel-image-path gives the other.
kernel_image() {
  make --no-print-directory -s -j2 ARCH="$1" kernel kernel-test >&2 || return 1
  make --no-print-directory -s ARCH="$1" kernel-test-image-path
}
