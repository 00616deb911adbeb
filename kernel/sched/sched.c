/* SPDX-License-Identifier: MIT */
/* sched.c: fixed-priority round-robin scheduling with timeslices, sleep and CPU budgets (one CPU). */
#include "clock.h"
#include "config.h"
#include "kprintf.h"
#include "ktimer.h"
#include "list.h"
#include "panic.h"
#include "prio.h"
#include "sched.h"
#include "task.h"
#include "sched_direct.h"
#include "vspace.h"

/*
 * Everything here runs with interrupts off (the kernel is not preemptible),
 * so on one CPU no locks are needed. The idle thread is on no queue: it
 * runs exactly when the bitmap is empty.
 */
static struct list_node runq[CONFIG_PRIORITIES];
struct prio_bitmap sched_ready_prios; /* sched.h */
static struct list_node sleepers; /* BLOCKED threads by wake_ns, earliest first */
struct thread *sched_now; /* sched.h: read through sched_current() */
static struct thread *idle;
static struct thread boot_thread; /* the boot context, switched away from once */
uint64_t sched_run_start_ns; /* sched_direct.h: when current last started running */
uint64_t sched_armed_ns =
    UINT64_MAX; /* sched_direct.h: the timer interrupt programmed, UINT64_MAX: none */
/* A thread readied without preempting (sched_unblock) outranks current: sched_preempt has work. */
bool sched_resched;

static void enqueue(struct thread *t, int at_front)
{
    t->state = THREAD_READY;
    t->ready_ns = clock_now_ns();
    if (at_front)
        list_insert_after(&runq[t->priority], &t->link);
    else
        list_push_back(&runq[t->priority], &t->link);
    prio_set(&sched_ready_prios, t->priority);
}

/* The highest-priority ready thread, off its queue; idle when none. */
static struct thread *dequeue_next(void)
{
    int p = prio_highest(&sched_ready_prios);
    if (p < 0)
        return idle;
    struct thread *t = list_entry(runq[p].next, struct thread, link);
    list_remove(&t->link);
    if (list_empty(&runq[p]))
        prio_clear(&sched_ready_prios, (unsigned)p);
    return t;
}

/* The next moment the timer must fire for: a sleeper, the slice end, the budget end. */
void sched_arm_timer(uint64_t now)
{
    uint64_t when = ktimer_next();
    if (!list_empty(&sleepers) && list_entry(sleepers.next, struct thread, link)->wake_ns < when)
        when = list_entry(sleepers.next, struct thread, link)->wake_ns;
    if (sched_now != idle) {
        if (now + sched_now->slice_left_ns < when)
            when = now + sched_now->slice_left_ns;
        if (sched_now->budget_ns) {
            uint64_t left = sched_now->budget_ns > sched_now->cpu_ns
                                ? sched_now->budget_ns - sched_now->cpu_ns
                                : 0;
            if (now + left < when)
                when = now + left;
        }
    }
    /*
     * An interrupt already due no later than `when` is left alone: it will
     * find nothing to do and arm the timer afresh. This keeps the timer
     * write (an MMIO access, a VM exit under KVM) off direct IPC switches.
     */
    if (when == UINT64_MAX || (sched_armed_ns > now && sched_armed_ns <= when))
        return;
    sched_armed_ns = when;
    clock_set_deadline(when);
}

/* Makes next the running thread; current must already be queued, blocked or dead. */
static void switch_at(struct thread *next, uint64_t now)
{
    struct thread *prev = sched_now;
    if (next->state == THREAD_READY)
        sched_waits_add(&next->waits, now - next->ready_ns);
    next->state = THREAD_RUNNING;
    sched_resched = false; /* next is the best ready thread (or outranks them) */
    if (next->slice_left_ns == 0)
        next->slice_left_ns = CONFIG_TIMESLICE_NS;
    sched_run_start_ns = now;
    sched_now = next;
    sched_arm_timer(now);
    if (prev != next)
        sched_switch_context(prev, next);
}

static void switch_to(struct thread *next) { switch_at(next, clock_now_ns()); }

/* Charges current, then runs the best ready thread (current itself if it is queued and best). */
static void reschedule(void) { switch_to(dequeue_next()); }

void sched_ready(struct thread *t)
{
    enqueue(t, 0);
    /* Preempt now, unless current is on its way out (exiting or blocking). */
    if (sched_now->state == THREAD_RUNNING &&
        (sched_now == idle || t->priority > sched_now->priority)) {
        sched_charge(clock_now_ns());
        if (sched_now != idle)
            enqueue(sched_now, 1); /* preempted: keeps its place and the rest of its slice */
        reschedule();
    }
}

void sched_yield(void)
{
    sched_charge(clock_now_ns());
    sched_now->slice_left_ns = 0; /* a fresh slice next time, behind its peers */
    if (sched_now != idle)
        enqueue(sched_now, 0);
    reschedule();
}

void sched_block(void)
{
    sched_charge(clock_now_ns());
    sched_now->state = THREAD_BLOCKED;
    reschedule();
}

/* Puts current on the sleep queue, ordered by wake time. */
static void add_sleeper(uint64_t wake_ns)
{
    struct list_node *pos = &sleepers;
    while (pos->next != &sleepers && list_entry(pos->next, struct thread, link)->wake_ns <= wake_ns)
        pos = pos->next;
    sched_now->wake_ns = wake_ns;
    sched_now->on_sleepers = true;
    list_insert_after(pos, &sched_now->link);
}

void sched_sleep_until(uint64_t wake_ns)
{
    add_sleeper(wake_ns);
    sched_block();
}

void sched_block_until(uint64_t deadline)
{
    if (deadline != UINT64_MAX)
        add_sleeper(deadline);
    sched_block();
}

void sched_unblock(struct thread *t)
{
    if (t->on_sleepers) {
        list_remove(&t->link);
        t->on_sleepers = false;
    }
    if (t->state == THREAD_BLOCKED) {
        enqueue(t, 0);
        sched_resched |= t->priority > sched_now->priority;
    }
}

void sched_preempt(void)
{
    if (!sched_resched)
        return; /* the common case: one load, no bitmap scan */
    sched_resched = false;
    if (sched_now != idle && sched_now->state == THREAD_RUNNING &&
        prio_highest(&sched_ready_prios) > (int)sched_now->priority) {
        sched_charge(clock_now_ns());
        enqueue(sched_now, 1);
        reschedule();
    }
}

void sched_switch_blocked(struct thread *next)
{
    if (!sched_can_switch_to(next)) {
        sched_unblock(next); /* the general path keeps the priority order */
        sched_block();
        return;
    }
    sched_switch_direct(next);
}

void sched_rearm(void) { sched_arm_timer(clock_now_ns()); }

void sched_arm_and_switch(struct thread *prev, struct thread *next, uint64_t now)
{
    sched_arm_timer(now);
    sched_switch_context(prev, next);
}

void sched_set_priority(struct thread *t, uint8_t priority)
{
    if (t->state != THREAD_READY) {
        t->priority = priority;
        return;
    }
    sched_remove(t);
    t->priority = priority;
    enqueue(t, 0);
    sched_resched |= priority > sched_now->priority;
}

void sched_remove(struct thread *t)
{
    if (t->on_sleepers || t->state == THREAD_READY) {
        list_remove(&t->link);
        t->on_sleepers = false;
    }
    if (t->state == THREAD_READY && list_empty(&runq[t->priority]))
        prio_clear(&sched_ready_prios, t->priority);
    t->state = THREAD_BLOCKED;
}

noreturn void sched_exit(void)
{
    sched_charge(clock_now_ns());
    sched_now->state = THREAD_DEAD;
    reschedule();
    panic("sched_exit: a dead thread ran again");
}

static void wake_sleepers(uint64_t now)
{
    while (!list_empty(&sleepers)) {
        struct thread *t = list_entry(sleepers.next, struct thread, link);
        if (t->wake_ns > now)
            break;
        list_remove(&t->link);
        t->on_sleepers = false;
        enqueue(t, 0);
    }
}

void sched_timer_tick(uint64_t now)
{
    sched_armed_ns = UINT64_MAX; /* it fired */
    sched_charge(now);
    wake_sleepers(now);
    ktimer_fire_due(now);
    if (sched_now != idle && sched_now->budget_ns && sched_now->cpu_ns >= sched_now->budget_ns)
        task_budget_exhausted(); /* does not return */
    int best = prio_highest(&sched_ready_prios);
    if (sched_now == idle) {
        if (best >= 0)
            reschedule();
        else
            sched_arm_timer(now);
        return;
    }
    if (best > (int)sched_now->priority) {
        enqueue(sched_now, 1);
        reschedule();
    } else if (sched_now->slice_left_ns == 0) {
        enqueue(sched_now, 0); /* round robin: behind its peers, fresh slice */
        reschedule();
    } else {
        sched_arm_timer(now);
    }
}

static noreturn void idle_main(void *arg)
{
    (void)arg;
    for (;;)
        arch_wait_for_interrupt();
}

void sched_init(void)
{
    for (int p = 0; p < CONFIG_PRIORITIES; p++)
        list_init(&runq[p]);
    list_init(&sleepers);
    if (thread_create("idle", 0, idle_main, 0, &idle) != 0)
        panic("sched: no memory for the idle thread");
    boot_thread.name = "boot";
    boot_thread.state = THREAD_RUNNING;
    sched_now = &boot_thread;
}

noreturn void sched_start(void)
{
    boot_thread.state = THREAD_DEAD;
    sched_run_start_ns = clock_now_ns();
    reschedule();
    panic("sched_start: the boot context ran again");
}
