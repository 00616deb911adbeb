/* SPDX-License-Identifier: MIT */
/* timer.c: the arm64 generic timer: CNTVCT_EL0 as the kernel's clock, the EL1 virtual timer for deadlines (arch_timer_arm). */
#include <stdbool.h>
#include "arch.h"
#include "timer.h"

/*
 * The virtual timer (CNTV_*) compares against CNTVCT_EL0, the very counter
 * arch_cycles() reads, so a deadline is simply a counter value. With the
 * kernel entered at EL2 CNTVOFF_EL2 is 0 (entry.S); under KVM the
 * hypervisor owns the offset and the virtual timer is the one a guest has.
 */
#define CNTV_CTL_ENABLE (1ull << 0)
#define CNTV_CTL_IMASK  (1ull << 1)

uint64_t arch_cycles_per_second(void)
{
    uint64_t hz;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    return hz;
}

void timer_set_deadline(uint64_t cycles)
{
    __asm__ volatile("msr cntv_cval_el0, %0\n\t"
                     "msr cntv_ctl_el0, %1\n\t"
                     "isb" ::"r"(cycles),
                     "r"(CNTV_CTL_ENABLE)
                     : "memory");
}

void timer_stop(void)
{
    __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" ::"r"(CNTV_CTL_IMASK) : "memory");
}

/* Compares the counter with the deadline itself rather than trusting
 * CNTV_CTL_EL0.ISTATUS: QEMU updates that bit only when its own timer
 * callback runs, which is exactly the late event this check is for. */
bool timer_expired(void)
{
    uint64_t ctl, cval;
    __asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(ctl));
    if ((ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK)) != CNTV_CTL_ENABLE)
        return false;
    __asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(cval));
    return arch_cycles() >= cval;
}

void timer_init(void)
{
    /* EL0 gets no counter or timer access (CNTKCTL_EL1 = 0): user time
     * comes from a syscall, and a fine clock is a side-channel tool. */
    __asm__ volatile("msr cntkctl_el1, xzr");
    timer_stop();
}

/* delta_ns in counter ticks, without overflowing 64 bits for any delta. */
static uint64_t ns_to_cycles(uint64_t ns, uint64_t hz)
{
    return ns / 1000000000u * hz + ns % 1000000000u * hz / 1000000000u;
}

void arch_timer_arm(uint64_t delta_ns)
{
    uint64_t now = arch_cycles();
    uint64_t delta = ns_to_cycles(delta_ns, arch_cycles_per_second());
    timer_set_deadline(delta > UINT64_MAX - now ? UINT64_MAX : now + delta);
}
