/* SPDX-License-Identifier: MIT */
/* zlib_bench.c: drives zlib (Debian's zlib source): deflate and inflate a generated text buffer. */
#include <stdio.h>
#include <stdlib.h>
#include "rw_data.h"
#include "zlib.h"

/* usage: zlib_bench KIB ROUNDS. Each round compresses the same KIB KiB of
 * text at level 1, 6 and 9 (compress2) and inflates each result back
 * (uncompress), checking it equals the input; prints sizes and checksums. */
int main(int argc, char **argv)
{
    size_t n = (size_t)(argc > 1 ? atol(argv[1]) : 1024) * 1024;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    static const int levels[] = { 1, 6, 9 };
    char *in = rw_alloc(n), *back = rw_alloc(n);
    uLong cap = compressBound((uLong)n);
    Bytef *z = rw_alloc(cap);
    rw_fill_text(in, n, 0x5eed);
    printf("zlib %s, input %zu bytes, crc32 %08lx\n", zlibVersion(), n,
           crc32(0, (const Bytef *)in, (uInt)n));
    for (int r = 0; r < rounds; r++) {
        for (int l = 0; l < 3; l++) {
            uLongf zn = cap, bn = (uLongf)n;
            if (compress2(z, &zn, (const Bytef *)in, (uLong)n, levels[l]) != Z_OK)
                return 1;
            if (uncompress((Bytef *)back, &bn, z, zn) != Z_OK || bn != n || memcmp(in, back, n))
                return 2;
            if (r == 0)
                printf("level %d: %lu bytes, adler32 %08lx, fnv %08x\n", levels[l],
                       (unsigned long)zn, adler32(1, z, (uInt)zn), rw_fnv1a(z, zn));
        }
    }
    printf("%d rounds ok\n", rounds);
    return 0;
}
