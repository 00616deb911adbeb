/* SPDX-License-Identifier: MIT */
/* ktest_fuzz.c: the syscall fuzzer's boot test: user/tests/sysfuzz.c in several tasks at once, then every frame and object accounted for. */
#include <stdbool.h>
#include "clock.h"
#include "endpoint.h"
#include "frame.h"
#include "kobj.h"
#include "kprintf.h"
#include "ktest_core.h"
#include "ktest_fuzz.h"
#include "notification.h"
#include "quota.h"
#include "reply.h"
#include "task.h"
#include "thread.h"

void ktest_counts_take(struct ktest_counts *c)
{
    c->frames = frame_free_count();
    for (unsigned t = 0; t < JX_OBJ_TYPE_COUNT; t++)
        c->objects[t] = kobj_count((jx_obj_type_t)t);
    c->tasks = task_count();
    c->threads = thread_count();
}

bool ktest_counts_differ(const char *test, const struct ktest_counts *before)
{
    struct ktest_counts now;
    ktest_counts_take(&now);
    const unsigned *b = before->objects, *a = now.objects;
    kprintf("%s: free frames before %zu, after %zu; tasks %u -> %u, threads %u -> %u\n", test,
            before->frames, now.frames, before->tasks, now.tasks, before->threads, now.threads);
    kprintf("%s: objects before/after: endpoints %u/%u, notifications %u/%u, replies %u/%u, "
            "frames %u/%u, address spaces %u/%u, tasks %u/%u, quotas %u/%u\n",
            test, b[JX_OBJ_ENDPOINT], a[JX_OBJ_ENDPOINT], b[JX_OBJ_NOTIFICATION],
            a[JX_OBJ_NOTIFICATION], b[JX_OBJ_REPLY], a[JX_OBJ_REPLY], b[JX_OBJ_FRAME],
            a[JX_OBJ_FRAME], b[JX_OBJ_ASPACE], a[JX_OBJ_ASPACE], b[JX_OBJ_TASK], a[JX_OBJ_TASK],
            b[JX_OBJ_QUOTA], a[JX_OBJ_QUOTA]);
    bool differ = now.frames != before->frames || now.tasks != before->tasks ||
                  now.threads != before->threads;
    for (unsigned t = 0; t < JX_OBJ_TYPE_COUNT; t++)
        differ |= a[t] != b[t];
    kprintf("%s: accounting %s\n", test,
            differ ? "LEAK: not back to the baseline" : "back to the baseline");
    return differ;
}

/* Root slots: the shared objects, then FUZZ_PER_TASK per fuzzer. */
enum { R_SERVED = 2, R_EP, R_NTFN, R_NTFN2, R_QUOTA, R_DRAIN_REPLY, R_TASKS };
enum { P_REPLY, P_ASPACE, P_SELF, P_VICTIM, FUZZ_PER_TASK };
/* user/tests/sysfuzz.c's slots and constants. */
enum {
    S_SERVED = 2,
    S_REPLY = 3,
    S_NTFN = 4,
    S_EP = 5,
    S_QUOTA = 6,
    S_ASPACE = 7,
    S_NTFN2 = 8,
    S_SELF = 9,
    S_VICTIM = 10,
    S_REPORT = 62
};
#define SERVED_BADGE 0x5e1fed
#define ARG_DRAIN    (1ull << 63)
/* Bounded fuzzers, plus one that runs until it is killed at the end. */
#define FUZZ_TASKS          4
#define FUZZ_ALL            (FUZZ_TASKS + 1)
#define FUZZ_QUOTA_PER_TASK (256 * 1024)
#define RW                  (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define RWG                 (RW | JX_RIGHT_GRANT)

static struct cap_slot *root(unsigned slot) { return ktest_root_slot(slot); }

static bool root_object(unsigned slot, jx_obj_type_t type, uint64_t badge)
{
    struct kobj *obj = ktest_new_ipc_object(type);
    if (obj)
        cap_install(root(slot), obj, JX_RIGHTS_ALL, badge);
    return obj != 0;
}

/* Gives t children of root slots: a list of {task slot, root slot, rights}, ended by a 0 rights. */
static bool give_all(struct task *t, const unsigned (*list)[3])
{
    for (; list[0][2]; list++) {
        jx_error_t err = task_give_cap(t, list[0][0], root(list[0][1]), list[0][2], 0);
        if (err != JX_OK) {
            kprintf("sysfuzz: cannot give '%s' slot %u: error %d\n", t->name, list[0][0], err);
            return false;
        }
    }
    return true;
}

/* A fuzzer with its capabilities (see user/tests/sysfuzz.c); NULL on failure. */
static struct task *fuzzer(unsigned i, uint32_t seed, uint64_t calls, struct task **victim)
{
    struct task *t = ktest_create("sysfuzz", "sysfuzz", seed | calls << 32, 60, 0, true);
    *victim = ktest_create("fuzz-victim", "noauth", 0, 50, 0, false);
    if (!t || !*victim)
        return 0;
    unsigned base = R_TASKS + i * FUZZ_PER_TASK;
    cap_install(root(base + P_ASPACE), &t->vs->obj, JX_RIGHTS_ALL, 0);
    cap_install(root(base + P_SELF), &t->obj, JX_RIGHTS_ALL, 0);
    cap_install(root(base + P_VICTIM), &(*victim)->obj, JX_RIGHTS_ALL, 0);
    const unsigned caps[][3] = {
        { S_SERVED, R_SERVED, JX_RIGHT_WRITE | JX_RIGHT_GRANT },
        { S_REPLY, base + P_REPLY, RWG },
        { S_NTFN, R_NTFN, RW },
        { S_EP, R_EP, RWG },
        { S_QUOTA, R_QUOTA, RW },
        { S_ASPACE, base + P_ASPACE, RW },
        { S_NTFN2, R_NTFN2, RW },
        { S_SELF, base + P_SELF, JX_RIGHT_READ },
        { S_VICTIM, base + P_VICTIM, RW },
        { S_REPORT, KTEST_ROOT_CONSOLE, JX_RIGHT_WRITE },
        { 0, 0, 0 },
    };
    if (!root_object(base + P_REPLY, JX_OBJ_REPLY, 0) || !give_all(t, caps))
        return 0;
    return t;
}

/*
 * FUZZ_TASKS fuzzers of `calls` calls each (seeds seed, seed+1, ...) and one
 * more without a bound, next to the drain; when the bounded ones are done
 * the rest is killed (the drain blocked in recv, the unbounded fuzzer
 * wherever it is, the victims whatever state the fuzzers left them in).
 * Then every frame, object, task and thread must be back, and the quota
 * everything was charged to back at 0.
 */
static bool sysfuzz(uint32_t seed, uint64_t calls)
{
    ktest_root_slot(0);
    struct ktest_counts before;
    ktest_counts_take(&before);
    struct quota *q;
    if (quota_create(0, FUZZ_ALL * FUZZ_QUOTA_PER_TASK, &q) != JX_OK)
        return true;
    cap_install(root(R_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);
    if (!root_object(R_SERVED, JX_OBJ_ENDPOINT, SERVED_BADGE) ||
        !root_object(R_EP, JX_OBJ_ENDPOINT, 0) || !root_object(R_NTFN, JX_OBJ_NOTIFICATION, 0) ||
        !root_object(R_NTFN2, JX_OBJ_NOTIFICATION, 0) ||
        !root_object(R_DRAIN_REPLY, JX_OBJ_REPLY, 0))
        return true;
    struct task *drain = ktest_create("fuzz-drain", "sysfuzz", ARG_DRAIN, 61, 0, true);
    const unsigned drain_caps[][3] = { { S_SERVED, R_SERVED, RW },
                                       { S_REPLY, R_DRAIN_REPLY, RW },
                                       { 0, 0, 0 } };
    if (!drain || !give_all(drain, drain_caps))
        return true;
    struct task *f[FUZZ_ALL], *victim[FUZZ_ALL];
    for (unsigned i = 0; i < FUZZ_ALL; i++)
        if (!(f[i] = fuzzer(i, seed + i, i < FUZZ_TASKS ? calls : 0, &victim[i])))
            return true;
    uint64_t t0 = clock_now_ns();
    task_start(drain);
    for (unsigned i = 0; i < FUZZ_ALL; i++)
        task_start(f[i]);
    int64_t bad = 0, code[FUZZ_TASKS];
    for (unsigned i = 0; i < FUZZ_TASKS; i++)
        code[i] = ktest_reap(f[i], 0, 0);
    uint64_t ms = (clock_now_ns() - t0) / 1000000 + 1;
    jx_exit_cause_t cause;
    task_kill(f[FUZZ_TASKS]);
    ktest_reap(f[FUZZ_TASKS], &cause, 0);
    bad += cause != JX_EXIT_KILLED;
    /* Printed only now: a fuzzer's console writes (dots) would break the lines. */
    kprintf("\n");
    for (unsigned i = 0; i < FUZZ_TASKS; i++) {
        kprintf("sysfuzz: seed %u: %llu calls, %lld bad results\n", seed + i,
                (unsigned long long)calls, (long long)code[i]);
        bad += code[i] != 0;
    }
    task_kill(drain);
    ktest_reap(drain, 0, 0);
    for (unsigned i = 0; i < FUZZ_ALL; i++) {
        task_kill(victim[i]);
        ktest_reap(victim[i], 0, 0);
    }
    uint64_t total = calls * FUZZ_TASKS;
    kprintf("sysfuzz: %u tasks: %llu calls in %llu ms (%llu calls/s), %lld tasks with bad "
            "results; the unbounded one was killed (cause %d)\n",
            FUZZ_TASKS, (unsigned long long)total, (unsigned long long)ms,
            (unsigned long long)(total * 1000 / ms), (long long)bad, cause);
    kprintf("sysfuzz: quota used %llu after every task ended\n", (unsigned long long)q->used);
    bad |= q->used != 0;
    for (unsigned s = R_SERVED; s < JX_CSPACE_SLOTS; s++)
        cap_delete(root(s));
    return ktest_counts_differ("sysfuzz", &before) || bad;
}

bool ktest_sysfuzz(void) { return sysfuzz(1, KTEST_FUZZ_CALLS); }

bool ktest_sysfuzz_long(void) { return sysfuzz(1000, KTEST_FUZZ_LONG_CALLS); }
