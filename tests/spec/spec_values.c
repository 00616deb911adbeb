/* SPDX-License-Identifier: MIT */
/* spec_values.c: wast2json values and result patterns: parse, match, print. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

static bool type_from_name(const char *s, jw_valtype_t *t)
{
    static const jw_valtype_t all[] = { JW_I32,  JW_I64,     JW_F32,      JW_F64,
                                        JW_V128, JW_FUNCREF, JW_EXTERNREF };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(s, jw_valtype_name(all[i])) == 0)
            return *t = all[i], true;
    return false;
}

/* `ref.extern N` becomes a distinct non-NULL pointer per N; 16-aligned in
 * case the engine keeps tags in low bits. The engine never dereferences it. */
jw_ref_t spec_extern_ref(uint64_t n) { return (jw_ref_t)(uintptr_t)((n + 1) << 4); }

/* wast2json writes integers and float bit patterns as unsigned decimal;
 * a leading '-' is accepted and wrapped for robustness. */
static bool parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    if (*s == '-')
        *out = (uint64_t)strtoll(s, &end, 10);
    else
        *out = strtoull(s, &end, 10);
    return errno == 0 && *end == '\0';
}

static const char *str_field(const cJSON *j, const char *name)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

static spec_pattern_t nan_pattern(const char *s)
{
    if (s && strcmp(s, "nan:canonical") == 0)
        return SPEC_NAN_CANONICAL;
    if (s && strcmp(s, "nan:arithmetic") == 0)
        return SPEC_NAN_ARITHMETIC;
    return SPEC_EXACT;
}

/* Stores one lane of `bits` width at lane index `i`, little-endian. */
static void put_lane(uint8_t *v, unsigned bits, unsigned i, uint64_t x)
{
    for (unsigned b = 0; b < bits / 8; b++)
        v[i * (bits / 8) + b] = (uint8_t)(x >> (8 * b));
}

static bool parse_v128(const cJSON *j, spec_expect_t *e, bool allow_nan, char *why, size_t n)
{
    const char *lt = str_field(j, "lane_type");
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(j, "value");
    if (!lt || !cJSON_IsArray(arr))
        return snprintf(why, n, "v128 without lane_type/value"), false;
    unsigned bits = (unsigned)strtoul(lt + 1, NULL, 10);
    if ((lt[0] != 'i' && lt[0] != 'f') || (bits != 8 && bits != 16 && bits != 32 && bits != 64))
        return snprintf(why, n, "bad lane_type %s", lt), false;
    unsigned lanes = 128 / bits;
    if ((unsigned)cJSON_GetArraySize(arr) != lanes)
        return snprintf(why, n, "v128 %s needs %u lanes", lt, lanes), false;
    e->lane_bits = (uint8_t)bits;
    e->lane_float = lt[0] == 'f';
    for (unsigned i = 0; i < lanes; i++) {
        const cJSON *l = cJSON_GetArrayItem(arr, (int)i);
        const char *s = cJSON_IsString(l) ? l->valuestring : NULL;
        spec_pattern_t p = e->lane_float ? nan_pattern(s) : SPEC_EXACT;
        uint64_t x = 0;
        if (p != SPEC_EXACT && !allow_nan)
            return snprintf(why, n, "NaN pattern as an argument"), false;
        if (p == SPEC_EXACT && !parse_u64(s, &x))
            return snprintf(why, n, "bad v128 lane '%s'", s ? s : "?"), false;
        e->lanes[i] = p;
        put_lane(e->value.of.v128, bits, i, x);
    }
    return true;
}

static bool parse_ref(const char *s, spec_expect_t *e, bool allow_any, char *why, size_t n)
{
    uint64_t x;
    if (!s) {
        /* no value: the `(ref.func)`/`(ref.extern)` "any non-null" result */
        if (!allow_any)
            return snprintf(why, n, "reference without a value"), false;
        e->pattern = SPEC_ANY_REF;
        return true;
    }
    if (strcmp(s, "null") == 0)
        return e->value.of.ref = NULL, true;
    if (e->value.type == JW_FUNCREF) {
        /* a specific funcref cannot be named from a script */
        if (!allow_any)
            return snprintf(why, n, "funcref argument '%s'", s), false;
        e->pattern = SPEC_ANY_REF;
        return true;
    }
    if (!parse_u64(s, &x))
        return snprintf(why, n, "bad externref '%s'", s), false;
    e->value.of.ref = spec_extern_ref(x);
    return true;
}

static bool parse_any(const cJSON *j, spec_expect_t *e, bool allow_pattern, char *why, size_t n)
{
    memset(e, 0, sizeof *e);
    const char *ts = str_field(j, "type");
    if (!ts || !type_from_name(ts, &e->value.type))
        return snprintf(why, n, "unknown value type '%s'", ts ? ts : "?"), false;
    const char *s = str_field(j, "value");
    uint64_t x;
    switch (e->value.type) {
    case JW_V128: return parse_v128(j, e, allow_pattern, why, n);
    case JW_FUNCREF:
    case JW_EXTERNREF: return parse_ref(s, e, allow_pattern, why, n);
    case JW_F32:
    case JW_F64:
        e->pattern = nan_pattern(s);
        if (e->pattern != SPEC_EXACT)
            return allow_pattern ? true : (snprintf(why, n, "NaN pattern as an argument"), false);
        break;
    default: break;
    }
    if (!parse_u64(s, &x))
        return snprintf(why, n, "bad %s value '%s'", ts, s ? s : "?"), false;
    if (e->value.type == JW_I32 || e->value.type == JW_F32)
        e->value.of.i32 = (uint32_t)x;
    else
        e->value.of.i64 = x;
    return true;
}

bool spec_parse_value(const cJSON *j, jw_value_t *out, char *why, size_t n)
{
    spec_expect_t e;
    if (!parse_any(j, &e, false, why, n))
        return false;
    *out = e.value;
    return true;
}

bool spec_parse_expect(const cJSON *j, spec_expect_t *out, char *why, size_t n)
{
    return parse_any(j, out, true, why, n);
}

static void format_ref(const jw_value_t *v, char *buf, size_t n)
{
    uintptr_t p = (uintptr_t)v->of.ref;
    if (!p)
        snprintf(buf, n, "%s:null", jw_valtype_name(v->type));
    else if (v->type == JW_EXTERNREF && (p & 15u) == 0 && (p >> 4) < (1u << 20))
        snprintf(buf, n, "externref:%" PRIuPTR, (p >> 4) - 1);
    else
        snprintf(buf, n, "%s:%p", jw_valtype_name(v->type), v->of.ref);
}

void spec_format_value(const jw_value_t *v, char *buf, size_t n)
{
    switch (v->type) {
    case JW_I32:
        snprintf(buf, n, "i32:%" PRIu32 " (0x%08" PRIx32 ")", v->of.i32, v->of.i32);
        return;
    case JW_I64:
        snprintf(buf, n, "i64:%" PRIu64 " (0x%016" PRIx64 ")", v->of.i64, v->of.i64);
        return;
    case JW_F32: snprintf(buf, n, "f32:0x%08" PRIx32, v->of.f32); return;
    case JW_F64: snprintf(buf, n, "f64:0x%016" PRIx64, v->of.f64); return;
    case JW_V128: {
        size_t at = (size_t)snprintf(buf, n, "v128:");
        for (unsigned i = 0; i < 16 && at < n; i++)
            at += (size_t)snprintf(buf + at, n - at, "%02x", v->of.v128[15 - i]);
        return;
    }
    case JW_FUNCREF:
    case JW_EXTERNREF: format_ref(v, buf, n); return;
    }
    snprintf(buf, n, "<type 0x%02x>", (unsigned)v->type);
}

void spec_format_expect(const spec_expect_t *e, char *buf, size_t n)
{
    const char *t = jw_valtype_name(e->value.type);
    if (e->pattern == SPEC_NAN_CANONICAL)
        snprintf(buf, n, "%s:nan:canonical", t);
    else if (e->pattern == SPEC_NAN_ARITHMETIC)
        snprintf(buf, n, "%s:nan:arithmetic", t);
    else if (e->pattern == SPEC_ANY_REF)
        snprintf(buf, n, "%s:non-null", t);
    else
        spec_format_value(&e->value, buf, n);
}
