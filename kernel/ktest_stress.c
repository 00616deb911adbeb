/* SPDX-License-Identifier: MIT */
/* ktest_stress.c: stress boot tests: a 256-task IPC storm with random kills, a worker restarted N times by a user supervisor, quota exhaustion. */
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
#include "sched.h"
#include "task.h"

/* user/tests/stress.c's roles and slots. */
enum { STORM_SERVER = 1, STORM_CLIENT, SUPERVISOR, WORKER, EXHAUST, EXHAUST_FRAMES };
enum { S_EP = 2, S_REPLY = 3, S_NTFN = 4, S_NTFN2 = 5, S_QUOTA = 6, S_WORKER = 10 };
#define ARG(role, param) ((uint64_t)(role) | (uint64_t)(param) << 8)
#define RW               (JX_RIGHT_READ | JX_RIGHT_WRITE)

/* Root slots. */
enum { R_NTFN = 2, R_NTFN2, R_QUOTA, R_TMP, R_EP0 };

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static struct cap_slot *root(unsigned slot) { return ktest_root_slot(slot); }

/* Gives t, in `slot`, a child of root slot `src`; false (and a message) if that fails. */
static bool give(struct task *t, unsigned slot, unsigned src, unsigned rights, uint64_t badge)
{
    jx_error_t err = task_give_cap(t, slot, root(src), rights, badge);
    if (err != JX_OK)
        kprintf("stress: cannot give '%s' slot %u: error %d\n", t->name, slot, err);
    return err == JX_OK;
}

/* Gives t a capability to a new object only it holds (the root keeps none). */
static bool give_own(struct task *t, unsigned slot, jx_obj_type_t type)
{
    struct kobj *obj = ktest_new_ipc_object(type);
    if (!obj)
        return false;
    cap_install(root(R_TMP), obj, JX_RIGHTS_ALL, 0);
    bool ok = give(t, slot, R_TMP, JX_RIGHTS_ALL, 0);
    cap_delete(root(R_TMP));
    return ok;
}

static void root_clear(void)
{
    for (unsigned s = R_NTFN; s < JX_CSPACE_SLOTS; s++)
        cap_delete(root(s));
}

static void sleep_us(uint64_t us) { sched_sleep_until(clock_now_ns() + us * 1000); }

#define STORM_SERVERS 4
#define STORM_CLIENTS (256 - STORM_SERVERS)

/*
 * 256 tasks: STORM_SERVERS servers, each on its own endpoint, and
 * STORM_CLIENTS clients spread over them, each with its own badge, making
 * `calls` calls. Meanwhile the root kills `kills` clients at random moments.
 * Each server checks that every client's sequence numbers arrive without a
 * gap or a repeat and that a client that finished made as many calls as
 * arrived; each client checks every answer is its own (user/tests/stress.c).
 */
static bool storm(unsigned calls, unsigned kills)
{
    static struct task *client[STORM_CLIENTS];
    struct task *server[STORM_SERVERS];
    ktest_root_slot(0);
    struct ktest_counts before;
    ktest_counts_take(&before);
    struct kobj *fin = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!fin)
        return true;
    cap_install(root(R_NTFN), fin, JX_RIGHTS_ALL, 0);
    for (unsigned s = 0; s < STORM_SERVERS; s++) {
        struct kobj *ep = ktest_new_ipc_object(JX_OBJ_ENDPOINT);
        if (!ep)
            return true;
        cap_install(root(R_EP0 + s), ep, JX_RIGHTS_ALL, 0);
        server[s] = ktest_create("storm-server", "stress", ARG(STORM_SERVER, s), 61, 0, true);
        if (!server[s] || !give(server[s], S_EP, R_EP0 + s, JX_RIGHT_READ, 0) ||
            !give_own(server[s], S_REPLY, JX_OBJ_REPLY) || !give(server[s], S_NTFN, R_NTFN, RW, 0))
            return true;
    }
    for (unsigned c = 0; c < STORM_CLIENTS; c++) {
        uint64_t badge = c + 1;
        client[c] = ktest_create("storm-client", "stress",
                                 ARG(STORM_CLIENT, badge | (uint64_t)calls << 16), 60, 0, true);
        if (!client[c] || !give(client[c], S_EP, R_EP0 + c % STORM_SERVERS, JX_RIGHT_WRITE, badge))
            return true;
    }
    uint64_t t0 = clock_now_ns();
    for (unsigned s = 0; s < STORM_SERVERS; s++)
        task_start(server[s]);
    for (unsigned c = 0; c < STORM_CLIENTS; c++)
        task_start(client[c]);
    /* The kills spread over about the time the storm takes under TCG (~10 us a call). */
    uint64_t gap_us = 2 * (uint64_t)STORM_CLIENTS * calls * 10 / kills + 1;
    unsigned killed = 0;
    for (unsigned k = 0; k < kills; k++) {
        sleep_us(rnd() % gap_us);
        struct task *victim = client[rnd() % STORM_CLIENTS];
        killed += !victim->exited;
        task_kill(victim);
    }
    bool bad = false;
    unsigned survivors = 0;
    for (unsigned c = 0; c < STORM_CLIENTS; c++) {
        jx_exit_cause_t cause;
        int64_t code = ktest_reap(client[c], &cause, 0);
        survivors += cause == JX_EXIT_NORMAL;
        bad |= cause == JX_EXIT_NORMAL ? code != 0 : cause != JX_EXIT_KILLED;
    }
    uint64_t ms = (clock_now_ns() - t0) / 1000000;
    unsigned finished = 0, violations = 0;
    for (unsigned s = 0; s < STORM_SERVERS; s++) {
        while (!server[s]->exited) {
            notification_signal((struct notification *)fin, 1);
            sleep_us(5000);
        }
        int64_t code = ktest_reap(server[s], 0, 0);
        finished += (unsigned)(code % 1000);
        violations += (unsigned)(code / 1000);
    }
    kprintf("storm: %u clients x %u calls on %u servers in %llu ms; %u clients killed, %u "
            "finished (servers counted %u), %u violations, clients %s\n",
            STORM_CLIENTS, calls, STORM_SERVERS, (unsigned long long)ms, killed, survivors,
            finished, violations, bad ? "FAILED" : "ok");
    bad |= finished != survivors || violations != 0 || killed + survivors != STORM_CLIENTS;
    root_clear();
    return ktest_counts_differ("storm", &before) || bad;
}

bool ktest_storm(void) { return storm(KTEST_STORM_CALLS, 64); }

bool ktest_storm_long(void) { return storm(KTEST_STORM_LONG_CALLS, 128); }

/*
 * A user supervisor restarts a worker `rounds` times through its Task
 * capability (user/tests/stress.c). Tasks are made only by the kernel so
 * far: the root makes each new worker and hands the supervisor its Task
 * capability once the slot is free, then signals it. Every worker makes
 * objects from a quota and holds them as it ends (by exit or stop).
 */
static bool restarts(unsigned rounds)
{
    ktest_root_slot(0);
    struct ktest_counts before;
    ktest_counts_take(&before);
    struct quota *q;
    struct kobj *ready = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!ready || quota_create(0, 64 * 1024, &q) != JX_OK)
        return true;
    cap_install(root(R_NTFN), ready, JX_RIGHTS_ALL, 0);
    cap_install(root(R_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);
    struct task *sup = ktest_create("supervisor", "stress", ARG(SUPERVISOR, 0), 60, 0, true);
    if (!sup || !give(sup, S_NTFN, R_NTFN, JX_RIGHT_READ, 0) ||
        !give_own(sup, S_NTFN2, JX_OBJ_NOTIFICATION))
        return true;
    task_start(sup);
    uint64_t t0 = clock_now_ns();
    bool bad = false;
    for (unsigned r = 0; r < rounds && !bad; r++) {
        while (!sup->exited && sup->cspace->slot[S_WORKER].state != CAP_EMPTY)
            sleep_us(20);
        struct task *w = ktest_create("worker", "stress", ARG(WORKER, 0), 50, 0, true);
        if (!w || !give(w, S_QUOTA, R_QUOTA, RW, 0))
            return true;
        cap_install(root(R_TMP), &w->obj, JX_RIGHTS_ALL, 0);
        bad |= !give(sup, S_WORKER, R_TMP, RW, 0);
        cap_delete(root(R_TMP));
        notification_signal((struct notification *)ready, 1);
        ktest_reap(w, 0, 0);
    }
    while (!sup->exited && sup->cspace->slot[S_WORKER].state != CAP_EMPTY)
        sleep_us(20);
    notification_signal((struct notification *)ready, 2);
    int64_t code = ktest_reap(sup, 0, 0);
    uint64_t ms = (clock_now_ns() - t0) / 1000000;
    kprintf("restart: %u restarts in %llu ms, supervisor exit %lld; quota used %llu after\n",
            rounds, (unsigned long long)ms, (long long)code, (unsigned long long)q->used);
    bad |= code != 0 || q->used != 0;
    root_clear();
    return ktest_counts_differ("restart", &before) || bad;
}

bool ktest_restart(void) { return restarts(KTEST_RESTARTS); }

bool ktest_restart_long(void) { return restarts(KTEST_RESTARTS_LONG); }

/* Runs until t is blocked (a wait), at most about a second. */
static bool wait_blocked(struct task *t)
{
    for (int i = 0; i < 1000 && t->thread->state != THREAD_BLOCKED; i++)
        sleep_us(1000);
    return t->thread->state == THREAD_BLOCKED;
}

/*
 * The root takes every free frame (chained through their first word, as
 * test=memfill does), tells the task (bit 1), lets it try, gives them back
 * (bit 2). Returns true if something went wrong on the kernel's side.
 */
static bool exhaust_frames(void)
{
    struct kobj *n = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!n)
        return true;
    cap_install(root(R_NTFN2), n, JX_RIGHTS_ALL, 0);
    struct task *t = ktest_create("exhaust-frames", "stress", ARG(EXHAUST_FRAMES, 0), 60, 0, true);
    if (!t || !give(t, S_QUOTA, R_QUOTA, RW, 0) || !give(t, S_NTFN, R_NTFN, RW, 0) ||
        !give(t, S_NTFN2, R_NTFN2, JX_RIGHT_READ, 0))
        return true;
    task_start(t);
    bool bad = !wait_blocked(t);
    paddr_t head = 1, pa;
    size_t taken = 0;
    while (frame_alloc_raw(&pa) == JX_OK) {
        *(paddr_t *)arch_phys_to_virt(pa) = head;
        head = pa;
        taken++;
    }
    size_t left = frame_free_count();
    notification_signal((struct notification *)n, 1);
    sleep_us(1000);
    bad |= !wait_blocked(t);
    while (head != 1) {
        paddr_t next = *(paddr_t *)arch_phys_to_virt(head);
        frame_free(head);
        head = next;
    }
    kprintf("exhaust: the root took all %zu free frames (%zu left) and gave them back\n", taken,
            left);
    notification_signal((struct notification *)n, 2);
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("exhaust: exit %lld with no frame left\n", (long long)code);
    return bad || left != 0 || code != 0;
}

/*
 * user/tests/stress.c fills a sub-quota with each object type in turn:
 * JX_ENOMEM, nothing changed, all back; then it runs with no free frame in
 * the machine at all.
 */
bool ktest_exhaust(void)
{
    ktest_root_slot(0);
    struct ktest_counts before;
    ktest_counts_take(&before);
    struct quota *q;
    struct kobj *n = ktest_new_ipc_object(JX_OBJ_NOTIFICATION);
    if (!n || quota_create(0, 1024 * 1024, &q) != JX_OK)
        return true;
    cap_install(root(R_NTFN), n, JX_RIGHTS_ALL, 0);
    cap_install(root(R_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);
    struct task *t = ktest_create("exhaust", "stress", ARG(EXHAUST, 0), 60, 0, true);
    if (!t || !give(t, S_QUOTA, R_QUOTA, RW, 0) || !give(t, S_NTFN, R_NTFN, RW, 0))
        return true;
    task_start(t);
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("exhaust: exit %lld, quota used %llu after\n", (long long)code,
            (unsigned long long)q->used);
    bool bad = code != 0 || q->used != 0 || exhaust_frames() || q->used != 0;
    root_clear();
    return ktest_counts_differ("exhaust", &before) || bad;
}
