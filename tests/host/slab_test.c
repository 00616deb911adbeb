/* SPDX-License-Identifier: MIT */
/* slab_test.c: slab caches: objects distinct and aligned, pages returned when empty, source failure handled. */
#include <stdlib.h>
#include "config.h"
#include "hosttest.h"
#include "jericho/error.h"
#include "slab.h"

static int pages_out, fail_after = -1;

static void *page_alloc(void)
{
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    pages_out++;
    return aligned_alloc(VM_PAGE_SIZE, VM_PAGE_SIZE);
}

static void page_free(void *p)
{
    pages_out--;
    free(p);
}

static const struct slab_page_source src = { page_alloc, page_free };

static void test_alloc_free(void)
{
    struct slab_cache c;
    HT_CHECK(slab_cache_init(&c, "t", 100, &src) == JX_OK);
    HT_CHECK(c.obj_size == 112);
    enum { N = 1000 };
    static unsigned char *objs[N];
    for (int i = 0; i < N; i++) {
        objs[i] = slab_alloc(&c);
        HT_CHECK(objs[i] != NULL);
        HT_CHECK((uintptr_t)objs[i] % 16 == 0);
        for (int b = 0; b < 100; b++)
            HT_CHECK(objs[i][b] == 0); /* zeroed */
        memset(objs[i], 0xa5, 100); /* overlaps would corrupt others' pattern */
    }
    HT_CHECK(c.in_use == N);
    HT_CHECK(pages_out == (int)((N + c.per_page - 1) / c.per_page));
    for (int i = 0; i < N; i += 2) /* free every other: pages stay */
        slab_free(&c, objs[i]);
    for (int i = 1; i < N; i += 2)
        for (int b = 0; b < 100; b++)
            HT_CHECK(objs[i][b] == 0xa5);
    for (int i = 1; i < N; i += 2)
        slab_free(&c, objs[i]);
    HT_CHECK(c.in_use == 0 && c.pages == 0);
    HT_CHECK(pages_out == 0); /* every page went back */
}

static void test_source_failure(void)
{
    struct slab_cache c;
    slab_cache_init(&c, "t", 2000, &src); /* 2 per page */
    fail_after = 1;
    void *a = slab_alloc(&c), *b = slab_alloc(&c), *d = slab_alloc(&c);
    HT_CHECK(a && b && !d); /* third needs a second page: refused */
    HT_CHECK(c.in_use == 2);
    fail_after = -1;
    slab_free(&c, a);
    slab_free(&c, b);
    HT_CHECK(pages_out == 0);
    HT_CHECK(slab_cache_init(&c, "big", VM_PAGE_SIZE, &src) == JX_EINVAL);
    HT_CHECK(slab_cache_init(&c, "zero", 0, &src) == JX_EINVAL);
}

int main(void)
{
    test_alloc_free();
    test_source_failure();
    return ht_finish("slab_test");
}
