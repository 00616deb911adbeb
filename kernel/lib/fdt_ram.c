// SPDX-License-Identifier: MIT
// fdt_ram.c: usable RAM from the device tree's facts: memory minus reservations and exclusions.
#include <stdint.h>
#include "fdt_ram.h"

/*
 * Interval arithmetic on mem_region arrays, apart from the reader because it
 * never touches the blob: its inputs are fdt_scan_boot()'s regions (already
 * checked not to wrap) and the caller's exclusions.
 */

#define PAGE 4096ull /* the granule usable RAM is trimmed to, as fdt_ram.h promises */

/* Removes [lo, hi) from regs[0..*n); a region split in two needs a slot. */
static int subtract(struct mem_region *regs, size_t *n, size_t max, uint64_t lo, uint64_t hi)
{
    for (size_t i = 0; i < *n; i++) {
        uint64_t b = regs[i].base, e = b + regs[i].size;
        if (hi <= b || lo >= e)
            continue;
        if (lo > b && hi < e) {
            if (*n >= max)
                return FDT_ERR_NOSPACE;
            regs[(*n)++] = (struct mem_region){ hi, e - hi };
            regs[i].size = lo - b;
        } else if (lo > b) {
            regs[i].size = lo - b;
        } else {
            regs[i] = (struct mem_region){ hi < e ? hi : e, hi < e ? e - hi : 0 };
        }
    }
    return FDT_OK;
}

static int subtract_all(struct mem_region *regs, size_t *n, size_t max, const struct mem_region *x,
                        size_t nx)
{
    for (size_t i = 0; i < nx; i++) {
        uint64_t lo = x[i].base & ~(PAGE - 1), end = x[i].base + x[i].size;
        uint64_t hi =
            end > UINT64_MAX - PAGE ? UINT64_MAX & ~(PAGE - 1) : (end + PAGE - 1) & ~(PAGE - 1);
        int err = x[i].size ? subtract(regs, n, max, lo, hi) : FDT_OK;
        if (err)
            return err;
    }
    return FDT_OK;
}

/* Shrinks regions to whole pages, drops empty ones, sorts by base. */
static size_t tidy(struct mem_region *regs, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t b = (regs[i].base + PAGE - 1) & ~(PAGE - 1);
        uint64_t e = (regs[i].base + regs[i].size) & ~(PAGE - 1);
        if (regs[i].base > UINT64_MAX - PAGE || e <= b)
            continue;
        struct mem_region r = { b, e - b };
        size_t j = kept++;
        for (; j > 0 && regs[j - 1].base > r.base; j--)
            regs[j] = regs[j - 1];
        regs[j] = r;
    }
    return kept;
}

int fdt_usable_ram(const struct fdt_boot *b, const struct mem_region *excl, size_t nexcl,
                   struct mem_region *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nmemory; i++) {
        if (n >= max)
            return FDT_ERR_NOSPACE;
        out[n++] = b->memory[i];
    }
    int err = subtract_all(out, &n, max, b->reserved, b->nreserved);
    if (!err)
        err = subtract_all(out, &n, max, excl, nexcl);
    return err ? err : (int)tidy(out, n);
}
