/* SPDX-License-Identifier: MIT */
/* global.c: global variables as embedder-visible objects. */
#include "internal.h"

static bool gl_valid_type(jw_valtype_t t)
{
    return t == JW_I32 || t == JW_I64 || t == JW_F32 || t == JW_F64 || t == JW_FUNCREF ||
           t == JW_EXTERNREF || t == JW_V128;
}

jw_global_t *jw_global_new(jw_store_t *s, jw_value_t value, bool mutable_)
{
    if (!s || !gl_valid_type(value.type))
        return NULL;
    jw_global_t *g = jw__alloc(&s->alloc, sizeof *g);
    if (!g)
        return NULL;
    g->type = value.type;
    g->mut = mutable_;
    uint64_t s2[2]; /* not an initialiser: at -O0 that is a memset() call */
    s2[1] = 0;
    jw__value_to_slots(&value, s2);
    g->bits = s2[0];
    g->hi = s2[1];
    jw__store_link(s, &g->hdr, JWO_GLOBAL, sizeof *g);
    return g;
}

jw_value_t jw_global_get(const jw_global_t *g)
{
    uint64_t s2[2] = { g->bits, g->hi };
    jw_value_t v;
    jw__slots_to_value(g->type, s2, &v);
    return v;
}

bool jw_global_set(jw_global_t *g, jw_value_t v)
{
    if (!g->mut || v.type != g->type)
        return false;
    uint64_t s2[2]; /* not an initialiser: at -O0 that is a memset() call */
    s2[1] = 0;
    jw__value_to_slots(&v, s2);
    g->bits = s2[0];
    g->hi = s2[1];
    return true;
}
