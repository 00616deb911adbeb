/* SPDX-License-Identifier: MIT */
/* ktimer.c: the armed-timer list, sorted by deadline; one CPU, interrupts off in the kernel, so no locks. */
#include "ktimer.h"

static struct list_node armed = { &armed, &armed };

void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t))
{
    list_init(&t->link);
    t->fire = fire;
}

bool ktimer_armed(const struct ktimer *t) { return !list_empty(&t->link); }

void ktimer_cancel(struct ktimer *t) { list_remove(&t->link); }

void ktimer_arm(struct ktimer *t, uint64_t deadline_ns)
{
    list_remove(&t->link);
    t->deadline_ns = deadline_ns;
    struct list_node *pos = &armed;
    while (pos->next != &armed &&
           list_entry(pos->next, struct ktimer, link)->deadline_ns <= deadline_ns)
        pos = pos->next;
    list_insert_after(pos, &t->link);
}

uint64_t ktimer_next(void)
{
    return list_empty(&armed) ? UINT64_MAX
                              : list_entry(armed.next, struct ktimer, link)->deadline_ns;
}

void ktimer_fire_due(uint64_t now)
{
    while (!list_empty(&armed)) {
        struct ktimer *t = list_entry(armed.next, struct ktimer, link);
        if (t->deadline_ns > now)
            break;
        list_remove(&t->link);
        t->fire(t);
    }
}
