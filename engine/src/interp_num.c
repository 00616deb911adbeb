/* SPDX-License-Identifier: MIT */
/* interp_num.c: the handlers of wasm's numeric instructions 0x45..0xc4 and the saturating truncations (a unit of the dispatcher, interp.h). */
#include "interp.h"
/*
 * Operands d a [b] (ops.h); floats go through float.h's
 * exact helpers where C's operators are not wasm's (min/max, nearest,
 * conversions that trap).
 */

/* Float -> int truncation: 0 = ok, else the trap kind. The bounds are the
 * exact first out-of-range values on each side. */
static jw_trap_kind_t in_trunc_check(double x, double lo, double hi) {
    if (x != x) return JW_TRAP_INVALID_CONVERSION;
    if (!(x > lo && x < hi)) return JW_TRAP_INT_OVERFLOW;
    return JW_TRAP_NONE;
}

static int32_t in_sat_i32(double x) {
    if (x != x) return 0;
    if (x <= -2147483649.0) return INT32_MIN;
    if (x >= 2147483648.0) return INT32_MAX;
    return (int32_t)x;
}
static uint32_t in_sat_u32(double x) {
    if (x != x || x <= -1.0) return 0;
    if (x >= 4294967296.0) return UINT32_MAX;
    return (uint32_t)x;
}
static int64_t in_sat_i64(double x) {
    if (x != x) return 0;
    if (x < -9223372036854775808.0) return INT64_MIN;
    if (x >= 9223372036854775808.0) return INT64_MAX;
    return (int64_t)x;
}
static uint64_t in_sat_u64(double x) {
    if (x != x || x <= -1.0) return 0;
    if (x >= 18446744073709551616.0) return UINT64_MAX;
    return (uint64_t)x;
}

/* i32 comparisons */
H(n45) { S(1) = I32(2) == 0; NEXT(3); }
H(n46) { S(1) = I32(2) == I32(3); NEXT(4); }
H(n47) { S(1) = I32(2) != I32(3); NEXT(4); }
H(n48) { S(1) = SI32(2) < SI32(3); NEXT(4); }
H(n49) { S(1) = I32(2) < I32(3); NEXT(4); }
H(n4a) { S(1) = SI32(2) > SI32(3); NEXT(4); }
H(n4b) { S(1) = I32(2) > I32(3); NEXT(4); }
H(n4c) { S(1) = SI32(2) <= SI32(3); NEXT(4); }
H(n4d) { S(1) = I32(2) <= I32(3); NEXT(4); }
H(n4e) { S(1) = SI32(2) >= SI32(3); NEXT(4); }
H(n4f) { S(1) = I32(2) >= I32(3); NEXT(4); }
/* i64 comparisons */
H(n50) { S(1) = I64(2) == 0; NEXT(3); }
H(n51) { S(1) = I64(2) == I64(3); NEXT(4); }
H(n52) { S(1) = I64(2) != I64(3); NEXT(4); }
H(n53) { S(1) = SI64(2) < SI64(3); NEXT(4); }
H(n54) { S(1) = I64(2) < I64(3); NEXT(4); }
H(n55) { S(1) = SI64(2) > SI64(3); NEXT(4); }
H(n56) { S(1) = I64(2) > I64(3); NEXT(4); }
H(n57) { S(1) = SI64(2) <= SI64(3); NEXT(4); }
H(n58) { S(1) = I64(2) <= I64(3); NEXT(4); }
H(n59) { S(1) = SI64(2) >= SI64(3); NEXT(4); }
H(n5a) { S(1) = I64(2) >= I64(3); NEXT(4); }
/* f32 / f64 comparisons */
H(n5b) { S(1) = F32(2) == F32(3); NEXT(4); }
H(n5c) { S(1) = F32(2) != F32(3); NEXT(4); }
H(n5d) { S(1) = F32(2) < F32(3); NEXT(4); }
H(n5e) { S(1) = F32(2) > F32(3); NEXT(4); }
H(n5f) { S(1) = F32(2) <= F32(3); NEXT(4); }
H(n60) { S(1) = F32(2) >= F32(3); NEXT(4); }
H(n61) { S(1) = F64(2) == F64(3); NEXT(4); }
H(n62) { S(1) = F64(2) != F64(3); NEXT(4); }
H(n63) { S(1) = F64(2) < F64(3); NEXT(4); }
H(n64) { S(1) = F64(2) > F64(3); NEXT(4); }
H(n65) { S(1) = F64(2) <= F64(3); NEXT(4); }
H(n66) { S(1) = F64(2) >= F64(3); NEXT(4); }
/* i32 arithmetic */
H(n67) { S(1) = in_clz32(I32(2)); NEXT(3); }
H(n68) { S(1) = in_ctz32(I32(2)); NEXT(3); }
H(n69) { S(1) = in_pop32(I32(2)); NEXT(3); }
H(n6a) { S(1) = (uint32_t)(I32(2) + I32(3)); NEXT(4); }
H(n6b) { S(1) = (uint32_t)(I32(2) - I32(3)); NEXT(4); }
H(n6c) { S(1) = (uint32_t)(I32(2) * I32(3)); NEXT(4); }
H(n6d) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    if (SI32(2) == INT32_MIN && SI32(3) == -1) TRAP(JW_TRAP_INT_OVERFLOW);
    S(1) = (uint32_t)(SI32(2) / SI32(3));
    NEXT(4);
}
H(n6e) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I32(2) / I32(3);
    NEXT(4);
}
H(n6f) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = SI32(3) == -1 ? 0 : (uint32_t)(SI32(2) % SI32(3));
    NEXT(4);
}
H(n70) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I32(2) % I32(3);
    NEXT(4);
}
H(n71) { S(1) = I32(2) & I32(3); NEXT(4); }
H(n72) { S(1) = I32(2) | I32(3); NEXT(4); }
H(n73) { S(1) = I32(2) ^ I32(3); NEXT(4); }
H(n74) { S(1) = (uint32_t)(I32(2) << (I32(3) & 31)); NEXT(4); }
H(n75) { S(1) = (uint32_t)(SI32(2) >> (I32(3) & 31)); NEXT(4); }
H(n76) { S(1) = I32(2) >> (I32(3) & 31); NEXT(4); }
H(n77) { S(1) = in_rotl32(I32(2), I32(3)); NEXT(4); }
H(n78) { S(1) = in_rotr32(I32(2), I32(3)); NEXT(4); }
/* i64 arithmetic */
H(n79) { S(1) = in_clz64(I64(2)); NEXT(3); }
H(n7a) { S(1) = in_ctz64(I64(2)); NEXT(3); }
H(n7b) { S(1) = in_pop64(I64(2)); NEXT(3); }
H(n7c) { S(1) = I64(2) + I64(3); NEXT(4); }
H(n7d) { S(1) = I64(2) - I64(3); NEXT(4); }
H(n7e) { S(1) = I64(2) * I64(3); NEXT(4); }
H(n7f) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    if (SI64(2) == INT64_MIN && SI64(3) == -1) TRAP(JW_TRAP_INT_OVERFLOW);
    S(1) = (uint64_t)(SI64(2) / SI64(3));
    NEXT(4);
}
H(n80) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I64(2) / I64(3);
    NEXT(4);
}
H(n81) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = SI64(3) == -1 ? 0 : (uint64_t)(SI64(2) % SI64(3));
    NEXT(4);
}
H(n82) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I64(2) % I64(3);
    NEXT(4);
}
H(n83) { S(1) = I64(2) & I64(3); NEXT(4); }
H(n84) { S(1) = I64(2) | I64(3); NEXT(4); }
H(n85) { S(1) = I64(2) ^ I64(3); NEXT(4); }
H(n86) { S(1) = I64(2) << (I64(3) & 63); NEXT(4); }
H(n87) { S(1) = (uint64_t)(SI64(2) >> (I64(3) & 63)); NEXT(4); }
H(n88) { S(1) = I64(2) >> (I64(3) & 63); NEXT(4); }
H(n89) { S(1) = in_rotl64(I64(2), I64(3)); NEXT(4); }
H(n8a) { S(1) = in_rotr64(I64(2), I64(3)); NEXT(4); }
/* f32 arithmetic */
H(n8b) { S(1) = I32(2) & 0x7fffffffu; NEXT(3); }
H(n8c) { S(1) = I32(2) ^ 0x80000000u; NEXT(3); }
H(n8d) { S(1) = jf_b32(jf_ceil32(F32(2))); NEXT(3); }
H(n8e) { S(1) = jf_b32(jf_floor32(F32(2))); NEXT(3); }
H(n8f) { S(1) = jf_b32(jf_trunc32(F32(2))); NEXT(3); }
H(n90) { S(1) = jf_b32(jf_nearest32(F32(2))); NEXT(3); }
H(n91) { S(1) = jf_b32(jf_sqrt32(F32(2))); NEXT(3); }
H(n92) { S(1) = jf_b32(F32(2) + F32(3)); NEXT(4); }
H(n93) { S(1) = jf_b32(F32(2) - F32(3)); NEXT(4); }
H(n94) { S(1) = jf_b32(F32(2) * F32(3)); NEXT(4); }
H(n95) { S(1) = jf_b32(F32(2) / F32(3)); NEXT(4); }
H(n96) { S(1) = jf_min32(F32(2), F32(3)); NEXT(4); }
H(n97) { S(1) = jf_max32(F32(2), F32(3)); NEXT(4); }
H(n98) { S(1) = in_copysign32(S(2), S(3)); NEXT(4); }
/* f64 arithmetic */
H(n99) { S(1) = I64(2) & 0x7fffffffffffffffull; NEXT(3); }
H(n9a) { S(1) = I64(2) ^ 0x8000000000000000ull; NEXT(3); }
H(n9b) { S(1) = jf_b64(jf_ceil64(F64(2))); NEXT(3); }
H(n9c) { S(1) = jf_b64(jf_floor64(F64(2))); NEXT(3); }
H(n9d) { S(1) = jf_b64(jf_trunc64(F64(2))); NEXT(3); }
H(n9e) { S(1) = jf_b64(jf_nearest64(F64(2))); NEXT(3); }
H(n9f) { S(1) = jf_b64(jf_sqrt64(F64(2))); NEXT(3); }
H(na0) { S(1) = jf_b64(F64(2) + F64(3)); NEXT(4); }
H(na1) { S(1) = jf_b64(F64(2) - F64(3)); NEXT(4); }
H(na2) { S(1) = jf_b64(F64(2) * F64(3)); NEXT(4); }
H(na3) { S(1) = jf_b64(F64(2) / F64(3)); NEXT(4); }
H(na4) { S(1) = jf_min64(F64(2), F64(3)); NEXT(4); }
H(na5) { S(1) = jf_max64(F64(2), F64(3)); NEXT(4); }
H(na6) { S(1) = in_copysign64(S(2), S(3)); NEXT(4); }
/* conversions */
H(na7) { S(1) = (uint32_t)I64(2); NEXT(3); }
H(na8) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -2147483904.0, 2147483648.0))) TRAP(tk);
    S(1) = (uint32_t)(int32_t)F32(2);
    NEXT(3);
}
H(na9) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -1.0, 4294967296.0))) TRAP(tk);
    S(1) = (uint32_t)F32(2);
    NEXT(3);
}
H(naa) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -2147483649.0, 2147483648.0))) TRAP(tk);
    S(1) = (uint32_t)(int32_t)F64(2);
    NEXT(3);
}
H(nab) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -1.0, 4294967296.0))) TRAP(tk);
    S(1) = (uint32_t)F64(2);
    NEXT(3);
}
H(nac) { S(1) = (uint64_t)(int64_t)SI32(2); NEXT(3); }
H(nad) { S(1) = I32(2); NEXT(3); }
H(nae) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -9223373136366403584.0, 9223372036854775808.0))) TRAP(tk);
    S(1) = (uint64_t)(int64_t)F32(2);
    NEXT(3);
}
H(naf) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -1.0, 18446744073709551616.0))) TRAP(tk);
    S(1) = (uint64_t)F32(2);
    NEXT(3);
}
H(nb0) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -9223372036854777856.0, 9223372036854775808.0))) TRAP(tk);
    S(1) = (uint64_t)(int64_t)F64(2);
    NEXT(3);
}
H(nb1) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -1.0, 18446744073709551616.0))) TRAP(tk);
    S(1) = (uint64_t)F64(2);
    NEXT(3);
}
H(nb2) { S(1) = jf_b32((float)SI32(2)); NEXT(3); }
H(nb3) { S(1) = jf_b32((float)I32(2)); NEXT(3); }
H(nb4) { S(1) = jf_b32((float)SI64(2)); NEXT(3); }
H(nb5) { S(1) = jf_b32((float)I64(2)); NEXT(3); }
H(nb6) { S(1) = jf_b32((float)F64(2)); NEXT(3); }
H(nb7) { S(1) = jf_b64((double)SI32(2)); NEXT(3); }
H(nb8) { S(1) = jf_b64((double)I32(2)); NEXT(3); }
H(nb9) { S(1) = jf_b64((double)SI64(2)); NEXT(3); }
H(nba) { S(1) = jf_b64((double)I64(2)); NEXT(3); }
H(nbb) { S(1) = jf_b64((double)F32(2)); NEXT(3); }
H(nc0) { S(1) = (uint32_t)(int32_t)(int8_t)I32(2); NEXT(3); }
H(nc1) { S(1) = (uint32_t)(int32_t)(int16_t)I32(2); NEXT(3); }
H(nc2) { S(1) = (uint64_t)(int64_t)(int8_t)I64(2); NEXT(3); }
H(nc3) { S(1) = (uint64_t)(int64_t)(int16_t)I64(2); NEXT(3); }
H(nc4) { S(1) = (uint64_t)(int64_t)(int32_t)I64(2); NEXT(3); }
H(sat0) { S(1) = (uint32_t)in_sat_i32(F32(2)); NEXT(3); }
H(sat1) { S(1) = in_sat_u32(F32(2)); NEXT(3); }
H(sat2) { S(1) = (uint32_t)in_sat_i32(F64(2)); NEXT(3); }
H(sat3) { S(1) = in_sat_u32(F64(2)); NEXT(3); }
H(sat4) { S(1) = (uint64_t)in_sat_i64(F32(2)); NEXT(3); }
H(sat5) { S(1) = in_sat_u64(F32(2)); NEXT(3); }
H(sat6) { S(1) = (uint64_t)in_sat_i64(F64(2)); NEXT(3); }
H(sat7) { S(1) = in_sat_u64(F64(2)); NEXT(3); }
