/* SPDX-License-Identifier: MIT */
/* frame_test.c: the frame pool's bookkeeping: regions, holes, counts, exhaustion, bad frees. */
#include <stdlib.h>
#include "config.h"
#include "frame.h"
#include "hosttest.h"
#include "jericho/error.h"

#define MiB (1ull << 20)

static void test_regions_and_counts(void)
{
    struct frame_pool p;
    paddr_t base = 1 * MiB, end = 9 * MiB;        /* 2048 frames */
    uint64_t *bm = malloc(frame_pool_bitmap_bytes(base, end));
    frame_pool_init(&p, bm, base, end);
    HT_CHECK(p.nfree == 0 && p.total == 0);
    frame_pool_add(&p, 1 * MiB, 2 * MiB);          /* 512 frames */
    frame_pool_add(&p, 4 * MiB + 100, 4 * MiB);    /* unaligned: 1023 whole frames */
    frame_pool_add(&p, 1 * MiB, 4096);             /* again: counted once */
    frame_pool_add(&p, 20 * MiB, MiB);             /* outside: ignored */
    HT_CHECK(p.total == 512 + 1023);
    HT_CHECK(p.nfree == p.total);
    /* Everything allocated is inside an added region, page aligned, distinct. */
    paddr_t *got = malloc(p.total * sizeof *got);
    size_t n = 0;
    paddr_t pa;
    while (frame_pool_alloc(&p, &pa) == JX_OK) {
        HT_CHECK(pa % 4096 == 0);
        HT_CHECK((pa >= 1 * MiB && pa < 3 * MiB) || (pa >= 4 * MiB + 4096 && pa < 8 * MiB + 100));
        for (size_t i = 0; i < n; i++)
            HT_CHECK(got[i] != pa);
        got[n++] = pa;
        if (n > p.total)
            break;
    }
    HT_CHECK(n == 512 + 1023);
    HT_CHECK(p.nfree == 0);
    HT_CHECK(frame_pool_alloc(&p, &pa) == JX_ENOMEM);
    /* Bad frees are refused and change nothing. */
    HT_CHECK(frame_pool_free(&p, 3 * MiB) == JX_EINVAL);        /* a hole, never free RAM */
    HT_CHECK(frame_pool_free(&p, got[0] + 8) == JX_EINVAL);     /* unaligned */
    HT_CHECK(frame_pool_free(&p, 100 * MiB) == JX_EINVAL);      /* outside */
    HT_CHECK(frame_pool_free(&p, 0) == JX_EINVAL);              /* below */
    for (size_t i = 0; i < n; i++)
        HT_CHECK(frame_pool_free(&p, got[i]) == JX_OK);
    HT_CHECK(frame_pool_free(&p, got[0]) == JX_EINVAL);         /* double free */
    HT_CHECK(p.nfree == p.total);
    free(got);
    free(bm);
}

/* A pool whose size is not a multiple of 64 frames never hands out the tail bits. */
static void test_odd_size(void)
{
    struct frame_pool p;
    uint64_t *bm = malloc(frame_pool_bitmap_bytes(0, 70 * 4096));
    frame_pool_init(&p, bm, 0, 70 * 4096);
    frame_pool_add(&p, 0, 1ull << 40);             /* larger than the pool: clipped */
    HT_CHECK(p.total == 70);
    paddr_t pa;
    int n = 0;
    while (frame_pool_alloc(&p, &pa) == JX_OK) {
        HT_CHECK(pa < 70 * 4096);
        n++;
    }
    HT_CHECK(n == 70);
    free(bm);
}

int main(void)
{
    test_regions_and_counts();
    test_odd_size();
    return ht_finish("frame_test");
}
