/* SPDX-License-Identifier: MIT */
/* region_test.c: the demand-zero region table: lookup by address, overlap at the edges, a full table, removal. */
#include <stdint.h>
#include "hosttest.h"
#include "region.h"

#define PAGE 4096ul

static void test_find_and_edges(void)
{
    struct region_table t = { 0 };
    HT_CHECK(region_find(&t, 0x10000) == 0 && !region_overlaps(&t, 0, UINTPTR_MAX));
    struct region *r = region_add(&t, 0x10000, 0x10000 + 4 * PAGE, 3, 0);
    HT_CHECK(r && r->base == 0x10000 && r->pages == 0 && r->prot == 3);
    HT_CHECK(region_find(&t, 0x10000) == r);
    HT_CHECK(region_find(&t, 0x10000 + 4 * PAGE - 1) == r);
    HT_CHECK(region_find(&t, 0x10000 + 4 * PAGE) == 0); /* end is exclusive */
    HT_CHECK(region_find(&t, 0x10000 - 1) == 0);
    HT_CHECK(region_at(&t, 0x10000) == r && region_at(&t, 0x10000 + PAGE) == 0);
    /* Ranges that touch the region without sharing an address do not overlap. */
    HT_CHECK(!region_overlaps(&t, 0x10000 - PAGE, 0x10000));
    HT_CHECK(!region_overlaps(&t, 0x10000 + 4 * PAGE, 0x10000 + 5 * PAGE));
    HT_CHECK(region_overlaps(&t, 0x10000 - PAGE, 0x10000 + 1));
    HT_CHECK(region_overlaps(&t, 0x10000 + 3 * PAGE, 0x10000 + 9 * PAGE));
    HT_CHECK(region_overlaps(&t, 0x10000 + PAGE, 0x10000 + 2 * PAGE)); /* inside */
    HT_CHECK(region_overlaps(&t, 0, UINTPTR_MAX)); /* around */
}

static void test_full_and_remove(void)
{
    struct region_table t = { 0 };
    struct region *r[CONFIG_VSPACE_REGIONS];
    for (uintptr_t i = 0; i < CONFIG_VSPACE_REGIONS; i++) {
        HT_CHECK(region_has_room(&t));
        r[i] = region_add(&t, (i + 1) << 30, ((i + 1) << 30) + PAGE, 1, 0);
        HT_CHECK(r[i] != 0);
    }
    HT_CHECK(!region_has_room(&t));
    HT_CHECK(region_add(&t, 1ul << 40, (1ul << 40) + PAGE, 1, 0) == 0);
    for (uintptr_t i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        HT_CHECK(region_find(&t, ((i + 1) << 30) + 100) == r[i]);
    region_remove(r[3]);
    HT_CHECK(region_has_room(&t) && region_find(&t, 4ul << 30) == 0);
    HT_CHECK(!region_overlaps(&t, 4ul << 30, (4ul << 30) + PAGE));
    struct region *again = region_add(&t, 4ul << 30, (4ul << 30) + 2 * PAGE, 1, 0);
    HT_CHECK(again == r[3] && region_find(&t, (4ul << 30) + PAGE) == again);
}

int main(void)
{
    test_find_and_edges();
    test_full_and_remove();
    return ht_finish("region");
}
