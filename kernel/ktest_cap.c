/* SPDX-License-Identifier: MIT */
/* ktest_cap.c: boot tests of capabilities and IPC: forged handles, rights, revocation, round trips, badges, transfer, kills. */
#include <stdbool.h>
#include "clock.h"
#include "endpoint.h"
#include "frame.h"
#include "frame_obj.h"
#include "ipc.h"
#include "kobj.h"
#include "kprintf.h"
#include "ktest_core.h"
#include "notification.h"
#include "quota.h"
#include "reply.h"
#include "sched.h"
#include "task.h"
#include "user_blobs.h"
#include "jericho/syscall.h"
#include "../user/tests/roles.h"

/* Root slots the IPC tests fill (after the console and the clock). */
enum {
    ROOT_EP = 2,
    ROOT_EP2,
    ROOT_NTFN,
    ROOT_REPLY,
    ROOT_REPLY2,
    ROOT_QUOTA,
    ROOT_NTFN2,
    ROOT_ASPACE,
    ROOT_ASPACE2
};
#define RW  (JX_RIGHT_READ | JX_RIGHT_WRITE)
#define RWG (RW | JX_RIGHT_GRANT)

/* Puts a new object's original capability in root slot `slot`. */
static bool root_new(unsigned slot, jx_obj_type_t type)
{
    struct kobj *obj = ktest_new_ipc_object(type);
    if (obj)
        cap_install(ktest_root_slot(slot), obj, JX_RIGHTS_ALL, 0);
    return obj != 0;
}

/* Gives t a child of root slot `root` in its slot `slot`; false (and a message) if that fails. */
static bool give(struct task *t, unsigned slot, unsigned root, unsigned rights, uint64_t badge)
{
    jx_error_t err = task_give_cap(t, slot, ktest_root_slot(root), rights, badge);
    if (err != JX_OK)
        kprintf("ktest: cannot give '%s' slot %u: error %d\n", t->name, slot, err);
    return err == JX_OK;
}

/* Empties the root slots the IPC tests used (the objects die with their last capability). */
static void root_clear(void)
{
    for (unsigned s = ROOT_EP; s < JX_CSPACE_SLOTS; s++)
        cap_delete(&ktest_root.slot[s]);
}

/* No object of an IPC type may outlive a scenario. */
static bool objects_leaked(const char *test)
{
    unsigned ep = kobj_count(JX_OBJ_ENDPOINT), rp = kobj_count(JX_OBJ_REPLY),
             nt = kobj_count(JX_OBJ_NOTIFICATION), fr = kobj_count(JX_OBJ_FRAME),
             qu = kobj_count(JX_OBJ_QUOTA),
             as = kobj_count(JX_OBJ_ASPACE) + kobj_count(JX_OBJ_TASK);
    kprintf("%s: objects left: %u endpoints, %u replies, %u notifications\n", test, ep, rp, nt);
    if (fr || qu || as)
        kprintf("%s: LEAK: %u frames, %u quotas, %u address spaces and tasks\n", test, fr, qu, as);
    return ep || rp || nt || fr || qu || as;
}

static bool finish(const char *test, size_t frames, bool bad)
{
    root_clear();
    bad |= objects_leaked(test);
    return bad | ktest_check_frames(test, frames);
}

/*
 * user/tests/caps.c checks forged and stale handles and missing rights in
 * its own table; user/tests/noauth.c, started with an empty table, may
 * compute, yield and exit but not print or read the clock.
 */
bool ktest_caps(void)
{
    size_t frames = frame_free_count();
    bool bad = !root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION);
    struct task *t = ktest_create("caps", "caps", 0, 60, 0, true);
    if (!t || bad || !give(t, SLOT_EP, ROOT_EP, RWG, 0) || !give(t, SLOT_NTFN, ROOT_NTFN, RW, 0))
        return true;
    task_start(t);
    int64_t code = ktest_reap(t, 0, 0);
    kprintf("caps: exit %lld\n", (long long)code);
    struct task *n = ktest_create("noauth", "noauth", 0, 60, 0, false);
    if (!n)
        return true;
    task_start(n);
    int64_t ncode = ktest_reap(n, 0, 0);
    kprintf("caps: a task with an empty table computed and exited with %lld (want 4242)\n",
            (long long)ncode);
    return finish("caps", frames, code != 0 || ncode != 4242);
}

/* A server and a client in two address spaces: `rounds` calls answered by reply_recv, in order. */
static bool ipc_round_trips(uint32_t rounds)
{
    size_t frames = frame_free_count();
    if (!root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_REPLY, JX_OBJ_REPLY))
        return true;
    struct task *s = ktest_create("rt-server", "ipc", ROLE_ARG(ROLE_RT_SERVER, 0), 60, 0, true);
    struct task *c =
        ktest_create("rt-client", "ipc", ROLE_ARG(ROLE_RT_CLIENT, rounds), 60, 0, true);
    if (!s || !c || !give(s, SLOT_EP, ROOT_EP, JX_RIGHT_READ, 0) ||
        !give(s, SLOT_REPLY, ROOT_REPLY, RW, 0) || !give(c, SLOT_EP, ROOT_EP, JX_RIGHT_WRITE, 0))
        return true;
    uint64_t t0 = clock_now_ns(), hits0 = ipc_fast_hits;
    task_start(s);
    task_start(c);
    int64_t cc = ktest_reap(c, 0, 0), sc = ktest_reap(s, 0, 0);
    uint64_t ms = (clock_now_ns() - t0) / 1000000, fast = ipc_fast_hits - hits0;
    kprintf(
        "ipc: %u round trips in %llu ms (%llu ns each); client exit %lld, server counted %lld\n",
        rounds, (unsigned long long)ms, (unsigned long long)(ms * 1000000 / rounds), (long long)cc,
        (long long)sc);
    /* Every call and reply_recv without IPC-buffer bytes should take the fast path. */
    uint64_t slow_rounds = rounds / 1000 + 2;
    bool fast_ok = fast >= 2 * (uint64_t)(rounds - slow_rounds);
    kprintf("ipc: fast path taken %s (%llu of %u calls and reply_recvs)\n",
            fast_ok ? "on all short messages" : "TOO RARELY", (unsigned long long)fast, 2 * rounds);
    return finish("ipc", frames, cc != 0 || sc != rounds || !fast_ok);
}

bool ktest_ipc(void) { return ipc_round_trips(KTEST_IPC_ROUNDS); }

/* The full million of issue #18: ~25 s under TCG on x86-64, ~55 s on arm64. */
bool ktest_ipc_1m(void) { return ipc_round_trips(1000000); }

/*
 * Eight clients on one server, each with its own badge; each call carries
 * the client's number, which the server checks against the badge. Client 0
 * also passes a notification to the server with its call (GRANT) and gets
 * a capability back in the reply (the Reply has GRANT).
 */
bool ktest_ipc_badge(void)
{
    enum { CLIENTS = 8, CALLS = 200 };
    size_t frames = frame_free_count();
    if (!root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_REPLY, JX_OBJ_REPLY) ||
        !root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION))
        return true;
    struct task *s = ktest_create("badge-server", "ipc",
                                  ROLE_ARG(ROLE_BADGE_SERVER, CLIENTS * CALLS), 60, 0, true);
    if (!s || !give(s, SLOT_EP, ROOT_EP, JX_RIGHT_READ, 0) ||
        !give(s, SLOT_REPLY, ROOT_REPLY, RWG, 0))
        return true;
    struct task *c[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        c[i] = ktest_create("badge-client", "ipc", ROLE_ARG(ROLE_BADGE_CLIENT, i | CALLS << 8), 60,
                            0, true);
        unsigned rights = i == 0 ? JX_RIGHT_WRITE | JX_RIGHT_GRANT : JX_RIGHT_WRITE;
        if (!c[i] || !give(c[i], SLOT_EP, ROOT_EP, rights, 0x100 + (uint64_t)i) ||
            !give(c[i], SLOT_NTFN, ROOT_NTFN, RW, 0))
            return true;
    }
    task_start(s);
    for (int i = 0; i < CLIENTS; i++)
        task_start(c[i]);
    bool bad = false;
    for (int i = 0; i < CLIENTS; i++)
        bad |= ktest_reap(c[i], 0, 0) != 0;
    int64_t sc = ktest_reap(s, 0, 0);
    kprintf("ipc-badge: %d clients x %d calls told apart by badge: server exit %lld, clients %s\n",
            CLIENTS, CALLS, (long long)sc, bad ? "FAILED" : "ok");
    return finish("ipc-badge", frames, bad || sc != 0);
}

/*
 * The server mints a badged endpoint capability and passes it to the
 * client, which calls through it; the server revokes it; the client's next
 * use fails with JX_ESTALE. Then the root revokes its own endpoint
 * capability: every capability derived from it, in both tasks, goes stale.
 */
bool ktest_ipc_revoke(void)
{
    size_t frames = frame_free_count();
    if (!root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_REPLY, JX_OBJ_REPLY) ||
        !root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION))
        return true;
    struct task *s =
        ktest_create("revoke-server", "ipc", ROLE_ARG(ROLE_REVOKE_SERVER, 0), 60, 0, true);
    struct task *c =
        ktest_create("revoke-client", "ipc", ROLE_ARG(ROLE_REVOKE_CLIENT, 0), 60, 0, true);
    if (!s || !c || !give(s, SLOT_EP, ROOT_EP, RWG, 0) || !give(s, SLOT_REPLY, ROOT_REPLY, RW, 0) ||
        !give(c, SLOT_EP, ROOT_EP, RWG, 0) || !give(s, SLOT_NTFN, ROOT_NTFN, RW, 0) ||
        !give(c, SLOT_NTFN, ROOT_NTFN, RW, 0))
        return true;
    task_start(s);
    task_start(c);
    int64_t sc = ktest_reap(s, 0, 0), cc = ktest_reap(c, 0, 0);
    kprintf("ipc-revoke: server exit %lld, client exit %lld\n", (long long)sc, (long long)cc);
    return finish("ipc-revoke", frames, sc != 0 || cc != 0);
}

/* Runs until t is blocked (it waits in IPC), at most about a second. */
static bool wait_blocked(struct task *t)
{
    for (int i = 0; i < 1000 && t->thread->state != THREAD_BLOCKED; i++)
        sched_sleep_until(clock_now_ns() + 1000000);
    return t->thread->state == THREAD_BLOCKED;
}

/*
 * Killing tasks blocked in IPC: (1) a server holding the only capability to
 * the Reply its client's call is bound to: the client wakes with
 * JX_EDESTROYED; (2) a client blocked in call on an endpoint nobody serves:
 * it leaves the queue, and a receiver started later does not see it;
 * (3) a receiver blocked on an endpoint whose last capability the root
 * deletes: it wakes with JX_EDESTROYED. Every frame comes back.
 */
bool ktest_ipc_kill(void)
{
    size_t frames = frame_free_count();
    bool bad = false;
    if (!root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_REPLY, JX_OBJ_REPLY) ||
        !root_new(ROOT_EP2, JX_OBJ_ENDPOINT))
        return true;
    struct task *s = ktest_create("kill-server", "ipc", ROLE_ARG(ROLE_KILL_SERVER, 0), 60, 0, true);
    struct task *c = ktest_create("kill-client", "ipc", ROLE_ARG(ROLE_KILL_CLIENT, 0), 60, 0, true);
    if (!s || !c || !give(s, SLOT_EP, ROOT_EP, JX_RIGHT_READ, 0) ||
        !give(s, SLOT_REPLY, ROOT_REPLY, RW, 0) || !give(c, SLOT_EP, ROOT_EP, JX_RIGHT_WRITE, 0))
        return true;
    cap_delete(ktest_root_slot(ROOT_REPLY)); /* the server's is now the only one */
    task_start(s);
    task_start(c);
    bad |= !wait_blocked(s) || !wait_blocked(c);
    task_kill(s);
    int64_t cc = ktest_reap(c, 0, 0);
    jx_exit_cause_t cause;
    ktest_reap(s, &cause, 0);
    kprintf("ipc-kill: server killed (cause %d) while holding a call: client exit %lld (want %d)\n",
            cause, (long long)cc, JX_EDESTROYED);
    bad |= cc != JX_EDESTROYED || cause != JX_EXIT_KILLED;

    struct task *c2 =
        ktest_create("kill-caller", "ipc", ROLE_ARG(ROLE_KILL_CLIENT, 1), 60, 0, true);
    if (!c2 || !give(c2, SLOT_EP, ROOT_EP2, JX_RIGHT_WRITE, 0))
        return true;
    task_start(c2);
    bad |= !wait_blocked(c2);
    task_kill(c2);
    ktest_reap(c2, 0, 0);
    struct endpoint *ep2 = (struct endpoint *)ktest_root_slot(ROOT_EP2)->obj;
    bool left = endpoint_has_sender(ep2);
    kprintf("ipc-kill: a caller killed while queued: %s\n",
            left ? "STILL QUEUED" : "left the queue");
    bad |= left;

    struct task *r = ktest_create("kill-receiver", "ipc", ROLE_ARG(ROLE_RECEIVER, 0), 60, 0, true);
    if (!r || !give(r, SLOT_EP, ROOT_EP2, JX_RIGHT_READ, 0))
        return true;
    task_start(r);
    bad |= !wait_blocked(r);
    cap_revoke(ktest_root_slot(ROOT_EP2)); /* the receiver's is derived: now stale */
    cap_delete(ktest_root_slot(ROOT_EP2)); /* the last one: the endpoint is destroyed */
    int64_t rc = ktest_reap(r, 0, 0);
    kprintf("ipc-kill: endpoint destroyed under a receiver: exit %lld (want %d)\n", (long long)rc,
            JX_EDESTROYED);
    bad |= rc != JX_EDESTROYED;
    return finish("ipc-kill", frames, bad);
}

/* A root quota of `limit` bytes in root slot `slot`; the quota itself, or NULL. */
static struct quota *root_quota(unsigned slot, uint64_t limit)
{
    struct quota *q;
    if (quota_create(0, limit, &q) != JX_OK)
        return 0;
    cap_install(ktest_root_slot(slot), &q->obj, JX_RIGHTS_ALL, 0);
    return q;
}

/* Gives t its own address space (through root slot `root`) and a quota child in its slots. */
static bool give_memory(struct task *t, unsigned root_as)
{
    cap_install(ktest_root_slot(root_as), &t->vs->obj, JX_RIGHTS_ALL, 0);
    return give(t, SLOT_ASPACE, root_as, RW, 0) && give(t, SLOT_QUOTA, ROOT_QUOTA, RW, 0);
}

enum { MEM_QUOTA = 1, MEM_SHM_WRITER, MEM_SHM_READER, MEM_HOARDER };

/*
 * user/tests/mem.c takes Frames from a quota of exactly 8 until it gets
 * JX_ENOMEM, checks mappings, W^X and rights, deletes them and sees the
 * quota at 0; a CPU-bound peer runs meanwhile and must finish.
 */
bool ktest_mem_quota(void)
{
    size_t frames = frame_free_count();
    uint64_t frame_charge = JX_QUOTA_CHARGE_FRAME + sizeof(struct frame_obj);
    struct quota *q = root_quota(ROOT_QUOTA, 8 * frame_charge);
    struct task *t = ktest_create("mem-quota", "mem", MEM_QUOTA, 60, 0, true);
    struct task *peer = ktest_create("peer", "spin", 100, 60, 0, true);
    if (!q || !t || !peer || !give_memory(t, ROOT_ASPACE))
        return true;
    task_start(t);
    task_start(peer);
    int64_t code = ktest_reap(t, 0, 0), peer_code = ktest_reap(peer, 0, 0);
    kprintf("mem-quota: exit %lld (frames taken before JX_ENOMEM; want 8), peer exit %s, "
            "quota used %llu\n",
            (long long)code, peer_code >= 0 ? "ok" : "FAILED", (unsigned long long)q->used);
    return finish("mem-quota", frames, code != 8 || peer_code < 0 || q->used != 0);
}

/* One Frame mapped read-write in the writer and read-only in the reader: the reader sees the writer's change. */
bool ktest_mem_shm(void)
{
    size_t frames = frame_free_count();
    if (!root_quota(ROOT_QUOTA, 4 * 4096 * 2) || !root_new(ROOT_EP, JX_OBJ_ENDPOINT) ||
        !root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION) || !root_new(ROOT_NTFN2, JX_OBJ_NOTIFICATION))
        return true;
    struct task *w = ktest_create("shm-writer", "mem", MEM_SHM_WRITER, 60, 0, true);
    struct task *r = ktest_create("shm-reader", "mem", MEM_SHM_READER, 60, 0, true);
    if (!w || !r || !give_memory(w, ROOT_ASPACE) || !give_memory(r, ROOT_ASPACE2))
        return true;
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        struct task *t = i ? r : w;
        ok &= give(t, SLOT_EP, ROOT_EP, RWG, 0) && give(t, SLOT_NTFN, ROOT_NTFN, RW, 0) &&
              give(t, SLOT_NTFN2, ROOT_NTFN2, RW, 0);
    }
    if (!ok)
        return true;
    task_start(w);
    task_start(r);
    int64_t rc = ktest_reap(r, 0, 0), wc = ktest_reap(w, 0, 0);
    kprintf("mem-shm: writer exit %lld, reader exit %lld\n", (long long)wc, (long long)rc);
    return finish("mem-shm", frames, wc != 0 || rc != 0);
}

/* A task that filled its quota is killed: the quota is back at 0 and every frame is free again. */
bool ktest_mem_kill(void)
{
    size_t frames = frame_free_count();
    struct quota *q = root_quota(ROOT_QUOTA, 64 * 1024);
    struct task *t = ktest_create("hoarder", "mem", MEM_HOARDER, 60, 0, true);
    if (!q || !t || !root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !give_memory(t, ROOT_ASPACE) ||
        !give(t, SLOT_EP, ROOT_EP, JX_RIGHT_READ, 0))
        return true;
    task_start(t);
    bool bad = !wait_blocked(t);
    uint64_t used = q->used;
    size_t free_full = frame_free_count();
    task_kill(t);
    ktest_reap(t, 0, 0);
    kprintf("mem-kill: quota used %llu before the kill, %llu after; free frames with the task's "
            "objects %zu, after the kill %zu\n",
            (unsigned long long)used, (unsigned long long)q->used, free_full, frame_free_count());
    bad |= used == 0 || q->used != 0;
    return finish("mem-kill", frames, bad);
}

/* Runs user/tests/ipcbench.c roles a and (if b) b side by side with the benchmark's capabilities. */
static bool bench_pair(unsigned a, unsigned b, uint64_t n)
{
    struct task *t[2] = { 0, 0 };
    unsigned role[2] = { a, b };
    for (int i = 0; i < 2 && role[i]; i++) {
        t[i] = ktest_create("ipcbench", "ipcbench", ROLE_ARG(role[i], n), 60, 0, true);
        unsigned own = i ? ROOT_NTFN2 : ROOT_NTFN, peer = i ? ROOT_NTFN : ROOT_NTFN2;
        if (!t[i] || !give(t[i], SLOT_EP, ROOT_EP, RWG, 0) ||
            !give(t[i], SLOT_REPLY, ROOT_REPLY, RWG, 0) || !give(t[i], SLOT_NTFN, own, RW, 0) ||
            !give(t[i], SLOT_EP2, peer, RW, 0))
            return true;
    }
    for (int i = 0; i < 2 && t[i]; i++)
        task_start(t[i]);
    bool bad = false;
    for (int i = 0; i < 2 && t[i]; i++)
        bad |= ktest_reap(t[i], 0, 0) != 0;
    return bad;
}

/*
 * Not a pass/fail test: user-to-user costs of the null syscall, a call
 * round trip (fast path), one with a capability transfer (slow path),
 * notification signal->wait and yield, in clock nanoseconds; under QEMU
 * with -icount shift=0 one nanosecond is one guest instruction
 * (make bench-kernel).
 */
bool ktest_bench_ipc(void)
{
    enum { N = 20000 };
    size_t frames = frame_free_count();
    if (!root_new(ROOT_EP, JX_OBJ_ENDPOINT) || !root_new(ROOT_REPLY, JX_OBJ_REPLY) ||
        !root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION) || !root_new(ROOT_NTFN2, JX_OBJ_NOTIFICATION))
        return true;
    bool bad = bench_pair(B_CALIBRATE, 0, 1000000);
    bad |= bench_pair(B_NULL, 0, N);
    bad |= bench_pair(B_SERVER, B_CLIENT, N);
    bad |= bench_pair(B_CAP_SERVER, B_CAP_CLIENT, N);
    bad |= bench_pair(B_PONG, B_PING, N);
    bad |= bench_pair(B_YIELD, B_YIELD_QUIET, N);
    return finish("bench-ipc", frames, bad);
}

/*
 * A supervisor task gets a Task capability to a worker the root created
 * but did not start (a CPU-bound spinner): it starts it, lowers its
 * priority, reads its status and stops it (user/tests/supervise.c).
 */
bool ktest_task_cap(void)
{
    size_t frames = frame_free_count();
    struct task *w = ktest_create("worker", "spin", 0, 60, 0, true);
    struct task *w2 = ktest_create("never-run", "hello", 0, 60, 0, true);
    struct task *s = ktest_create("supervisor", "supervise", 0, 60, 0, true);
    if (!w || !w2 || !s)
        return true;
    cap_install(ktest_root_slot(ROOT_EP), &w->obj, JX_RIGHTS_ALL, 0);
    cap_install(ktest_root_slot(ROOT_EP2), &w2->obj, JX_RIGHTS_ALL, 0);
    if (!root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION) || !give(s, SLOT_EP, ROOT_EP, RW, 0) ||
        !give(s, SLOT_EP + 1, ROOT_EP2, RW, 0) || !give(s, SLOT_NTFN, ROOT_NTFN, RW, 0))
        return true;
    task_start(s);
    int64_t code = ktest_reap(s, 0, 0);
    jx_exit_cause_t cause;
    ktest_reap(w, &cause, 0);
    ktest_reap(w2, 0, 0);
    kprintf("task-cap: supervisor exit %lld, worker ended with cause %d (want %d)\n",
            (long long)code, cause, JX_EXIT_KILLED);
    return finish("task-cap", frames, code != 0 || cause != JX_EXIT_KILLED);
}

/*
 * user/tests/spawn.c creates tasks itself (JX_SYS_TASK_CREATE) from a quota
 * the root gives it: refused specs change nothing, a child runs and exits,
 * deleting a running child's only capability kills and frees it, and every
 * charge comes back to the quota (and every frame to the pool).
 */
bool ktest_task_create(void)
{
    size_t frames = frame_free_count();
    struct task *s = ktest_create("spawner", "spawn", 0, 60, 0, true);
    struct quota *q;
    if (!s || quota_create(0, 4u << 20, &q) != JX_OK)
        return true;
    cap_install(ktest_root_slot(ROOT_QUOTA), &q->obj, JX_RIGHTS_ALL, 0);
    if (!root_new(ROOT_NTFN, JX_OBJ_NOTIFICATION) || !give(s, SLOT_EP, ROOT_QUOTA, RW, 0) ||
        !give(s, SLOT_NTFN, ROOT_NTFN, RW, 0))
        return true;
    task_start(s);
    int64_t code = ktest_reap(s, 0, 0);
    kprintf("task-create: spawner exit %lld, quota used %llu after\n", (long long)code,
            (unsigned long long)q->used);
    return finish("task-create", frames, code != 0 || q->used != 0);
}
