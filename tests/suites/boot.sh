#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boot tests: builds the kernels for each arch (kernel/kernel.mk: the test
# kernel, with the boot tests, and the production kernel) and boots them in
# QEMU once per case of the tables below, judging each run by its exit status
# AND its output.
# Environment: BOOT_ARCHES (default "x86_64 aarch64"; an arch whose kernel
#   does not build fails all its cases), QEMU_TIMEOUT (seconds per boot, 60).
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/lib.sh
export QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
read -r -a arches <<<"${BOOT_ARCHES:-x86_64 aarch64}"
# Files made at test time (boot archives).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 10000 /dev/zero | tr '\0' 'J' >"$work/blob10000"
# Manifests of the root-task cases (docs/MANIFEST.md).
cat >"$work/system.manifest" <<'EOF'
# hello with arguments and an environment, a module without _start, a trap
module hello file=hello.wasm args="a b" env=GREETING=hi memory=24MiB caps=console,clock
module add   file=add.wasm   memory=24MiB caps=console
module trap  file=trap.wasm  memory=24MiB priority=50 caps=console
EOF
printf 'module trap file=trap.wasm caps=console\n' >"$work/trap.manifest"
printf 'module hello file=hello.wasm memory=24MiB\n' >"$work/mute.manifest"
printf '# line 1\nmodule hello file=hello.wasm\nmodule x file=hello.wasm prioirty=5\n' >"$work/bad.manifest"
make --no-print-directory -s pack-tool >/dev/null 2>&1 || echo "  (jx-pack did not build)"

# The case table, shared by every arch: boot_case NAME STATUS CMDLINE CHECK...
# A CHECK is "line:TEXT" (a whole output line, exactly), "has:TEXT" (a fixed
# substring of some line), "re:REGEX" (an extended regex on some line) or
# "none:TEXT" (a fixed string that must appear nowhere) or "int:REGEX:LO:HI"
# (REGEX's first group, on the first line REGEX matches, is an integer in
# [LO, HI]). A case run as `boot_input=TEXT boot_case ...` gets TEXT typed on
# its serial console; JERICHO_MEM=SIZE / JERICHO_CPU=MODEL before boot_case
# set QEMU's -m / -cpu (tools/qemu.sh).
# @ARCH@ in a check stands for the arch under test. Exit statuses are
# kernel/include/exit.h's: 0 ok, 1 test failed, 2 bad command line, 3 fatal.
boot_cases() {
  boot_case banner 0 "" \
    're:^JerichoOS [0-9]+\.[0-9]+\.[0-9]+ \(@ARCH@\)$' \
    're:^memory: 1[0-9][0-9] MiB usable in [0-9]+ regions?$' \
    're:^boot: [0-9]+ us$' 'none:EXCEPTION' 'none:PANIC'
  boot_case kprintf 0 test=kprintf \
    'line:kprintf: d=42 i=-17 u=3000000000 x=deadbeef X=DEADBEEF c=J s=hello pct=%' \
    'line:kprintf: int64 min=-9223372036854775808 max=9223372036854775807' \
    'line:kprintf: uint64 max=18446744073709551615 hex=ffffffffffffffff' \
    'line:kprintf: ld=-1 lu=1099511627776 lx=123456789abcdef0 zu=4096 zx=1000' \
    'line:kprintf: pad=[00042] [   42] [42   ] [-0042] [  -42] [0000beef] [0]' \
    'line:kprintf: p=0x00000000dead0000 null=0x0000000000000000 s=[  hi] [hi  ] (null)' \
    'line:ktest: kprintf passed' 'none:MISMATCH'
  boot_case undef 3 test=undef \
    're:^EXCEPTION: .*undefined instruction' 're:pc=0x[0-9a-f]{16}'
  boot_case pagefault 3 test=pagefault \
    're:^EXCEPTION: .*page fault' 'has:addr=0x00000000dead0000' 're:pc=0x[0-9a-f]{16}'
  boot_case panic 3 test=panic \
    'line:PANIC: test=panic asked for it (42)'
  boot_case wxtext 3 test=wxtext \
    're:^EXCEPTION: .*page fault' 're:pc=0x[0-9a-f]{16}'
  boot_case kstackguard 3 test=kstackguard 're:^EXCEPTION: ' 'none:recursion returned'
  # Kernel core (kernel/ktest_core.c, user programs in user/tests/).
  boot_case sched 0 test=sched \
    're:^sched: spin-a [0-9]+ ms CPU, preempted [0-9]+ times; spin-b [0-9]+ ms, [0-9]+ times$' \
    're:^sched: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'line:ktest: sched passed' 'none:EXCEPTION'
  boot_case preempt 0 test=preempt \
    're:^preempt: high-priority task: ready-to-running wait avg [0-9]+ us, max [0-9]+ us over [0-9]+ wake-ups, median wake-up lateness [0-9]+ us$' \
    'line:ktest: preempt passed' 'none:EXCEPTION'
  boot_case budget 0 test=budget \
    "re:^task 'hog' stopped: CPU budget exhausted \(used [0-9]+ us of 50000 us\)$" \
    're:^spin: 200 ms done' 'line:ktest: budget passed' 'none:EXCEPTION'
  boot_case faults 0 test=faults \
    "re:^task 'fault-null-read' killed: page fault \(not mapped\) on read pc=0x[0-9a-f]{16} addr=0x0{16}$" \
    "re:^task 'fault-null-write' killed: page fault \(not mapped\) on write pc=0x[0-9a-f]{16} addr=0x0{16}$" \
    "re:^task 'fault-write-text' killed: page fault \(protection\) on write " \
    "re:^task 'fault-exec-data' killed: page fault \(protection\) on execute " \
    "re:^task 'fault-exec-stack' killed: page fault \(protection\) on execute " \
    "re:^task 'fault-read-kernel' killed: page fault .* on read pc=0x[0-9a-f]{16} addr=0xffff" \
    "re:^task 'fault-write-kernel' killed: page fault .* on write " \
    "re:^task 'fault-exec-kernel' killed: page fault .* on execute " \
    "re:^task 'fault-privileged' killed: " "re:^task 'fault-undefined' killed: undefined instruction" \
    "re:^task 'fault-misaligned-stack' killed: " "re:^task 'fault-stack-overflow' killed: page fault" \
    're:^faults: divide: (contained|not applicable on this arch)$' \
    'line:faults: a task after the faults exited with 7' \
    're:^faults: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'none:WRONG' 'line:ktest: faults passed' 'none:EXCEPTION'
  boot_case tasks256 0 test=tasks256 \
    're:^tasks256: round 2: 256 tasks created, run and reaped' \
    're:^tasks256: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'line:ktest: tasks256 passed'
  boot_case usercopy 0 test=usercopy 'line:usercopy: 0 failures' 'none:WRONG' \
    'line:ktest: usercopy passed' 'none:EXCEPTION'
  boot_case fpu 0 test=fpu 're:^fpu: seed 1: [0-9]+ rounds, 0 mismatches$' \
    're:^fpu: seed 2: [0-9]+ rounds, 0 mismatches$' 'line:ktest: fpu passed'
  boot_case sleep 0 test=sleep 're:^sleep: 10 ms x 20: min [0-9]+ us' 'line:ktest: sleep passed'
  boot_case ksleep 0 test=ksleep 're:^ksleep: 10 ms x 20: min [0-9]+ us' 'line:ktest: ksleep passed'
  boot_case oom 0 test=oom \
    're:^oom: creation failed cleanly with 0\.\.[0-9]+ frames left; with [0-9]+ it ran \(exit 5\)$' \
    'none:LEAK' 'line:ktest: oom passed'
  boot_case vspace 0 test=vspace 'line:vspace: map/unmap/protect and their TLB flushes ok' \
    're:^vspace: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: vspace passed'
  boot_input=ping boot_case serial 0 test=serial "line:serial: got 'ping'"
  # Capabilities and IPC (kernel/ktest_cap.c, user/tests/caps.c, noauth.c, ipc.c).
  local objs_none='objects left: 0 endpoints, 0 replies, 0 notifications'
  boot_case caps 0 test=caps 'line:caps: 0 failures' 'none:WRONG' \
    're:^caps: identify\(64\): out of range +-> +7 ok$' \
    're:^caps: identify\(10\): empty slot +-> +8 ok$' \
    're:^caps: console_write\(clock\): wrong type +-> +9 ok$' \
    're:^caps: clock_read\(clock, clock 2\): no such clock +-> +1 ok$' \
    're:^caps: real time is past 2026-01-01 +-> ok$' \
    're:^caps: identify\(21\): revoked, stale +-> +10 ok$' \
    're:^caps: send\(24\): no write right +-> +11 ok$' \
    're:^caps: recv\(25\): no read right +-> +11 ok$' \
    're:^caps: send\(25, 1 cap\): no grant right +-> +11 ok$' \
    're:^caps: clock signal: bits 0x40, not early +-> ok$' \
    're:^caps: wait\(ntfn, 80 ms\): nothing comes +-> +14 ok$' \
    'line:caps: a task with an empty table computed and exited with 4242 (want 4242)' \
    "line:caps: $objs_none" \
    're:^caps: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: caps passed'
  boot_case ipc 0 test=ipc \
    're:^ipc: 100000 round trips in [0-9]+ ms \([0-9]+ ns each\); client exit 0, server counted 100000$' \
    're:^ipc: fast path taken on all short messages \([0-9]+ of 200000 calls and reply_recvs\)$' \
    "line:ipc: $objs_none" \
    're:^ipc: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: ipc passed'
  # The full million once, on x86-64 only: ~25 s under TCG there, ~55 s on arm64.
  if [[ $arch == x86_64 ]]; then
    QEMU_TIMEOUT=180 boot_case ipc-1m 0 test=ipc-1m \
      're:^ipc: 1000000 round trips in [0-9]+ ms \([0-9]+ ns each\); client exit 0, server counted 1000000$' \
      're:^ipc: fast path taken on all short messages' \
      're:^ipc: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: ipc-1m passed'
  fi
  boot_case irq 0 test=irq \
    'line:irq: 3 interrupts arrived as notifications, each after an ack' \
    're:^irq: line [0-9]+: [3-9] interrupts delivered, claimed after the test: no$' \
    're:^irq: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: irq passed'
  boot_case ipc-badge 0 test=ipc-badge \
    'line:ipc: badge-client 0: sent a notification, got it back in slot 11, bits 0x8' \
    'line:ipc-badge: 8 clients x 200 calls told apart by badge: server exit 0, clients ok' \
    "line:ipc-badge: $objs_none" \
    're:^ipc-badge: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: ipc-badge passed'
  boot_case ipc-revoke 0 test=ipc-revoke \
    'line:ipc: revoke-server: served badge 77 once, answered once, revoked' \
    'line:ipc: revoke-client: after the revoke, call -> 10, identify -> 10 (want 10)' \
    "line:ipc-revoke: $objs_none" \
    're:^ipc-revoke: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: ipc-revoke passed'
  boot_case ipc-kill 0 test=ipc-kill \
    'line:ipc-kill: server killed (cause 3) while holding a call: client exit 15 (want 15)' \
    'line:ipc-kill: a caller killed while queued: left the queue' \
    'line:ipc-kill: endpoint destroyed under a receiver: exit 15 (want 15)' \
    "line:ipc-kill: $objs_none" \
    're:^ipc-kill: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: ipc-kill passed'
  boot_case task-cap 0 test=task-cap 'line:supervise: 0 failures' 'none:WRONG' \
    're:^supervise: set priority 61: above our 60 +-> +11 ok$' \
    're:^supervise: stop\(20\): no write right +-> +11 ok$' \
    "line:task 'worker' killed by its owner" \
    'line:task-cap: supervisor exit 0, worker ended with cause 3 (want 3)' 'none:LEAK' \
    're:^task-cap: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: task-cap passed'
  boot_case task-create 0 test=task-create 'line:spawn: 0 failures' 'none:WRONG' \
    'line:spawn: an image that is no ELF                        ->  1 ok' \
    'line:spawn: it ended normally with 42                      -> ok' \
    'line:spawn: killed and freed: its charge is back           -> ok' \
    "line:task 'child' killed by its owner" \
    'line:task-create: spawner exit 0, quota used 0 after' 'none:LEAK' \
    're:^task-create: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'line:ktest: task-create passed'
  boot_case mem-quota 0 test=mem-quota \
    'line:mem: quota 34368 bytes: 8 frames, then JX_ENOMEM; used 34368' \
    're:^mem: alloc\(endpoint\) past the quota +-> +3 ok$' \
    're:^mem: map\(frame 11, RWX\): W\+X refused +-> +1 ok$' \
    're:^mem: map\(30, RW\): writable from read-only cap +-> +11 ok$' \
    're:^mem: map\(31, RX\): no exec right +-> +11 ok$' \
    're:^mem: protect\(RWX\): W\+X refused +-> +1 ok$' \
    'line:mem: ran code written RW and flipped to RX' \
    'line:mem: all deleted: quota used 0 (was 34368)' 'line:mem: 0 failures' 'none:WRONG' \
    'line:mem-quota: exit 8 (frames taken before JX_ENOMEM; want 8), peer exit ok, quota used 0' \
    're:^mem-quota: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'none:LEAK' \
    'line:ktest: mem-quota passed'
  boot_case mem-shm 0 test=mem-shm \
    "line:mem: reader saw 'changed page' through its read-only mapping after the writer's change" \
    're:^mem: map\(shared frame, RW\) from a read-only cap +-> +11 ok$' \
    'line:mem-shm: writer exit 0, reader exit 0' 'none:LEAK' \
    're:^mem-shm: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: mem-shm passed'
  boot_case mem-kill 0 test=mem-kill \
    're:^mem-kill: quota used [1-9][0-9]* before the kill, 0 after;' 'none:LEAK' \
    're:^mem-kill: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: mem-kill passed'
  # Demand-zero regions (kernel/ktest_region.c, user/tests/resv.c): reserve,
  # reads free, writes charged, the kernel's own copies, unmap, release, every
  # refusal with its error; a child given its own AddressSpace at creation;
  # 100 pages over 1 GiB give every frame back on release; writing past the
  # quota ends only that task with its one-line report; a 16 MiB bss costs
  # what is written; an idle runner stays small.
  boot_case region 0 test=region 'none:WRONG' 'none:LEAK' \
    'line:resv: printed from a region page' \
    'line:resv: 14 more regions fit beside this one and the ELF'"'"'s bss' \
    'line:region: resv-api: exit 0, quota used 0 after' \
    'line:resv: child given its aspace with rights 3: cause 0, code 0' \
    're:^task '"'"'resv-child'"'"' killed: page fault \(not mapped\) on write pc=0x[0-9a-f]+ addr=0x0000000040003000$' \
    'line:region: resv-spawn: exit 0, quota used 0 after' \
    're:^region: 100 pages written across 1 GiB: 409600 bytes charged, [0-9]+ frames taken \(pages and page tables\); after the release ([0-9]+) frames free of \1 before$' \
    'line:resv: read 64 region pages: 0, 0 bytes charged' \
    're:^task '"'"'resv-oom'"'"' killed: out of memory in its quota \(demand-zero page\) on write pc=0x[0-9a-f]+ addr=0x0000000010005000$' \
    'line:region: resv-oom: ended as expected, quota used 0 after, the peer finished' \
    're:^task '"'"'resv-readonly'"'"' killed: page fault \(protection\) on write pc=0x[0-9a-f]+ addr=0x0000000010001000$' \
    'line:region: resv-readonly: ended as expected, quota used 0 after, the peer finished' \
    're:^region: a task with 16 MiB of bss: [0-9]+ KiB at creation, then 12 KiB charged for the 3 pages it wrote$' \
    'int:^region: an idle runner task takes [0-9]+ frames \(([0-9]+) KiB\)$:1:1024' \
    're:^region: free frames before ([0-9]+), after \1, tasks 0, threads 2$' 'line:ktest: region passed'
  # Issue #23's goal: at least 1 000 idle wasm runners in a 512 MiB machine
  # (each ~330 KiB with its 16 MiB heap in lazy bss; the thread limit stops them).
  JERICHO_MEM=512M boot_case region-runners 0 test=region-runners \
    'int:^region-runners: ([0-9]+) idle runner tasks:1000:1024' \
    're:^region-runners: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'line:ktest: region-runners passed'
  # Robustness (kernel/ktest_fuzz.c, user/tests/sysfuzz.c; docs/ROBUSTNESS.md):
  # 4 x 100 000 random syscalls next to a fifth fuzzer that is killed; after,
  # every result was a jx_error_t, and frames, objects and the quota are back.
  boot_case sysfuzz 0 test=sysfuzz \
    'line:sysfuzz: seed 1: 100000 calls, 0 bad results' \
    'line:sysfuzz: seed 4: 100000 calls, 0 bad results' \
    're:sysfuzz: seed 1: results: ok [0-9]{4,}, einval [0-9]+, efault [1-9]' \
    're:^sysfuzz: 4 tasks: 400000 calls in [0-9]+ ms \([0-9]+ calls/s\), 0 tasks with bad results; the unbounded one was killed \(cause 3\)$' \
    'line:sysfuzz: quota used 0 after every task ended' \
    're:^sysfuzz: free frames before ([0-9]+), after \1; tasks 0 -> 0, threads 2 -> 2$' \
    'line:sysfuzz: accounting back to the baseline' \
    'none:WRONG' 'none:EXCEPTION' 'none:PANIC' 'line:ktest: sysfuzz passed'
  # 4 servers and 252 clients (256 tasks), 1000 calls each, 64 random kills:
  # no message lost or duplicated, every finished client's count matches.
  boot_case storm 0 test=storm \
    're:^storm: server 0: [0-9]+ messages from [0-9]+ clients, [0-9]+ finished, 0 violations$' \
    're:^storm: 252 clients x 1000 calls on 4 servers in [0-9]+ ms; ([0-9]+) clients killed, ([0-9]+) finished \(servers counted \2\), 0 violations, clients ok$' \
    're:^storm: free frames before ([0-9]+), after \1; tasks 0 -> 0, threads 2 -> 2$' \
    'line:storm: accounting back to the baseline' 'none:WRONG' 'none:LOST' 'none:DUPLICATED' \
    'line:ktest: storm passed'
  boot_case restart 0 test=restart 'line:supervisor: 1000 restarts, 0 wrong' \
    're:^restart: 1000 restarts in [0-9]+ ms, supervisor exit 0; quota used 0 after$' \
    're:^restart: free frames before ([0-9]+), after \1; tasks 0 -> 0, threads 2 -> 2$' \
    'line:restart: accounting back to the baseline' 'none:WRONG' 'line:ktest: restart passed'
  boot_case exhaust 0 test=exhaust \
    're:^exhaust: endpoints: 20 of [0-9]+ bytes each, then JX_ENOMEM; used [0-9]+ of [0-9]+$' \
    're:^exhaust: frames: 20 of [0-9]+ bytes each, then JX_ENOMEM; used [0-9]+ of [0-9]+$' \
    're:^exhaust: quotas: 20 of [0-9]+ bytes each, then JX_ENOMEM; used [0-9]+ of [0-9]+$' \
    'line:exhaust: 0 failures' 'line:exhaust: exit 0, quota used 0 after' \
    're:^exhaust: no free frame: [0-9]+ JX_ENOMEM \(every frame among them\), [0-9]+ objects from slab pages with room; signal, poll and the clock work$' \
    're:^exhaust: the root took all [0-9]+ free frames \(0 left\) and gave them back$' \
    'line:exhaust: frames back: a frame made again; 0 failures' \
    'line:exhaust: exit 0 with no frame left' \
    'line:exhaust: accounting back to the baseline' 'none:WRONG' 'line:ktest: exhaust passed'
  # WebAssembly on the OS (kernel/ktest_wasm.c, user/runner/, modules from apps/):
  # each module in its own runner task; a trap and an invalid module end only
  # their task, with the report and status of `jericho run --host`; so does
  # a module that needs more memory than the runner's heap holds.
  boot_case wasm 0 test=wasm \
    'line:hello: argv[0] = hello' 'line:hello: argv[1] = a' 'line:hello: argv[2] = b' \
    'line:hello: GREETING = hi' 'line:hello: the first 100 primes add up to 24133' \
    'line:wasm: hello.wasm: exit status 3' \
    'line:runner: add.wasm: add(2, 40) = 42' \
    'line:runner: add.wasm: factorial(20) = 2432902008176640000' \
    'line:runner: add.wasm: grow(1) = 1' 'line:runner: add.wasm: grow(100000) = -1' \
    'line:wasm: add.wasm: exit status 0' \
    'line:dividing by zero' \
    'line:runner: trap.wasm: trap: integer divide by zero in divide (func 1) at +0x6e, called from compute (func 2) at +0x76, _start (func 3) at +0x94' \
    'line:wasm: trap.wasm: exit status 134' \
    'line:runner: invalid.wasm: invalid module: type mismatch (at offset 0x26)' \
    'line:wasm: invalid.wasm: exit status 2' \
    're:^runner: oom\.wasm: out of memory: the heap has [0-9]+ of 16384 KiB in use and cannot give what the module needs$' \
    'line:wasm: oom.wasm: exit status 2' \
    're:^wasm: free frames before ([0-9]+), after \1, tasks 0, threads 2$' \
    'none:WRONG' 'none:killed' 'none:EXCEPTION' 'line:ktest: wasm passed'
  boot_case wasm-time 0 test=wasm-time 'line:hello: the first 100 primes add up to 24133' \
    're:^wasm-time: creating the runner at [0-9]+ us after boot$' \
    're:^runner: hello\.wasm: started at [0-9]+ us, first output at [0-9]+ us after boot, heap peak [0-9]+ KiB of 16384 KiB$' \
    'line:wasm-time: exit status 3' 'line:ktest: wasm-time passed'
  # Memory sizes (q35 on x86-64: RAM past 2 GiB lies above 4 GiB): the banner
  # counts 80-100 % of the RAM given, and test=memfill takes every free frame,
  # writes it through the direct map, checks and frees them all (took = free
  # before = free after).
  local size mib extra
  for size in 64M 512M 3G 6G; do
    mib=${size%?}
    [[ $size == *G ]] && mib=$((mib * 1024))
    extra=()
    # 6 GiB reaches past 4 GiB on both arches (arm64's RAM starts at 1 GiB).
    [[ $size == 6G ]] && extra+=('re:^mmu: direct map 61[0-9]{2} MiB, 1 GiB (pages|blocks),'
      're:^memfill: took [0-9]+ frames .*, highest at 0x[1-9a-f][0-9a-f]{8}, 0 left free;')
    [[ $size == 3G && $arch == x86_64 ]] && extra+=(
      're:^mmu: direct map 30[0-9]{2} MiB, 1 GiB pages, [0-9]+ page-table frames$'
      're:^memfill: took [0-9]+ frames .*, highest at 0x13ffff000, 0 left free;')
    JERICHO_MEM=$size boot_case "memfill-$size" 0 test=memfill \
      "int:^memory: ([0-9]+) MiB usable in [0-9]+ regions?\$:$((mib * 8 / 10)):$mib" \
      're:^memfill: took ([0-9]+) frames \([0-9]+ MiB\), highest at 0x[0-9a-f]+, 0 left free; freed \1, 0 wrong; free before \1, after \1$' \
      'line:ktest: memfill passed' 'none:EXCEPTION' 'none:PANIC' "${extra[@]}"
  done
  # x86-64: the direct map in 2 MiB pages where CPUID has no 1 GiB pages.
  if [[ $arch == x86_64 ]]; then
    JERICHO_CPU=max,pdpe1gb=off JERICHO_MEM=3G boot_case memfill-3G-2M-pages 0 test=memfill \
      're:^mmu: direct map 30[0-9]{2} MiB, 2 MiB pages, [0-9]+ page-table frames$' \
      're:^memfill: took [0-9]+ frames .*, highest at 0x13ffff000, 0 left free;' \
      'line:ktest: memfill passed'
  fi
  # The boot archive (-initrd): found on both arches, its pages kept out of
  # the frame pool (memfill takes every free frame and writes it).
  JERICHO_INITRD=$work/blob10000 boot_case initrd-kept 0 test=memfill \
    're:^initrd: 10000 bytes at 0x[0-9a-f]+, kept for the root task$' \
    're:^memfill: took ([0-9]+) frames \([0-9]+ MiB\), highest at 0x[0-9a-f]+, 0 left free; freed \1, 0 wrong; free before \1, after \1$' \
    'line:ktest: memfill passed' 'none:PANIC'
  boot_case nosuch 2 test=nosuch \
    "line:ktest: unknown test 'nosuch'; tests:" \
    're:^  kprintf ' 're:^  undef ' 're:^  pagefault ' 're:^  panic '
}

# The production kernel (kernel.elf / Image, what `make run` and `jericho
# run` boot): the root task on boot archives; no boot tests in it.
production_cases() {
  boot_case prod-banner 0 "" \
    're:^JerichoOS [0-9]+\.[0-9]+\.[0-9]+ \(@ARCH@\)$' 'none:EXCEPTION' 'none:PANIC'
  boot_case prod-no-tests 2 test=kprintf \
    "line:ktest: this kernel has no boot tests ('kprintf'): they are in kernel-test (make kernel-test)" \
    'none:kprintf: d=42'
  # The root task (user/root/) on a boot archive packed here: the manifest's
  # modules run in runner tasks made with JX_SYS_TASK_CREATE; the root reports
  # each module that did not exit with 0 and powers off with the first such
  # status in manifest order (past 123, QEMU gets 126: kernel/root.c). The
  # runner's reports are stderr frames (user/runner/frame.h): "has:".
  pack_system "$work/system-$arch.jxa" system.manifest="$work/system.manifest"
  JERICHO_INITRD=$work/system-$arch.jxa boot_case root-system 3 "" \
    're:^initrd: 49152 bytes at 0x[0-9a-f]+, kept for the root task$' \
    'line:hello: argv[0] = hello' 'line:hello: argv[1] = a' 'line:hello: argv[2] = b' \
    'line:hello: GREETING = hi' 'line:hello: the first 100 primes add up to 24133' \
    'line:module hello: exit status 3' \
    'has:runner: add.wasm: no exported function "_start"' 'line:module add: exit status 2' \
    'has:runner: trap.wasm: trap: integer divide by zero in divide (func 1) at +0x6e, called from compute (func 2) at +0x76, _start (func 3) at +0x94' \
    'line:module trap: trap (exit status 134)' 'none:killed' 'none:EXCEPTION' 'none:PANIC'
  pack_system "$work/trap-$arch.jxa" system.manifest="$work/trap.manifest"
  JERICHO_INITRD=$work/trap-$arch.jxa boot_case root-trap 126 "" \
    'line:module trap: trap (exit status 134)' 'none:module hello' 'none:EXCEPTION'
  # No console in its line: the module runs but cannot print; it ends with
  # argc (1), which the root, which has the console, reports.
  pack_system "$work/mute-$arch.jxa" system.manifest="$work/mute.manifest"
  JERICHO_INITRD=$work/mute-$arch.jxa boot_case root-no-console 1 "" \
    'line:module hello: exit status 1' 'none:hello: argv' 'none:primes' 'none:EXCEPTION'
  pack_system "$work/bad-$arch.jxa" system.manifest="$work/bad.manifest"
  JERICHO_INITRD=$work/bad-$arch.jxa boot_case root-bad-manifest 2 "" \
    "re:^manifest:3: unknown key 'prioirty'" 'none:hello:' 'none:EXCEPTION' 'none:PANIC'
  # A forged archive (its first entry's size past the end) and garbage.
  forge_archive "$work/system-$arch.jxa" "$work/forged-$arch.jxa"
  JERICHO_INITRD=$work/forged-$arch.jxa boot_case root-forged-archive 2 "" \
    're:^root: the boot archive is unusable: .+' 'none:hello:' 'none:EXCEPTION' 'none:PANIC'
  JERICHO_INITRD=$work/blob10000 boot_case root-garbage-archive 2 "" \
    're:^root: the boot archive is unusable: .+' 'none:EXCEPTION' 'none:PANIC'
}

# pack_system OUT NAME=FILE...: a boot archive of the given files and the
# runner's modules built for $arch (jx-pack, tools/jericho/pack_main.c).
pack_system() {
  local out=$1 wasm=build/$arch/runner/wasm
  shift
  build/host/tools/jx-pack "$out" "$@" hello.wasm=build/apps/02_hello/hello.wasm \
    add.wasm=build/apps/01_add/add.wasm trap.wasm=$wasm/trap.wasm || echo "    jx-pack $out failed"
}

# forge_archive IN OUT: IN with its first entry's size (bytes 76-79) set to 0xffffff00.
forge_archive() {
  cp "$1" "$2"
  printf '\x00\xff\xff\xff' | dd of="$2" bs=1 seek=76 conv=notrunc status=none
}

# Checks one expectation against the output file; prints why it failed.
check_output() {
  local out=$1 check=$2 kind=${2%%:*} text=${2#*:}
  text=${text//@ARCH@/$arch}
  case $kind in
  line) grep -qFx -- "$text" "$out" ;;
  has)  grep -qF -- "$text" "$out" ;;
  re)   grep -qE -- "$text" "$out" ;;
  none) ! grep -qF -- "$text" "$out" ;;
  int)  check_int "$out" "$text" ;;
  *)    echo "    bad check '$check'"; return 1 ;;
  esac || { echo "    not as expected: $check"; return 1; }
}

# int:REGEX:LO:HI (see boot_cases): true if REGEX's first group is in range.
check_int() {
  local out=$1 hi=${2##*:} rest=${2%:*} line value=
  local lo=${rest##*:} re=${rest%:*}
  while IFS= read -r line; do
    if [[ $line =~ $re ]]; then value=${BASH_REMATCH[1]}; break; fi
  done <"$out"
  [[ $value =~ ^[0-9]+$ ]] && (( value >= lo && value <= hi ))
}

# No LOAD segment of an ELF image is both writable and executable (W^X).
check_wx() {
  llvm-readelf-19 -lW "$1" | awk '
    $1 == "LOAD" { f = ""; for (i = 7; i < NF; i++) f = f $i
                   if (f ~ /W/ && f ~ /E/) { print "    W+E segment: " $0; bad = 1 } }
    END { exit bad }'
}

# Runs one case on $arch (image $image, or none if the build failed).
boot_case() {
  local name=$1 want=$2 cmdline=$3 ok=1 out status
  shift 3
  if [[ -z $image ]]; then fail "$arch $name (kernel did not build)"; return; fi
  out=$(mktemp)
  # boot_input=TEXT: typed on the serial console every 0.2 s (input sent
  # before the kernel set up its UART is lost, so once is not enough).
  if [[ -n ${boot_input:-} ]]; then
    { for _ in $(seq 100); do printf '%s\n' "$boot_input"; sleep 0.2; done 2>/dev/null; } |
      tools/qemu.sh "$arch" "$image" "$cmdline" 2>&1 | tr -d '\r' >"$out"
    status=${PIPESTATUS[1]}
  else
    tools/qemu.sh "$arch" "$image" "$cmdline" </dev/null 2>&1 | tr -d '\r' >"$out"
    status=${PIPESTATUS[0]}
  fi
  if [[ $status != "$want" ]]; then echo "    exit status $status, want $want"; ok=0; fi
  for check in "$@"; do check_output "$out" "$check" || ok=0; done
  if (( ok )); then pass "$arch $name"
  else sed 's/^/    | /' "$out" | tail -n 25; fail "$arch $name"; fi
  rm -f "$out"
}

for arch in "${arches[@]}"; do
  echo "building $arch kernels"
  image= prod=
  log=$(mktemp)
  if make --no-print-directory -j2 ARCH="$arch" kernel kernel-test >"$log" 2>&1; then
    image=$(make --no-print-directory -s ARCH="$arch" kernel-test-image-path)
    prod=$(make --no-print-directory -s ARCH="$arch" kernel-image-path)
  else
    tail -n 20 "$log" | sed 's/^/    | /'
  fi
  rm -f "$log"
  for elf in kernel.elf kernel-test.elf; do
    if [[ -n $image ]]; then
      check "$arch $elf has no writable and executable segment" check_wx "build/$arch/$elf"
    else
      fail "$arch $elf W^X (kernel did not build)"
    fi
  done
  boot_cases
  image=$prod production_cases
done

# Under KVM wherever /dev/kvm works. This host's is kvm_pvm, which boots the
# kernel but cannot run its user mode (docs/kernel-core.md), so the KVM cases
# are kernel-only: the banner, and sleep accuracy measured from a kernel thread.
if [[ " ${arches[*]} " == *" x86_64 "* && -r /dev/kvm && -w /dev/kvm ]]; then
  arch=x86_64 image=$(make --no-print-directory -s ARCH=x86_64 kernel-test-image-path)
  JERICHO_ACCEL=kvm boot_case kvm-banner 0 "" \
    're:^JerichoOS [0-9]+\.[0-9]+\.[0-9]+ \(x86_64\)$' 're:^boot: [0-9]+ us$' 'none:EXCEPTION'
  JERICHO_ACCEL=kvm boot_case kvm-ksleep 0 test=ksleep \
    're:^ksleep: 10 ms x 20: min [0-9]+ us' 'line:ktest: ksleep passed'
else
  echo "  (no usable /dev/kvm: the KVM cases do not run here)"
fi
summary
