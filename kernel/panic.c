/* SPDX-License-Identifier: MIT */
/* panic.c: report an unrecoverable kernel error and stop QEMU with KEXIT_FATAL. */
#include <stdbool.h>
#include "arch.h"
#include "exit.h"
#include "kprintf.h"
#include "panic.h"

/* Set on the first panic: a panic while printing one must still stop the machine. */
static volatile bool panicking;

noreturn void panic(const char *fmt, ...)
{
    if (panicking)
        arch_exit(KEXIT_FATAL);
    panicking = true;
    va_list ap;
    va_start(ap, fmt);
    kprintf("PANIC: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    arch_exit(KEXIT_FATAL);
}
