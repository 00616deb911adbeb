/* SPDX-License-Identifier: MIT */
/* interp_simd.c: the v128 handlers (a unit of the dispatcher, interp.h). */
// clang-format off
#include "interp.h"
/*
 * A v128 operand is the slot pair fp[s], fp[s + 1]. The lane
 * arithmetic (simd.c) works on the slot pairs in place: a result pair is
 * either exactly an input's pair or disjoint from all inputs (operands sit
 * at their own stack positions or in locals), and simd.c allows r == a.
 * Handlers take no address of a local: with ASan, that would need stack
 * realignment, which preserve_none does not support. Every v128 result is
 * written with one 16-byte store (in_put2/in_vput): the next instruction
 * reads the pair with one 16-byte load, and a load that spans two smaller
 * stores cannot be forwarded from the store buffer (a stall of 10+ cycles
 * per instruction on x86-64).
 */
#include "simd.h"

/* The v128 slot pair named by operand word k. */
#define VP(k) ((jv_t *)(fp + pc[k]))

/* Bytes read by each v128.load form (0xfd 0x00..0x0a, 0x5c, 0x5d). */
static uint32_t in_v_load_size(uint32_t op) {
    static const uint8_t size[11] = {16, 8, 8, 8, 8, 8, 8, 1, 2, 4, 8};
    return op <= 0x0a ? size[op] : op == 0x5c ? 4 : 8;
}

/* Copies a lane of 1, 2, 4 or 8 bytes: constant sizes only, since a
 * variable-size memcpy would be a libc call in the freestanding build. */
static inline void in_lane_copy(uint8_t *d, const uint8_t *s, uint32_t sz) {
    switch (sz) {
    case 1: d[0] = s[0]; break;
    case 2: __builtin_memcpy(d, s, 2); break;
    case 4: __builtin_memcpy(d, s, 4); break;
    default: __builtin_memcpy(d, s, 8); break;
    }
}

/* d = a for slot pairs (no-op when they are the same pair). */
static inline void in_copy128(uint64_t *d, const uint64_t *a) {
    jv_u64x2 v;
    __builtin_memcpy(&v, a, 16);
    __builtin_memcpy(d, &v, 16);
}

/* Writes the pair (lo, hi) with one 16-byte store. */
static inline void in_put2(uint64_t *d, uint64_t lo, uint64_t hi) {
    jv_u64x2 v = {lo, hi};
    __builtin_memcpy(d, &v, 16);
}

H(op_copy128) { in_copy128(fp + W(1), fp + W(2)); NEXT(3); }
H(op_select128) { in_copy128(fp + W(1), fp + (I32(4) ? W(2) : W(3))); NEXT(5); }
H(op_global_get128) {
    const jw_global_t *g = x->inst->globals[W(2)];
    in_put2(fp + W(1), g->bits, g->hi);
    NEXT(3);
}
H(op_global_set128) {
    jw_global_t *g = x->inst->globals[W(1)];
    g->bits = fp[W(2)];
    g->hi = fp[W(2) + 1];
    NEXT(3);
}
/* The extending loads widen with __builtin_convertvector (exact sign or
 * zero extension on both targets); the others are 64-bit moves. Splats of
 * 8/16 bits go to simd.c. */
typedef int8_t in_i8x8 __attribute__((vector_size(8)));
typedef uint8_t in_u8x8 __attribute__((vector_size(8)));
typedef int16_t in_i16x4 __attribute__((vector_size(8)));
typedef uint16_t in_u16x4 __attribute__((vector_size(8)));
typedef int32_t in_i32x2 __attribute__((vector_size(8)));
typedef uint32_t in_u32x2 __attribute__((vector_size(8)));
typedef int16_t in_i16x8 __attribute__((vector_size(16)));
typedef int32_t in_i32x4 __attribute__((vector_size(16)));
typedef int64_t in_i64x2 __attribute__((vector_size(16)));
#define IN_WIDEN(from, to) do { from v_; __builtin_memcpy(&v_, p, 8); \
    to w_ = __builtin_convertvector(v_, to); __builtin_memcpy(d, &w_, 16); } while (0)
H(v_load) {
    uint32_t op = W(4);
    EA(2, in_v_load_size(op));
    const uint8_t *p = mb + ea;
    uint64_t *d = fp + W(1), lo;
    switch (op) {
    case 0x01: IN_WIDEN(in_i8x8, in_i16x8); break;
    case 0x02: IN_WIDEN(in_u8x8, jv_u16x8); break;
    case 0x03: IN_WIDEN(in_i16x4, in_i32x4); break;
    case 0x04: IN_WIDEN(in_u16x4, jv_u32x4); break;
    case 0x05: IN_WIDEN(in_i32x2, in_i64x2); break;
    case 0x06: IN_WIDEN(in_u32x2, jv_u64x2); break;
    case 0x09: lo = in_ld32(p); lo |= lo << 32; in_put2(d, lo, lo); break;
    case 0x0a: lo = in_ld64(p); in_put2(d, lo, lo); break;
    case 0x5c: in_put2(d, in_ld32(p), 0); break;
    case 0x5d: in_put2(d, in_ld64(p), 0); break;
    default: jv_load(op, VP(1), p); break;
    }
    NEXT(5);
}
#undef IN_WIDEN
H(v_store) {
    EA(1, 16);
    __builtin_memcpy(mb + ea, fp + W(2), 16);
    NEXT(4);
}
/* Lane loads/stores: the lane size is 16 / lane count, from the sub-opcode. */
H(v_load_lane) {
    uint32_t op = W(5) & 0xff, lane = W(5) >> 8, sz = 1u << (op - 0x54);
    uint64_t ea = (uint64_t)I32(2) + W(4);
    if (ea + sz > ms) TRAP(JW_TRAP_MEMORY_OOB);
    in_copy128(fp + W(1), fp + W(3));
    in_lane_copy((uint8_t *)(fp + W(1)) + lane * sz, mb + ea, sz);
    NEXT(6);
}
H(v_store_lane) {
    uint32_t op = W(4) & 0xff, lane = W(4) >> 8, sz = 1u << (op - 0x58);
    EA(1, sz);
    in_lane_copy(mb + ea, (const uint8_t *)(fp + W(2)) + lane * sz, sz);
    NEXT(5);
}
H(v_splat) { jv_splat(W(3), VP(1), S(2)); NEXT(4); }
H(v_extract) { S(1) = jv_extract(W(3) & 0xff, VP(2), W(3) >> 8); NEXT(4); }
H(v_replace) {
    uint64_t b = S(3);
    in_copy128(fp + W(1), fp + W(2));
    jv_replace(W(4) & 0xff, VP(1), b, W(4) >> 8);
    NEXT(5);
}
H(v_const) {
    in_put2(fp + W(1), (uint64_t)W(2) | (uint64_t)W(3) << 32, (uint64_t)W(4) | (uint64_t)W(5) << 32);
    NEXT(6);
}
H(v_shuffle) { jv_shuffle(VP(1), VP(2), VP(3), (const uint8_t *)(pc + 4)); NEXT(8); }
H(v_un) { jv_unop(W(3), VP(1), VP(2)); NEXT(4); }
H(v_test) { S(1) = jv_test(W(3), VP(2)); NEXT(4); }
H(v_bin) { jv_binop(W(4), VP(1), VP(2), VP(3)); NEXT(5); }
H(v_shift) { jv_shift(W(4), VP(1), VP(2), I32(3)); NEXT(5); }
H(v_bitselect) {
    const uint64_t *a = fp + W(2), *b = fp + W(3), *m = fp + W(4);
    in_put2(fp + W(1), (a[0] & m[0]) | (b[0] & ~m[0]), (a[1] & m[1]) | (b[1] & ~m[1]));
    NEXT(5);
}

H(v_load128) {
    EA(2, 16);
    __builtin_memcpy(fp + W(1), mb + ea, 16);
    NEXT(4);
}

/* The hot binary ops on clang vector types (exact, see simd.h): d a b. */
static inline jv_u8x16 in_u8x16(const uint64_t *s) { jv_u8x16 v; __builtin_memcpy(&v, s, 16); return v; }
static inline jv_u16x8 in_u16x8(const uint64_t *s) { jv_u16x8 v; __builtin_memcpy(&v, s, 16); return v; }
static inline jv_u32x4 in_u32x4(const uint64_t *s) { jv_u32x4 v; __builtin_memcpy(&v, s, 16); return v; }
static inline jv_u64x2 in_u64x2(const uint64_t *s) { jv_u64x2 v; __builtin_memcpy(&v, s, 16); return v; }
static inline jv_f32x4 in_f32x4(const uint64_t *s) { jv_f32x4 v; __builtin_memcpy(&v, s, 16); return v; }
static inline jv_f64x2 in_f64x2(const uint64_t *s) { jv_f64x2 v; __builtin_memcpy(&v, s, 16); return v; }
static inline void in_vput(uint64_t *d, jv_u8x16 v) { __builtin_memcpy(d, &v, 16); }
#define VA(T) in_##T(fp + pc[2])
#define VB(T) in_##T(fp + pc[3])
#define VOUT(e) do { in_vput(fp + pc[1], (jv_u8x16)(e)); NEXT(4); } while (0)
H(v_and) { VOUT(VA(u64x2) & VB(u64x2)); }
H(v_andnot) { VOUT(VA(u64x2) & ~VB(u64x2)); }
H(v_or) { VOUT(VA(u64x2) | VB(u64x2)); }
H(v_xor) { VOUT(VA(u64x2) ^ VB(u64x2)); }
H(v_i8x16_eq) { VOUT(VA(u8x16) == VB(u8x16)); }
H(v_i8x16_add) { VOUT(VA(u8x16) + VB(u8x16)); }
H(v_i8x16_sub) { VOUT(VA(u8x16) - VB(u8x16)); }
H(v_i16x8_eq) { VOUT(VA(u16x8) == VB(u16x8)); }
H(v_i16x8_add) { VOUT(VA(u16x8) + VB(u16x8)); }
H(v_i16x8_sub) { VOUT(VA(u16x8) - VB(u16x8)); }
H(v_i16x8_mul) { VOUT(VA(u16x8) * VB(u16x8)); }
H(v_i32x4_eq) { VOUT(VA(u32x4) == VB(u32x4)); }
H(v_i32x4_add) { VOUT(VA(u32x4) + VB(u32x4)); }
H(v_i32x4_sub) { VOUT(VA(u32x4) - VB(u32x4)); }
H(v_i32x4_mul) { VOUT(VA(u32x4) * VB(u32x4)); }
H(v_i64x2_add) { VOUT(VA(u64x2) + VB(u64x2)); }
H(v_i64x2_sub) { VOUT(VA(u64x2) - VB(u64x2)); }
H(v_f32x4_add) { VOUT(VA(f32x4) + VB(f32x4)); }
H(v_f32x4_sub) { VOUT(VA(f32x4) - VB(f32x4)); }
H(v_f32x4_mul) { VOUT(VA(f32x4) * VB(f32x4)); }
H(v_f32x4_div) { VOUT(VA(f32x4) / VB(f32x4)); }
H(v_f64x2_add) { VOUT(VA(f64x2) + VB(f64x2)); }
H(v_f64x2_sub) { VOUT(VA(f64x2) - VB(f64x2)); }
H(v_f64x2_mul) { VOUT(VA(f64x2) * VB(f64x2)); }
#undef VA
#undef VB
#undef VOUT
#undef VP

// clang-format on
