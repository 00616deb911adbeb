/* SPDX-License-Identifier: MIT */
/* hwrand.c (x86-64): RDRAND for the runner's random seed, if CPUID reports it. */
#include "../../platform.h"

bool platform_hwrand(uint64_t *out)
{
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    if (!(c & (1u << 30)))
        return false;
    for (int tries = 0; tries < 10; tries++) { /* Intel: retry a few times on underflow */
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
