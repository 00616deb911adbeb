/* SPDX-License-Identifier: MIT */
/* sieve.c: benchmark: sieve of Eratosthenes (byte stores, strided loops). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT  20000000u
#define ROUNDS 3

/* Counts the primes below `limit`, marking composites in `comp`. */
static unsigned sieve(unsigned char *comp, unsigned limit)
{
    unsigned count = 0;
    memset(comp, 0, limit);
    for (unsigned i = 2; i < limit; i++) {
        if (comp[i])
            continue;
        count++;
        for (unsigned long long j = (unsigned long long)i * i; j < limit; j += i)
            comp[j] = 1;
    }
    return count;
}

int main(void)
{
    unsigned char *comp = malloc(LIMIT);
    if (!comp)
        return 1;
    unsigned long long sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        unsigned limit = LIMIT - (unsigned)r * 1000u;
        sum = sum * 31 + sieve(comp, limit);
    }
    printf("primes below %u: %u, checksum %llu\n", LIMIT, sieve(comp, LIMIT), sum);
    free(comp);
    return 0;
}
