/* SPDX-License-Identifier: MIT */
/* fuzz_common.h: what the libFuzzer targets share: a bounded allocator, so
 * that a module asking for huge amounts of memory is refused (NOMEM), not a
 * reason for libFuzzer's out-of-memory report. */
#pragma once
#include <stdint.h>
#include <stdlib.h>

#include "jwasm.h"

/* The most one input may have allocated at once. */
#define FUZZ_MAX_BYTES ((size_t)256 << 20)

typedef struct fuzz_alloc {
    jw_allocator_t api;
    size_t in_use;
} fuzz_alloc_t;

static void *fuzz_alloc_fn(void *ud, size_t size)
{
    fuzz_alloc_t *a = ud;
    if (size > FUZZ_MAX_BYTES - a->in_use)
        return NULL;
    void *p = aligned_alloc(16, (size + 15) & ~(size_t)15);
    if (p)
        a->in_use += size;
    return p;
}

static void fuzz_free_fn(void *ud, void *ptr, size_t size)
{
    fuzz_alloc_t *a = ud;
    if (!ptr)
        return;
    a->in_use -= size;
    free(ptr);
}

static inline void fuzz_alloc_init(fuzz_alloc_t *a)
{
    a->api = (jw_allocator_t){ fuzz_alloc_fn, fuzz_free_fn, a };
    a->in_use = 0;
}
