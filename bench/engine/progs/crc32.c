/* SPDX-License-Identifier: MIT */
/* crc32.c: benchmark: table-driven CRC-32 (byte loads, table lookups, xors). */
#include <stdint.h>
#include <stdio.h>

#define BUF_SIZE (1u << 20)
#define ROUNDS   200

static uint32_t table[256];
static uint8_t buf[BUF_SIZE];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(void)
{
    make_table();
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < BUF_SIZE; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
        buf[i] = (uint8_t)x;
    }
    uint32_t crc = 0;
    for (int r = 0; r < ROUNDS; r++) {
        crc = crc32(crc, buf, BUF_SIZE);
        buf[r % BUF_SIZE] ^= (uint8_t)crc;
    }
    printf("crc32 x%d of %u bytes: %08x (check %08x)\n", ROUNDS, BUF_SIZE, crc,
           crc32(0, (const uint8_t *)"123456789", 9));
    return 0;
}
