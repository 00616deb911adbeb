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
    /*
     * The boot archive the loader put in RAM (QEMU's -initrd), size 0 if
     * none. It stays inside ram[] so that the direct map covers it;
     * frame_init keeps its pages out of the pool. The kernel never parses
     * it: it hands it to the root task read-only (kernel/root.c).
     */
    struct mem_region initrd;
};
