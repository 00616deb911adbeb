/* SPDX-License-Identifier: MIT */
/* heap.c: the runner's heap: a first-fit free list over one fixed region in the ELF's bss. */
#include <stdint.h>
#include "heap.h"
#include "jx.h"

/*
 * Every block, free or used, starts with a 16-byte header holding its size
 * (header included, a multiple of 16). Free blocks are kept in a list in
 * address order, so a freed block merges with free neighbours on either
 * side and the heap does not fragment into dust under the engine's
 * alloc/free pattern (many small translation buffers, then a few large
 * ones). First fit is O(free blocks); the list stays short in practice.
 */
#define HEAP_ALIGN    16u
#define HEAP_USED_TAG 0x6a68656170ul /* "jheap": in a used block's header */

struct heap_block {
    size_t size;               /* whole block, header included */
    union {
        struct heap_block *next; /* free: the next free block (by address) */
        uintptr_t tag;           /* used: HEAP_USED_TAG */
    };
};
_Static_assert(sizeof(struct heap_block) == HEAP_ALIGN, "the header keeps payloads aligned");

static _Alignas(HEAP_ALIGN) uint8_t heap_region[HEAP_BYTES];
static struct heap_block *heap_free_list;
static bool heap_ready;
static size_t heap_in_use, heap_max_in_use;
/* How far into the region blocks have reached (the pages touched: the bss
 * is mapped on first touch), and how far they may reach. */
static size_t heap_high, heap_limit = HEAP_BYTES;

static void heap_init(void)
{
    heap_free_list = (struct heap_block *)heap_region;
    heap_free_list->size = HEAP_BYTES;
    heap_free_list->next = 0;
    heap_ready = true;
}

/* The block size that serves a request of `size` bytes; 0 if too big. */
static size_t heap_block_size(size_t size)
{
    if (size > HEAP_BYTES)
        return 0;
    size_t n = (size + sizeof(struct heap_block) + HEAP_ALIGN - 1) & ~(size_t)(HEAP_ALIGN - 1);
    return n < 2 * HEAP_ALIGN ? 2 * HEAP_ALIGN : n;
}

static void *heap_alloc(void *ud, size_t size)
{
    (void)ud;
    if (!heap_ready)
        heap_init();
    size_t need = heap_block_size(size);
    if (!need)
        return 0;
    for (struct heap_block **link = &heap_free_list; *link; link = &(*link)->next) {
        struct heap_block *b = *link;
        if (b->size < need)
            continue;
        size_t end = (size_t)((uint8_t *)b - heap_region) + need;
        if (end > heap_limit)
            return 0;  /* the free list is in address order: every later block is higher */
        if (end > heap_high)
            heap_high = end;
        if (b->size - need >= 2 * HEAP_ALIGN) { /* split: the tail stays free */
            struct heap_block *rest = (struct heap_block *)((uint8_t *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *link = rest;
            b->size = need;
        } else {
            *link = b->next;
        }
        b->tag = HEAP_USED_TAG;
        heap_in_use += b->size;
        if (heap_in_use > heap_max_in_use)
            heap_max_in_use = heap_in_use;
        return b + 1;
    }
    return 0;
}

static _Noreturn void heap_corrupt(const void *ptr)
{
    printf("runner: heap: bad free of %p: not a block in use of the size given\n", ptr);
    jx_exit(70); /* EX_SOFTWARE: a bug in the runner or the engine, not the module */
}

static void heap_free(void *ud, void *ptr, size_t size)
{
    (void)ud;
    if (!ptr)
        return;
    struct heap_block *b = (struct heap_block *)ptr - 1;
    if ((uint8_t *)b < heap_region || (uint8_t *)b >= heap_region + HEAP_BYTES ||
        b->tag != HEAP_USED_TAG || b->size < heap_block_size(size) ||
        b->size > heap_block_size(size) + 2 * HEAP_ALIGN)
        heap_corrupt(ptr);
    heap_in_use -= b->size;
    /* Insert in address order, then merge with the neighbours. */
    struct heap_block *prev = 0, *next = heap_free_list;
    while (next && next < b) {
        prev = next;
        next = next->next;
    }
    b->next = next;
    if (next && (uint8_t *)b + b->size == (uint8_t *)next) {
        b->size += next->size;
        b->next = next->next;
    }
    if (prev && (uint8_t *)prev + prev->size == (uint8_t *)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else if (prev) {
        prev->next = b;
    } else {
        heap_free_list = b;
    }
}

const jw_allocator_t heap_allocator = { heap_alloc, heap_free, 0 };

size_t heap_used(void) { return heap_in_use; }
size_t heap_reach(void) { return heap_high; }
void heap_set_limit(size_t bytes) { heap_limit = bytes < HEAP_BYTES ? bytes : HEAP_BYTES; }
size_t heap_limit_bytes(void) { return heap_limit; }
size_t heap_peak(void) { return heap_max_in_use; }
