/* SPDX-License-Identifier: MIT */
/* ktest_fuzz.h: the robustness boot tests (ktest_fuzz.c, ktest_stress.c) and the kernel's accounting snapshot they compare. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "jericho/cap.h"

/* Calls per fuzzer task of test=sysfuzz and of test=sysfuzz-long (docs/ROBUSTNESS.md). */
#define KTEST_FUZZ_CALLS      100000u
#define KTEST_FUZZ_LONG_CALLS 2500000u

/* Calls per storm client, restarts of test=restart, and their long versions (ktest_stress.c). */
#define KTEST_STORM_CALLS      1000u
#define KTEST_STORM_LONG_CALLS 20000u
#define KTEST_RESTARTS         1000u
#define KTEST_RESTARTS_LONG    10000u

/* What the kernel holds: free frames, live objects of each type, tasks and threads. */
struct ktest_counts {
    size_t frames;
    unsigned objects[JX_OBJ_TYPE_COUNT];
    unsigned tasks, threads;
};
void ktest_counts_take(struct ktest_counts *c);
/* Prints both snapshots; true if anything differs from `before`. */
bool ktest_counts_differ(const char *test, const struct ktest_counts *before);

bool ktest_sysfuzz(void);
bool ktest_sysfuzz_long(void);
bool ktest_storm(void);
bool ktest_storm_long(void);
bool ktest_restart(void);
bool ktest_restart_long(void);
bool ktest_exhaust(void);
