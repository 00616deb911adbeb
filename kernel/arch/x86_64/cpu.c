/* SPDX-License-Identifier: MIT */
/* cpu.c: CPU-wide setup and the small arch hooks: halt, undefined instruction. */
#include "arch.h"
#include "cpu.h"
#include "x86.h"

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1

void x86_cpu_init(void)
{
    /* Mask the legacy 8259 PICs: the kernel will use the APIC, never them. */
    outb(PIC1_DATA, 0xff);
    outb(PIC2_DATA, 0xff);
}

noreturn void arch_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void arch_undefined_instruction(void)
{
    __asm__ volatile("ud2");
}
