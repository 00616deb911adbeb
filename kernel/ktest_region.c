/* SPDX-License-Identifier: MIT */
/* ktest_region.c: boot tests of demand-zero regions: reserve/release, touches charged to a quota, the quota's end, lazy bss. */
#include <stdbool.h>
#include "clock.h"
#include "frame.h"
#include "kobj.h"
#include "kprintf.h"
#include "kstring.h"
#include "ktest_core.h"
#include "notification.h"
#include "quota.h"
#include "sched.h"
#include "task.h"
#include "user_blobs.h"
#include "jericho/syscall.h"

/* Root slots of these tests, and where user/tests/resv.c finds its objects. */
enum { R_QUOTA = 40, R_ASPACE, R_NTFN };
enum { S_NTFN = 4, S_QUOTA = 6, S_ASPACE = 7 };
enum { ROLE_API = 1, ROLE_FRAMES, ROLE_OOM, ROLE_READONLY, ROLE_BSS, ROLE_SPAWN };
#define RW           (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define FRAMES_PAGES 100 /* pages the frames role writes, 9 MiB apart */
#define OOM_PAGES    5 /* what the out-of-memory role's quota holds */

/*
 * A task running user/tests/<prog>.c with the console and the clock, its
 * ELF's bss charged to q; with q, also q (slot 6), its own address space
 * (slot 7) and a notification from the root (slot 4). NULL on failure.
 */
static struct task *create(const char *name, const char *prog, uint64_t arg, struct quota *q)
{
    const struct user_blob *b = user_blobs;
    while (b->name && strcmp(b->name, prog) != 0)
        b++;
    struct task_params p = { 60, 0, arg, q };
    struct task *t;
    if (!b->name || task_create(name, b->data, b->size, &p, &t) != JX_OK) {
        kprintf("region: cannot create '%s'\n", name);
        return 0;
    }
    task_give_cap(t, JX_SLOT_CONSOLE, ktest_root_slot(KTEST_ROOT_CONSOLE), JX_RIGHT_WRITE, 0);
    task_give_cap(t, JX_SLOT_CLOCK, ktest_root_slot(KTEST_ROOT_CLOCK), JX_RIGHT_READ, 0);
    if (q) {
        cap_delete(ktest_root_slot(R_QUOTA));
        cap_install(ktest_root_slot(R_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);
        task_give_cap(t, S_QUOTA, ktest_root_slot(R_QUOTA), RW, 0);
        task_give_self_aspace(t, S_ASPACE, RW);
        task_give_cap(t, S_NTFN, ktest_root_slot(R_NTFN), RW, 0);
    }
    return t;
}

static struct quota *new_quota(uint64_t limit)
{
    struct quota *q;
    return quota_create(0, limit, &q) == JX_OK ? q : 0;
}

/* Drops the root's quota capability: the quota dies with the last object charged to it. */
static void drop_quota(void) { cap_delete(ktest_root_slot(R_QUOTA)); }

static bool wait_blocked(struct task *t)
{
    for (int i = 0; i < 2000 && t->thread->state != THREAD_BLOCKED; i++)
        sched_sleep_until(clock_now_ns() + 1000000);
    return t->thread->state == THREAD_BLOCKED;
}

static void wake(void)
{
    notification_signal((struct notification *)ktest_root_slot(R_NTFN)->obj, 1);
}

/* Runs role `arg` to its end; true if it did not exit with 0 and leave its quota at 0. */
static bool run_role(const char *name, uint64_t arg, uint64_t limit)
{
    struct quota *q = new_quota(limit);
    struct task *t = q ? create(name, "resv", arg, q) : 0;
    if (!t)
        return true;
    task_start(t);
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("region: %s: exit %lld, quota used %llu after\n", name, (long long)code,
            (unsigned long long)q->used);
    bool bad = code != 0 || q->used != 0;
    drop_quota();
    return bad;
}

/* A 1 GiB region written sparsely: every frame (pages and page tables) back on release. */
static bool region_frames(void)
{
    struct quota *q = new_quota(4u << 20);
    struct task *t = q ? create("resv-frames", "resv", ROLE_FRAMES | FRAMES_PAGES << 8, q) : 0;
    if (!t)
        return true;
    task_start(t);
    bool bad = !wait_blocked(t);
    size_t f0 = frame_free_count();
    wake();
    bad |= !wait_blocked(t);
    size_t f1 = frame_free_count();
    uint64_t used = q->used;
    wake();
    bad |= !wait_blocked(t);
    size_t f2 = frame_free_count();
    wake();
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("region: %u pages written across 1 GiB: %llu bytes charged, %zu frames taken "
            "(pages and page tables); after the release %zu frames free of %zu before\n",
            FRAMES_PAGES, (unsigned long long)used, f0 - f1, f2, f0);
    bad |= code != 0 || used != FRAMES_PAGES * JX_QUOTA_CHARGE_FRAME || f2 != f0 ||
           f0 - f1 < FRAMES_PAGES || q->used != 0;
    drop_quota();
    return bad;
}

/* A task that dies of `cause`/`kind` beside a peer that must finish; true if anything differs. */
static bool region_killed(const char *name, uint64_t arg, uint64_t limit, uint64_t kind,
                          uintptr_t addr)
{
    struct quota *q = new_quota(limit);
    struct task *t = q ? create(name, "resv", arg, q) : 0;
    struct task *peer = ktest_create("resv-peer", "spin", 100, 60, 0, true);
    if (!t || !peer)
        return true;
    task_start(t);
    task_start(peer);
    task_wait(t);
    bool bad = t->cause != JX_EXIT_FAULT || (uint64_t)t->code != kind || t->fault.addr != addr;
    ktest_reap(t, 0, 0);
    int64_t peer_code = ktest_reap(peer, 0, 0);
    kprintf("region: %s: %s, quota used %llu after, the peer %s\n", name,
            bad ? "WRONG" : "ended as expected", (unsigned long long)q->used,
            peer_code >= 0 ? "finished" : "FAILED");
    bad |= peer_code < 0 || q->used != 0;
    drop_quota();
    return bad;
}

/* A runner-like task with 16 MiB of bss writes 3 pages: its quota pays for those 3. */
static bool region_bss(void)
{
    struct quota *q = new_quota(1u << 20);
    size_t before = frame_free_count();
    struct task *t = q ? create("resv-bss", "resv", ROLE_BSS, q) : 0;
    if (!t)
        return true;
    size_t created = before - frame_free_count();
    task_start(t);
    bool bad = !wait_blocked(t);
    uint64_t used = q->used;
    wake();
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("region: a task with 16 MiB of bss: %zu KiB at creation, then %llu KiB charged "
            "for the 3 pages it wrote\n",
            created * 4, (unsigned long long)used / 1024);
    bad |= code != 0 || used != 3 * JX_QUOTA_CHARGE_FRAME || created > 64 || q->used != 0;
    drop_quota();
    return bad;
}

/* What an idle wasm runner (its 16 MiB heap in bss) costs: created, never started. */
static bool region_runner(void)
{
    size_t before = frame_free_count();
    struct task *t = ktest_create("runner", "runner", 0, 60, 0, false);
    if (!t)
        return true;
    size_t one = before - frame_free_count();
    task_kill(t);
    ktest_reap(t, 0, 0);
    kprintf("region: an idle runner task takes %zu frames (%zu KiB)\n", one, one * 4);
    return one > 256;
}

/*
 * Idle runners (created, not started) until creation fails: with lazy bss
 * what stops them in 512 MiB is CONFIG_MAX_THREADS, not memory (issue #23).
 */
bool ktest_region_runners(void)
{
    static struct task *t[CONFIG_MAX_THREADS];
    size_t before = frame_free_count();
    unsigned n = 0;
    while (n < CONFIG_MAX_THREADS && (t[n] = ktest_create("runner", "runner", 0, 60, 0, false)))
        n++;
    size_t used = before - frame_free_count();
    kprintf("region-runners: %u idle runner tasks (%s), %zu KiB each, %zu MiB free after\n", n,
            thread_count() >= CONFIG_MAX_THREADS ? "the thread limit" : "out of memory",
            n ? used * 4 / n : 0, frame_free_count() * 4 / 1024);
    for (unsigned i = 0; i < n; i++) {
        task_kill(t[i]);
        ktest_reap(t[i], 0, 0);
    }
    return ktest_check_frames("region-runners", before) || n == 0;
}

bool ktest_region(void)
{
    size_t frames = frame_free_count();
    struct kobj *n = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!n)
        return true;
    cap_install(ktest_root_slot(R_NTFN), n, JX_RIGHTS_ALL, 0);
    bool bad = run_role("resv-api", ROLE_API, 1u << 20);
    bad |= run_role("resv-spawn", ROLE_SPAWN, 2u << 20);
    bad |= region_frames();
    bad |= region_killed("resv-oom", ROLE_OOM, OOM_PAGES * JX_QUOTA_CHARGE_FRAME, FAULT_NO_QUOTA,
                         0x10000000 + OOM_PAGES * VM_PAGE_SIZE);
    bad |= region_killed("resv-readonly", ROLE_READONLY, 1u << 20, FAULT_PAGE_PROTECTION,
                         0x10000000 + VM_PAGE_SIZE);
    bad |= region_bss();
    bad |= region_runner();
    cap_delete(ktest_root_slot(R_NTFN));
    unsigned quotas = kobj_count(JX_OBJ_QUOTA), spaces = kobj_count(JX_OBJ_ASPACE);
    if (quotas || spaces)
        kprintf("region: LEAK: %u quotas, %u address spaces\n", quotas, spaces);
    return bad | quotas | spaces | ktest_check_frames("region", frames);
}
