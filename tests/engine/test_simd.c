/* SPDX-License-Identifier: MIT */
/* test_simd.c: v128 values through the embedding API (calls, host functions, globals). */
#include <string.h>
#include "test.h"
#include "test_alloc.h"

static const jw_store_config_t default_cfg;

static jw_value_t v128_u32(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    jw_value_t v = { .type = JW_V128 };
    uint32_t w[4] = { a, b, c, d };
    memcpy(v.of.v128, w, 16);
    return v;
}

static uint32_t lane(const jw_value_t *v, int i)
{
    uint32_t w;
    memcpy(&w, v->of.v128 + 4 * i, 4);
    return w;
}

/* mix(a, v, d) = (v + splat(a), a + (int)d) */
static bool host_mix(jw_host_call_t *call, const jw_value_t *args, jw_value_t *results)
{
    double d;
    (void)call;
    memcpy(&d, &args[2].of.f64, 8);
    if (args[0].type != JW_I32 || args[1].type != JW_V128 || args[2].type != JW_F64)
        return false;
    results[0] = v128_u32(lane(&args[1], 0) + args[0].of.i32, lane(&args[1], 1) + args[0].of.i32,
                          lane(&args[1], 2) + args[0].of.i32, lane(&args[1], 3) + args[0].of.i32);
    results[1] = test_i32(args[0].of.i32 + (uint32_t)(int32_t)d);
    return true;
}

typedef struct simd_env {
    test_inst_t ti;
    jw_global_t *g;
} simd_env_t;

static bool simd_resolve(void *ud, const jw_import_info_t *imp, jw_extern_t *out)
{
    simd_env_t *env = ud;
    static const jw_valtype_t params[] = { JW_I32, JW_V128, JW_F64 },
                              results[] = { JW_V128, JW_I32 };
    if (imp->type.kind == JW_EXTERN_GLOBAL) {
        env->g = jw_global_new(env->ti.store, v128_u32(10, 20, 30, 40), true);
        out->kind = JW_EXTERN_GLOBAL;
        out->of.global = env->g;
        return env->g != NULL;
    }
    jw_functype_t ft = { 3, 2, params, results };
    out->kind = JW_EXTERN_FUNC;
    out->of.func = jw_host_func_new(env->ti.store, &ft, host_mix, NULL);
    return out->of.func != NULL;
}

static void test_simd_host_and_globals(void)
{
    simd_env_t env = { 0 };
    test_alloc_t ta;
    jw_error_t err;
    double d = 2.75;
    jw_value_t args[3] = { test_i32(5), v128_u32(1, 2, 3, 0xffffffff), { .type = JW_F64 } }, r[2];
    memcpy(&args[2].of.f64, &d, 8);
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("simd", &ta.api, &default_cfg, simd_resolve, &env, &env.ti));
    CHECK(test_call(env.ti.store, env.ti.inst, "call_mix", args, 3, r, 2, &err));
    CHECK(r[0].type == JW_V128 && lane(&r[0], 0) == 6 && lane(&r[0], 3) == 4);
    CHECK(r[1].type == JW_I32 && r[1].of.i32 == 7);
    CHECK(test_call(env.ti.store, env.ti.inst, "swap", NULL, 0, r, 1, &err));
    CHECK(lane(&r[0], 0) == 1 && lane(&r[0], 3) == 4);
    jw_value_t g = jw_global_get(env.g);
    CHECK(g.type == JW_V128 && lane(&g, 0) == 1 && lane(&g, 2) == 3);
    jw_extern_t h;
    REQUIRE(jw_instance_export(env.ti.inst, "h", 1, &h));
    jw_value_t hv = jw_global_get(h.of.global);
    CHECK(hv.type == JW_V128 && lane(&hv, 0) == 10 && lane(&hv, 3) == 40);
    CHECK(jw_global_set(h.of.global, v128_u32(5, 6, 7, 8)));
    CHECK(test_call(env.ti.store, env.ti.inst, "swap", NULL, 0, r, 1, &err));
    CHECK(lane(&r[0], 0) == 5 && lane(&r[0], 3) == 8);
    test_inst_free(&env.ti);
    CHECK_EQ(ta.outstanding, 0);
}

static void test_simd_mixed_slots(void)
{
    simd_env_t env = { 0 };
    test_alloc_t ta;
    jw_error_t err;
    jw_value_t args[4] = { test_i32(3), v128_u32(1, 2, 3, 4), test_i64(1000),
                           v128_u32(10, 20, 30, 40) };
    jw_value_t r[3];
    test_alloc_init(&ta);
    REQUIRE(test_instantiate("simd", &ta.api, &default_cfg, simd_resolve, &env, &env.ti));
    CHECK(test_call(env.ti.store, env.ti.inst, "mixed", args, 4, r, 3, &err));
    CHECK(r[0].type == JW_I64 && r[0].of.i64 == 1003);
    CHECK(r[1].type == JW_V128 && lane(&r[1], 0) == 11 && lane(&r[1], 3) == 44);
    CHECK(r[2].type == JW_I32 && r[2].of.i32 == 4);
    for (uint32_t taken = 0; taken < 2; taken++) {
        jw_value_t a = test_i32(taken);
        CHECK(test_call(env.ti.store, env.ti.inst, "moves", &a, 1, r, 2, &err));
        CHECK(lane(&r[0], 0) == (taken ? 7u : 0u) && lane(&r[0], 3) == (taken ? 10u : 0u));
        CHECK_EQ(r[1].of.i32, taken ? 5u : 6u);
    }
    test_inst_free(&env.ti);
    CHECK_EQ(ta.outstanding, 0);
}

const test_case_t simd_tests[] = {
    { "simd: v128 through host calls, imported and exported globals", test_simd_host_and_globals },
    { "simd: v128 between scalars in params/results/locals; block moves", test_simd_mixed_slots },
};
const size_t simd_tests_count = sizeof simd_tests / sizeof simd_tests[0];
