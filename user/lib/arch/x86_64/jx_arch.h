/* SPDX-License-Identifier: MIT */
/* jx_arch.h: x86-64 specifics the fault tests need (each does exactly one forbidden thing). */
#pragma once
#include <stdint.h>

/* Mapped, kernel-only: the direct map of physical 1 MiB (the kernel image's first page). */
#define JX_ARCH_KERNEL_ADDR  0xffff800000100000ul
#define JX_ARCH_DIVIDE_TRAPS 1

static inline void jx_arch_privileged(void) { __asm__ volatile("hlt"); }
static inline void jx_arch_undefined(void) { __asm__ volatile("ud2"); }
/* movaps needs a 16-byte aligned operand: store to rsp-8 of an aligned rsp. */
static inline void jx_arch_misaligned_stack(void)
{
    __asm__ volatile("andq $-16, %%rsp\n\tsubq $8, %%rsp\n\tmovaps %%xmm0, (%%rsp)" ::: "memory");
}
