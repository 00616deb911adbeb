/* SPDX-License-Identifier: MIT */
/* spectest.c: the `spectest` host module every spec script may import from. */
#include <stdlib.h>
#include <string.h>
#include "spec.h"

typedef struct spectest_entry {
    const char *name;
    jw_extern_t ext;
} spectest_entry_t;

#define SPECTEST_MAX 16
struct spectest {
    size_t n;
    spectest_entry_t e[SPECTEST_MAX];
};

/* The print functions print nothing: the output would only be noise and the
 * spec checks none of it. */
static bool quiet_print(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)call, (void)args, (void)results;
    return true;
}

static void add(spectest_t *st, const char *name, jw_extern_kind_t kind, void *obj)
{
    if (!obj || st->n == SPECTEST_MAX)
        return; /* a missing entry later shows up as an unlinkable import */
    spectest_entry_t *e = &st->e[st->n++];
    e->name = name;
    e->ext.kind = kind;
    switch (kind) {
    case JW_EXTERN_FUNC: e->ext.of.func = obj; break;
    case JW_EXTERN_TABLE: e->ext.of.table = obj; break;
    case JW_EXTERN_MEMORY: e->ext.of.memory = obj; break;
    case JW_EXTERN_GLOBAL: e->ext.of.global = obj; break;
    }
}

static void add_print(spectest_t *st, jw_store_t *s, const char *name, const jw_valtype_t *params,
                      uint32_t nparams)
{
    jw_functype_t ft = { nparams, 0, params, NULL };
    add(st, name, JW_EXTERN_FUNC, jw_host_func_new(s, &ft, quiet_print, NULL));
}

static void add_prints(spectest_t *st, jw_store_t *s)
{
    static const jw_valtype_t i32[] = { JW_I32 }, i64[] = { JW_I64 };
    static const jw_valtype_t f32[] = { JW_F32 }, f64[] = { JW_F64 };
    static const jw_valtype_t i32_f32[] = { JW_I32, JW_F32 }, f64_f64[] = { JW_F64, JW_F64 };
    add_print(st, s, "print", NULL, 0);
    add_print(st, s, "print_i32", i32, 1);
    add_print(st, s, "print_i64", i64, 1);
    add_print(st, s, "print_f32", f32, 1);
    add_print(st, s, "print_f64", f64, 1);
    add_print(st, s, "print_i32_f32", i32_f32, 2);
    add_print(st, s, "print_f64_f64", f64_f64, 2);
}

static void add_globals(spectest_t *st, jw_store_t *s)
{
    float f = 666.6f;
    double d = 666.6;
    jw_value_t v = { .type = JW_I32, .of.i32 = 666 };
    add(st, "global_i32", JW_EXTERN_GLOBAL, jw_global_new(s, v, false));
    v = (jw_value_t){ .type = JW_I64, .of.i64 = 666 };
    add(st, "global_i64", JW_EXTERN_GLOBAL, jw_global_new(s, v, false));
    v = (jw_value_t){ .type = JW_F32 };
    memcpy(&v.of.f32, &f, sizeof f);
    add(st, "global_f32", JW_EXTERN_GLOBAL, jw_global_new(s, v, false));
    v = (jw_value_t){ .type = JW_F64 };
    memcpy(&v.of.f64, &d, sizeof d);
    add(st, "global_f64", JW_EXTERN_GLOBAL, jw_global_new(s, v, false));
}

spectest_t *spectest_new(jw_store_t *s)
{
    spectest_t *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    add_prints(st, s);
    add_globals(st, s);
    jw_limits_t tl = { 10, 20, true }, ml = { 1, 2, true };
    add(st, "table", JW_EXTERN_TABLE, jw_table_new(s, JW_FUNCREF, tl, NULL));
    add(st, "memory", JW_EXTERN_MEMORY, jw_memory_new(s, ml));
    return st;
}

void spectest_free(spectest_t *st) { free(st); /* the objects themselves belong to the store */ }

bool spectest_lookup(spectest_t *st, const char *name, size_t len, jw_extern_t *out)
{
    for (size_t i = 0; i < st->n; i++)
        if (strlen(st->e[i].name) == len && memcmp(st->e[i].name, name, len) == 0)
            return *out = st->e[i].ext, true;
    return false;
}
