#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/os-sqlite/run.sh: SQLite, built from Debian's source, on JerichoOS:
# a SQL script of ~4,000 statements (script.sh) on stdin to a small shell
# (sqlite_stdin.c), natively and with `jericho run` on x86_64 and aarch64;
# every output byte and the exit status must be the native build's. Needs
# the amalgamation bench/realworld builds from Debian's sqlite3 source
# (build/realworld/sqlite-amal/sqlite3.c); exits 77 without it.
# Prints "ok NAME" / "FAIL NAME" lines; exits 0 when all pass.
set -uo pipefail
cd "$(dirname "$0")/../.."
A=build/realworld/sqlite-amal
O=build/host/tests-os-sqlite
J=${JERICHO:-build/host/jericho}
if [[ ! -f $A/sqlite3.c ]]; then
  echo "skip: no SQLite source ($A/sqlite3.c): bench/realworld/build.sh sqlite fetches and generates it"
  exit 77
fi
mkdir -p "$O"
# The benchmark's build of SQLite (bench/realworld/build.sh): its VFS with no
# files, in-memory temp store, doubles for long doubles.
defs=(-I"$A" -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3
  -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_DEFAULT_MEMSTATUS=0
  -DLONGDOUBLE_TYPE=double -Wno-everything)
src=(tests/os-sqlite/sqlite_stdin.c "$A/sqlite3.c" bench/realworld/drivers/sqlite_os.c)
stale() { [[ ! -f $1 ]] || [[ -n $(find "${src[@]}" "$0" -newer "$1" 2>/dev/null) ]]; }
failed=0
ok() { echo "ok $*"; }
bad() { echo "FAIL $*"; failed=1; }
if stale "$O/sqlite.native"; then
  clang-19 -O2 "${defs[@]}" "${src[@]}" -o "$O/sqlite.native" || { bad "build SQLite natively"; exit 1; }
fi
if stale "$O/sqlite.wasm"; then
  # 1 MiB of wasm stack: SQLite's parser recurses deeper than wasm-ld's 64 KiB.
  clang-19 --target=wasm32-wasi --sysroot=/usr -O2 "${defs[@]}" -Wl,-z,stack-size=1048576 \
    "${src[@]}" -o "$O/sqlite.wasm" || { bad "build SQLite for wasm32-wasi"; exit 1; }
fi
tests/os-sqlite/script.sh 4000 >"$O/script.sql"
"$O/sqlite.native" <"$O/script.sql" >"$O/native.out" 2>"$O/native.err"
want=$?
[[ $want -eq 1 ]] && grep -q '^Error: near statement' "$O/native.out" ||
  bad "the native build runs the script (one statement fails on purpose; exit $want)"
for arch in x86_64 aarch64; do
  "$J" run --arch "$arch" "$O/sqlite.wasm" <"$O/script.sql" >"$O/$arch.out" 2>"$O/$arch.err"
  got=$?
  [[ $got -eq $want ]] && ok "sqlite on JerichoOS $arch: exit status $got as native" ||
    bad "sqlite on JerichoOS $arch: exit status $got, native $want ($(head -c 300 "$O/$arch.err"))"
  if cmp -s "$O/native.out" "$O/$arch.out"; then
    ok "sqlite on JerichoOS $arch: $(wc -l <"$O/script.sql") lines of SQL, $(wc -l <"$O/native.out") lines of output, byte for byte as native"
  else
    bad "sqlite on JerichoOS $arch: output differs from native"; diff "$O/native.out" "$O/$arch.out" | head -5
  fi
  cmp -s "$O/native.err" "$O/$arch.err" && ok "sqlite on JerichoOS $arch: stderr as native" ||
    bad "sqlite on JerichoOS $arch: stderr differs ($(head -c 200 "$O/$arch.err"))"
done
exit $failed
