/* SPDX-License-Identifier: MIT */
/* heap.h: the runner's heap: a first-fit free list over one fixed region in the ELF's bss. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "../../engine/include/jwasm.h"

/* The region's size: address space only, since the kernel maps the bss on
 * first touch and charges each page then; heap_set_limit() bounds what is
 * used (user/runner/memory.c, main.c). */
#ifndef HEAP_BYTES /* user/spectest/ builds this heap with its own size */
#define HEAP_BYTES (1024u << 20)
#endif

/* The engine's allocator over the heap: 16-byte aligned blocks, NULL when
 * nothing fits. free checks the size it is given against the block's and
 * ends the task on a mismatch (a corrupted heap must not run on). */
extern const jw_allocator_t heap_allocator;

/* Bytes allocated now and at most so far (headers included). */
size_t heap_used(void);
size_t heap_peak(void);
/* How far into the region blocks have ever reached: the bytes of it touched. */
size_t heap_reach(void);
/* Blocks may reach at most `bytes` into the region (at most HEAP_BYTES):
 * past it an allocation fails, so the engine reports out of memory rather
 * than the task touching pages its quota cannot pay for. */
void heap_set_limit(size_t bytes);
size_t heap_limit_bytes(void);
