/* SPDX-License-Identifier: MIT */
/* stress.c: the stress tests' user side (kernel/ktest_stress.c): IPC storm servers and clients, a supervisor that restarts workers, quota exhaustion. */
#include <stdbool.h>
#include "jx.h"

/* arg: the role in bits 0-7, its parameter above. */
enum { STORM_SERVER = 1, STORM_CLIENT, SUPERVISOR, WORKER, EXHAUST, EXHAUST_FRAMES };
#define ARG_ROLE(arg)  ((unsigned)((arg) & 0xff))
#define ARG_PARAM(arg) ((arg) >> 8)
/* Slots (kernel/ktest_stress.c fills them). */
enum {
    SLOT_EP = 2,
    SLOT_REPLY = 3,
    SLOT_NTFN = 4,
    SLOT_NTFN2 = 5,
    SLOT_QUOTA = 6,
    SLOT_WORKER = 10,
    SLOT_FREE = 12
};
enum { LABEL_CALL = 1, LABEL_DONE = 2 };
#define STORM_BADGES 256
/* The storm server ends when its poll of SLOT_NTFN finds a bit after a quiet 20 ms. */
#define STORM_IDLE_NS 20000000ull

/*
 * A server of the IPC storm: every call carries the client's sequence
 * number, which must be exactly the next one for the client's badge (a
 * gap: a message lost; a repeat: duplicated); the answer echoes it. A
 * client that finishes says how many calls it made (LABEL_DONE), which must
 * be how many arrived. Exit code: finished clients + 1000 x violations.
 */
static int64_t storm_server(unsigned id)
{
    static uint64_t next[STORM_BADGES + 1];
    static bool seen[STORM_BADGES + 1];
    uint64_t messages = 0, bits;
    unsigned violations = 0, finished = 0, clients = 0;
    struct jx_msg m = { 0 };
    for (;;) {
        jx_error_t err = jx_reply_recv(SLOT_EP, SLOT_REPLY, &m, STORM_IDLE_NS);
        if (err == JX_ETIMEDOUT && jx_poll(SLOT_NTFN, &bits) == JX_OK)
            break;
        if (err != JX_OK) {
            m.info = 0;
            continue;
        }
        uint64_t b = m.badge, seq = m.mr[0];
        if (b == 0 || b > STORM_BADGES) {
            violations++;
            continue;
        }
        clients += !seen[b];
        seen[b] = true;
        if ((JX_MSG_LABEL(m.info) == LABEL_DONE && seq != next[b]) ||
            (JX_MSG_LABEL(m.info) == LABEL_CALL && seq != next[b])) {
            if (violations++ < 8)
                printf("storm: server %u: client %llu sent %llu, expected %llu: %s\n", id,
                       (unsigned long long)b, (unsigned long long)seq, (unsigned long long)next[b],
                       seq > next[b] ? "LOST" : "DUPLICATED");
        }
        if (JX_MSG_LABEL(m.info) == LABEL_DONE) {
            finished++;
        } else {
            next[b] = seq + 1;
            messages++;
        }
        m.info = JX_MSG_INFO(0, 0, 0);
        m.mr[1] = ~seq;
        m.mr[2] = b;
    }
    printf("storm: server %u: %llu messages from %u clients, %u finished, %u violations\n", id,
           (unsigned long long)messages, clients, finished, violations);
    return finished + 1000 * (int64_t)violations;
}

/* A client: `calls` calls with sequence numbers 0, 1, ...; every answer must echo its own. */
static int64_t storm_client(uint64_t param)
{
    uint64_t badge = param & 0xffff, calls = param >> 16;
    int64_t wrong = 0;
    struct jx_msg m;
    for (uint64_t seq = 0; seq < calls; seq++) {
        m = (struct jx_msg){ JX_MSG_INFO(LABEL_CALL, 0, 0), { seq, badge, 0 }, 0 };
        jx_error_t err = jx_call(SLOT_EP, &m);
        if (err != JX_OK || m.mr[0] != seq || m.mr[1] != ~seq || m.mr[2] != badge) {
            if (wrong++ < 4)
                printf("storm: client %llu: call %llu -> error %d, answer %llu/%llx/%llu: WRONG\n",
                       (unsigned long long)badge, (unsigned long long)seq, err,
                       (unsigned long long)m.mr[0], (unsigned long long)m.mr[1],
                       (unsigned long long)m.mr[2]);
        }
    }
    m = (struct jx_msg){ JX_MSG_INFO(LABEL_DONE, 0, 0), { calls, badge, 0 }, 0 };
    if (jx_call(SLOT_EP, &m) != JX_OK)
        wrong++;
    return wrong;
}

/*
 * The supervisor: the kernel puts a new worker's Task capability in
 * SLOT_WORKER and signals bit 1 on SLOT_NTFN (bit 2: no more). Each round:
 * the worker must be NEW; ask for its end on SLOT_NTFN2, start it; every
 * other round stop it at once, else let it run to its exit; its end must be
 * signalled and its status say how it ended; drop the capability. Exit
 * code: the number of rounds that went wrong.
 */
static int64_t supervisor(void)
{
    uint64_t bits = 0, rounds = 0;
    int64_t wrong = 0;
    for (;;) {
        if (jx_wait(SLOT_NTFN, &bits, JX_TIMEOUT_FOREVER) != JX_OK || (bits & 2))
            break;
        unsigned state, cause;
        int64_t code;
        uint64_t cpu, ended;
        bool stop = rounds % 2;
        bool ok = jx_task_status(SLOT_WORKER, &state, &cause, &code, &cpu) == JX_OK &&
                  state == JX_TASK_NEW && jx_task_notify(SLOT_WORKER, SLOT_NTFN2, 1) == JX_OK &&
                  jx_task_start(SLOT_WORKER) == JX_OK;
        if (stop)
            ok &= jx_task_stop(SLOT_WORKER) == JX_OK;
        ok &= jx_wait(SLOT_NTFN2, &ended, JX_TIMEOUT_FOREVER) == JX_OK && ended == 1;
        ok &= jx_task_status(SLOT_WORKER, &state, &cause, &code, &cpu) == JX_OK &&
              state == JX_TASK_ENDED;
        ok &= stop ? cause == JX_EXIT_KILLED : cause == JX_EXIT_NORMAL && code == 7;
        ok &= jx_task_start(SLOT_WORKER) == JX_EBUSY && jx_cap_delete(SLOT_WORKER) == JX_OK;
        if (!ok && wrong++ < 4)
            printf("supervisor: round %llu (%s) went WRONG: state %u cause %u code %lld\n",
                   (unsigned long long)rounds, stop ? "stopped" : "ran to its end", state, cause,
                   (long long)code);
        rounds++;
    }
    printf("supervisor: %llu restarts, %lld wrong\n", (unsigned long long)rounds, (long long)wrong);
    return wrong;
}

/* A worker holds what it makes from its quota when it ends: its end must give it all back. */
static int64_t worker(void)
{
    jx_quota_alloc(SLOT_QUOTA, JX_OBJ_ENDPOINT, SLOT_FREE, 0);
    jx_quota_alloc(SLOT_QUOTA, JX_OBJ_NOTIFICATION, SLOT_FREE + 1, 0);
    jx_quota_alloc(SLOT_QUOTA, JX_OBJ_FRAME, SLOT_FREE + 2, 0);
    jx_yield();
    return 7;
}

static unsigned failures;

static void expect(const char *what, bool ok)
{
    if (!ok) {
        failures++;
        printf("exhaust: %s: WRONG\n", what);
    }
}

static uint64_t quota_used(uint32_t q)
{
    uint64_t limit, used = UINT64_MAX;
    jx_quota_info(q, &limit, &used);
    return used;
}

/*
 * Fills a sub-quota that holds exactly `fit` objects of `type` (what one
 * costs is measured first): `fit` allocations succeed, the next is
 * JX_ENOMEM and changes nothing (the slot stays empty, the quota as it
 * was); everything else still works meanwhile; after deleting them all the
 * quota is at 0.
 */
static void exhaust_type(jx_obj_type_t type, const char *name, unsigned fit)
{
    enum { SUB = SLOT_FREE, FIRST = SLOT_FREE + 1 };
    uint64_t before = quota_used(SLOT_QUOTA);
    expect("measure", jx_quota_alloc(SLOT_QUOTA, type, FIRST, 4096) == JX_OK);
    uint64_t cost = quota_used(SLOT_QUOTA) - before;
    jx_cap_delete(FIRST);
    expect("sub-quota",
           jx_quota_alloc(SLOT_QUOTA, JX_OBJ_QUOTA, SUB, cost * fit + cost / 2) == JX_OK);
    unsigned n = 0;
    jx_error_t err;
    while ((err = jx_quota_alloc(SUB, type, FIRST + n, 4096)) == JX_OK)
        n++;
    uint64_t used = quota_used(SUB), bits, ns;
    unsigned t, r;
    uint64_t badge;
    expect("JX_ENOMEM at the limit", err == JX_ENOMEM && n == fit);
    expect("the slot stays empty", jx_cap_identify(FIRST + n, &t, &r, &badge) == JX_EEMPTY);
    expect("a retry: JX_ENOMEM, quota unchanged",
           jx_quota_alloc(SUB, type, FIRST + n, 4096) == JX_ENOMEM && quota_used(SUB) == used);
    expect("signal and poll still work",
           jx_signal(SLOT_NTFN, 4) == JX_OK && jx_poll(SLOT_NTFN, &bits) == JX_OK && bits == 4);
    expect("the clock still works", jx_clock_read(&ns) == JX_OK);
    printf("exhaust: %s: %u of %llu bytes each, then JX_ENOMEM; used %llu of %llu\n", name, n,
           (unsigned long long)cost, (unsigned long long)used,
           (unsigned long long)(cost * fit + cost / 2));
    for (unsigned i = 0; i < n; i++)
        jx_cap_delete(FIRST + i);
    expect("sub-quota back to 0", quota_used(SUB) == 0);
    jx_cap_delete(SUB);
    expect("quota back to where it was", quota_used(SLOT_QUOTA) == before);
}

static int64_t exhaust(void)
{
    exhaust_type(JX_OBJ_ENDPOINT, "endpoints", 20);
    exhaust_type(JX_OBJ_NOTIFICATION, "notifications", 20);
    exhaust_type(JX_OBJ_REPLY, "replies", 20);
    exhaust_type(JX_OBJ_FRAME, "frames", 20);
    exhaust_type(JX_OBJ_QUOTA, "quotas", 20);
    printf("exhaust: %u failures\n", failures);
    return failures;
}

/*
 * With no free frame left in the machine (the root took them all): a Frame
 * is JX_ENOMEM, the other types are JX_OK (a slab page with room) or
 * JX_ENOMEM and nothing else, and the calls that need no memory work; once
 * the root gave the frames back, a Frame can be made again.
 */
static int64_t exhaust_frames(void)
{
    static const jx_obj_type_t types[] = { JX_OBJ_FRAME, JX_OBJ_ENDPOINT, JX_OBJ_NOTIFICATION,
                                           JX_OBJ_REPLY, JX_OBJ_QUOTA };
    uint64_t bits = 0, ns;
    expect("bit 1: no frame left",
           jx_wait(SLOT_NTFN2, &bits, JX_TIMEOUT_FOREVER) == JX_OK && bits == 1);
    unsigned made = 0, enomem = 0;
    for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++) {
        for (unsigned k = 0; k < 4; k++) {
            jx_error_t err = jx_quota_alloc(SLOT_QUOTA, types[i], SLOT_FREE + made, 4096);
            expect("JX_OK or JX_ENOMEM", err == JX_OK || err == JX_ENOMEM);
            expect("a frame: JX_ENOMEM", types[i] != JX_OBJ_FRAME || err == JX_ENOMEM);
            made += err == JX_OK;
            enomem += err == JX_ENOMEM;
        }
    }
    expect("signal and poll still work",
           jx_signal(SLOT_NTFN, 8) == JX_OK && jx_poll(SLOT_NTFN, &bits) == JX_OK && bits == 8);
    expect("the clock still works", jx_clock_read(&ns) == JX_OK);
    printf("exhaust: no free frame: %u JX_ENOMEM (every frame among them), %u objects from "
           "slab pages with room; signal, poll and the clock work\n",
           enomem, made);
    for (unsigned i = 0; i < made; i++)
        jx_cap_delete(SLOT_FREE + i);
    expect("bit 2: frames back",
           jx_wait(SLOT_NTFN2, &bits, JX_TIMEOUT_FOREVER) == JX_OK && bits == 2);
    expect("a frame again", jx_quota_alloc(SLOT_QUOTA, JX_OBJ_FRAME, SLOT_FREE, 0) == JX_OK);
    jx_cap_delete(SLOT_FREE);
    expect("quota back to 0", quota_used(SLOT_QUOTA) == 0);
    printf("exhaust: frames back: a frame made again; %u failures\n", failures);
    return failures;
}

int64_t main(uint64_t arg)
{
    switch (ARG_ROLE(arg)) {
    case STORM_SERVER: return storm_server((unsigned)ARG_PARAM(arg));
    case STORM_CLIENT: return storm_client(ARG_PARAM(arg));
    case SUPERVISOR: return supervisor();
    case WORKER: return worker();
    case EXHAUST: return exhaust();
    case EXHAUST_FRAMES: return exhaust_frames();
    default: return -1;
    }
}
