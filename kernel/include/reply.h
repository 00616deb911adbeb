/* SPDX-License-Identifier: MIT */
/* reply.h: the Reply object: binds one received call so that exactly its caller can be answered, once. */
#pragma once
#include <stdbool.h>
#include "kobj.h"
#include "thread.h"
#include "jericho/error.h"

/*
 * A server receives with a Reply; a call it receives is bound there
 * (`caller`) until the server replies or the Reply is destroyed (the
 * caller then gets JX_EDESTROYED). `receiver` is the thread blocked in a
 * receive with it, so that no two receives use one Reply.
 */
struct reply {
    struct kobj obj; /* first */
    struct thread *caller;
    struct thread *receiver;
};

jx_error_t reply_create(struct reply **out);
void reply_destroy(struct reply *rp);
/* True when a call is bound (a reply would reach someone). */
bool reply_bound(const struct reply *rp);
/* True when neither bound nor used by a waiting receive: a receive may use it. */
bool reply_free(const struct reply *rp);
/* Binds caller (just given to the server, still blocked) to rp. */
void reply_bind(struct reply *rp, struct thread *caller);
/* Takes the bound caller off rp and returns it (still blocked); the reply's sender delivers to it. */
struct thread *reply_take(struct reply *rp);
