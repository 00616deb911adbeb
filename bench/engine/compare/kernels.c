/* SPDX-License-Identifier: MIT */
/* kernels.c: import-free workloads for comparing engines that lack WASI (wabt's wasm-interp). */
/*
 * Each kernel is an exported function with no parameters returning an i32
 * checksum; run.sh builds one module per kernel (clang-19 --target=wasm32
 * -O2 -nostdlib, -Wl,--export=NAME), runs it with `jericho run --host
 * --invoke NAME` and `wasm-interp --run-all-exports`, and compares the
 * results. No loop only stores a constant: clang would call memset, which
 * does not exist without a libc.
 */
#include <stdint.h>

static uint32_t fib_rec(uint32_t n) { return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2); }

/* Calls and returns. */
uint32_t fib(void)
{
    volatile uint32_t n = 32; /* not folded at compile time */
    return fib_rec(n);
}

static uint8_t crc_buf[1 << 16];
static uint32_t crc_table[256];

/* Byte loads, table lookups, shifts and xors. */
uint32_t crc32(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    for (uint32_t i = 0; i < sizeof crc_buf; i++)
        crc_buf[i] = (uint8_t)(i * 31 + (i >> 8));
    uint32_t crc = 0;
    for (int round = 0; round < 128; round++) {
        crc = ~crc;
        for (uint32_t i = 0; i < sizeof crc_buf; i++)
            crc = crc_table[(crc ^ crc_buf[i]) & 0xff] ^ (crc >> 8);
        crc = ~crc;
    }
    return crc;
}

static uint8_t sieve_flags[1 << 20];

/* Strided byte stores and a counting pass. */
uint32_t sieve(void)
{
    uint32_t count = 0;
    for (int round = 0; round < 4; round++) {
        for (uint32_t i = 0; i < sizeof sieve_flags; i++)
            sieve_flags[i] = (uint8_t)(i | 1);
        for (uint32_t i = 2; i * i < sizeof sieve_flags; i++)
            if (sieve_flags[i])
                for (uint32_t j = i * i; j < sizeof sieve_flags; j += i)
                    sieve_flags[j] = 0;
        for (uint32_t i = 2; i < sizeof sieve_flags; i++)
            count += sieve_flags[i] != 0;
    }
    return count;
}
