/* SPDX-License-Identifier: MIT */
/* hello.c: a WASI C program (demo 02): prints its arguments, an environment variable, a computed line and the clock. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) == 0)
        printf("hello: the monotonic clock reads %lld.%03ld s\n", (long long)now.tv_sec,
               now.tv_nsec / 1000000);
    else
        printf("hello: no clock (the manifest gave no clock capability)\n");
    return argc; /* exit status 3 through proc_exit */
}
