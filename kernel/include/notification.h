/* SPDX-License-Identifier: MIT */
/* notification.h: the Notification object: a word of signal bits, ORed by signal and read-and-cleared by wait. */
#pragma once
#include <stdint.h>
#include "kobj.h"
#include "ktimer.h"
#include "list.h"
#include "jericho/error.h"

struct notification {
    struct kobj obj; /* first */
    uint64_t bits; /* pending, while nobody waits */
    struct list_node waiters;
    struct ktimer timer; /* bound to the clock: signals timer_bits at its deadline */
    uint64_t timer_bits;
};

jx_error_t notification_create(struct notification **out);
void notification_destroy(struct notification *n);
/* ORs bits in; the first waiter (if any) gets the word and it is cleared. Callable from interrupts. */
void notification_signal(struct notification *n, uint64_t bits);
/* Binds n to the clock: `bits` are signalled at deadline_ns (replacing an earlier binding). */
void notification_arm(struct notification *n, uint64_t deadline_ns, uint64_t bits);
/* Removes the clock binding, if any. */
void notification_disarm(struct notification *n);
/* True when bits are pending (a wait would not block). */
bool notification_pending(const struct notification *n);
/* The current thread takes the word (r1), blocking until a signal or the deadline. */
void notification_wait(struct notification *n, uint64_t deadline);
