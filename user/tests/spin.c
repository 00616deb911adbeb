/* SPDX-License-Identifier: MIT */
/* spin.c: CPU-bound for `arg` ms of wall time (forever if 0), counting the times it was preempted. */
#include "jx.h"

/* A gap this long between two clock reads means another thread ran meanwhile. */
#define GAP_NS 1000000ull

int64_t main(uint64_t ms)
{
    uint64_t start = jx_now_ns(), last = start, gaps = 0, loops = 0;
    for (;;) {
        uint64_t now = jx_now_ns();
        if (now - last > GAP_NS)
            gaps++;
        last = now;
        loops++;
        if (ms && now - start >= ms * 1000000ull)
            break;
    }
    printf("spin: %llu ms done, %llu loops, preempted %llu times\n", (unsigned long long)ms,
           (unsigned long long)loops, (unsigned long long)gaps);
    return (int64_t)gaps;
}
