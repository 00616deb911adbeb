/* SPDX-License-Identifier: MIT */
/* frame.h: the physical frame allocator: a bitmap pool over the boot memory map, with counts. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "arch.h"
#include "jericho/error.h"

/*
 * A pool covers [base, base + nframes * VM_PAGE_SIZE) with two bitmaps,
 * one bit per frame each: `bitmap` set = in use or not RAM; `ram` set =
 * added as RAM (so a hole or reserved frame can never be freed into the
 * pool). Portable (tests/host/frame_test.c): it touches only the memory
 * the caller hands it.
 */
struct frame_pool {
    uint64_t *bitmap;
    uint64_t *ram;
    paddr_t base;
    size_t nframes;
    size_t total;      /* frames that were ever added as free RAM */
    size_t nfree;
    size_t hint;       /* bitmap word where the next search starts */
};

/* Bytes of bitmap memory (both bitmaps) a pool over [base, end) needs (a multiple of 8). */
size_t frame_pool_bitmap_bytes(paddr_t base, paddr_t end);
/* Starts a pool over [base, end) (page aligned) with every frame in use. */
void frame_pool_init(struct frame_pool *p, uint64_t *bitmap, paddr_t base, paddr_t end);
/* Marks the whole frames inside [base, base + size) free (clipped to the pool). */
void frame_pool_add(struct frame_pool *p, paddr_t base, uint64_t size);
/* Takes one free frame: JX_OK and *pa, or JX_ENOMEM. */
jx_error_t frame_pool_alloc(struct frame_pool *p, paddr_t *pa);
/* Returns a frame: JX_OK, or JX_EINVAL if pa is not an allocated frame of the pool. */
jx_error_t frame_pool_free(struct frame_pool *p, paddr_t pa);

/*
 * The kernel's one pool (frame.c), over boot_info.ram minus the frames its
 * own bitmap occupies and the boot archive's (bi->initrd, whose size
 * frame_init sets to 0 if it is not inside usable RAM). frame_alloc returns a
 * zeroed frame.
 */
void frame_init(struct boot_info *bi);
jx_error_t frame_alloc(paddr_t *pa);
/*
 * frame_alloc without the zeroing, for a caller that never lets the old
 * contents out (test=memfill, which would otherwise clear all of RAM).
 */
jx_error_t frame_alloc_raw(paddr_t *pa);
/* Panics on a frame that is not allocated: that is a kernel bug. */
void frame_free(paddr_t pa);
size_t frame_free_count(void);
size_t frame_used_count(void);   /* allocated since boot and not freed */
