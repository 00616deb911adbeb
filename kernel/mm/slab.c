/* SPDX-License-Identifier: MIT */
/* slab.c: fixed-size object caches over whole pages (portable: pages come from a page source). */
#include <stdbool.h>
#include "config.h"
#include "jericho/error.h"
#include "kstring.h"
#include "slab.h"

/* At the start of every page; objects follow at a 16-byte aligned offset. */
struct slab_page {
    struct list_node link;     /* on cache->partial while it has a free object */
    void *free;                /* chain of free objects through their first word */
    size_t used;
    struct slab_cache *cache;
};

#define SLAB_HEADER ((sizeof(struct slab_page) + 15) & ~(size_t)15)

jx_error_t slab_cache_init(struct slab_cache *c, const char *name, size_t obj_size,
                           const struct slab_page_source *src)
{
    obj_size = (obj_size + 15) & ~(size_t)15;
    if (obj_size == 0 || obj_size > VM_PAGE_SIZE - SLAB_HEADER)
        return JX_EINVAL;
    c->name = name;
    c->obj_size = obj_size;
    c->per_page = (VM_PAGE_SIZE - SLAB_HEADER) / obj_size;
    c->src = src;
    list_init(&c->partial);
    c->pages = 0;
    c->in_use = 0;
    return JX_OK;
}

/* A new page with every object on its free chain, or NULL. */
static struct slab_page *slab_grow(struct slab_cache *c)
{
    struct slab_page *pg = c->src->alloc();
    if (!pg)
        return NULL;
    pg->cache = c;
    pg->used = 0;
    pg->free = NULL;
    char *first = (char *)pg + SLAB_HEADER;
    for (size_t i = c->per_page; i-- > 0;) {
        void **obj = (void **)(first + i * c->obj_size);
        *obj = pg->free;
        pg->free = obj;
    }
    list_push_back(&c->partial, &pg->link);
    c->pages++;
    return pg;
}

void *slab_alloc(struct slab_cache *c)
{
    if (list_empty(&c->partial) && !slab_grow(c))
        return NULL;
    struct slab_page *pg = list_entry(c->partial.next, struct slab_page, link);
    void **obj = pg->free;
    pg->free = *obj;
    pg->used++;
    if (!pg->free)
        list_remove(&pg->link);
    c->in_use++;
    memset(obj, 0, c->obj_size);
    return obj;
}

void slab_free(struct slab_cache *c, void *obj)
{
    struct slab_page *pg = (struct slab_page *)((uintptr_t)obj & ~(uintptr_t)(VM_PAGE_SIZE - 1));
    bool was_full = pg->free == NULL;
    *(void **)obj = pg->free;
    pg->free = obj;
    pg->used--;
    c->in_use--;
    if (pg->used == 0) {
        if (!was_full)
            list_remove(&pg->link);
        c->pages--;
        c->src->free(pg);
        return;
    }
    if (was_full)
        list_push_back(&c->partial, &pg->link);
}
