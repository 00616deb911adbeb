/* SPDX-License-Identifier: MIT */
/* memory_host.c: linear memory by reservation on Linux: mmap(PROT_NONE), mprotect, munmap. */
#define _GNU_SOURCE /* MAP_NORESERVE, MAP_ANONYMOUS */
#include <stdint.h>
#include <sys/mman.h>

#include "memory_host.h"

/* MAP_NORESERVE: the reservation counts against no commit limit, and the
 * pages later made writable are not charged at mprotect either (so a 4 GiB
 * cap costs nothing until pages are touched). */
static void *host_reserve(void *ud, uint64_t bytes)
{
    (void)ud;
    if (bytes == 0 || bytes > SIZE_MAX)
        return NULL;
    void *base =
        mmap(NULL, (size_t)bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return base == MAP_FAILED ? NULL : base;
}

/* Pages of a fresh anonymous mapping read as zero; the engine never
 * decommits, so every page committed here is one never written. */
static bool host_commit(void *ud, void *base, uint64_t old_bytes, uint64_t new_bytes)
{
    (void)ud;
    if (new_bytes <= old_bytes)
        return true;
    return mprotect((uint8_t *)base + old_bytes, (size_t)(new_bytes - old_bytes),
                    PROT_READ | PROT_WRITE) == 0;
}

static void host_release(void *ud, void *base, uint64_t bytes)
{
    (void)ud;
    munmap(base, (size_t)bytes);
}

jw_memory_provider_t memory_host_provider(void)
{
    return (jw_memory_provider_t){ host_reserve, host_commit, host_release, NULL };
}
