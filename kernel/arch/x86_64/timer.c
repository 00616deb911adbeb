/* SPDX-License-Identifier: MIT */
/* timer.c: the TSC as the cycle counter, and its frequency (kvmclock, CPUID, else the PIT). */
#include "arch.h"
#include "cpu.h"
#include "x86.h"

#define PIT_HZ        1193182
#define PIT_CH2_DATA  0x42
#define PIT_COMMAND   0x43
#define PIT_GATE_PORT 0x61     /* bit 0: channel 2 gate, bit 1: speaker, bit 5: OUT2 */
/*
 * 5 ms of PIT: a port read costs ~1 us even under emulation, so the error
 * stays near 0.02%; it is most of the boot time under TCG, so keep it short.
 */
#define CALIBRATE_TICKS (PIT_HZ / 200)

static uint64_t tsc_hz;

/* KVM and VMware publish the TSC rate in hypervisor leaf 0x40000010 (kHz). */
static uint64_t tsc_hz_from_hypervisor(void)
{
    if (!(cpuid(1, 0).ecx & (1u << 31)))
        return 0;
    if (cpuid(0x40000000, 0).eax < 0x40000010)
        return 0;
    return (uint64_t)cpuid(0x40000010, 0).eax * 1000;
}

/* Intel: TSC = crystal * ebx / eax, when the crystal rate (ecx) is given. */
static uint64_t tsc_hz_from_cpuid15(void)
{
    if (cpuid(0, 0).eax < 0x15)
        return 0;
    struct cpuid r = cpuid(0x15, 0);
    if (!r.eax || !r.ebx || !r.ecx)
        return 0;
    return (uint64_t)r.ecx * r.ebx / r.eax;
}

/* Counts TSC cycles across CALIBRATE_TICKS of PIT channel 2 (one-shot, mode 0). */
static uint64_t tsc_hz_from_pit(void)
{
    outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01);
    outb(PIT_COMMAND, 0xb0);                   /* channel 2, lo/hi byte, mode 0 */
    outb(PIT_CH2_DATA, CALIBRATE_TICKS & 0xff);
    outb(PIT_CH2_DATA, CALIBRATE_TICKS >> 8);
    uint64_t start = rdtsc(), now = start;
    /* Give up after ~10^10 cycles (seconds) in case there is no PIT. */
    while (!(inb(PIT_GATE_PORT) & 0x20) && now - start < 10000000000ULL)
        now = rdtsc();
    return (now - start) * PIT_HZ / CALIBRATE_TICKS;
}

void x86_timer_init(void)
{
    tsc_hz = x86_kvmclock_tsc_hz();
    if (!tsc_hz)
        tsc_hz = tsc_hz_from_hypervisor();
    if (!tsc_hz)
        tsc_hz = tsc_hz_from_cpuid15();
    if (!tsc_hz)
        tsc_hz = tsc_hz_from_pit();
}

uint64_t arch_cycles(void)
{
    return rdtsc();
}

uint64_t arch_cycles_per_second(void)
{
    return tsc_hz;
}
