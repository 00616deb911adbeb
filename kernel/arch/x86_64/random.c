/* SPDX-License-Identifier: MIT */
/* random.c (x86-64): RDRAND, the CPU's random-number generator, when CPUID reports it. */
#include "arch.h"
#include "cpu.h"

bool arch_random(uint64_t *out)
{
    static int have = -1; /* unknown until first asked */
    if (have < 0)
        have = (cpuid(1, 0).ecx >> 30) & 1;
    /* RDRAND may fail transiently (CF=0): Intel's guidance is ten retries. */
    for (int i = 0; have && i < 10; i++) {
        uint64_t v;
        uint8_t ok;
        __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
        if (ok) {
            *out = v;
            return true;
        }
    }
    return false;
}
