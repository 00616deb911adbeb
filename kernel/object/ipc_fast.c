/* SPDX-License-Identifier: MIT */
/* ipc_fast.c: the IPC fast path: call and reply_recv with a register-only message go straight to the partner thread. */
#include "cspace.h"
#include "endpoint.h"
#include "ipc.h"
#include "sched.h"
#include "sched_direct.h"
#include "syscall.h"
#include "task.h"

/*
 * The two functions here are the honest exception to "short functions":
 * each checks, in one pass, that its case is the common one (registers
 * only, no capability transfer, no timeout, a partner waiting that may run
 * at once) and then moves the message and switches threads (the direct
 * switch inline, sched_direct.h) without the decode/invoke union, the
 * wait-queue helpers or a run-queue visit. When a check fails they change
 * nothing and hand the call to the general path (syscall_general, sys_ipc.c)
 * as a tail call; so every error case, and every check's meaning, is the
 * general path's. The boot tests' round trips take this path.
 */

uint64_t ipc_fast_hits;

/* A full capability of `type` with `rights` in slot h of cs, or NULL. */
static inline struct kobj *fast_lookup(struct cspace *cs, uint64_t h, jx_obj_type_t type,
                                       unsigned rights, uint64_t *badge)
{
    if (h >= JX_CSPACE_SLOTS)
        return 0;
    struct cap_slot *s = &cs->slot[h];
    if (s->state != CAP_FULL || s->obj->type != type || (s->rights & rights) != rights)
        return 0;
    *badge = s->badge;
    return s->obj;
}

/* Copies the register message of `regs` to `to`: info (label only), mr0..mr2, badge. */
static inline void fast_copy(const uint64_t *regs, struct thread *to, uint64_t badge)
{
    uint64_t *r = to->sysregs;
    r[IPC_REG_INFO] = regs[IPC_REG_INFO];
    r[IPC_REG_MR0] = regs[IPC_REG_MR0];
    r[IPC_REG_MR0 + 1] = regs[IPC_REG_MR0 + 1];
    r[IPC_REG_MR0 + 2] = regs[IPC_REG_MR0 + 2];
    r[IPC_REG_BADGE] = badge;
    to->sys_result = JX_OK;
}

/* A message with no bytes in the IPC buffer and no capabilities. */
static inline bool fast_short(uint64_t info)
{
    return JX_MSG_LEN(info) == 0 && JX_MSG_NCAPS(info) == 0;
}

uint64_t ipc_fast_call(struct thread *self, uint64_t *regs)
{
    uint64_t badge;
    struct endpoint *ep = (struct endpoint *)fast_lookup(self->task->cspace, regs[0],
                                                         JX_OBJ_ENDPOINT, JX_RIGHT_WRITE, &badge);
    if (!ep || !fast_short(regs[IPC_REG_INFO]) || list_empty(&ep->queue))
        return syscall_general(self, JX_SYS_CALL, regs);
    struct thread *server = list_entry(ep->queue.next, struct thread, ipc_link);
    struct reply *rp = server->ipc_reply;
    if (server->ipc_wait != IPC_RECV || !rp || !sched_can_switch_to(server))
        return syscall_general(self, JX_SYS_CALL, regs);
    list_remove(&server->ipc_link);
    server->ipc_wait = IPC_NONE;
    server->ipc_obj = 0;
    server->ipc_reply = 0;
    rp->receiver = 0;
    fast_copy(regs, server, badge);
    rp->caller = self;
    self->ipc_wait = IPC_REPLY;
    self->ipc_reply = rp;
    self->sysregs = regs;
    self->sys_result = JX_OK;
    ipc_fast_hits++;
    sched_switch_direct(server);
    return sched_current()->sys_result; /* self again: nothing held across the switch */
}

uint64_t ipc_fast_reply_recv(struct thread *self, uint64_t *regs)
{
    struct cspace *cs = self->task->cspace;
    uint64_t badge;
    struct reply *rp = (struct reply *)fast_lookup(cs, regs[0] >> 32, JX_OBJ_REPLY,
                                                   JX_RIGHT_READ | JX_RIGHT_WRITE, &badge);
    struct endpoint *ep = (struct endpoint *)fast_lookup(cs, regs[0] & 0xffffffffu, JX_OBJ_ENDPOINT,
                                                         JX_RIGHT_READ, &badge);
    if (!rp || !ep || !fast_short(regs[IPC_REG_INFO]) ||
        regs[IPC_REG_TIMEOUT] != JX_TIMEOUT_FOREVER)
        return syscall_general(self, JX_SYS_REPLY_RECV, regs);
    struct thread *caller = rp->caller;
    if (!caller || rp->receiver || !list_empty(&ep->queue) || !sched_can_switch_to(caller))
        return syscall_general(self, JX_SYS_REPLY_RECV, regs);
    rp->caller = 0;
    caller->ipc_reply = 0;
    caller->ipc_wait = IPC_NONE;
    fast_copy(regs, caller, 0);
    self->ipc_reply = rp;
    rp->receiver = self;
    self->ipc_wait = IPC_RECV;
    self->ipc_obj = &ep->obj;
    list_push_back(&ep->queue, &self->ipc_link);
    self->sysregs = regs;
    self->sys_result = JX_OK;
    ipc_fast_hits++;
    sched_switch_direct(caller);
    return sched_current()->sys_result;
}
