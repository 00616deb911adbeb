/* SPDX-License-Identifier: MIT */
/* timer.c: the arm64 generic timer's virtual counter as the kernel's cycle clock. */
#include "arch.h"

/* The isb keeps the read from being hoisted above earlier instructions, so a
 * measured interval covers what it claims to. */
uint64_t arch_cycles(void)
{
    uint64_t v;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) :: "memory");
    return v;
}

uint64_t arch_cycles_per_second(void)
{
    uint64_t hz;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    return hz;
}
