/* SPDX-License-Identifier: MIT */
/* ktest_core.h: the kernel-core boot tests (ktest_core.c), run by ktest.c's table; each returns true if it failed. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cspace.h"
#include "task.h"

/* Tolerances, here so the numbers in docs/kernel-core.md have one source. */
/* Average ready-to-running wait of a high-priority sleeper next to a
 * spinner: a scheduler that waited for the 10 ms timeslice would show ~5 ms. */
#define KTEST_PREEMPT_MAX_US 1000
#define KTEST_BUDGET_NS      50000000ull /* 50 ms */
/*
 * Overshoot allowed: one timeslice. Typically 0.05-0.2 ms, but timer
 * delivery under TCG on a loaded host lags by milliseconds at times.
 */
#define KTEST_BUDGET_SLACK_US 10000
/* sleep(10 ms) must never be early and most often end within 2 ms. */
#define KTEST_SLEEP_NS       10000000ull
#define KTEST_SLEEP_SLACK_NS 2000000ull
/* Call/reply_recv round trips of test=ipc (the full million: test=ipc-1m). */
#define KTEST_IPC_ROUNDS 100000u

bool ktest_sched(void);
bool ktest_preempt(void);
bool ktest_budget(void);
bool ktest_faults(void);
bool ktest_tasks256(void);
bool ktest_usercopy(void);
bool ktest_fpu(void);
bool ktest_sleep(void);
bool ktest_ksleep(void);
bool ktest_oom(void);
bool ktest_bench(void);
bool ktest_serial(void);
bool ktest_vspace(void);
/* ktest_mem.c */
bool ktest_memfill(void);
/* ktest_region.c */
bool ktest_region(void);
bool ktest_region_runners(void);

/* The root's table (ktest_core.c): slot 0 the console (RW), slot 1 the clock (R); tests add more. */
#define KTEST_ROOT_CONSOLE 0
#define KTEST_ROOT_CLOCK   1
/* Where test programs find the console and the clock (user/lib/jx.h's convention). */
#define JX_SLOT_CONSOLE 0
#define JX_SLOT_CLOCK   1
extern struct cspace ktest_root;
/* A root slot (the console and clock slots are filled on first use). */
struct cap_slot *ktest_root_slot(unsigned slot);
/* A new Endpoint, Notification or Reply (not charged to any quota), or NULL
 * with a message naming the type and the error. */
struct kobj *ktest_new_ipc_object(jx_obj_type_t type);
/* Creates (not starts) a task running user/tests/<prog>.c, with the console and clock if std_caps; NULL on failure. */
struct task *ktest_create(const char *name, const char *prog, uint64_t arg, uint8_t prio,
                          uint64_t budget_ns, bool std_caps);
/* Waits for t, frees it; its exit code, or -1000 - cause if it did not exit normally. */
int64_t ktest_reap(struct task *t, jx_exit_cause_t *cause, uint64_t *cpu_ns);
/* Prints the frame/task/thread counts; true if frames leaked or a task is left. */
bool ktest_check_frames(const char *test, size_t before);
/* ktest_cap.c */
bool ktest_caps(void);
bool ktest_ipc(void);
bool ktest_ipc_1m(void);
bool ktest_ipc_badge(void);
bool ktest_ipc_revoke(void);
bool ktest_ipc_kill(void);
bool ktest_mem_quota(void);
bool ktest_mem_shm(void);
bool ktest_mem_kill(void);
bool ktest_bench_ipc(void);
bool ktest_task_cap(void);
bool ktest_task_create(void);
/* ktest_irq.c */
bool ktest_irq(void);
