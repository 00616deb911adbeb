/* SPDX-License-Identifier: MIT */
/* layout.h: the arm64 kernel's virtual address layout, shared by C, assembly and linker.ld.S. */
#pragma once

/*
 * TTBR1 (the top 256 TiB, 4 KiB granule, 4 levels) holds the kernel. TTBR0
 * holds the running task's address space (vm.c), or an empty table when
 * none is active, so every low address faults unless a task mapped it.
 *
 *   0xffff000000000000  direct map: physical address p at DIRECT_MAP + p,
 *                       usable RAM only, read-write, never executable
 *   0xffffffff00000000  kernel stacks (arch_kernel_map; the generic kstack.c
 *                       picks the slots and leaves a guard page under each)
 *   0xffffffff80000000  kernel image, 4 KiB pages, W^X   (L2 slots 0..)
 *   0xffffffffa0000000  the DTB, read-only, 2 MiB blocks (L2 slots 256..)
 *   0xffffffffb0000000  device registers: first 2 MiB in 4 KiB pages (L2
 *                       slot 384), then 2 MiB blocks for big ranges such as
 *                       the GICv3 redistributors (slots 385..511)
 *
 * The last three share one L0, one L1 and one L2 table (mmu.c).
 */
#define DIRECT_MAP         0xffff000000000000
#define DIRECT_MAP_LIMIT   0x0000400000000000    /* physical addresses below 64 TiB */
#define KSTACK_AREA        0xffffffff00000000    /* = ARCH_KSTACK_BASE */
#define KSTACK_AREA_SIZE   0x2000000             /* 16 L3 tables, in bss */
#define KERNEL_VMA         0xffffffff80000000
#define KERNEL_MAX_SIZE    0x800000              /* image + bss: 4 L3 tables */
#define DTB_WINDOW         0xffffffffa0000000
#define DTB_WINDOW_SIZE    0x400000              /* a DTB of up to 2 MiB, anywhere */
#define DEVICE_WINDOW      0xffffffffb0000000
#define DEVICE_PAGES_SIZE  0x200000              /* one L3 table of device pages */
#define DEVICE_WINDOW_SIZE 0x10000000           /* pages, then 2 MiB blocks */

/*
 * The boot stack: STACK_SIZE bytes with an unmapped guard page right below,
 * like every thread's kernel stack. An exception vector checks that the
 * frame it is about to push lands on a writable page (AT S1E1W, vectors.S)
 * before pushing anything; if not, the stack has overflowed into its guard
 * and the report runs on the emergency stack (4 KiB) instead.
 */
#define STACK_SIZE           0x4000
#define STACK_ALIGN          (2 * STACK_SIZE)
#define EMERGENCY_STACK_SIZE 0x1000

#define PAGE_SIZE  0x1000
#define BLOCK_SIZE 0x200000              /* an L2 block */
