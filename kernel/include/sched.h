/* SPDX-License-Identifier: MIT */
/* sched.h: the fixed-priority round-robin scheduler, sleeping, and CPU-time accounting. */
#pragma once
#include <stdint.h>
#include <stdnoreturn.h>
#include "thread.h"

/* Creates the idle thread; after slab/frame init. */
void sched_init(void);
/* Switches from the boot context to the highest-priority ready thread; never returns. */
noreturn void sched_start(void);
struct thread *sched_current(void);

/* Puts a BLOCKED (or new) thread on its run queue; preempts the current one if higher. */
void sched_ready(struct thread *t);
/* Current thread goes to the back of its queue; runs the next one. */
void sched_yield(void);
/* Current thread blocks until sched_ready()/wake; it must be recorded somewhere first. */
void sched_block(void);
/* Blocks the current thread until clock_now_ns() >= wake_ns. */
void sched_sleep_until(uint64_t wake_ns);
/* The current thread dies (state DEAD) and never runs again; its owner frees it. */
noreturn void sched_exit(void);

/*
 * Timer interrupt work (from clock_timer_irq): charges CPU time, wakes
 * sleepers, stops a thread whose budget ran out, rotates an expired
 * timeslice, and arms the timer for the next of these events.
 */
void sched_timer_tick(uint64_t now_ns);
