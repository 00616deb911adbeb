/* SPDX-License-Identifier: MIT */
/* ktest_bench.c: make bench's kernel figures: every ipcbench.c and sysbench.c role, repeated, and runner tasks until memory runs out. */
#include <stdbool.h>
#include "frame.h"
#include "kobj.h"
#include "kprintf.h"
#include "ktest_bench.h"
#include "ktest_core.h"
#include "quota.h"
#include "task.h"
#include "../user/tests/roles.h"

/*
 * Not pass/fail tests: each role below runs `reps` times in fresh tasks and
 * prints one "bench: NAME VALUE ns" line per run; bench/kernel.sh drops the
 * first of each name (warm-up) and takes the median and spread of the rest.
 * Under QEMU -icount shift=0 a nanosecond of the clock is one guest
 * instruction. The run fails only if a program fails or something leaks.
 */

/* Root slots (after the console and the clock); the programs' are in roles.h. */
enum {
    ROOT_EP = 2,
    ROOT_REPLY,
    ROOT_NTFN,
    ROOT_NTFN2,
    ROOT_QUOTA,
    ROOT_ASPACE,
    ROOT_LAST = ROOT_ASPACE
};
#define RW  (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define RWG (RW | JX_RIGHT_GRANT)

/* How big a run is: samples per figure and operations per sample. */
struct bench_size {
    unsigned reps;
    uint64_t ops, spawns, timers, max_runners;
};

static bool give(struct task *t, unsigned slot, unsigned root, unsigned rights)
{
    jx_error_t err = task_give_cap(t, slot, ktest_root_slot(root), rights, 0);
    if (err != JX_OK)
        kprintf("bench: cannot give '%s' slot %u: error %d\n", t->name, slot, err);
    return err == JX_OK;
}

/* A task running `prog` with ROLE_ARG(role, n) and every benchmark capability. */
static struct task *bench_task(const char *prog, unsigned role, uint64_t n, bool second)
{
    struct task *t = ktest_create(prog, prog, ROLE_ARG(role, n), 60, 0, true);
    if (!t)
        return 0;
    unsigned own = second ? ROOT_NTFN2 : ROOT_NTFN, peer = second ? ROOT_NTFN : ROOT_NTFN2;
    cap_install(ktest_root_slot(ROOT_ASPACE), &t->vs->obj, JX_RIGHTS_ALL, 0);
    bool ok = give(t, SLOT_EP, ROOT_EP, RWG) && give(t, SLOT_REPLY, ROOT_REPLY, RWG) &&
              give(t, SLOT_NTFN, own, RW) && give(t, SLOT_PEER_NTFN, peer, RW) &&
              give(t, SLOT_QUOTA, ROOT_QUOTA, RW) && give(t, SLOT_ASPACE, ROOT_ASPACE, RW);
    cap_delete(ktest_root_slot(ROOT_ASPACE));
    if (!ok) {
        task_kill(t);
        ktest_reap(t, 0, 0);
    }
    return ok ? t : 0;
}

/* Runs roles a and (if b) b of prog side by side, `reps` times; true if any run failed. */
static bool bench_roles(const char *prog, unsigned a, unsigned b, uint64_t n, unsigned reps)
{
    bool bad = false;
    for (unsigned r = 0; r < reps; r++) {
        struct task *t[2] = { bench_task(prog, a, n, false), b ? bench_task(prog, b, n, true) : 0 };
        if (!t[0] || (b && !t[1]))
            return true;
        for (int i = 0; i < 2 && t[i]; i++)
            task_start(t[i]);
        for (int i = 0; i < 2 && t[i]; i++)
            bad |= ktest_reap(t[i], 0, 0) != 0;
    }
    return bad;
}

/*
 * Creates wasm runners (not started: the kernel has mapped the ELF's file
 * pages; its bss, the heap included, is mapped page by page as it is
 * touched) until creation fails or `max` exist; prints the count and the
 * frames the first one took, then frees them all.
 */
static bool bench_runners(uint64_t max)
{
    static struct task *t[1100];
    size_t before = frame_free_count(), one = 0;
    unsigned n = 0;
    while (n < max && n < sizeof t / sizeof t[0]) {
        t[n] = ktest_create("runner", "runner", 0, 60, 0, false);
        if (!t[n])
            break;
        if (n++ == 0)
            one = before - frame_free_count();
    }
    kprintf("bench: runner_task_kib %llu KiB\n", (unsigned long long)one * 4);
    kprintf("bench: runner_tasks_fit %u tasks (%s; %llu MiB free at the start)\n", n,
            n == max ? "stopped at the cap" : "until creation failed",
            (unsigned long long)before * 4 / 1024);
    for (unsigned i = 0; i < n; i++) {
        task_kill(t[i]);
        ktest_reap(t[i], 0, 0);
    }
    return n == 0;
}

static bool bench_run(const struct bench_size *s)
{
    size_t frames = frame_free_count();
    struct quota *q;
    struct kobj *ep = ktest_new_ipc_object(JX_OBJ_ENDPOINT),
                *reply = ktest_new_ipc_object(JX_OBJ_REPLY),
                *n1 = ktest_new_ipc_object(JX_OBJ_NOTIFICATION),
                *n2 = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!ep || !reply || !n1 || !n2 || quota_create(0, 4u << 20, &q) != JX_OK)
        return true;
    cap_install(ktest_root_slot(ROOT_EP), ep, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_REPLY), reply, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_NTFN), n1, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_NTFN2), n2, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);

    bool bad = bench_roles("ipcbench", B_CALIBRATE, 0, 100000, 2);
    bad |= bench_roles("ipcbench", B_NULL, 0, s->ops, s->reps);
    bad |= bench_roles("ipcbench", B_SERVER, B_CLIENT, s->ops, s->reps);
    bad |= bench_roles("ipcbench", B_CAP_SERVER, B_CAP_CLIENT, s->ops, s->reps);
    bad |= bench_roles("sysbench", S_RECV, S_SEND, s->ops, s->reps);
    bad |= bench_roles("ipcbench", B_PONG, B_PING, s->ops, s->reps);
    bad |= bench_roles("ipcbench", B_YIELD, B_YIELD_QUIET, s->ops, s->reps);
    bad |= bench_roles("sysbench", S_MAP, 0, s->ops, s->reps);
    bad |= bench_roles("sysbench", S_SPAWN, 0, s->spawns, s->reps);
    bad |= bench_roles("sysbench", S_TIMER, 0, s->timers, s->reps);
    bad |= bench_runners(s->max_runners);

    for (unsigned slot = ROOT_EP; slot <= ROOT_LAST; slot++)
        cap_delete(ktest_root_slot(slot));
    return bad | ktest_check_frames("bench", frames);
}

bool ktest_bench_all(void)
{
    static const struct bench_size full = { 11, 2000, 200, 20, 1100 };
    return bench_run(&full);
}

bool ktest_bench_tiny(void)
{
    static const struct bench_size tiny = { 2, 20, 4, 2, 1 };
    return bench_run(&tiny);
}
