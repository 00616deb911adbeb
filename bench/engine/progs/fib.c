/* SPDX-License-Identifier: MIT */
/* fib.c: benchmark: naive recursive Fibonacci (calls and returns). */
#include <stdio.h>
#include <stdlib.h>

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv)
{
    /* The argument defeats constant folding; the workload is fixed. */
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 41;
    unsigned r = fib(n);
    printf("fib(%u) = %u\n", n, r);
    return 0;
}
