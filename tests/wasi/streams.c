/* SPDX-License-Identifier: MIT */
/* streams.c: WASI test: stdout and stderr reach the host fds 1 and 2. */
#include <stdio.h>

int main(void)
{
    printf("to stdout\n");
    fprintf(stderr, "to stderr\n");
    fwrite("partial line", 1, 12, stdout); /* flushed at exit */
    return 0;
}
