/* SPDX-License-Identifier: MIT */
/* fuzz_run.c: libFuzzer target: load, instantiate and run every exported
 * function of any bytes that make a valid module. Imports are satisfied with
 * objects of the declared type (functions return zeros); every call runs with
 * zeros for arguments under fuel, memory, table and call-depth limits, so any
 * module ends (a result, a trap or the fuel running out) in bounded time and
 * memory. The instance lives on across calls, as an embedder's would. */
#include <string.h>

#include "fuzz_common.h"

#define FUZZ_FUEL        20000u   /* per call: calls and loop iterations */
#define FUZZ_MAX_IMPORTS 64 /* of functions; a module with more is not run */

/* What the resolver gives the host functions: their types (the import
 * descriptions the engine passes are temporaries). */
typedef struct fuzz_env {
    jw_store_t *s;
    jw_functype_t types[FUZZ_MAX_IMPORTS];
    uint32_t ntypes;
} fuzz_env_t;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool host_zeros(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)args;
    jw_functype_t *type = jw_host_userdata(call);
    for (uint32_t i = 0; i < type->nresults; i++) {
        memset(&results[i], 0, sizeof results[i]);
        results[i].type = type->results[i];
    }
    return true;
}

static bool resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    fuzz_env_t *env = ud;
    jw_store_t *s = env->s;
    const jw_externtype_t *t = &imp->type;
    out->kind = t->kind;
    switch (t->kind) {
    case JW_EXTERN_FUNC:
        if (env->ntypes == FUZZ_MAX_IMPORTS)
            return false;
        /* Its params/results arrays point into the module, which outlives
         * the store. */
        env->types[env->ntypes] = t->of.func;
        out->of.func = jw_host_func_new(s, &t->of.func, host_zeros, &env->types[env->ntypes++]);
        return out->of.func != NULL;
    case JW_EXTERN_TABLE:
        out->of.table = jw_table_new(s, t->of.table.elem, t->of.table.limits, NULL);
        return out->of.table != NULL;
    case JW_EXTERN_MEMORY:
        out->of.memory = jw_memory_new(s, t->of.memory.limits);
        return out->of.memory != NULL;
    case JW_EXTERN_GLOBAL: {
        jw_value_t v;
        memset(&v, 0, sizeof v);
        v.type = t->of.global.type;
        out->of.global = jw_global_new(s, v, t->of.global.mutable_);
        return out->of.global != NULL;
    }
    }
    return false;
}

static void run_exports(jw_store_t *s, const jw_module_t *m, jw_instance_t *inst)
{
    jw_value_t args[16], results[16];
    for (uint32_t i = 0; i < jw_module_export_count(m); i++) {
        jw_export_info_t ex;
        jw_extern_t ext;
        jw_functype_t type;
        jw_error_t err;
        jw_module_export(m, i, &ex);
        if (ex.type.kind != JW_EXTERN_FUNC || !jw_instance_export(inst, ex.name, ex.name_len, &ext))
            continue;
        jw_func_type(ext.of.func, &type);
        if (type.nparams > 16 || type.nresults > 16)
            continue;
        for (uint32_t k = 0; k < type.nparams; k++) {
            memset(&args[k], 0, sizeof args[k]);
            args[k].type = type.params[k];
        }
        jw_store_set_fuel(s, FUZZ_FUEL);
        if (!jw_call(s, ext.of.func, args, type.nparams, results, type.nresults, &err) &&
            err.kind != JW_ERR_TRAP && err.kind != JW_ERR_NOMEM && err.kind != JW_ERR_LIMIT)
            __builtin_trap(); /* a valid call of a valid module fails otherwise */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_alloc_t a;
    jw_error_t err;
    fuzz_alloc_init(&a);
    jw_module_t *m = jw_module_load(&a.api, data, size, &err);
    if (!m)
        return 0;
    jw_store_config_t cfg = { .max_memory_pages = 256,
                              .max_table_elems = 10000,
                              .max_call_depth = 2000 };
    fuzz_env_t env = { .s = jw_store_new(&a.api, &cfg) };
    jw_store_t *s = env.s;
    if (s) {
        jw_instance_t *inst = jw_instantiate(s, m, resolve, &env, &err);
        if (inst)
            run_exports(s, m, inst);
        jw_store_free(s);
    }
    jw_module_free(m);
    if (a.in_use != 0)
        __builtin_trap();
    return 0;
}
