/* SPDX-License-Identifier: MIT */
/* endpoint.h: the Endpoint object: synchronous IPC rendezvous of senders (send, call) and receivers. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "kobj.h"
#include "list.h"
#include "reply.h"
#include "jericho/error.h"

/* Its queue holds only senders or only receivers (whichever came first), oldest first. */
struct endpoint {
    struct kobj obj; /* first */
    struct list_node queue;
};

/* A new endpoint with no capability yet (the caller installs the first). JX_ENOMEM. */
jx_error_t endpoint_create(struct endpoint **out);
void endpoint_destroy(struct endpoint *ep);
/* A receiver is waiting (a send would not block). */
bool endpoint_has_receiver(struct endpoint *ep);
/* A sender is waiting (a recv would not block). */
bool endpoint_has_sender(struct endpoint *ep);
/*
 * The current thread sends its message (registers and IPC buffer) with the
 * badge and grant of the capability it used; a call then waits for the
 * reply. Blocks until a receiver takes it or `deadline` passes (decode has
 * refused a poll with no receiver). The result is in the thread's sys_result.
 */
void endpoint_send(struct endpoint *ep, uint64_t badge, bool grant, bool call, uint64_t deadline);
/*
 * The current thread receives; a call it receives is bound to `rp` (NULL:
 * the caller gets JX_EDESTROYED, nobody could answer it). With deadline 0
 * and no sender: JX_EAGAIN.
 */
void endpoint_recv(struct endpoint *ep, struct reply *rp, uint64_t deadline);
