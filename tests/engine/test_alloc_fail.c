/* SPDX-License-Identifier: MIT */
/* test_alloc_fail.c: allocation failure at every point, and leak checks. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "test_alloc.h"

static bool quiet_print(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)call, (void)args, (void)results;
    return true;
}

static bool bind_print(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)imp;
    out->kind = JW_EXTERN_FUNC;
    out->of.func = ud;
    return ud != NULL;
}

/* One full life cycle of kitchen.wasm with the Nth allocation failing.
 * Returns true once the run got through without meeting the failure. */
static bool life_cycle(const uint8_t *bytes, size_t len, uint64_t n, test_alloc_t *ta)
{
    static const jw_valtype_t i32[] = { JW_I32 };
    jw_functype_t print_type = { 1, 0, i32, NULL };
    jw_error_t err;
    jw_value_t arg = test_i32(10), r = { 0 };
    jw_store_t *s = NULL;
    test_alloc_init(ta);
    ta->fail_at = n;
    memset(&err, 0, sizeof err);
    jw_module_t *m = jw_module_load(&ta->api, bytes, len, &err);
    if (!m) {
        CHECK_ERR(err, JW_ERR_NOMEM, len);
    } else if ((s = jw_store_new(&ta->api, &(jw_store_config_t){ 0 })) != NULL) {
        jw_func_t *print = jw_host_func_new(s, &print_type, quiet_print, NULL);
        memset(&err, 0, sizeof err);
        jw_instance_t *inst = print ? jw_instantiate(s, m, bind_print, print, &err) : NULL;
        if (print && !inst)
            CHECK_ERR(err, JW_ERR_NOMEM, SIZE_MAX);
        if (inst && !test_call(s, inst, "run", &arg, 1, &r, 1, &err))
            CHECK_ERR(err, JW_ERR_NOMEM, SIZE_MAX);
        else if (inst)
            CHECK_EQ(r.of.i32, 13);
    }
    if (s)
        jw_store_free(s);
    if (m)
        jw_module_free(m);
    if (ta->outstanding != 0 || ta->bad_frees != 0)
        test_fail(__FILE__, __LINE__, "failing allocation %llu: %lld bytes leaked, %llu bad frees",
                  (unsigned long long)n, (long long)ta->outstanding,
                  (unsigned long long)ta->bad_frees);
    return ta->failed == 0;
}

/* Fails allocation 1, 2, 3, ... until a run needs fewer allocations than
 * that: every failure must surface as NOMEM (or a NULL object) and leave
 * nothing allocated behind. */
static void test_fail_every_allocation(void)
{
    size_t len;
    uint8_t *bytes = test_wasm_file("kitchen", &len);
    test_alloc_t ta;
    uint64_t n = 1;
    while (n < 100000 && !life_cycle(bytes, len, n, &ta) && test_failed_checks < 10)
        n++;
    printf("    a full life cycle needs %llu allocations\n", (unsigned long long)ta.allocs);
    CHECK(n > 1); /* the engine allocates through the given allocator */
    CHECK(n < 100000);
    free(bytes);
}

/* Every test module, loaded, instantiated and freed, gives everything back. */
static void test_no_leaks(void)
{
    static const char *const names[] = { "fuel", "recursion", "limits", "counter" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        test_inst_t ti;
        test_alloc_t ta;
        test_alloc_init(&ta);
        if (test_instantiate(names[i], &ta.api, &(jw_store_config_t){ 0 }, NULL, NULL, &ti))
            test_inst_free(&ti);
        if (ta.outstanding || ta.bad_frees)
            test_fail(__FILE__, __LINE__, "%s: %lld bytes leaked, %llu bad frees", names[i],
                      (long long)ta.outstanding, (unsigned long long)ta.bad_frees);
    }
}

/* memory.grow whose allocation fails answers -1 rather than trapping. */
static void test_grow_allocation_fails(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t arg = test_i32(64), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("limits", &ta.api, &(jw_store_config_t){ 0 }, NULL, NULL, &ti));
    ta.fail_at = ta.allocs + 1;
    bool ok = test_call(ti.store, ti.inst, "grow", &arg, 1, &r, 1, &err);
    ta.fail_at = 0;
    if (!ok)
        test_fail(__FILE__, __LINE__, "grow trapped: %s trap %d \"%s\"", test_kind_name(err.kind),
                  (int)err.trap, err.message);
    jw_value_t sz = { 0 };
    CHECK(test_call(ti.store, ti.inst, "size", NULL, 0, &sz, 1, &err));
    if (r.of.i32 == UINT32_MAX)
        CHECK_EQ(sz.of.i32, 1); /* refused: unchanged */
    else
        CHECK(r.of.i32 == 1 && sz.of.i32 == 65); /* no allocation was needed */
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

const test_case_t alloc_tests[] = {
    { "alloc: failing the Nth allocation, for every N, is NOMEM without leaks",
      test_fail_every_allocation },
    { "alloc: each test module gives back all memory", test_no_leaks },
    { "alloc: memory.grow with a failing allocator returns -1", test_grow_allocation_fails },
};
const size_t alloc_tests_count = sizeof alloc_tests / sizeof alloc_tests[0];
