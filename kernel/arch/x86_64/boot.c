/* SPDX-License-Identifier: MIT */
/* boot.c: x86-64 boot in C: bring up console, CPU tables and timer, then kernel_main. */
#include "arch.h"
#include "x86.h"

static struct boot_info boot_info;

_Noreturn void x86_boot(uint64_t start_info_phys, uint64_t entry_tsc)
{
    boot_info.entry_cycles = entry_tsc;
    /* Console first, so that everything after it can report a failure. */
    x86_serial_init();
    x86_gdt_init();
    x86_idt_init();
    x86_cpu_init();
    x86_timer_init();
    x86_pvh_parse(start_info_phys, &boot_info);
    kernel_main(&boot_info);
}
