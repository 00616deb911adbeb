/* SPDX-License-Identifier: MIT */
/* region.h: the demand-zero regions of an address space: a short table of page ranges, found by address. Portable. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "config.h"

struct quota;

/*
 * A range of an address space whose pages are mapped zeroed on first
 * touch. The table holds only the range and its accounting: which pages are
 * mapped now is what the page tables say (vspace.c).
 */
struct region {
    uintptr_t base, end; /* [base, end), page aligned; end == 0: a free slot */
    unsigned prot; /* VM_* of every page (never W+X) */
    struct quota *quota; /* charged per page mapped; NULL: nobody's (the kernel's tasks) */
    uint64_t pages; /* pages mapped now, each charged JX_QUOTA_CHARGE_FRAME */
};

struct region_table {
    struct region r[CONFIG_VSPACE_REGIONS];
};

/* The region containing va, or NULL. */
struct region *region_find(struct region_table *t, uintptr_t va);
/* The region that begins at base, or NULL. */
struct region *region_at(struct region_table *t, uintptr_t base);
/* True when some region shares an address with [lo, hi) (lo < hi). */
bool region_overlaps(const struct region_table *t, uintptr_t lo, uintptr_t hi);
/* True when the table has a free slot. */
bool region_has_room(const struct region_table *t);
/*
 * Adds [base, end) (checked by the caller: aligned, free, room) with no page
 * mapped; returns its slot.
 */
struct region *region_add(struct region_table *t, uintptr_t base, uintptr_t end, unsigned prot,
                          struct quota *quota);
/* Frees r's slot (its pages must be gone, its charge credited). */
void region_remove(struct region *r);
