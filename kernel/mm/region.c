/* SPDX-License-Identifier: MIT */
/* region.c: the demand-zero region table of an address space: lookup by address, overlap, add, remove. */
#include "region.h"

/*
 * A linear search: the table is short (CONFIG_VSPACE_REGIONS), and the
 * fault path, its one hot user, then maps a page, which costs far more.
 */
struct region *region_find(struct region_table *t, uintptr_t va)
{
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (t->r[i].end && va >= t->r[i].base && va < t->r[i].end)
            return &t->r[i];
    return 0;
}

struct region *region_at(struct region_table *t, uintptr_t base)
{
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (t->r[i].end && t->r[i].base == base)
            return &t->r[i];
    return 0;
}

bool region_overlaps(const struct region_table *t, uintptr_t lo, uintptr_t hi)
{
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (t->r[i].end && lo < t->r[i].end && t->r[i].base < hi)
            return true;
    return false;
}

bool region_has_room(const struct region_table *t)
{
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (!t->r[i].end)
            return true;
    return false;
}

struct region *region_add(struct region_table *t, uintptr_t base, uintptr_t end, unsigned prot,
                          struct quota *quota)
{
    for (int i = 0; i < CONFIG_VSPACE_REGIONS; i++)
        if (!t->r[i].end) {
            t->r[i] = (struct region){ base, end, prot, quota, 0 };
            return &t->r[i];
        }
    return 0;
}

void region_remove(struct region *r) { *r = (struct region){ 0, 0, 0, 0, 0 }; }
