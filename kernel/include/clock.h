/* SPDX-License-Identifier: MIT */
/* clock.h: the monotonic clock (ns since boot, from the cycle counter) and the timer interrupt. */
#pragma once
#include <stdint.h>

void clock_init(void);
/* Nanoseconds since clock_init; monotonic, never wraps in practice (584 years). */
uint64_t clock_now_ns(void);
/* Arms the one-shot timer for absolute time `when_ns` (past: as soon as possible). */
void clock_set_deadline(uint64_t when_ns);
/* Called by the arch on every timer interrupt, interrupts off. */
void clock_timer_irq(void);
