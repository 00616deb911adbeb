/* SPDX-License-Identifier: MIT */
/* spec_match.c: checks a result against an expected spec value or pattern (freestanding: see spec_match.h). */
#include "spec_match.h"

/* NaN classes as the spec defines them: canonical = quiet bit only in the
 * payload; arithmetic = quiet bit set, any payload; sign ignored. */
static bool f32_matches(spec_pattern_t p, uint32_t want, uint32_t got)
{
    if (p == SPEC_NAN_CANONICAL)
        return (got & 0x7fffffffu) == 0x7fc00000u;
    if (p == SPEC_NAN_ARITHMETIC)
        return (got & 0x7fc00000u) == 0x7fc00000u;
    return want == got;
}

static bool f64_matches(spec_pattern_t p, uint64_t want, uint64_t got)
{
    const uint64_t quiet = 0x7ff8000000000000ull;
    if (p == SPEC_NAN_CANONICAL)
        return (got & 0x7fffffffffffffffull) == quiet;
    if (p == SPEC_NAN_ARITHMETIC)
        return (got & quiet) == quiet;
    return want == got;
}

static uint64_t get_lane(const uint8_t *v, unsigned bits, unsigned i)
{
    uint64_t x = 0;
    for (unsigned b = 0; b < bits / 8; b++)
        x |= (uint64_t)v[i * (bits / 8) + b] << (8 * b);
    return x;
}

static bool v128_matches(const spec_expect_t *e, const uint8_t *got)
{
    unsigned bits = e->lane_bits;
    for (unsigned i = 0; i < 128 / bits; i++) {
        uint64_t w = get_lane(e->value.of.v128, bits, i), g = get_lane(got, bits, i);
        bool ok = !e->lane_float ? w == g
                  : bits == 32   ? f32_matches(e->lanes[i], (uint32_t)w, (uint32_t)g)
                                 : f64_matches(e->lanes[i], w, g);
        if (!ok)
            return false;
    }
    return true;
}

bool spec_value_matches(const spec_expect_t *e, const jw_value_t *got)
{
    if (got->type != e->value.type)
        return false;
    switch (e->value.type) {
    case JW_I32: return got->of.i32 == e->value.of.i32;
    case JW_I64: return got->of.i64 == e->value.of.i64;
    case JW_F32: return f32_matches(e->pattern, e->value.of.f32, got->of.f32);
    case JW_F64: return f64_matches(e->pattern, e->value.of.f64, got->of.f64);
    case JW_V128: return v128_matches(e, got->of.v128);
    case JW_FUNCREF:
    case JW_EXTERNREF:
        if (e->pattern == SPEC_ANY_REF)
            return got->of.ref != NULL;
        return got->of.ref == e->value.of.ref;
    }
    return false;
}
