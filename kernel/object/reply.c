/* SPDX-License-Identifier: MIT */
/* reply.c: the Reply object: one bound call at a time; destroying it fails the caller waiting on it. */
#include "ipc.h"
#include "reply.h"
#include "slab.h"

static struct slab_cache reply_cache;
static bool reply_cache_ready;

jx_error_t reply_create(struct reply **out)
{
    if (!reply_cache_ready &&
        slab_cache_init(&reply_cache, "reply", sizeof(struct reply), &slab_frame_source) != JX_OK)
        return JX_EINVAL;
    reply_cache_ready = true;
    struct reply *rp = slab_alloc(&reply_cache);
    if (!rp)
        return JX_ENOMEM;
    kobj_init(&rp->obj, JX_OBJ_REPLY);
    *out = rp;
    return JX_OK;
}

void reply_destroy(struct reply *rp)
{
    struct thread *c = reply_take(rp);
    if (c)
        ipc_wake(c, JX_EDESTROYED);
    if (rp->receiver)
        rp->receiver->ipc_reply = 0; /* its receive goes on; a call it gets fails */
    slab_free(&reply_cache, rp);
}

bool reply_bound(const struct reply *rp) { return rp->caller != 0; }

bool reply_free(const struct reply *rp) { return !rp->caller && !rp->receiver; }

void reply_bind(struct reply *rp, struct thread *caller)
{
    rp->caller = caller;
    caller->ipc_wait = IPC_REPLY;
    caller->ipc_reply = rp;
}

struct thread *reply_take(struct reply *rp)
{
    struct thread *c = rp->caller;
    if (c) {
        rp->caller = 0;
        c->ipc_reply = 0;
    }
    return c;
}
