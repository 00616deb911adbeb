/* SPDX-License-Identifier: MIT */
/* timer.h: one-shot deadlines on the arm64 EL1 virtual timer (PPI 11, INTID 27). */
#pragma once
#include <stdint.h>

#define TIMER_INTID 27  /* the virtual timer's PPI, fixed by the Arm BSA */

/* Stops the timer and denies EL0 access to counters and timers. */
void timer_init(void);

/* Arms the timer to interrupt once arch_cycles() reaches `cycles` (at once
 * if it already has); replaces any earlier deadline. */
void timer_set_deadline(uint64_t cycles);

/* Disarms it (and so drops its level-triggered interrupt). */
void timer_stop(void);
