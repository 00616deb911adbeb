/* SPDX-License-Identifier: MIT */
/* store.c: stores, the object list, fuel, and the jw_call/jw_resume entry points. */
#include "internal.h"

jw_store_t *jw_store_new(const jw_allocator_t *alloc, const jw_store_config_t *cfg)
{
    if (!alloc)
        return NULL;
    jw_store_t *s = jw__alloc(alloc, sizeof *s);
    if (!s)
        return NULL;
    s->alloc = *alloc;
    /* not `s->cfg = *cfg`: at -O0 that struct copy is a call to memcpy */
    if (cfg)
        jw__memcpy(&s->cfg, cfg, sizeof *cfg);
    if (!s->cfg.max_memory_pages)
        s->cfg.max_memory_pages = JW_DEFAULT_MAX_MEMORY_PAGES;
    if (!s->cfg.max_table_elems)
        s->cfg.max_table_elems = JW_DEFAULT_MAX_TABLE_ELEMS;
    if (!s->cfg.max_call_depth)
        s->cfg.max_call_depth = JW_DEFAULT_MAX_CALL_DEPTH;
    if (s->cfg.max_call_depth > JW_MAX_CALL_DEPTH)
        s->cfg.max_call_depth = JW_MAX_CALL_DEPTH;
    if (!s->cfg.max_stack_bytes)
        s->cfg.max_stack_bytes = JW_DEFAULT_MAX_STACK_BYTES;
    s->fuel = JW_FUEL_UNLIMITED;
    /* The value stack (frames keep their return links in it) is allocated
     * up front so that calls never allocate, but not zeroed (every slot is
     * written before it is read): pages a program never reaches stay
     * untouched (1 MiB by default). */
    size_t nslots = s->cfg.max_stack_bytes / 8;
    s->stack = jw__alloc_raw(alloc, nslots * sizeof(uint64_t));
    if (!s->stack) {
        jw__free(alloc, s, sizeof *s);
        return NULL;
    }
    s->stack_end = s->stack + nslots;
    s->stack_top = s->stack;
    return s;
}

void jw__store_link(jw_store_t *s, jwo_t *o, jwo_kind_t kind, size_t size)
{
    o->kind = kind;
    o->size = size;
    o->next = s->objects;
    s->objects = o;
}

static void st_free_object(jw_store_t *s, jwo_t *o)
{
    const jw_allocator_t *a = &s->alloc;
    switch (o->kind) {
    case JWO_FUNC: {
        jw_func_t *f = (jw_func_t *)o;
        if (f->owned_types)
            jw__free(a, f->owned_types,
                     (size_t)(f->type.nparams + f->type.nresults) * sizeof(jw_valtype_t));
        break;
    }
    case JWO_MEMORY: {
        jw__memory_release((jw_memory_t *)o);
        break;
    }
    case JWO_TABLE: {
        jw_table_t *t = (jw_table_t *)o;
        jw__free(a, t->elems, (size_t)t->cap * sizeof *t->elems);
        break;
    }
    case JWO_INSTANCE: {
        jw_instance_t *in = (jw_instance_t *)o;
        const jw_module_t *m = in->module;
        if (in->elem_items)
            for (uint32_t i = 0; i < m->nelems; i++)
                jw__free(a, in->elem_items[i], (size_t)m->elems[i].count * sizeof(jw_ref_t));
        jw__free(a, in->funcs, (size_t)m->nfuncs * sizeof *in->funcs);
        jw__free(a, in->tables, (size_t)m->ntables * sizeof *in->tables);
        jw__free(a, in->mems, (size_t)m->nmems * sizeof *in->mems);
        jw__free(a, in->globals, (size_t)m->nglobals * sizeof *in->globals);
        jw__free(a, in->elem_items, (size_t)m->nelems * sizeof *in->elem_items);
        jw__free(a, in->elem_len, (size_t)m->nelems * sizeof *in->elem_len);
        jw__free(a, in->data_dropped, m->ndatas);
        break;
    }
    case JWO_GLOBAL: break;
    }
    jw__free(a, o, o->size);
}

void jw_store_free(jw_store_t *s)
{
    if (!s)
        return;
    jwo_t *o = s->objects;
    while (o) {
        jwo_t *next = o->next;
        st_free_object(s, o);
        o = next;
    }
    jw__free(&s->alloc, s->stack, s->cfg.max_stack_bytes / 8 * sizeof(uint64_t));
    jw__free(&s->alloc, s, sizeof *s);
}

void jw_store_set_fuel(jw_store_t *s, uint64_t fuel)
{
    s->fuel = fuel;
    s->metering = fuel != JW_FUEL_UNLIMITED;
}

uint64_t jw_store_fuel(const jw_store_t *s) { return s->metering ? s->fuel : JW_FUEL_UNLIMITED; }

uint64_t jw__value_bits(const jw_value_t *v)
{
    switch (v->type) {
    case JW_I32:
    case JW_F32: return v->of.i32;
    case JW_I64:
    case JW_F64: return v->of.i64;
    case JW_FUNCREF:
    case JW_EXTERNREF: return (uint64_t)(uintptr_t)v->of.ref;
    default: return 0;
    }
}

jw_value_t jw__bits_value(jw_valtype_t t, uint64_t bits)
{
    jw_value_t v;
    jw__memset(&v, 0, sizeof v);
    v.type = t;
    switch (t) {
    case JW_I32:
    case JW_F32: v.of.i32 = (uint32_t)bits; break;
    case JW_FUNCREF:
    case JW_EXTERNREF: v.of.ref = (jw_ref_t)(uintptr_t)bits; break;
    default: v.of.i64 = bits; break;
    }
    return v;
}

uint32_t jw__value_to_slots(const jw_value_t *v, uint64_t *slots)
{
    if (v->type != JW_V128) {
        slots[0] = jw__value_bits(v);
        return 1;
    }
    __builtin_memcpy(slots, v->of.v128, 16);
    return 2;
}

uint32_t jw__slots_to_value(jw_valtype_t t, const uint64_t *slots, jw_value_t *v)
{
    if (t != JW_V128) {
        *v = jw__bits_value(t, slots[0]);
        return 1;
    }
    jw__memset(v, 0, sizeof *v);
    v->type = JW_V128;
    __builtin_memcpy(v->of.v128, slots, 16);
    return 2;
}

static void st_results(const jw_functype_t *t, const uint64_t *slots, jw_value_t *results)
{
    for (uint32_t i = 0; i < t->nresults; i++)
        slots += jw__slots_to_value(t->results[i], slots, &results[i]);
}

/* Drops a call suspended by fuel exhaustion. */
void jw__store_discard(jw_store_t *s)
{
    if (!s->suspended)
        return;
    s->suspended = false;
    s->stack_top = s->susp_top;
}

/* Finishes a call: results out, or the suspension kept for jw_resume. */
static bool st_finish(jw_store_t *s, bool ok, jw_func_t *f, uint64_t *args, uint64_t *saved_top,
                      jw_value_t *results, jw_error_t *err)
{
    if (ok) {
        st_results(&f->type, args, results);
        s->stack_top = saved_top;
        return true;
    }
    if (err->kind == JW_ERR_TRAP && err->trap == JW_TRAP_FUEL_EXHAUSTED && s->suspended) {
        s->susp_entry = f;
        s->susp_args = args;
        s->susp_top = saved_top;
        return false;
    }
    s->stack_top = saved_top;
    return false;
}

bool jw_call(jw_store_t *s, jw_func_t *f, const jw_value_t *args, size_t nargs, jw_value_t *results,
             size_t nresults, jw_error_t *err)
{
    jw_error_t dummy;
    if (!err)
        err = &dummy;
    jw__err(err, JW_OK, 0, "");
    if (!s || !f || nargs != f->type.nparams || nresults != f->type.nresults || (nargs && !args) ||
        (nresults && !results)) {
        jw__err(err, JW_ERR_ARG, 0, "bad argument count");
        return false;
    }
    for (size_t i = 0; i < nargs; i++)
        if (args[i].type != f->type.params[i]) {
            jw__err(err, JW_ERR_ARG, 0, "argument type mismatch");
            return false;
        }
    jw__store_discard(s);
    uint64_t *base = s->stack_top;
    size_t need = 2 * (nargs > nresults ? nargs : nresults); /* a v128 takes two slots */
    if ((size_t)(s->stack_end - base) < need + 1) {
        jw__trap(err, JW_TRAP_CALL_STACK_EXHAUSTED, f->index, 0);
        return false;
    }
    uint64_t *at = base;
    for (size_t i = 0; i < nargs; i++)
        at += jw__value_to_slots(&args[i], at);
    s->stack_top = base + need;
    bool ok = jw__run(s, f, base, err);
    return st_finish(s, ok, f, base, base, results, err);
}

bool jw_resume(jw_store_t *s, jw_value_t *results, size_t nresults, jw_error_t *err)
{
    jw_error_t dummy;
    if (!err)
        err = &dummy;
    jw__err(err, JW_OK, 0, "");
    if (!s || !s->suspended) {
        jw__err(err, JW_ERR_ARG, 0, "no suspended call");
        return false;
    }
    jw_func_t *f = s->susp_entry;
    if (nresults != f->type.nresults || (nresults && !results)) {
        jw__err(err, JW_ERR_ARG, 0, "bad result count");
        return false;
    }
    if (s->metering && s->fuel == 0) {
        jw__trap(err, JW_TRAP_FUEL_EXHAUSTED, s->susp_func->index, 0);
        return false;
    }
    uint64_t *args = s->susp_args, *top = s->susp_top;
    bool ok = jw__resume(s, err);
    return st_finish(s, ok, f, args, top, results, err);
}
