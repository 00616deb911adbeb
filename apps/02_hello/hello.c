/* SPDX-License-Identifier: MIT */
/* hello.c: a WASI C program for the OS runner: prints its arguments, its environment and a computed line. */
#include <stdio.h>
#include <stdlib.h>

/* Something the module computes itself: the sum of the first n primes. */
static unsigned sum_primes(unsigned n)
{
    unsigned sum = 0, found = 0;
    for (unsigned c = 2; found < n; c++) {
        unsigned d = 2;
        while (d * d <= c && c % d != 0)
            d++;
        if (d * d > c) {
            sum += c;
            found++;
        }
    }
    return sum;
}

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("hello: argv[%d] = %s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    printf("hello: GREETING = %s\n", greeting ? greeting : "(unset)");
    printf("hello: the first 100 primes add up to %u\n", sum_primes(100));
    return argc; /* exit status 3 through proc_exit */
}
