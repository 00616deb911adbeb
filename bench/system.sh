#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# system.sh: make bench's system figures: boot, the first module's output, jericho run's wall time, sizes.
#
# usage: BENCH_TSV=FILE bench/system.sh
#   BENCH_QUICK=1  fewer wall-clock runs of `jericho run` (3 instead of 11)
# Boot figures come from test=wasm-time (kernel/ktest_wasm.c: the runner on
# the hello module with RUNNER_REPORT_TIME) under -icount shift=0, where
# the kernel's microseconds are thousands of guest instructions; three
# boots, which must agree. `jericho run` is timed by the wall clock under
# plain TCG (QEMU's start included), the first run dropped as warm-up.
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib/qemu.sh
source bench/lib/tsv.sh
runs=11
[[ ${BENCH_QUICK:-0} == 1 ]] && runs=3
mkdir -p build/bench
status=0

# us_of FILE REGEX: the first number matched by the sed REGEX's group, in
# guest instructions (the line gives microseconds of the icount clock).
insn_of() { sed -n "s/$2/\1/p" "$1" | head -n 1 | awk '$1 != "" { print $1 * 1000 }'; }

# The boot image with the demos: the image plus the largest demo's boot
# archive (its manifest and modules, which QEMU loads beside the image with
# -initrd), packed by jx-pack the way `jericho run --system` packs it: the
# modules are wasm, the same for both arches.
demo_archive=
if make -s --no-print-directory apps pack-tool >&2; then
  for m in apps/*/system.manifest; do
    dir=build/apps/$(basename "$(dirname "$m")")
    files=("system.manifest=$m")
    for f in $(sed -n 's/.*[[:space:]]file=\([^[:space:]]*\).*/\1/p' "$m" | sort -u); do
      files+=("$f=$dir/$f")
    done
    build/host/tools/jx-pack build/bench/demo.archive "${files[@]}" >&2 || continue
    size=$(stat -c %s build/bench/demo.archive)
    ((size > ${demo_archive:-0})) && demo_archive=$size
  done
fi

for arch in x86_64 aarch64; do
  image=$(kernel_image "$arch") || { echo "system.sh: the $arch kernel does not build" >&2; status=1; continue; }
  for i in 1 2 3; do
    qemu_icount "$arch" "$image" test=wasm-time >"build/bench/wasm-time-$arch-$i.txt"
  done
  declare -A series=()
  for i in 1 2 3; do
    f=build/bench/wasm-time-$arch-$i.txt
    grep -q '^ktest: wasm-time passed' "$f" || { echo "system.sh: $arch: test=wasm-time failed ($f)" >&2; status=1; continue; }
    boot=$(insn_of "$f" '^boot: \([0-9]*\) us$')
    created=$(insn_of "$f" '^wasm-time: creating the runner at \([0-9]*\) us.*')
    started=$(insn_of "$f" '^runner: .*started at \([0-9]*\) us.*')
    first=$(insn_of "$f" '^runner: .*first output at \([0-9]*\) us.*')
    # The banner's figure is entry to kernel_main; the kernel's clock starts
    # a little later (frame_init in between is in neither), so entry to the
    # first output is their sum, a slight underestimate.
    series[boot]+="$boot "
    series[first_output]+="$((boot + first)) "
    series[runner_create]+="$((started - created)) "
    series[runner_to_output]+="$((first - started)) "
  done
  for k in boot first_output runner_create runner_to_output; do
    tr ' ' '\n' <<<"${series[$k]:-}" | sed '/^$/d' | tsv_row "system.$k" "$arch" insn
  done
  unset series

  # Sizes of the production kernel (what `make run` and `jericho run` boot;
  # the boot tests are in kernel-test.elf only: kernel/kernel.mk): its own
  # code, read-only data and data; the program embedded in .rodata (the root
  # task, stripped, which carries the wasm runner: user/user.mk) is counted apart.
  elf=build/$arch/kernel.elf
  blobs=$(llvm-size-19 -A "build/$arch/user/blobs.o" | awk '$1 == ".rodata" { print $2 }')
  read -r text rodata data bss < <(llvm-size-19 -A "$elf" | awk '
    $1 ~ /^\.(boot\.)?text$/ { t += $2 } $1 == ".rodata" { r += $2 } $1 ~ /^\.(boot\.)?data$/ { d += $2 }
    $1 == ".bss" || $1 == ".stack" { b += $2 } END { print t, r, d, b }')
  # What the boot tests add to the test kernel's code.
  ktest=$(llvm-size-19 -A "build/$arch/kernel-test.elf" | awk -v t="$text" '$1 == ".text" { print $2 - t }')
  tsv_one size.kernel_text "$arch" "$text" B
  tsv_one size.kernel_text_boot_tests "$arch" "$ktest" B
  tsv_one size.kernel_rodata "$arch" "$((rodata - blobs))" B
  tsv_one size.kernel_data "$arch" "$data" B
  tsv_one size.kernel_bss "$arch" "$bss" B
  tsv_one size.kernel_text_data "$arch" "$((text + rodata - blobs + data))" B
  tsv_one size.embedded_programs "$arch" "$blobs" B
  tsv_one size.runner_elf "$arch" "$(stat -c %s "build/$arch/user/runner.elf")" B
  image=$(stat -c %s "$(make -s --no-print-directory ARCH="$arch" kernel-image-path)")
  tsv_one size.boot_image "$arch" "$image" B
  [[ -n $demo_archive ]] && tsv_one size.boot_image_with_demos "$arch" "$((image + demo_archive))" B
  llvm-strip-19 -o "build/bench/kernel-$arch.stripped" "$elf" 2>/dev/null &&
    tsv_one size.kernel_elf_stripped "$arch" "$(stat -c %s "build/bench/kernel-$arch.stripped")" B
done

# `jericho run hello.wasm` on the OS, wall clock with QEMU's start, and the
# same module hosted (`--host`), alternating; the first of each dropped.
hello=build/apps/02_hello/hello.wasm
if make -s --no-print-directory "$hello" build/host/jericho >&2; then
  for arch in x86_64 aarch64; do
    os="" host=""
    for ((i = 0; i <= runs; i++)); do
      t0=$(date +%s%N)
      JERICHO_ACCEL=tcg build/host/jericho run --arch "$arch" "$hello" >build/bench/jrun.out 2>&1
      st=$?
      t1=$(date +%s%N)
      # hello's status is its argc (1); its last line says it ran to the end.
      grep -q 'primes add up to' build/bench/jrun.out ||
        { echo "system.sh: jericho run --arch $arch: exit $st, no output" >&2; status=1; break; }
      os+="$(((t1 - t0) / 1000)) "
      if [[ $arch == x86_64 ]]; then
        t0=$(date +%s%N); build/host/jericho run --host "$hello" >/dev/null 2>&1; t1=$(date +%s%N)
        host+="$(((t1 - t0) / 1000)) "
      fi
    done
    tr ' ' '\n' <<<"$os" | sed '/^$/d' | awk '{ print $1 / 1000 }' |
      tsv_row system.jericho_run_hello "$arch" ms_tcg 1
    [[ -n $host ]] && tr ' ' '\n' <<<"$host" | sed '/^$/d' | awk '{ print $1 / 1000 }' |
      tsv_row system.jericho_run_host_hello x86_64 ms 1
  done
else
  echo "system.sh: $hello or build/host/jericho does not build" >&2
  status=1
fi
exit $status
