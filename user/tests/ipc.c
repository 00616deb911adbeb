/* SPDX-License-Identifier: MIT */
/* ipc.c: the roles of the IPC boot tests (kernel/ktest_cap.c), chosen by the argument's low byte; 0 = success. */
#include "jx.h"
#include "roles.h"

#define LABEL_STOP 1
/* Every DATA_EVERY-th round trip also carries DATA_LEN bytes in the IPC buffer, both ways. */
#define DATA_EVERY 1000
#define DATA_LEN   256

static int fail(const char *role, const char *what, uint64_t a, uint64_t b)
{
    printf("ipc: %s: %s (%llu, %llu)\n", role, what, (unsigned long long)a, (unsigned long long)b);
    return 1;
}

/* Checks the n bytes in the IPC buffer hold the pattern of `seed`, then writes that of seed + 1. */
static int data_check_and_flip(uint64_t seed, unsigned n)
{
    uint8_t *d = jx_ipc_buffer()->data;
    for (unsigned i = 0; i < n; i++)
        if (d[i] != (uint8_t)(seed * 7 + i))
            return 1;
    for (unsigned i = 0; i < n; i++)
        d[i] = (uint8_t)((seed + 1) * 7 + i);
    return 0;
}

/* Answers every call with mr0 + 1; checks that calls arrive in order, none lost. Exit: the count. */
static int64_t rt_server(void)
{
    struct jx_msg m = { 0, { 0 }, 0 };
    uint64_t expect = 0;
    for (;;) {
        jx_error_t err = jx_reply_recv(SLOT_EP, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER);
        if (err != JX_OK)
            return -fail("rt-server", "reply_recv error", err, expect);
        if (JX_MSG_LABEL(m.info) == LABEL_STOP)
            break;
        if (m.mr[0] != expect || m.mr[1] != expect * 3 || m.mr[2] != ~expect)
            return -fail("rt-server", "lost or reordered", m.mr[0], expect);
        unsigned len = JX_MSG_LEN(m.info);
        if (len && data_check_and_flip(expect, len))
            return -fail("rt-server", "IPC buffer bytes wrong", expect, len);
        m.info = JX_MSG_INFO(0, len, 0);
        m.mr[0] = expect + 1;
        expect++;
    }
    m.info = 0;
    jx_reply(SLOT_REPLY, &m);
    return (int64_t)expect;
}

static int64_t rt_client(uint64_t rounds)
{
    for (uint64_t i = 0; i < rounds; i++) {
        unsigned len = i % DATA_EVERY == 0 ? DATA_LEN : 0;
        if (len)
            for (unsigned k = 0; k < len; k++)
                jx_ipc_buffer()->data[k] = (uint8_t)(i * 7 + k);
        struct jx_msg m = { JX_MSG_INFO(0, len, 0), { i, i * 3, ~i }, 0 };
        jx_error_t err = jx_call(SLOT_EP, &m);
        if (err != JX_OK)
            return fail("rt-client", "call error", err, i);
        if (m.mr[0] != i + 1 || JX_MSG_LEN(m.info) != len)
            return fail("rt-client", "wrong answer", m.mr[0], i + 1);
        if (len && data_check_and_flip(i + 1, len))
            return fail("rt-client", "IPC buffer bytes wrong in the reply", i, len);
    }
    struct jx_msg stop = { JX_MSG_INFO(LABEL_STOP, 0, 0), { 0 }, 0 };
    return jx_call(SLOT_EP, &stop) != JX_OK;
}

/*
 * Serves `total` calls from clients told apart by badge (0x100 + n); each
 * call carries (n, its sequence number). A call that brings a capability
 * (client 0's notification, into slot 10) is answered by signalling it and
 * passing it back with the reply.
 */
static int64_t badge_server(uint64_t total)
{
    enum { CLIENTS = 8 };
    uint64_t seen[CLIENTS] = { 0 };
    struct jx_msg m = { 0, { 0 }, 0 };
    int got_cap = 0;
    for (uint64_t k = 0; k < total; k++) {
        jx_ipc_buffer()->recv_slots[0] = 10;
        jx_error_t err = jx_reply_recv(SLOT_EP, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER);
        uint64_t id = m.mr[0];
        if (err != JX_OK)
            return fail("badge-server", "reply_recv error", err, k);
        if (id >= CLIENTS || m.badge != 0x100 + id || m.mr[1] != seen[id])
            return fail("badge-server", "badge does not match the client", m.badge, id);
        seen[id]++;
        int with_cap = JX_MSG_NCAPS(m.info) == 1;
        if (with_cap != (id == 0 && m.mr[1] == 0))
            return fail("badge-server", "capability missing or unexpected", id, m.mr[1]);
        m.info = 0;
        if (with_cap) {
            got_cap = jx_signal(10, 0x8) == JX_OK;
            jx_ipc_buffer()->send_caps[0] = 10;
            m.info = JX_MSG_INFO(0, 0, 1);
        }
        m.mr[0] = id * 1000 + m.mr[1];
    }
    jx_reply(SLOT_REPLY, &m);
    printf("ipc: badge-server: %llu calls, a capability came with client 0's first: %s\n",
           (unsigned long long)total, got_cap ? "yes" : "no");
    return got_cap ? 0 : 1;
}

static int64_t badge_client(uint64_t param)
{
    uint64_t id = param & 0xff, calls = param >> 8;
    for (uint64_t k = 0; k < calls; k++) {
        struct jx_msg m = { 0, { id, k, 0 }, 0 };
        int transfer = id == 0 && k == 0;
        if (transfer) {
            jx_ipc_buffer()->send_caps[0] = SLOT_NTFN;
            jx_ipc_buffer()->recv_slots[0] = 11;
            m.info = JX_MSG_INFO(0, 0, 1);
        }
        jx_error_t err = jx_call(SLOT_EP, &m);
        if (err != JX_OK || m.mr[0] != id * 1000 + k)
            return fail("badge-client", "wrong answer", m.mr[0], id * 1000 + k);
        if (!transfer)
            continue;
        unsigned type, rights;
        uint64_t badge, bits = 0;
        if (JX_MSG_NCAPS(m.info) != 1 || jx_cap_identify(11, &type, &rights, &badge) != JX_OK ||
            type != JX_OBJ_NOTIFICATION || jx_wait(11, &bits, JX_TIMEOUT_FOREVER) != JX_OK ||
            bits != 0x8)
            return fail("badge-client", "no capability back in the reply", JX_MSG_NCAPS(m.info),
                        bits);
        printf("ipc: badge-client 0: sent a notification, got it back in slot 11, bits 0x%llx\n",
               (unsigned long long)bits);
    }
    return 0;
}

/* Mints a badged endpoint capability, passes it on, serves one call through it, revokes it. */
static int64_t revoke_server(void)
{
    struct jx_msg m = { JX_MSG_INFO(0, 0, 1), { 0 }, 0 };
    if (jx_cap_mint(SLOT_EP, 6, JX_RIGHT_WRITE, 77) != JX_OK)
        return fail("revoke-server", "mint failed", 0, 0);
    jx_ipc_buffer()->send_caps[0] = 6;
    if (jx_send(SLOT_EP, &m, JX_TIMEOUT_FOREVER) != JX_OK)
        return fail("revoke-server", "send failed", 0, 0);
    jx_error_t err = jx_recv(SLOT_EP, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER);
    if (err != JX_OK || m.badge != 77)
        return fail("revoke-server", "the call did not come with badge 77", err, m.badge);
    m.info = 0;
    m.mr[0] = 1;
    if (jx_reply(SLOT_REPLY, &m) != JX_OK || jx_reply(SLOT_REPLY, &m) != JX_ENOENT)
        return fail("revoke-server", "reply twice: want ok then JX_ENOENT", 0, 0);
    if (jx_cap_revoke(6) != JX_OK || jx_signal(SLOT_NTFN, 1) != JX_OK)
        return fail("revoke-server", "revoke/signal failed", 0, 0);
    printf("ipc: revoke-server: served badge 77 once, answered once, revoked\n");
    return 0;
}

static int64_t revoke_client(void)
{
    struct jx_msg m;
    unsigned type, rights;
    uint64_t badge, bits;
    jx_ipc_buffer()->recv_slots[0] = 7;
    jx_error_t err = jx_recv(SLOT_EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER);
    if (err != JX_OK || JX_MSG_NCAPS(m.info) != 1)
        return fail("revoke-client", "no capability received", err, m.info);
    if (jx_cap_identify(7, &type, &rights, &badge) != JX_OK || badge != 77 ||
        rights != JX_RIGHT_WRITE)
        return fail("revoke-client", "received capability wrong", badge, rights);
    m = (struct jx_msg){ 0, { 5 }, 0 };
    if (jx_call(7, &m) != JX_OK || m.mr[0] != 1)
        return fail("revoke-client", "call through it failed", 0, m.mr[0]);
    if (jx_wait(SLOT_NTFN, &bits, JX_TIMEOUT_FOREVER) != JX_OK)
        return fail("revoke-client", "wait failed", 0, 0);
    err = jx_call(7, &m);
    jx_error_t id = jx_cap_identify(7, &type, &rights, &badge);
    printf("ipc: revoke-client: after the revoke, call -> %d, identify -> %d (want %d)\n", err, id,
           JX_ESTALE);
    return err != JX_ESTALE || id != JX_ESTALE;
}

/* Receives one call and keeps it (its Reply is the only capability to it), then waits forever. */
static int64_t kill_server(void)
{
    struct jx_msg m;
    jx_recv(SLOT_EP, SLOT_REPLY, &m, JX_TIMEOUT_FOREVER);
    printf("ipc: kill-server: holding a call, waiting to be killed\n");
    jx_recv(SLOT_EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER);
    return fail("kill-server", "woke up", 0, 0);
}

static int64_t call_once(void)
{
    struct jx_msg m = { 0, { 42 }, 0 };
    jx_error_t err = jx_call(SLOT_EP, &m);
    printf("ipc: call -> %d\n", err);
    return err;
}

static int64_t recv_once(void)
{
    struct jx_msg m;
    jx_error_t err = jx_recv(SLOT_EP, JX_CAP_NONE, &m, JX_TIMEOUT_FOREVER);
    printf("ipc: recv -> %d\n", err);
    return err;
}

int64_t main(uint64_t arg)
{
    uint64_t param = arg >> 8;
    switch (arg & 0xff) {
    case ROLE_RT_SERVER: return rt_server();
    case ROLE_RT_CLIENT: return rt_client(param);
    case ROLE_BADGE_SERVER: return badge_server(param);
    case ROLE_BADGE_CLIENT: return badge_client(param);
    case ROLE_REVOKE_SERVER: return revoke_server();
    case ROLE_REVOKE_CLIENT: return revoke_client();
    case ROLE_KILL_SERVER: return kill_server();
    case ROLE_KILL_CLIENT: return call_once();
    case ROLE_RECEIVER: return recv_once();
    default: return fail("ipc", "unknown role", arg, 0);
    }
}
