/* SPDX-License-Identifier: MIT */
/* lz4_bench.c: drives liblz4 (Debian's lz4 source): fast and HC compression of a generated buffer, and decompression. */
#include <stdio.h>
#include <stdlib.h>
#include "lz4.h"
#include "lz4hc.h"
#include "rw_data.h"

/* usage: lz4_bench KIB ROUNDS. Each round compresses KIB KiB of text with
 * LZ4_compress_default, with LZ4_compress_HC at level 9, and decompresses
 * both (LZ4_decompress_safe) back, checking them; prints sizes and checksums
 * of the HC output only: the fast compressor hashes 5 bytes where size_t is
 * 64-bit and 4 where it is 32-bit, so its output differs by design between
 * x86-64 and wasm32 (both round-trip; both are checked). */
int main(int argc, char **argv)
{
    int n = (int)(argc > 1 ? atol(argv[1]) : 1024) * 1024;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    char *in = rw_alloc((size_t)n), *back = rw_alloc((size_t)n);
    int cap = LZ4_compressBound(n);
    char *z = rw_alloc((size_t)cap);
    rw_fill_text(in, (size_t)n, 0x124);
    printf("lz4 %s, input %d bytes, fnv %08x\n", LZ4_versionString(), n, rw_fnv1a(in, (size_t)n));
    for (int r = 0; r < rounds; r++) {
        for (int hc = 0; hc < 2; hc++) {
            int zn = hc ? LZ4_compress_HC(in, z, n, cap, 9) : LZ4_compress_default(in, z, n, cap);
            if (zn <= 0)
                return 1;
            for (int d = 0; d < 4; d++)
                if (LZ4_decompress_safe(z, back, zn, n) != n || memcmp(in, back, (size_t)n))
                    return 2;
            if (r == 0 && hc)
                printf("hc9: %d bytes, fnv %08x\n", zn, rw_fnv1a(z, (size_t)zn));
        }
    }
    printf("%d rounds ok\n", rounds);
    return 0;
}
