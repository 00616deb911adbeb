/* SPDX-License-Identifier: MIT */
/* frame_pool.c: bitmap bookkeeping of physical frames (portable; the kernel glue is frame.c). */
#include <stdbool.h>
#include "config.h"
#include "frame.h"
#include "jericho/error.h"

static uint64_t pool_frames(paddr_t base, paddr_t end)
{
    return end > base ? (end - base) >> VM_PAGE_SHIFT : 0;
}

size_t frame_pool_bitmap_bytes(paddr_t base, paddr_t end)
{
    return (size_t)((pool_frames(base, end) + 63) / 64 * 8 * 2);
}

void frame_pool_init(struct frame_pool *p, uint64_t *bitmap, paddr_t base, paddr_t end)
{
    p->base = base;
    p->nframes = (size_t)pool_frames(base, end);
    size_t words = (p->nframes + 63) / 64;
    p->bitmap = bitmap;
    p->ram = bitmap + words;
    p->total = 0;
    p->nfree = 0;
    p->hint = 0;
    for (size_t w = 0; w < words; w++) {
        p->bitmap[w] = ~0ull;   /* the tail bits past nframes stay set forever */
        p->ram[w] = 0;
    }
}

static bool pool_bit(const struct frame_pool *p, size_t i)
{
    return p->bitmap[i / 64] >> (i % 64) & 1;
}

void frame_pool_add(struct frame_pool *p, paddr_t base, uint64_t size)
{
    paddr_t end = base + size < base ? UINT64_MAX : base + size;
    base = (base + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
    end &= ~(VM_PAGE_SIZE - 1);
    paddr_t pool_end = p->base + ((paddr_t)p->nframes << VM_PAGE_SHIFT);
    if (base < p->base)
        base = p->base;
    if (end > pool_end)
        end = pool_end;
    for (paddr_t a = base; a < end; a += VM_PAGE_SIZE) {
        size_t i = (size_t)((a - p->base) >> VM_PAGE_SHIFT);
        if (p->ram[i / 64] >> (i % 64) & 1)
            continue;           /* added before (maybe allocated since): count it once */
        p->bitmap[i / 64] &= ~(1ull << (i % 64));
        p->ram[i / 64] |= 1ull << (i % 64);
        p->total++;
        p->nfree++;
    }
}

/* Searches whole words from the hint on, wrapping once: 64 frames per test. */
jx_error_t frame_pool_alloc(struct frame_pool *p, paddr_t *pa)
{
    size_t words = (p->nframes + 63) / 64;
    if (p->nfree == 0 || words == 0)
        return JX_ENOMEM;
    for (size_t n = 0; n < words; n++) {
        size_t w = (p->hint + n) % words;
        if (p->bitmap[w] == ~0ull)
            continue;
        unsigned bit = (unsigned)__builtin_ctzll(~p->bitmap[w]);
        p->bitmap[w] |= 1ull << bit;
        p->nfree--;
        p->hint = w;
        *pa = p->base + ((paddr_t)(w * 64 + bit) << VM_PAGE_SHIFT);
        return JX_OK;
    }
    return JX_ENOMEM;           /* unreachable while nfree is right */
}

jx_error_t frame_pool_free(struct frame_pool *p, paddr_t pa)
{
    if (pa < p->base || (pa & (VM_PAGE_SIZE - 1)))
        return JX_EINVAL;
    uint64_t i = (pa - p->base) >> VM_PAGE_SHIFT;
    if (i >= p->nframes || !pool_bit(p, (size_t)i) || !(p->ram[i / 64] >> (i % 64) & 1))
        return JX_EINVAL;
    p->bitmap[i / 64] &= ~(1ull << (i % 64));
    p->nfree++;
    return JX_OK;
}
