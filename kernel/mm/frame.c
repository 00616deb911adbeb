/* SPDX-License-Identifier: MIT */
/* frame.c: the kernel's frame pool over boot_info.ram; its bitmap lives in the first RAM that fits. */
#include "config.h"
#include "frame.h"
#include "jericho/error.h"
#include "kprintf.h"
#include "kstring.h"
#include "panic.h"
#include "slab.h"

static struct frame_pool pool;

/* The span of all RAM regions: the pool covers it, holes stay marked in use. */
static void ram_span(const struct boot_info *bi, paddr_t *lo, paddr_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (size_t i = 0; i < bi->nram; i++) {
        const struct mem_region *r = &bi->ram[i];
        if (r->base < *lo)
            *lo = r->base;
        if (r->base + r->size > *hi)
            *hi = r->base + r->size;
    }
    *lo &= ~(VM_PAGE_SIZE - 1);
    *hi &= ~(VM_PAGE_SIZE - 1);
}

void frame_init(const struct boot_info *bi)
{
    paddr_t lo, hi;
    ram_span(bi, &lo, &hi);
    if (bi->nram == 0 || lo >= hi)
        panic("frame: no usable RAM");
    size_t bytes = frame_pool_bitmap_bytes(lo, hi);
    size_t bm_size = (bytes + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
    /* The bitmap takes the first whole pages of the first region big enough. */
    paddr_t bm = 0;
    for (size_t i = 0; i < bi->nram && !bm; i++)
        if (bi->ram[i].size >= bm_size + VM_PAGE_SIZE)
            bm = (bi->ram[i].base + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
    if (!bm)
        panic("frame: no room for a %zu byte bitmap", bytes);
    frame_pool_init(&pool, arch_phys_to_virt(bm), lo, hi);
    for (size_t i = 0; i < bi->nram; i++) {
        const struct mem_region *r = &bi->ram[i];
        if (bm >= r->base && bm < r->base + r->size) {
            frame_pool_add(&pool, r->base, bm - r->base);
            frame_pool_add(&pool, bm + bm_size, r->base + r->size - (bm + bm_size));
        } else {
            frame_pool_add(&pool, r->base, r->size);
        }
    }
    kprintf("frames: %zu free of %zu (%zu KiB bitmap)\n", pool.nfree,
            pool.total, bm_size >> 10);
}

jx_error_t frame_alloc_raw(paddr_t *pa)
{
    return frame_pool_alloc(&pool, pa);
}

jx_error_t frame_alloc(paddr_t *pa)
{
    jx_error_t err = frame_alloc_raw(pa);
    if (err == JX_OK)
        memset(arch_phys_to_virt(*pa), 0, VM_PAGE_SIZE);
    return err;
}

void frame_free(paddr_t pa)
{
    if (frame_pool_free(&pool, pa) != JX_OK)
        panic("frame_free: %#llx is not an allocated frame", (unsigned long long)pa);
}

size_t frame_free_count(void)
{
    return pool.nfree;
}

size_t frame_used_count(void)
{
    return pool.total - pool.nfree;
}

/* Slab pages are frames seen through the direct map. */
static void *slab_frame_alloc(void)
{
    paddr_t pa;
    return frame_alloc(&pa) == JX_OK ? arch_phys_to_virt(pa) : NULL;
}

static void slab_frame_free(void *page)
{
    frame_free(arch_virt_to_phys(page));
}

const struct slab_page_source slab_frame_source = { slab_frame_alloc, slab_frame_free };
