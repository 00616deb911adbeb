#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# os.sh: make bench's figures of modules on the OS: spawn of a small and a 1 MiB module, a one-byte fd_write, programs inside the OS against hosted.
#
# usage: BENCH_TSV=FILE bench/os.sh [tiny]
#   BENCH_QUICK=1  fewer runs and only fib; "tiny": one run of each at a tiny
#                  size (the tooling check of make test)
# Spawn and fd_write are timed by the modules themselves (bench/os/spawn.c,
# bench/os/fdwrite.c) with the OS's clock, under QEMU TCG with -icount
# shift=0,sleep=off: `jericho run` boots through tools/qemu.sh, which finds
# QEMU on PATH, so a PATH with a wrapper that adds -icount ($O/icount/) makes
# the clock count guest instructions (bench/lib/qemu.sh says why). Those are
# deterministic: two boots each. The programs inside the OS against hosted
# (bench/engine's fib and sieve, tests/os-sqlite's SQLite script) are wall
# time under plain TCG, QEMU's start included: emulated, an upper bound on
# what running inside the OS costs, not a measure of it. Every output on the
# OS must be the hosted one's.
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib/qemu.sh
source bench/lib/tsv.sh
J=build/host/jericho
tiny=0
[[ ${1:-} == tiny ]] && tiny=1
# The tiny run (make test) has its own directory, so a make test beside a
# make bench does not replace the modules the bench is running.
O=build/bench/os
[[ $tiny == 1 ]] && O=build/bench/os-tiny
mkdir -p "$O/icount" "$O/sink"
icount_runs=2 wall_runs=3 os_writes=2000 host_writes=100000
progs=("fib|fib.wasm 34" "sieve|sieve.wasm" "sqlite|sqlite.wasm")
if [[ $tiny == 1 ]]; then
  icount_runs=1 wall_runs=1 os_writes=20 host_writes=100 progs=("fib|fib.wasm 20")
elif [[ ${BENCH_QUICK:-0} == 1 ]]; then
  icount_runs=1 wall_runs=2 progs=("fib|fib.wasm 30")
fi
status=0
fail() { echo "os.sh: $*" >&2; status=1; }

# The modules (bench/os/ with the tree's warnings; gnu11 for clock_gettime
# and the range initialiser; bench/engine's programs as bench/engine/run.sh
# builds them), and the kernels jericho run boots.
wasm() { clang-19 --target=wasm32-wasi --sysroot=/usr -O2 "$@"; }
own=(-std=gnu11 -Wall -Wextra -Werror)
wasm "${own[@]}" bench/os/spawn.c -o "$O/spawn.wasm" &&
  wasm "${own[@]}" -DPAD=1048576 bench/os/spawn.c -o "$O/spawn1m.wasm" &&
  wasm "${own[@]}" bench/os/fdwrite.c -o "$O/fdwrite.wasm" &&
  wasm -std=c11 bench/engine/progs/fib.c -o "$O/fib.wasm" -lm &&
  wasm -std=c11 bench/engine/progs/sieve.c -o "$O/sieve.wasm" -lm || { fail "a module does not build"; exit 1; }
make -s --no-print-directory "$J" >&2 && kernel_image x86_64 >/dev/null && kernel_image aarch64 >/dev/null ||
  { fail "jericho or a kernel does not build"; exit 1; }
for arch in x86_64 aarch64; do
  printf '#!/bin/sh\nexec %s -icount shift=0,sleep=off "$@"\n' "$(command -v "qemu-system-$arch")" \
    >"$O/icount/qemu-system-$arch"
  chmod +x "$O/icount/qemu-system-$arch"
done
on_icount() { PATH="$PWD/$O/icount:$PATH" JERICHO_ACCEL=tcg "$J" run "$@"; }

# Module spawn: the root starts the module again after its trap (restart=1,
# no backoff); its second main less its first trap is one spawn by the root:
# the runner task and its address space created, the module loaded,
# validated, translated and instantiated, WASI and libc started up to main,
# plus the first run's end (the runner's trap report, the root noticing).
tsv_one size.spawn_small_wasm x86_64 "$(stat -c %s "$O/spawn.wasm")" B
tsv_one size.spawn_1mib_wasm x86_64 "$(stat -c %s "$O/spawn1m.wasm")" B
for arch in x86_64 aarch64; do
  for m in small:spawn 1mib:spawn1m; do
    name=${m%%:*} file=${m#*:}
    echo "module $name file=$file.wasm memory=4MiB restart=1 backoff=0ms caps=console,clock" \
      >"$O/$file.manifest"
    for ((i = 0; i < icount_runs; i++)); do
      on_icount --arch "$arch" --system "$O/$file.manifest" >"$O/$file-$arch.out" 2>&1
      awk '/^spawn: main at / { main[++m] = $4 } /^spawn: trap at / { trap[++t] = $4 }
           END { if (m == 2 && t >= 1) print main[2] - trap[1]; else exit 1 }' "$O/$file-$arch.out" ||
        { echo "os.sh: $arch: $file did not run twice ($O/$file-$arch.out)" >&2; break; }
    done | tsv_row "os.spawn_$name" "$arch" insn || fail "$arch: no spawn figure for $file"
  done
done

# fd_write of one byte, per call: on the OS there is no null device, so to
# the console (the UART through the root's console endpoint) and to a file
# on the file server (a --dir preopen: one IPC to the server a call); hosted
# to /dev/null and to a file.
for arch in x86_64 aarch64; do
  for ((i = 0; i < icount_runs; i++)); do
    on_icount --arch "$arch" "$O/fdwrite.wasm" "$os_writes" 2>"$O/fdwrite-console-$arch.err" >/dev/null
    sed -n 's/^fdwrite: .* calls, \([0-9.]*\) ns per call$/\1/p' "$O/fdwrite-console-$arch.err"
  done | tsv_row os.fd_write_console "$arch" insn || fail "$arch: fd_write to the console"
  for ((i = 0; i < icount_runs; i++)); do
    on_icount --arch "$arch" --dir "$O/sink::/sink" "$O/fdwrite.wasm" "$os_writes" /sink/x \
      2>"$O/fdwrite-file-$arch.err"
    sed -n 's/^fdwrite: .* calls, \([0-9.]*\) ns per call$/\1/p' "$O/fdwrite-file-$arch.err"
  done | tsv_row os.fd_write_file "$arch" insn || fail "$arch: fd_write to a file"
done
for sink in null file; do
  for ((i = 0; i <= 10; i++)); do
    if [[ $sink == null ]]; then
      "$J" run --host "$O/fdwrite.wasm" "$host_writes" 2>&1 >/dev/null
    else
      "$J" run --host --dir "$O/sink::/sink" "$O/fdwrite.wasm" "$host_writes" /sink/x 2>&1
    fi | sed -n 's/^fdwrite: .* calls, \([0-9.]*\) ns per call$/\1/p'
  done | tsv_row "os.fd_write_host_$sink" x86_64 ns 1 || fail "hosted fd_write to $sink"
done

# Programs inside the OS against hosted, interleaved, the first run dropped
# when there are several. SQLite's script needs tests/os-sqlite's build,
# which needs bench/realworld's sources (engine.sh fetches them).
sq=build/host/tests-os-sqlite
if [[ " ${progs[*]} " == *sqlite* ]]; then
  [[ -f $sq/sqlite.wasm ]] || tests/os-sqlite/run.sh >/dev/null 2>&1
  cp "$sq/sqlite.wasm" "$sq/script.sql" "$O/" 2>/dev/null || fail "no SQLite build ($sq): SQLite left out"
fi
# ms CMD...: the command's wall time in milliseconds, its stdout in $O/last.out.
ms() { local s e; s=$(date +%s%N); "$@" >"$O/last.out" 2>/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
warm=$((wall_runs > 1 ? 1 : 0))
for p in "${progs[@]}"; do
  IFS='|' read -r name cmd <<<"$p"
  read -r file args <<<"$cmd"
  [[ -f $O/$file ]] || continue
  input=/dev/null
  [[ $name == sqlite ]] && input=$O/script.sql
  : >"$O/$name.samples"
  for ((i = 0; i < wall_runs; i++)); do
    # shellcheck disable=SC2086 # args is a word list on purpose
    h=$(ms "$J" run --host "$O/$file" $args <"$input")
    cp "$O/last.out" "$O/$name.hosted.out"
    for arch in x86_64 aarch64; do
      # shellcheck disable=SC2086
      t=$(JERICHO_ACCEL=tcg ms "$J" run --arch "$arch" "$O/$file" $args <"$input")
      cmp -s "$O/last.out" "$O/$name.hosted.out" || fail "$name on $arch: output differs from hosted"
      echo "$arch $h $t" >>"$O/$name.samples"
    done
  done
  awk '$1 == "x86_64" { print $2 }' "$O/$name.samples" | tsv_row "os_vs_hosted.$name.hosted" x86_64 ms "$warm"
  for arch in x86_64 aarch64; do
    awk -v a="$arch" '$1 == a { print $3 }' "$O/$name.samples" |
      tsv_row "os_vs_hosted.$name.os" "$arch" ms_tcg "$warm"
    awk -v a="$arch" '$1 == a && $2 > 0 { print $3 / $2 }' "$O/$name.samples" |
      tsv_row "os_vs_hosted.$name.os/hosted" "$arch" ratio "$warm"
  done
done
exit $status
