/* SPDX-License-Identifier: MIT */
/* mmu.h: the kernel half of the address space (TTBR1) and the windows mapped through it (layout.h). */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "boot.h"
#include "layout.h"

typedef uint64_t pte_t;

/*
 * Called by entry.S with the MMU off, running at the load address
 * `kernel_phys`: fills the zeroed boot tables so that TTBR1 maps the kernel
 * image at KERNEL_VMA (text read-only executable, rodata read-only, data and
 * bss read-write, nothing both writable and executable; the boot stack's
 * guard page unmapped), wires the kernel stack area's tables (all slots
 * unmapped), and TTBR0 maps the first 2 MiB of the image onto itself for the
 * instructions that switch.
 */
void mmu_boot_tables(uint64_t kernel_phys);

/* Records the image's physical load address; first thing in C with the MMU on. */
void mmu_init(uint64_t kernel_phys);

/* Physical address of `va`, which must lie in the kernel image (bss included). */
uint64_t mmu_kernel_phys(const void *va);

/*
 * Maps the DTB at physical `phys` read-only into DTB_WINDOW. Returns its
 * virtual address and sets *avail to how many bytes from there are mapped;
 * NULL if phys cannot be a DTB (0, misaligned, beyond 48 bits).
 */
const void *mmu_map_dtb(uint64_t phys, size_t *avail);

/*
 * Maps the device registers [phys, phys + size) as Device-nGnRE memory into
 * DEVICE_WINDOW (pages for small ranges, 2 MiB blocks from 1 MiB up).
 * Returns the virtual address of phys, NULL if the window is full or the
 * range is absurd.
 */
volatile void *mmu_map_device(uint64_t phys, uint64_t size);

/*
 * The direct map: maps the page-aligned RAM regions ram[0..n) at
 * DIRECT_MAP + physical address, read-write, never executable, 1 GiB and
 * 2 MiB blocks where aligned. Its tables come from a fixed pool in bss; whatever does not
 * fit (or lies above DIRECT_MAP_LIMIT) is cut from ram[]: returns the new
 * count, with the last region possibly shortened.
 */
size_t mmu_map_ram(struct mem_region *ram, size_t n);
/* Prints the direct map's size and the tables it took (after the banner). */
void mmu_report(void);

/* The L3 entry for `va` in the kernel stack area, NULL if va is outside it. */
pte_t *mmu_kstack_pte(uint64_t va);

/* Kernel virtual address of RAM at physical `pa` (through the direct map). */
static inline void *mmu_phys_to_virt(uint64_t pa) { return (void *)(uintptr_t)(DIRECT_MAP + pa); }
