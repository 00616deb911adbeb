/* SPDX-License-Identifier: MIT */
/* prio.c: the ready-priority bitmap's rescan: the highest non-empty priority found again in two count-leading-zeros steps once the old one emptied. */
#include "prio.h"

void prio_rescan(struct prio_bitmap *b)
{
    if (!b->summary) {
        b->top1 = 0;
        return;
    }
    unsigned w = 63 - (unsigned)__builtin_clzll(b->summary);
    b->top1 = w * 64 + 64 - (unsigned)__builtin_clzll(b->words[w]);
}
