/* SPDX-License-Identifier: MIT */
/* idt.c: the interrupt descriptor table: the 32 CPU exceptions and our interrupts go to vectors.S. */
#include <stdint.h>
#include "gdt.h"
#include "layout.h"
#include "x86.h"

#define IDT_EXCEPTIONS 32
#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate (IF cleared) */

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

/* Entry points of the 32 exception stubs and the 3 interrupt stubs (vectors.S). */
extern const uint64_t x86_exception_stubs[IDT_EXCEPTIONS];
extern const uint64_t x86_irq_stubs[3];
extern const uint64_t x86_line_stubs[X86_IOAPIC_LINES];

static struct idt_gate idt[256];

static void idt_set(int vector, uint64_t handler, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xffff,
        .selector = X86_SEL_KCODE,
        .ist = ist,
        .type = GATE_INTERRUPT,
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_high = handler >> 32,
    };
}

static uint8_t idt_ist_for(int vector)
{
    switch (vector) {
    case 2: return X86_IST_NMI;
    case 8: return X86_IST_DOUBLE_FAULT;
    case 18: return X86_IST_MACHINE_CHECK;
    default: return 0;
    }
}

void x86_idt_init(void)
{
    for (int v = 0; v < IDT_EXCEPTIONS; v++)
        idt_set(v, x86_exception_stubs[v], idt_ist_for(v));
    idt_set(X86_VEC_TIMER, x86_irq_stubs[0], 0);
    idt_set(X86_VEC_SERIAL, x86_irq_stubs[1], 0);
    idt_set(X86_VEC_SPURIOUS, x86_irq_stubs[2], 0);
    for (int n = 0; n < X86_IOAPIC_LINES; n++)
        idt_set(X86_VEC_LINE0 + n, x86_line_stubs[n], 0);
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = {
        sizeof idt - 1,
        (uint64_t)idt,
    };
    __asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
}
