/* SPDX-License-Identifier: MIT */
/* wake.c: sleeps 5 ms `arg` times; returns the median lateness in us (preemption latency), prints the worst. */
#include "jx.h"

#define MAX_ROUNDS 64

int64_t main(uint64_t rounds)
{
    uint64_t late[MAX_ROUNDS];
    if (rounds == 0 || rounds > MAX_ROUNDS)
        return -1;
    for (uint64_t i = 0; i < rounds; i++) {
        uint64_t t0 = jx_now_ns();
        jx_sleep_ns(5000000);
        late[i] = jx_now_ns() - t0 - 5000000;
    }
    /* Insertion sort: the median shrugs off the odd round where the host itself was busy. */
    for (uint64_t i = 1; i < rounds; i++)
        for (uint64_t j = i; j > 0 && late[j - 1] > late[j]; j--) {
            uint64_t t = late[j];
            late[j] = late[j - 1];
            late[j - 1] = t;
        }
    printf("wake: %llu rounds, lateness median %llu us, worst %llu us\n",
           (unsigned long long)rounds, (unsigned long long)(late[rounds / 2] / 1000),
           (unsigned long long)(late[rounds - 1] / 1000));
    return (int64_t)(late[rounds / 2] / 1000);
}
