/* SPDX-License-Identifier: MIT */
/* thread.h: thread control blocks: kernel stack (guarded), context, priority, CPU accounting. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "arch.h"
#include "list.h"
#include "jericho/cap.h"
#include "jericho/error.h"

struct task;
struct vspace;
struct kobj;
struct reply;

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

/* What a BLOCKED thread waits for in IPC (kernel/object/ipc.c). */
enum ipc_wait {
    IPC_NONE,
    IPC_SEND,                  /* queued on an endpoint with a message (send or call) */
    IPC_RECV,                  /* queued on an endpoint for a message */
    IPC_REPLY,                 /* its call was received; waits on a Reply object */
    IPC_NOTIFY,                /* queued on a notification */
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
    bool on_sleepers;          /* `link` is on the sleep queue (sleep or an IPC timeout) */
    /*
     * The syscall in progress: its six argument/result registers (on this
     * thread's kernel stack, so a partner can deliver a message into them
     * while it is blocked) and the result it will return.
     */
    uint64_t *sysregs;
    jx_error_t sys_result;
    /* IPC state while blocked (ipc.c). */
    enum ipc_wait ipc_wait;
    struct list_node ipc_link; /* on ipc_obj's queue */
    struct kobj *ipc_obj;      /* the endpoint or notification it is queued on */
    uint64_t ipc_badge;        /* IPC_SEND: the badge of the capability it sends with */
    bool ipc_grant;            /* IPC_SEND: that capability had GRANT */
    bool ipc_call;             /* IPC_SEND: a call (waits for the reply afterwards) */
    struct reply *ipc_reply; /* IPC_RECV: where a call gets bound; IPC_REPLY: the one it waits on */
    struct jx_ipc_buffer
        *ipcbuf; /* its IPC buffer through the direct map; NULL for kernel threads */
};

/*
 * A new BLOCKED thread that will run entry(arg) once sched_ready() is
 * called on it. JX_OK and *out, or JX_ENOMEM (no TCB, stack slot or frame).
 */
jx_error_t thread_create(const char *name, uint8_t priority, void (*entry)(void *), void *arg,
                         struct thread **out);
/* Frees the TCB and kernel stack of a thread that is not current and not on any queue. */
void thread_destroy(struct thread *t);
/* Number of threads that exist (for leak checks). */
unsigned thread_count(void);
