/* SPDX-License-Identifier: MIT */
/* arch_types.h: arm64 types and constants generic code sees through arch.h. */
#pragma once
#include <stdint.h>

/* The line arch_irq_test_raise drives in the boot test: SPI 64 (INTID 96), unused on QEMU virt. */
#define ARCH_IRQ_TEST_LINE 64u

/* The cycle counter (arch.h). The isb keeps the read from being hoisted
 * above earlier instructions, so a measured interval covers what it claims to. */
static inline uint64_t arch_cycles(void)
{
    uint64_t v;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v)::"memory");
    return v;
}

/* A user address space: the physical address of its TTBR0 level-0 table and
 * its ASID (0: none free, TLB flushed on every switch to it; vm.c). */
struct arch_vspace {
    uint64_t l0;
    uint16_t asid;
};

/*
 * What arch_switch() keeps (the callee-saved registers x19-x29, x30
 * = where it resumes, sp, TPIDR_EL0 = the user thread pointer), the kernel
 * stack top, then the user FP/SIMD state arch_fpu_save() stores: q0-q31
 * (16-byte aligned, like struct thread: slab objects are), FPCR, FPSR.
 * Offsets are fixed by context.S (checked in thread.c).
 */
struct arch_thread {
    uint64_t x19_x28[10], x29, x30, sp, tpidr_el0;
    uint64_t kstack_top;
    uint64_t q[32][2] __attribute__((aligned(16)));
    uint64_t fpcr, fpsr;
};

/*
 * User space: [64 KiB, 256 TiB - 4 KiB) of TTBR0 (48-bit VAs). The pages
 * below 64 KiB catch NULL plus small offsets; the top page stays unmapped
 * like x86-64's, so both arches give tasks the same shape of range.
 */
#define ARCH_USER_BASE 0x10000ul
#define ARCH_USER_TOP  0x0000fffffffff000ul
/* Kernel stacks: 32 MiB at 0xffffffff00000000 whose L3 tables are in the
 * image (mmu.c), so mapping a stack page never needs a table frame. */
#define ARCH_KSTACK_BASE      0xffffffff00000000ul
#define ARCH_KSTACK_AREA_SIZE 0x2000000ul
#define ARCH_ELF_MACHINE      183    /* EM_AARCH64 */
