/* SPDX-License-Identifier: MIT */
/* clock.c: monotonic nanoseconds from the arch cycle counter; the timer interrupt into the scheduler. */
#include "arch.h"
#include "clock.h"
#include "panic.h"
#include "sched.h"

uint64_t clock_base;
uint64_t clock_mult;
uint64_t clock_realtime_base;

void clock_init(void)
{
    uint64_t hz = arch_cycles_per_second();
    if (hz < 1000000)
        panic("clock: cycle counter too slow or unknown (%llu Hz)", (unsigned long long)hz);
    clock_mult = (1000000000ull << 32) / hz; /* 1e9 * 2^32 < 2^64 */
    clock_base = arch_cycles();
    uint64_t secs;
    if (arch_rtc_seconds(&secs))
        clock_realtime_base = secs * 1000000000ull - clock_now_ns();
}

void clock_set_deadline(uint64_t when_ns)
{
    uint64_t now = clock_now_ns();
    arch_timer_arm(when_ns > now ? when_ns - now : 0);
}

void clock_timer_irq(void) { sched_timer_tick(clock_now_ns()); }
