/* SPDX-License-Identifier: MIT */
/* prio.h: a two-level bitmap of non-empty priorities: O(1) set, clear, highest. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "config.h"

#define PRIO_WORDS (CONFIG_PRIORITIES / 64)

/* Bit p of words[p / 64] is set when priority p has a ready thread; bit w of summary when words[w] != 0. */
struct prio_bitmap {
    uint64_t summary;
    uint64_t words[PRIO_WORDS];
};

void prio_set(struct prio_bitmap *b, unsigned prio);
void prio_clear(struct prio_bitmap *b, unsigned prio);
/* The highest set priority, or -1 when none is set. Inline: the IPC fast path asks. */
static inline int prio_highest(const struct prio_bitmap *b)
{
    if (!b->summary)
        return -1;
    unsigned w = 63 - (unsigned)__builtin_clzll(b->summary);
    return (int)(w * 64 + 63 - (unsigned)__builtin_clzll(b->words[w]));
}
/* True when a priority above p is set: cheaper than prio_highest (no bit scan), for the IPC fast path. */
static inline bool prio_any_above(const struct prio_bitmap *b, unsigned p)
{
    unsigned w = p / 64;
    /* Two shifts each, so that neither count reaches 64. */
    return (b->summary >> w >> 1) != 0 || (b->words[w] >> (p % 64) >> 1) != 0;
}
