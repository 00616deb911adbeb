/* SPDX-License-Identifier: MIT */
/* heap.h: the runner's heap: a first-fit free list over one fixed region in the ELF's bss. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "../../engine/include/jwasm.h"

/* The region's size. The loader maps the bss when the task is created, so
 * this is memory the task owns from its first instruction; a module's
 * linear memory comes out of it too (main.c caps it well below). */
#ifndef HEAP_BYTES /* user/spectest/ builds this heap with a larger region */
#define HEAP_BYTES (16u << 20)
#endif

/* The engine's allocator over the heap: 16-byte aligned blocks, NULL when
 * nothing fits. free checks the size it is given against the block's and
 * ends the task on a mismatch (a corrupted heap must not run on). */
extern const jw_allocator_t heap_allocator;

/* Bytes allocated now and at most so far (headers included). */
size_t heap_used(void);
size_t heap_peak(void);
