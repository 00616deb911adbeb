/* SPDX-License-Identifier: MIT */
/* irq.c: x86-64 interrupts: APIC and serial set-up, dispatch to the timer and the UART, idle wait. */
#include "arch.h"
#include "clock.h"
#include "cpu.h"
#include "irq_handler.h"
#include "mmu.h"
#include "x86.h"

void arch_irq_init(void)
{
    x86_cpu_report();
    x86_mmu_report();
    x86_timer_set_lapic_hz(x86_apic_init());
    x86_serial_irq_enable();
}

/* From the interrupt vectors (trap.c), interrupts off. */
void x86_irq_handle(uint64_t vector)
{
    if (vector == X86_VEC_SPURIOUS)
        return; /* no EOI for a spurious interrupt */
    if (vector >= X86_VEC_LINE0 && vector < X86_VEC_LINE0 + X86_IOAPIC_LINES) {
        unsigned line = (unsigned)vector - X86_VEC_LINE0;
        x86_ioapic_mask(line, true); /* until its handler acks */
        x86_lapic_eoi();
        irq_deliver(line);
        return;
    }
    x86_lapic_eoi(); /* first: the handler may switch threads */
    if (vector == X86_VEC_TIMER)
        clock_timer_irq();
    else if (vector == X86_VEC_SERIAL)
        x86_serial_irq();
}

/* User lines: the IOAPIC's inputs; 0 and 2 (the PIT, the timer) and 4 (COM1) are the kernel's. */
unsigned arch_irq_lines(void) { return X86_IOAPIC_LINES; }

bool arch_irq_kernel_owned(unsigned line) { return line == 0 || line == 2 || line == 4; }

void arch_irq_mask(unsigned line) { x86_ioapic_mask(line, true); }

void arch_irq_unmask(unsigned line) { x86_ioapic_mask(line, false); }

/* The CMOS RTC (ports 0x70/0x71) on line 8: periodic interrupts at 1024 Hz. */
#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define RTC_LINE   8

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

void arch_irq_test_raise(unsigned line)
{
    static bool rtc_started;
    if (line != RTC_LINE)
        return;
    if (!rtc_started) {
        rtc_started = true;
        uint8_t a = cmos_read(0x0a), b = cmos_read(0x0b);
        outb(CMOS_INDEX, 0x0a);
        outb(CMOS_DATA, (uint8_t)((a & 0xf0) | 0x06)); /* rate 6: 1024 Hz */
        outb(CMOS_INDEX, 0x0b);
        outb(CMOS_DATA, b | 0x40); /* PIE: periodic interrupts */
    }
    (void)cmos_read(0x0c); /* register C: reading it lets the next period raise the line */
}

void arch_wait_for_interrupt(void)
{
    /* sti's one-instruction shadow: no interrupt can slip in between sti and hlt. */
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}
