/* SPDX-License-Identifier: MIT */
/* exit.c: arch_exit (QEMU's isa-debug-exit device at port 0xf4, so its exit status is the kernel's) and arch_halt. */
#include "arch.h"
#include "cpu.h"

#define DEBUG_EXIT_PORT 0xf4 /* tools/qemu.sh: -device isa-debug-exit,iobase=0xf4 */

noreturn void arch_exit(int status)
{
    /* QEMU exits with (status << 1) | 1; tools/qemu.sh maps it back. */
    outl(DEBUG_EXIT_PORT, (uint32_t)status);
    /* Without the device (real hardware) the write does nothing: just stop. */
    arch_halt();
}

noreturn void arch_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}
