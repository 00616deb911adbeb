/* SPDX-License-Identifier: MIT */
/* fuzz_exec.c: runs a module the way binaryen's --fuzz-exec does, for the
 * differential test (tests/diff/compare.py reads both outputs).
 *
 * One instance; every exported function in export order, each called with
 * zeros for its parameters; the instance lives on after a trap, as binaryen's
 * does, so later exports see the state earlier ones left. Like binaryen, it
 * first calls the export "hangLimitInitializer" (silently) before each call:
 * the fuzzer's modules count loop iterations and calls down from the limit it
 * sets, and return early when it reaches zero. The imports binaryen's
 * fuzzer adds ("fuzzing-support" log-i32/i64/f32/f64/v128) print what they are
 * given. Output, one event a line, every value as type:bits (hex) so that the
 * comparator sees exact bit patterns:
 *     call NAME
 *     log TYPE:BITS
 *     result TYPE:BITS ...        (nothing after "result" for no results)
 *     trap KIND: MESSAGE
 * Each call is bounded by fuel, so a translator bug that loops cannot hang the
 * test: running out is reported as a trap and fails the comparison.
 * Exit status: 0 when the module ran (traps included), 2 when it did not load
 * or instantiate (the comparator then fails the module too). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwasm.h"

/* Fuel per export: binaryen's hang limit stops every loop of a fuzzer module
 * long before this. */
#define FUEL_PER_CALL 50000000u

static void *std_alloc(void *ud, size_t size)
{
    (void)ud;
    return aligned_alloc(16, (size + 15) & ~(size_t)15);
}

static void std_free(void *ud, void *ptr, size_t size)
{
    (void)ud, (void)size;
    free(ptr);
}

static void print_value(const jw_value_t *v)
{
    switch (v->type) {
    case JW_I32: printf(" i32:%08" PRIx32, v->of.i32); break;
    case JW_F32: printf(" f32:%08" PRIx32, v->of.f32); break;
    case JW_I64: printf(" i64:%016" PRIx64, v->of.i64); break;
    case JW_F64: printf(" f64:%016" PRIx64, v->of.f64); break;
    case JW_V128:
        /* Little-endian lanes, printed as binaryen prints them: four i32
         * lanes, lane 0 first. */
        printf(" v128:");
        for (int lane = 0; lane < 4; lane++)
            for (int b = 3; b >= 0; b--)
                printf("%02x", v->of.v128[lane * 4 + b]);
        break;
    default: printf(" %s:%s", jw_valtype_name(v->type), v->of.ref ? "ref" : "null"); break;
    }
}

static bool log_value(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)call, (void)results;
    printf("log");
    print_value(&args[0]);
    printf("\n");
    return true;
}

static bool resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    jw_store_t *store = ud;
    static const char prefix[] = "fuzzing-support";
    if (imp->type.kind != JW_EXTERN_FUNC || imp->module_len != sizeof prefix - 1 ||
        memcmp(imp->module, prefix, sizeof prefix - 1) != 0 || imp->type.of.func.nparams != 1 ||
        imp->type.of.func.nresults != 0 || imp->name_len < 4 || memcmp(imp->name, "log-", 4) != 0)
        return false;
    out->kind = JW_EXTERN_FUNC;
    out->of.func = jw_host_func_new(store, &imp->type.of.func, log_value, NULL);
    return out->of.func != NULL;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            uint8_t *grown = realloc(buf, cap);
            if (!grown)
                break;
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static void call_export(jw_store_t *s, const jw_export_info_t *ex, jw_func_t *f,
                        jw_func_t *hang_init)
{
    jw_functype_t type;
    jw_value_t args[64], results[64];
    jw_error_t err;
    jw_func_type(f, &type);
    printf("call %.*s\n", (int)ex->name_len, ex->name);
    if (type.nparams > 64 || type.nresults > 64) {
        printf("trap skipped: more than 64 parameters or results\n");
        return;
    }
    for (uint32_t i = 0; i < type.nparams; i++) {
        memset(&args[i], 0, sizeof args[i]);
        args[i].type = type.params[i];
    }
    jw_store_set_fuel(s, FUEL_PER_CALL);
    if (hang_init && !jw_call(s, hang_init, NULL, 0, NULL, 0, &err)) {
        printf("trap hangLimitInitializer: %s\n", err.message);
        return;
    }
    fflush(stdout); /* a crash inside the call still shows which call it was */
    if (!jw_call(s, f, args, type.nparams, results, type.nresults, &err)) {
        printf("trap %s: %s\n", jw_trap_name(err.trap), err.message);
        return;
    }
    printf("result");
    for (uint32_t i = 0; i < type.nresults; i++)
        print_value(&results[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fuzz-exec FILE.wasm\n");
        return 2;
    }
    size_t len;
    uint8_t *bytes = read_file(argv[1], &len);
    if (!bytes) {
        perror(argv[1]);
        return 2;
    }
    jw_allocator_t alloc = { std_alloc, std_free, NULL };
    jw_error_t err;
    jw_module_t *m = jw_module_load(&alloc, bytes, len, &err);
    free(bytes);
    if (!m) {
        printf("load-error %s\n", err.message);
        return 2;
    }
    jw_store_t *s = jw_store_new(&alloc, &(jw_store_config_t){ 0 });
    jw_instance_t *inst = s ? jw_instantiate(s, m, resolve, s, &err) : NULL;
    if (!inst) {
        printf("instantiate-error %s\n", s ? err.message : "out of memory");
        if (s)
            jw_store_free(s);
        jw_module_free(m);
        return 2;
    }
    jw_extern_t hang;
    static const char hang_name[] = "hangLimitInitializer";
    if (!jw_instance_export(inst, hang_name, sizeof hang_name - 1, &hang) ||
        hang.kind != JW_EXTERN_FUNC)
        hang.of.func = NULL;
    for (uint32_t i = 0; i < jw_module_export_count(m); i++) {
        jw_export_info_t ex;
        jw_extern_t ext;
        jw_module_export(m, i, &ex);
        if (ex.type.kind != JW_EXTERN_FUNC)
            continue;
        if (!jw_instance_export(inst, ex.name, ex.name_len, &ext))
            continue;
        call_export(s, &ex, ext.of.func, hang.of.func);
    }
    jw_store_free(s);
    jw_module_free(m);
    return 0;
}
