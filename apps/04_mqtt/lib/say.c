/* SPDX-License-Identifier: MIT */
/* say.c: the demo modules' output lines (say.h). */
#include "say.h"

#include <stdio.h>

void say_line(const char *who, const char *fmt, va_list ap)
{
    char line[256];
    int n = snprintf(line, sizeof line, "%s: ", who);
    n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    fwrite(line, 1, (size_t)n, stdout);
    fflush(stdout);
}
