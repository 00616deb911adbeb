/* SPDX-License-Identifier: MIT */
/* ktimer.h: one-shot kernel timers (a callback at a deadline), fired from the timer interrupt; notifications bound to the clock use them. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "list.h"

struct ktimer {
    struct list_node link; /* on the armed list, by deadline */
    uint64_t deadline_ns;
    void (*fire)(struct ktimer *t); /* called from the timer interrupt, interrupts off */
};

/* Sets up a timer that is not armed. */
void ktimer_init(struct ktimer *t, void (*fire)(struct ktimer *t));
/* Arms (or re-arms) t for deadline_ns; the scheduler programs the hardware timer for it. */
void ktimer_arm(struct ktimer *t, uint64_t deadline_ns);
/* Disarms t if armed. */
void ktimer_cancel(struct ktimer *t);
bool ktimer_armed(const struct ktimer *t);
/* The earliest armed deadline, UINT64_MAX when none (sched.c's arm_timer). */
uint64_t ktimer_next(void);
/* Fires (and disarms) every timer due at `now` (sched.c's timer tick). */
void ktimer_fire_due(uint64_t now);
