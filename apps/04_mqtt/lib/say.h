/* SPDX-License-Identifier: MIT */
/* say.h: the demo modules' output lines, "NAME: text", each in one write. */
#pragma once
#include <stdarg.h>

/* Prints "who: " and the formatted text as one line, in one write: the
 * modules share one console, and a line written in pieces could be cut
 * by another module's. */
void say_line(const char *who, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
