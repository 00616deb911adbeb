/* SPDX-License-Identifier: MIT */
/* timer.h: one-shot deadlines on the arm64 EL1 virtual timer. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* The virtual timer's interrupt when the DTB does not say: PPI 11, as the
 * Arm BSA fixes it (and QEMU virt uses). */
#define TIMER_INTID_DEFAULT 27

/* Stops the timer and denies EL0 access to counters and timers. */
void timer_init(void);

/* Arms the timer to interrupt once arch_cycles() reaches `cycles` (at once
 * if it already has); replaces any earlier deadline. */
void timer_set_deadline(uint64_t cycles);

/* Disarms it (and so drops its level-triggered interrupt). */
void timer_stop(void);

/* True when an armed deadline has passed (its interrupt is due or pending). */
bool timer_expired(void);
