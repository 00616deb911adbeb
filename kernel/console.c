/* SPDX-License-Identifier: MIT */
/* console.c: kprintf on the arch boot console (COM1 / PL011). */
#include "arch.h"
#include "kprintf.h"

/* Terminals need "\r\n"; tests strip the '\r'. Done here so both arches agree. */
static void console_sink(void *ctx, char c)
{
    (void)ctx;
    if (c == '\n')
        arch_console_putc('\r');
    arch_console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
    return kvformat(console_sink, 0, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}
