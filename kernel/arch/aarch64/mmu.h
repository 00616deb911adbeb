/* SPDX-License-Identifier: MIT */
/* mmu.h: the arm64 boot translation tables and the windows mapped through them (layout.h). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/*
 * Called by entry.S with the MMU off, running at the load address
 * `kernel_phys`: fills the zeroed boot tables so that TTBR1 maps the kernel
 * image at KERNEL_VMA (text read-only executable, rodata read-only, data and
 * bss read-write, nothing both writable and executable; the boot stack's
 * guard page unmapped) and TTBR0 maps the
 * first 2 MiB of the image onto itself for the instructions that switch.
 */
void mmu_boot_tables(uint64_t kernel_phys);

/*
 * Maps the DTB at physical `phys` read-only into DTB_WINDOW. Returns its
 * virtual address and sets *avail to how many bytes from there are mapped;
 * NULL if phys cannot be a DTB (0, misaligned, beyond 48 bits).
 */
const void *mmu_map_dtb(uint64_t phys, size_t *avail);

/*
 * Maps the device registers [phys, phys + size) as Device-nGnRE memory into
 * DEVICE_WINDOW. Returns the virtual address of phys, NULL if the window is
 * full or the range is absurd.
 */
volatile void *mmu_map_device(uint64_t phys, uint64_t size);
