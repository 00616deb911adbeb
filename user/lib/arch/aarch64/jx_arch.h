/* SPDX-License-Identifier: MIT */
/* jx_arch.h: arm64 specifics the fault tests need (each does exactly one forbidden thing). */
#pragma once
#include <stdint.h>

/* Mapped, kernel-only (TTBR1): the kernel image. */
#define JX_ARCH_KERNEL_ADDR 0xffffffff80000000ul
/* sdiv/udiv by zero give 0 on arm64: there is nothing to trap. */
#define JX_ARCH_DIVIDE_TRAPS 0

static inline void jx_arch_privileged(void) { __asm__ volatile("mrs x0, sctlr_el1" ::: "x0"); }
static inline void jx_arch_undefined(void) { __asm__ volatile("udf #0"); }
/*
 * A load through an sp that is not 16-byte aligned: with SCTLR_EL1.SA0 set
 * that is an SP alignment fault on hardware, but QEMU does not model SP
 * alignment checks, so the load is an exclusive (ldxr) from an address not
 * 8-byte aligned either, which faults (alignment fault) everywhere.
 */
static inline void jx_arch_misaligned_stack(void)
{
    __asm__ volatile("mov x9, sp\n\tsub x9, x9, #12\n\tmov sp, x9\n\tldxr x10, [sp]" ::
                         : "x9", "x10", "memory");
}
