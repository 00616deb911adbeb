#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# os-files.sh: files on JerichoOS (issue #22): the file server (user/fs/) and the runner's file platform (user/runner/files.c), on x86_64 and aarch64.
# jericho run --dir/--dir-ro on the OS packs the host directory as a file
# server's image; the module's changes live in the server's memory and are
# lost at power-off, so every check also verifies that the host tree is
# untouched. Per arch: the WASI file tests of tests/wasi/ (files.c with its
# escape attempts, libc_files.c against the native build, fuzz_calls.c with
# a preopen) give the same output as with --host; tests/os-files/fs_limits.c
# runs a server with a 1 MiB quota; tests/os-files/fs_wall.c has a module
# forge requests against another's handles. SQLite on disk on the OS is in
# tests/wasi/sqlite/run.sh (wasi.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
source tests/wasi/fixture.sh

J=build/host/jericho-asan
O=build/host/tests-os-files
W=tests/wasi
mkdir -p "$O"

build_or_stop "$J and jx-pack" "$J" pack-tool
for arch in x86_64 aarch64; do
  build_or_stop "fs.elf for $arch" ARCH=$arch fs
done
for name in files libc_files fuzz_calls; do
  check "compile $name.c" clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Werror "$W/$name.c" -o "$O/$name.wasm" -lm
done
for name in fs_limits fs_wall; do
  check "compile $name.c" clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -Iinclude \
    "tests/os-files/$name.c" -o "$O/$name.wasm"
done
clang-19 -O2 -Wall -Wextra -Werror "$W/libc_files.c" -o "$O/libc_files.native" || fail "build libc_files natively"

# jr ARGS...: `jericho-asan run ARGS` (on the OS unless --host); rc, $O/out, $O/err.
jr() {
  "$J" run "$@" </dev/null >"$O/out" 2>"$O/err"
  rc=$?
  if grep -q 'Sanitizer' "$O/err"; then fail "no sanitizer report: jericho run $*"; sed -n 1,15p "$O/err"; fi
}
# snapshot DIR: every path beneath DIR with type, size and mtime, then the files' contents.
snapshot() { (cd "$1" && find . -printf '%y %s %T@ %p\n' | sort && find . -type f -exec cat {} +); }
same() { if cmp -s "$2" "$3"; then pass "$1"; else fail "$1"; diff "$2" "$3" | head -10; fi; }

F=$O/fixture
fixture "$F"
jr --host --dir "$F/root::/sandbox" --dir-ro "$F/ro::/ro" "$O/files.wasm"
cp "$O/out" "$O/files.host"
[[ $rc -eq 0 ]] && pass "files.c with --host: exit 0" || fail "files.c with --host: exit $rc"
fixture "$F"
snapshot "$F" >"$O/fixture.before"
rm -rf "$O/lf-native" && mkdir -p "$O/lf-native"
(cd "$O/lf-native" && ../libc_files.native >../lf-native.out)

for arch in x86_64 aarch64; do
  echo "--- $arch: the WASI file tests, as with --host"
  jr --arch "$arch" --dir "$F/root::/sandbox" --dir-ro "$F/ro::/ro" "$O/files.wasm"
  expect "$arch: files.c: every path_* and fd_* check passes on the OS" 0
  grep FAIL "$O/out" | head -5
  same "$arch: files.c: the same $(grep -c '^ok' "$O/out") checks, the same results as --host (escapes: .., absolute, symlinks out, long paths)" \
    "$O/files.host" "$O/out"
  snapshot "$F" >"$O/fixture.after"
  same "$arch: files.c: the host tree is untouched (the module's changes stay in the OS's memory)" \
    "$O/fixture.before" "$O/fixture.after"

  rm -rf "$O/lf-os" && mkdir -p "$O/lf-os"
  jr --arch "$arch" --dir "$O/lf-os::." "$O/libc_files.wasm"
  expect "$arch: libc_files: exit 0" 0
  same "$arch: libc_files: fopen/fread/fwrite/fseek, opendir/readdir, stat, mkdir, rename, link, unlink: output equals native" \
    "$O/lf-native.out" "$O/out"
  mkdir -p "$O/g" && echo hi >"$O/g/f.txt"
  jr --arch "$arch" --dir-ro "$O/g::." "$O/libc_files.wasm"
  grep -q '^fopen a.txt: EACCES\|^fopen a.txt: other' "$O/out" && pass "$arch: --dir-ro: fopen(\"w\") fails" ||
    fail "$arch: --dir-ro: fopen(w) did not fail: $(head -2 "$O/out")"

  rm -rf "$O/fuzz" && mkdir -p "$O/fuzz/root"
  jr --arch "$arch" --env A=b --dir "$O/fuzz/root" "$O/fuzz_calls.wasm" x y
  expect "$arch: 30000 random calls with a preopen (garbage paths, fds, pointers): all errnos, no crash" 0 \
    "30000 calls, 0 bad results"

  echo "--- $arch: the file server's limits and wall"
  S=$O/sys-$arch
  rm -rf "$S" && mkdir -p "$S/t"
  cp "build/$arch/user/fs.elf" "$O/fs_limits.wasm" "$O/fs_wall.wasm" "$S/"
  : >"$S/empty.img"
  printf 'secret a\n' >"$S/t/a" && printf 'b\n' >"$S/t/b" && printf '../' >"$S/t/up" && printf '/etc/passwd' >"$S/t/abs"
  build/host/tools/jx-pack "$S/wall.img" f/a.txt="$S/t/a" f/b.txt="$S/t/b" l/up="$S/t/up" l/abs="$S/t/abs"
  printf '%s\n' "module lim file=fs_limits.wasm caps=console,clock dir=.:fs" \
    "module fs program=fs.elf file=empty.img memory=8MiB service=yes args=quota=1MiB caps=serve:fs,clock" \
    >"$S/limits.manifest"
  jr --arch "$arch" --system "$S/limits.manifest"
  expect "$arch: fs_limits: 300 KB in odd pieces, 100+ handles then EMFILE, readdir while deleting, a 1 MiB quota (ENOSPC, then space again)" 0
  grep FAIL "$O/out" | head -5
  printf '%s\n' "module r file=fs_limits.wasm args=restart restart=1 caps=console,clock dir=/a:fs dir=/b:fs" \
    "module fs program=fs.elf file=empty.img memory=8MiB service=yes caps=serve:fs,clock" >"$S/restart.manifest"
  jr --arch "$arch" --system "$S/restart.manifest"
  grep -q '^ok after a restart' "$O/out" && ! grep -q FAIL "$O/out" && [[ $rc -eq 0 ]] &&
    pass "$arch: a restarted module gets a fresh set of handles (the server closes what its first run left open)" ||
    { fail "$arch: a restarted module's handles (exit $rc)"; head -5 "$O/out"; }
  printf '%s\n' "module victim file=fs_wall.wasm args=victim caps=console,clock dir=/d:fs" \
    "module thief file=fs_wall.wasm args=thief caps=console,clock,call:fs" \
    "module fs program=fs.elf file=wall.img memory=8MiB service=yes caps=serve:fs,clock" >"$S/wall.manifest"
  jr --arch "$arch" --system "$S/wall.manifest"
  n=$(grep -c '^ok' "$O/out")
  expect "$arch: fs_wall: $n checks: another client's handles, the endpoint behind the runner, forged requests" 0
  grep FAIL "$O/out" | head -5
done

echo "--- jericho run --dir on the OS: what it cannot pack"
rm -rf "$O/long" && mkdir -p "$O/long/$(printf 'd%.0s' {1..30})" && touch "$O/long/$(printf 'd%.0s' {1..30})/$(printf 'f%.0s' {1..30})"
jr --dir "$O/long" "$O/libc_files.wasm"
expect "a path longer than 53 bytes is refused with a message" 2 "longer than 53 bytes"
jr --dir "$O/g::/a b" "$O/libc_files.wasm"
expect "a guest name with a space is refused with a message" 2 "cannot reach a module on JerichoOS"
jr --dir "$O/g" --system "$O/sys-x86_64/wall.manifest"
expect "--dir with --system is refused (the manifest's dir= says it)" 2 "give modules directories with the manifest's dir="
summary
