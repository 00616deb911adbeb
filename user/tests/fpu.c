/* SPDX-License-Identifier: MIT */
/* fpu.c: repeats one float computation seeded by `arg` for 300 ms; any change means FPU state leaked between tasks. */
#include "jx.h"

/* Long enough to be preempted in the middle, with live values in SIMD registers. */
static double compute(double seed)
{
    double a = seed, b = seed * 0.5, c = 1.0 / (seed + 3.0), d = seed * seed;
    for (int i = 0; i < 200000; i++) {
        a = a * 1.0000001 + c;
        b = b * 0.9999999 + d * 1e-9;
        c = c + a * 1e-12 - b * 1e-12;
        d = d * 1.00000001;
    }
    return a + b * 3.0 + c * 5.0 + d * 7.0;
}

int64_t main(uint64_t seed)
{
    volatile double s = (double)seed;
    double want = compute(s);
    uint64_t start = jx_now_ns();
    int rounds = 0, bad = 0;
    while (jx_now_ns() - start < 300000000ull) {
        double got = compute(s);
        if (got != want)
            bad++;
        rounds++;
    }
    printf("fpu: seed %llu: %d rounds, %d mismatches\n", (unsigned long long)seed, rounds, bad);
    return bad;
}
