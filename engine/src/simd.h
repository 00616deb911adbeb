/* SPDX-License-Identifier: MIT */
/* simd.h: v128 values and the lane operations of fixed-width SIMD (0xfd prefix). */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/*
 * A v128 value, viewed as any lane shape. Both targets are little-endian,
 * so lane i of every shape sits at the same bytes as in wasm memory. In a
 * frame a v128 takes two consecutive 8-byte slots (see DESIGN.md); handlers
 * copy it in and out with jv_get/jv_put.
 */
typedef union jv {
    uint8_t u8[16];
    int8_t i8[16];
    uint16_t u16[8];
    int16_t i16[8];
    uint32_t u32[4];
    int32_t i32[4];
    uint64_t u64[2];
    int64_t i64[2];
    float f32[4];
    double f64[2];
} jv_t;

/*
 * Clang vector types, for the few operations whose vector form has exactly
 * the lane semantics wasm wants on both targets: wrapping integer
 * add/sub/mul, bitwise ops, lane equality, and IEEE float add/sub/mul/div
 * (SSE2 and AArch64 NEON lanes are IEEE single/double operations, like the
 * scalar ones; neither default mode flushes denormals). interp_simd.h uses
 * them for the hottest operations (see jv_fast_bin); everything else is
 * written lane by lane below.
 */
typedef uint8_t jv_u8x16 __attribute__((vector_size(16)));
typedef uint16_t jv_u16x8 __attribute__((vector_size(16)));
typedef uint32_t jv_u32x4 __attribute__((vector_size(16)));
typedef uint64_t jv_u64x2 __attribute__((vector_size(16)));
typedef float jv_f32x4 __attribute__((vector_size(16)));
typedef double jv_f64x2 __attribute__((vector_size(16)));

/* The sub-opcodes with their own internal instruction (IOP_V_FAST + index),
 * in this order; -1 if `op` has none. */
#define JV_NFAST 24
int jv_fast_bin(uint32_t op);

static inline jv_t jv_get(const uint64_t *slot)
{
    jv_t v;
    __builtin_memcpy(&v, slot, 16);
    return v;
}
static inline void jv_put(uint64_t *slot, const jv_t *v) { __builtin_memcpy(slot, v, 16); }

/* Instruction classes of the 0xfd sub-opcodes (wasm_ops.def's class
 * column): they decide the immediates, the validation signature and the
 * internal instruction. */
enum {
    JV_ILLEGAL,
    JV_LOAD,
    JV_STORE,
    JV_CONST,
    JV_SHUFFLE,
    JV_UN,
    JV_BIN,
    JV_TER,
    JV_TEST,
    JV_SHIFT,
    JV_SPLAT,
    JV_EXTRACT,
    JV_REPLACE,
    JV_LOAD_LANE,
    JV_STORE_LANE,
};

/* Lane operations, by wasm sub-opcode (the class decides which function). */
void jv_unop(uint32_t op, jv_t *r, const jv_t *a);
void jv_binop(uint32_t op, jv_t *r, const jv_t *a, const jv_t *b);
uint32_t jv_test(uint32_t op, const jv_t *a);
void jv_shift(uint32_t op, jv_t *r, const jv_t *a, uint32_t k);
void jv_splat(uint32_t op, jv_t *r, uint64_t x);
uint64_t jv_extract(uint32_t op, const jv_t *a, uint32_t lane);
void jv_replace(uint32_t op, jv_t *r, uint64_t x, uint32_t lane);
void jv_shuffle(jv_t *r, const jv_t *a, const jv_t *b, const uint8_t *lanes);
/* v128.load and its extending/splat/zero forms from `p` (bounds checked by the caller). */
void jv_load(uint32_t op, jv_t *r, const uint8_t *p);
