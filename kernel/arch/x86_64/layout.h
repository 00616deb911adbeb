/* SPDX-License-Identifier: MIT */
/* layout.h: the x86-64 kernel's address layout, shared by C, assembly and linker.ld. */
#pragma once

/* The kernel runs at this virtual address + its physical address. */
#define X86_KERNEL_VMA 0xffffffff80000000
/* Where QEMU's PVH loader puts the kernel (the ELF's physical addresses). */
#define X86_KERNEL_PHYS 0x100000
/* entry.S maps physical [0, X86_BOOT_MAP_SIZE) at X86_KERNEL_VMA with 2 MiB pages. */
#define X86_BOOT_MAP_SIZE 0x40000000

/* Segment selectors (gdt.c builds the table, entry.S a boot copy). */
#define X86_SEL_KCODE 0x08
#define X86_SEL_KDATA 0x10
#define X86_SEL_TSS   0x28

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Boot loader data lives in low memory, reachable through the kernel map. */
static inline void *x86_phys_to_virt(uint64_t phys) { return (void *)(phys + X86_KERNEL_VMA); }
#endif
