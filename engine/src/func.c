/* SPDX-License-Identifier: MIT */
/* func.c: function objects, host functions and calls into them. */
#include "internal.h"

struct jw_host_call {
    jw_store_t *store;
    jw_instance_t *caller;
    void *ud;
    jw_trap_kind_t trap;
    const char *message;
};

jw_func_t *jw__func_new_wasm(jw_store_t *s, jw_instance_t *inst, uint32_t idx)
{
    jw_func_t *f = jw__alloc(&s->alloc, sizeof *f);
    if (!f)
        return NULL;
    const jw_module_t *m = inst->module;
    f->type = m->types[m->funcs[idx].type];
    f->inst = inst;
    f->code = &m->funcs[idx];
    f->entry = f->code->code;
    f->nslots = f->code->nslots;
    f->nlocals = f->code->nlocals;
    f->nparam_slots = f->code->nparams;
    f->index = idx;
    jw__store_link(s, &f->hdr, JWO_FUNC, sizeof *f);
    return f;
}

jw_func_t *jw_host_func_new(jw_store_t *s, const jw_functype_t *type, jw_host_fn_t fn, void *ud)
{
    if (!s || !type || !fn)
        return NULL;
    jw_func_t *f = jw__alloc(&s->alloc, sizeof *f);
    if (!f)
        return NULL;
    uint32_t n = type->nparams + type->nresults;
    f->owned_types = jw__alloc(&s->alloc, (size_t)n * sizeof(jw_valtype_t));
    if (!f->owned_types) {
        jw__free(&s->alloc, f, sizeof *f);
        return NULL;
    }
    for (uint32_t i = 0; i < type->nparams; i++)
        f->owned_types[i] = type->params[i];
    for (uint32_t i = 0; i < type->nresults; i++)
        f->owned_types[type->nparams + i] = type->results[i];
    f->type.nparams = type->nparams;
    f->type.nresults = type->nresults;
    f->type.params = f->owned_types;
    f->type.results = f->owned_types + type->nparams;
    f->host = fn;
    f->ud = ud;
    jw__store_link(s, &f->hdr, JWO_FUNC, sizeof *f);
    return f;
}

void jw_func_type(const jw_func_t *f, jw_functype_t *out) { *out = f->type; }

void *jw_host_userdata(const jw_host_call_t *call) { return call->ud; }
jw_store_t *jw_host_store(const jw_host_call_t *call) { return call->store; }

jw_memory_t *jw_host_memory(const jw_host_call_t *call)
{
    if (!call->caller || !call->caller->module->nmems)
        return NULL;
    return call->caller->mems[0];
}

void jw_host_trap(jw_host_call_t *call, jw_trap_kind_t kind, const char *message)
{
    call->trap = kind;
    call->message = message;
}

#define FN_INLINE_VALUES 16

/* Calls host function f with args in `slots`, writes results there. Values
 * travel through jw_value_t arrays (on the C stack when small). */
bool jw__call_host(jw_store_t *s, jw_func_t *f, jw_instance_t *caller, uint64_t *slots,
                   jw_error_t *err)
{
    jw_value_t small[2 * FN_INLINE_VALUES];
    uint32_t np = f->type.nparams, nr = f->type.nresults;
    size_t n = (size_t)np + nr;
    jw_value_t *vals = small;
    if (s->depth >= JW_MAX_HOST_NESTING || s->nframes + s->depth >= s->cfg.max_call_depth) {
        jw__trap(err, JW_TRAP_CALL_STACK_EXHAUSTED, f->index, 0);
        return false;
    }
    if (n > 2 * FN_INLINE_VALUES) {
        vals = jw__alloc(&s->alloc, n * sizeof *vals);
        if (!vals) {
            jw__err(err, JW_ERR_NOMEM, 0, "out of memory");
            return false;
        }
    }
    const uint64_t *at = slots;
    for (uint32_t i = 0; i < np; i++)
        at += jw__slots_to_value(f->type.params[i], at, &vals[i]);
    for (uint32_t i = 0; i < nr; i++)
        vals[np + i] = jw__bits_value(f->type.results[i], 0);
    jw_host_call_t call = { s, caller, f->ud, JW_TRAP_HOST, NULL };
    uint32_t nframes = s->nframes;
    uint64_t *top = s->stack_top;
    s->depth++;
    bool ok = f->host(&call, vals, vals + np);
    s->depth--;
    /* A nested jw_call that ran out of fuel is not resumable from here: its
     * suspension is dropped and the host function saw the fuel trap. */
    s->suspended = false;
    s->nframes = nframes;
    s->stack_top = top;
    if (ok) {
        uint64_t *out = slots;
        for (uint32_t i = 0; i < nr; i++) {
            if (vals[np + i].type != f->type.results[i])
                vals[np + i] = jw__bits_value(f->type.results[i], 0);
            out += jw__value_to_slots(&vals[np + i], out);
        }
    } else {
        jw_trap_kind_t tk = call.trap == JW_TRAP_NONE ? JW_TRAP_HOST : call.trap;
        if (err->kind != JW_ERR_TRAP) { /* a nested jw_call may have filled it */
            jw__trap(err, tk, f->index, 0);
            if (call.message)
                jw__err(err, JW_ERR_TRAP, 0, call.message);
            err->trap = tk;
            err->func = f->index;
        }
    }
    if (vals != small)
        jw__free(&s->alloc, vals, n * sizeof *vals);
    return ok;
}
