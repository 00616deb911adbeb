/* SPDX-License-Identifier: MIT */
/* notification.h: the Notification object: a word of signal bits, ORed by signal and read-and-cleared by wait. */
#pragma once
#include <stdint.h>
#include "kobj.h"
#include "list.h"
#include "jericho/error.h"

struct notification {
    struct kobj obj;           /* first */
    uint64_t bits;             /* pending, while nobody waits */
    struct list_node waiters;
};

jx_error_t notification_create(struct notification **out);
void notification_destroy(struct notification *n);
/* ORs bits in; the first waiter (if any) gets the word and it is cleared. Callable from interrupts. */
void notification_signal(struct notification *n, uint64_t bits);
/* True when bits are pending (a wait would not block). */
bool notification_pending(const struct notification *n);
/* The current thread takes the word (r1), blocking until a signal or the deadline. */
void notification_wait(struct notification *n, uint64_t deadline);
