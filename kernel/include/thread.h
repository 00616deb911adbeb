/* SPDX-License-Identifier: MIT */
/* thread.h: thread control blocks: kernel stack (guarded), context, priority, CPU accounting. */
#pragma once
#include <stdint.h>
#include "arch.h"
#include "list.h"
#include "jericho/error.h"

struct task;
struct vspace;

/* Scheduling latency statistics: how long a thread stayed READY before it ran. */
struct sched_waits {
    uint64_t count, total_ns, max_ns;
};

static inline void sched_waits_add(struct sched_waits *w, uint64_t ns)
{
    w->count++;
    w->total_ns += ns;
    if (ns > w->max_ns)
        w->max_ns = ns;
}

enum thread_state {
    THREAD_READY,              /* on a run queue */
    THREAD_RUNNING,            /* the current thread */
    THREAD_BLOCKED,            /* sleeping or waiting; on no run queue */
    THREAD_DEAD,               /* will never run again; its creator destroys it */
};

struct thread {
    struct arch_thread arch;   /* first: holds the aligned FPU area */
    struct list_node link;     /* run queue or sleep queue */
    enum thread_state state;
    uint8_t priority;
    const char *name;
    struct task *task;         /* NULL for kernel threads */
    struct vspace *vspace;     /* user half while it runs; NULL for kernel threads */
    uintptr_t kstack_base;     /* lowest mapped byte of the kernel stack */
    int kstack_slot;
    uint64_t wake_ns;          /* when BLOCKED by sched_sleep_until */
    uint64_t slice_left_ns;    /* of the current timeslice */
    uint64_t cpu_ns;           /* CPU time used so far */
    uint64_t budget_ns;        /* stop it when cpu_ns reaches this; 0 = unlimited */
    uint64_t ready_ns;         /* when it last became READY */
    struct sched_waits waits;  /* READY -> RUNNING waits so far (scheduling latency) */
};

/*
 * A new BLOCKED thread that will run entry(arg) once sched_ready() is
 * called on it. JX_OK and *out, or JX_ENOMEM (no TCB, stack slot or frame).
 */
jx_error_t thread_create(const char *name, uint8_t priority, void (*entry)(void *),
                  void *arg, struct thread **out);
/* Frees the TCB and kernel stack of a thread that is not current and not on any queue. */
void thread_destroy(struct thread *t);
/* Number of threads that exist (for leak checks). */
unsigned thread_count(void);
