/* SPDX-License-Identifier: MIT */
/* x86.h: the x86-64 boot steps, in the order boot.c calls them, and shared arch-internal hooks. */
#pragma once
#include <stdint.h>
#include <stdbool.h>
#include "boot.h"

/* Interrupt vectors (idt.c, vectors.S). */
#define X86_VEC_TIMER  32
#define X86_VEC_SERIAL 33
/* IOAPIC input n (a user line, IRQ handlers) -> vector X86_VEC_LINE0 + n. */
#define X86_VEC_LINE0    48
#define X86_IOAPIC_LINES 24
#define X86_VEC_SPURIOUS 255

void x86_serial_init(void);
void x86_cpu_init(void);
void x86_gdt_init(void);
void x86_idt_init(void);
void x86_timer_init(void);
uint64_t x86_kvmclock_tsc_hz(void);
void x86_percpu_init(void);
void x86_syscall_init(void);

/* Fills *bi from QEMU's PVH struct hvm_start_info (physical address). */
void x86_pvh_parse(uint64_t start_info_phys, struct boot_info *bi);

/* Called by entry.S on the boot stack, in the higher half, identity map gone. */
_Noreturn void x86_boot(uint64_t start_info_phys, uint64_t entry_tsc);

/* apic.c: LAPIC on, its timer calibrated (returns its Hz), COM1 routed; EOI; arm the one-shot. */
uint64_t x86_apic_init(void);
void x86_lapic_eoi(void);
/* Masks / unmasks IOAPIC input `line` (routed to X86_VEC_LINE0 + line at init, masked). */
void x86_ioapic_mask(unsigned line, bool masked);
void x86_lapic_oneshot(uint32_t ticks);
/* timer.c: the LAPIC timer's rate, for arch_timer_arm. */
void x86_timer_set_lapic_hz(uint64_t hz);
/* irq.c: one interrupt vector (from trap.c). */
void x86_irq_handle(uint64_t vector);
/* serial.c: receive interrupt on; drain received bytes into console_input(). */
void x86_serial_irq_enable(void);
void x86_serial_irq(void);
/* cpu.c: whether CR4.SMAP is on (context.S tests it before stac/clac). */
extern uint8_t x86_smap_enabled;
void x86_cpu_report(void);
