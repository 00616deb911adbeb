/* SPDX-License-Identifier: MIT */
/* ktest_core.h: the kernel-core boot tests (ktest_core.c), run by ktest.c's table; each returns true if it failed. */
#pragma once
#include <stdbool.h>

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
