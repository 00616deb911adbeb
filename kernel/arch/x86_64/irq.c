/* SPDX-License-Identifier: MIT */
/* irq.c: x86-64 interrupts: APIC and serial set-up, dispatch to the timer and the UART, idle wait. */
#include "arch.h"
#include "clock.h"
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
        return;                    /* no EOI for a spurious interrupt */
    x86_lapic_eoi();               /* first: the handler may switch threads */
    if (vector == X86_VEC_TIMER)
        clock_timer_irq();
    else if (vector == X86_VEC_SERIAL)
        x86_serial_irq();
}

void arch_wait_for_interrupt(void)
{
    /* sti's one-instruction shadow: no interrupt can slip in between sti and hlt. */
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}
