/* SPDX-License-Identifier: MIT */
/* mmu.h: x86-64 page-table entry bits and the kernel's virtual layout beyond layout.h. */
#pragma once
#include <stdint.h>
#include "boot.h"

#define PTE_P    (1ull << 0)
#define PTE_W    (1ull << 1)
#define PTE_U    (1ull << 2)
#define PTE_PCD  (1ull << 4)
#define PTE_PS   (1ull << 7)      /* large page: 2 MiB in a PD entry, 1 GiB in a PDPT entry */
#define PTE_G    (1ull << 8)
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

/*
 * The direct map of RAM: physical p at X86_DIRECT_MAP + p, for p below
 * X86_DIRECT_MAP_MAX (64 TiB: PML4 slots 256..383). RAM above it is not
 * used (boot.c drops it).
 */
#define X86_DIRECT_MAP     0xffff800000000000ull
#define X86_DIRECT_MAP_MAX (1ull << 46)
/* Device registers (LAPIC, IOAPIC): PML4 511, PDPT 511. */
#define X86_MMIO_BASE 0xffffffffc0000000ull

/*
 * Builds the final kernel page tables, the direct map of bi->ram included,
 * and switches to them (boot, before kernel_main). The tables' frames are
 * cut from bi->ram.
 */
void x86_mmu_init(struct boot_info *bi);
/* Physical address of the kernel's PML4 (slots 256..511 are every space's kernel half). */
uint64_t x86_kernel_pml4(void);
/* Prints the direct map's size, page size and table count (after the banner). */
void x86_mmu_report(void);
/* Maps one page of device registers uncached at X86_MMIO_BASE + index * 4096. */
void *x86_mmio_map(unsigned index, uint64_t phys);
