/* SPDX-License-Identifier: MIT */
/* xz_bench.c: drives liblzma (Debian's xz-utils source): .xz compression and decompression of a generated buffer. */
#include <stdio.h>
#include <stdlib.h>
#include "lzma.h"
#include "rw_data.h"

/* usage: xz_bench KIB ROUNDS PRESET. Each round compresses KIB KiB of text
 * to .xz with lzma_easy_buffer_encode (PRESET, CRC64 check) and decodes it
 * back with lzma_stream_buffer_decode, checking it; prints size and checksum. */
int main(int argc, char **argv)
{
    size_t n = (size_t)(argc > 1 ? atol(argv[1]) : 1024) * 1024;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    uint32_t preset = (uint32_t)(argc > 3 ? atoi(argv[3]) : 6);
    uint8_t *in = rw_alloc(n), *back = rw_alloc(n);
    size_t cap = lzma_stream_buffer_bound(n);
    uint8_t *z = rw_alloc(cap);
    rw_fill_text((char *)in, n, 0x7a7a);
    printf("liblzma %s, input %zu bytes, preset %u, fnv %08x\n", lzma_version_string(), n, preset,
           rw_fnv1a(in, n));
    for (int r = 0; r < rounds; r++) {
        size_t zn = 0, zpos = 0, bn = 0;
        uint64_t memlimit = UINT64_MAX;
        if (lzma_easy_buffer_encode(preset, LZMA_CHECK_CRC64, NULL, in, n, z, &zn, cap) != LZMA_OK)
            return 1;
        if (lzma_stream_buffer_decode(&memlimit, 0, NULL, z, &zpos, zn, back, &bn, n) != LZMA_OK ||
            bn != n || memcmp(in, back, n))
            return 2;
        if (r == 0)
            printf("compressed: %zu bytes, fnv %08x\n", zn, rw_fnv1a(z, zn));
    }
    printf("%d rounds ok\n", rounds);
    return 0;
}
