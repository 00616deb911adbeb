#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# wasi.sh: WASI preview1 (user/wasi) and the hosted CLI (jericho run --host), through build/host/jericho-asan.
# The guest programs in tests/wasi/ are built here: C with clang-19
# --target=wasm32-wasi, WAT with wat2wasm. Every run is also checked for a
# sanitizer report, so a host crash fails the check that caused it.
# Files: preopened directories (--dir, --dir-ro) with every path_*/fd_* call
# and escape attempt (files.c, under openat2 and the fallback walk), renames
# racing lookups, stdio/POSIX calls against the native build (libc_files.c),
# and SQLite on disk (tests/wasi/sqlite/run.sh; skipped, with a message,
# when bench/realworld has not fetched Debian's SQLite source).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
source tests/wasi/fixture.sh

J=build/host/jericho-asan
T=tests/wasi
O=build/host/tests-wasi
mkdir -p "$O"

echo "--- user/wasi unit test (fake engine, scripted platform; needs no engine)"
if make -s --no-print-directory build/host/wasi-unit >"$O/build.log" 2>&1; then
  build/host/wasi-unit >"$O/unit.out" 2>&1
  rc=$?
  while read -r verdict what; do
    if [[ $verdict == ok ]]; then pass "unit: $what"; else fail "unit: $verdict $what"; fi
  done <"$O/unit.out"
  [[ $rc -ne 0 ]] && ! grep -q '^FAIL' "$O/unit.out" && fail "wasi-unit exits $rc"
else
  cat "$O/build.log"
  fail "build build/host/wasi-unit"
fi

echo "--- jericho run --host"
build_or_stop "$J" "$J"
check "user/wasi builds freestanding for x86_64 and aarch64 (no libc, no mutable globals)" \
  make -s --no-print-directory build/freestanding/x86_64/wasi.o build/freestanding/aarch64/wasi.o

# Builds every guest; a program that does not build fails its own check.
for src in "$T"/*.c; do
  name=$(basename "$src" .c)
  check "compile $name.c" clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
    "$src" -o "$O/$name.wasm" -lm
done
for src in "$T"/*.wat; do
  name=$(basename "$src" .wat)
  check "assemble $name.wat" wat2wasm "$src" -o "$O/$name.wasm"
done

# jr [--stdin FILE] ARGS...: runs `jericho run --host ARGS`; sets rc, and
# leaves stdout in $O/out and stderr in $O/err.
jr() {
  local in=/dev/null
  if [[ $1 == --stdin ]]; then in=$2; shift 2; fi
  "$J" run --host "$@" <"$in" >"$O/out" 2>"$O/err"
  rc=$?
  if grep -q 'Sanitizer' "$O/err"; then
    fail "no sanitizer report: jericho run --host $*"
    sed -n 1,15p "$O/err"
  fi
}
# same_out NAME FILE: the last jr's stdout equals FILE.
same_out() {
  if cmp -s "$O/out" "$2"; then pass "$1"; else fail "$1"; diff "$2" "$O/out" | head -20; fi
}

echo "--- arguments, environment, exit codes"
jr --env FOO=bar --env 'PATHY=a b=c' "$O/args_env.wasm" one 'two words' ''
printf '%s\n' 'argc=4' 'argv[1]=[one]' 'argv[2]=[two words]' 'argv[3]=[]' \
  'env [FOO=bar]' 'env [PATHY=a b=c]' 'getenv(FOO)=bar' >"$O/want"
expect "args and env: exit 0" 0
same_out "args and env reach the module" "$O/want"
jr --env=FOO=x=y "$O/args_env.wasm"
printf '%s\n' 'argc=1' 'env [FOO=x=y]' 'getenv(FOO)=x=y' >"$O/want"
same_out "--env=K=V form" "$O/want"
jr "$O/args_env.wasm"
printf '%s\n' 'argc=1' 'getenv(FOO)=(null)' >"$O/want"
same_out "no --env: empty environment" "$O/want"
for code in 0 7 255; do
  jr "$O/exit_code.wasm" "$code"
  expect "proc_exit($code) -> exit status $code" "$code"
done
jr "$O/exit_code.wasm" 256
expect "proc_exit(256) -> exit status 0 (its low 8 bits, as native; more in cli.sh)" 0
printf 'exiting\n' >"$O/want"
same_out "exit(256) flushed stdout before proc_exit" "$O/want"
jr "$O/exit_code.wasm"
expect "_start returns -> exit status 0" 0
same_out "returning from main flushed stdout" "$O/want"
jr "$O/exit_code.wasm" ret 9
expect "main returns 9 -> exit status 9" 9
jr "$O/start_exit.wasm"
expect "proc_exit(5) in the start function -> exit status 5" 5

jr "$O/streams.wasm"
printf 'to stdout\npartial line' >"$O/want"
same_out "stdout passes through" "$O/want"
printf 'to stderr\n' >"$O/want"
if cmp -s "$O/err" "$O/want"; then pass "stderr passes through"; else fail "stderr passes through"; fi

echo "--- stdin"
printf 'hello\nworld' >"$O/in"
jr --stdin "$O/in" "$O/stdin_echo.wasm"
printf 'HELLO\nWORLDbytes=11 lines=1\n' >"$O/want"
expect "stdin: exit 0" 0
same_out "stdin is read to its end" "$O/want"
head -c 200000 /dev/zero | tr '\0' 'x' | fold -w 99 >"$O/in"
jr --stdin "$O/in" "$O/stdin_echo.wasm"
{ tr 'x' 'X' <"$O/in"; echo "bytes=$(wc -c <"$O/in") lines=$(wc -l <"$O/in")"; } >"$O/want"
same_out "stdin: 200 KB pass through intact" "$O/want"

echo "--- clocks, sleep, random"
jr "$O/clocks.wasm"
expect "clocks: every check passes" 0
grep FAIL "$O/out"
jr "$O/poll.wasm"
expect "poll_oneoff: clocks and stdio fds" 0
grep FAIL "$O/out"

echo "--- every preview1 import links; without --dir each answers for stdio or with an errno"
jr "$O/all_imports.wasm"
expect "all 46 imports link and run (proc_exit 3 at the end)" 3
grep -v '^#' "$T/all_imports.expected" >"$O/want"
same_out "errno of every call without a preopen" "$O/want"

echo "--- bad guest pointers"
jr --env A=bbbbbbbb "$O/bad_pointers.wasm" arg1 arg2
expect "bad pointers: no crash, exit 0" 0
grep -v '^#' "$T/bad_pointers.expected" >"$O/want"
same_out "bad pointers and lengths give EFAULT/EINVAL" "$O/want"

jr --env A=b "$O/fuzz_calls.wasm" x y
expect "30000 random calls (wild pointers, lengths, fds): all errnos, no crash" 0 \
  "30000 calls, 0 bad results"
rm -rf "$O/fuzz-fs" && mkdir -p "$O/fuzz-fs/root" "$O/fuzz-fs/beside" && echo x >"$O/fuzz-fs/beside/f"
jr --dir "$O/fuzz-fs/root" "$O/fuzz_calls.wasm"
expect "the same with a preopen (garbage paths for open, stat, mkdir, readlink, rename, readdir)" 0 \
  "30000 calls, 0 bad results"
[[ $(cd "$O/fuzz-fs" && find . -path ./root -prune -o -print | sort | tr '\n' ' ') == ". ./beside ./beside/f " ]] &&
  pass "random path calls: nothing appeared beside the preopen" || fail "random path calls: something appeared beside the preopen"

echo "--- files: preopened directories (--dir, --dir-ro)"
# snapshot DIR: every path beneath DIR but root/ (the read-write preopen),
# with type, size, mode and mtime, then the contents of its files.
snapshot() {
  (cd "$1" && find . -path ./root -prune -o -printf '%y %s %m %T@ %p\n' | sort &&
    find . -path ./root -prune -o -type f -exec cat {} +)
}
for resolver in openat2 walk; do
  F=$O/fs-$resolver
  fixture "$F"
  snapshot "$F" >"$O/around.before"
  walk=0
  [[ $resolver == walk ]] && walk=1
  JERICHO_FS_WALK=$walk jr --dir "$F/root::/sandbox" --dir-ro "$F/ro::/ro" "$O/files.wasm"
  expect "files ($resolver): every path_* and fd_* check passes" 0 ""
  grep FAIL "$O/out"
  n=$(grep -c '^ok' "$O/out")
  [[ $n -ge 150 ]] && pass "files ($resolver): $n checks ran" || fail "files ($resolver): only $n checks ran"
  snapshot "$F" >"$O/around.after"
  cmp -s "$O/around.before" "$O/around.after" &&
    pass "files ($resolver): nothing outside the preopen changed (the directory beside it, the read-only one)" ||
    { fail "files ($resolver): something outside the preopen changed"; diff "$O/around.before" "$O/around.after" | head -5; }
  (cd "$F/root" && ls -A | sort | tr '\n' ' ') >"$O/left"
  printf 'abs_link data.txt dir dir_link link_out link_self ' >"$O/want"
  cmp -s "$O/left" "$O/want" && pass "files ($resolver): the test cleaned up after itself, data.txt intact" ||
    { fail "files ($resolver): left in the preopen: $(cat "$O/left")"; }
done

echo "--- files: renames racing a lookup (a build without RESOLVE_BENEATH escaped 3 times in 60000)"
if clang-19 -O2 -Wall -Wextra -Werror "$T/rename_race.c" -o "$O/rename_race.native"; then
  for resolver in openat2 walk; do
    F=$O/race-$resolver
    rm -rf "$F" && mkdir -p "$F/root/d1/deep/a/b/c" "$F/away" && echo outside >"$F/only_outside"
    "$O/rename_race.native" "$F/root/d1/deep" "$F/away/deep" 2 >"$O/mover.out" &
    mover=$!
    walk=0
    [[ $resolver == walk ]] && walk=1
    JERICHO_FS_WALK=$walk jr --dir "$F/root::/r" "$O/rename_race.wasm" 10000
    wait "$mover"
    expect "rename race ($resolver): no lookup reached the file beside the preopen ($(cat "$O/out"), $(cat "$O/mover.out"))" 0
  done
else
  fail "build rename_race natively"
fi

echo "--- files: stdio and POSIX file calls behave as natively"
if clang-19 -O2 -Wall -Wextra -Werror "$T/libc_files.c" -o "$O/libc_files.native"; then
  rm -rf "$O/lf-native" "$O/lf-wasm" && mkdir -p "$O/lf-native" "$O/lf-wasm"
  (cd "$O/lf-native" && ../libc_files.native >../lf-native.out)
  jr --dir "$O/lf-wasm::." "$O/libc_files.wasm"
  expect "libc_files: exit 0" 0
  same_out "fopen/fread/fwrite/fseek, opendir/readdir, stat, mkdir, rename, link, unlink: output equals native" "$O/lf-native.out"
  (cd "$O/lf-native" && find . -printf '%y %s %p\n' | sort) >"$O/want"
  (cd "$O/lf-wasm" && find . -printf '%y %s %p\n' | sort) >"$O/got"
  cmp -s "$O/want" "$O/got" && pass "libc_files: leaves the same files as native" || fail "libc_files: the trees differ"
else
  fail "build libc_files natively"
fi
jr --dir "$O/no_such_dir" "$O/exit_code.wasm"
expect "--dir of a missing directory -> 2" 2 "no_such_dir: No such file"
jr --dir "$T/libc_files.c" "$O/exit_code.wasm"
expect "--dir of a file -> 2" 2 "Not a directory"
jr --dir "$O::" "$O/exit_code.wasm"
expect "--dir HOST:: with an empty guest name -> 2" 2 "bad --dir"
mkdir -p "$O/g" && echo hi >"$O/g/f.txt"
jr --dir-ro="$O/g::." "$O/libc_files.wasm"
grep -q '^fopen a.txt: EACCES\|^fopen a.txt: other' "$O/out" && pass "--dir-ro=HOST::.: fopen(\"w\") fails" ||
  fail "--dir-ro: fopen(w) did not fail: $(head -2 "$O/out")"
[[ $(ls "$O/g") == f.txt ]] && pass "--dir-ro: nothing created" || fail "--dir-ro: files created"

echo "--- files: SQLite with an on-disk database (tests/wasi/sqlite/run.sh)"
tests/wasi/sqlite/run.sh >"$O/sqlite.out" 2>&1
add_verdicts "tests/wasi/sqlite/run.sh" "$O/sqlite.out" $?

echo "--- libc: same output as the native build"
if clang-19 -O2 -Wall -Wextra -Werror "$T/libc_mix.c" -o "$O/libc_mix.native" -lm; then
  "$O/libc_mix.native" >"$O/native.out"
  jr "$O/libc_mix.wasm"
  expect "libc_mix: exit 0" 0
  same_out "printf/malloc/qsort/libm output equals native" "$O/native.out"
else
  fail "build libc_mix natively"
fi

echo "--- traps"
jr "$O/trap.wasm"
off=$(wasm-objdump -d "$O/trap.wasm" | awk '/i32.div_s/ { sub(":", "", $1); print $1 }')
off=$(printf '%x' "0x$off")
expect "div by zero -> 134 with func and offset" 134 \
  "^jericho: $O/trap.wasm: trap: integer divide by zero in func 2 at \+0x$off\$"
jr "$O/start_trap.wasm"
expect "trap in the start function -> 134" 134 \
  "^jericho: $O/start_trap.wasm: trap: unreachable in func 0 at \+0x[0-9a-f]+\$"
jr "$O/recurse.wasm"
expect "unbounded recursion -> call stack exhausted, 134" 134 \
  "^jericho: $O/recurse.wasm: trap: call stack exhausted in func 0 at \+0x[0-9a-f]+\$"
jr --fuel 100000 "$O/spin.wasm"
expect "--fuel on an infinite loop -> fuel exhausted, 134" 134 \
  "^jericho: $O/spin.wasm: trap: fuel exhausted in func 0 at \+0x[0-9a-f]+\$"
jr --fuel=100000 "$O/spin.wasm"
expect "--fuel=N form" 134 "fuel exhausted"
jr --fuel 100000000 "$O/exit_code.wasm" 4
expect "--fuel that suffices: the program runs to its end" 4

echo "--- modules that cannot run"
printf 'garbage' >"$O/garbage.wasm"
jr "$O/garbage.wasm"
expect "not a module -> 2 with offset" 2 "invalid module: .*offset 0x0"
printf '\0asm\1\0\0\0\1\5\1\140' >"$O/truncated.wasm"
jr "$O/truncated.wasm"
expect "truncated module -> 2 with offset" 2 "invalid module: .*offset 0x[0-9a-f]+"
printf '(module (func (export "_start") (result i32) (i64.const 1)))' >"$O/invalid.wat"
wat2wasm --no-check "$O/invalid.wat" -o "$O/invalid.wasm"
jr "$O/invalid.wasm"
expect "ill-typed module -> 2 with the validator's message and offset" 2 \
  "^jericho: $O/invalid.wasm: invalid module: .*mismatch.*offset 0x[0-9a-f]+"
jr "$O/missing_import.wasm"
expect "import nobody provides -> 2" 2 'unresolved import "env" "frobnicate"'
jr "$O/unknown_wasi.wasm"
expect "unknown wasi function -> 2" 2 'unresolved import "wasi_snapshot_preview1" "fd_teleport"'
jr "$O/bad_signature.wasm"
expect "wasi import with the wrong type -> 2" 2 "cannot link"
jr "$O/library.wasm"
expect "no _start without --invoke -> 2" 2 "no _start"
jr "$O/no_such_file.wasm"
expect "missing file -> 2" 2 "cannot read"

echo "--- --invoke"
jr --invoke add "$O/library.wasm" 2 40
printf '42\n' >"$O/want"
expect "--invoke add: exit 0" 0
same_out "--invoke add 2 40 prints 42" "$O/want"
jr --invoke mul64 "$O/library.wasm" -3 9223372036854775807
printf -- '-9223372036854775805\n' >"$O/want"
same_out "--invoke i64 arguments" "$O/want"
jr --invoke div "$O/library.wasm" 1 4
printf '0.25\n' >"$O/want"
same_out "--invoke f64" "$O/want"
jr --invoke half "$O/library.wasm" 0x1p3
printf '4\n' >"$O/want"
same_out "--invoke f32 (hex float)" "$O/want"
jr --invoke pair "$O/library.wasm" -5
printf -- '-5\n-5\n' >"$O/want"
same_out "--invoke with two results" "$O/want"
jr --invoke initialized "$O/library.wasm"
printf '100\n' >"$O/want"
same_out "--invoke runs _initialize first" "$O/want"
jr --invoke add "$O/library.wasm" 1
expect "--invoke with too few values -> 2" 2 "takes 2 argument"
jr --invoke add "$O/library.wasm" 1 x
expect "--invoke with a bad value -> 2" 2 "not a valid i32"
jr --invoke nope "$O/library.wasm"
expect "--invoke of a missing export -> 2" 2 'no exported function "nope"'

echo "--- --max-memory"
jr "$O/big_memory.wasm"
expect "20 pages, grow by 10 without a cap: ok" 0
jr --max-memory 25 "$O/big_memory.wasm"
expect "--max-memory 25: memory.grow to 30 fails" 1
jr --max-memory 10 "$O/big_memory.wasm"
expect "--max-memory 10 below the module's minimum -> 2" 2

echo "--- command line"
"$J" --help >"$O/out" 2>&1
rc=$?
expect "--help exits 0" 0
missing=""
for opt in run --host --arch --verbose --invoke --fuel --max-memory --env --dir --dir-ro 134; do
  grep -q -- "$opt" "$O/out" || missing+=" $opt"
done
if [[ -z $missing ]]; then pass "--help documents every option"; else fail "--help lacks:$missing"; fi
"$J" run --arch sparc "$O/exit_code.wasm" >"$O/out" 2>"$O/err"
rc=$?
expect "run without --host on an unknown --arch -> 2" 2 "unknown --arch"
"$J" run --host --bogus x.wasm >"$O/out" 2>"$O/err"
rc=$?
expect "unknown option -> 2" 2 "unknown option"
"$J" run --host >"$O/out" 2>"$O/err"
rc=$?
expect "no module file -> 2" 2 "no module file"

summary
