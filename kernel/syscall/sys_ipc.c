/* SPDX-License-Identifier: MIT */
/* sys_ipc.c: decode/invoke of the IPC calls: send, recv, call, reply, reply_recv on endpoints and Replies; signal and wait on notifications. */
#include "ipc.h"
#include "sched.h"
#include "sys.h"

/* The low and high halves of r0: an endpoint (or notification) and a Reply handle. */
static uint64_t handle_lo(uint64_t r0) { return r0 & 0xffffffffu; }
static uint64_t handle_hi(uint64_t r0) { return r0 >> 32; }

/*
 * A message the current thread may send with a capability of `rights`:
 * its length fits the IPC buffer, at most JX_MSG_CAPS_MAX capabilities and
 * only with GRANT, each of them a valid handle now.
 */
static jx_error_t check_message(uint64_t info, unsigned rights)
{
    unsigned ncaps = JX_MSG_NCAPS(info);
    if (JX_MSG_LEN(info) > JX_IPC_DATA_MAX || ncaps > JX_MSG_CAPS_MAX)
        return JX_EINVAL;
    if (ncaps && !(rights & JX_RIGHT_GRANT))
        return JX_EPERM;
    const struct jx_ipc_buffer *buf = sched_current()->ipcbuf;
    for (unsigned i = 0; i < ncaps; i++) {
        struct cap_slot *c;
        jx_error_t err = cap_lookup(sys_cspace(), buf->send_caps[i], JX_OBJ_NONE, 0, &c);
        if (err != JX_OK)
            return err;
    }
    return JX_OK;
}

/* An endpoint capability with `rights` and, when sending, an acceptable message. */
static jx_error_t decode_endpoint(uint64_t h, unsigned rights, const uint64_t *raw,
                                  union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), h, JX_OBJ_ENDPOINT, rights, &c);
    if (err != JX_OK)
        return err;
    a->ipc.ep = (struct endpoint *)c->obj;
    a->ipc.badge = c->badge;
    a->ipc.grant = (c->rights & JX_RIGHT_GRANT) != 0;
    return rights & JX_RIGHT_WRITE ? check_message(raw[1], c->rights) : JX_OK;
}

/* The Reply a receive binds calls to: none (JX_CAP_NONE), or one no other receive uses. */
static jx_error_t decode_recv_reply(uint64_t h, union sys_args *a)
{
    a->ipc.rp = 0;
    if (h == JX_CAP_NONE)
        return JX_OK;
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), h, JX_OBJ_REPLY, JX_RIGHT_READ, &c);
    if (err != JX_OK)
        return err;
    a->ipc.rp = (struct reply *)c->obj;
    return reply_free(a->ipc.rp) ? JX_OK : JX_EBUSY;
}

jx_error_t decode_send(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_endpoint(raw[0], JX_RIGHT_WRITE, raw, a);
    if (err != JX_OK)
        return err;
    a->ipc.deadline = ipc_deadline(raw[IPC_REG_TIMEOUT]);
    if (a->ipc.deadline == 0 && !endpoint_has_receiver(a->ipc.ep))
        return JX_EAGAIN;
    return JX_OK;
}

void invoke_send(const union sys_args *a)
{
    endpoint_send(a->ipc.ep, a->ipc.badge, a->ipc.grant, false, a->ipc.deadline);
}

jx_error_t decode_recv(const uint64_t *raw, union sys_args *a)
{
    jx_error_t err = decode_endpoint(handle_lo(raw[0]), JX_RIGHT_READ, raw, a);
    if (err == JX_OK)
        err = decode_recv_reply(handle_hi(raw[0]), a);
    if (err != JX_OK)
        return err;
    a->ipc.deadline = ipc_deadline(raw[IPC_REG_TIMEOUT]);
    if (a->ipc.deadline == 0 && !endpoint_has_sender(a->ipc.ep))
        return JX_EAGAIN;
    return JX_OK;
}

void invoke_recv(const union sys_args *a) { endpoint_recv(a->ipc.ep, a->ipc.rp, a->ipc.deadline); }

/* A call blocks until it is answered (or its Reply or endpoint is destroyed): no timeout. */
jx_error_t decode_call(const uint64_t *raw, union sys_args *a)
{
    return decode_endpoint(raw[0], JX_RIGHT_WRITE, raw, a);
}

void invoke_call(const union sys_args *a)
{
    endpoint_send(a->ipc.ep, a->ipc.badge, a->ipc.grant, true, UINT64_MAX);
}

/* A Reply with WRITE and a call bound to it (JX_ENOENT: nobody to answer, or answered already). */
static jx_error_t decode_reply_cap(uint64_t h, const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), h, JX_OBJ_REPLY, JX_RIGHT_WRITE, &c);
    if (err != JX_OK)
        return err;
    a->ipc.rp = (struct reply *)c->obj;
    a->ipc.grant = (c->rights & JX_RIGHT_GRANT) != 0;
    if (!reply_bound(a->ipc.rp))
        return JX_ENOENT;
    return check_message(raw[1], c->rights);
}

jx_error_t decode_reply(const uint64_t *raw, union sys_args *a)
{
    return decode_reply_cap(raw[0], raw, a);
}

/* Answers the bound caller: its call returns with this message. */
static void reply_to_caller(struct reply *rp, bool grant)
{
    struct thread *caller = reply_take(rp);
    ipc_deliver(sched_current(), caller, 0, grant);
    ipc_wake(caller, JX_OK);
}

void invoke_reply(const union sys_args *a) { reply_to_caller(a->ipc.rp, a->ipc.grant); }

/*
 * Reply (when a call is bound to the Reply) then receive with the same
 * Reply. The first receive of a server loop has nothing to answer.
 */
jx_error_t decode_reply_recv(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), handle_hi(raw[0]), JX_OBJ_REPLY, 0, &c);
    if (err != JX_OK)
        return err;
    struct reply *rp = (struct reply *)c->obj;
    a->ipc.reply_first = reply_bound(rp);
    if (a->ipc.reply_first)
        err = decode_reply_cap(handle_hi(raw[0]), raw, a);
    else if (!reply_free(rp))
        err = JX_EBUSY;
    bool grant = a->ipc.grant;
    if (err == JX_OK)
        err = decode_endpoint(handle_lo(raw[0]), JX_RIGHT_READ, raw, a);
    if (err == JX_OK && (c->rights & JX_RIGHT_READ) == 0)
        err = JX_EPERM;
    a->ipc.rp = rp;
    a->ipc.grant = grant;
    a->ipc.deadline = ipc_deadline(raw[IPC_REG_TIMEOUT]);
    return err;
}

void invoke_reply_recv(const union sys_args *a)
{
    if (a->ipc.reply_first)
        reply_to_caller(a->ipc.rp, a->ipc.grant);
    endpoint_recv(a->ipc.ep, a->ipc.rp, a->ipc.deadline);
}

jx_error_t decode_signal(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_NOTIFICATION, JX_RIGHT_WRITE, &c);
    if (err != JX_OK)
        return err;
    a->ntfn.n = (struct notification *)c->obj;
    a->ntfn.bits = raw[1];
    return JX_OK;
}

void invoke_signal(const union sys_args *a) { notification_signal(a->ntfn.n, a->ntfn.bits); }

jx_error_t decode_wait(const uint64_t *raw, union sys_args *a)
{
    struct cap_slot *c;
    jx_error_t err = cap_lookup(sys_cspace(), raw[0], JX_OBJ_NOTIFICATION, JX_RIGHT_READ, &c);
    if (err != JX_OK)
        return err;
    a->ntfn.n = (struct notification *)c->obj;
    a->ntfn.deadline = ipc_deadline(raw[1]);
    if (a->ntfn.deadline == 0 && !notification_pending(a->ntfn.n))
        return JX_EAGAIN;
    return JX_OK;
}

void invoke_wait(const union sys_args *a) { notification_wait(a->ntfn.n, a->ntfn.deadline); }
