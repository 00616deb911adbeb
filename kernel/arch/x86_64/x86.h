/* SPDX-License-Identifier: MIT */
/* x86.h: the x86-64 boot steps, in the order boot.c calls them. */
#pragma once
#include <stdint.h>
#include "boot.h"

void x86_serial_init(void);
void x86_cpu_init(void);
void x86_gdt_init(void);
void x86_idt_init(void);
void x86_timer_init(void);
uint64_t x86_kvmclock_tsc_hz(void);

/* Fills *bi from QEMU's PVH struct hvm_start_info (physical address). */
void x86_pvh_parse(uint64_t start_info_phys, struct boot_info *bi);

/* Called by entry.S on the boot stack, in the higher half, identity map gone. */
_Noreturn void x86_boot(uint64_t start_info_phys, uint64_t entry_tsc);
