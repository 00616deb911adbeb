/* SPDX-License-Identifier: MIT */
/* boot.c: x86-64 boot in C: console, CPU tables, timer, memory map, final page tables, then kernel_main. */
#include "arch.h"
#include "mmu.h"
#include "x86.h"

static struct boot_info boot_info;

/* RAM above what the direct map covers cannot be used: drop it from the list. */
static void ram_clip(struct boot_info *bi, uint64_t limit)
{
    size_t n = 0;
    for (size_t i = 0; i < bi->nram; i++) {
        struct mem_region r = bi->ram[i];
        if (r.base >= limit)
            continue;
        if (r.size > limit - r.base)
            r.size = limit - r.base;
        bi->ram[n++] = r;
    }
    bi->nram = n;
}

_Noreturn void x86_boot(uint64_t start_info_phys, uint64_t entry_tsc)
{
    boot_info.entry_cycles = entry_tsc;
    /* Console first, so that everything after it can report a failure. */
    x86_serial_init();
    x86_gdt_init();
    x86_idt_init();
    x86_cpu_init();
    x86_percpu_init();
    x86_syscall_init();
    x86_timer_init();
    /* The PVH data is read through the boot map, which x86_mmu_init drops. */
    x86_pvh_parse(start_info_phys, &boot_info);
    ram_clip(&boot_info, X86_DIRECT_MAP_MAX);
    x86_mmu_init(&boot_info);
    kernel_main(&boot_info);
}
