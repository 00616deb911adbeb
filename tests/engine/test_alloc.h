/* SPDX-License-Identifier: MIT */
/* test_alloc.h: a counting allocator that can be told to fail the Nth allocation. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "jwasm.h"

typedef struct test_alloc {
    jw_allocator_t api;   /* hand &ta->api to the engine */
    uint64_t fail_at;     /* 1-based allocation that returns NULL; 0 = never */
    uint64_t allocs;      /* allocations asked for so far */
    uint64_t failed;      /* allocations refused */
    int64_t outstanding;  /* bytes handed out and not freed */
    int64_t peak;         /* highest `outstanding` seen */
    uint64_t bad_frees;   /* frees whose size differs from the allocation's */
} test_alloc_t;

void test_alloc_init(test_alloc_t *ta);
