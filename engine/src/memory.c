/* SPDX-License-Identifier: MIT */
/* memory.c: linear memories: creation (by reservation or allocation), growth, bounds-checked bulk operations. */
#include "internal.h"

/* The store's cap on pages, and the memory's own maximum. */
static uint64_t me_max_pages(const jw_memory_t *m)
{
    uint64_t max = m->limits.has_max ? m->limits.max : JW_MAX_PAGES;
    if (max > m->store->cfg.max_memory_pages)
        max = m->store->cfg.max_memory_pages;
    return max;
}

/* Provider path: reserve the maximum plus the guard, commit the minimum.
 * false (nothing held) if there is no provider or no reservation: the caller
 * falls back to the allocator. */
static bool me_reserve(jw_memory_t *m)
{
    const jw_memory_provider_t *p = &m->store->cfg.memory;
    if (!p->reserve || !p->commit || !p->release)
        return false;
    uint64_t bytes = me_max_pages(m) * JW_PAGE_SIZE + JW_MEMORY_GUARD_BYTES;
    uint8_t *base = p->reserve(p->ud, bytes);
    if (!base)
        return false;
    if (m->size && !p->commit(p->ud, base, 0, m->size)) {
        p->release(p->ud, base, bytes);
        return false;
    }
    m->data = base;
    m->reserved = bytes;
    return true;
}

/* Allocator path: one block of exactly the current size (1 byte if empty). */
static bool me_allocate(jw_memory_t *m)
{
    m->alloc_size = m->size ? m->size : 1;
    m->data = jw__alloc(&m->store->alloc, (size_t)m->alloc_size);
    return m->data != NULL;
}

jw_memory_t *jw_memory_new(jw_store_t *s, jw_limits_t limits)
{
    if (!s || limits.min > JW_MAX_PAGES || (limits.has_max && limits.max < limits.min))
        return NULL;
    if (limits.min > s->cfg.max_memory_pages)
        return NULL;
    jw_memory_t *m = jw__alloc(&s->alloc, sizeof *m);
    if (!m)
        return NULL;
    m->store = s;
    m->limits = limits;
    m->size = (uint64_t)limits.min * JW_PAGE_SIZE;
    if (!me_reserve(m) && !me_allocate(m)) {
        jw__free(&s->alloc, m, sizeof *m);
        return NULL;
    }
    jw__store_link(s, &m->hdr, JWO_MEMORY, sizeof *m);
    return m;
}

void jw__memory_release(jw_memory_t *m)
{
    const jw_memory_provider_t *p = &m->store->cfg.memory;
    if (m->reserved)
        p->release(p->ud, m->data, m->reserved);
    else
        jw__free(&m->store->alloc, m->data, (size_t)m->alloc_size);
}

/* Allocator path: allocate the new size, copy, free the old block (the base
 * moves). */
static bool me_grow_copy(jw_memory_t *m, uint64_t bytes)
{
    if (bytes > (uint64_t)SIZE_MAX / 2)
        return false;
    uint8_t *nd = jw__alloc(&m->store->alloc, (size_t)bytes);
    if (!nd)
        return false;
    jw__memcpy(nd, m->data, (size_t)m->size);
    jw__free(&m->store->alloc, m->data, (size_t)m->alloc_size);
    m->data = nd;
    m->alloc_size = bytes;
    return true;
}

/* With a reservation growth commits the pages added, in place (the maximum
 * was reserved, so `bytes` fits); otherwise it reallocates and copies. A
 * failed growth (limit, provider or allocator) returns -1, never traps. */
int64_t jw__memory_grow(jw_memory_t *m, uint32_t delta)
{
    uint64_t old = m->size / JW_PAGE_SIZE, want = old + delta;
    if (delta == 0)
        return (int64_t)old;
    if (want > me_max_pages(m))
        return -1;
    uint64_t bytes = want * JW_PAGE_SIZE;
    const jw_memory_provider_t *p = &m->store->cfg.memory;
    if (m->reserved ? !p->commit(p->ud, m->data, m->size, bytes) : !me_grow_copy(m, bytes))
        return -1;
    m->size = bytes;
    m->limits.min = (uint32_t)want;
    return (int64_t)old;
}

uint8_t *jw_memory_data(const jw_memory_t *mem) { return mem->data; }
uint64_t jw_memory_size(const jw_memory_t *mem) { return mem->size; }

static bool me_in(const jw_memory_t *m, uint64_t addr, uint64_t n)
{
    return addr <= m->size && n <= m->size - addr;
}

bool jw_memory_read(const jw_memory_t *mem, uint64_t addr, void *dst, size_t n)
{
    if (!me_in(mem, addr, n))
        return false;
    jw__memcpy(dst, mem->data + addr, n);
    return true;
}

bool jw_memory_write(jw_memory_t *mem, uint64_t addr, const void *src, size_t n)
{
    if (!me_in(mem, addr, n))
        return false;
    jw__memcpy(mem->data + addr, src, n);
    return true;
}

jw_trap_kind_t jw__memory_init(jw_instance_t *inst, uint32_t seg, uint32_t d, uint32_t s,
                               uint32_t n)
{
    const jwm_data_t *ds = &inst->module->datas[seg];
    uint32_t len = inst->data_dropped[seg] ? 0 : ds->len;
    jw_memory_t *m = inst->mems[0];
    if ((uint64_t)s + n > len || !me_in(m, d, n))
        return JW_TRAP_MEMORY_OOB;
    jw__memcpy(m->data + d, ds->bytes + s, n);
    return JW_TRAP_NONE;
}

jw_trap_kind_t jw__memory_copy(jw_memory_t *m, uint32_t d, uint32_t s, uint32_t n)
{
    if (!me_in(m, d, n) || !me_in(m, s, n))
        return JW_TRAP_MEMORY_OOB;
    jw__memmove(m->data + d, m->data + s, n);
    return JW_TRAP_NONE;
}

jw_trap_kind_t jw__memory_fill(jw_memory_t *m, uint32_t d, uint8_t v, uint32_t n)
{
    if (!me_in(m, d, n))
        return JW_TRAP_MEMORY_OOB;
    jw__memset(m->data + d, v, n);
    return JW_TRAP_NONE;
}
