/* SPDX-License-Identifier: MIT */
/* timing.h: the monotonic clock and the median-friendly sort the benchmark tools share. */
#pragma once
#include <stdlib.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static inline double timing_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int timing_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts n timings ascending: t[0] is the minimum, t[n / 2] the median. */
static inline void timing_sort(double *t, int n) { qsort(t, (size_t)n, sizeof *t, timing_cmp); }
