/* SPDX-License-Identifier: MIT */
/* apic.c: the local APIC (one-shot timer calibrated against the TSC, EOI) and the IOAPIC (serial input IRQ). */
#include "arch.h"
#include "clock.h"
#include "console.h"
#include "cpu.h"
#include "kprintf.h"
#include "mmu.h"
#include "panic.h"
#include "x86.h"

#define MSR_APIC_BASE     0x1b
#define LAPIC_ID          0x020
#define LAPIC_EOI         0x0b0
#define LAPIC_SVR         0x0f0
#define LAPIC_LVT_TIMER   0x320
#define LAPIC_TIMER_INIT  0x380
#define LAPIC_TIMER_COUNT 0x390
#define LAPIC_TIMER_DIV   0x3e0
#define LVT_MASKED        (1u << 16)
#define TIMER_DIV_16      0x3

/* QEMU's IOAPIC (no ACPI MADT parsing yet: the PC default address). */
#define IOAPIC_PHYS        0xfec00000
#define IOAPIC_REDTBL(irq) (0x10 + 2 * (irq))
#define COM1_IRQ           4

static volatile uint32_t *lapic;
static volatile uint32_t *ioapic;
static uint64_t lapic_hz; /* timer ticks per second after the divider */

static uint32_t lapic_read(uint32_t reg) { return lapic[reg / 4]; }
static void lapic_write(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

static void ioapic_write(uint32_t reg, uint32_t v)
{
    ioapic[0] = reg; /* IOREGSEL */
    ioapic[4] = v; /* IOWIN at +0x10 */
}

/* Counts LAPIC ticks over ~2 ms of TSC: both are fixed-rate, the TSC rate is known. */
static void lapic_calibrate(void)
{
    uint64_t tsc_hz = arch_cycles_per_second();
    lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_16);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | X86_VEC_TIMER);
    uint64_t t0 = rdtsc();
    lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
    while (rdtsc() - t0 < tsc_hz / 500)
        ;
    uint32_t left = lapic_read(LAPIC_TIMER_COUNT);
    uint64_t t1 = rdtsc();
    lapic_write(LAPIC_TIMER_INIT, 0);
    uint64_t ticks = 0xffffffffull - left;
    lapic_hz = ticks * tsc_hz / (t1 - t0);
    if (lapic_hz < 1000)
        panic("apic: LAPIC timer does not count (%llu Hz)", (unsigned long long)lapic_hz);
    lapic_write(LAPIC_LVT_TIMER, X86_VEC_TIMER); /* one-shot, unmasked */
}

void x86_lapic_oneshot(uint32_t ticks) { lapic_write(LAPIC_TIMER_INIT, ticks); }

void x86_lapic_eoi(void) { lapic_write(LAPIC_EOI, 0); }

/* COM1's IRQ 4 -> vector X86_VEC_SERIAL on this CPU, edge triggered, active high. */
static void ioapic_route_serial(void)
{
    uint32_t apic_id = lapic_read(LAPIC_ID) >> 24;
    ioapic_write(IOAPIC_REDTBL(COM1_IRQ) + 1, apic_id << 24);
    ioapic_write(IOAPIC_REDTBL(COM1_IRQ), X86_VEC_SERIAL);
}

/*
 * Every other input: vector X86_VEC_LINE0 + n, edge triggered, active high
 * (the ISA default), masked until an IRQ handler's ack unmasks it.
 */
static uint32_t ioapic_dest;

void x86_ioapic_mask(unsigned line, bool masked)
{
    ioapic_write(IOAPIC_REDTBL(line) + 1, ioapic_dest);
    ioapic_write(IOAPIC_REDTBL(line), (X86_VEC_LINE0 + line) | (masked ? LVT_MASKED : 0));
}

static void ioapic_route_lines(void)
{
    ioapic_dest = (lapic_read(LAPIC_ID) >> 24) << 24;
    for (unsigned line = 0; line < X86_IOAPIC_LINES; line++)
        if (line != COM1_IRQ)
            x86_ioapic_mask(line, true);
}

uint64_t x86_apic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    wrmsr(MSR_APIC_BASE, base | (1u << 11)); /* global enable */
    lapic = x86_mmio_map(0, base & ~0xfffull);
    ioapic = x86_mmio_map(1, IOAPIC_PHYS);
    lapic_write(LAPIC_SVR, 0x100 | X86_VEC_SPURIOUS); /* software enable */
    lapic_calibrate();
    ioapic_route_serial();
    ioapic_route_lines();
    kprintf("apic: LAPIC timer %llu kHz, serial input on IRQ %d\n",
            (unsigned long long)(lapic_hz / 1000), COM1_IRQ);
    return lapic_hz;
}
