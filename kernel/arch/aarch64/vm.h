/* SPDX-License-Identifier: MIT */
/* vm.h: arm64 user address spaces (TTBR0) and ASIDs. */
#pragma once

/*
 * Points TTBR0 at an empty table (every user address faults) and turns
 * TTBR0 walks on; picks 16-bit ASIDs when the CPU has them. After
 * mmu_init, before any address space exists.
 */
void vm_init(void);
