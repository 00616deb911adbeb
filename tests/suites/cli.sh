#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cli.sh: the `jericho` command as people use it (issue #26): exit codes as
# native, the memory limit and --max-memory units, names and a backtrace in
# traps, --version, --env NAME, the run shorthand, the OS target (without
# --host: the module booted on JerichoOS in QEMU, through a boot archive), one
# writev per stdio line, and ./jericho, the link whose binary rebuilds itself. Runs
# build/host/jericho-asan (a sanitizer report fails the check that caused it).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh

J=build/host/jericho-asan
T=tests/wasi
O=build/host/tests-cli
mkdir -p "$O"

build_or_stop "$J and ./jericho" "$J" jericho

# wasm GUEST.c: compiled, then linked in a second step without -O, so that
# clang does not run wasm-opt (which drops the name section) after linking.
wasm() {
  local name=$1
  clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -Werror -c "$T/$name.c" -o "$O/$name.o" &&
    clang-19 --target=wasm32-wasi "$O/$name.o" -o "$O/$name.wasm"
}
for name in exit_code args_env named_trap big_malloc stdout_lines os_streams bad_pointers bad_fd \
            random_bytes realtime; do
  check "compile $name.c (name section kept)" wasm "$name"
done
check "assemble trap.wat with its names" wat2wasm --debug-names "$T/trap.wat" -o "$O/trap_named.wasm"
for name in big_memory memory_past_1gib recurse oob start_trap spin; do
  check "assemble $name.wat" wat2wasm "$T/$name.wat" -o "$O/$name.wasm"
done

# jr ARGS...: runs `$J ARGS`; sets rc, leaves stdout in $O/out, stderr in $O/err.
jr() {
  "$J" "$@" </dev/null >"$O/out" 2>"$O/err"
  rc=$?
  if grep -q 'Sanitizer' "$O/err"; then
    fail "no sanitizer report: jericho $*"
    sed -n 1,15p "$O/err"
  fi
}
# has FILE NAME REGEX: a line of FILE matches REGEX.
has() {
  if grep -Eq -- "$3" "$1"; then pass "$2"; else fail "$2 (no line matches /$3/)"; sed -n 1,12p "$1"; fi
}

echo "--- exit codes: the low 8 bits, as a native program's"
if clang-19 -O2 -Wall -Wextra -Werror "$T/exit_code.c" -o "$O/exit_code.native"; then
  for code in 0 1 7 44 128 255 256 300 511 65580 -1; do
    "$O/exit_code.native" "$code" >/dev/null
    native=$?
    jr run --host "$O/exit_code.wasm" "$code"
    expect "exit($code) -> $native, as native" "$native"
  done
else
  fail "build exit_code natively"
fi
jr run --host "$O/exit_code.wasm" 300
[[ $rc -eq 44 ]] && pass "exit(300) -> 44" || fail "exit(300) -> 44 (got $rc)"
jr run --host "$O/exit_code.wasm" ret 300
expect "main returning 300 -> 44" 44

echo "--- memory: the default limit, units, messages"
jr --help
has "$O/out" "--help states the default memory limit" "Default and maximum: 4GiB"
jr run --host "$O/memory_past_1gib.wasm"
expect "16385 pages (past the old 1 GiB default) run by default" 0
jr run --host --max-memory 1GiB "$O/memory_past_1gib.wasm"
expect "past --max-memory 1GiB: the message names the limit and the option" 2 \
  "memory needs more than the limit of 1GiB \(16384 pages\); raise it with --max-memory"
jr run --host --max-memory 16384 "$O/memory_past_1gib.wasm"
expect "--max-memory in pages: same limit" 2 "limit of 1GiB \(16384 pages\)"
jr run --host "$O/big_malloc.wasm" 1100
expect "malloc of 1100 MiB succeeds by default" 0
has "$O/out" "the 1100 MiB block is usable" "^malloc\(1100 MiB\) ok: 1 2$"
jr run --host --max-memory 512MiB "$O/big_malloc.wasm" 1100
expect "with --max-memory 512MiB the same malloc returns NULL" 3
# On the OS: 1 GiB by default, memory.grow refused past --max-memory.
jr run "$O/big_malloc.wasm" 900
expect "on the OS, malloc(900 MiB) within the default 1 GiB" 0
jr run --arch aarch64 --max-memory 64MiB "$O/big_malloc.wasm" 100
expect "on the OS with --max-memory 64MiB, malloc(100 MiB) returns NULL" 3
# big_memory.wat: 20 pages, grows by 10; exit 1 if the grow failed.
for spec in 1280KiB:1 1280K:1 1310720B:1 2MiB:0 2m:0 2MB:0 1G:0 1gib:0 4GiB:0 65536:0 25:1 1310721b:1; do
  size=${spec%:*} want=${spec#*:}
  jr run --host --max-memory "$size" "$O/big_memory.wasm"
  expect "--max-memory $size: grow from 20 to 30 pages $([[ $want == 0 ]] && echo works || echo fails)" "$want"
done
jr run --host --max-memory=2MiB "$O/big_memory.wasm"
expect "--max-memory=2MiB form" 0
for bad in 0 0GiB 65537 5GiB 4097MiB 1000B 12XB 2GiBs -1 '' GiB 99999999999999999999GiB; do
  jr run --host --max-memory "$bad" "$O/big_memory.wasm"
  expect "--max-memory '$bad' is refused" 2 "bad --max-memory '$bad'"
done

echo "--- traps: names from the name section and a backtrace"
jr run --host "$O/trap_named.wasm"
div=$(wasm-objdump -d "$O/trap_named.wasm" | awk '/i32.div_s/ { sub(":", "", $1); print $1 }')
call=$(wasm-objdump -d "$O/trap_named.wasm" | awk '/call 2 <divide>/ { sub(":", "", $1); print $1 }')
div=$(printf '%x' "0x$div") call=$(printf '%x' "0x$call")
expect "trap line names the function" 134 \
  "^jericho: $O/trap_named.wasm: trap: integer divide by zero in divide \(func 2\) at \+0x$div\$"
has "$O/err" "backtrace frame 0: divide at the division" "^  #0 +\+0x$div +divide \(func 2\)$"
has "$O/err" "backtrace frame 1: start at its call of divide" "^  #1 +\+0x$call +start \(func 1\)$"
jr run --host "$O/named_trap.wasm"
expect "abort() -> 134, trap in abort" 134 "trap: unreachable in abort \(func [0-9]+\) at \+0x[0-9a-f]+$"
grep -Eo '^  #[0-9]+ +\+0x[0-9a-f]+ +[A-Za-z_.]+' "$O/err" | awk '{ print $3 }' >"$O/frames"
printf '%s\n' abort check_value process main >"$O/want"
if head -4 "$O/frames" | cmp -s - "$O/want"; then
  pass "abort backtrace, innermost first: abort check_value process main"
else
  fail "abort backtrace: got $(head -6 "$O/frames" | tr '\n' ' ')"
fi
jr run --host "$O/named_trap.wasm" bad
expect "bad load -> out of bounds trap in read_far" 134 \
  "trap: out of bounds memory access in read_far \(func [0-9]+\) at \+0x[0-9a-f]+$"
has "$O/err" "bad load backtrace has its caller" "^  #1 +\+0x[0-9a-f]+ +process \(func [0-9]+\)$"
# A one-function module (_start: unreachable) with the name section given
# as hex: a name, a terminal escape, and a truncated section.
named_module() {
  local hex=0061736d0100000001040160000003020100070a01065f737461727400000a05010300000b$2
  printf "$(sed 's/../\\x&/g' <<<"$hex")" >"$O/$1.wasm"
}
named_module name_ok 000b046e616d65010401000166
jr run --host "$O/name_ok.wasm"
expect "a one-letter name" 134 "trap: unreachable in f \(func 0\) at \+0x"
named_module name_escape 000c046e616d6501050100021b07
jr run --host "$O/name_escape.wasm"
expect "control bytes in a name are not sent to the terminal" 134 "trap: unreachable in \?\? \(func 0\)"
named_module name_truncated 000c046e616d6501050300096162
jr run --host "$O/name_truncated.wasm"
expect "a malformed name section: the module runs, the trap names the index" 134 \
  "trap: unreachable in func 0 at \+0x"
jr run --host "$O/recurse.wasm"
expect "unbounded recursion: unnamed frames" 134 "call stack exhausted in func 0 at"
n=$(grep -Ec '^  #[0-9]+ ' "$O/err")
[[ $n -eq 16 ]] && pass "backtrace capped at 16 frames" || fail "backtrace capped at 16 frames (got $n)"
has "$O/err" "the cap says how many frames it left out" "^  \.\.\. and [0-9]+ outer frames$"

echo "--- --version, --env NAME, shorthand, the OS target"
for v in --version -V; do
  jr "$v"
  expect "jericho $v exits 0" 0
  has "$O/out" "jericho $v prints the version" "^jericho [0-9]+\.[0-9]+\.[0-9]+ "
done
jr run --version
has "$O/out" "jericho run --version too" "^jericho [0-9]+\.[0-9]+"
export JERICHO_TEST_INHERIT='from the host=yes'
unset JERICHO_TEST_UNSET
jr run --host --env JERICHO_TEST_INHERIT --env JERICHO_TEST_UNSET --env FOO=bar "$O/args_env.wasm"
printf '%s\n' 'argc=1' 'env [JERICHO_TEST_INHERIT=from the host=yes]' 'env [FOO=bar]' \
  'getenv(FOO)=bar' >"$O/want"
expect "--env NAME: exit 0" 0
if cmp -s "$O/out" "$O/want"; then
  pass "--env NAME passes the host's value on; an unset NAME adds nothing"
else
  fail "--env NAME inheritance"
  diff "$O/want" "$O/out"
fi
jr run --host --env=JERICHO_TEST_INHERIT "$O/args_env.wasm"
has "$O/out" "--env=NAME form" "^env \[JERICHO_TEST_INHERIT=from the host=yes\]$"
jr run --host --env =x "$O/args_env.wasm"
expect "--env =x is refused" 2 "bad --env '=x'"
jr --host "$O/exit_code.wasm" 6
expect "jericho --host FILE.wasm is jericho run --host FILE.wasm" 6
# Without --host: on JerichoOS in QEMU (tools/qemu.sh), through a boot archive.
jr "$O/exit_code.wasm" 6
expect "jericho FILE.wasm: runs on JerichoOS, its status is jericho's" 6
if grep -q "JerichoOS" "$O/out"; then fail "no boot messages without --verbose"; else
  pass "no boot messages without --verbose"; fi
jr run "$O/exit_code.wasm" 300
expect "on the OS too only the low 8 bits reach the shell: exit(300) -> 44" 44
jr run --env FOO=bar --env "B=two words" "$O/args_env.wasm" x yz
expect "args_env on the OS" 0
printf 'argc=3\nargv[1]=[x]\nargv[2]=[yz]\nenv [FOO=bar]\nenv [B=two words]\ngetenv(FOO)=bar\n' >"$O/want"
if diff -q "$O/want" "$O/out" >/dev/null; then pass "the module sees exactly its ARGS and --env"
else fail "ARGS and --env on the OS"; diff "$O/want" "$O/out"; fi
jr run "$O/trap_named.wasm"
expect "a trap on the OS -> 134, the runner's report on stderr" 134 \
  "^runner: trap_named\.wasm: trap: integer divide by zero in divide \(func [0-9]+\)"
if [[ -s $O/out ]]; then fail "nothing on stdout for a trap"; else pass "nothing on stdout for a trap"; fi
# stdout, stderr and stdin byte for byte, as --host gives them (os_streams.c).
head -c 3000 /dev/urandom >"$O/stdin.bin"
for arch in x86_64 aarch64; do
  $J run --arch $arch "$O/os_streams.wasm" <"$O/stdin.bin" >"$O/os.out" 2>"$O/os.err"
  rc=$?
  $J run --host "$O/os_streams.wasm" <"$O/stdin.bin" >"$O/host.out" 2>"$O/host.err"
  [[ $rc -eq 9 && $? -eq 9 ]] && pass "streams on $arch: the module's status" || fail "streams on $arch: status $rc"
  check "streams on $arch: stdout (and piped binary stdin) byte for byte as --host" cmp -s "$O/os.out" "$O/host.out"
  check "streams on $arch: stderr byte for byte as --host" cmp -s "$O/os.err" "$O/host.err"
done
# C programs on the OS as native, on both arches: printf of ints, floats and
# strings, malloc, qsort, libm (libc_mix.c); stdin read to its end with
# exit(), return and abort() statuses (exit_code.c, stdin through streams).
if clang-19 -O2 -Wall -Wextra -Werror tests/wasi/libc_mix.c -o "$O/libc_mix.native" -lm &&
   clang-19 --target=wasm32-wasi --sysroot=/usr -O2 tests/wasi/libc_mix.c -o "$O/libc_mix.wasm" -lm; then
  "$O/libc_mix.native" >"$O/native.out"
  for arch in x86_64 aarch64; do
    $J run --arch $arch "$O/libc_mix.wasm" >"$O/os.out" 2>"$O/os.err"
    rc=$?
    if [[ $rc -eq 0 ]] && cmp -s "$O/native.out" "$O/os.out"; then
      pass "libc_mix on $arch: printf, malloc, qsort and libm output as native ($(wc -l <"$O/native.out") lines)"
    else
      fail "libc_mix on $arch: exit $rc, output differs from native"
      diff "$O/native.out" "$O/os.out" | head -5
      head -c 300 "$O/os.err"
    fi
  done
else
  fail "build libc_mix natively and for wasm32-wasi"
fi
# random_get on the OS comes from the seed the kernel's entropy source gives
# every task (RDRAND / RNDR and timer jitter): two boots, two different values.
for arch in x86_64 aarch64; do
  a=$($J run --arch $arch "$O/random_bytes.wasm") b=$($J run --arch $arch "$O/random_bytes.wasm")
  [[ $a =~ ^[0-9a-f]{32}$ && $b =~ ^[0-9a-f]{32}$ && $a != "$b" ]] &&
    pass "random_get on $arch: two boots give different bytes" ||
    fail "random_get on $arch: '$a' then '$b'"
done
# The wall clock: time() and CLOCK_REALTIME within the host's clock around
# the run (the OS reads the machine's RTC at boot: CMOS on x86-64, the
# PL031 on arm64, which QEMU sets from the host's clock).
for target in host x86_64 aarch64; do
  before=$(date +%s)
  if [[ $target == host ]]; then
    $J run --host "$O/realtime.wasm" >"$O/out" 2>"$O/err"
  else
    $J run --arch $target "$O/realtime.wasm" >"$O/out" 2>"$O/err"
  fi
  rc=$? after=$(date +%s)
  t=$(sed -n 's/^time \([0-9]*\)$/\1/p' "$O/out") r=$(sed -n 's/^realtime \([0-9]*\)$/\1/p' "$O/out")
  if [[ $rc -eq 0 && -n $t && -n $r ]] && ((t >= before - 2 && t <= after + 2 && r >= t && r <= t + 1)); then
    pass "the wall clock on $target: $t, the host said $before..$after"
  else
    fail "the wall clock on $target: status $rc, time '$t', realtime '$r'; the host said $before..$after"
  fi
done
# A module that loops forever, under a CPU budget: stopped, with 128 + SIGXCPU.
printf 'module spin file=spin.wasm cpu=20ms/100ms memory=1MiB\n' >"$O/spin.manifest"
jr run --system "$O/spin.manifest"
expect "an endless loop under cpu=20ms/100ms is stopped: status 152" 152
has "$O/out" "and reported" "^module spin: stopped by its CPU budget after [0-9]+ ms of CPU \(status 152\)$"
# Hostile modules: the same status and stdout on the OS as with --host, and
# a one-line report on stderr (the kernel is not harmed: the next run boots).
for mod in trap_named recurse oob start_trap named_trap bad_pointers bad_fd; do
  $J run --host "$O/$mod.wasm" >"$O/host.out" 2>/dev/null
  want=$?
  $J run "$O/$mod.wasm" >"$O/os.out" 2>"$O/os.err"
  got=$?
  [[ $got -eq $want ]] && pass "hostile $mod: status $got on the OS as with --host" ||
    fail "hostile $mod: status $got on the OS, $want with --host ($(head -c 200 "$O/os.err"))"
  if cmp -s "$O/os.out" "$O/host.out"; then
    pass "hostile $mod: stdout on the OS as with --host"
  else
    fail "hostile $mod: stdout on the OS differs from --host's (OS first):"
    od -c "$O/os.out" | head -4
    od -c "$O/host.out" | head -4
  fi
done
jr run --verbose --arch=aarch64 "$O/exit_code.wasm" 7
expect "--arch=aarch64 -> 7" 7
has "$O/out" "--verbose shows the boot messages" "^JerichoOS [0-9.]+ \(aarch64\)$"
has "$O/out" "--verbose shows the root's report" "^module exit_code\.wasm: exit status 7$"
jr run "$O/exit_code.wasm" "a b"
expect "an argument the manifest cannot carry is refused" 2 "argument 'a b' cannot reach a module on JerichoOS yet"
if grep -q "issue" "$O/err"; then fail "the message speaks to a user, not of issues"; else
  pass "the message speaks to a user, not of issues"; fi
mkdir -p "$O/noqemu"  # a PATH with everything jericho and make need but QEMU
for t in make sh bash clang-19 ld.lld-19 llvm-objcopy-19 wat2wasm timeout; do
  ln -sf "$(command -v $t)" "$O/noqemu/$t"
done
PATH=$PWD/$O/noqemu $J run "$O/exit_code.wasm" >"$O/out" 2>"$O/err"
rc=$?
expect "QEMU missing: a message naming it and its package, status 2" 2 \
  "qemu-system-x86_64 is not installed, so JerichoOS cannot boot \(Debian package qemu-system-x86"
jr run --arch mips "$O/exit_code.wasm"
expect "an unknown --arch -> 2" 2 "unknown --arch 'mips'"
jr run --fuel 10 "$O/exit_code.wasm"
expect "--fuel needs --host for now" 2 "need --host for now"
jr frobnicate
expect "unknown command -> 2" 2 "unknown command 'frobnicate'"

echo "--- one writev per line written through stdio"
if command -v strace >/dev/null; then
  strace -f -e trace=write,writev -o "$O/strace" build/host/jericho run --host \
    "$O/stdout_lines.wasm" >"$O/out" 2>"$O/err"
  rc=$?
  expect "stdout_lines runs under strace" 0
  has "$O/out" "five lines arrive" "^line 5 of five$"
  writes=$(grep -Ec '(^|[[:space:]])write\(1,' "$O/strace")
  writevs=$(grep -Ec '(^|[[:space:]])writev\(1,' "$O/strace")
  if [[ $writes -eq 0 && $writevs -eq 5 ]]; then
    pass "5 lines -> 5 writev calls, no write"
  else
    fail "5 lines -> 5 writev calls (got $writevs writev, $writes write)"
  fi
else
  echo "  (strace not installed: the system-call count is not checked)"
fi

echo "--- ./jericho: a link to build/host/jericho, which rebuilds itself when a source is newer"
[[ -L jericho && $(readlink jericho) == build/host/jericho ]] &&
  pass "make jericho links ./jericho to build/host/jericho" ||
  fail "./jericho is not a link to build/host/jericho"
# A stand-in tree with the link and a copy of the real binary: its Makefile
# logs each time it is asked to build and "builds" by copying the binary in
# (or fails while the file `fail` exists); the binary's own check
# (tools/jericho/fresh.c) decides when to ask.
W=$O/wrap
rm -rf "$W"
mkdir -p "$W/build/host" "$W/tools/jericho"
ln -s build/host/jericho "$W/jericho"
cp build/host/jericho "$W/build/host/jericho"
cat >"$W/Makefile" <<'MK'
.PHONY: always
build/host/jericho: always
	@echo build >>built.log
	@if [ -e fail ]; then echo "fake compile error" >&2; exit 1; fi
	@rm -f $@ && cp "$(REAL)" $@
MK
export REAL=$PWD/build/host/jericho
touch -d '2001-01-01' "$W/tools/jericho/main.c" "$W/tools/jericho" "$W/Makefile"
# wrap NAME RC BUILDS: runs the stand-in's ./jericho; its status and the builds so far.
wrap() {
  "$W/jericho" run --host "$O/exit_code.wasm" 300 >"$O/out" 2>"$O/err"
  rc=$?
  expect "$1" "$2"
  local builds
  builds=$(cat "$W/built.log" 2>/dev/null | wc -l)
  [[ $builds -eq $3 ]] && pass "$1: $3 build(s) so far" || fail "$1: $builds builds, want $3"
}
# Times are set, not left to the clock: a file system may stamp a file made
# right after the binary with the binary's own time. A check that finds the
# binary fresh is trusted for a second (build/host/jericho.checked): the
# steps below drop that stamp, and the last ones test the window itself.
old() { touch -d '2002-01-01' "$W/build/host/jericho"; rm -f "$W/build/host/jericho.checked"; }
old
wrap "up to date: runs the binary without building" 44 0
touch -d '2003-01-01' "$W/tools/jericho/main.c"
rm -f "$W/build/host/jericho.checked"
wrap "a source newer than the binary: builds, then runs" 44 1
wrap "built: the next call does not build" 44 1
old
touch -d '2001-01-01' "$W/tools/jericho/main.c"
touch "$W/tools/jericho/new.h" && touch -d '2001-01-01' "$W/tools/jericho/new.h"
wrap "a new source file (only its folder is newer): builds" 44 2
old
touch "$W/fail" && touch -d '2003-01-01' "$W/tools/jericho/main.c"
wrap "a failing build: exit 2" 2 3
has "$O/err" "the build's own output is shown" "^fake compile error$"
has "$O/err" "and what failed, with the command to rebuild" "building build/host/jericho failed \(rebuild with: make"
rm "$W/fail"
wrap "fixed: builds again and runs" 44 4
touch -d '2001-01-01' "$W/tools/jericho/main.c" "$W/tools/jericho"
old
wrap "checked fresh: leaves its stamp" 44 4
touch -d '2004-01-01' "$W/tools/jericho/main.c"
wrap "within a second of a check, sources are not walked again" 44 4
touch -d '-2 seconds' "$W/build/host/jericho.checked"
wrap "after the second, the newer source is seen: builds" 44 5
cp "$W/build/host/jericho" "$O/jericho-copy"
touch -d '2005-01-01' "$W/tools/jericho/main.c"
rm -f "$W/build/host/jericho.checked"
"$O/jericho-copy" run --host "$O/exit_code.wasm" 300 >"$O/out" 2>"$O/err"
rc=$?
expect "a copy outside a tree's build/host/ runs without building" 44
builds=$(wc -l <"$W/built.log")
[[ $builds -eq 5 ]] && pass "the copy asked for no build" || fail "the copy asked for a build ($builds)"
unset REAL
./jericho run --host "$O/exit_code.wasm" 300 >"$O/out" 2>"$O/err"
rc=$?
expect "./jericho runs build/host/jericho" 44
(cd "$O" && "$OLDPWD/jericho" run "$OLDPWD/$O/exit_code.wasm" 7 >"$OLDPWD/$O/out" 2>"$OLDPWD/$O/err")
rc=$?
expect "./jericho from another directory boots the OS from its own tree" 7

summary
