/* SPDX-License-Identifier: MIT */
/* test_exec.c: execution limits, host calls and the embedding API at run time. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "test_alloc.h"

static const jw_store_config_t default_cfg;

static void check_trap(const char *file, int line, bool ok, jw_error_t *err, jw_trap_kind_t want)
{
    err->message[sizeof err->message - 1] = '\0';
    if (ok)
        test_fail(file, line, "expected trap %d, the call returned", (int)want);
    else if (err->kind != JW_ERR_TRAP || err->trap != want)
        test_fail(file, line, "expected trap %d, got %s trap %d (\"%s\")", (int)want,
                  test_kind_name(err->kind), (int)err->trap, err->message);
    else if (!err->message[0])
        test_fail(file, line, "trap %d has an empty message", (int)want);
}
#define CHECK_TRAP(ok, err, want) check_trap(__FILE__, __LINE__, (ok), &(err), (want))

/* ---- fuel ---- */

/* Runs endless loop `name` (one argument) out of fuel, then resumes it. */
static void check_fuel_spin(const char *name, jw_value_t arg)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fuel", &ta.api, &default_cfg, NULL, NULL, &ti));
    CHECK_EQ(jw_store_fuel(ti.store), JW_FUEL_UNLIMITED);
    jw_store_set_fuel(ti.store, 10000);
    CHECK_EQ(jw_store_fuel(ti.store), 10000);
    bool ok = test_call(ti.store, ti.inst, name, &arg, arg.type ? 1 : 0, NULL, 0, &err);
    CHECK_TRAP(ok, err, JW_TRAP_FUEL_EXHAUSTED);
    CHECK_EQ(jw_store_fuel(ti.store), 0);
    /* resuming an endless loop with more fuel runs out again */
    for (int i = 0; i < 3; i++) {
        jw_store_set_fuel(ti.store, 5000);
        memset(&err, 0, sizeof err);
        ok = jw_resume(ti.store, NULL, 0, &err);
        CHECK_TRAP(ok, err, JW_TRAP_FUEL_EXHAUSTED);
    }
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Every kind of back-edge charges fuel: br, br_table, f64 compare + br_if. */
static void test_fuel_infinite_loop(void)
{
    jw_value_t none = { 0 }, f = { .type = JW_F64, .of.f64 = 0x3fe0000000000000ull }; /* 0.5 */
    check_fuel_spin("spin", none);
    check_fuel_spin("spin_table", test_i32(0));
    check_fuel_spin("spin_table", test_i32(7));
    check_fuel_spin("spin_f64", f);
    check_fuel_spin("spin_then_return", f);
}

/* sum(n) = n(n-1)/2, computed in a loop of ~10 instructions per step. */
static void check_fuel_sum(const char *name)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    const uint32_t n = 100000;
    jw_value_t arg = test_i32(n), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fuel", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_store_set_fuel(ti.store, 20000);
    bool ok = test_call(ti.store, ti.inst, name, &arg, 1, &r, 1, &err);
    unsigned resumes = 0;
    while (!ok && err.kind == JW_ERR_TRAP && err.trap == JW_TRAP_FUEL_EXHAUSTED &&
           resumes < 10000) {
        jw_store_set_fuel(ti.store, 20000);
        memset(&err, 0, sizeof err);
        ok = jw_resume(ti.store, &r, 1, &err);
        resumes++;
    }
    CHECK(ok);
    CHECK_EQ(r.type, JW_I64);
    CHECK_EQ(r.of.i64, (uint64_t)n * (n - 1) / 2);
    /* 100,000 loop iterations cannot fit in one or two 20,000-fuel slices,
     * however coarsely the engine meters (per instruction or per branch) */
    printf("    %u resumes\n", resumes);
    CHECK(resumes >= 3);
    CHECK(resumes < 10000);
    test_inst_free(&ti);
}

static void test_fuel_resumes_to_result(void)
{
    check_fuel_sum("sum");
    check_fuel_sum("sum_table");
}

/* With zero fuel nothing runs; adding fuel and resuming finishes the call. */
static void test_fuel_zero_then_resume(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t arg = test_i32(10), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fuel", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_store_set_fuel(ti.store, 0);
    bool ok = test_call(ti.store, ti.inst, "sum", &arg, 1, &r, 1, &err);
    CHECK_TRAP(ok, err, JW_TRAP_FUEL_EXHAUSTED);
    jw_store_set_fuel(ti.store, JW_FUEL_UNLIMITED);
    memset(&err, 0, sizeof err);
    CHECK(jw_resume(ti.store, &r, 1, &err));
    CHECK_EQ(r.of.i64, 45);
    test_inst_free(&ti);
}

/* A new call after an exhausted one starts afresh; a resume with nothing
 * suspended fails cleanly. */
static void test_fuel_new_call_and_bad_resume(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t arg = test_i32(10), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fuel", &ta.api, &default_cfg, NULL, NULL, &ti));
    memset(&err, 0, sizeof err);
    CHECK(!jw_resume(ti.store, &r, 1, &err));
    CHECK(err.kind != JW_OK);
    jw_store_set_fuel(ti.store, 1000);
    bool ok = test_call(ti.store, ti.inst, "spin", NULL, 0, NULL, 0, &err);
    CHECK_TRAP(ok, err, JW_TRAP_FUEL_EXHAUSTED);
    jw_store_set_fuel(ti.store, JW_FUEL_UNLIMITED);
    CHECK(test_call(ti.store, ti.inst, "sum", &arg, 1, &r, 1, &err));
    CHECK_EQ(r.of.i64, 45);
    memset(&err, 0, sizeof err);
    CHECK(!jw_resume(ti.store, &r, 1, &err)); /* the spin was discarded */
    CHECK(err.kind != JW_OK);
    test_inst_free(&ti);
}

/* ---- call depth ---- */

static void test_infinite_recursion(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t args[4] = { test_i64(1), test_i64(2), test_i64(3), test_i64(4) }, r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &default_cfg, NULL, NULL, &ti));
    bool ok = test_call(ti.store, ti.inst, "forever", NULL, 0, NULL, 0, &err);
    CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
    ok = test_call(ti.store, ti.inst, "forever_args", args, 4, &r, 1, &err);
    CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
    /* the store is still usable afterwards */
    jw_value_t ten = test_i32(10);
    CHECK(test_call(ti.store, ti.inst, "depth", &ten, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 10);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_call_depth_config(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_store_config_t cfg = { .max_call_depth = 100 };
    jw_value_t arg = test_i32(50), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &cfg, NULL, NULL, &ti));
    CHECK(test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 50);
    arg = test_i32(500);
    bool ok = test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err);
    CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
    test_inst_free(&ti);
}

/* depth(n) makes n nested calls: max_call_depth = 100 allows exactly 100
 * (the entry function does not count), with and without fuel metering (the
 * interpreter tests both with one compare), and a trap leaves no depth
 * behind. */
static void test_call_depth_exact(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_store_config_t cfg = { .max_call_depth = 100 };
    jw_value_t r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &cfg, NULL, NULL, &ti));
    for (int metered = 0; metered < 2; metered++) {
        jw_store_set_fuel(ti.store, metered ? 1000000 : JW_FUEL_UNLIMITED);
        for (int round = 0; round < 2; round++) {
            jw_value_t arg = test_i32(100);
            CHECK(test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err));
            CHECK_EQ(r.of.i32, 100);
            arg = test_i32(101);
            bool ok = test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err);
            CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
            CHECK_EQ(err.func, 2); /* $depth */
        }
    }
    /* metered: the entry and 100 calls per try (the refused call is free),
     * four tries */
    CHECK_EQ(jw_store_fuel(ti.store), 1000000 - 4 * 101);
    test_inst_free(&ti);
}

/* Out of fuel at calls deep in a recursion: every resume continues where
 * the call stopped, and the result is that of an unmetered run. */
static void test_fuel_resumes_across_calls(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t arg = test_i32(300), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_store_set_fuel(ti.store, 7);
    bool ok = test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err);
    unsigned resumes = 0;
    while (!ok && err.kind == JW_ERR_TRAP && err.trap == JW_TRAP_FUEL_EXHAUSTED && resumes < 1000) {
        CHECK_EQ(err.func, 2); /* $depth: stopped at its call */
        jw_store_set_fuel(ti.store, 7);
        memset(&err, 0, sizeof err);
        ok = jw_resume(ti.store, &r, 1, &err);
        resumes++;
    }
    CHECK(ok);
    CHECK_EQ(r.of.i32, 300);
    /* one unit per entry: 301 units in 43 slices of 7, the first not a
     * resume */
    CHECK_EQ(resumes, 42);
    /* a resumed recursion still stops at the depth limit */
    jw_store_set_fuel(ti.store, 3);
    ok = test_call(ti.store, ti.inst, "forever", NULL, 0, NULL, 0, &err);
    CHECK_TRAP(ok, err, JW_TRAP_FUEL_EXHAUSTED);
    jw_store_set_fuel(ti.store, JW_FUEL_UNLIMITED);
    memset(&err, 0, sizeof err);
    CHECK_TRAP(jw_resume(ti.store, NULL, 0, &err), err, JW_TRAP_CALL_STACK_EXHAUSTED);
    test_inst_free(&ti);
}

/* A max_call_depth beyond what any value stack can hold: the stack runs out. */
static void test_call_depth_huge(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_store_config_t cfg = { .max_call_depth = UINT32_MAX };
    jw_value_t arg = test_i32(1000), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &cfg, NULL, NULL, &ti));
    CHECK(test_call(ti.store, ti.inst, "depth", &arg, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 1000);
    bool ok = test_call(ti.store, ti.inst, "forever", NULL, 0, NULL, 0, &err);
    CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
    test_inst_free(&ti);
}

/* A small value stack runs out before the call depth does. */
static void test_stack_bytes_config(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_store_config_t cfg = { .max_stack_bytes = 16384 };
    jw_value_t args[4] = { test_i64(1), test_i64(2), test_i64(3), test_i64(4) }, r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("recursion", &ta.api, &cfg, NULL, NULL, &ti));
    bool ok = test_call(ti.store, ti.inst, "forever_args", args, 4, &r, 1, &err);
    CHECK_TRAP(ok, err, JW_TRAP_CALL_STACK_EXHAUSTED);
    test_inst_free(&ti);
}

/* ---- constants in loops (frame slots filled at entry) ---- */

static double consts_mix(double x)
{
    for (int i = 0; i < 2; i++) {
        double t = x * 0.5;
        x = t + 3.0;
    }
    return x;
}

/* "hash" of consts.wat: its f64 result's bits. */
static uint64_t consts_hash(uint32_t n)
{
    double h = 1.0;
    uint32_t i = 0;
    do {
        double t = (double)i * 0.125;
        h = h + t;
        h = consts_mix(h) - 0.75;
    } while (++i < n);
    uint64_t bits;
    memcpy(&bits, &h, sizeof bits);
    return bits;
}

static uint64_t consts_call(test_inst_t *ti, const char *name, uint32_t n, jw_valtype_t want)
{
    jw_error_t err;
    jw_value_t arg = test_i32(n), r = { 0 };
    CHECK(test_call(ti->store, ti->inst, name, &arg, 1, &r, 1, &err));
    CHECK_EQ(r.type, want);
    return r.of.i64;
}

/* Loop constants keep their exact bits (NaN payloads, -0.0, an f64 with an
 * i64's bits), survive calls from the loop and recursion, and those past
 * the slots a function gets still work. */
static void test_loop_constants(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("consts", &ta.api, &default_cfg, NULL, NULL, &ti));
    CHECK_EQ(consts_call(&ti, "hash", 1000, JW_I64), consts_hash(1000));
    uint64_t per =
        0x7ff4000000000001ull + 0x8000000000000000ull + 0x7fa00001ull + 2 * 0x3ff0000000000000ull;
    CHECK_EQ(consts_call(&ti, "bits", 7, JW_I64), 7 * per);
    double acc = 0;
    for (uint32_t i = 0; i < 10; i++)
        acc = acc + ((double)i * 0.5 + 0.25);
    jw_error_t err;
    jw_value_t arg = test_i32(10), r = { 0 };
    CHECK(test_call(ti.store, ti.inst, "fsum", &arg, 1, &r, 1, &err));
    double want = acc * 2.0;
    uint64_t want_bits;
    memcpy(&want_bits, &want, sizeof want_bits);
    CHECK_EQ(r.type, JW_F64);
    CHECK_EQ(r.of.f64, want_bits);
    CHECK_EQ(consts_call(&ti, "rec", 20, JW_I64), 21 * 3000000000000ull);
    CHECK_EQ(consts_call(&ti, "many", 5, JW_I64), 5 * 210);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Out of fuel inside a loop with constant slots (and in its callee's):
 * resuming finishes with the unmetered result. */
static void test_loop_constants_fuel(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t arg = test_i32(300), r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("consts", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_store_set_fuel(ti.store, 5);
    bool ok = test_call(ti.store, ti.inst, "hash", &arg, 1, &r, 1, &err);
    unsigned resumes = 0;
    while (!ok && err.kind == JW_ERR_TRAP && err.trap == JW_TRAP_FUEL_EXHAUSTED && resumes < 1000) {
        jw_store_set_fuel(ti.store, 5);
        memset(&err, 0, sizeof err);
        ok = jw_resume(ti.store, &r, 1, &err);
        resumes++;
    }
    CHECK(ok);
    CHECK_EQ(r.of.i64, consts_hash(300));
    CHECK(resumes > 100);
    test_inst_free(&ti);
}

/* ---- store limits ---- */

static uint32_t call_i32(test_inst_t *ti, const char *name, uint32_t a)
{
    jw_value_t arg = test_i32(a), r = { 0 };
    jw_error_t err;
    if (!test_call(ti->store, ti->inst, name, &arg, 1, &r, 1, &err)) {
        test_fail(__FILE__, __LINE__, "%s(%u) failed: %s", name, a, err.message);
        return 0xbadbad;
    }
    return r.of.i32;
}

static void test_memory_page_cap(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 };
    jw_store_config_t cfg = { .max_memory_pages = 4 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("limits", &ta.api, &cfg, NULL, NULL, &ti));
    CHECK_EQ(call_i32(&ti, "grow", 3), 1);
    CHECK_EQ(call_i32(&ti, "grow", 1), UINT32_MAX); /* -1: past the cap */
    CHECK_EQ(call_i32(&ti, "grow", 0), 4);
    CHECK(test_call(ti.store, ti.inst, "size", NULL, 0, &r, 1, &err) && r.of.i32 == 4);
    CHECK_EQ(jw_memory_size(jw_instance_memory(ti.inst)), 4 * 65536);
    test_inst_free(&ti);

    /* a module whose minimum is already above the cap does not instantiate */
    size_t len;
    uint8_t *bytes = test_wasm_file("big_memory", &len);
    jw_module_t *m = jw_module_load(&ta.api, bytes, len, &err);
    free(bytes);
    REQUIRE(m);
    jw_store_t *s = jw_store_new(&ta.api, &cfg);
    CHECK(jw_instantiate(s, m, test_resolve_none, NULL, &err) == NULL);
    CHECK_ERR(err, JW_ERR_LIMIT, SIZE_MAX);
    jw_store_free(s);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_table_elem_cap(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_store_config_t cfg = { .max_table_elems = 10 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("limits", &ta.api, &cfg, NULL, NULL, &ti));
    CHECK_EQ(call_i32(&ti, "table_grow", 9), 1);
    CHECK_EQ(call_i32(&ti, "table_grow", 1), UINT32_MAX);
    CHECK_EQ(call_i32(&ti, "table_grow", 0), 10);
    test_inst_free(&ti);
}

/* ---- host functions ---- */

static int host_marker;

static bool host_boom(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    (void)args, (void)results;
    jw_host_trap(call, JW_TRAP_HOST, "boom 42");
    return false;
}

/* Checks its context, writes through the caller's memory, returns a + b. */
static bool host_add(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    uint32_t magic = 0xdeadbeef;
    jw_memory_t *mem = jw_host_memory(call);
    if (jw_host_userdata(call) != &host_marker || !mem || !jw_host_store(call))
        return jw_host_trap(call, JW_TRAP_HOST, "bad host context"), false;
    jw_memory_write(mem, 8, &magic, sizeof magic);
    results[0] = test_i32(args[0].of.i32 + args[1].of.i32);
    return true;
}

static bool host_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    test_inst_t *ti = ud;
    static const jw_valtype_t one[] = { JW_I32 }, two[] = { JW_I32, JW_I32 };
    bool boom = imp->name_len == 4 && memcmp(imp->name, "boom", 4) == 0;
    jw_functype_t ft = { boom ? 1 : 2, 1, boom ? one : two, one };
    out->kind = JW_EXTERN_FUNC;
    out->of.func = jw_host_func_new(ti->store, &ft, boom ? host_boom : host_add, &host_marker);
    return out->of.func != NULL;
}

static void test_host_functions(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t args[2] = { test_i32(2), test_i32(40) }, r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("host", &ta.api, &default_cfg, host_resolve, &ti, &ti));
    bool ok = test_call(ti.store, ti.inst, "call_boom", args, 1, &r, 1, &err);
    CHECK_TRAP(ok, err, JW_TRAP_HOST);
    CHECK(strstr(err.message, "boom 42") != NULL);
    CHECK(test_call(ti.store, ti.inst, "call_add", args, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 42);
    CHECK_EQ(call_i32(&ti, "load", 8), 0xdeadbeef);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* ---- memory access from the embedder ---- */

static void test_memory_bounds(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, back[8];
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("limits", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_memory_t *mem = jw_instance_memory(ti.inst);
    REQUIRE(mem);
    CHECK_EQ(jw_memory_size(mem), 65536);
    CHECK(jw_memory_write(mem, 65532, buf, 4));
    CHECK_EQ(call_i32(&ti, "load", 65532), 0x04030201);
    CHECK(!jw_memory_write(mem, 65533, buf + 4, 4)); /* one byte over */
    CHECK_EQ(call_i32(&ti, "load", 65532), 0x04030201); /* nothing written */
    memset(back, 0xee, sizeof back);
    CHECK(!jw_memory_read(mem, 65533, back, 4));
    CHECK(back[0] == 0xee && back[3] == 0xee); /* nothing copied */
    CHECK(!jw_memory_read(mem, UINT64_MAX - 1, back, 4)); /* wraps around */
    CHECK(!jw_memory_write(mem, (uint64_t)1 << 32, buf, 1));
    CHECK(!jw_memory_read(mem, 0, back, (size_t)65537));
    CHECK(jw_memory_read(mem, 65532, back, 4) && memcmp(back, buf, 4) == 0);
    /* the data pointer sees the same bytes */
    CHECK(jw_memory_data(mem) && memcmp(jw_memory_data(mem) + 65532, buf, 4) == 0);
    test_inst_free(&ti);
}

/* ---- stores are independent ---- */

static void test_two_stores(void)
{
    size_t len;
    uint8_t *bytes = test_wasm_file("counter", &len);
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 }, seven = test_i32(7);
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, bytes, len, &err);
    free(bytes);
    REQUIRE(m);
    jw_store_t *a = jw_store_new(&ta.api, &default_cfg), *b = jw_store_new(&ta.api, &default_cfg);
    jw_instance_t *ia = a ? jw_instantiate(a, m, test_resolve_none, NULL, &err) : NULL;
    jw_instance_t *ib = b ? jw_instantiate(b, m, test_resolve_none, NULL, &err) : NULL;
    REQUIRE(ia && ib);
    CHECK(test_call(a, ia, "inc", NULL, 0, &r, 1, &err) && r.of.i32 == 1);
    CHECK(test_call(a, ia, "inc", NULL, 0, &r, 1, &err) && r.of.i32 == 2);
    CHECK(test_call(b, ib, "inc", NULL, 0, &r, 1, &err) && r.of.i32 == 1);
    CHECK(test_call(a, ia, "poke", &seven, 1, NULL, 0, &err));
    CHECK(test_call(b, ib, "peek", NULL, 0, &r, 1, &err) && r.of.i32 == 0);
    CHECK(test_call(a, ia, "peek", NULL, 0, &r, 1, &err) && r.of.i32 == 7);
    jw_store_free(a);
    CHECK(test_call(b, ib, "inc", NULL, 0, &r, 1, &err) && r.of.i32 == 2);
    jw_store_free(b);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
}

/* ---- argument checking ---- */

static void test_call_bad_arguments(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t args[2] = { test_i32(1), test_i32(2) }, r[2];
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("limits", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_func_t *grow = test_export_func(ti.inst, "grow");
    REQUIRE(grow);
    memset(&err, 0, sizeof err);
    CHECK(!jw_call(ti.store, grow, args, 2, r, 1, &err)); /* too many args */
    CHECK_ERR(err, JW_ERR_ARG, SIZE_MAX);
    memset(&err, 0, sizeof err);
    CHECK(!jw_call(ti.store, grow, args, 1, r, 2, &err)); /* too many results */
    CHECK_ERR(err, JW_ERR_ARG, SIZE_MAX);
    jw_value_t wrong = test_i64(1);
    memset(&err, 0, sizeof err);
    CHECK(!jw_call(ti.store, grow, &wrong, 1, r, 1, &err)); /* i64 for i32 */
    CHECK_ERR(err, JW_ERR_ARG, SIZE_MAX);
    CHECK_EQ(call_i32(&ti, "grow", 0), 1); /* nothing happened */
    test_inst_free(&ti);
}

/* ---- globals and tables made by the embedder ---- */

static void test_embedder_objects(void)
{
    test_alloc_t ta;
    jw_ref_t ref = (jw_ref_t)&ta;
    test_alloc_init(&ta);
    jw_store_t *s = jw_store_new(&ta.api, &default_cfg);
    REQUIRE(s);
    jw_global_t *k = jw_global_new(s, test_i32(5), false), *v = jw_global_new(s, test_i64(6), true);
    REQUIRE(k && v);
    CHECK(!jw_global_set(k, test_i32(9))); /* immutable */
    CHECK_EQ(jw_global_get(k).of.i32, 5);
    CHECK(!jw_global_set(v, test_i32(9))); /* wrong type */
    CHECK(jw_global_set(v, test_i64(9)) && jw_global_get(v).of.i64 == 9);
    jw_table_t *t = jw_table_new(s, JW_EXTERNREF, (jw_limits_t){ 3, 5, true }, ref);
    REQUIRE(t);
    CHECK_EQ(jw_table_size(t), 3);
    CHECK(jw_table_get(t, 2, &ref) && ref == (jw_ref_t)&ta);
    CHECK(!jw_table_get(t, 3, &ref));
    jw_memory_t *mem = jw_memory_new(s, (jw_limits_t){ 1, 1, true });
    REQUIRE(mem);
    CHECK_EQ(jw_memory_size(mem), 65536);
    CHECK(!jw_memory_write(mem, 65536, "x", 1));
    jw_store_free(s);
    CHECK_EQ(ta.outstanding, 0);
}

/* ---- linking ---- */

static jw_extern_t forced_extern;

static bool resolve_forced(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    (void)ud, (void)imp;
    *out = forced_extern;
    return true;
}

/* The engine, not the embedder, checks what an import is bound to. */
static void test_import_type_checked(void)
{
    size_t len;
    uint8_t *bytes = test_wasm_file("host", &len);
    test_alloc_t ta;
    jw_error_t err;
    static const jw_valtype_t i64[] = { JW_I64 }, i32[] = { JW_I32 };
    jw_functype_t wrong = { 1, 1, i64, i32 };
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, bytes, len, &err);
    free(bytes);
    REQUIRE(m);
    jw_store_t *s = jw_store_new(&ta.api, &default_cfg);
    REQUIRE(s);
    forced_extern.kind = JW_EXTERN_FUNC;
    forced_extern.of.func = jw_host_func_new(s, &wrong, host_boom, NULL);
    REQUIRE(forced_extern.of.func);
    memset(&err, 0, sizeof err);
    CHECK(jw_instantiate(s, m, resolve_forced, NULL, &err) == NULL); /* (i64)->i32 */
    CHECK_ERR(err, JW_ERR_UNLINKABLE, SIZE_MAX);
    forced_extern.kind = JW_EXTERN_MEMORY;
    forced_extern.of.memory = jw_memory_new(s, (jw_limits_t){ 1, 1, true });
    REQUIRE(forced_extern.of.memory);
    memset(&err, 0, sizeof err);
    CHECK(jw_instantiate(s, m, resolve_forced, NULL, &err) == NULL); /* memory for a func */
    CHECK_ERR(err, JW_ERR_UNLINKABLE, SIZE_MAX);
    memset(&err, 0, sizeof err);
    CHECK(jw_instantiate(s, m, test_resolve_none, NULL, &err) == NULL); /* missing */
    CHECK_ERR(err, JW_ERR_UNLINKABLE, SIZE_MAX);
    jw_store_free(s);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
}

/* One module, many instances in one store: each has its own state and the
 * store gives everything back at the end. */
static void test_many_instances(void)
{
    size_t len;
    uint8_t *bytes = test_wasm_file("counter", &len);
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 };
    enum { N = 1000 };
    static jw_instance_t *inst[N];
    test_alloc_init(&ta);
    jw_module_t *m = jw_module_load(&ta.api, bytes, len, &err);
    free(bytes);
    REQUIRE(m);
    jw_store_t *s = jw_store_new(&ta.api, &default_cfg);
    REQUIRE(s);
    unsigned made = 0, calls = 0, right = 0;
    for (unsigned i = 0; i < N; i++)
        made += (inst[i] = jw_instantiate(s, m, test_resolve_none, NULL, &err)) != NULL;
    REQUIRE(made == N);
    /* instance i is incremented i%3+1 times; its counter must count from 1 */
    for (unsigned i = 0; i < N; i++)
        for (unsigned k = 0; k <= i % 3; k++, calls++)
            right += test_call(s, inst[i], "inc", NULL, 0, &r, 1, &err) && r.of.i32 == k + 1;
    CHECK_EQ(right, calls);
    jw_store_free(s);
    jw_module_free(m);
    CHECK_EQ(ta.outstanding, 0);
}

/* jw_trap_name gives the spec's wording for the traps the spec names. */
static void test_trap_names(void)
{
    static const struct {
        jw_trap_kind_t kind;
        const char *name;
    } names[] = {
        { JW_TRAP_UNREACHABLE, "unreachable" },
        { JW_TRAP_MEMORY_OOB, "out of bounds memory access" },
        { JW_TRAP_TABLE_OOB, "out of bounds table access" },
        { JW_TRAP_DIV_ZERO, "integer divide by zero" },
        { JW_TRAP_INT_OVERFLOW, "integer overflow" },
        { JW_TRAP_INVALID_CONVERSION, "invalid conversion to integer" },
        { JW_TRAP_INDIRECT_TYPE_MISMATCH, "indirect call type mismatch" },
        { JW_TRAP_UNDEFINED_ELEMENT, "undefined element" },
        { JW_TRAP_UNINITIALIZED_ELEMENT, "uninitialized element" },
        { JW_TRAP_CALL_STACK_EXHAUSTED, "call stack exhausted" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *got = jw_trap_name(names[i].kind);
        if (!got || strncmp(got, names[i].name, strlen(names[i].name)) != 0)
            test_fail(__FILE__, __LINE__, "jw_trap_name(%d) = \"%s\", want \"%s\"",
                      (int)names[i].kind, got ? got : "(null)", names[i].name);
    }
    for (int k = JW_TRAP_NONE; k <= JW_TRAP_HOST; k++)
        CHECK(jw_trap_name((jw_trap_kind_t)k) != NULL);
}

/* ---- fused instructions ---- */

static jw_value_t exec_f64(double d)
{
    jw_value_t v = { .type = JW_F64 };
    memcpy(&v.of.f64, &d, sizeof d);
    return v;
}

static double exec_as_f64(const jw_value_t *v)
{
    double d;
    memcpy(&d, &v->of.f64, sizeof d);
    return d;
}

static void test_fused_load_wraps(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 }, a2[2];
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    jw_value_t a = test_i32(-8); /* -8 + 8 wraps to 0 */
    CHECK(test_call(ti.store, ti.inst, "ld32_ai", &a, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x08070605u);
    CHECK(test_call(ti.store, ti.inst, "ld64_ai", &a, 1, &r, 1, &err));
    CHECK_EQ(r.of.i64, 0x0807060504030201ull);
    a = test_i32(65528); /* 65536 + 4: out of bounds */
    CHECK_TRAP(test_call(ti.store, ti.inst, "ld32_ai", &a, 1, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    a2[0] = test_i32(-4);
    a2[1] = test_i32(8);
    CHECK(test_call(ti.store, ti.inst, "ld32_aa", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x08070605u);
    a2[0] = test_i32(-1); /* 0xffffffff + 1 wraps to 0; + 65528 is the last f64 */
    a2[1] = test_i32(1);
    CHECK(test_call(ti.store, ti.inst, "ldf64_aa", a2, 2, &r, 1, &err));
    a2[1] = test_i32(2);
    CHECK_TRAP(test_call(ti.store, ti.inst, "ldf64_aa", a2, 2, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    /* -8 + 8 wraps to address 0: bytes 01 02 03 04 */
    a = test_i32(-8);
    CHECK(test_call(ti.store, ti.inst, "ld_small", &a, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x02u + 0x0201u + 0x03u + 0x0403u);
    /* address 8: bytes ff fe, read unsigned and signed */
    a2[0] = test_i32(4);
    a2[1] = test_i32(4);
    CHECK(test_call(ti.store, ti.inst, "ld_small_aa", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, (uint32_t)(0xff + 0xfeff + (-1) + (int16_t)0xfeff));
    a2[0] = test_i32(5);
    a2[1] = test_i32(0x40000001); /* << 3 (35 & 31) wraps to 8 */
    CHECK(test_call(ti.store, ti.inst, "add_shl", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 13u);
    a2[0] = test_i32(-4);
    a2[1] = test_i32(1); /* -4 + 4 wraps to 0, + offset 4 */
    CHECK(test_call(ti.store, ti.inst, "ld32_as", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x08070605u);
    a2[0] = test_i32(-8); /* 0xfffffffc + offset 4 does not wrap: out of bounds */
    CHECK_TRAP(test_call(ti.store, ti.inst, "ld32_as", a2, 2, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    a2[0] = test_i32(65528);
    a2[1] = test_i32(0x20000000); /* << 3 wraps to 0: the last 8 bytes */
    CHECK(test_call(ti.store, ti.inst, "ld64_as", a2, 2, &r, 1, &err));
    a2[1] = test_i32(1);
    CHECK_TRAP(test_call(ti.store, ti.inst, "ld64_as", a2, 2, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    jw_value_t f3[3] = { exec_f64(0.1), exec_f64(3.0), exec_f64(-0.3) }, f;
    volatile double p = 0.1 * 3.0; /* rounded before the add, as wasm does */
    CHECK(test_call(ti.store, ti.inst, "muladd", f3, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == p + -0.3);
    CHECK(test_call(ti.store, ti.inst, "submul", f3, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == -0.3 - p);
    f = exec_f64(2.0);
    CHECK(test_call(ti.store, ti.inst, "muladd_ld", &f, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 6.5);
    CHECK(test_call(ti.store, ti.inst, "mulsub_ld", &f, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 5.5);
    CHECK_TRAP(test_call(ti.store, ti.inst, "muladd_oob", &f, 1, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    a2[0] = test_i32(0x0000ffff);
    a2[1] = test_i32(0x80000001); /* rotl by 36 & 31 = 4: 0x00000018 */
    CHECK(test_call(ti.store, ti.inst, "xor_rotl", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x0000ffe7u);
    CHECK(test_call(ti.store, ti.inst, "xor_shru", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 0x0000ffffu ^ 0x00800000u);
    jw_value_t a4[4] = { test_i32(1), test_i32(20), test_i32(300), test_i32(0xfffff000) };
    CHECK(test_call(ti.store, ti.inst, "add3", a4, 4, &r, 1, &err));
    CHECK_EQ(r.of.i32, (uint32_t)(1u + 20u + 300u + 0xfffff000u + 1u + 0xfffff000u));
    static const struct {
        double a, b;
        uint32_t lt, ge, ne;
    } fc[] = {
        { 1.0, 2.0, 1, 0, 1 },
        { 2.0, 1.0, 0, 1, 1 },
        { 2.0, 2.0, 0, 1, 0 },
        { __builtin_nan(""), 1.0, 0, 0, 1 },
        { 1.0, __builtin_nan(""), 0, 0, 1 },
    };
    for (size_t i = 0; i < sizeof fc / sizeof fc[0]; i++) {
        jw_value_t ab[2] = { exec_f64(fc[i].a), exec_f64(fc[i].b) };
        CHECK(test_call(ti.store, ti.inst, "if_f64_lt", ab, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, fc[i].lt);
        CHECK(test_call(ti.store, ti.inst, "if_f64_ge", ab, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, fc[i].ge);
        CHECK(test_call(ti.store, ti.inst, "br_if_f64_ne", ab, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, fc[i].ne);
    }
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static jw_value_t exec_i64(int64_t v)
{
    jw_value_t x = { .type = JW_I64 };
    x.of.i64 = (uint64_t)v;
    return x;
}

/* Calls fused.wat's `name` with one or two i64 args; the i32 result. */
static uint32_t exec_call64(test_inst_t *ti, const char *name, int64_t a, int64_t b, size_t nargs)
{
    jw_value_t args[2] = { exec_i64(a), exec_i64(b) }, r = { 0 };
    jw_error_t err;
    CHECK(test_call(ti->store, ti->inst, name, args, nargs, &r, 1, &err));
    return r.of.i32;
}

static void test_fused_i64_branches(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    CHECK_EQ(exec_call64(&ti, "br64_lt_s", -1, 0, 2), 1u);
    CHECK_EQ(exec_call64(&ti, "br64_lt_s", INT64_MIN, INT64_MAX, 2), 1u);
    CHECK_EQ(exec_call64(&ti, "br64_lt_s", 0x100000000, 1, 2), 0u); /* not the low halves */
    CHECK_EQ(exec_call64(&ti, "if64_ge_u", -1, 0, 2), 1u);
    CHECK_EQ(exec_call64(&ti, "if64_ge_u", 1, 0x100000000, 2), 0u);
    CHECK_EQ(exec_call64(&ti, "if64_ge_u", 7, 7, 2), 1u);
    /* -1 as all 64 bits set: only 2^64 - 1 itself is not below it */
    CHECK_EQ(exec_call64(&ti, "if64_lt_u_m1", -2, 0, 1), 1u);
    CHECK_EQ(exec_call64(&ti, "if64_lt_u_m1", -1, 0, 1), 0u);
    CHECK_EQ(exec_call64(&ti, "if64_lt_u_m1", 0xffffffff, 0, 1), 1u);
    CHECK_EQ(exec_call64(&ti, "br64_gt_s_m5", -4, 0, 1), 1u);
    CHECK_EQ(exec_call64(&ti, "br64_gt_s_m5", -5, 0, 1), 0u);
    CHECK_EQ(exec_call64(&ti, "br64_gt_s_m5", 0xfffffffb, 0, 1), 1u); /* -5's low half, positive */
    CHECK_EQ(exec_call64(&ti, "if64_eqz", 0, 0, 1), 1u);
    CHECK_EQ(exec_call64(&ti, "if64_eqz", 0x100000000, 0, 1), 0u);
    CHECK_EQ(exec_call64(&ti, "br64_ne_big", 0x100000000, 0, 1), 0u);
    CHECK_EQ(exec_call64(&ti, "br64_ne_big", 0, 0, 1), 1u);
    jw_value_t n = exec_i64(1000), r = { 0 };
    jw_error_t err;
    CHECK(test_call(ti.store, ti.inst, "loop64", &n, 1, &r, 1, &err));
    CHECK_EQ(r.of.i64, 3000u);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_fused_i64_imm(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    static const int64_t xs[] = { 0, 1, -1, INT64_MIN, INT64_MAX, 0x123456789abcdef0, -1000000007 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        uint64_t x = (uint64_t)xs[i];
        jw_value_t a = exec_i64(xs[i]);
        CHECK(test_call(ti.store, ti.inst, "imm64_mix", &a, 1, &r, 1, &err));
        CHECK_EQ(r.of.i64, (x * 0x100000003u + (uint64_t)-0x200000000) ^
                               (((x & 0xff000000ffu) | 0x1000000000u) - 0x300000001u));
        CHECK(test_call(ti.store, ti.inst, "imm64_shifts", &a, 1, &r, 1, &err));
        CHECK_EQ(r.of.i64, (x << 4) + (uint64_t)(xs[i] >> 60) + (x >> 60) +
                               ((x << 8 | x >> 56) ^ (x >> 8 | x << 56)));
        CHECK(test_call(ti.store, ti.inst, "imm64_div", &a, 1, &r, 1, &err));
        CHECK_EQ(r.of.i64,
                 (uint64_t)(xs[i] / -7) + x / 0x100000000u + (uint64_t)(xs[i] % -7) + x % 10);
        CHECK(test_call(ti.store, ti.inst, "rem64_s_m1", &a, 1, &r, 1, &err));
        CHECK_EQ(r.of.i64, 0u);
    }
    jw_value_t a = exec_i64(INT64_MIN);
    CHECK_TRAP(test_call(ti.store, ti.inst, "div64_s_m1", &a, 1, &r, 1, &err), err,
               JW_TRAP_INT_OVERFLOW);
    CHECK_TRAP(test_call(ti.store, ti.inst, "div64_u_0", &a, 1, &r, 1, &err), err,
               JW_TRAP_DIV_ZERO);
    a = exec_i64(5);
    CHECK(test_call(ti.store, ti.inst, "div64_s_m1", &a, 1, &r, 1, &err));
    CHECK_EQ(r.of.i64, (uint64_t)-5);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_fused_logic(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    static const uint32_t v[][3] = { { 0xf0f0f0f0u, 0xff00ff00u, 0x12345678u },
                                     { 0xffffffffu, 0, 0x80000001u },
                                     { 0x0000ffffu, 0xffffffffu, 0xaaaa5555u } };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint32_t a = v[i][0], b = v[i][1], c = v[i][2];
        jw_value_t args[3] = { test_i32((int32_t)a), test_i32((int32_t)b), test_i32((int32_t)c) };
        CHECK(test_call(ti.store, ti.inst, "andn", args, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, a & ~b);
        CHECK(test_call(ti.store, ti.inst, "andn_r", args, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, a & ~b);
        CHECK(test_call(ti.store, ti.inst, "and_xorff", args, 2, &r, 1, &err));
        CHECK_EQ(r.of.i32, a & (b ^ 0xffu));
        CHECK(test_call(ti.store, ti.inst, "and_xor", args, 3, &r, 1, &err));
        CHECK_EQ(r.of.i32, a & (b ^ c));
        CHECK(test_call(ti.store, ti.inst, "xor_and", args, 3, &r, 1, &err));
        CHECK_EQ(r.of.i32, a ^ (b & c));
        CHECK(test_call(ti.store, ti.inst, "or_and", args, 3, &r, 1, &err));
        CHECK_EQ(r.of.i32, a | (b & c));
    }
    jw_value_t a4[4] = { test_i32(1), test_i32(2), test_i32(3), test_i32(4) };
    CHECK(test_call(ti.store, ti.inst, "rotate", a4, 4, &r, 1, &err));
    CHECK_EQ(r.of.i32, 2u + 3u * 10 + 3u * 100 + 2u * 1000); /* a=b, b=c, c=d, d=a, c=b */
    jw_value_t a2[2] = { test_i32(5), test_i32(6) };
    CHECK(test_call(ti.store, ti.inst, "copy_label", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 5u);
    CHECK(test_call(ti.store, ti.inst, "copy_loop", a2, 1, &r, 1, &err));
    CHECK_EQ(r.of.i32, 1u);
    a2[0] = test_i32(3);
    a2[1] = test_i32(0x7ffffff0);
    CHECK(test_call(ti.store, ti.inst, "add3_i", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, (3u + 0x7ffffff0u - 5u) ^ (3u + 0x7ffffff0u + 0x7ffffff0u));
    a2[0] = test_i32(1); /* taken: local 3 = 10 + 5 + 7 + 1, then + 100 */
    a2[1] = test_i32(10);
    CHECK(test_call(ti.store, ti.inst, "add_pair", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 123u * 1000 + 15);
    a2[0] = test_i32(0); /* not taken: + 2 */
    CHECK(test_call(ti.store, ti.inst, "add_pair", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, 125u * 1000 + 15);
    a2[0] = test_i32((int32_t)0x80000001u);
    a2[1] = test_i32(0x10000000);
    CHECK(test_call(ti.store, ti.inst, "sigma", a2, 2, &r, 1, &err));
    CHECK_EQ(r.of.i32, (0x06000000u ^ 0x00300000u ^ 0x000000c0u) + (0x0000000cu ^ 0x00000002u));
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Calls fused.wat's `name`(p, a, b) on memory holding m at p (and 0.25 at
 * p + 8 for the offset-8 forms); the f64 at `at` afterwards, or NaN after a
 * trap (kind in *err). */
static double exec_f64_mem(test_inst_t *ti, const char *name, uint32_t p, double m, double a,
                           double b, uint32_t at, jw_error_t *err)
{
    jw_value_t set[2] = { test_i32((int32_t)p), exec_f64(m) },
               args[3] = { set[0], exec_f64(a), exec_f64(b) };
    jw_value_t r = { 0 };
    if (p <= 65528) {
        CHECK(test_call(ti->store, ti->inst, "set_f64", set, 2, NULL, 0, err));
        set[0] = test_i32((int32_t)(p + 8));
        set[1] = exec_f64(0.25);
        if (p + 8 <= 65528)
            CHECK(test_call(ti->store, ti->inst, "set_f64", set, 2, NULL, 0, err));
    }
    if (!test_call(ti->store, ti->inst, name, args, 3, NULL, 0, err))
        return __builtin_nan("");
    set[0] = test_i32((int32_t)at);
    CHECK(test_call(ti->store, ti->inst, "get_f64", set, 1, &r, 1, err));
    return exec_as_f64(&r);
}

static void test_fused_f64_mem(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 };
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    /* a*b = 1 - 2^-54 rounds to 1 (ties to even): 0 after two roundings,
     * -2^-54 with one (an FMA). */
    const double a = 1.0 + 0x1p-27, b = 1.0 - 0x1p-27;
    CHECK(exec_f64_mem(&ti, "rmw_muladd", 40, 7.0, a, b, 48, &err) == 1.25);
    CHECK(exec_f64_mem(&ti, "rmw_muladd", 32, 7.0, a, b, 32, &err) == 7.0); /* p untouched */
    CHECK(exec_f64_mem(&ti, "rmw_mulsub", 40, 7.0, a, b, 48, &err) == 0.75);
    CHECK(exec_f64_mem(&ti, "rmw_submul", 40, 1.0, a, b, 40, &err) == 0.0);
    CHECK(exec_f64_mem(&ti, "rmw_addmul", 40, -1.0, a, b, 40, &err) == 0.0);
    CHECK(exec_f64_mem(&ti, "rmw_submul", 40, 3.0, 2.0, 0.5, 40, &err) == 2.0);
    jw_value_t ab[3] = { test_i32(40), exec_f64(a), exec_f64(b) };
    exec_f64_mem(&ti, "set_f64", 48, -1.0, 0, 0, 48, &err);
    CHECK(test_call(ti.store, ti.inst, "muladd_l", ab, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 0.0);
    exec_f64_mem(&ti, "set_f64", 40, 1.0, 0, 0, 40, &err);
    CHECK(test_call(ti.store, ti.inst, "submul_l", ab, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 0.0);
    /* -0 + -0 is -0; NaN in memory stays NaN */
    double z = exec_f64_mem(&ti, "rmw_addmul", 40, -0.0, -0.0, 1.0, 40, &err);
    CHECK(z == 0.0 && __builtin_signbit(z));
    z = exec_f64_mem(&ti, "rmw_muladd", 40, 0.0, 2.0, 3.0, 48, &err);
    CHECK(z == 6.25);
    z = exec_f64_mem(&ti, "rmw_submul", 40, __builtin_nan(""), 2.0, 3.0, 40, &err);
    CHECK(z != z);
    /* stored elsewhere, or also kept in a local: both still right */
    CHECK(exec_f64_mem(&ti, "rmw_other", 40, 1.0, 2.0, 3.0, 48, &err) == 7.0);
    CHECK(exec_f64_mem(&ti, "rmw_tee", 40, 1.0, 2.0, 3.0, 48, &err) == 14.0);
    CHECK(test_call(ti.store, ti.inst, "get_f64", ab, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 7.0);
    /* the last f64 of memory, then one byte further; offset 8 added without
     * wrapping to 32 bits */
    CHECK(exec_f64_mem(&ti, "rmw_muladd", 65520, 0.0, 2.0, 3.0, 65528, &err) == 6.25);
    CHECK(exec_f64_mem(&ti, "rmw_submul", 65528, 1.0, 2.0, 3.0, 65528, &err) == -5.0);
    static const struct {
        const char *f;
        uint32_t p;
    } oob[] = {
        { "rmw_muladd", 65521 },
        { "rmw_submul", 65529 },
        { "rmw_mulsub", 0xfffffff8u },
    };
    for (size_t i = 0; i < sizeof oob / sizeof oob[0]; i++) {
        z = exec_f64_mem(&ti, oob[i].f, oob[i].p, 0.0, 1.0, 1.0, 0, &err);
        CHECK_TRAP(z == z, err, JW_TRAP_MEMORY_OOB);
    }
    ab[0] = test_i32(65521);
    CHECK_TRAP(test_call(ti.store, ti.inst, "muladd_l", ab, 3, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    ab[0] = test_i32(65529);
    CHECK_TRAP(test_call(ti.store, ti.inst, "submul_l", ab, 3, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    jw_value_t d4[4] = { test_i32(40), exec_f64(2.0), exec_f64(3.0), exec_f64(0.5) };
    CHECK(test_call(ti.store, ti.inst, "add_dropped", d4, 4, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 6.5);
    /* the block's result when its branch is taken, the load otherwise */
    jw_value_t lb[4] = { test_i32(40), exec_f64(2.0), exec_f64(3.0), test_i32(1) };
    exec_f64_mem(&ti, "set_f64", 40, 100.0, 0, 0, 40, &err);
    CHECK(test_call(ti.store, ti.inst, "rmw_label", lb, 4, NULL, 0, &err));
    CHECK(test_call(ti.store, ti.inst, "get_f64", lb, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 11.0);
    lb[3] = test_i32(0);
    CHECK(test_call(ti.store, ti.inst, "rmw_label", lb, 4, NULL, 0, &err));
    CHECK(test_call(ti.store, ti.inst, "get_f64", lb, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 17.0);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Calls fused.wat's `name`(x, y, f) after storing mx at x + 8 and my
 * where it reads b (y, or y + 8 for muladd_ml; when in bounds); its f64
 * result, or the f64 at x + 8 for `axpy`. */
static bool exec_f64_m(test_inst_t *ti, const char *name, uint32_t x, uint32_t y, double f,
                       double mx, double my, double *out, jw_error_t *err)
{
    jw_value_t set[2] = { test_i32((int32_t)(x + 8)), exec_f64(mx) }, r = { 0 };
    jw_value_t args[3] = { test_i32((int32_t)x), test_i32((int32_t)y), exec_f64(f) };
    bool axpy = strcmp(name, "axpy") == 0;
    if (x + 8 <= 65528)
        CHECK(test_call(ti->store, ti->inst, "set_f64", set, 2, NULL, 0, err));
    uint32_t yb = y + (strcmp(name, "muladd_ml") == 0 ? 8 : 0);
    set[0] = test_i32((int32_t)yb);
    set[1] = exec_f64(my);
    if (yb <= 65528)
        CHECK(test_call(ti->store, ti->inst, "set_f64", set, 2, NULL, 0, err));
    if (strcmp(name, "sub_m") == 0 || strcmp(name, "div_m") == 0)
        args[1] = args[2];
    uint32_t nargs = args[1].type == JW_F64 ? 2 : 3;
    if (!test_call(ti->store, ti->inst, name, args, nargs, &r, axpy ? 0 : 1, err))
        return false;
    if (axpy) {
        set[0] = test_i32((int32_t)(x + 8));
        CHECK(test_call(ti->store, ti->inst, "get_f64", set, 1, &r, 1, err));
    }
    *out = exec_as_f64(&r);
    return true;
}

static void test_fused_f64_mem_operands(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    double v = 0;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    CHECK(exec_f64_m(&ti, "sub_m", 40, 0, 1.0, 0.25, 0, &v, &err) && v == 0.75);
    CHECK(exec_f64_m(&ti, "div_m", 40, 0, 1.0, 0.25, 0, &v, &err) && v == 4.0);
    /* x + 8 wraps to 32 bits (-8 -> 0); x offset=8 does not */
    CHECK(exec_f64_m(&ti, "div_m", 0xfffffff8u, 0, 1.0, 0, -0.5, &v, &err) && v == -2.0);
    CHECK_TRAP(exec_f64_m(&ti, "sub_m", 0xfffffff8u, 0, 1.0, 0, 0, &v, &err), err,
               JW_TRAP_MEMORY_OOB);
    CHECK(exec_f64_m(&ti, "sub_m", 65520, 0, 1.0, 0.5, 0, &v, &err) && v == 0.5);
    CHECK_TRAP(exec_f64_m(&ti, "sub_m", 65521, 0, 1.0, 0, 0, &v, &err), err, JW_TRAP_MEMORY_OOB);
    CHECK(exec_f64_m(&ti, "div_m", 40, 0, -1.0, -0.0, 0, &v, &err) && v == __builtin_inf());
    CHECK(exec_f64_m(&ti, "sub_m", 40, 0, 1.0, __builtin_nan(""), 0, &v, &err) && v != v);
    /* a*b = 1 - 2^-54 rounds to 1 before the add: 0, not -2^-54 */
    const double a = 1.0 + 0x1p-27, b = 1.0 - 0x1p-27;
    jw_value_t l3[3] = { test_i32(-8), exec_f64(a), exec_f64(b) }, r = { 0 };
    exec_f64_m(&ti, "sub_m", 0xfffffff8u, 0, 0, 0, -1.0, &v, &err); /* stores -1 at 0 */
    CHECK(test_call(ti.store, ti.inst, "muladd_l_ai", l3, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 0.0);
    l3[0] = test_i32(65521);
    CHECK_TRAP(test_call(ti.store, ti.inst, "muladd_l_ai", l3, 3, &r, 1, &err), err,
               JW_TRAP_MEMORY_OOB);
    /* c at x + 8, b at y (+ 8 in muladd_ml): c + a * b */
    CHECK(exec_f64_m(&ti, "axpy", 40, 64, a, -1.0, b, &v, &err) && v == 0.0);
    CHECK(exec_f64_m(&ti, "axpy", 40, 64, 2.0, 0.5, -0.0, &v, &err) && v == 0.5);
    CHECK(exec_f64_m(&ti, "muladd_ml", 40, 56, a, -1.0, b, &v, &err) && v == 0.0);
    CHECK(exec_f64_m(&ti, "muladd_ml", 40, 0xfffffff8u, 3.0, 1.0, -1.0, &v, &err) && v == -2.0);
    CHECK(exec_f64_m(&ti, "axpy", 65520, 0, 2.0, 1.0, 3.0, &v, &err) && v == 7.0);
    CHECK_TRAP(exec_f64_m(&ti, "axpy", 65521, 0, 2.0, 0, 0, &v, &err), err, JW_TRAP_MEMORY_OOB);
    CHECK_TRAP(exec_f64_m(&ti, "muladd_ml", 40, 65521, 2.0, 0, 0, &v, &err), err,
               JW_TRAP_MEMORY_OOB);
    /* b out of bounds: c is left as it was */
    CHECK_TRAP(exec_f64_m(&ti, "axpy", 40, 65529, 2.0, 0.5, 0, &v, &err), err, JW_TRAP_MEMORY_OOB);
    jw_value_t d3[3] = { test_i32(40), exec_f64(2.0), exec_f64(0.75) };
    exec_f64_m(&ti, "sub_m", 32, 0, 0, 3.0, 0, &v, &err); /* 3 at 40, 0.5 at 48 */
    CHECK(test_call(ti.store, ti.inst, "ml_dropped", d3, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 6.75);
    CHECK(test_call(ti.store, ti.inst, "sub_dropped", d3, 3, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 1.25);
    jw_value_t at = test_i32(48);
    CHECK(test_call(ti.store, ti.inst, "get_f64", &at, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 0.5);
    /* (b * 1) * a = 1 - 2^-54 rounds to 1: 1 - 1 = 0, not 2^-54 */
    jw_value_t s4[4] = { test_i32(40), exec_f64(b), exec_f64(1.0), exec_f64(a) };
    exec_f64_m(&ti, "sub_m", 40, 0, 0, 1.0, 0, &v, &err); /* 1 at 48 */
    CHECK(test_call(ti.store, ti.inst, "rmw_submul3", s4, 4, NULL, 0, &err));
    CHECK(test_call(ti.store, ti.inst, "sub3_dropped", s4, 4, &r, 1, &err));
    CHECK(exec_as_f64(&r) == a - 1.0);
    at = test_i32(48);
    CHECK(test_call(ti.store, ti.inst, "get_f64", &at, 1, &r, 1, &err));
    CHECK(exec_as_f64(&r) == 0.0);
    s4[0] = test_i32(65521);
    CHECK_TRAP(test_call(ti.store, ti.inst, "rmw_submul3", s4, 4, NULL, 0, &err), err,
               JW_TRAP_MEMORY_OOB);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_fused_store_const(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t r = { 0 }, set[2] = { test_i32(64), exec_f64(0.0) };
    uint64_t bits;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    CHECK(test_call(ti.store, ti.inst, "set_f64", set, 2, NULL, 0, &err));
    CHECK(test_call(ti.store, ti.inst, "st_k", set, 1, NULL, 0, &err));
    CHECK(test_call(ti.store, ti.inst, "get_f64", set, 1, &r, 1, &err));
    memcpy(&bits, &r.of.f64, sizeof bits);
    CHECK_EQ(bits, 0x55667788fffeff00ull);
    set[0] = test_i32(72);
    CHECK(test_call(ti.store, ti.inst, "get_f64", set, 1, &r, 1, &err));
    memcpy(&bits, &r.of.f64, sizeof bits);
    CHECK_EQ(bits, 0x8000000000000000ull);
    set[0] = test_i32(65520); /* the f64 is the last 8 bytes */
    CHECK(test_call(ti.store, ti.inst, "st_k", set, 1, NULL, 0, &err));
    set[0] = test_i32(65521);
    CHECK_TRAP(test_call(ti.store, ti.inst, "st_k", set, 1, NULL, 0, &err), err,
               JW_TRAP_MEMORY_OOB);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

/* Calls `name`(arg) -> (i, n) with unlimited fuel and then in slices of
 * `slice` units with resumes: both must give want_i after want_n steps. */
static void check_add_loop(const test_inst_t *ti, const char *name, uint32_t arg, uint32_t want_i,
                           uint32_t want_n, uint64_t slice)
{
    jw_error_t err;
    jw_value_t a = test_i32(arg), r[2];
    for (int metered = 0; metered < 2; metered++) {
        memset(r, 0, sizeof r);
        jw_store_set_fuel(ti->store, metered ? slice : JW_FUEL_UNLIMITED);
        bool ok = test_call(ti->store, ti->inst, name, &a, 1, r, 2, &err);
        unsigned resumes = 0;
        while (!ok && err.kind == JW_ERR_TRAP && err.trap == JW_TRAP_FUEL_EXHAUSTED &&
               resumes < 1000) {
            jw_store_set_fuel(ti->store, slice);
            ok = jw_resume(ti->store, r, 2, &err);
            resumes++;
        }
        CHECK(ok);
        CHECK_EQ(r[0].of.i32, want_i);
        CHECK_EQ(r[1].of.i32, want_n);
        if (metered && want_n > 2 * slice)
            CHECK(resumes > 0); /* taken back-edges cost fuel */
    }
    jw_store_set_fuel(ti->store, JW_FUEL_UNLIMITED);
}

static void test_fused_add_loop(void)
{
    test_inst_t ti;
    test_alloc_t ta;
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("fused", &ta.api, &default_cfg, NULL, NULL, &ti));
    check_add_loop(&ti, "step_ne", 0, 30, 10, 3);
    check_add_loop(&ti, "step_ne", (uint32_t)-30, 30, 20, 3);
    check_add_loop(&ti, "step_lt_s", (uint32_t)-20, 10, 10, 2); /* signed: -20 < 10 */
    check_add_loop(&ti, "step_lt_u", (uint32_t)-20, (uint32_t)-17, 1, 2); /* unsigned: huge */
    check_add_loop(&ti, "step_lt_u", 0, 12, 4, 2);
    check_add_loop(&ti, "step_nz", 7, 0, 7, 2);
    test_inst_free(&ti);
    CHECK_EQ(ta.outstanding, 0);
}

const test_case_t exec_tests[] = {
    { "fuel: endless loops (br, br_table, f64 compare back-edges) run out, and again after each "
      "resume",
      test_fuel_infinite_loop },
    { "fuel: counting loops (br, br_table back-edges) finish right after many resumes",
      test_fuel_resumes_to_result },
    { "fuel: zero fuel, then unlimited and resume", test_fuel_zero_then_resume },
    { "fuel: a new call discards the suspended one; bare resume fails",
      test_fuel_new_call_and_bad_resume },
    { "depth: infinite recursion is CALL_STACK_EXHAUSTED", test_infinite_recursion },
    { "depth: max_call_depth=100 allows 50 and stops 500", test_call_depth_config },
    { "depth: a small max_stack_bytes is CALL_STACK_EXHAUSTED", test_stack_bytes_config },
    { "depth: max_call_depth=100 allows exactly 100, metered or not", test_call_depth_exact },
    { "fuel: a recursion resumes call by call to its result", test_fuel_resumes_across_calls },
    { "depth: max_call_depth=UINT32_MAX ends with the value stack", test_call_depth_huge },
    { "consts: loop constants in frame slots: exact bits, calls, recursion", test_loop_constants },
    { "consts: out of fuel in a loop with constant slots, resumed", test_loop_constants_fuel },
    { "limits: max_memory_pages caps memory.grow and instantiation", test_memory_page_cap },
    { "limits: max_table_elems caps table.grow", test_table_elem_cap },
    { "host: trap kind and message propagate; userdata and memory", test_host_functions },
    { "memory: jw_memory_read/write bounds", test_memory_bounds },
    { "stores: two stores of one module are independent", test_two_stores },
    { "call: wrong arg/result counts and types are JW_ERR_ARG", test_call_bad_arguments },
    { "objects: embedder globals, tables and memories", test_embedder_objects },
    { "link: wrong-type, wrong-kind and missing imports are UNLINKABLE", test_import_type_checked },
    { "link: 1,000 instances of one module keep separate state", test_many_instances },
    { "traps: jw_trap_name uses the spec's wording", test_trap_names },
    { "fused: address sums folded into loads wrap to 32 bits; f64 mul+add rounds twice",
      test_fused_load_wraps },
    { "fused: i64 compare + branch, immediates sign-extended, eqz of 64 bits",
      test_fused_i64_branches },
    { "fused: i64 ops with 64-bit immediates; division by 0 or -1 still traps",
      test_fused_i64_imm },
    { "fused: x & ~y, x & (y ^ z), x ^ (y & z), x | (y & z); joined copies and adds; x + y + k; "
      "xor-ed rotations",
      test_fused_logic },
    { "fused: f64 loads in multiply-adds and read-modify-write stores; bounds, two roundings",
      test_fused_f64_mem },
    { "fused: f64 ops with a loaded operand (_M, MULADD_ML, AXPY): wrap, bounds, two roundings",
      test_fused_f64_mem_operands },
    { "fused: stores of constants, each width; bounds", test_fused_store_const },
    { "fused: a loop's add + back-edge, signed/unsigned, wrap; same with fuel slices",
      test_fused_add_loop },
};
const size_t exec_tests_count = sizeof exec_tests / sizeof exec_tests[0];
