/* SPDX-License-Identifier: MIT */
/* notification.c: the Notification object: signal bits ORed in, taken and cleared by one waiter. */
#include "ipc.h"
#include "irq_handler.h"
#include "notification.h"
#include "sched.h"
#include "clock.h"
#include "slab.h"

static struct slab_cache ntfn_cache;
static bool ntfn_cache_ready;

/* The clock binding's deadline passed (timer interrupt). */
static void notification_timer_fired(struct ktimer *t)
{
    struct notification *n =
        (struct notification *)((char *)t - offsetof(struct notification, timer));
    notification_signal(n, n->timer_bits);
}

jx_error_t notification_create(struct notification **out)
{
    if (!ntfn_cache_ready &&
        slab_cache_init(&ntfn_cache, "notification", sizeof(struct notification),
                        &slab_frame_source) != JX_OK)
        return JX_EINVAL;
    ntfn_cache_ready = true;
    struct notification *n = slab_alloc(&ntfn_cache);
    if (!n)
        return JX_ENOMEM;
    kobj_init(&n->obj, JX_OBJ_NOTIFICATION);
    list_init(&n->waiters);
    ktimer_init(&n->timer, notification_timer_fired);
    *out = n;
    return JX_OK;
}

void notification_destroy(struct notification *n)
{
    ktimer_cancel(&n->timer);
    irq_handler_forget(n);
    ipc_wake_all(&n->waiters);
    slab_free(&ntfn_cache, n);
}

void notification_signal(struct notification *n, uint64_t bits)
{
    struct thread *w = ipc_first(&n->waiters, IPC_NOTIFY);
    if (!w) {
        n->bits |= bits;
        return;
    }
    ipc_dequeue(w);
    w->sysregs[1] = n->bits | bits;
    n->bits = 0;
    ipc_wake(w, JX_OK);
}

void notification_arm(struct notification *n, uint64_t deadline_ns, uint64_t bits)
{
    n->timer_bits = bits;
    ktimer_arm(&n->timer, deadline_ns);
    sched_rearm();
}

void notification_disarm(struct notification *n) { ktimer_cancel(&n->timer); }

bool notification_pending(const struct notification *n) { return n->bits != 0; }

void notification_wait(struct notification *n, uint64_t deadline)
{
    struct thread *self = sched_current();
    if (n->bits) {
        self->sysregs[1] = n->bits;
        n->bits = 0;
        self->sys_result = JX_OK;
        return;
    }
    self->sys_result = ipc_block(&n->waiters, &n->obj, IPC_NOTIFY, deadline);
}
