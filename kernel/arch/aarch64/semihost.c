/* SPDX-License-Identifier: MIT */
/* semihost.c: Arm semihosting (HLT #0xF000 at EL1 on AArch64) as QEMU implements it. */
#include "semihost.h"

enum {
    SYS_WRITEC = 0x03,
    SYS_EXIT_EXTENDED = 0x20,
    ADP_STOPPED_APPLICATION_EXIT = 0x20026,
};

/* The call number goes in w0, a pointer to its argument block in x1; the
 * block is read through the current translation, so a stack address works. */
static uint64_t semihost_call(uint64_t op, const void *arg)
{
    register uint64_t x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = arg;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

void semihost_exit(int status)
{
    uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint64_t)(int64_t)status };
    semihost_call(SYS_EXIT_EXTENDED, block);
}

void semihost_putc(char c) { semihost_call(SYS_WRITEC, &c); }
