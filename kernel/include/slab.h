/* SPDX-License-Identifier: MIT */
/* slab.h: fixed-size object caches, one per kernel object type, over whole pages. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "jericho/error.h"

/* Where a cache gets its pages (VM_PAGE_SIZE, VM_PAGE_SIZE aligned). Portable. */
struct slab_page_source {
    void *(*alloc)(void);      /* NULL when out of memory */
    void (*free)(void *page);
};

/*
 * A page holds a header and as many objects as fit; free objects are
 * chained through their first word. Pages with a free object are on
 * `partial`; a page whose last object is freed goes back to the source, so
 * an idle cache holds no memory (frame counts return to where they were).
 */
struct slab_cache {
    const char *name;
    size_t obj_size;           /* rounded up to 16 */
    size_t per_page;
    const struct slab_page_source *src;
    struct list_node partial;  /* pages with at least one free object */
    size_t pages;              /* pages held */
    size_t in_use;             /* objects handed out */
};

/* obj_size must be at most what fits VM_PAGE_SIZE with the header (checked: returns JX_EINVAL). */
jx_error_t slab_cache_init(struct slab_cache *c, const char *name, size_t obj_size,
                           const struct slab_page_source *src);
/* A zeroed object, or NULL when the page source is exhausted. */
void *slab_alloc(struct slab_cache *c);
/* obj must come from slab_alloc(c) on the same cache. */
void slab_free(struct slab_cache *c, void *obj);

/* The kernel's page source: frames through the direct map (frame.c). */
extern const struct slab_page_source slab_frame_source;
