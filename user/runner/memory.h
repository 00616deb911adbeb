/* SPDX-License-Identifier: MIT */
/* memory.h: the module's linear memories on the OS: demand-zero regions of the runner's own address space. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "../../engine/include/jwasm.h"

/*
 * With its own AddressSpace and its quota (both given by the root, job.h),
 * the runner reserves each linear memory's maximum plus the engine's guard
 * as one demand-zero region (JX_SYS_ASPACE_RESERVE): the base never moves,
 * memory.grow costs nothing but a check, and a page costs a frame of the
 * quota only once the module writes it. The budget -- the module's `memory`
 * and the runner's allowance (RUNNER_ALLOWANCE) -- is shared with the
 * engine's heap: growth that would exceed it is refused (memory.grow
 * returns -1), and so is a heap block that would reach past what is left,
 * so the task never touches a page its quota cannot pay for.
 */
typedef struct runner_memory {
    uint32_t aspace, quota; /* the runner's slots */
    uint64_t budget; /* heap reach + linear memory, at most */
    uint64_t linear; /* bytes of linear memory granted so far */
    uintptr_t next; /* where the next reservation goes */
} runner_memory_t;

/* Fills *p to reserve through m; false (p untouched) without the capabilities. */
bool memory_provider(runner_memory_t *m, jw_memory_provider_t *p);
