/* SPDX-License-Identifier: MIT */
/* prio.h: a two-level bitmap of non-empty priorities: O(1) set, clear, highest. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "config.h"

#define PRIO_WORDS (CONFIG_PRIORITIES / 64)

/*
 * Bit p of words[p / 64] is set when priority p has a ready thread; bit w
 * of summary when words[w] != 0. top1 is the highest set priority plus one
 * (0: none; zero-initialised is empty), kept by set and clear so that the
 * readers, the IPC fast path's above all, take one load.
 */
struct prio_bitmap {
    uint64_t summary;
    uint64_t words[PRIO_WORDS];
    unsigned top1;
};

/* top1 after the highest set priority was cleared: two count-leading-zeros steps. */
void prio_rescan(struct prio_bitmap *b);

/* Inline, with prio_clear: the scheduler readies and picks a thread on every switch. */
static inline void prio_set(struct prio_bitmap *b, unsigned prio)
{
    b->words[prio / 64] |= 1ull << (prio % 64);
    b->summary |= 1ull << (prio / 64);
    if (prio + 1 > b->top1)
        b->top1 = prio + 1;
}

static inline void prio_clear(struct prio_bitmap *b, unsigned prio)
{
    b->words[prio / 64] &= ~(1ull << (prio % 64));
    if (!b->words[prio / 64])
        b->summary &= ~(1ull << (prio / 64));
    if (prio + 1 == b->top1)
        prio_rescan(b);
}

/* The highest set priority, or -1 when none is set. */
static inline int prio_highest(const struct prio_bitmap *b) { return (int)b->top1 - 1; }
/* True when a priority above p is set. */
static inline bool prio_any_above(const struct prio_bitmap *b, unsigned p)
{
    return b->top1 > p + 1;
}
