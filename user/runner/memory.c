/* SPDX-License-Identifier: MIT */
/* memory.c: the module's linear memories on the OS: demand-zero regions of the runner's own address space. */
#include "memory.h"
#include "heap.h"
#include "jx.h"

/* Where linear memories go: far above the ELF, below the job's data
 * (JX_TASK_DATA_ADDR, 16 TiB), on both arches' 48-bit user halves. */
#define MEMORY_BASE 0x40000000000ull /* 4 TiB */
#define MEMORY_GAP  0x10000ull /* unmapped between two reservations */

/* The heap may reach what the linear memories leave of the budget. */
static void heap_follows(const runner_memory_t *m)
{
    heap_set_limit(m->budget > m->linear ? m->budget - m->linear : 0);
}

static void *mem_reserve(void *ud, uint64_t bytes)
{
    runner_memory_t *m = ud;
    uintptr_t va = m->next;
    if (bytes == 0 || bytes > JX_RESERVE_MAX || va + bytes >= JX_TASK_DATA_ADDR ||
        jx_reserve(m->aspace, va, bytes, m->quota, JX_RIGHT_READ | JX_RIGHT_WRITE) != JX_OK)
        return 0;
    m->next = va + bytes + MEMORY_GAP;
    return (void *)va;
}

/* The pages read as zero already (a region's); growing only has to fit the budget. */
static bool mem_commit(void *ud, void *base, uint64_t old_bytes, uint64_t new_bytes)
{
    runner_memory_t *m = ud;
    (void)base;
    uint64_t more = new_bytes - old_bytes;
    if (m->linear + more + heap_reach() > m->budget)
        return false;
    m->linear += more;
    heap_follows(m);
    return true;
}

static void mem_release(void *ud, void *base, uint64_t bytes)
{
    runner_memory_t *m = ud;
    (void)bytes;
    jx_release(m->aspace, (uintptr_t)base);
}

bool memory_provider(runner_memory_t *m, jw_memory_provider_t *p)
{
    if (m->aspace == JX_CAP_NONE || m->quota == JX_CAP_NONE)
        return false;
    m->next = MEMORY_BASE;
    heap_follows(m);
    *p = (jw_memory_provider_t){ mem_reserve, mem_commit, mem_release, m };
    return true;
}
