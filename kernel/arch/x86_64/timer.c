/* SPDX-License-Identifier: MIT */
/* timer.c: the TSC as the cycle counter and its frequency (kvmclock, CPUID, else the PIT); the LAPIC one-shot deadline. */
#include "arch.h"
#include "cpu.h"
#include "panic.h"
#include "x86.h"

#define PIT_HZ        1193182
#define PIT_CH2_DATA  0x42
#define PIT_COMMAND   0x43
#define PIT_GATE_PORT 0x61 /* bit 0: channel 2 gate, bit 1: speaker, bit 5: OUT2 */
/*
 * 5 ms of PIT: each sample's TSC bracket is a few us even under emulation,
 * so the error stays near 0.1%; it is most of the boot time under TCG.
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

/* A PIT count and the TSC at (about) the same instant. */
struct tsc_pit_pair {
    uint64_t tsc;
    uint16_t pit;
};

static uint16_t pit_read_ch2(void)
{
    outb(PIT_COMMAND, 0x80); /* latch channel 2's count */
    uint8_t lo = inb(PIT_CH2_DATA);
    return (uint16_t)(inb(PIT_CH2_DATA) << 8 | lo);
}

/*
 * Of three tries, keeps the read bracketed most tightly by two TSC reads:
 * if the vCPU is preempted between them (common on a loaded host), that
 * try is the wide one and is dropped.
 */
static struct tsc_pit_pair pit_sample(void)
{
    struct tsc_pit_pair best = { 0, 0 };
    uint64_t best_width = UINT64_MAX;
    for (int i = 0; i < 3; i++) {
        uint64_t before = rdtsc();
        uint16_t pit = pit_read_ch2();
        uint64_t after = rdtsc();
        if (after - before < best_width) {
            best_width = after - before;
            best = (struct tsc_pit_pair){ before + (after - before) / 2, pit };
        }
    }
    return best;
}

/*
 * Channel 2 counts down from 0xffff (55 ms, mode 0); the rate is the TSC
 * delta over the PIT delta between two samples, so a preemption anywhere
 * else stretches both clocks alike. Returns 0 if there is no working PIT.
 */
static uint64_t tsc_hz_from_pit(void)
{
    for (int attempt = 0; attempt < 5; attempt++) {
        outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01);
        outb(PIT_COMMAND, 0xb0); /* channel 2, lo/hi byte, mode 0 */
        outb(PIT_CH2_DATA, 0xff);
        outb(PIT_CH2_DATA, 0xff);
        struct tsc_pit_pair a = pit_sample(), b = a;
        uint64_t limit = a.tsc + 10000000000ULL; /* seconds: no PIT at all */
        while ((uint16_t)(a.pit - b.pit) < CALIBRATE_TICKS && b.tsc < limit)
            b = pit_sample();
        /* OUT high: the count ran out (we slept > 50 ms); measure again. */
        if (inb(PIT_GATE_PORT) & 0x20 || b.tsc >= limit)
            continue;
        return (b.tsc - a.tsc) * PIT_HZ / (uint16_t)(a.pit - b.pit);
    }
    return 0;
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
    if (!tsc_hz)
        panic("timer: no TSC frequency (no kvmclock, CPUID or PIT)");
}

uint64_t arch_cycles_per_second(void) { return tsc_hz; }

/* LAPIC timer ticks per ns, 32.32 fixed point (no 128-bit division in the kernel). */
static uint64_t lapic_ns_mult;

void x86_timer_set_lapic_hz(uint64_t hz) { lapic_ns_mult = (hz << 32) / 1000000000ull; }

void arch_timer_arm(uint64_t delta_ns)
{
    unsigned __int128 t = (unsigned __int128)delta_ns * lapic_ns_mult >> 32;
    /* Too far: fire at the maximum; the scheduler just re-arms. */
    uint32_t ticks = t > 0xffffffffu ? 0xffffffffu : (uint32_t)t;
    x86_lapic_oneshot(ticks ? ticks : 1);
}
