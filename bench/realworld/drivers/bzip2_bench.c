/* SPDX-License-Identifier: MIT */
/* bzip2_bench.c: drives libbz2 (Debian's bzip2 source): compress and decompress a generated text buffer. */
#include <stdio.h>
#include <stdlib.h>
#include "bzlib.h"
#include "rw_data.h"

/* usage: bzip2_bench KIB ROUNDS. Each round compresses KIB KiB of text with
 * 900k blocks (BZ2_bzBuffToBuffCompress) and decompresses it back, checking
 * the result equals the input; prints the size and a checksum. */
int main(int argc, char **argv)
{
    unsigned n = (unsigned)(argc > 1 ? atol(argv[1]) : 1024) * 1024;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    char *in = rw_alloc(n), *back = rw_alloc(n);
    unsigned cap = n + n / 100 + 600;
    char *z = rw_alloc(cap);
    rw_fill_text(in, n, 0xb21b2);
    printf("bzip2 %s, input %u bytes, fnv %08x\n", BZ2_bzlibVersion(), n, rw_fnv1a(in, n));
    for (int r = 0; r < rounds; r++) {
        unsigned zn = cap, bn = n;
        if (BZ2_bzBuffToBuffCompress(z, &zn, in, n, 9, 0, 0) != BZ_OK)
            return 1;
        if (BZ2_bzBuffToBuffDecompress(back, &bn, z, zn, 0, 0) != BZ_OK || bn != n ||
            memcmp(in, back, n))
            return 2;
        if (r == 0)
            printf("compressed: %u bytes, fnv %08x\n", zn, rw_fnv1a(z, zn));
    }
    printf("%d rounds ok\n", rounds);
    return 0;
}
