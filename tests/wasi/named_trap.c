/* SPDX-License-Identifier: MIT */
/* named_trap.c: WASI test: traps three calls deep in named functions: abort() ("abort"), or a bad load ("bad"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* noinline: each function keeps its own frame, so the backtrace shows them all. */
__attribute__((noinline)) static int check_value(int v)
{
    if (v > 3)
        abort();
    return v;
}

__attribute__((noinline)) static int read_far(int v)
{
    volatile int *p = (volatile int *)(0xfffffff0u - (unsigned)v); /* past any memory */
    return *p;
}

__attribute__((noinline)) static int process(int n, int bad)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += bad ? read_far(i) : check_value(i);
    return sum;
}

int main(int argc, char **argv)
{
    int bad = argc > 1 && strcmp(argv[1], "bad") == 0;
    printf("sum=%d\n", process(argc + 8, bad));
    return 0;
}
