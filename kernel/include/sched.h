/* SPDX-License-Identifier: MIT */
/* sched.h: the fixed-priority round-robin scheduler, sleeping, and CPU-time accounting. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include "prio.h"
#include "thread.h"

/* Creates the idle thread; after slab/frame init. */
void sched_init(void);
/* Switches from the boot context to the highest-priority ready thread; never returns. */
noreturn void sched_start(void);
/* The running thread (sched.c owns it; inline because every syscall asks). */
extern struct thread *sched_now;
static inline struct thread *sched_current(void) { return sched_now; }

/* Puts a BLOCKED (or new) thread on its run queue; preempts the current one if higher. */
void sched_ready(struct thread *t);
/* Current thread goes to the back of its queue; runs the next one. */
void sched_yield(void);
/* Current thread blocks until sched_ready()/wake; it must be recorded somewhere first. */
void sched_block(void);
/*
 * Blocks the current thread (recorded in some wait queue first) until
 * sched_unblock(), or until `deadline` (UINT64_MAX: none) when the timer
 * readies it with nothing else changed: the caller then sees it is still
 * queued and takes itself off.
 */
void sched_block_until(uint64_t deadline);
/*
 * Makes a thread blocked by sched_block_until ready again (off the sleep
 * queue too), without preempting the caller: the caller finishes its
 * operation and then calls sched_preempt(). A thread already readied by
 * its timeout is left as it is.
 */
void sched_unblock(struct thread *t);
/* Switches to a ready thread of higher priority than the current one, if any. */
void sched_preempt(void);
/*
 * Hands the CPU straight to `next` (BLOCKED, made RUNNING) while the
 * current thread blocks: the IPC call/reply path, with no run-queue visit.
 */
void sched_switch_blocked(struct thread *next);
/* The priorities with ready threads (sched.c owns it; read by the inline check below). */
extern struct prio_bitmap sched_ready_prios;
/* True when sched_switch_blocked(next) would switch directly (next blocked, no better thread ready). */
static inline bool sched_can_switch_to(const struct thread *next)
{
    return next->state == THREAD_BLOCKED && !prio_any_above(&sched_ready_prios, next->priority);
}
/* sched_switch_direct (the IPC fast path's, inline): sched_direct.h. */
/* A kernel timer (ktimer.h) was armed: programs the hardware timer if it is now the earliest event. */
void sched_rearm(void);
/* Changes t's priority; a ready t moves to the back of its new queue (no preemption here). */
void sched_set_priority(struct thread *t, uint8_t priority);
/* Takes a READY or BLOCKED thread off the run queue or sleep queue (a task being killed). */
void sched_remove(struct thread *t);
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
