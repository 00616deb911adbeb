/* SPDX-License-Identifier: MIT */
/* boot.h: what the arch boot code hands to kernel_main(). */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define BOOT_MAX_REGIONS 32

/* A range of usable RAM as the boot loader / DTB reported it. */
struct mem_region {
    uint64_t base, size;
};

struct boot_info {
    const char *cmdline;          /* kernel command line, "" if none */
    struct mem_region ram[BOOT_MAX_REGIONS];
    size_t nram;                  /* usable RAM regions in ram[] */
    uint64_t entry_cycles;        /* arch_cycles() at the first kernel instruction */
    const void *dtb;              /* flattened device tree, NULL on x86-64 */
};
