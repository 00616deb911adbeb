/* SPDX-License-Identifier: MIT */
/* spec_selftest.c: checks the runner's own value matching (NaN classes, v128, refs). */
#include <stdio.h>
#include <string.h>
#include "spec.h"

static unsigned failures;

static void expect(bool cond, const char *what)
{
    if (!cond) {
        printf("self-test: %s\n", what);
        failures++;
    }
}

/* Parses `json` as one expected value and matches it against `got`. */
static bool matches(const char *json, jw_value_t got)
{
    char why[128];
    spec_expect_t e;
    cJSON *j = cJSON_Parse(json);
    bool ok = j && spec_parse_expect(j, &e, why, sizeof why) && spec_value_matches(&e, &got);
    cJSON_Delete(j);
    return ok;
}

static jw_value_t f32v(uint32_t bits) { return (jw_value_t){ .type = JW_F32, .of.f32 = bits }; }

static jw_value_t f64v(uint64_t bits) { return (jw_value_t){ .type = JW_F64, .of.f64 = bits }; }

static void nan_classes(void)
{
    const char *c32 = "{\"type\":\"f32\",\"value\":\"nan:canonical\"}";
    const char *a32 = "{\"type\":\"f32\",\"value\":\"nan:arithmetic\"}";
    const char *c64 = "{\"type\":\"f64\",\"value\":\"nan:canonical\"}";
    const char *a64 = "{\"type\":\"f64\",\"value\":\"nan:arithmetic\"}";
    expect(matches(c32, f32v(0x7fc00000)) && matches(c32, f32v(0xffc00000)), "f32 canonical NaN");
    expect(!matches(c32, f32v(0x7fc00001)), "f32 payload NaN is not canonical");
    expect(matches(a32, f32v(0x7fc00001)) && matches(a32, f32v(0xffffffff)), "f32 arithmetic NaN");
    expect(!matches(a32, f32v(0x7f800001)), "f32 signalling NaN is not arithmetic");
    expect(!matches(a32, f32v(0x7f800000)) && !matches(c32, f32v(0)), "f32 inf/0 are not NaN");
    expect(!matches(c32, f64v(0x7ff8000000000000ull)), "f64 result for an f32 pattern");
    expect(matches(c64, f64v(0xfff8000000000000ull)), "f64 canonical NaN");
    expect(!matches(c64, f64v(0x7ff8000000000001ull)), "f64 payload NaN is not canonical");
    expect(matches(a64, f64v(0x7ff8000000000001ull)), "f64 arithmetic NaN");
    expect(!matches(a64, f64v(0x7ff0000000000001ull)), "f64 signalling NaN is not arithmetic");
}

static void exact_values(void)
{
    jw_value_t i32 = { .type = JW_I32, .of.i32 = 0xffffffffu };
    jw_value_t i64 = { .type = JW_I64, .of.i64 = 0x8000000000000000ull };
    expect(matches("{\"type\":\"i32\",\"value\":\"4294967295\"}", i32), "i32 unsigned decimal");
    expect(!matches("{\"type\":\"i64\",\"value\":\"4294967295\"}", i32), "type must match");
    expect(matches("{\"type\":\"i64\",\"value\":\"9223372036854775808\"}", i64), "i64 max bit");
    expect(matches("{\"type\":\"f32\",\"value\":\"2143289345\"}", f32v(0x7fc00001)),
           "f32 exact NaN payload");
    expect(!matches("{\"type\":\"f32\",\"value\":\"2143289345\"}", f32v(0x7fc00000)),
           "f32 exact NaN payload differs");
}

static void refs_and_v128(void)
{
    jw_value_t ext = { .type = JW_EXTERNREF, .of.ref = spec_extern_ref(0) };
    jw_value_t null_func = { .type = JW_FUNCREF, .of.ref = NULL };
    jw_value_t v = { .type = JW_V128 };
    expect(ext.of.ref != NULL && spec_extern_ref(1) != ext.of.ref, "ref.extern N distinct");
    expect(matches("{\"type\":\"externref\",\"value\":\"0\"}", ext), "ref.extern 0");
    expect(!matches("{\"type\":\"externref\",\"value\":\"1\"}", ext), "ref.extern 1 != 0");
    expect(!matches("{\"type\":\"externref\",\"value\":\"null\"}", ext), "non-null vs null");
    expect(matches("{\"type\":\"funcref\",\"value\":\"null\"}", null_func), "ref.null func");
    expect(!matches("{\"type\":\"funcref\"}", null_func), "any funcref is non-null");
    memcpy(v.of.v128, "\x01\x00\x00\x00\x00\x00\xc0\x7f\xff\xff\xff\xff\x02\x00\x00\x00", 16);
    expect(matches("{\"type\":\"v128\",\"lane_type\":\"f32\",\"value\":"
                   "[\"1\",\"nan:canonical\",\"nan:arithmetic\",\"2\"]}",
                   v),
           "v128 f32 lanes");
    expect(!matches("{\"type\":\"v128\",\"lane_type\":\"i32\",\"value\":"
                    "[\"1\",\"0\",\"4294967295\",\"2\"]}",
                    v),
           "v128 i32 lane differs");
    expect(matches("{\"type\":\"v128\",\"lane_type\":\"i64\",\"value\":"
                   "[\"9205357638345293825\",\"12884901887\"]}",
                   v),
           "v128 i64 lanes");
}

int spec_self_test(void)
{
    failures = 0;
    nan_classes();
    exact_values();
    refs_and_v128();
    printf("runner self-test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
