/* SPDX-License-Identifier: MIT */
/* ktest.c: the table of in-kernel boot tests and the runner behind "test=NAME". */
#include <stdbool.h>
#include <stdint.h>
#include "arch.h"
#include "exit.h"
#include "kprintf.h"
#include "kstring.h"
#include "ktest.h"
#include "ktest_bench.h"
#include "ktest_core.h"
#include "ktest_fuzz.h"
#include "ktest_wasm.h"
#include "panic.h"

/* A test returns true if it failed; fault tests do not return at all. */
struct ktest {
    const char *name;
    bool (*run)(void);
    const char *what;
};

/*
 * Formats one line with ksnprintf, prints it and compares it with what it
 * must be: true if they differ. tests/suites/boot.sh checks the printed
 * lines independently.
 */
__attribute__((format(printf, 2, 3))) static bool expect_line(const char *want, const char *fmt,
                                                              ...)
{
    char got[160];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(got, sizeof got, fmt, ap);
    va_end(ap);
    kprintf("kprintf: %s\n", got);
    if (strcmp(got, want) == 0)
        return false;
    kprintf("kprintf: MISMATCH, expected: %s\n", want);
    return true;
}

static bool test_kprintf(void)
{
    int bad = 0;
    bad += expect_line("d=42 i=-17 u=3000000000 x=deadbeef X=DEADBEEF c=J s=hello pct=%",
                       "d=%d i=%i u=%u x=%x X=%X c=%c s=%s pct=%%", 42, -17, 3000000000u,
                       0xdeadbeefu, 0xdeadbeefu, 'J', "hello");
    bad += expect_line("int64 min=-9223372036854775808 max=9223372036854775807",
                       "int64 min=%lld max=%lld", (long long)INT64_MIN, (long long)INT64_MAX);
    bad += expect_line("uint64 max=18446744073709551615 hex=ffffffffffffffff",
                       "uint64 max=%llu hex=%llx", (unsigned long long)UINT64_MAX,
                       (unsigned long long)UINT64_MAX);
    bad += expect_line("ld=-1 lu=1099511627776 lx=123456789abcdef0 zu=4096 zx=1000",
                       "ld=%ld lu=%lu lx=%lx zu=%zu zx=%zx", -1L, 1UL << 40, 0x123456789abcdef0UL,
                       (size_t)4096, (size_t)4096);
    bad += expect_line("pad=[00042] [   42] [42   ] [-0042] [  -42] [0000beef] [0]",
                       "pad=[%05d] [%5d] [%-5d] [%05d] [%5d] [%08x] [%d]", 42, 42, 42, -42, -42,
                       0xbeefu, 0);
    bad += expect_line("p=0x00000000dead0000 null=0x0000000000000000 s=[  hi] [hi  ] (null)",
                       "p=%p null=%p s=[%4s] [%-4s] %s", (void *)0xdead0000UL, (void *)0, "hi",
                       "hi", (char *)0);
    return bad ? 1 : 0;
}

static bool test_undef(void)
{
    arch_undefined_instruction();
    kprintf("undef: the undefined instruction did not trap\n");
    return true;
}

static bool test_pagefault(void)
{
    *(volatile uint64_t *)KTEST_UNMAPPED_ADDR = 1;
    kprintf("pagefault: the write to %p did not fault\n", (void *)KTEST_UNMAPPED_ADDR);
    return true;
}

/* W^X: the kernel's own text is read-only; this write must fault. */
static bool test_wxtext(void)
{
    *(volatile uint8_t *)(uintptr_t)test_undef = 0xcc;
    kprintf("wxtext: the write to kernel text at %p did not fault\n",
            (void *)(uintptr_t)test_undef);
    return true;
}

/* Unbounded recursion on a kernel thread's stack must hit its guard page. */
static int kstack_recurse(volatile int depth)
{
    volatile char pad[256];
    pad[0] = (char)depth;
    if (depth >= 0)
        return kstack_recurse(depth + 1) + pad[0];
    return 0;
}

static bool test_kstackguard(void)
{
    kstack_recurse(0);
    kprintf("kstackguard: the recursion returned\n");
    return true;
}

static bool test_panic(void) { panic("test=panic asked for it (%d)", 42); }

static const struct ktest ktests[] = {
    { "kprintf", test_kprintf, "print fixed formatted values, compare them" },
    { "undef", test_undef, "execute an undefined instruction" },
    { "pagefault", test_pagefault, "write to the unmapped address KTEST_UNMAPPED_ADDR" },
    { "panic", test_panic, "call panic()" },
    { "wxtext", test_wxtext, "write to kernel text (W^X)" },
    { "kstackguard", test_kstackguard, "overflow a kernel thread stack into its guard page" },
    { "sched", ktest_sched, "two CPU-bound tasks at one priority share the CPU" },
    { "preempt", ktest_preempt, "a waking high-priority task preempts a spinning low one" },
    { "budget", ktest_budget, "a task over its CPU budget is stopped, others go on" },
    { "faults", ktest_faults, "every kind of user fault kills only its task" },
    { "tasks256", ktest_tasks256, "256 tasks at once, twice, without leaks" },
    { "usercopy", ktest_usercopy, "syscalls with bad pointers return errors" },
    { "fpu", ktest_fpu, "FPU/SIMD state survives preemption" },
    { "sleep", ktest_sleep, "sleep(10 ms) lasts 10 ms +- 2 ms" },
    { "ksleep", ktest_ksleep, "a kernel thread's sleep(10 ms) lasts 10 ms +- 2 ms" },
    { "oom", ktest_oom, "task creation fails cleanly at every allocation" },
    { "vspace", ktest_vspace, "map/unmap/protect errors and TLB flushes" },
    { "memfill", ktest_memfill, "take, write, check and free every free frame" },
    { "caps", ktest_caps, "forged/stale handles, missing rights, an empty table" },
    { "ipc", ktest_ipc, "call/reply_recv round trips between two tasks, in order" },
    { "ipc-1m", ktest_ipc_1m, "the same, 1 000 000 round trips" },
    { "ipc-badge", ktest_ipc_badge, "many clients told apart by badge; capability transfer" },
    { "ipc-revoke", ktest_ipc_revoke, "revoke takes back capabilities held by other tasks" },
    { "ipc-kill", ktest_ipc_kill, "killing tasks in IPC wakes or fails their partners" },
    { "task-cap", ktest_task_cap,
      "a supervisor starts, tunes and stops a worker via its Task cap" },
    { "task-create", ktest_task_create, "a task creates tasks from a quota (JX_SYS_TASK_CREATE)" },
    { "mem-quota", ktest_mem_quota, "frames from a quota until JX_ENOMEM; maps, W^X, rights" },
    { "mem-shm", ktest_mem_shm, "a frame shared read-only between two address spaces" },
    { "mem-kill", ktest_mem_kill, "killing a task gives its objects back to its quota" },
    { "region", ktest_region, "demand-zero regions: reserve, touch, quota, release; lazy bss" },
    { "region-runners", ktest_region_runners,
      "idle wasm runners until creation fails (run with 512 MiB)" },
    { "wasm", ktest_wasm, "the wasm runner runs each embedded module in its own task" },
    { "wasm-time", ktest_wasm_time, "the hello module alone: the clock at its first output" },
    { "sysfuzz", ktest_sysfuzz,
      "random syscalls from several tasks; everything accounted for after" },
    { "sysfuzz-long", ktest_sysfuzz_long, "the same, 4 x 2 500 000 calls (make fuzz-kernel)" },
    { "storm", ktest_storm, "256 tasks in an IPC storm, random kills, every message checked" },
    { "storm-long", ktest_storm_long, "the same, 20 000 calls per client (make fuzz-kernel)" },
    { "restart", ktest_restart, "a user supervisor restarts a worker 1 000 times; no leak" },
    { "restart-long", ktest_restart_long, "the same, 10 000 times (make fuzz-kernel)" },
    { "exhaust", ktest_exhaust, "each object type up to its quota: clean JX_ENOMEM, all back" },
    { "irq", ktest_irq,
      "a user task takes interrupts of a line through an IRQ handler and a notification" },
    { "bench-ipc", ktest_bench_ipc, "print user-to-user syscall, IPC and switch costs" },
    { "bench", ktest_bench, "print syscall and task-switch costs" },
    { "bench-all", ktest_bench_all,
      "every kernel figure of make bench, repeated (bench/kernel.sh)" },
    { "bench-tiny", ktest_bench_tiny, "the same at a tiny size, so that the programs cannot rot" },
    { "serial", ktest_serial, "read a line typed on the serial console (interrupts)" },
};

noreturn void ktest_run(const char *name)
{
    for (size_t i = 0; i < sizeof ktests / sizeof ktests[0]; i++) {
        if (strcmp(ktests[i].name, name) != 0)
            continue;
        kprintf("ktest: %s\n", name);
        bool failed = ktests[i].run();
        kprintf("ktest: %s %s\n", name, failed ? "FAILED" : "passed");
        arch_exit(failed ? KEXIT_TEST_FAILED : KEXIT_OK);
    }
    kprintf("ktest: unknown test '%s'; tests:\n", name);
    for (size_t i = 0; i < sizeof ktests / sizeof ktests[0]; i++)
        kprintf("  %-10s %s\n", ktests[i].name, ktests[i].what);
    arch_exit(KEXIT_BAD_CMDLINE);
}
