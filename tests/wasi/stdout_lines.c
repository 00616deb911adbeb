/* SPDX-License-Identifier: MIT */
/* stdout_lines.c: WASI test: five lines through line-buffered stdio, one fd_write each (two iovecs after the first). */
#include <stdio.h>

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 1; i <= 5; i++)
        printf("line %d of %s\n", i, "five");
    return 0;
}
