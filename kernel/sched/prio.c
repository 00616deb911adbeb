/* SPDX-License-Identifier: MIT */
/* prio.c: the ready-priority bitmap: highest non-empty priority in two count-leading-zeros steps. */
#include "prio.h"

void prio_set(struct prio_bitmap *b, unsigned prio)
{
    b->words[prio / 64] |= 1ull << (prio % 64);
    b->summary |= 1ull << (prio / 64);
}

void prio_clear(struct prio_bitmap *b, unsigned prio)
{
    b->words[prio / 64] &= ~(1ull << (prio % 64));
    if (!b->words[prio / 64])
        b->summary &= ~(1ull << (prio / 64));
}
