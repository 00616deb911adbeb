/* SPDX-License-Identifier: MIT */
/* streams.c: WASI test: stdout and stderr reach the host's fd 1 and fd 2, unbuffered stderr first. */
#include <stdio.h>

int main(void) {
    printf("to stdout\n");
    fprintf(stderr, "to stderr\n");
    fwrite("partial line", 1, 12, stdout); /* flushed at exit */
    return 0;
}
