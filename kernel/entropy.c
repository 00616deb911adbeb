/* SPDX-License-Identifier: MIT */
/* entropy.c: the kernel's entropy source: random bytes for every task's seed. */
#include "arch.h"
#include "entropy.h"
#include "kstring.h"

/*
 * A 256-bit pool, stirred on every request with what the hardware offers:
 * the CPU's generator where it has one (then the output is as good as it),
 * and always the low bits of the cycle counter read around a few
 * unpredictable-length steps (timing jitter: weak alone, which is why the
 * pool keeps everything it ever mixed in). Output words come from the
 * SplitMix64 finaliser over the pool and a counter, so no two requests see
 * the same bytes. What it is not: a vetted DRBG; a CPU without RDRAND/RNDR
 * under an emulator with a deterministic clock (QEMU -icount) gives
 * predictable seeds, which docs/SECURITY.md states.
 */
static uint64_t pool[4], counter;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Folds fresh hardware input into every word of the pool. */
static void stir(void)
{
    for (int i = 0; i < 4; i++) {
        uint64_t hw = 0, t0 = arch_cycles();
        bool got = arch_random(&hw);
        uint64_t t1 = arch_cycles();
        pool[i] = mix64(pool[i] ^ hw ^ (t0 << 17) ^ t1 ^ ((uint64_t)got << 63) ^ (uint64_t)i);
        pool[(i + 1) & 3] += pool[i];
    }
}

void entropy_fill(void *buf, size_t n)
{
    uint8_t *p = buf;
    stir();
    while (n) {
        uint64_t v =
            mix64(pool[0] ^ pool[1] ^ pool[2] ^ pool[3] ^ (++counter * 0x9e3779b97f4a7c15ull));
        pool[counter & 3] ^= v;
        size_t k = n < sizeof v ? n : sizeof v;
        memcpy(p, &v, k);
        p += k;
        n -= k;
    }
}
