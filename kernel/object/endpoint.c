/* SPDX-License-Identifier: MIT */
/* endpoint.c: the Endpoint object: send, call and receive rendezvous, and what destroying one does to its waiters. */
#include "endpoint.h"
#include "frame.h"
#include "ipc.h"
#include "sched.h"
#include "slab.h"

static struct slab_cache ep_cache;
static bool ep_cache_ready;

jx_error_t endpoint_create(struct endpoint **out)
{
    if (!ep_cache_ready && slab_cache_init(&ep_cache, "endpoint", sizeof(struct endpoint),
                                           &slab_frame_source) != JX_OK)
        return JX_EINVAL;
    ep_cache_ready = true;
    struct endpoint *ep = slab_alloc(&ep_cache);
    if (!ep)
        return JX_ENOMEM;
    kobj_init(&ep->obj, JX_OBJ_ENDPOINT);
    list_init(&ep->queue);
    *out = ep;
    return JX_OK;
}

void endpoint_destroy(struct endpoint *ep)
{
    ipc_wake_all(&ep->queue);
    slab_free(&ep_cache, ep);
}

bool endpoint_has_receiver(struct endpoint *ep) { return ipc_first(&ep->queue, IPC_RECV) != 0; }

bool endpoint_has_sender(struct endpoint *ep) { return ipc_first(&ep->queue, IPC_SEND) != 0; }

/* Hands a delivered call to the receiver's Reply, or fails it when there is none. */
static bool endpoint_bind_call(struct thread *caller, struct reply *rp)
{
    if (!rp) {
        ipc_wake(caller, JX_EDESTROYED);
        return false;
    }
    reply_bind(rp, caller);
    return true;
}

void endpoint_send(struct endpoint *ep, uint64_t badge, bool grant, bool call, uint64_t deadline)
{
    struct thread *self = sched_current();
    struct thread *r = ipc_first(&ep->queue, IPC_RECV);
    if (!r) {
        self->ipc_badge = badge;
        self->ipc_grant = grant;
        self->ipc_call = call;
        self->sys_result = ipc_block(&ep->queue, &ep->obj, IPC_SEND, deadline);
        return;
    }
    ipc_dequeue(r);
    struct reply *rp = r->ipc_reply;
    if (rp)
        rp->receiver = 0;
    r->ipc_reply = 0;
    ipc_deliver(self, r, badge, grant);
    r->sys_result = JX_OK;
    if (call && endpoint_bind_call(self, rp)) {
        ipc_switch(r); /* we wait for the reply; the server runs now */
        return;
    }
    if (call)
        self->sys_result = JX_EDESTROYED;
    ipc_wake(r, JX_OK);
}

void endpoint_recv(struct endpoint *ep, struct reply *rp, uint64_t deadline)
{
    struct thread *self = sched_current();
    struct thread *s = ipc_first(&ep->queue, IPC_SEND);
    if (!s && deadline == 0) {
        self->sys_result = JX_EAGAIN;
        return;
    }
    if (!s) {
        self->ipc_reply = rp;
        if (rp)
            rp->receiver = self;
        self->sys_result = ipc_block(&ep->queue, &ep->obj, IPC_RECV, deadline);
        return;
    }
    ipc_dequeue(s);
    ipc_deliver(s, self, s->ipc_badge, s->ipc_grant);
    self->sys_result = JX_OK;
    if (!s->ipc_call)
        ipc_wake(s, JX_OK);
    else
        endpoint_bind_call(s, rp);
}
