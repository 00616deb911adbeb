/* SPDX-License-Identifier: MIT */
/* rtc.c: the wall clock from the device tree's PL031 real-time clock (QEMU virt has one). */
#include "arch.h"
#include "board.h"
#include "mmu.h"

#define PL031_DR 0x000 /* data register: seconds since 1970-01-01 UTC */

/* Read once, at boot (clock_init): the kernel keeps the offset to its own
 * monotonic clock, so the device window is mapped only here. */
bool arch_rtc_seconds(uint64_t *secs)
{
    const struct fdt_boot *b = board();
    if (!b->rtc.size)
        return false;
    volatile uint32_t *regs = (volatile uint32_t *)mmu_map_device(b->rtc.base, b->rtc.size);
    if (!regs)
        return false;
    *secs = regs[PL031_DR / 4];
    return true;
}
