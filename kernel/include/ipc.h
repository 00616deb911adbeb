/* SPDX-License-Identifier: MIT */
/* ipc.h: what every IPC object shares: message transfer between two threads, blocking with a timeout, waking, cancelling. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "kobj.h"
#include "list.h"
#include "thread.h"
#include "jericho/error.h"

/* The syscall registers: r0 handle(s), r1 info, r2..r4 message words, r5 timeout in / badge out. */
#define IPC_REG_INFO    1
#define IPC_REG_MR0     2
#define IPC_REG_BADGE   5
#define IPC_REG_TIMEOUT 5

/* A timeout in ns (JX_TIMEOUT_NONE/FOREVER) as an absolute deadline: 0 = poll, UINT64_MAX = never. */
uint64_t ipc_deadline(uint64_t timeout_ns);

/*
 * Copies the message `from` is sending (its info and message registers, the
 * bytes of its IPC buffer, and with `grant` its capabilities) into `to`'s
 * registers and IPC buffer; `to` sees `badge` in r5. Capabilities go into
 * the receiver's recv_slots in order until one cannot be placed (the
 * sender's handle went stale, or the receiver's slot is taken or out of
 * range); the info word `to` gets counts those installed. Cannot fail.
 */
void ipc_deliver(struct thread *from, struct thread *to, uint64_t badge, bool grant);

/*
 * Queues the current thread on `queue` of obj waiting for `w` and blocks it
 * until a partner wakes it or `deadline` passes. Returns the result the
 * partner left (JX_OK, JX_EDESTROYED) or JX_ETIMEDOUT.
 */
jx_error_t ipc_block(struct list_node *queue, struct kobj *obj, enum ipc_wait w, uint64_t deadline);
/* The first thread on queue if it waits for `w`, else NULL. */
struct thread *ipc_first(struct list_node *queue, enum ipc_wait w);
/* Takes t off the queue it is on (it stays BLOCKED; a receiver's Reply is kept). */
void ipc_dequeue(struct thread *t);
/* Readies a blocked partner with `result` (it no longer waits on anything). */
void ipc_wake(struct thread *t, jx_error_t result);
/* Wakes every thread on queue with JX_EDESTROYED: its object is being destroyed. */
void ipc_wake_all(struct list_node *queue);
/* Takes a thread that will never run again out of whatever IPC wait it is in. */
void ipc_cancel(struct thread *t);
/*
 * The current thread blocks (already recorded as waiting) and `next`, a
 * blocked partner just given its message, runs: directly, without a
 * scheduler pass, unless a timeout already readied it or a thread of higher
 * priority than `next` is ready.
 */
void ipc_switch(struct thread *next);

/*
 * The fast path (ipc_fast.c), JX_SYS_CALL's and JX_SYS_REPLY_RECV's entry
 * from syscall_dispatch with the current thread and its raw registers:
 * returns the call's result, once the thread has run again, or when a
 * check fails (nothing changed) whatever the general path returns for it.
 */
uint64_t ipc_fast_call(struct thread *self, uint64_t *regs);
uint64_t ipc_fast_reply_recv(struct thread *self, uint64_t *regs);
/* How many calls the fast path has done (the boot tests check that it fires). */
extern uint64_t ipc_fast_hits;
