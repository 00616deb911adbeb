/* SPDX-License-Identifier: MIT */
/* clock.h: the monotonic clock (ns since boot, from the cycle counter) and the timer interrupt. */
#pragma once
#include <stdint.h>
#include "arch.h"

void clock_init(void);
/* Nanoseconds since clock_init; monotonic, never wraps in practice (584 years).
 * Inline: every thread switch reads it. */
extern uint64_t clock_base;    /* cycles at clock_init */
extern uint64_t clock_mult;    /* ns per cycle, 32.32 fixed point */
static inline uint64_t clock_now_ns(void)
{
    uint64_t delta = arch_cycles() - clock_base;
    return (uint64_t)(((unsigned __int128)delta * clock_mult) >> 32);
}
/* Nanoseconds since 1970-01-01 UTC at the monotonic clock's 0, from the
 * real-time clock at boot; 0 when the machine has none (then real time
 * counts from boot). Real time = clock_now_ns() + this. */
extern uint64_t clock_realtime_base;
/* Arms the one-shot timer for absolute time `when_ns` (past: as soon as possible). */
void clock_set_deadline(uint64_t when_ns);
/* Called by the arch on every timer interrupt, interrupts off. */
void clock_timer_irq(void);
