/* SPDX-License-Identifier: MIT */
/* test_alloc.c: the counting, failure-injecting allocator of the engine tests. */
#include <stdlib.h>
#include <string.h>
#include "test_alloc.h"

/* A 16-byte header remembers the size, so frees with the wrong size (which
 * the API forbids) are counted instead of silently accepted. */
#define HDR 16u

static void *ta_alloc(void *ud, size_t size)
{
    test_alloc_t *ta = ud;
    ta->allocs++;
    if ((ta->fail_at && ta->allocs == ta->fail_at) || size > ((size_t)1 << 32)) {
        ta->failed++;
        return NULL;
    }
    uint8_t *p = aligned_alloc(16, (size + HDR + 15u) & ~(size_t)15u);
    if (!p) {
        ta->failed++;
        return NULL;
    }
    memcpy(p, &size, sizeof size);
    ta->outstanding += (int64_t)size;
    if (ta->outstanding > ta->peak)
        ta->peak = ta->outstanding;
    return p + HDR;
}

static void ta_free(void *ud, void *ptr, size_t size)
{
    test_alloc_t *ta = ud;
    if (!ptr)
        return;
    uint8_t *p = (uint8_t *)ptr - HDR;
    size_t had;
    memcpy(&had, p, sizeof had);
    if (had != size)
        ta->bad_frees++;
    ta->outstanding -= (int64_t)had;
    free(p);
}

void test_alloc_init(test_alloc_t *ta)
{
    memset(ta, 0, sizeof *ta);
    ta->api = (jw_allocator_t){ ta_alloc, ta_free, ta };
}
