/* SPDX-License-Identifier: MIT */
/* wake.c: sleeps 5 ms `arg` times; returns the average lateness in us (preemption latency), prints the worst. */
#include "jx.h"

int64_t main(uint64_t rounds)
{
    uint64_t worst = 0, sum = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        uint64_t t0 = jx_now_ns();
        jx_sleep_ns(5000000);
        uint64_t late = jx_now_ns() - t0 - 5000000;
        sum += late;
        if (late > worst)
            worst = late;
    }
    uint64_t avg = rounds ? sum / rounds : 0;
    printf("wake: %llu rounds, lateness average %llu us, worst %llu us\n",
           (unsigned long long)rounds, (unsigned long long)(avg / 1000),
           (unsigned long long)(worst / 1000));
    return (int64_t)(avg / 1000);
}
