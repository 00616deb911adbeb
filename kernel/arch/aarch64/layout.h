/* SPDX-License-Identifier: MIT */
/* layout.h: the arm64 kernel's virtual address layout, shared by C, assembly and linker.ld.S. */
#pragma once

/*
 * TTBR1 (the top 256 TiB, 4 KiB granule, 4 levels) holds the kernel; TTBR0
 * is off after boot (TCR_EL1.EPD0), so every low address faults until user
 * address spaces arrive. All boot mappings sit in one 1 GiB slot, so they
 * share one L0, one L1 and one L2 table (mmu.c):
 *
 *   0xffffffff80000000  kernel image, 4 KiB pages, W^X   (L2 slots 0..)
 *   0xffffffffa0000000  the DTB, read-only, 2 MiB blocks (L2 slots 256..)
 *   0xffffffffb0000000  device registers, 4 KiB pages    (L2 slot 384)
 */
#define KERNEL_VMA        0xffffffff80000000
#define KERNEL_MAX_SIZE   0x400000              /* image + bss: 2 L3 tables */
#define DTB_WINDOW        0xffffffffa0000000
#define DTB_WINDOW_SIZE   0x400000              /* a DTB of up to 2 MiB, anywhere */
#define DEVICE_WINDOW     0xffffffffb0000000
#define DEVICE_WINDOW_SIZE 0x200000             /* one L3 table of device pages */

/*
 * Stacks are STACK_SIZE bytes at a 2 * STACK_SIZE-aligned base, with an
 * unmapped guard page right below. Any sp inside such a stack has bit
 * STACK_OVERFLOW_BIT clear and an sp that ran off its bottom has it set,
 * which is how an exception vector spots an overflowed stack with one test
 * before pushing anything (vectors.S). It then switches to the emergency
 * stack (4 KiB, also at a 2 * STACK_SIZE-aligned base) to report it.
 */
#define STACK_SIZE        0x4000
#define STACK_ALIGN       (2 * STACK_SIZE)
#define STACK_OVERFLOW_BIT 14                   /* log2(STACK_SIZE) */
#define EMERGENCY_STACK_SIZE 0x1000

#define PAGE_SIZE         0x1000
#define BLOCK_SIZE        0x200000              /* an L2 block */
