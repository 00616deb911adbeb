/* SPDX-License-Identifier: MIT */
/* lanes.c: benchmark: int16 dot product and byte counting, loops a vectoriser turns into SIMD. */
/* bench: also -msimd128 (run.sh builds lanes_simd from this file with -msimd128) */
#include <stdint.h>
#include <stdio.h>

#define N      (1u << 16)
#define ROUNDS 400

static int16_t xs[N], ys[N];
static uint8_t bytes[16 * N];

/* Widening multiply-add: i32x4.extmul / dot with -msimd128. */
static int32_t dot(const int16_t *a, const int16_t *b, size_t n)
{
    int32_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += (int32_t)a[i] * b[i];
    return s;
}

/* memchr-like scan, counting every match: i8x16.eq and lane sums. */
static uint32_t count_byte(const uint8_t *p, size_t n, uint8_t c)
{
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == c;
    return k;
}

int main(void)
{
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
        xs[i] = (int16_t)x;
        ys[i] = (int16_t)(x >> 16);
    }
    for (size_t i = 0; i < sizeof bytes; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes[i] = (uint8_t)(x >> 24);
    }
    int64_t dsum = 0;
    uint64_t csum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        dsum += dot(xs + (r & 7), ys, N - 8);
        csum += count_byte(bytes + (r & 15), sizeof bytes - 16, (uint8_t)r);
    }
    printf("dot %lld count %llu\n", (long long)dsum, (unsigned long long)csum);
    return 0;
}
