/* SPDX-License-Identifier: MIT */
/* instance.c: linking imports, instantiation, segment initialisation, exports. */
#include "internal.h"

static bool is_limits_sub(jw_limits_t have, jw_limits_t want)
{
    if (have.min < want.min)
        return false;
    if (!want.has_max)
        return true;
    return have.has_max && have.max <= want.max;
}

/* Checks an extern against the import's type; false = incompatible. */
static bool is_match(const jw_module_t *m, const jwm_import_t *im, const jw_extern_t *e)
{
    if (e->kind != im->kind)
        return false;
    switch (im->kind) {
    case JW_EXTERN_FUNC:
        return e->of.func &&
               jw__functype_eq(&e->of.func->type, &m->types[m->funcs[im->index].type]);
    case JW_EXTERN_TABLE: {
        const jw_table_t *t = e->of.table;
        if (!t || t->elem != m->tables[im->index].elem)
            return false;
        jw_limits_t have = { t->size, t->limits.max, t->limits.has_max };
        return is_limits_sub(have, m->tables[im->index].limits);
    }
    case JW_EXTERN_MEMORY: {
        const jw_memory_t *mem = e->of.memory;
        if (!mem)
            return false;
        jw_limits_t have = { (uint32_t)(mem->size / JW_PAGE_SIZE), mem->limits.max,
                             mem->limits.has_max };
        return is_limits_sub(have, m->mems[im->index]);
    }
    case JW_EXTERN_GLOBAL: {
        const jw_global_t *g = e->of.global;
        return g && g->type == m->globals[im->index].type && g->mut == m->globals[im->index].mut;
    }
    }
    return false;
}

static bool is_link(jw_instance_t *in, jw_resolve_fn_t resolve, void *ud, jw_error_t *err)
{
    const jw_module_t *m = in->module;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const jwm_import_t *im = &m->imports[i];
        jw_import_info_t info;
        jw_extern_t e;
        jw__memset(&e, 0, sizeof e);
        jw_module_import(m, i, &info);
        if (!resolve || !resolve(ud, &info, &e)) {
            jw__err_import(err, "unknown import", im->module, im->module_len, im->name,
                           im->name_len);
            return false;
        }
        if (!is_match(m, im, &e)) {
            jw__err_import(err, "incompatible import type", im->module, im->module_len, im->name,
                           im->name_len);
            return false;
        }
        switch (im->kind) {
        case JW_EXTERN_FUNC: in->funcs[im->index] = e.of.func; break;
        case JW_EXTERN_TABLE: in->tables[im->index] = e.of.table; break;
        case JW_EXTERN_MEMORY: in->mems[im->index] = e.of.memory; break;
        case JW_EXTERN_GLOBAL: in->globals[im->index] = e.of.global; break;
        }
    }
    return true;
}

static uint64_t is_eval(const jw_instance_t *in, const jwm_init_t *init)
{
    switch (init->kind) {
    case JWI_CONST: return init->value;
    case JWI_GLOBAL: return in->globals[init->index]->bits;
    case JWI_REF_NULL: return 0;
    case JWI_REF_FUNC: return (uint64_t)(uintptr_t)in->funcs[init->index];
    }
    return 0;
}

/* The high half of a v128 constant expression. */
static uint64_t is_eval_hi(const jw_instance_t *in, const jwm_init_t *init)
{
    if (init->kind == JWI_CONST)
        return init->hi;
    if (init->kind == JWI_GLOBAL)
        return in->globals[init->index]->hi;
    return 0;
}

static bool is_nomem(jw_error_t *err)
{
    jw__err(err, JW_ERR_NOMEM, 0, "out of memory");
    return false;
}

static bool is_alloc_arrays(jw_instance_t *in, const jw_allocator_t *a)
{
    const jw_module_t *m = in->module;
    in->funcs = jw__alloc(a, (size_t)m->nfuncs * sizeof *in->funcs);
    in->tables = jw__alloc(a, (size_t)m->ntables * sizeof *in->tables);
    in->mems = jw__alloc(a, (size_t)m->nmems * sizeof *in->mems);
    in->globals = jw__alloc(a, (size_t)m->nglobals * sizeof *in->globals);
    in->elem_items = jw__alloc(a, (size_t)m->nelems * sizeof *in->elem_items);
    in->elem_len = jw__alloc(a, (size_t)m->nelems * sizeof *in->elem_len);
    in->data_dropped = jw__alloc(a, m->ndatas);
    return in->funcs && in->tables && in->mems && in->globals && in->elem_items && in->elem_len &&
           in->data_dropped;
}

/* Creates the module's own functions, tables, memories and globals. */
static bool is_define(jw_store_t *s, jw_instance_t *in, jw_error_t *err)
{
    const jw_module_t *m = in->module;
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
        if (!(in->funcs[i] = jw__func_new_wasm(s, in, i)))
            return is_nomem(err);
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        if (m->tables[i].limits.min > s->cfg.max_table_elems) {
            jw__err(err, JW_ERR_LIMIT, 0, "table exceeds the store's limit");
            return false;
        }
        if (!(in->tables[i] = jw_table_new(s, m->tables[i].elem, m->tables[i].limits, NULL)))
            return is_nomem(err);
    }
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++) {
        if (m->mems[i].min > s->cfg.max_memory_pages) {
            jw__err(err, JW_ERR_LIMIT, 0, "memory exceeds the store's limit");
            return false;
        }
        if (!(in->mems[i] = jw_memory_new(s, m->mems[i])))
            return is_nomem(err);
    }
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
        const jwm_global_t *g = &m->globals[i];
        uint64_t s2[2] = { is_eval(in, &g->init), is_eval_hi(in, &g->init) };
        jw_value_t v;
        jw__slots_to_value(g->type, s2, &v);
        if (!(in->globals[i] = jw_global_new(s, v, g->mut)))
            return is_nomem(err);
    }
    for (uint32_t i = 0; i < m->nelems; i++) {
        const jwm_elem_t *e = &m->elems[i];
        in->elem_items[i] = jw__alloc(&s->alloc, (size_t)e->count * sizeof(jw_ref_t));
        if (!in->elem_items[i])
            return is_nomem(err);
        for (uint32_t k = 0; k < e->count; k++)
            in->elem_items[i][k] = (jw_ref_t)(uintptr_t)is_eval(in, &e->items[k]);
        in->elem_len[i] = e->count;
    }
    return true;
}

/* Active segments in order (2.0: a trap stops, earlier writes stay), then
 * the start function. */
static bool is_init(jw_store_t *s, jw_instance_t *in, jw_error_t *err)
{
    const jw_module_t *m = in->module;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const jwm_elem_t *e = &m->elems[i];
        if (e->mode == JWS_ACTIVE) {
            uint32_t off = (uint32_t)is_eval(in, &e->offset);
            jw_trap_kind_t tk = jw__table_init(in, e->table, i, off, 0, e->count);
            if (tk) {
                jw__trap(err, tk, 0, 0);
                return false;
            }
        }
        if (e->mode != JWS_PASSIVE)
            in->elem_len[i] = 0;
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const jwm_data_t *d = &m->datas[i];
        if (d->mode != JWS_ACTIVE)
            continue;
        uint32_t off = (uint32_t)is_eval(in, &d->offset);
        jw_trap_kind_t tk = jw__memory_init(in, i, off, 0, d->len);
        if (tk) {
            jw__trap(err, tk, 0, 0);
            return false;
        }
        in->data_dropped[i] = 1;
    }
    if (m->has_start) {
        jw_value_t none;
        if (jw_call(s, in->funcs[m->start], &none, 0, &none, 0, err))
            return true;
        /* Out of fuel in the start function: instantiation failed, and
         * there is nothing to resume. */
        jw__store_discard(s);
        return false;
    }
    return true;
}

jw_instance_t *jw_instantiate(jw_store_t *s, const jw_module_t *m, jw_resolve_fn_t resolve,
                              void *resolve_ud, jw_error_t *err)
{
    jw_error_t dummy;
    if (!err)
        err = &dummy;
    jw__err(err, JW_OK, 0, "");
    if (!s || !m) {
        jw__err(err, JW_ERR_ARG, 0, "bad argument");
        return NULL;
    }
    jw_instance_t *in = jw__alloc(&s->alloc, sizeof *in);
    if (!in) {
        is_nomem(err);
        return NULL;
    }
    in->store = s;
    in->module = m;
    /* Linked first so that the store frees it whatever happens next. */
    jw__store_link(s, &in->hdr, JWO_INSTANCE, sizeof *in);
    if (!is_alloc_arrays(in, &s->alloc)) {
        is_nomem(err);
        return NULL;
    }
    if (!is_link(in, resolve, resolve_ud, err))
        return NULL;
    if (!is_define(s, in, err))
        return NULL;
    if (!is_init(s, in, err))
        return NULL;
    return in;
}

bool jw_instance_export(const jw_instance_t *inst, const char *name, size_t len, jw_extern_t *out)
{
    const jw_module_t *m = inst->module;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const jwm_export_t *e = &m->exports[i];
        if (e->name_len != len || jw__memcmp(e->name, name, len) != 0)
            continue;
        out->kind = e->kind;
        switch (e->kind) {
        case JW_EXTERN_FUNC: out->of.func = inst->funcs[e->index]; break;
        case JW_EXTERN_TABLE: out->of.table = inst->tables[e->index]; break;
        case JW_EXTERN_MEMORY: out->of.memory = inst->mems[e->index]; break;
        case JW_EXTERN_GLOBAL: out->of.global = inst->globals[e->index]; break;
        }
        return true;
    }
    return false;
}

jw_memory_t *jw_instance_memory(const jw_instance_t *inst)
{
    return inst->module->nmems ? inst->mems[0] : NULL;
}
