/* SPDX-License-Identifier: MIT */
/* ktest_core.h: the kernel-core boot tests (ktest_core.c), run by ktest.c's table; each returns 0 on success. */
#pragma once

/* Tolerances, here so the numbers in docs/kernel-core.md have one source. */
/* Average ready-to-running wait of a high-priority sleeper next to a
 * spinner: a scheduler that waited for the 10 ms timeslice would show ~5 ms. */
#define KTEST_PREEMPT_MAX_US 1000
#define KTEST_BUDGET_NS 50000000ull            /* 50 ms */
/*
 * Overshoot allowed: one timeslice. Typically 0.05-0.2 ms, but timer
 * delivery under TCG on a loaded host lags by milliseconds at times.
 */
#define KTEST_BUDGET_SLACK_US 10000
/* sleep(10 ms) must never be early and most often end within 2 ms. */
#define KTEST_SLEEP_NS 10000000ull
#define KTEST_SLEEP_SLACK_NS 2000000ull

int ktest_sched(void);
int ktest_preempt(void);
int ktest_budget(void);
int ktest_faults(void);
int ktest_tasks256(void);
int ktest_usercopy(void);
int ktest_fpu(void);
int ktest_sleep(void);
int ktest_ksleep(void);
int ktest_oom(void);
int ktest_bench(void);
int ktest_serial(void);
int ktest_vspace(void);
/* ktest_mem.c */
int ktest_memfill(void);
