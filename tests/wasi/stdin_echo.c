/* SPDX-License-Identifier: MIT */
/* stdin_echo.c: WASI test: reads stdin to its end, echoes it uppercased and counts lines/bytes. */
#include <ctype.h>
#include <stdio.h>

int main(void)
{
    long bytes = 0, lines = 0;
    int c;
    while ((c = getchar()) != EOF) {
        bytes++;
        if (c == '\n')
            lines++;
        putchar(toupper(c));
    }
    printf("bytes=%ld lines=%ld\n", bytes, lines);
    return 0;
}
