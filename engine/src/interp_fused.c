/* SPDX-License-Identifier: MIT */
/* interp_fused.c: the super-instruction handlers (fused memory, ALU and f64 ops, immediates; a unit of the dispatcher, interp.h). */
// clang-format off
#include "interp.h"
/*
 * Each handler does the work of the wasm
 * instructions the compiler fused (compile_num.c, compile_mem.c), with their
 * exact semantics: 32-bit address wrap before the static offset, two
 * roundings for a multiply-add, traps of the first access. Layouts: ops.h.
 */

/* Constant stores: a imm offset, a lo hi offset. */
H(st8_k) { EA(1, 1); mb[ea] = (uint8_t)W(2); NEXT(4); }
H(st16_k) { EA(1, 2); in_st16(mb + ea, (uint16_t)W(2)); NEXT(4); }
H(st32_k) { EA(1, 4); in_st32(mb + ea, W(2)); NEXT(4); }
H(st64_k) {
    uint64_t ea = (uint64_t)I32(1) + W(4);
    if (__builtin_expect(ea + 8 > ms, 0)) TRAP(JW_TRAP_MEMORY_OOB);
    in_st64(mb + ea, (uint64_t)W(2) | (uint64_t)W(3) << 32);
    NEXT(5);
}
/* Loads fused with their address add: d a imm|b offset. */
#define EA_SUM(b, sz) uint64_t ea = (uint64_t)(uint32_t)(I32(2) + (b)) + W(4); \
    if (__builtin_expect(ea + (sz) > ms, 0)) TRAP(JW_TRAP_MEMORY_OOB)
H(ld32_ai) { EA_SUM(W(3), 4); S(1) = in_ld32(mb + ea); NEXT(5); }
H(ld64_ai) { EA_SUM(W(3), 8); S(1) = in_ld64(mb + ea); NEXT(5); }
H(ld32_aa) { EA_SUM(I32(3), 4); S(1) = in_ld32(mb + ea); NEXT(5); }
H(ld64_aa) { EA_SUM(I32(3), 8); S(1) = in_ld64(mb + ea); NEXT(5); }
H(ld8s_ai) { EA_SUM(W(3), 1); S(1) = (uint32_t)(int32_t)(int8_t)mb[ea]; NEXT(5); }
H(ld8u_ai) { EA_SUM(W(3), 1); S(1) = mb[ea]; NEXT(5); }
H(ld16s_ai) { EA_SUM(W(3), 2); S(1) = (uint32_t)(int32_t)(int16_t)in_ld16(mb + ea); NEXT(5); }
H(ld16u_ai) { EA_SUM(W(3), 2); S(1) = in_ld16(mb + ea); NEXT(5); }
H(ld8s_aa) { EA_SUM(I32(3), 1); S(1) = (uint32_t)(int32_t)(int8_t)mb[ea]; NEXT(5); }
H(ld8u_aa) { EA_SUM(I32(3), 1); S(1) = mb[ea]; NEXT(5); }
H(ld16s_aa) { EA_SUM(I32(3), 2); S(1) = (uint32_t)(int32_t)(int16_t)in_ld16(mb + ea); NEXT(5); }
H(ld16u_aa) { EA_SUM(I32(3), 2); S(1) = in_ld16(mb + ea); NEXT(5); }
H(add_shl) { S(1) = (uint32_t)(I32(2) + (I32(3) << W(4))); NEXT(5); }
H(xor_shru) { S(1) = I32(2) ^ (I32(3) >> W(4)); NEXT(5); }
H(add3) { S(1) = (uint32_t)(I32(2) + I32(3) + I32(4)); NEXT(5); }
H(add3_i) { S(1) = (uint32_t)(I32(2) + I32(3) + W(4)); NEXT(5); }
H(add_i2) { S(1) = (uint32_t)(I32(2) + W(3)); S(4) = (uint32_t)(I32(5) + W(6)); NEXT(7); }
H(andn) { S(1) = I32(2) & ~I32(3); NEXT(4); }
/* d a b k offset */
#define EA_SCALED(sz) uint64_t ea = (uint64_t)(uint32_t)(I32(2) + (I32(3) << W(4))) + W(5); \
    if (__builtin_expect(ea + (sz) > ms, 0)) TRAP(JW_TRAP_MEMORY_OOB)
H(ld32_as) { EA_SCALED(4); S(1) = in_ld32(mb + ea); NEXT(6); }
H(ld64_as) { EA_SCALED(8); S(1) = in_ld64(mb + ea); NEXT(6); }
#undef EA_SCALED
/* d a b c: the product is rounded first, as by the two wasm instructions
 * (FP_CONTRACT OFF above: no fused multiply-add). */
H(f64_muladd) { double p = F64(2) * F64(3); S(1) = jf_b64(p + F64(4)); NEXT(5); }
H(f64_mulsub) { double p = F64(2) * F64(3); S(1) = jf_b64(p - F64(4)); NEXT(5); }
H(f64_submul) { double p = F64(2) * F64(3); S(1) = jf_b64(F64(4) - p); NEXT(5); }
#undef EA_SUM
/* f64 ops with memory operands (ops.h): F64_M(v, k) loads v, the f64 at
 * (u32)(slot k + word k+1) + word k+2; F64_P(v, k) the f64 at slot k +
 * word k+1, its address kept in v_ea for the read-modify-write. */
#define F64_AT(v, ea_) uint64_t v##_ea = (ea_); \
    if (__builtin_expect(v##_ea + 8 > ms, 0)) TRAP(JW_TRAP_MEMORY_OOB); \
    double v = jf_f64(in_ld64(mb + v##_ea))
#define F64_M(v, k) F64_AT(v, (uint64_t)(uint32_t)(I32(k) + W((k) + 1)) + W((k) + 2))
#define F64_P(v, k) F64_AT(v, (uint64_t)I32(k) + W((k) + 1))
H(f64_muladd_l) { F64_M(m, 4); double p = F64(2) * F64(3); S(1) = jf_b64(p + m); NEXT(7); }
H(f64_mulsub_l) { F64_M(m, 4); double p = F64(2) * F64(3); S(1) = jf_b64(p - m); NEXT(7); }
H(f64_submul_l) { F64_M(m, 4); double p = F64(2) * F64(3); S(1) = jf_b64(m - p); NEXT(7); }
H(f64_muladd_rmw) { F64_P(m, 1); double p = F64(3) * F64(4); in_st64(mb + m_ea, jf_b64(p + m)); NEXT(5); }
H(f64_mulsub_rmw) { F64_P(m, 1); double p = F64(3) * F64(4); in_st64(mb + m_ea, jf_b64(p - m)); NEXT(5); }
H(f64_submul_rmw) { F64_P(m, 1); double p = F64(3) * F64(4); in_st64(mb + m_ea, jf_b64(m - p)); NEXT(5); }
H(f64_add_m) { F64_M(m, 3); S(1) = jf_b64(F64(2) + m); NEXT(6); }
H(f64_sub_m) { F64_M(m, 3); S(1) = jf_b64(F64(2) - m); NEXT(6); }
H(f64_mul_m) { F64_M(m, 3); S(1) = jf_b64(F64(2) * m); NEXT(6); }
H(f64_div_m) { F64_M(m, 3); S(1) = jf_b64(F64(2) / m); NEXT(6); }
H(f64_muladd_ml) { F64_M(q, 3); F64_M(m, 6); double p = F64(2) * q; S(1) = jf_b64(p + m); NEXT(9); }
H(f64_axpy) { F64_M(q, 4); F64_P(m, 1); double p = F64(3) * q; in_st64(mb + m_ea, jf_b64(p + m)); NEXT(7); }
#undef F64_P
#undef F64_M
#undef F64_AT
/* i32 ops with an immediate: d a imm */
H(add_i) { S(1) = (uint32_t)(I32(2) + W(3)); NEXT(4); }
H(mul_i) { S(1) = (uint32_t)(I32(2) * W(3)); NEXT(4); }
H(and_i) { S(1) = I32(2) & W(3); NEXT(4); }
H(or_i) { S(1) = I32(2) | W(3); NEXT(4); }
H(xor_i) { S(1) = I32(2) ^ W(3); NEXT(4); }
H(shl_i) { S(1) = (uint32_t)(I32(2) << (W(3) & 31)); NEXT(4); }
H(shr_s_i) { S(1) = (uint32_t)(SI32(2) >> (W(3) & 31)); NEXT(4); }
H(shr_u_i) { S(1) = I32(2) >> (W(3) & 31); NEXT(4); }
H(rotl_i) { S(1) = in_rotl32(I32(2), W(3)); NEXT(4); }
H(rotr_i) { S(1) = in_rotr32(I32(2), W(3)); NEXT(4); }
/* i64 ops with an immediate: d a lo hi (division: k is neither 0 nor, signed, -1) */
#define K64 ((uint64_t)W(3) | (uint64_t)W(4) << 32)
H(add64_i) { S(1) = I64(2) + K64; NEXT(5); }
H(sub64_i) { S(1) = I64(2) - K64; NEXT(5); }
H(mul64_i) { S(1) = I64(2) * K64; NEXT(5); }
H(div64_s_i) { S(1) = (uint64_t)(SI64(2) / (int64_t)K64); NEXT(5); }
H(div64_u_i) { S(1) = I64(2) / K64; NEXT(5); }
H(rem64_s_i) { S(1) = (uint64_t)(SI64(2) % (int64_t)K64); NEXT(5); }
H(rem64_u_i) { S(1) = I64(2) % K64; NEXT(5); }
H(and64_i) { S(1) = I64(2) & K64; NEXT(5); }
H(or64_i) { S(1) = I64(2) | K64; NEXT(5); }
H(xor64_i) { S(1) = I64(2) ^ K64; NEXT(5); }
H(shl64_i) { S(1) = I64(2) << (W(3) & 63); NEXT(5); }
H(shr64_s_i) { S(1) = (uint64_t)(SI64(2) >> (W(3) & 63)); NEXT(5); }
H(shr64_u_i) { S(1) = I64(2) >> (W(3) & 63); NEXT(5); }
H(rotl64_i) { S(1) = in_rotl64(I64(2), W(3)); NEXT(5); }
H(rotr64_i) { S(1) = in_rotr64(I64(2), W(3)); NEXT(5); }
#undef K64
// clang-format on
