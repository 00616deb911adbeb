/* SPDX-License-Identifier: MIT */
/* test_util.c: helpers shared by the engine tests (files, calls, values, time). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "test.h"

const char *test_wat_dir = ".";

uint8_t *test_wasm_file(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.wasm", test_wat_dir, name);
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) && fread(buf, 1, (size_t)size, f) == (size_t)size) {
        fclose(f);
        *len = (size_t)size;
        return buf;
    }
    fprintf(stderr, "engine-tests: cannot read %s\n", path);
    exit(2);
}

const char *test_kind_name(jw_error_kind_t kind)
{
    static const char *const names[] = { "OK",   "MALFORMED", "INVALID", "UNLINKABLE",
                                         "TRAP", "NOMEM",     "LIMIT",   "ARG" };
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "kind?";
}

double test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

jw_func_t *test_export_func(jw_instance_t *inst, const char *name)
{
    jw_extern_t ext;
    memset(&ext, 0, sizeof ext);
    if (!inst || !jw_instance_export(inst, name, strlen(name), &ext) || ext.kind != JW_EXTERN_FUNC)
        return NULL;
    return ext.of.func;
}

bool test_call(jw_store_t *s, jw_instance_t *inst, const char *name, const jw_value_t *args,
               size_t nargs, jw_value_t *results, size_t nresults, jw_error_t *err)
{
    jw_func_t *f = test_export_func(inst, name);
    memset(err, 0, sizeof *err);
    if (!f) {
        printf("    no exported function \"%s\"\n", name);
        err->kind = JW_ERR_ARG;
        return false;
    }
    return jw_call(s, f, args, nargs, results, nresults, err);
}

jw_value_t test_i32(uint32_t v) { return (jw_value_t){ .type = JW_I32, .of.i32 = v }; }

jw_value_t test_i64(uint64_t v) { return (jw_value_t){ .type = JW_I64, .of.i64 = v }; }

bool test_resolve_none(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)ud, (void)imp, (void)out;
    return false;
}

bool test_instantiate(const char *name, const jw_allocator_t *alloc, const jw_store_config_t *cfg,
                      jw_resolve_fn_t resolve, void *ud, test_inst_t *out)
{
    size_t len;
    uint8_t *bytes = test_wasm_file(name, &len);
    jw_error_t err;
    memset(out, 0, sizeof *out);
    memset(&err, 0, sizeof err);
    out->module = jw_module_load(alloc, bytes, len, &err);
    free(bytes);
    if (out->module)
        out->store = jw_store_new(alloc, cfg);
    if (out->store)
        out->inst = jw_instantiate(out->store, out->module, resolve ? resolve : test_resolve_none,
                                   ud, &err);
    if (out->inst)
        return true;
    err.message[sizeof err.message - 1] = '\0';
    test_fail(__FILE__, __LINE__, "%s.wasm: load/instantiate failed: %s \"%s\"", name,
              test_kind_name(err.kind), err.message);
    return false;
}

void test_inst_free(test_inst_t *ti)
{
    if (ti->store)
        jw_store_free(ti->store);
    if (ti->module)
        jw_module_free(ti->module);
    memset(ti, 0, sizeof *ti);
}
