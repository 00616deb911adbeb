/* SPDX-License-Identifier: MIT */
/* big_malloc.c: WASI test: one malloc of argv[1] MiB (exit 3 if NULL), first and last byte written and read back. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? (size_t)atoi(argv[1]) : 1536;
    volatile char *p = malloc(mib << 20);
    if (!p) {
        printf("malloc(%zu MiB) = NULL\n", mib);
        return 3;
    }
    p[0] = 1;
    p[(mib << 20) - 1] = 2;
    printf("malloc(%zu MiB) ok: %d %d\n", mib, p[0], p[(mib << 20) - 1]);
    return 0;
}
