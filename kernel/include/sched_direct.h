/* SPDX-License-Identifier: MIT */
/* sched_direct.h: the scheduler's direct switch, inline for the IPC fast path; sched.c owns the state it touches. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch.h"
#include "clock.h"
#include "config.h"
#include "sched.h"
#include "vspace.h"

/* sched.c's state: nothing outside the scheduler and this header writes it. */
extern uint64_t sched_run_start_ns; /* when the current thread last started running */
extern uint64_t sched_armed_ns; /* the timer deadline programmed; UINT64_MAX: none */
extern bool sched_resched; /* a thread readied without preempting outranks current */
/* Programs the timer for the earliest of the sleepers, kernel timers and current's slice and budget ends. */
void sched_arm_timer(uint64_t now);
/* sched_arm_timer(now), then the switch from prev to next (the current thread): the direct
 * switch's rare case, out of line so that nothing the common case holds lives across a call. */
void sched_arm_and_switch(struct thread *prev, struct thread *next, uint64_t now);

/* Charges the time since sched_run_start_ns to current's CPU time and timeslice. */
static inline void sched_charge(uint64_t now)
{
    struct thread *cur = sched_current();
    uint64_t used = now - sched_run_start_ns;
    sched_run_start_ns = now;
    cur->cpu_ns += used;
    cur->slice_left_ns = cur->slice_left_ns > used ? cur->slice_left_ns - used : 0;
}

/* The CPU side of a switch: FPU state, address space, kernel stack and registers. */
static inline void sched_switch_context(struct thread *prev, struct thread *next)
{
    arch_switch(&prev->arch, &next->arch, next->vspace ? &next->vspace->arch : 0);
}

/*
 * True when the timer already armed fires no later than the end of t's
 * slice and budget, so a direct switch to t need not compute the next
 * deadline. It relies on sched_armed_ns never being later than the first
 * sleeper or kernel timer: every change to those goes through sched_arm_timer.
 */
static inline bool sched_timer_covers(const struct thread *t, uint64_t now)
{
    if (sched_armed_ns <= now || sched_armed_ns - now > t->slice_left_ns)
        return false;
    return !t->budget_ns ||
           (t->budget_ns > t->cpu_ns && sched_armed_ns - now <= t->budget_ns - t->cpu_ns);
}

/*
 * sched_switch_blocked for a next the caller found sched_can_switch_to:
 * the current thread blocks (the caller recorded what it waits for) and
 * next, blocked, runs at once, with no run-queue visit; returns when the
 * current thread runs again. Always inline: it is most of the fast path's
 * switch, and a call would cost its own frame and register shuffles.
 */
__attribute__((always_inline)) static inline void sched_switch_direct(struct thread *next)
{
    struct thread *prev = sched_current();
    if (next->on_sleepers) {
        list_remove(&next->link);
        next->on_sleepers = false;
    }
    uint64_t now = clock_now_ns();
    sched_charge(now);
    prev->state = THREAD_BLOCKED;
    next->state = THREAD_RUNNING;
    sched_resched = false; /* nothing ready outranks next (the caller checked) */
    if (next->slice_left_ns == 0)
        next->slice_left_ns = CONFIG_TIMESLICE_NS;
    sched_run_start_ns = now;
    sched_now = next;
    if (sched_timer_covers(next, now))
        sched_switch_context(prev, next);
    else
        sched_arm_and_switch(prev, next, now);
}
