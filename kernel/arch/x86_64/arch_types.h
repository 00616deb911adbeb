/* SPDX-License-Identifier: MIT */
/* arch_types.h: x86-64 types and constants generic code sees through arch.h. */
#pragma once
#include <stdint.h>

/* The line arch_irq_test_raise drives in the boot test: the CMOS RTC's IRQ 8. */
#define ARCH_IRQ_TEST_LINE 8u

/* The cycle counter (arch.h): the TSC. */
static inline uint64_t arch_cycles(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* A user address space: the physical address of its PML4 (kernel half shared). */
struct arch_vspace {
    uint64_t pml4;
};

/*
 * fxsave first: it must be 16-byte aligned, and struct thread starts with
 * this struct (slab objects are 16-byte aligned). rsp is the saved kernel
 * stack pointer while switched out (context.S pushed the callee-saved
 * registers there); kstack_top goes to TSS.rsp0 and the syscall entry.
 */
struct arch_thread {
    uint8_t fxsave[512] __attribute__((aligned(16)));
    uint64_t rsp;
    uint64_t kstack_top;
};

/*
 * User space: [64 KiB, 128 TiB - 4 KiB). The page below 64 KiB catch NULL
 * (plus small offsets); the top page stays unmapped so no syscall can
 * return to the non-canonical address 2^47 (the SYSRET #GP hazard).
 */
#define ARCH_USER_BASE 0x10000ul
#define ARCH_USER_TOP  0x00007ffffffff000ul
/* Kernel stacks: PML4 slot 511, PDPT slot 0 (the image lives at slot 510). */
#define ARCH_KSTACK_BASE      0xffffff8000000000ul
#define ARCH_KSTACK_AREA_SIZE 0x40000000ul
#define ARCH_ELF_MACHINE      62     /* EM_X86_64 */
