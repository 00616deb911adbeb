/* SPDX-License-Identifier: MIT */
/* ipc.c: message transfer between two threads and the wait-queue discipline every IPC object uses. */
#include "clock.h"
#include "cspace.h"
#include "ipc.h"
#include "kstring.h"
#include "reply.h"
#include "sched.h"
#include "task.h"

uint64_t ipc_deadline(uint64_t timeout_ns)
{
    if (timeout_ns == JX_TIMEOUT_NONE || timeout_ns == JX_TIMEOUT_FOREVER)
        return timeout_ns;
    uint64_t now = clock_now_ns();
    return now + timeout_ns < now ? UINT64_MAX : now + timeout_ns;
}

/* Installs from's send_caps[0..n) into to's recv_slots[0..n) as children; returns how many. */
static unsigned ipc_transfer_caps(struct thread *from, struct thread *to, unsigned n)
{
    struct cspace *fcs = from->task->cspace, *tcs = to->task->cspace;
    unsigned i;
    for (i = 0; i < n; i++) {
        struct cap_slot *src, *dst;
        if (cap_lookup(fcs, from->ipcbuf->send_caps[i], JX_OBJ_NONE, 0, &src) != JX_OK ||
            cap_dest(tcs, to->ipcbuf->recv_slots[i], &dst) != JX_OK)
            break;
        cap_derive(src, dst, JX_RIGHTS_ALL, src->badge);
    }
    return i;
}

void ipc_deliver(struct thread *from, struct thread *to, uint64_t badge, bool grant)
{
    uint64_t info = from->sysregs[IPC_REG_INFO];
    unsigned len = JX_MSG_LEN(info), ncaps = grant ? JX_MSG_NCAPS(info) : 0;
    for (int i = 0; i < JX_MSG_REGS; i++)
        to->sysregs[IPC_REG_MR0 + i] = from->sysregs[IPC_REG_MR0 + i];
    to->sysregs[IPC_REG_BADGE] = badge;
    if (len)
        memcpy(to->ipcbuf->data, from->ipcbuf->data, len);
    unsigned got = ncaps ? ipc_transfer_caps(from, to, ncaps) : 0;
    to->sysregs[IPC_REG_INFO] = JX_MSG_INFO(JX_MSG_LABEL(info), len, got);
}

struct thread *ipc_first(struct list_node *queue, enum ipc_wait w)
{
    if (list_empty(queue))
        return 0;
    struct thread *t = list_entry(queue->next, struct thread, ipc_link);
    return t->ipc_wait == w ? t : 0;
}

void ipc_dequeue(struct thread *t)
{
    list_remove(&t->ipc_link);
    t->ipc_wait = IPC_NONE;
    t->ipc_obj = 0;
}

/* A receiver leaving its wait gives its Reply back. */
static void ipc_drop_reply(struct thread *t)
{
    if (t->ipc_reply && t->ipc_reply->receiver == t)
        t->ipc_reply->receiver = 0;
    t->ipc_reply = 0;
}

jx_error_t ipc_block(struct list_node *queue, struct kobj *obj, enum ipc_wait w, uint64_t deadline)
{
    struct thread *self = sched_current();
    self->ipc_wait = w;
    self->ipc_obj = obj;
    self->sys_result = JX_OK;
    list_push_back(queue, &self->ipc_link);
    sched_block_until(deadline);
    if (self->ipc_wait == w && self->ipc_obj == obj) {
        /* The timer readied it while it was still queued: nobody came. */
        ipc_dequeue(self);
        ipc_drop_reply(self);
        return JX_ETIMEDOUT;
    }
    return self->sys_result;
}

void ipc_wake(struct thread *t, jx_error_t result)
{
    t->ipc_wait = IPC_NONE;
    t->ipc_obj = 0;
    t->sys_result = result;
    sched_unblock(t);
}

void ipc_wake_all(struct list_node *queue)
{
    while (!list_empty(queue)) {
        struct thread *t = list_entry(queue->next, struct thread, ipc_link);
        ipc_dequeue(t);
        ipc_drop_reply(t);
        ipc_wake(t, JX_EDESTROYED);
    }
}

void ipc_cancel(struct thread *t)
{
    if (t->ipc_wait == IPC_REPLY && t->ipc_reply)
        t->ipc_reply->caller = 0;
    else if (t->ipc_wait != IPC_NONE)
        list_remove(&t->ipc_link);
    ipc_drop_reply(t);
    t->ipc_wait = IPC_NONE;
    t->ipc_obj = 0;
}

void ipc_switch(struct thread *next) { sched_switch_blocked(next); }
