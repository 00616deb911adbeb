/* SPDX-License-Identifier: MIT */
/* irq.c: arm64 interrupts: GIC set-up, dispatch to the timer and the UART, idle wait. */
#include "arch.h"
#include "board.h"
#include "clock.h"
#include "gic.h"
#include "irq_handler.h"
#include "irq.h"
#include "mmu.h"
#include "panic.h"
#include "serial.h"
#include "timer.h"

static uint32_t timer_intid, uart_intid;

void arch_irq_init(void)
{
    const struct fdt_boot *b = board();
    mmu_report();
    if (!gic_init(b))
        panic("aarch64: no usable GIC in the device tree (version %d)", b->gic_version);
    timer_init();
    timer_intid =
        b->timer_intid >= 16 && b->timer_intid < 32 ? b->timer_intid : TIMER_INTID_DEFAULT;
    gic_enable(timer_intid, false);
    uart_intid = b->uart_intid;
    if (uart_intid >= 32) {
        gic_enable(uart_intid, false);
        serial_enable_rx_irq();
    }
}

/*
 * Each interrupt is acknowledged and ended (EOI) *before* its handler runs:
 * the timer's handler may switch threads, and the thread switched to may
 * return to user mode without coming back here for a long time; an
 * interrupt left active would block every other one of its priority until
 * then. The devices' level-triggered lines are quietened first (timer
 * masked, UART drained), so the early EOI does not re-trigger them.
 */
void irq_handle(void)
{
    for (;;) {
        uint32_t intid = gic_ack();
        if (intid >= 1020)
            return; /* spurious: nothing (more) pending */
        if (intid == timer_intid) {
            timer_stop();
            gic_eoi(intid);
            clock_timer_irq();
        } else if (intid == uart_intid) {
            gic_eoi(intid);
            serial_rx_irq();
        } else {
            gic_disable(intid); /* masked until its handler acks (or nobody asked for it) */
            gic_eoi(intid);
            if (intid >= GIC_SPI(0) && intid < GIC_SPURIOUS)
                irq_deliver(intid - GIC_SPI(0));
        }
    }
}

void irq_poll_timer(void)
{
    if (timer_expired()) {
        timer_stop(); /* drops the line: a pending GIC interrupt goes away */
        clock_timer_irq();
    }
}

/* User lines are the SPIs: line n is INTID 32 + n; the UART's is the kernel's. */
unsigned arch_irq_lines(void)
{
    uint32_t n = gic_lines();
    return n > GIC_SPI(0) ? n - GIC_SPI(0) : 0;
}

bool arch_irq_kernel_owned(unsigned line)
{
    return GIC_SPI(line) == uart_intid || GIC_SPI(line) == timer_intid;
}

void arch_irq_mask(unsigned line) { gic_disable(GIC_SPI(line)); }

void arch_irq_unmask(unsigned line) { gic_unmask(GIC_SPI(line)); }

void arch_irq_test_raise(unsigned line) { gic_set_pending(GIC_SPI(line)); }

/*
 * wfi with IRQs masked in PSTATE still wakes on a pending interrupt; the
 * unmask afterwards takes it. Unmasking first would let an interrupt that
 * arrived just before be taken, then sleep in wfi until the next one.
 */
void arch_wait_for_interrupt(void)
{
    __asm__ volatile("dsb sy\n\t"
                     "wfi\n\t"
                     "msr daifclr, #2\n\t"
                     "isb\n\t"
                     "msr daifset, #2" ::
                         : "memory");
}
