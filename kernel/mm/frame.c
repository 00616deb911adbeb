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

/* Adds [base, base + size) to the pool minus the ranges x[0, nx) (page-aligned, sorted by base). */
static void pool_add_except(paddr_t base, uint64_t size, const struct mem_region *x, size_t nx)
{
    paddr_t end = base + size;
    for (size_t i = 0; i < nx && base < end; i++) {
        paddr_t lo = x[i].base, hi = x[i].base + x[i].size;
        if (x[i].size == 0 || hi <= base || lo >= end)
            continue;
        if (lo > base)
            frame_pool_add(&pool, base, lo - base);
        base = hi;
    }
    if (base < end)
        frame_pool_add(&pool, base, end - base);
}

/* The initrd rounded out to whole pages; size 0 unless it lies inside one RAM region. */
static struct mem_region initrd_pages(const struct boot_info *bi)
{
    struct mem_region r = { 0, 0 };
    if (bi->initrd.size == 0)
        return r;
    r.base = bi->initrd.base & ~(VM_PAGE_SIZE - 1);
    r.size =
        ((bi->initrd.base + bi->initrd.size + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1)) - r.base;
    for (size_t i = 0; i < bi->nram; i++)
        if (r.base >= bi->ram[i].base && r.base + r.size <= bi->ram[i].base + bi->ram[i].size)
            return r;
    return (struct mem_region){ 0, 0 };
}

/* The first whole pages of RAM that hold bm_size bytes and do not touch the initrd. */
static paddr_t bitmap_place(const struct boot_info *bi, size_t bm_size, struct mem_region rd)
{
    for (size_t i = 0; i < bi->nram; i++) {
        paddr_t at = (bi->ram[i].base + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
        paddr_t end = bi->ram[i].base + bi->ram[i].size;
        if (rd.size && at < rd.base + rd.size && rd.base < at + bm_size)
            at = rd.base + rd.size;
        if (at + bm_size <= end && !(rd.size && at < rd.base + rd.size && rd.base < at + bm_size))
            return at;
    }
    return 0;
}

void frame_init(struct boot_info *bi)
{
    paddr_t lo, hi;
    ram_span(bi, &lo, &hi);
    if (bi->nram == 0 || lo >= hi)
        panic("frame: no usable RAM");
    size_t bytes = frame_pool_bitmap_bytes(lo, hi);
    size_t bm_size = (bytes + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
    struct mem_region rd = initrd_pages(bi);
    if (bi->initrd.size && !rd.size) {
        kprintf("initrd: %#llx+%#llx is not inside usable RAM: ignored\n",
                (unsigned long long)bi->initrd.base, (unsigned long long)bi->initrd.size);
        bi->initrd.size = 0;
    }
    paddr_t bm = bitmap_place(bi, bm_size, rd);
    if (!bm)
        panic("frame: no room for a %zu byte bitmap", bytes);
    frame_pool_init(&pool, arch_phys_to_virt(bm), lo, hi);
    /* Neither the bitmap nor the boot archive is ever handed out. */
    struct mem_region keep[2] = { { bm, bm_size }, rd };
    if (rd.size && rd.base < bm) {
        keep[0] = rd;
        keep[1] = (struct mem_region){ bm, bm_size };
    }
    for (size_t i = 0; i < bi->nram; i++)
        pool_add_except(bi->ram[i].base, bi->ram[i].size, keep, 2);
    kprintf("frames: %zu free of %zu (%zu KiB bitmap)\n", pool.nfree, pool.total, bm_size >> 10);
}

jx_error_t frame_alloc_raw(paddr_t *pa) { return frame_pool_alloc(&pool, pa); }

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

size_t frame_free_count(void) { return pool.nfree; }

size_t frame_used_count(void) { return pool.total - pool.nfree; }

/* Slab pages are frames seen through the direct map. */
static void *slab_frame_alloc(void)
{
    paddr_t pa;
    return frame_alloc(&pa) == JX_OK ? arch_phys_to_virt(pa) : NULL;
}

static void slab_frame_free(void *page) { frame_free(arch_virt_to_phys(page)); }

const struct slab_page_source slab_frame_source = { slab_frame_alloc, slab_frame_free };
