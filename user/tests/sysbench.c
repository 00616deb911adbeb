/* SPDX-License-Identifier: MIT */
/* sysbench.c: make bench's kernel operations beyond ipcbench.c: one-way IPC, page map+unmap, task create+destroy, timer to user notification. */
#include "jx.h"
#include "roles.h"
#include "tiny_elf.h"

/*
 * kernel/ktest_bench.c (test=bench-all) starts one task per role with the
 * argument ROLE_ARG(role, n) and roles.h's slots; every role times n
 * operations with the clock and prints "bench: NAME NS.HH ns" (per
 * operation). Under QEMU -icount shift=0 a clock nanosecond is one guest
 * instruction.
 */
/* This program's own slots, beyond the harness's. */
enum { FRAME = 10, CHILD = 11 };
/* Far from the program's own pages (user.ld links at 0x400000). */
#define MAP_VA 0x10000000ul
/* The timer's delay: long enough that the task is blocked in wait when it expires. */
#define TIMER_DELAY_NS 200000ull

static void report(const char *name, uint64_t ns, uint64_t n)
{
    printf("bench: %s %llu.%02llu ns\n", name, (unsigned long long)(ns / n),
           (unsigned long long)(ns * 100 / n % 100));
}

/* One-way messages: the sender's clock covers both sides (one CPU). */
static int64_t sender(uint64_t n)
{
    struct jx_msg m = { JX_MSG_INFO(0, 0, 0), { 1, 2, 3 }, 0 };
    jx_send(SLOT_EP, &m, JX_TIMEOUT_FOREVER); /* warm-up: the receiver is in its loop after it */
    uint64_t t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++)
        if (jx_send(SLOT_EP, &m, JX_TIMEOUT_FOREVER) != JX_OK)
            return 1;
    report("ipc_send_oneway", jx_now_ns() - t0, n);
    return 0;
}

static int64_t receiver(uint64_t n)
{
    struct jx_msg m;
    for (uint64_t i = 0; i <= n; i++)
        if (jx_recv(SLOT_EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER) != JX_OK)
            return 1;
    return 0;
}

/* Maps one Frame at MAP_VA and unmaps it again, n times. */
static int64_t map_unmap(uint64_t n)
{
    if (jx_quota_alloc(SLOT_QUOTA, JX_OBJ_FRAME, FRAME, 0) != JX_OK)
        return 1;
    uint64_t t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++)
        if (jx_map(SLOT_ASPACE, FRAME, MAP_VA, JX_RIGHT_READ | JX_RIGHT_WRITE) != JX_OK ||
            jx_unmap(SLOT_ASPACE, MAP_VA) != JX_OK)
            return 1;
    report("map_unmap_page", jx_now_ns() - t0, n);
    return jx_cap_delete(FRAME) != JX_OK;
}

/*
 * The smallest image the loader takes: an ELF header, one program header
 * and an endless loop, in one read+execute segment at 0x400000 (never run:
 * the task is destroyed before it starts).
 */
struct tiny_elf {
    struct elf64_ehdr eh;
    struct elf64_phdr ph;
    uint32_t code;
};

static struct tiny_elf tiny_image(void)
{
    struct tiny_elf e = {
#if defined(__x86_64__)
        .code = 0xfeeb, /* jmp . */
#else
        .code = 0x14000000, /* b . */
#endif
    };
    tiny_elf_headers(&e.eh, &e.ph, __builtin_offsetof(struct tiny_elf, code), sizeof e);
    return e;
}

/* Creates a task (its own address space, a thread, one capability) and deletes it, n times. */
static int64_t spawn(uint64_t n)
{
    static struct tiny_elf image;
    image = tiny_image();
    struct jx_task_spec s = { 0 };
    s.elf = (uintptr_t)&image;
    s.elf_size = sizeof image;
    s.priority = 50;
    s.ncaps = 1;
    s.caps[0] = (struct jx_task_cap){ JX_SLOT_CONSOLE, JX_SLOT_CONSOLE, JX_RIGHT_WRITE, 0 };
    memcpy(s.name, "tiny", 5);
    uint64_t t0 = jx_now_ns();
    for (uint64_t i = 0; i < n; i++) {
        jx_error_t err = jx_task_create(SLOT_QUOTA, &s, CHILD);
        if (err != JX_OK) {
            printf("sysbench: task_create: error %d\n", (int)err);
            return 1;
        }
        if (jx_cap_delete(CHILD) != JX_OK)
            return 1;
    }
    report("task_create_destroy", jx_now_ns() - t0, n);
    return 0;
}

/*
 * Arms the clock to signal our notification TIMER_DELAY_NS from now and
 * waits: what is left after the delay is the timer interrupt's way to the
 * woken task (interrupt, kernel timer, signal, switch, the wait's return)
 * plus one clock read.
 */
static int64_t timer(uint64_t n)
{
    uint64_t bits, late = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t t0 = jx_now_ns();
        if (jx_clock_arm(JX_SLOT_CLOCK, SLOT_NTFN, TIMER_DELAY_NS, 1) != JX_OK ||
            jx_wait(SLOT_NTFN, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
            return 1;
        late += jx_now_ns() - t0 - TIMER_DELAY_NS;
    }
    report("timer_to_user_ntfn", late, n);
    return 0;
}

int64_t main(uint64_t arg)
{
    uint64_t n = arg >> 8;
    switch (arg & 0xff) {
    case S_SEND: return sender(n);
    case S_RECV: return receiver(n);
    case S_MAP: return map_unmap(n);
    case S_SPAWN: return spawn(n);
    case S_TIMER: return timer(n);
    default: return 99;
    }
}
