/* SPDX-License-Identifier: MIT */
/* divmul.c: benchmark: i64 division, remainder and multiplication chains. */
#include <stdint.h>
#include <stdio.h>

#define ITERS 60000000

int main(int argc, char **argv)
{
    (void)argv;
    uint64_t a = 0x9e3779b97f4a7c15ull + (uint64_t)argc, acc = 0;
    int64_t s = -1234567;
    for (uint64_t i = 1; i <= ITERS; i++) {
        uint64_t d = (i & 0xffff) | 3;
        a = a * 6364136223846793005ull + i;
        acc += a / d + a % (d + 7);
        s = s * 3 - (int64_t)(acc % 1000003) + (s / (int64_t)((i & 31) + 1)) % 97;
    }
    printf("divmul: %llu %lld\n", (unsigned long long)acc, (long long)s);
    return 0;
}
