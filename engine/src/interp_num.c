/* SPDX-License-Identifier: MIT */
/* interp_num.c: the handlers of wasm's numeric instructions 0x45..0xc4 and the saturating truncations (a unit of the dispatcher, interp.h). */
// clang-format off
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
H(i32_eqz) { S(1) = I32(2) == 0; NEXT(3); }
H(i32_eq) { S(1) = I32(2) == I32(3); NEXT(4); }
H(i32_ne) { S(1) = I32(2) != I32(3); NEXT(4); }
H(i32_lt_s) { S(1) = SI32(2) < SI32(3); NEXT(4); }
H(i32_lt_u) { S(1) = I32(2) < I32(3); NEXT(4); }
H(i32_gt_s) { S(1) = SI32(2) > SI32(3); NEXT(4); }
H(i32_gt_u) { S(1) = I32(2) > I32(3); NEXT(4); }
H(i32_le_s) { S(1) = SI32(2) <= SI32(3); NEXT(4); }
H(i32_le_u) { S(1) = I32(2) <= I32(3); NEXT(4); }
H(i32_ge_s) { S(1) = SI32(2) >= SI32(3); NEXT(4); }
H(i32_ge_u) { S(1) = I32(2) >= I32(3); NEXT(4); }
/* i64 comparisons */
H(i64_eqz) { S(1) = I64(2) == 0; NEXT(3); }
H(i64_eq) { S(1) = I64(2) == I64(3); NEXT(4); }
H(i64_ne) { S(1) = I64(2) != I64(3); NEXT(4); }
H(i64_lt_s) { S(1) = SI64(2) < SI64(3); NEXT(4); }
H(i64_lt_u) { S(1) = I64(2) < I64(3); NEXT(4); }
H(i64_gt_s) { S(1) = SI64(2) > SI64(3); NEXT(4); }
H(i64_gt_u) { S(1) = I64(2) > I64(3); NEXT(4); }
H(i64_le_s) { S(1) = SI64(2) <= SI64(3); NEXT(4); }
H(i64_le_u) { S(1) = I64(2) <= I64(3); NEXT(4); }
H(i64_ge_s) { S(1) = SI64(2) >= SI64(3); NEXT(4); }
H(i64_ge_u) { S(1) = I64(2) >= I64(3); NEXT(4); }
/* f32 / f64 comparisons */
H(f32_eq) { S(1) = F32(2) == F32(3); NEXT(4); }
H(f32_ne) { S(1) = F32(2) != F32(3); NEXT(4); }
H(f32_lt) { S(1) = F32(2) < F32(3); NEXT(4); }
H(f32_gt) { S(1) = F32(2) > F32(3); NEXT(4); }
H(f32_le) { S(1) = F32(2) <= F32(3); NEXT(4); }
H(f32_ge) { S(1) = F32(2) >= F32(3); NEXT(4); }
H(f64_eq) { S(1) = F64(2) == F64(3); NEXT(4); }
H(f64_ne) { S(1) = F64(2) != F64(3); NEXT(4); }
H(f64_lt) { S(1) = F64(2) < F64(3); NEXT(4); }
H(f64_gt) { S(1) = F64(2) > F64(3); NEXT(4); }
H(f64_le) { S(1) = F64(2) <= F64(3); NEXT(4); }
H(f64_ge) { S(1) = F64(2) >= F64(3); NEXT(4); }
/* i32 arithmetic */
H(i32_clz) { S(1) = in_clz32(I32(2)); NEXT(3); }
H(i32_ctz) { S(1) = in_ctz32(I32(2)); NEXT(3); }
H(i32_popcnt) { S(1) = in_pop32(I32(2)); NEXT(3); }
H(i32_add) { S(1) = (uint32_t)(I32(2) + I32(3)); NEXT(4); }
H(i32_sub) { S(1) = (uint32_t)(I32(2) - I32(3)); NEXT(4); }
H(i32_mul) { S(1) = (uint32_t)(I32(2) * I32(3)); NEXT(4); }
H(i32_div_s) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    if (SI32(2) == INT32_MIN && SI32(3) == -1) TRAP(JW_TRAP_INT_OVERFLOW);
    S(1) = (uint32_t)(SI32(2) / SI32(3));
    NEXT(4);
}
H(i32_div_u) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I32(2) / I32(3);
    NEXT(4);
}
H(i32_rem_s) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = SI32(3) == -1 ? 0 : (uint32_t)(SI32(2) % SI32(3));
    NEXT(4);
}
H(i32_rem_u) {
    if (I32(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I32(2) % I32(3);
    NEXT(4);
}
H(i32_and) { S(1) = I32(2) & I32(3); NEXT(4); }
H(i32_or) { S(1) = I32(2) | I32(3); NEXT(4); }
H(i32_xor) { S(1) = I32(2) ^ I32(3); NEXT(4); }
H(i32_shl) { S(1) = (uint32_t)(I32(2) << (I32(3) & 31)); NEXT(4); }
H(i32_shr_s) { S(1) = (uint32_t)(SI32(2) >> (I32(3) & 31)); NEXT(4); }
H(i32_shr_u) { S(1) = I32(2) >> (I32(3) & 31); NEXT(4); }
H(i32_rotl) { S(1) = in_rotl32(I32(2), I32(3)); NEXT(4); }
H(i32_rotr) { S(1) = in_rotr32(I32(2), I32(3)); NEXT(4); }
/* i64 arithmetic */
H(i64_clz) { S(1) = in_clz64(I64(2)); NEXT(3); }
H(i64_ctz) { S(1) = in_ctz64(I64(2)); NEXT(3); }
H(i64_popcnt) { S(1) = in_pop64(I64(2)); NEXT(3); }
H(i64_add) { S(1) = I64(2) + I64(3); NEXT(4); }
H(i64_sub) { S(1) = I64(2) - I64(3); NEXT(4); }
H(i64_mul) { S(1) = I64(2) * I64(3); NEXT(4); }
H(i64_div_s) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    if (SI64(2) == INT64_MIN && SI64(3) == -1) TRAP(JW_TRAP_INT_OVERFLOW);
    S(1) = (uint64_t)(SI64(2) / SI64(3));
    NEXT(4);
}
H(i64_div_u) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I64(2) / I64(3);
    NEXT(4);
}
H(i64_rem_s) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = SI64(3) == -1 ? 0 : (uint64_t)(SI64(2) % SI64(3));
    NEXT(4);
}
H(i64_rem_u) {
    if (I64(3) == 0) TRAP(JW_TRAP_DIV_ZERO);
    S(1) = I64(2) % I64(3);
    NEXT(4);
}
H(i64_and) { S(1) = I64(2) & I64(3); NEXT(4); }
H(i64_or) { S(1) = I64(2) | I64(3); NEXT(4); }
H(i64_xor) { S(1) = I64(2) ^ I64(3); NEXT(4); }
H(i64_shl) { S(1) = I64(2) << (I64(3) & 63); NEXT(4); }
H(i64_shr_s) { S(1) = (uint64_t)(SI64(2) >> (I64(3) & 63)); NEXT(4); }
H(i64_shr_u) { S(1) = I64(2) >> (I64(3) & 63); NEXT(4); }
H(i64_rotl) { S(1) = in_rotl64(I64(2), I64(3)); NEXT(4); }
H(i64_rotr) { S(1) = in_rotr64(I64(2), I64(3)); NEXT(4); }
/* f32 arithmetic */
H(f32_abs) { S(1) = I32(2) & 0x7fffffffu; NEXT(3); }
H(f32_neg) { S(1) = I32(2) ^ 0x80000000u; NEXT(3); }
H(f32_ceil) { S(1) = jf_b32(jf_ceil32(F32(2))); NEXT(3); }
H(f32_floor) { S(1) = jf_b32(jf_floor32(F32(2))); NEXT(3); }
H(f32_trunc) { S(1) = jf_b32(jf_trunc32(F32(2))); NEXT(3); }
H(f32_nearest) { S(1) = jf_b32(jf_nearest32(F32(2))); NEXT(3); }
H(f32_sqrt) { S(1) = jf_b32(jf_sqrt32(F32(2))); NEXT(3); }
H(f32_add) { S(1) = jf_b32(F32(2) + F32(3)); NEXT(4); }
H(f32_sub) { S(1) = jf_b32(F32(2) - F32(3)); NEXT(4); }
H(f32_mul) { S(1) = jf_b32(F32(2) * F32(3)); NEXT(4); }
H(f32_div) { S(1) = jf_b32(F32(2) / F32(3)); NEXT(4); }
H(f32_min) { S(1) = jf_min32(F32(2), F32(3)); NEXT(4); }
H(f32_max) { S(1) = jf_max32(F32(2), F32(3)); NEXT(4); }
H(f32_copysign) { S(1) = in_copysign32(S(2), S(3)); NEXT(4); }
/* f64 arithmetic */
H(f64_abs) { S(1) = I64(2) & 0x7fffffffffffffffull; NEXT(3); }
H(f64_neg) { S(1) = I64(2) ^ 0x8000000000000000ull; NEXT(3); }
H(f64_ceil) { S(1) = jf_b64(jf_ceil64(F64(2))); NEXT(3); }
H(f64_floor) { S(1) = jf_b64(jf_floor64(F64(2))); NEXT(3); }
H(f64_trunc) { S(1) = jf_b64(jf_trunc64(F64(2))); NEXT(3); }
H(f64_nearest) { S(1) = jf_b64(jf_nearest64(F64(2))); NEXT(3); }
H(f64_sqrt) { S(1) = jf_b64(jf_sqrt64(F64(2))); NEXT(3); }
H(f64_add) { S(1) = jf_b64(F64(2) + F64(3)); NEXT(4); }
H(f64_sub) { S(1) = jf_b64(F64(2) - F64(3)); NEXT(4); }
H(f64_mul) { S(1) = jf_b64(F64(2) * F64(3)); NEXT(4); }
H(f64_div) { S(1) = jf_b64(F64(2) / F64(3)); NEXT(4); }
H(f64_min) { S(1) = jf_min64(F64(2), F64(3)); NEXT(4); }
H(f64_max) { S(1) = jf_max64(F64(2), F64(3)); NEXT(4); }
H(f64_copysign) { S(1) = in_copysign64(S(2), S(3)); NEXT(4); }
/* conversions */
H(i32_wrap_i64) { S(1) = (uint32_t)I64(2); NEXT(3); }
H(i32_trunc_f32_s) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -2147483904.0, 2147483648.0))) TRAP(tk);
    S(1) = (uint32_t)(int32_t)F32(2);
    NEXT(3);
}
H(i32_trunc_f32_u) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -1.0, 4294967296.0))) TRAP(tk);
    S(1) = (uint32_t)F32(2);
    NEXT(3);
}
H(i32_trunc_f64_s) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -2147483649.0, 2147483648.0))) TRAP(tk);
    S(1) = (uint32_t)(int32_t)F64(2);
    NEXT(3);
}
H(i32_trunc_f64_u) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -1.0, 4294967296.0))) TRAP(tk);
    S(1) = (uint32_t)F64(2);
    NEXT(3);
}
H(i64_extend_i32_s) { S(1) = (uint64_t)(int64_t)SI32(2); NEXT(3); }
H(i64_extend_i32_u) { S(1) = I32(2); NEXT(3); }
H(i64_trunc_f32_s) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -9223373136366403584.0, 9223372036854775808.0))) TRAP(tk);
    S(1) = (uint64_t)(int64_t)F32(2);
    NEXT(3);
}
H(i64_trunc_f32_u) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F32(2), -1.0, 18446744073709551616.0))) TRAP(tk);
    S(1) = (uint64_t)F32(2);
    NEXT(3);
}
H(i64_trunc_f64_s) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -9223372036854777856.0, 9223372036854775808.0))) TRAP(tk);
    S(1) = (uint64_t)(int64_t)F64(2);
    NEXT(3);
}
H(i64_trunc_f64_u) {
    jw_trap_kind_t tk;
    if ((tk = in_trunc_check(F64(2), -1.0, 18446744073709551616.0))) TRAP(tk);
    S(1) = (uint64_t)F64(2);
    NEXT(3);
}
H(f32_convert_i32_s) { S(1) = jf_b32((float)SI32(2)); NEXT(3); }
H(f32_convert_i32_u) { S(1) = jf_b32((float)I32(2)); NEXT(3); }
H(f32_convert_i64_s) { S(1) = jf_b32((float)SI64(2)); NEXT(3); }
H(f32_convert_i64_u) { S(1) = jf_b32((float)I64(2)); NEXT(3); }
H(f32_demote_f64) { S(1) = jf_b32((float)F64(2)); NEXT(3); }
H(f64_convert_i32_s) { S(1) = jf_b64((double)SI32(2)); NEXT(3); }
H(f64_convert_i32_u) { S(1) = jf_b64((double)I32(2)); NEXT(3); }
H(f64_convert_i64_s) { S(1) = jf_b64((double)SI64(2)); NEXT(3); }
H(f64_convert_i64_u) { S(1) = jf_b64((double)I64(2)); NEXT(3); }
H(f64_promote_f32) { S(1) = jf_b64((double)F32(2)); NEXT(3); }
H(i32_extend8_s) { S(1) = (uint32_t)(int32_t)(int8_t)I32(2); NEXT(3); }
H(i32_extend16_s) { S(1) = (uint32_t)(int32_t)(int16_t)I32(2); NEXT(3); }
H(i64_extend8_s) { S(1) = (uint64_t)(int64_t)(int8_t)I64(2); NEXT(3); }
H(i64_extend16_s) { S(1) = (uint64_t)(int64_t)(int16_t)I64(2); NEXT(3); }
H(i64_extend32_s) { S(1) = (uint64_t)(int64_t)(int32_t)I64(2); NEXT(3); }
H(i32_trunc_sat_f32_s) { S(1) = (uint32_t)in_sat_i32(F32(2)); NEXT(3); }
H(i32_trunc_sat_f32_u) { S(1) = in_sat_u32(F32(2)); NEXT(3); }
H(i32_trunc_sat_f64_s) { S(1) = (uint32_t)in_sat_i32(F64(2)); NEXT(3); }
H(i32_trunc_sat_f64_u) { S(1) = in_sat_u32(F64(2)); NEXT(3); }
H(i64_trunc_sat_f32_s) { S(1) = (uint64_t)in_sat_i64(F32(2)); NEXT(3); }
H(i64_trunc_sat_f32_u) { S(1) = in_sat_u64(F32(2)); NEXT(3); }
H(i64_trunc_sat_f64_s) { S(1) = (uint64_t)in_sat_i64(F64(2)); NEXT(3); }
H(i64_trunc_sat_f64_u) { S(1) = in_sat_u64(F64(2)); NEXT(3); }
// clang-format on
