/* SPDX-License-Identifier: MIT */
/* mmu.h: x86-64 page-table entry bits and the kernel's virtual layout beyond layout.h. */
#pragma once
#include <stdint.h>

#define PTE_P    (1ull << 0)
#define PTE_W    (1ull << 1)
#define PTE_U    (1ull << 2)
#define PTE_PCD  (1ull << 4)
#define PTE_PS   (1ull << 7)      /* 2 MiB page in a PD entry */
#define PTE_G    (1ull << 8)
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

/* The direct map of RAM: PML4 slot 256. */
#define X86_DIRECT_MAP 0xffff800000000000ull
#define X86_DIRECT_MAP_MAX (4ull << 30)          /* RAM above 4 GiB is not used (boot.c drops it) */
/* Device registers (LAPIC, IOAPIC): PML4 511, PDPT 511. */
#define X86_MMIO_BASE 0xffffffffc0000000ull

/* Builds the final kernel page tables and switches to them (boot, before kernel_main). */
void x86_mmu_init(uint64_t ram_end);
/* Maps one page of device registers uncached at X86_MMIO_BASE + index * 4096. */
void *x86_mmio_map(unsigned index, uint64_t phys);
