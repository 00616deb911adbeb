/* SPDX-License-Identifier: MIT */
/* table.c: tables of references: creation, growth, bulk operations. */
#include "internal.h"

jw_table_t *jw_table_new(jw_store_t *s, jw_valtype_t elem, jw_limits_t limits, jw_ref_t init)
{
    if (!s || (elem != JW_FUNCREF && elem != JW_EXTERNREF))
        return NULL;
    if ((limits.has_max && limits.max < limits.min) || limits.min > s->cfg.max_table_elems)
        return NULL;
    jw_table_t *t = jw__alloc(&s->alloc, sizeof *t);
    if (!t)
        return NULL;
    t->store = s;
    t->elem = elem;
    t->limits = limits;
    t->size = t->cap = limits.min;
    t->elems = jw__alloc(&s->alloc, (size_t)t->cap * sizeof *t->elems);
    if (!t->elems) {
        jw__free(&s->alloc, t, sizeof *t);
        return NULL;
    }
    for (uint32_t i = 0; i < t->size; i++)
        t->elems[i] = init;
    jw__store_link(s, &t->hdr, JWO_TABLE, sizeof *t);
    return t;
}

uint32_t jw_table_size(const jw_table_t *t) { return t->size; }

bool jw_table_get(const jw_table_t *t, uint32_t i, jw_ref_t *out)
{
    if (i >= t->size)
        return false;
    *out = t->elems[i];
    return true;
}

/* Failing growth (past the maximum, the store's cap or the allocator)
 * returns -1 as table.grow specifies. */
int64_t jw__table_grow(jw_table_t *t, uint32_t delta, jw_ref_t init)
{
    uint64_t old = t->size, want = old + delta;
    uint64_t max = t->limits.has_max ? t->limits.max : UINT32_MAX;
    if (max > t->store->cfg.max_table_elems)
        max = t->store->cfg.max_table_elems;
    if (want > max)
        return -1;
    if (want > t->cap) {
        uint64_t ncap = t->cap * 2 > want ? t->cap * 2 : want;
        if (ncap > max)
            ncap = max;
        jw_ref_t *ne = jw__alloc(&t->store->alloc, (size_t)ncap * sizeof *ne);
        if (!ne)
            return -1;
        jw__memcpy(ne, t->elems, (size_t)t->size * sizeof *ne);
        jw__free(&t->store->alloc, t->elems, (size_t)t->cap * sizeof *ne);
        t->elems = ne;
        t->cap = (uint32_t)ncap;
    }
    for (uint64_t i = old; i < want; i++)
        t->elems[i] = init;
    t->size = (uint32_t)want;
    t->limits.min = t->size;
    return (int64_t)old;
}

static bool ta_in(const jw_table_t *t, uint32_t i, uint32_t n)
{
    return (uint64_t)i + n <= t->size;
}

jw_trap_kind_t jw__table_init(jw_instance_t *inst, uint32_t t, uint32_t seg, uint32_t d, uint32_t s,
                              uint32_t n)
{
    jw_table_t *tab = inst->tables[t];
    if ((uint64_t)s + n > inst->elem_len[seg] || !ta_in(tab, d, n))
        return JW_TRAP_TABLE_OOB;
    for (uint32_t i = 0; i < n; i++)
        tab->elems[d + i] = inst->elem_items[seg][s + i];
    return JW_TRAP_NONE;
}

jw_trap_kind_t jw__table_copy(jw_table_t *dt, jw_table_t *st, uint32_t d, uint32_t s, uint32_t n)
{
    if (!ta_in(dt, d, n) || !ta_in(st, s, n))
        return JW_TRAP_TABLE_OOB;
    jw__memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof *dt->elems);
    return JW_TRAP_NONE;
}

jw_trap_kind_t jw__table_fill(jw_table_t *t, uint32_t d, jw_ref_t v, uint32_t n)
{
    if (!ta_in(t, d, n))
        return JW_TRAP_TABLE_OOB;
    for (uint32_t i = 0; i < n; i++)
        t->elems[d + i] = v;
    return JW_TRAP_NONE;
}
