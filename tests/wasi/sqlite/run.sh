#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/wasi/sqlite/run.sh: SQLite with an on-disk database in a preopened
# directory, natively and under jericho, same results. Needs Debian's SQLite
# source as bench/realworld fetches it (build/realworld/src/sqlite3 and the
# amalgamation build/realworld/sqlite-amal/sqlite3.c); exits 77 without it.
# Then on JerichoOS, x86_64 and aarch64 (jericho run --dir: a file server's
# tree in memory, lost at power-off, so each boot is one run): create in an
# empty directory, query the native build's database, and both in one run.
# Prints "ok NAME" / "FAIL NAME" lines; exits 0 when all pass.
set -uo pipefail
cd "$(dirname "$0")/../../.."
A=build/realworld/sqlite-amal
V=build/realworld/src/sqlite3/src/test_demovfs.c
O=build/host/tests-wasi-sqlite
J=${JERICHO:-build/host/jericho-asan}
if [[ ! -f $A/sqlite3.c || ! -f $V ]]; then
  echo "skip: no SQLite source ($A/sqlite3.c, $V): bench/realworld/build.sh sqlite fetches and generates it"
  exit 77
fi
mkdir -p "$O"
# The same SQLite for both targets: the demo VFS over POSIX calls (no
# locking: one process), rollback journal (WAL compiled out), temp tables in
# memory, doubles for long doubles (see bench/realworld/build.sh).
defs=(-I"$A" -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION
  -DSQLITE_OMIT_WAL -DSQLITE_TEMP_STORE=3 -DSQLITE_DEFAULT_MEMSTATUS=0
  -DLONGDOUBLE_TYPE=double -Wno-everything)
src=(tests/wasi/sqlite/sqlite_files.c "$A/sqlite3.c" "$V")
stale() { [[ ! -f $1 ]] || [[ -n $(find "${src[@]}" "$0" -newer "$1" 2>/dev/null) ]]; }
if stale "$O/sqlite_files.native"; then
  clang-19 -O2 "${defs[@]}" "${src[@]}" -o "$O/sqlite_files.native" || { echo "FAIL build sqlite natively"; exit 1; }
fi
if stale "$O/sqlite_files.wasm"; then
  # 1 MiB of wasm stack: SQLite's parser recurses deeper than wasm-ld's 64 KiB.
  clang-19 --target=wasm32-wasi --sysroot=/usr -O2 "${defs[@]}" -Wl,-z,stack-size=1048576 \
    "${src[@]}" -o "$O/sqlite_files.wasm" || { echo "FAIL build sqlite for wasm32-wasi"; exit 1; }
fi
failed=0
ok() { echo "ok $*"; }
bad() { echo "FAIL $*"; failed=1; }
rm -rf "$O/native" "$O/wasm" && mkdir -p "$O/native" "$O/wasm"
(cd "$O/native" && ../sqlite_files.native create test.db >create.out && ../sqlite_files.native query test.db >query.out)
"$J" run --host --dir "$O/wasm::." "$O/sqlite_files.wasm" create test.db >"$O/wasm/create.out" 2>"$O/wasm.err" ||
  bad "sqlite create under jericho exits 0 ($(head -3 "$O/wasm.err"))"
"$J" run --host --dir "$O/wasm::." "$O/sqlite_files.wasm" query test.db >"$O/wasm/query.out" 2>>"$O/wasm.err" ||
  bad "sqlite query under jericho exits 0"
grep -q ok "$O/native/query.out" || bad "the native run works (integrity_check ok)"
if cmp -s "$O/native/create.out" "$O/wasm/create.out"; then ok "sqlite: create, fill, close, reopen, change: same output as native"; else bad "sqlite create output differs"; diff "$O/native/create.out" "$O/wasm/create.out" | head; fi
if cmp -s "$O/native/query.out" "$O/wasm/query.out"; then ok "sqlite: reopened in a new process, queries give the same results as native ($(wc -l <"$O/native/query.out") lines)"; else bad "sqlite query output differs"; diff "$O/native/query.out" "$O/wasm/query.out" | head; fi
[[ -f $O/wasm/test.db && ! -e $O/wasm/test.db-journal ]] && ok "sqlite: the database is a file in the preopened directory, the journal is gone" || bad "sqlite: database file / journal state"
(cd "$O/wasm" && ../sqlite_files.native query test.db >native-reads-wasm.out)
if cmp -s "$O/native/query.out" "$O/wasm/native-reads-wasm.out"; then ok "sqlite: the native build reads the database the module wrote"; else bad "native reading the module's database differs"; fi
# os ARCH NAME MODE DIR: runs `sqlite_files MODE test.db` on JerichoOS with DIR as ".".
os() {
  "$J" run --arch "$1" --dir "$4::." "$O/sqlite_files.wasm" "$3" test.db >"$O/os-$1-$2.out" 2>"$O/os-$1-$2.err" ||
    bad "sqlite $3 on JerichoOS ($1) exits 0 ($(head -3 "$O/os-$1-$2.err"))"
}
rm -rf "$O/os-empty" "$O/os-native" && mkdir -p "$O/os-empty" "$O/os-native"
cp "$O/native/test.db" "$O/os-native/"
cat "$O/native/create.out" "$O/native/query.out" >"$O/native/both.out"
for arch in x86_64 aarch64; do
  os "$arch" create create "$O/os-empty"
  os "$arch" query query "$O/os-native"
  os "$arch" both both "$O/os-empty"
  for mode in create query both; do
    if cmp -s "$O/native/$mode.out" "$O/os-$arch-$mode.out"; then
      ok "sqlite on JerichoOS ($arch), $mode: same output as native ($(wc -l <"$O/native/$mode.out") lines)"
    else
      bad "sqlite on JerichoOS ($arch), $mode: output differs"; diff "$O/native/$mode.out" "$O/os-$arch-$mode.out" | head -5
    fi
  done
done
[[ -z $(ls -A "$O/os-empty") ]] && cmp -s "$O/native/test.db" "$O/os-native/test.db" &&
  ok "sqlite on JerichoOS: the host directories are as they were (changes stay in the OS's memory)" ||
  bad "sqlite on JerichoOS changed a host directory"
exit $failed
