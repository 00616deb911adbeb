/* SPDX-License-Identifier: MIT */
/* console.c: the boot console (COM1 / PL011): kprintf and user debug output, and the input ring. */
#include "arch.h"
#include "config.h"
#include "console.h"
#include "kprintf.h"

/* Terminals need "\r\n"; tests strip the '\r'. Done here so both arches agree. */
static void console_sink(void *ctx, char c)
{
    (void)ctx;
    if (c == '\n')
        arch_console_putc('\r');
    arch_console_putc(c);
}

int kvprintf(const char *fmt, va_list ap) { return kvformat(console_sink, 0, fmt, ap); }

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        console_sink(0, s[i]);
}

/* Input ring: the serial interrupt fills it, console_read empties it; interrupts off for both. */
static char input_ring[CONFIG_CONSOLE_INPUT_SIZE];
static size_t input_head, input_len;

void console_input(char c)
{
    if (input_len == sizeof input_ring)
        return; /* full: drop, like a UART overrun */
    input_ring[(input_head + input_len) % sizeof input_ring] = c;
    input_len++;
}

size_t console_read(char *buf, size_t n)
{
    size_t got = 0;
    for (; got < n && input_len; got++) {
        buf[got] = input_ring[input_head];
        input_head = (input_head + 1) % sizeof input_ring;
        input_len--;
    }
    return got;
}
