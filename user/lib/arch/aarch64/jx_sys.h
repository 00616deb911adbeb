/* SPDX-License-Identifier: MIT */
/* jx_sys.h: arm64 inline syscall with six registers in and out (include/jericho/syscall.h's convention). */
#pragma once
#include <stdint.h>

/*
 * r[0..5] -> x0..x5 and back, the number in x8, the result in x0. Inline, so
 * that a wrapper's register array lives in registers.
 */
static inline uint64_t jx_arch_syscall6(uint64_t num, uint64_t r[6])
{
    register uint64_t x8 __asm__("x8") = num;
    register uint64_t r0 __asm__("x0") = r[0], r1 __asm__("x1") = r[1], r2 __asm__("x2") = r[2],
                         r3 __asm__("x3") = r[3], r4 __asm__("x4") = r[4], r5 __asm__("x5") = r[5];
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5)
                     : "r"(x8)
                     : "memory");
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    return r0;
}
