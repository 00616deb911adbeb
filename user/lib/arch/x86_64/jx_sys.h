/* SPDX-License-Identifier: MIT */
/* jx_sys.h: x86-64 inline syscall with six registers in and out (include/jericho/syscall.h's convention). */
#pragma once
#include <stdint.h>

/*
 * r[0..5] -> rdi, rsi, rdx, r10, r8, r9 and back. Inline, so that a wrapper's
 * register array lives in registers: no call, no spills around `syscall`.
 */
static inline uint64_t jx_arch_syscall6(uint64_t num, uint64_t r[6])
{
    register uint64_t r0 __asm__("rdi") = r[0], r1 __asm__("rsi") = r[1], r2 __asm__("rdx") = r[2],
                         r3 __asm__("r10") = r[3], r4 __asm__("r8") = r[4], r5 __asm__("r9") = r[5];
    __asm__ volatile("syscall"
                     : "+a"(num), "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5)::"rcx",
                       "r11", "memory");
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    return num;
}
