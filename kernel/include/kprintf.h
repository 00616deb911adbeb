/* SPDX-License-Identifier: MIT */
/* kprintf.h: formatted output; a portable core (kvformat) and the console front end. */
#pragma once
#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %d %i %u %x %X %p %s %c %%, length modifiers hh h l ll z j t,
 * flags '-' (left-justify), '0' (zero padding) and '#' (0x before
 * non-zero hex), a width (digits or '*').
 * %p prints "0x" and all hex digits of a pointer (16 on 64-bit targets);
 * %s of NULL prints "(null)". An unknown conversion is printed as written.
 */

/* Receives the formatted output one byte at a time. */
typedef void (*kfmt_sink_t)(void *ctx, char c);

/* Formats into `sink`; returns the number of bytes produced. Portable. */
int kvformat(kfmt_sink_t sink, void *ctx, const char *fmt, va_list ap);

/*
 * snprintf semantics: writes at most size-1 bytes plus a NUL (nothing when
 * size is 0) and returns the length the full output would have had.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int ksnprintf(char *buf, size_t size, const char *fmt, ...);

/* To the boot console (kernel/console.c), "\n" sent as "\r\n". */
int kvprintf(const char *fmt, va_list ap);
__attribute__((format(printf, 1, 2))) int kprintf(const char *fmt, ...);
